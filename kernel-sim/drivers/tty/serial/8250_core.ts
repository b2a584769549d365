// Models linux/drivers/tty/serial/8250/8250_core.c: the ttyS serial ports and the serial console.
import type { tty_struct } from '../../../include/linux/tty.ts';
import { MKDEV } from '../../../include/linux/fs_types.ts';
import { defineState } from '../../../kernel/state.ts';
import { alloc_tty_struct, tty_register, tty_receive, set_console_tty } from '../tty_io.ts';
import { inb, outb } from '../../../arch/x86/io.ts';
import { uart_register_driver, TIOCM_CAR, TIOCM_CTS, TIOCM_DSR, TIOCM_DTR, TIOCM_RNG, TIOCM_RTS, type uart_port } from './serial_core.ts';
import { register_console } from '../../../kernel/printk/printk.ts';
import { pr_info } from '../../../kernel/printk/printk.ts';
import type { initcall_entry } from '../../../init/link_vmlinux.ts';

export const TTY_MAJOR = 4;
export const SERIAL_MINOR_BASE = 64;
export const UART_NR = 4;

/** Where a port's transmitted bytes go: the UART model, which the machine connects to a terminal. */
export type uart_tx = (data: Uint8Array) => void;

/** arch/x86/include/asm/serial.h's SERIAL_PORT_DFNS: the four legacy ports serial8250_isa_init_ports sets up. */
const old_serial_port: readonly (readonly [number, number])[] = [[0x3f8, 4], [0x2f8, 3], [0x3e8, 4], [0x2e8, 3]];

interface serial_port { tty: tty_struct; tx: uart_tx | null; uart: uart_port }

interface SerialState {
  ports: serial_port[];
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

const UART_IER = 1, UART_IIR = 2, UART_FCR = 2, UART_MCR = 4, UART_MSR = 6;
const UART_MCR_LOOP = 0x10, UART_FCR_ENABLE_FIFO = 0x01;

/**
 * autoconfig() (8250_port.c): what UART answers at `base` — the IER scratch test (nothing there reads back 0xff),
 * the loopback test, then the FIFO bits of IIR with the FIFO enabled: 0 8250/16450, 1 unknown, 2 16550, 3 16550A
 * (autoconfig_16550a's probes for EFR-based and 64-byte-FIFO parts find none on a plain 16550A).
 */
function autoconfig(base: number): string | null {
  const scratch = inb(base + UART_IER);
  outb(0, base + UART_IER);
  const scratch2 = inb(base + UART_IER) & 0x0f;
  outb(0x0f, base + UART_IER);
  const scratch3 = inb(base + UART_IER) & 0x0f;
  outb(scratch, base + UART_IER);
  if (scratch2 !== 0 || scratch3 !== 0x0f) return null;
  const save_mcr = inb(base + UART_MCR);
  outb(UART_MCR_LOOP | 0x0a, base + UART_MCR);
  const status1 = inb(base + UART_MSR) & 0xf0;
  outb(save_mcr, base + UART_MCR);
  if (status1 !== 0x90) return null;
  outb(UART_FCR_ENABLE_FIFO, base + UART_FCR);
  const fifo = inb(base + UART_IIR) >> 6;
  outb(0, base + UART_FCR);
  return (['16450', null, '16550', '16550A'] as const)[fifo] ?? null;
}

/** serial8250_get_mctrl(): the modem status register's lines as TIOCM bits. */
function serial8250_get_mctrl(base: number): number {
  const msr = inb(base + UART_MSR);
  return (msr & 0x80 ? TIOCM_CAR : 0) | (msr & 0x40 ? TIOCM_RNG : 0) | (msr & 0x20 ? TIOCM_DSR : 0) | (msr & 0x10 ? TIOCM_CTS : 0);
}

/** serial8250_init: ttyS0..ttyS3 at the legacy ISA addresses. */
export function serial8250_init(): number {
  const s = serialState();
  // serial8250_reg: driver_name "serial", dev_name "ttyS", TTY_DRIVER_TYPE_SERIAL.
  const r = uart_register_driver({
    tty: { driver_name: 'serial', name: 'ttyS', major: TTY_MAJOR, minor_start: SERIAL_MINOR_BASE, num: UART_NR, type: 'serial' },
    ports: () => s.ports.map((p) => p.uart),
  });
  if (r) return r;
  pr_info(`Serial: 8250/16550 driver, ${UART_NR} ports, IRQ sharing enabled`);
  for (let i = 0; i < UART_NR; i++) {
    const [iobase, irq] = old_serial_port[i]!;
    const type = autoconfig(iobase);
    const port: serial_port = {
      tty: null as unknown as tty_struct, tx: null,
      uart: {
        line: i, type_name: type ?? 'unknown', known: type !== null, iobase, irq, icount: { tx: 0, rx: 0 },
        // uart_port_dtr_rts(): RTS and DTR are raised while the tty is open and dropped (HUPCL) on its last close.
        mctrl: () => (port.tty.count > 0 ? TIOCM_RTS | TIOCM_DTR : 0),
        get_mctrl: () => serial8250_get_mctrl(iobase),
      },
    };
    port.tty = alloc_tty_struct(`ttyS${i}`, i, 'serial', { write: (_tty, data) => { port.uart.icount.tx += data.length; port.tx?.(data); return data.length; } });
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
  if (!p) return;
  p.uart.icount.rx += data.length;
  tty_receive(p.tty, data);
}

/** register_console for console=ttySn: printk lines go straight to that UART with CR LF (serial8250_console_write). */
export function serial8250_console_setup(i: number): void {
  register_console({
    name: `ttyS${i}`,
    write: (text) => { serialState().backend?.(i, enc.encode(text.replace(/\n/g, '\r\n'))); },
  });
}

export const initcalls: initcall_entry[] = [['device', 'serial8250_init', serial8250_init, 5_600_000]];
