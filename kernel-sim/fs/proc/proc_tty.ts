// Models linux/fs/proc/proc_tty.c's proc_tty_init: the /proc/tty subtree made at boot (ldisc, driver, ldiscs, drivers).
import { seq_puts, type seq_file } from '../seq_file.ts';
import { MKDEV, MAJOR, MINOR } from '../../include/linux/fs_types.ts';
import { tty_drivers, TTYAUX_MAJOR, type tty_driver } from '../../drivers/tty/tty_io.ts';
import { S_IRUSR, S_IXUSR } from '../../include/uapi/stat.ts';
import { proc_create_single, proc_create_single_data, proc_mkdir, proc_mkdir_mode } from './generic.ts';

/** The line disciplines the kernel has registered, by number; N_TTY (0) is the only one this kernel has. */
const tty_ldiscs: readonly (readonly [string, number])[] = [['n_tty', 0]];

const TTY_MAJOR = 4;

/** The device lines show_tty_driver prints before the first driver: /dev/tty, console, ptmx (UNIX98_PTYS), vc/0 (VT). */
const pseudo_drivers: readonly (readonly [string, number, number, string])[] = [
  ['tty', TTYAUX_MAJOR, 0, 'system:/dev/tty'], ['console', TTYAUX_MAJOR, 1, 'system:console'],
  ['ptmx', TTYAUX_MAJOR, 2, 'system'], ['vc/0', TTY_MAJOR, 0, 'system:vtmaster'],
];

/** show_tty_range: one line per major a driver's numbers cover. */
function show_tty_range(m: seq_file, p: tty_driver, from: number, num: number): void {
  const range = p.num > 1 ? `${String(MAJOR(from)).padStart(3)} ${MINOR(from)}-${MINOR(from) + num - 1}`
    : `${String(MAJOR(from)).padStart(3)} ${String(MINOR(from)).padStart(7)}`;
  seq_puts(m, `${(p.driver_name ?? 'unknown').padEnd(20)} /dev/${p.name.padEnd(8)} ${range} ${p.type}\n`);
}

/** show_tty_driver for each driver on tty_drivers (newest first), the pseudo-drivers ahead of the first. */
function tty_drivers_show(m: seq_file): void {
  const list = tty_drivers();
  if (list.length) {
    for (const [name, major, minor, type] of pseudo_drivers) {
      seq_puts(m, `${`/dev/${name}`.padEnd(20)} /dev/${name.padEnd(8)} ${String(major).padStart(3)} ${String(minor).padStart(7)} ${type}\n`);
    }
  }
  for (const p of list) {
    let from = MKDEV(p.major, p.minor_start);
    const to = from + p.num;
    while (MAJOR(from) < MAJOR(to)) {
      const next = MKDEV(MAJOR(from) + 1, 0);
      show_tty_range(m, p, from, next - from);
      from = next;
    }
    if (from !== to) show_tty_range(m, p, from, to - from);
  }
}

/** proc_tty_init (from proc_root_init). */
export function proc_tty_init(): void {
  if (!proc_mkdir('tty', null)) return;
  proc_mkdir('tty/ldisc', null); // Preserved: it's userspace visible
  // driver/ is root-only: /proc/tty/driver/serial's character counts would give away password lengths.
  proc_mkdir_mode('tty/driver', S_IRUSR | S_IXUSR, null);
  // tty_ldiscs_seq_show: "%-10s %2d\n" per registered discipline.
  proc_create_single('tty/ldiscs', 0, null, (m) => {
    for (const [name, num] of tty_ldiscs) seq_puts(m, `${name.padEnd(10)} ${String(num).padStart(2)}\n`);
  });
  // Linux walks the list with seq_operations (tty_drivers_op); the text is the same printed in one go.
  proc_create_single('tty/drivers', 0, null, tty_drivers_show);
}

/** proc_tty_register_driver(): /proc/tty/driver/<driver_name> for a driver with a proc_show (serial_core's uart_proc_show). */
export function proc_tty_register_driver(driver: tty_driver, proc_show: (m: seq_file) => void): void {
  if (!driver.driver_name) return;
  proc_create_single_data(`tty/driver/${driver.driver_name}`, 0, null, proc_show, driver);
}
