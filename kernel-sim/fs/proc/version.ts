// Models linux/fs/proc/version.c and init/version.c's linux_proc_banner: /proc/version.
import { current } from '../../kernel/sched/core.ts';
import { seq_puts, type seq_file } from '../seq_file.ts';
import { proc_create_single } from './generic.ts';

/** Who built the kernel and with what, as the boot banner prints it (LINUX_COMPILE_BY@HOST, LINUX_COMPILER). */
export const LINUX_COMPILE_BY_HOST = 'kwb@kernel-workbench';
export const LINUX_COMPILER = 'clang version 22.0.0, LLD 22.0.0';

/** "%s version %s (by@host) (compiler) %s\n" over the reader's utsname (linux_proc_banner). */
export function version_proc_show(m: seq_file): number {
  const u = current().nsproxy.uts_ns.name;
  seq_puts(m, `${u.sysname} version ${u.release} (${LINUX_COMPILE_BY_HOST}) (${LINUX_COMPILER}) ${u.version}\n`);
  return 0;
}

export function proc_version_init(): number {
  proc_create_single('version', 0, null, version_proc_show);
  return 0;
}
