// Models QEMU hw/intc/ioapic.c: the I/O APIC (24 GSIs, redirection table) plus MSI delivery to the local APICs.
import { hex } from '../core/guest-error.ts';
import { MemoryRegion } from '../core/memory.ts';
import { DeviceState, type HwContext } from '../core/qdev.ts';
import { qemu_allocate_irqs, type qemu_irq } from '../core/irq.ts';
import type { MSIMessage } from '../pci/pci.ts';
import { type VMStateDescription, vmstate_info_numbers, vmstate_info_scalar, vmstate_info_uint64s } from '../core/vmstate.ts';

export const IOAPIC_NUM_PINS = 24;
export const IOAPIC_DEFAULT_BASE_ADDRESS = 0xfec00000;
export const IOAPIC_VER_ENTRIES = 0x00170020;
const IOAPIC_LVT_MASKED = 1 << 16;
const IOAPIC_LVT_TRIGGER_MODE = 1 << 15;
const IOAPIC_LVT_REMOTE_IRR = 1 << 14;
export const MSI_ADDR_BASE = 0xfee00000;
/** The interrupt controller's MSI window 0xfee00000..0xfeefffff, as BigInts to compare a message's 64-bit address against. */
const MSI_ADDR_BASE_N = BigInt(MSI_ADDR_BASE), MSI_ADDR_END_N = BigInt(MSI_ADDR_BASE + 0xfffff);

/**
 * Where interrupts leave the hardware: the kernel's callback. INTx/ISA lines
 * arrive as (gsi, level); an MSI arrives as (vector, 1, message) where
 * vector = data & 0xff.
 */
export type IrqSink = (gsi_or_vector: number, level: number, msi?: MSIMessage & { source: string }) => void;

/** Which table entry each pin starts with: pins 0-15 edge (ISA), 16-23 level (PCI), unmasked, vector 0x20 + pin. */
function default_entry(pin: number): bigint {
  return BigInt(0x20 + pin) | (pin >= 16 ? BigInt(IOAPIC_LVT_TRIGGER_MODE) : 0n);
}

export class IOAPICState extends DeviceState {
  readonly type_info = { name: 'ioapic', desc: 'I/O APIC' };
  ioregsel = 0;
  apic_id = 0;
  irr = 0;
  /** Current level of each input pin (the wire). */
  levels = new Array<number>(IOAPIC_NUM_PINS).fill(0);
  ioredtbl: bigint[] = [];
  readonly mmio: MemoryRegion;
  /** GPIO inputs, one per pin (QEMU's qdev_get_gpio_in(ioapic, n)). */
  readonly irqs: qemu_irq[];
  /** MSI counts per vector (0-255), for observability. */
  readonly msi_count = new Array<number>(256).fill(0);

  constructor(
    ctx: HwContext,
    public sink: IrqSink,
  ) {
    super(ctx, 'ioapic');
    this.irqs = qemu_allocate_irqs((n, level) => this.ioapic_set_irq(n, level), IOAPIC_NUM_PINS);
    this.mmio = new MemoryRegion(this, 'ioapic', 0x1000, {
      read: (off) => this.ioapic_mem_read(off),
      write: (off, v) => this.ioapic_mem_write(off, Number(v)),
      valid: { min_access_size: 4, max_access_size: 4, check: (_o, s) => (s !== 4 ? 'IOREGSEL/IOWIN take 4-byte accesses only' : null) },
    });
  }

  reset(): void {
    this.ioregsel = 0;
    this.irr = 0;
    this.ioredtbl = Array.from({ length: IOAPIC_NUM_PINS }, (_, i) => default_entry(i));
  }

  /** ioapic_set_irq(): a wire changed level; unmasked pins reach the sink. */
  ioapic_set_irq(pin: number, level: number): void {
    if (pin < 0 || pin >= IOAPIC_NUM_PINS) return;
    const l = level ? 1 : 0;
    const was = this.levels[pin]!;
    this.levels[pin] = l;
    const e = this.ioredtbl[pin]!;
    const is_level = (e & BigInt(IOAPIC_LVT_TRIGGER_MODE)) !== 0n;
    if (l) this.irr |= 1 << pin;
    else if (is_level) this.irr &= ~(1 << pin);
    if (e & BigInt(IOAPIC_LVT_MASKED)) return;
    if (is_level) {
      if (was !== l) this.sink(pin, l);
    } else if (l && !was) {
      // Edge-triggered: the rising edge is the event.
      this.irr &= ~(1 << pin);
      this.sink(pin, 1);
      this.sink(pin, 0);
    }
  }

  /** Delivers an MSI (a DMA write to 0xfeeXXXXX) to the CPUs. */
  apic_deliver_msi(msg: MSIMessage, source: string): void {
    // Compared, not masked: BigInt arithmetic allocates, and an MSI goes through here for every completed disk request.
    if (msg.address < MSI_ADDR_BASE_N || msg.address > MSI_ADDR_END_N) {
      this.guest_error('config', `${source}: MSI write to ${hex(msg.address)} is not the interrupt controller's range ${hex(MSI_ADDR_BASE)}..0xfeefffff; the message is lost (was MSI Address programmed?)`);
      return;
    }
    const vector = msg.data & 0xff;
    this.msi_count[vector]!++;
    // A literal, not a spread of msg: V8's object spread costs a microsecond here.
    this.sink(vector, 1, { address: msg.address, data: msg.data, source });
  }

  private ioapic_mem_read(off: number): number {
    if (off === 0x00) return this.ioregsel;
    if (off !== 0x10) return 0;
    const r = this.ioregsel;
    if (r === 0) return this.apic_id << 24;
    if (r === 1) return IOAPIC_VER_ENTRIES;
    if (r === 2) return 0;
    const idx = (r - 0x10) >> 1;
    if (idx >= 0 && idx < IOAPIC_NUM_PINS) {
      const e = this.ioredtbl[idx]!;
      return Number(r & 1 ? e >> 32n : e & 0xffffffffn) >>> 0;
    }
    return 0;
  }

  private ioapic_mem_write(off: number, v: number): void {
    if (off === 0x00) {
      this.ioregsel = v & 0xff;
      return;
    }
    if (off === 0x40) return; // EOI register (version 0x20)
    if (off !== 0x10) return;
    const r = this.ioregsel;
    if (r === 0) {
      this.apic_id = (v >>> 24) & 0xf;
      return;
    }
    const idx = (r - 0x10) >> 1;
    if (idx < 0 || idx >= IOAPIC_NUM_PINS) return;
    const e = this.ioredtbl[idx]!;
    const ro = BigInt(IOAPIC_LVT_REMOTE_IRR | (1 << 12));
    if (r & 1) this.ioredtbl[idx] = (e & 0xffffffffn) | (BigInt(v >>> 0) << 32n);
    else this.ioredtbl[idx] = (e & ~0xffffffffn) | ((BigInt(v >>> 0) & ~ro) | (e & ro));
    // Unmasking a level-triggered pin that is asserted delivers it.
    const ne = this.ioredtbl[idx]!;
    if (!(ne & BigInt(IOAPIC_LVT_MASKED)) && e & BigInt(IOAPIC_LVT_MASKED) && this.levels[idx] && ne & BigInt(IOAPIC_LVT_TRIGGER_MODE)) this.sink(idx, 1);
  }

  readonly vmsd: VMStateDescription<IOAPICState> = {
    name: 'ioapic',
    fields: [['ioregsel', vmstate_info_scalar], ['apic_id', vmstate_info_scalar], ['irr', vmstate_info_scalar], ['levels', vmstate_info_numbers], ['ioredtbl', vmstate_info_uint64s]],
  };
}
