// Models QEMU hw/char/serial.c: the 16550A UART (console ttyS0 at 0x3f8, IRQ 4).
import type { QEMUTimer } from '../core/clock.ts';
import { type qemu_irq, qemu_set_irq } from '../core/irq.ts';
import { MemoryRegion } from '../core/memory.ts';
import { DeviceState, type HwContext } from '../core/qdev.ts';
import { type VMStateDescription, vmstate_info_numbers, vmstate_info_scalar, vmstate_info_timer } from '../core/vmstate.ts';
import type { TypeInfo } from '../core/qom.ts';
import type { ICH9LPCState } from '../isa/lpc_ich9.ts';
import { prop_bool, prop_cells, prop_u32 } from '../../scripts/dtc/livetree.ts';

export const UART_LCR_DLAB = 0x80;
export const UART_IER_MSI = 0x08;
export const UART_IER_RLSI = 0x04;
export const UART_IER_THRI = 0x02;
export const UART_IER_RDI = 0x01;
export const UART_IIR_NO_INT = 0x01;
export const UART_IIR_RLSI = 0x06;
export const UART_IIR_RDI = 0x04;
export const UART_IIR_CTI = 0x0c;
export const UART_IIR_THRI = 0x02;
export const UART_IIR_MSI = 0x00;
export const UART_IIR_FE = 0xc0;
export const UART_MCR_LOOP = 0x10;
export const UART_MCR_OUT2 = 0x08;
export const UART_MCR_OUT1 = 0x04;
export const UART_MCR_RTS = 0x02;
export const UART_MCR_DTR = 0x01;
export const UART_MSR_DCD = 0x80;
export const UART_MSR_RI = 0x40;
export const UART_MSR_DSR = 0x20;
export const UART_MSR_CTS = 0x10;
export const UART_LSR_TEMT = 0x40;
export const UART_LSR_THRE = 0x20;
export const UART_LSR_BI = 0x10;
export const UART_LSR_OE = 0x02;
export const UART_LSR_DR = 0x01;
export const UART_FCR_FE = 0x01;
export const UART_FCR_RFR = 0x02;
export const UART_FCR_XFR = 0x04;
export const UART_FIFO_LENGTH = 16;

export interface SerialOptions {
  /** Input clock (clock-frequency): 1843200 Hz on a PC. */
  baudbase_clock?: number;
  /** Bytes the guest transmits (the chardev backend: the terminal). */
  chr_write?: (byte: number) => void;
  /** Model transmission time per character at the programmed baud rate (default false: instant). */
  paced?: boolean;
}

export class SerialState extends DeviceState {
  readonly type_info = { name: 'isa-serial', desc: '16550A-compatible serial port' };
  divider = 0;
  rbr = 0;
  thr = 0;
  ier = 0;
  iir = UART_IIR_NO_INT;
  lcr = 0;
  mcr = UART_MCR_OUT2;
  lsr = UART_LSR_TEMT | UART_LSR_THRE;
  msr = UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;
  scr = 0;
  fcr = 0;
  thr_ipending = 0;
  recv_fifo: number[] = [];
  /** Host input waiting for room in the 16-byte FIFO (chardev flow control). */
  input_queue: number[] = [];
  /** Everything transmitted, for tests and the UI console. */
  readonly io: MemoryRegion;
  irq: qemu_irq | null = null;
  private readonly baudbase: number;
  private tx_timer!: QEMUTimer;

  constructor(
    ctx: HwContext,
    id: string,
    private readonly opts: SerialOptions = {},
  ) {
    super(ctx, id);
    this.baudbase = (opts.baudbase_clock ?? 1843200) / 16;
    this.io = new MemoryRegion(this, 'serial', 8, {
      read: (off) => this.serial_ioport_read(off),
      write: (off, v) => this.serial_ioport_write(off, Number(v)),
      valid: { min_access_size: 1, max_access_size: 1, check: (_o, s) => (s !== 1 ? 'UART registers are 8 bits wide: use inb/outb' : null) },
    });
  }

  override realize(): void {
    this.tx_timer = this.ctx.clock.timer_new_ns(() => this.tx_done());
    super.realize();
  }

