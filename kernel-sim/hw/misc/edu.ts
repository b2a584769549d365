// Models QEMU hw/misc/edu.c: the educational PCI device (specs: shared/specs/edu.md).
import type { QEMUTimer } from '../core/clock.ts';
import { hex } from '../core/guest-error.ts';
import { type AccessValue, MemoryRegion } from '../core/memory.ts';
import type { HwContext } from '../core/qdev.ts';
import { type VMStateDescription, vmstate_info_buffer, vmstate_info_scalar, vmstate_info_timer, vmstate_info_uint64_record } from '../core/vmstate.ts';
import { msi_enabled, msi_init, msi_notify } from '../pci/msi.ts';
import { PCIDevice, type PCIDeviceClass, pci_dma_read, pci_dma_write, pci_set_irq } from '../pci/pci.ts';
import * as R from '../pci/pci_regs.ts';
import { type TypeInfo, u64_prop } from '../core/qom.ts';
import { prop_u32 } from '../../scripts/dtc/livetree.ts';

export const EDU_ID = 0x010000ed;
export const EDU_STATUS_COMPUTING = 0x01;
export const EDU_STATUS_IRQFACT = 0x80;
export const FACT_IRQ = 0x00000001;
export const DMA_IRQ = 0x00000100;
export const EDU_DMA_RUN = 0x1;
export const EDU_DMA_DIR_TO_PCI = 0x2;
export const EDU_DMA_IRQ = 0x4;
export const DMA_START = 0x40000;
export const DMA_SIZE = 4096;
export const EDU_BAR0_SIZE = 1 << 20;

/** Simulation knobs, from `kwb,...` properties of the device-tree node. */
export interface EduOptions {
  /** RAM address mask for DMA (QEMU's dma_mask property); default (1 << 28) - 1. */
  dma_mask?: bigint;
  /** Virtual time a factorial takes (default 10 us). */
  fact_delay_ns?: number;
  /** Virtual time a DMA transfer takes (default 100 ms). */
  dma_delay_ns?: number;
}

export const EDU_CLASS: PCIDeviceClass = {
  vendor_id: 0x1234,
  device_id: 0x11e8,
  revision: 0x10,
  class_id: 0x00ff,
  subsystem_vendor_id: 0x1af4,
  subsystem_id: 0x1100,
  interrupt_pin: 1,
};

type Reg = {
  name: string;
  read?: (s: EduState, size: number) => AccessValue;
  write?: (s: EduState, v: bigint) => void;
};

/** The BAR0 register map as data: offset -> name and handlers (absent handler = not readable/writable). */
const EDU_REGS: ReadonlyMap<number, Reg> = new Map<number, Reg>([
  [0x00, { name: 'identification', read: () => EDU_ID }],
  [0x04, { name: 'liveness', read: (s) => ~s.addr4 >>> 0, write: (s, v) => (s.addr4 = Number(v & 0xffffffffn)) }],
  [0x08, { name: 'factorial', read: (s) => s.fact_read(), write: (s, v) => s.fact_write(Number(v & 0xffffffffn)) }],
  [0x20, { name: 'status', read: (s) => s.status, write: (s, v) => s.status_write(Number(v & 0xffffffffn)) }],
  [0x24, { name: 'interrupt status', read: (s) => s.irq_status }],
  [0x60, { name: 'interrupt raise', write: (s, v) => s.edu_raise_irq(Number(v & 0xffffffffn)) }],
  [0x64, { name: 'interrupt ack', write: (s, v) => s.edu_lower_irq(Number(v & 0xffffffffn)) }],
  [0x80, { name: 'DMA source address', read: (s, sz) => s.dma_field('src', sz), write: (s, v) => s.dma_rw('src', v) }],
  [0x88, { name: 'DMA destination address', read: (s, sz) => s.dma_field('dst', sz), write: (s, v) => s.dma_rw('dst', v) }],
  [0x90, { name: 'DMA transfer count', read: (s, sz) => s.dma_field('cnt', sz), write: (s, v) => s.dma_rw('cnt', v) }],
  [0x98, { name: 'DMA command', read: (s, sz) => s.dma_field('cmd', sz), write: (s, v) => s.dma_cmd_write(v) }],
]);

type DmaField = 'src' | 'dst' | 'cnt' | 'cmd';

const edu_timer = vmstate_info_timer((d) => (d as EduState).ctx.clock);

export class EduState extends PCIDevice {
  readonly type_info = { name: 'edu', desc: 'QEMU educational PCI device' };
  readonly pci_class = EDU_CLASS;
  mmio!: MemoryRegion;

  addr4 = 0;
  fact = 0;
  status = 0;
  irq_status = 0;
  dma = { src: 0n, dst: 0n, cnt: 0n, cmd: 0n };
  dma_buf = new Uint8Array(DMA_SIZE);
  dma_mask: bigint;
  fact_delay_ns: number;
  dma_delay_ns: number;
  private fact_timer!: QEMUTimer;
  private dma_timer!: QEMUTimer;
  /** The n being computed (the register already holds it, as in QEMU). */
  private fact_n = 0;

