// Models linux/fs/proc/proc_tty.c's proc_tty_init: the /proc/tty subtree made at boot (ldisc, driver, ldiscs).
import { seq_puts } from '../seq_file.ts';
import { S_IRUSR, S_IXUSR } from '../../include/uapi/stat.ts';
import { proc_create_single, proc_mkdir, proc_mkdir_mode } from './generic.ts';

/** The line disciplines the kernel has registered, by number; N_TTY (0) is the only one this kernel has. */
const tty_ldiscs: readonly (readonly [string, number])[] = [['n_tty', 0]];

/** proc_tty_init (from proc_root_init). /proc/tty/drivers and driver/<name> files wait for a tty_driver list. */
export function proc_tty_init(): void {
  if (!proc_mkdir('tty', null)) return;
  proc_mkdir('tty/ldisc', null); // Preserved: it's userspace visible
  // driver/ is root-only: /proc/tty/driver/serial's character counts would give away password lengths.
  proc_mkdir_mode('tty/driver', S_IRUSR | S_IXUSR, null);
  // tty_ldiscs_seq_show: "%-10s %2d\n" per registered discipline.
  proc_create_single('tty/ldiscs', 0, null, (m) => {
    for (const [name, num] of tty_ldiscs) seq_puts(m, `${name.padEnd(10)} ${String(num).padStart(2)}\n`);
  });
}