  reset(): void {
    this.divider = 0x0c;
    this.rbr = 0;
    this.ier = 0;
    this.iir = UART_IIR_NO_INT;
    this.lcr = 0;
    this.lsr = UART_LSR_TEMT | UART_LSR_THRE;
    this.msr = UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;
    this.mcr = UART_MCR_OUT2;
    this.scr = 0;
    this.fcr = 0;
    this.thr_ipending = 0;
    this.recv_fifo = [];
    if (this.tx_timer) this.ctx.clock.timer_del(this.tx_timer);
    qemu_set_irq(this.irq, 0);
  }

  /** Baud rate the guest programmed (divisor latch). */
  baud(): number {
    return this.divider ? Math.floor(this.baudbase / this.divider) : 0;
  }

  /** serial_update_irq(): IIR priority order and the IRQ line. */
  private serial_update_irq(): void {
    let tmp = UART_IIR_NO_INT;
    if (this.ier & UART_IER_RLSI && this.lsr & (UART_LSR_OE | UART_LSR_BI)) tmp = UART_IIR_RLSI;
    else if (this.ier & UART_IER_RDI && this.lsr & UART_LSR_DR) tmp = this.fcr & UART_FCR_FE ? UART_IIR_CTI : UART_IIR_RDI;
    else if (this.ier & UART_IER_THRI && this.thr_ipending) tmp = UART_IIR_THRI;
    else if (this.ier & UART_IER_MSI && this.msr & 0x0f) tmp = UART_IIR_MSI;
    this.iir = tmp | (this.iir & 0xf0);
    // On a PC, OUT2 gates the UART's interrupt onto the ISA line.
    qemu_set_irq(this.irq, tmp !== UART_IIR_NO_INT && this.mcr & UART_MCR_OUT2 ? 1 : 0);
  }

  /** Host side: bytes typed into the terminal. */
  receive(bytes: Iterable<number>): void {
    for (const b of bytes) this.input_queue.push(b & 0xff);
    this.refill();
  }

  private refill(): void {
    let got = false;
    while (this.input_queue.length && this.recv_fifo.length < (this.fcr & UART_FCR_FE ? UART_FIFO_LENGTH : 1)) {
      this.recv_fifo.push(this.input_queue.shift()!);
      got = true;
    }
    if (got || this.recv_fifo.length) {
      this.lsr |= UART_LSR_DR;
      this.serial_update_irq();
    }
  }

  private transmit(byte: number): void {
    if (this.mcr & UART_MCR_LOOP) {
      this.recv_fifo.push(byte);
      this.lsr |= UART_LSR_DR;
    } else this.opts.chr_write?.(byte);
  }

  private tx_done(): void {
    this.lsr |= UART_LSR_THRE | UART_LSR_TEMT;
    this.thr_ipending = 1;
    this.serial_update_irq();
  }

  serial_ioport_write(off: number, val: number): void {
    const v = val & 0xff;
    switch (off) {
      case 0:
        if (this.lcr & UART_LCR_DLAB) {
          this.divider = (this.divider & 0xff00) | v;
          return;
        }
        this.thr = v;
        this.thr_ipending = 0;
        this.lsr &= ~(UART_LSR_THRE | UART_LSR_TEMT);
        this.serial_update_irq();
        this.transmit(v);
        if (this.opts.paced && this.baud()) {
          this.ctx.clock.timer_mod(this.tx_timer, this.ctx.clock.now_ns() + Math.round((10 * 1e9) / this.baud()));
        } else this.tx_done();
        return;
      case 1:
        if (this.lcr & UART_LCR_DLAB) {
          this.divider = (this.divider & 0x00ff) | (v << 8);
          return;
        }
        {
          const changed = (this.ier ^ v) & 0x0f;
          this.ier = v & 0x0f;
          // Enabling THRI with an empty THR raises it right away (as on real 16550s).
          if (changed & UART_IER_THRI && this.ier & UART_IER_THRI && this.lsr & UART_LSR_THRE) this.thr_ipending = 1;
          this.serial_update_irq();
        }
        return;
      case 2:
        if (v & UART_FCR_RFR) {
          this.recv_fifo = [];
          this.lsr &= ~UART_LSR_DR;
        }
        this.fcr = v & 0xc9;
        this.iir = (this.iir & 0x0f) | (this.fcr & UART_FCR_FE ? UART_IIR_FE : 0);
        this.refill();
        this.serial_update_irq();
        return;
      case 3:
        this.lcr = v;
        return;
      case 4:
        this.mcr = v & 0x1f;
        this.serial_update_irq();
        return;
      case 5:
      case 6:
        return; // LSR/MSR are read-only (factory test writes ignored)
      case 7:
        this.scr = v;
        return;
    }
  }