  constructor(ctx: HwContext, id = 'edu', devfn = 0, opts: EduOptions = {}) {
    super(ctx, id, devfn);
    this.dma_mask = opts.dma_mask ?? (1n << 28n) - 1n;
    this.fact_delay_ns = opts.fact_delay_ns ?? 10_000;
    this.dma_delay_ns = opts.dma_delay_ns ?? 100_000_000;
  }

  /** pci_edu_realize(): BAR0 (1 MiB MMIO) and MSI at 0x40 (1 vector, 64-bit, not maskable). */
  protected pci_realize(): void {
    this.fact_timer = this.ctx.clock.timer_new_ns(() => this.edu_fact_done());
    this.dma_timer = this.ctx.clock.timer_new_ns(() => this.edu_dma_timer());
    msi_init(this, 0x40, 1, true, false);
    this.mmio = new MemoryRegion(this, 'BAR0', EDU_BAR0_SIZE, {
      read: (off, size) => this.edu_mmio_read(off, size),
      write: (off, v, size) => this.edu_mmio_write(off, v, size),
      valid: {
        min_access_size: 4,
        max_access_size: 8,
        check: (off, size) => {
          if (off < 0x80 && size !== 4) return 'registers below 0x80 take 4-byte accesses only';
          if (off >= 0x80 && size !== 4 && size !== 8) return 'registers at 0x80 and above take 4- or 8-byte accesses';
          return null;
        },
      },
    });
    this.pci_register_bar(0, R.PCI_BASE_ADDRESS_SPACE_MEMORY, this.mmio);
  }

  protected device_reset(): void {
    this.ctx.clock.timer_del(this.fact_timer);
    this.ctx.clock.timer_del(this.dma_timer);
    this.addr4 = 0;
    this.fact = 0;
    this.status = 0;
    this.irq_status = 0;
    this.dma = { src: 0n, dst: 0n, cnt: 0n, cmd: 0n };
    this.dma_buf.fill(0);
  }

  private undecoded(off: number, size: number, what: string): void {
    this.guest_error('access', `${this.id}: ${size}-byte ${what} at BAR0+${hex(off, 2)} ignored: no register there${what === 'read' ? ' (reads all ones)' : ''}`);
  }

  edu_mmio_read(off: number, size: number): AccessValue {
    const reg = EDU_REGS.get(off);
    if (!reg || !reg.read) {
      if (reg) this.guest_error('access', `${this.id}: read of ${reg.name} register BAR0+${hex(off, 2)}: it is write-only (reads all ones)`);
      else this.undecoded(off, size, 'read');
      return size === 8 ? 0xffff_ffff_ffff_ffffn : 0xffffffff;
    }
    return reg.read(this, size);
  }

  edu_mmio_write(off: number, v: AccessValue, size: number): void {
    const reg = EDU_REGS.get(off);
    if (!reg || !reg.write) {
      if (reg) this.guest_error('access', `${this.id}: write to ${reg.name} register BAR0+${hex(off, 2)} ignored: it is read-only`);
      else this.undecoded(off, size, 'write');
      return;
    }
    reg.write(this, BigInt.asUintN(64, typeof v === 'bigint' ? v : BigInt(v >>> 0)));
  }

  /** Reading while computing returns the stale value (n itself, as QEMU does) and says so. */
  fact_read(): number {
    if (this.status & EDU_STATUS_COMPUTING) {
      this.guest_error('access', `${this.id}: factorial register read while status bit 0x01 (computing) is set: ${this.fact} is not the result yet (poll status at BAR0+0x20 or wait for the interrupt)`);
    }
    return this.fact;
  }

  fact_write(n: number): void {
    if (this.status & EDU_STATUS_COMPUTING) return;
    this.fact = n >>> 0;
    this.fact_n = this.fact;
    this.status |= EDU_STATUS_COMPUTING;
    this.ctx.clock.timer_mod(this.fact_timer, this.ctx.clock.now_ns() + this.fact_delay_ns);
  }

  /** The factorial thread of edu.c, finishing in virtual time. */
  private edu_fact_done(): void {
    let ret = 1;
    for (let i = this.fact_n; i > 0; i--) ret = Math.imul(ret, i) >>> 0;
    this.fact = ret >>> 0;
    this.status &= ~EDU_STATUS_COMPUTING;
    if (this.status & EDU_STATUS_IRQFACT) this.edu_raise_irq(FACT_IRQ);
  }

  status_write(v: number): void {
    // Only bit 0x80 is writable; 0x01 belongs to the device.
    this.status = v & EDU_STATUS_IRQFACT ? this.status | EDU_STATUS_IRQFACT : this.status & ~EDU_STATUS_IRQFACT;
  }

