// Models linux/drivers/tty/serial/8250/8250_core.c: the ttyS serial ports and the serial console.
import type { tty_struct } from '../../../include/linux/tty.ts';
import { MKDEV } from '../../../include/linux/fs_types.ts';
import { defineState } from '../../../kernel/state.ts';
import { alloc_tty_struct, tty_register, tty_register_driver, tty_receive, set_console_tty } from '../tty_io.ts';
import { register_console } from '../../../kernel/printk/printk.ts';
import { pr_info } from '../../../kernel/printk/printk.ts';
import type { initcall_entry } from '../../../init/link_vmlinux.ts';

export const TTY_MAJOR = 4;
export const SERIAL_MINOR_BASE = 64;
export const UART_NR = 4;

/** Where a port's transmitted bytes go: the UART model, which the machine connects to a terminal. */
export type uart_tx = (data: Uint8Array) => void;

interface SerialState {
  ports: { tty: tty_struct; tx: uart_tx | null }[];
  /** The UART hardware behind each port: where transmitted bytes go. */
  backend: ((port: number, data: Uint8Array) => void) | null;
  /** console=ttySn: the port /dev/console is. */
  console_port: number;
}

const serialState = defineState<SerialState>('serial8250', () => ({ ports: [], backend: null, console_port: -1 }));

/** Connects the driver to the machine's UARTs; set before boot. */
export function serial8250_set_backend(fn: (port: number, data: Uint8Array) => void, console_port: number): void {
  const s = serialState();
  s.backend = fn;
  s.console_port = console_port;
}

const enc = new TextEncoder();

/** serial8250_init: ttyS0..ttyS3 at the legacy ISA addresses. */
export function serial8250_init(): number {
  // uart_register_driver: serial8250_reg's driver_name "serial", dev_name "ttyS", TTY_DRIVER_TYPE_SERIAL.
  const r = tty_register_driver({ driver_name: 'serial', name: 'ttyS', major: TTY_MAJOR, minor_start: SERIAL_MINOR_BASE, num: UART_NR, type: 'serial' });
  if (r) return r;
  const s = serialState();
  pr_info(`Serial: 8250/16550 driver, ${UART_NR} ports, IRQ sharing enabled`);
  for (let i = 0; i < UART_NR; i++) {
    const port = { tty: null as unknown as tty_struct, tx: null as uart_tx | null };
    port.tty = alloc_tty_struct(`ttyS${i}`, i, 'serial', { write: (_tty, data) => { port.tx?.(data); return data.length; } });
    tty_register(MKDEV(TTY_MAJOR, SERIAL_MINOR_BASE + i), port.tty);
    const backend = s.backend;
    if (backend) port.tx = (data) => backend(i, data);
    s.ports.push(port);
  }
  pr_info(`00:0${3 + 0}: ttyS0 at I/O 0x3f8 (irq = 4, base_baud = 115200) is a 16550A`);
  if (s.console_port >= 0 && s.ports[s.console_port]) set_console_tty(s.ports[s.console_port].tty);
  return 0;
}

export function serial8250_port(i: number): tty_struct | null {
  return serialState().ports[i]?.tty ?? null;
}

/** Connects a port's transmitter to the outside (the UART model / host terminal). */
export function serial8250_set_tx(i: number, tx: uart_tx): void {
  const p = serialState().ports[i];
  if (p) p.tx = tx;
}

/** Bytes received by a port's UART (typed on the host terminal). */
export function serial8250_rx(i: number, data: Uint8Array): void {
  const p = serialState().ports[i];
  if (p) tty_receive(p.tty, data);
}

/** register_console for console=ttySn: printk lines go straight to that UART with CR LF (serial8250_console_write). */
export function serial8250_console_setup(i: number): void {
  register_console({
    name: `ttyS${i}`,
    write: (text) => { serialState().backend?.(i, enc.encode(text.replace(/\n/g, '\r\n'))); },
  });
}

export const initcalls: initcall_entry[] = [['device', 'serial8250_init', serial8250_init, 5_600_000]];
