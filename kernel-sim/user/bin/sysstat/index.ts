// sysstat 12.6's registration: iostat in /usr/bin, as Debian 12 installs it.
import type { program } from '../index.ts';
import { iostat_main } from './iostat.ts';

export const sysstat_programs: Record<string, program> = { iostat: { main: iostat_main, path: '/usr/bin/iostat' } };