  serial_ioport_read(off: number): number {
    switch (off) {
      case 0: {
        if (this.lcr & UART_LCR_DLAB) return this.divider & 0xff;
        const b = this.recv_fifo.shift();
        if (b !== undefined) this.rbr = b;
        if (!this.recv_fifo.length) this.lsr &= ~(UART_LSR_DR | UART_LSR_BI);
        this.refill();
        this.serial_update_irq();
        return this.rbr;
      }
      case 1:
        return this.lcr & UART_LCR_DLAB ? (this.divider >> 8) & 0xff : this.ier;
      case 2: {
        const r = this.iir;
        if ((r & 0x0f) === UART_IIR_THRI) {
          // Reading IIR acknowledges the THRE interrupt.
          this.thr_ipending = 0;
          this.serial_update_irq();
        }
        return r;
      }
      case 3:
        return this.lcr;
      case 4:
        return this.mcr;
      case 5: {
        const r = this.lsr;
        if (this.lsr & (UART_LSR_BI | UART_LSR_OE)) {
          this.lsr &= ~(UART_LSR_BI | UART_LSR_OE);
          this.serial_update_irq();
        }
        return r;
      }
      case 6:
        if (this.mcr & UART_MCR_LOOP) {
          let r = (this.mcr & 0x0c) << 4;
          r |= (this.mcr & 0x02) << 3;
          r |= (this.mcr & 0x01) << 5;
          return r;
        }
        return this.msr;
      default:
        return this.scr;
    }
  }

  /** vmstate_serial: the registers, the FIFOs, the transmit timer; the interrupt line is recomputed after (serial_post_load). */
  readonly vmsd: VMStateDescription<SerialState> = {
    name: 'serial',
    fields: [
      ...(['divider', 'rbr', 'thr', 'ier', 'iir', 'lcr', 'mcr', 'lsr', 'msr', 'scr', 'fcr', 'thr_ipending'] as const).map((f) => [f, vmstate_info_scalar] as const),
      ['recv_fifo', vmstate_info_numbers], ['input_queue', vmstate_info_numbers], ['tx_timer', vmstate_info_timer((d) => (d as SerialState).ctx.clock)],
    ],
    post_load: (d) => d.serial_update_irq(),
  };
}

/** An ns16550a node on the ISA bus: reg = <1 port size> in I/O space, interrupts = <irq> (default 4). */
export const types: TypeInfo<SerialState>[] = [{
  name: 'isa-serial', compatible: 'ns16550a', bus: 'isa',
  instance_init: (ctx, n, env) => {
    const s: SerialState = new SerialState(ctx, `serial@${Number(prop_cells(n.get_property('reg')!)[1]).toString(16)}`, {
      baudbase_clock: prop_u32(n, 'clock-frequency'),
      paced: prop_bool(n, 'kwb,paced'),
      chr_write: (b) => env.chr_write(s, b),
    });
    return s;
  },
  plug: (s, env) => {
    const reg = prop_cells(env.node.get_property('reg')!);
    if (Number(reg[0]) !== 1) { env.fail(`ISA "reg" of ${env.node.full_path} must be in I/O space: <1 port size>, not space ${reg[0]}`); return; }
    const irq = env.node.get_property('interrupts') ? Number(prop_cells(env.node.get_property('interrupts')!)[0]) : 4;
    s.irq = (env.parent as ICH9LPCState).isa_get_irq(irq);
    env.machine.system_io.memory_region_add_subregion(Number(reg[1]), s.io);
    env.machine.serials.push(s);
  },
}];
