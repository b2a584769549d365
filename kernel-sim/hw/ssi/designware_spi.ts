// Models the Synopsys DesignWare APB SSI (DW_apb_ssi 3.23a, "snps,dw-apb-ssi") in SPI master mode, the controller Linux's drivers/spi/spi-dw-mmio.c and spi-dw-core.c drive.
//
// Registers at the offsets of drivers/spi/spi-dw.h (CTRLR0 .. DR). A word
// written to DR while the controller is enabled is shifted out on the chip
// selects set in SER at once (the serial clock is not timed) and the word
// shifted in lands in the RX FIFO (not in transmit-only mode); SRL loops the
// shift register back (SPI_LOOP). Chip select n stays asserted while SER bit n
// is set, as with the core's CS override: the model does not drop it when the
// TX FIFO drains. The peripherals are the controller node's children, on the
// chip select their reg names.
import { hex } from '../core/guest-error.ts';
import { MemoryRegion } from '../core/memory.ts';
import { DeviceState, type HwContext } from '../core/qdev.ts';
import { type VMStateDescription, vmstate_info_numbers, vmstate_info_scalar } from '../core/vmstate.ts';
import type { TypeInfo } from '../core/qom.ts';
import { prop_u32 } from '../../scripts/dtc/livetree.ts';
import { SSIBus, ssi_child_nodes, ssi_type_lookup, type SSITypeInfo } from './ssi.ts';
import { types as m25p80_types } from './m25p80.ts';
import { types as ltc2488_types } from './ltc2488.ts';

export const DW_SPI_CTRLR0 = 0x00, DW_SPI_CTRLR1 = 0x04, DW_SPI_SSIENR = 0x08, DW_SPI_MWCR = 0x0c, DW_SPI_SER = 0x10, DW_SPI_BAUDR = 0x14;
export const DW_SPI_TXFTLR = 0x18, DW_SPI_RXFTLR = 0x1c, DW_SPI_TXFLR = 0x20, DW_SPI_RXFLR = 0x24, DW_SPI_SR = 0x28, DW_SPI_IMR = 0x2c;
export const DW_SPI_ISR = 0x30, DW_SPI_RISR = 0x34, DW_SPI_TXOICR = 0x38, DW_SPI_RXOICR = 0x3c, DW_SPI_RXUICR = 0x40, DW_SPI_MSTICR = 0x44;
export const DW_SPI_ICR = 0x48, DW_SPI_DMACR = 0x4c, DW_SPI_DMATDLR = 0x50, DW_SPI_DMARDLR = 0x54, DW_SPI_IDR = 0x58, DW_SPI_VERSION = 0x5c;
export const DW_SPI_DR = 0x60, DW_SPI_RX_SAMPLE_DLY = 0xf0;
/** SSI_COMP_VERSION "3.23a". */
export const DW_SSI_VERSION_323A = 0x3332332a;
export const DW_PSSI_CTRLR0_SCPHA = 1 << 6, DW_PSSI_CTRLR0_SCPOL = 1 << 7, DW_PSSI_CTRLR0_SRL = 1 << 11;
/** CTRLR0.TMOD: 0 transmit and receive, 1 transmit only, 2 receive only. */
const TMOD_TO = 1, TMOD_RO = 2;
const SR_TF_NOT_FULL = 1 << 1, SR_TF_EMPT = 1 << 2, SR_RF_NOT_EMPT = 1 << 3, SR_RF_FULL = 1 << 4;
const INT_TXEI = 1 << 0, INT_TXOI = 1 << 1, INT_RXUI = 1 << 2, INT_RXOI = 1 << 3, INT_RXFI = 1 << 4;

/** The SPI peripherals the model knows, by compatible (QEMU: the TYPE_SSI_PERIPHERAL subtypes). */
export const ssi_peripheral_types: readonly SSITypeInfo[] = [...m25p80_types, ...ltc2488_types];

/** Registers only writable while SSIENR is 0 (the databook's "cannot be written while enabled"). */
const WHILE_DISABLED = new Set([DW_SPI_CTRLR0, DW_SPI_CTRLR1, DW_SPI_BAUDR]);

export class DWSPIState extends DeviceState {
  readonly type_info = { name: 'dw-apb-ssi', desc: 'DesignWare APB SSI (SPI master)' };
  readonly mmio: MemoryRegion;
  readonly bus: SSIBus;
  ctrlr0 = 0x7;
  ctrlr1 = 0;
  ssienr = 0;
  ser = 0;
  baudr = 0;
  txftlr = 0;
  rxftlr = 0;
  imr = 0x3f;
  risr_latched = 0;
  dmacr = 0;
  rx_sample_dly = 0;
  rx_fifo: number[] = [];
  /** Words shifted since reset (the UI's activity counter). */
  frames = 0;

