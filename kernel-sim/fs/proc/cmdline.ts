// Models linux/fs/proc/cmdline.c: /proc/cmdline, the command line the kernel booted with.
import { boot_desc } from '../../init/boot_state.ts';
import { seq_puts, type seq_file } from '../seq_file.ts';
import { proc_create_single } from './generic.ts';

function cmdline_proc_show(m: seq_file): number {
  seq_puts(m, `${boot_desc().cmdline}\n`);
  return 0;
}

export function proc_cmdline_init(): number {
  proc_create_single('cmdline', 0, null, cmdline_proc_show);
  return 0;
}
