// fio 3.33's registration: /usr/bin/fio, as Debian 12 installs it.
import type { program } from '../index.ts';
import { fio_main } from './fio.ts';

export const fio_programs: Record<string, program> = { fio: { main: fio_main, path: '/usr/bin/fio' } };
