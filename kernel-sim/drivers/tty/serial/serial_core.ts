// Models linux/drivers/tty/serial/serial_core.c's uart_register_driver and /proc/tty/driver/<name> (uart_proc_show, uart_line_info).
import type { seq_file } from '../../../fs/seq_file.ts';
import { seq_puts } from '../../../fs/seq_file.ts';
import { proc_tty_register_driver } from '../../../fs/proc/proc_tty.ts';
import { capable, CAP_SYS_ADMIN } from '../../../kernel/capability.ts';
import { tty_register_driver, type tty_driver } from '../tty_io.ts';

/** include/uapi/asm-generic/termios.h's TIOCM_* bits, as get_mctrl and uport->mctrl carry them. */
export const TIOCM_DTR = 0x002, TIOCM_RTS = 0x004, TIOCM_CTS = 0x020, TIOCM_CAR = 0x040, TIOCM_RNG = 0x080, TIOCM_DSR = 0x100;

/** What uart_line_info reads of a struct uart_port. */
export interface uart_port {
  line: number;
  /** uart_type(): the name of the type autoconfig found ("16550A"), "unknown" for PORT_UNKNOWN. */
  type_name: string;
  known: boolean;
  iobase: number;
  irq: number;
  /** icount.tx / icount.rx: bytes moved through the tty (not the console's own writes). */
  icount: { tx: number; rx: number };
  /** The modem lines the driver drives (RTS, DTR: raised while the tty is open). */
  mctrl(): number;
  /** ops->get_mctrl(): the lines the UART reports (CTS, DSR, CD, RI). */
  get_mctrl(): number;
}

/** struct uart_driver: the tty driver it registers and its ports by line. */
export interface uart_driver { tty: tty_driver; ports: () => readonly uart_port[] }

/** uart_line_info(): one line per port; counters and modem lines only for CAP_SYS_ADMIN, nothing past the address for PORT_UNKNOWN. */
function uart_line_info(m: seq_file, p: uart_port): void {
  seq_puts(m, `${p.line}: uart:${p.type_name} port:${p.iobase.toString(16).toUpperCase().padStart(8, '0')} irq:${p.irq}`);
  if (p.known && capable(CAP_SYS_ADMIN)) {
    seq_puts(m, ` tx:${p.icount.tx} rx:${p.icount.rx}`);
    const mctrl = p.mctrl(), status = p.get_mctrl();
    // INFOBIT for what the driver drives, STATBIT for what the UART reports, in uart_line_info's order.
    const bits: [number, number, string][] = [[mctrl, TIOCM_RTS, 'RTS'], [status, TIOCM_CTS, 'CTS'], [mctrl, TIOCM_DTR, 'DTR'],
      [status, TIOCM_DSR, 'DSR'], [status, TIOCM_CAR, 'CD'], [status, TIOCM_RNG, 'RI']];
    const set = bits.filter(([v, bit]) => v & bit).map(([, , s]) => s);
    if (set.length) seq_puts(m, ` ${set.join('|')}`);
  }
  seq_puts(m, '\n');
}

/** uart_register_driver(): the tty driver, and (tty_register_driver's proc_tty_register_driver, for drivers with proc_show) its /proc/tty/driver file. */
export function uart_register_driver(drv: uart_driver): number {
  const r = tty_register_driver(drv.tty);
  if (r) return r;
  proc_tty_register_driver(drv.tty, (m) => {
    seq_puts(m, 'serinfo:1.0 driver revision:\n');
    for (const p of drv.ports()) uart_line_info(m, p);
  });
  return 0;
}
