// blktrace 1.3.0's registrations: blktrace in /usr/sbin and blkparse in /usr/bin, as Debian 12 installs them.
import type { program } from '../index.ts';
import { blktrace_main } from './blktrace.ts';
import { blkparse_main } from './blkparse.ts';

export const blktrace_programs: Record<string, program> = {
  blktrace: { main: blktrace_main, path: '/usr/sbin/blktrace' },
  blkparse: { main: blkparse_main, path: '/usr/bin/blkparse' },
};