  constructor(ctx: HwContext, id: string, readonly fifo_depth: number, num_cs: number) {
    super(ctx, id);
    this.bus = new SSIBus(num_cs);
    this.mmio = new MemoryRegion(this, 'dw-apb-ssi', 0x100, {
      read: (off) => this.reg_read(off),
      write: (off, v) => this.reg_write(off, Number(v) >>> 0),
      valid: { min_access_size: 2, max_access_size: 4, check: (o, s) => (o & (s - 1) ? 'DW SSI registers take aligned 16- or 32-bit accesses' : null) },
    });
  }

  private dfs_bits(): number { return (this.ctrlr0 & 0xf) + 1; }
  private tmod(): number { return (this.ctrlr0 >>> 8) & 3; }
  private mode(): number { return (this.ctrlr0 & DW_PSSI_CTRLR0_SCPHA ? 1 : 0) | (this.ctrlr0 & DW_PSSI_CTRLR0_SCPOL ? 2 : 0); }

  private risr(): number {
    let r = this.risr_latched;
    if (this.ssienr && 0 <= this.txftlr) r |= INT_TXEI; // the TX FIFO is always drained: at or below any threshold
    if (this.rx_fifo.length > this.rxftlr) r |= INT_RXFI;
    return r;
  }

  private sr(): number {
    let s = SR_TF_NOT_FULL | SR_TF_EMPT;
    if (this.rx_fifo.length) s |= SR_RF_NOT_EMPT;
    if (this.rx_fifo.length >= this.fifo_depth) s |= SR_RF_FULL;
    return s;
  }

  private reg_read(off: number): number {
    switch (off) {
      case DW_SPI_CTRLR0: return this.ctrlr0;
      case DW_SPI_CTRLR1: return this.ctrlr1;
      case DW_SPI_SSIENR: return this.ssienr;
      case DW_SPI_MWCR: return 0;
      case DW_SPI_SER: return this.ser;
      case DW_SPI_BAUDR: return this.baudr;
      case DW_SPI_TXFTLR: return this.txftlr;
      case DW_SPI_RXFTLR: return this.rxftlr;
      case DW_SPI_TXFLR: return 0;
      case DW_SPI_RXFLR: return this.rx_fifo.length;
      case DW_SPI_SR: return this.sr();
      case DW_SPI_IMR: return this.imr;
      case DW_SPI_ISR: return this.risr() & this.imr;
      case DW_SPI_RISR: return this.risr();
      case DW_SPI_TXOICR: return this.clear(INT_TXOI);
      case DW_SPI_RXOICR: return this.clear(INT_RXOI);
      case DW_SPI_RXUICR: return this.clear(INT_RXUI);
      case DW_SPI_MSTICR: return 0;
      case DW_SPI_ICR: return this.clear(INT_TXOI | INT_RXOI | INT_RXUI);
      case DW_SPI_DMACR: return this.dmacr;
      case DW_SPI_DMATDLR: case DW_SPI_DMARDLR: return 0;
      case DW_SPI_IDR: return 0xffffffff;
      case DW_SPI_VERSION: return DW_SSI_VERSION_323A;
      case DW_SPI_RX_SAMPLE_DLY: return this.rx_sample_dly;
      default:
        if (off >= DW_SPI_DR && off < DW_SPI_DR + 0x90) return this.pop_rx();
        this.guest_error('access', `${this.id}: read at ${hex(off, 2)} hits no register; reads 0`);
        return 0;
    }
  }

  /** Reading an interrupt-clear register clears its bits and reads their state. */
  private clear(bits: number): number {
    const was = this.risr_latched & bits;
    this.risr_latched &= ~bits;
    return was ? 1 : 0;
  }

  private pop_rx(): number {
    const v = this.rx_fifo.shift();
    if (v === undefined) { this.risr_latched |= INT_RXUI; return 0; }
    return v;
  }

  private push_rx(v: number): void {
    if (this.rx_fifo.length >= this.fifo_depth) { this.risr_latched |= INT_RXOI; return; }
    this.rx_fifo.push(v);
  }

  /** A word written to DR: one frame (or NDF+1 frames in receive-only mode) on the bus. */
  private shift(word: number): void {
    if (!this.ssienr) { this.risr_latched |= INT_TXOI; this.guest_error('access', `${this.id}: DR written while SSIENR is 0; the word is dropped`); return; }
    if (!this.baudr) this.guest_error('access', `${this.id}: BAUDR is 0, the serial clock is off; the word is not shifted`);
    if (!this.baudr) return;
    // Reported when a frame goes out, not when CTRLR0 is written: drivers write all ones there to probe the DFS width.
    const frf = (this.ctrlr0 >>> 4) & 3;
    if (frf !== 0) this.guest_error('unimplemented', `${this.id}: frame format ${frf} (TI SSP/Microwire) is not modelled; frames go out as Motorola SPI`);
    const bits = this.dfs_bits();
    const n = this.tmod() === TMOD_RO ? (this.ctrlr1 & 0xffff) + 1 : 1;
    for (let i = 0; i < n; i++) {
      const out = this.tmod() === TMOD_RO ? (2 ** bits) - 1 : word;
      const rx = this.ctrlr0 & DW_PSSI_CTRLR0_SRL ? out & ((2 ** bits) - 1) : this.bus.transfer(out, bits, this.mode());
      this.frames++;
      if (this.tmod() !== TMOD_TO) this.push_rx(rx);
    }
  }