  edu_raise_irq(val: number): void {
    this.irq_status = (this.irq_status | val) >>> 0;
    if (this.irq_status) {
      if (msi_enabled(this)) msi_notify(this, 0);
      else pci_set_irq(this, 1);
    }
  }

  edu_lower_irq(val: number): void {
    this.irq_status = (this.irq_status & ~val) >>> 0;
    if (!this.irq_status && !msi_enabled(this)) pci_set_irq(this, 0);
  }

  dma_field(f: DmaField, size: number): AccessValue {
    const v = this.dma[f];
    return size === 8 ? v : Number(v & 0xffffffffn);
  }

  /** dma_rw(): DMA registers ignore writes while a transfer runs; a write replaces the whole field. */
  dma_rw(f: DmaField, v: bigint): boolean {
    if (this.dma.cmd & BigInt(EDU_DMA_RUN)) {
      this.guest_error('access', `${this.id}: write to DMA register ${f} ignored: a DMA transfer is running (wait for it to finish)`);
      return false;
    }
    this.dma[f] = v;
    return true;
  }

  dma_cmd_write(v: bigint): void {
    if (!(v & BigInt(EDU_DMA_RUN))) return;
    if (this.dma_rw('cmd', v)) this.ctx.clock.timer_mod(this.dma_timer, this.ctx.clock.now_ns() + this.dma_delay_ns);
  }

  /** edu_clamp_addr(): RAM addresses go through the DMA mask. */
  private edu_clamp_addr(addr: bigint): number {
    const res = addr & this.dma_mask;
    if (res !== addr) this.guest_error('dma', `${this.id}: clamping DMA address ${hex(addr, 16)} to ${hex(res, 16)} (the device's DMA mask is ${hex(this.dma_mask)})`, { ram_addr: Number(res) });
    return Number(res);
  }

  private edu_check_range(xfer_start: bigint, cnt: bigint): boolean {
    const end = xfer_start + cnt;
    if (xfer_start >= BigInt(DMA_START) && end <= BigInt(DMA_START + DMA_SIZE) && end >= xfer_start) return true;
    this.guest_error('dma', `${this.id}: DMA transfer of ${cnt} bytes at device address ${hex(xfer_start)}..${hex(end - 1n)} is outside the buffer ${hex(DMA_START)}..${hex(DMA_START + DMA_SIZE - 1)}; nothing was transferred`, { dev_addr: Number(xfer_start), len: Number(cnt) });
    return false;
  }

  /** edu_dma_timer(): the transfer happens when the 100 ms have passed. */
  private edu_dma_timer(): void {
    const cmd = this.dma.cmd;
    if (!(cmd & BigInt(EDU_DMA_RUN))) return;
    const cnt = this.dma.cnt;
    if (!(cmd & BigInt(EDU_DMA_DIR_TO_PCI))) {
      // RAM -> device buffer.
      if (this.edu_check_range(this.dma.dst, cnt)) {
        const dst = Number(this.dma.dst) - DMA_START;
        const data = pci_dma_read(this, this.edu_clamp_addr(this.dma.src), Number(cnt));
        if (data) this.dma_buf.set(data, dst);
      }
    } else if (this.edu_check_range(this.dma.src, cnt)) {
      // Device buffer -> RAM.
      const src = Number(this.dma.src) - DMA_START;
      pci_dma_write(this, this.edu_clamp_addr(this.dma.dst), this.dma_buf.slice(src, src + Number(cnt)));
    }
    this.dma.cmd &= ~BigInt(EDU_DMA_RUN);
    if (this.dma.cmd & BigInt(EDU_DMA_IRQ)) this.edu_raise_irq(DMA_IRQ);
  }

  /** vmstate_edu: the registers, the DMA engine, its buffer and the pending timers. */
  readonly model_vmsd: VMStateDescription<EduState> = {
    name: 'edu',
    fields: [
      ['addr4', vmstate_info_scalar], ['fact', vmstate_info_scalar], ['fact_n', vmstate_info_scalar], ['status', vmstate_info_scalar],
      ['irq_status', vmstate_info_scalar], ['dma', vmstate_info_uint64_record], ['dma_buf', vmstate_info_buffer],
      ['fact_timer', edu_timer], ['dma_timer', edu_timer],
    ],
  };
}

export const types: TypeInfo<EduState>[] = [{
  name: 'edu', compatible: 'qemu,edu', bus: 'pci',
  instance_init: (ctx, n) => new EduState(ctx, '', 0, {
    dma_mask: u64_prop(n, 'kwb,dma-mask'),
    fact_delay_ns: prop_u32(n, 'kwb,fact-delay-ns'),
    dma_delay_ns: prop_u32(n, 'kwb,dma-delay-ns'),
  }),
}];
