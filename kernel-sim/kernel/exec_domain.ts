// Models linux/kernel/exec_domain.c's /proc/execdomains: the one execution domain 6.1 has left, Linux's own.
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { seq_puts } from '../fs/seq_file.ts';
import { proc_create_single } from '../fs/proc/generic.ts';

/** proc_execdomains_init (module_init). */
function proc_execdomains_init(): number {
  proc_create_single('execdomains', 0, null, (m) => { seq_puts(m, '0-0\tLinux           \t[kernel]\n'); });
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'proc_execdomains_init', proc_execdomains_init, 2_000]];