  private reg_write(off: number, v: number): void {
    if (this.ssienr && WHILE_DISABLED.has(off)) {
      this.guest_error('access', `${this.id}: write of ${hex(v)} at ${hex(off, 2)} while SSIENR is 1; the databook allows it only with the controller disabled; ignored`);
      return;
    }
    switch (off) {
      case DW_SPI_CTRLR0: this.ctrlr0 = v & 0xffff; break;
      case DW_SPI_CTRLR1: this.ctrlr1 = v & 0xffff; break;
      case DW_SPI_SSIENR: this.ssienr = v & 1; if (!this.ssienr) { this.rx_fifo = []; this.risr_latched = 0; } break;
      case DW_SPI_MWCR: break;
      case DW_SPI_SER: this.ser = v & ((1 << this.bus.num_cs) - 1); this.bus.set_cs_mask(this.ser); break;
      case DW_SPI_BAUDR: this.baudr = v & 0xfffe; break;
      // FIFO thresholds are log2(depth) bits wide: the driver finds the depth by where a write stops reading back.
      case DW_SPI_TXFTLR: this.txftlr = v & (this.fifo_depth - 1); break;
      case DW_SPI_RXFTLR: this.rxftlr = v & (this.fifo_depth - 1); break;
      case DW_SPI_IMR: this.imr = v & 0x3f; break;
      case DW_SPI_DMACR: this.dmacr = v & 3; break;
      case DW_SPI_DMATDLR: case DW_SPI_DMARDLR: break;
      case DW_SPI_RX_SAMPLE_DLY: this.rx_sample_dly = v & 0xff; break;
      default:
        if (off >= DW_SPI_DR && off < DW_SPI_DR + 0x90) { this.shift(v & ((2 ** this.dfs_bits()) - 1)); break; }
        this.guest_error('access', `${this.id}: write of ${hex(v)} at ${hex(off, 2)} ${[DW_SPI_TXFLR, DW_SPI_RXFLR, DW_SPI_SR, DW_SPI_ISR, DW_SPI_RISR, DW_SPI_IDR, DW_SPI_VERSION].includes(off) ? 'hits a read-only register' : 'hits no register'}; ignored`);
    }
  }

  reset(): void {
    this.ctrlr0 = 0x7;
    this.ctrlr1 = 0;
    this.ssienr = 0;
    this.ser = 0;
    this.bus.set_cs_mask(0);
    this.baudr = 0;
    this.txftlr = 0;
    this.rxftlr = 0;
    this.imr = 0x3f;
    this.risr_latched = 0;
    this.dmacr = 0;
    this.rx_fifo = [];
  }

  readonly vmsd: VMStateDescription<DWSPIState> = {
    name: 'dw-apb-ssi',
    fields: [
      ...['ctrlr0', 'ctrlr1', 'ssienr', 'ser', 'baudr', 'txftlr', 'rxftlr', 'imr', 'risr_latched', 'dmacr', 'rx_sample_dly', 'frames'].map((f) => [f, vmstate_info_scalar] as const),
      ['rx_fifo', vmstate_info_numbers],
    ],
    post_load: (d) => d.bus.set_cs_mask(d.ser),
  };
}

export const types: TypeInfo<DWSPIState>[] = [{
  name: 'dw-apb-ssi', compatible: 'snps,dw-apb-ssi', bus: 'sysbus',
  instance_init: (ctx, n) => new DWSPIState(ctx, n.name, prop_u32(n, 'kwb,fifo-depth') ?? 16, prop_u32(n, 'num-cs') ?? 4),
  plug: (s, env) => {
    const e = env.machine.reg_entries(env.node)[0];
    if (e) env.machine.system_memory.memory_region_add_subregion(e.addr, s.mmio);
    // The devices on the chip selects: the node's children (of_register_spi_devices reads the same nodes).
    for (const k of ssi_child_nodes(env.node)) {
      const t = ssi_type_lookup(ssi_peripheral_types, k);
      const cs = prop_u32(k, 'reg');
      if (!t) continue;
      if (cs === undefined || cs >= s.bus.num_cs) { env.fail(`${k.full_path}: reg (the chip select) must be below num-cs = ${s.bus.num_cs}`); continue; }
      if (s.bus.devices.some((d) => d.cs === cs)) { env.fail(`${k.full_path}: chip select ${cs} is already used`); continue; }
      const dev = t.instance_init(s.ctx, k, { smp_cpus: env.machine.smp_cpus, chr_write: () => undefined });
      dev.cs = cs;
      dev.realize();
      dev.reset();
      s.bus.attach(dev);
      env.machine.devices.push({ path: k.full_path, compatible: t.compatible, bus: 'ssi', dev });
    }
  },
}];
