// Models linux/arch/x86/kernel/apic/io_apic.c: the IO-APIC irq chip (redirection entries programmed over MMIO), GSI-to-irq mapping with the ISA override (irq 0 on pin 2), and the level/edge setup of each pin.
import { ioremap, readl, writel } from '../../io.ts';
import { defineState } from '../../../../kernel/state.ts';
import { pr_info } from '../../../../kernel/printk/printk.ts';
import { irq_alloc_descs, irq_to_desc, irq_set_chip_and_handler_name, type irq_chip, type irq_data } from '../../../../kernel/irq/irqdesc.ts';
import { handle_edge_irq, handle_fasteoi_irq } from '../../../../kernel/irq/chip.ts';
import { x86_vector_alloc, x86_vector_free } from './vector.ts';

export const IOAPIC_BASE = 0xfec00000;
export const NR_IOAPIC_PINS = 24;
const IO_APIC_REDIR_MASKED = 1 << 16;
const IO_APIC_REDIR_LEVEL_TRIGGER = 1 << 15;
const IO_APIC_REDIR_ACTIVE_LOW = 1 << 13;

interface IoApicState {
  base: number;
  /** gsi -> irq and irq -> pin. */
  gsi_irq: Map<number, number>;
  irq_pin: Map<number, number>;
}

export const ioapicState = defineState<IoApicState>('io_apic', () => ({ base: 0, gsi_irq: new Map(), irq_pin: new Map() }));

function io_apic_read(reg: number): number {
  const st = ioapicState();
  writel(reg, st.base);
  return readl(st.base + 0x10);
}
function io_apic_write(reg: number, v: number): void {
  const st = ioapicState();
  writel(reg, st.base);
  writel(v >>> 0, st.base + 0x10);
}

/** Programs one redirection entry: vector, trigger, polarity, destination, mask. */
function ioapic_write_entry(pin: number, vector: number, level: boolean, dest: number, masked: boolean): void {
  let lo = vector & 0xff;
  if (level) lo |= IO_APIC_REDIR_LEVEL_TRIGGER | IO_APIC_REDIR_ACTIVE_LOW;
  if (masked) lo |= IO_APIC_REDIR_MASKED;
  io_apic_write(0x11 + pin * 2, dest << 24);
  io_apic_write(0x10 + pin * 2, lo);
}

function ioapic_set_mask(d: irq_data, masked: boolean): void {
  const pin = ioapicState().irq_pin.get(d.irq);
  if (pin === undefined) return;
  const lo = io_apic_read(0x10 + pin * 2);
  io_apic_write(0x10 + pin * 2, masked ? lo | IO_APIC_REDIR_MASKED : lo & ~IO_APIC_REDIR_MASKED);
}

/** ioapic_chip ("IO-APIC"). */
export const ioapic_chip: irq_chip = {
  name: 'IO-APIC',
  irq_startup: (d) => {
    const pin = ioapicState().irq_pin.get(d.irq)!;
    const v = x86_vector_alloc(d.irq, d.affinity);
    if (v) d.effective_cpu = v.cpu;
    ioapic_write_entry(pin, v?.vector ?? 0, d.level, v?.cpu ?? 0, false);
  },
  irq_shutdown: (d) => {
    ioapic_set_mask(d, true);
    x86_vector_free(d.irq);
  },
  irq_mask: (d) => ioapic_set_mask(d, true),
  irq_unmask: (d) => ioapic_set_mask(d, false),
  irq_ack: () => {},
  irq_eoi: () => {},
};

/** setup_IO_APIC(): maps the registers, masks every pin (clear_IO_APIC), prepares the legacy irqs. */
export function setup_IO_APIC(): void {
  const st = ioapicState();
  st.base = ioremap(IOAPIC_BASE, 0x1000, 'ioapic');
  st.gsi_irq.clear();
  st.irq_pin.clear();
  const ver = io_apic_read(1);
  const entries = ((ver >>> 16) & 0xff) + 1;
  for (let pin = 0; pin < Math.min(entries, NR_IOAPIC_PINS); pin++) ioapic_write_entry(pin, 0, pin >= 16, 0, true);
  // ISA irqs 0-15: identity, except the timer (irq 0 on pin 2, INT_SRC_OVR) and the ACPI SCI (irq 9, level).
  for (let irq = 0; irq < 16; irq++) {
    if (irq === 2) continue;
    const pin = irq === 0 ? 2 : irq;
    mp_map_pin(irq, pin, irq === 9);
  }
}

/** Binds an irq to an I/O APIC pin with its trigger mode; the irq number equals the GSI beyond the ISA range. */
function mp_map_pin(irq: number, pin: number, level: boolean): void {
  const st = ioapicState();
  st.gsi_irq.set(pin, irq);
  st.irq_pin.set(irq, pin);
  const desc = irq_to_desc(irq);
  if (!desc) return;
  desc.irq_data.hwirq = pin;
  desc.irq_data.has_domain = true;
  desc.irq_data.level = level;
  irq_set_chip_and_handler_name(irq, ioapic_chip, level ? handle_fasteoi_irq : handle_edge_irq, level ? 'fasteoi' : 'edge');
}

/** mp_map_gsi_to_irq(): the irq of a PCI GSI (16-23), level-triggered, active low. */
export function mp_map_gsi_to_irq(gsi: number): number {
  const st = ioapicState();
  const have = st.gsi_irq.get(gsi);
  if (have !== undefined) return have;
  if (!irq_to_desc(gsi)) {
    const r = allocate_gsi_desc(gsi);
    if (r < 0) return r;
  }
  mp_map_pin(gsi, gsi, gsi >= 16);
  return gsi;
}

/** Descriptors for GSIs sit below the dynamic range (gsi_top = 24): allocated at their own number. */
function allocate_gsi_desc(gsi: number): number {
  return irq_alloc_descs(gsi, gsi, 1);
}

export function ioapic_pin_to_irq(pin: number): number | undefined {
  return ioapicState().gsi_irq.get(pin);
}

export function print_IO_APIC_summary(): void {
  pr_info('IOAPIC[0]: apic_id 0, version 32, address 0xfec00000, GSI 0-23');
}
