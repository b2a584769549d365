// Models SeaBIOS src/fw/pciinit.c: firmware PCI setup on q35 (bus numbers, BAR and window placement, command, interrupt line) before Linux claims it.
import type { PCIDevice } from '../pci/pci.ts';
import { PCI_BAR_UNMAPPED, pci_get_word } from '../pci/pci.ts';
import type { PCIBridge } from '../pci/pci_bridge.ts';
import { type PCIBus, type PCIHostState, pci_swizzle } from '../pci/pci_host.ts';
import * as R from '../pci/pci_regs.ts';
import type { ICH9LPCState } from '../isa/lpc_ich9.ts';

type RegionType = 'io' | 'mem' | 'prefmem';
const TYPES: RegionType[] = ['io', 'mem', 'prefmem'];

interface Entry {
  dev: PCIDevice;
  /** BAR index (6 = ROM), or -1 for a bridge window. */
  bar: number;
  size: number;
  align: number;
  is64: boolean;
  child?: BusRegions;
}

interface BusRegions {
  bus: PCIBus;
  r: Record<RegionType, Entry[]>;
}

/** SeaBIOS constants for q35. */
export const PCI_BRIDGE_IO_MIN = 0x1000;
export const PCI_BRIDGE_MEM_MIN = 0x100000;
export const PCIMEM_END = 0xfec00000;
export const PCI_IO_START = 0xc000;

function is_bridge(d: PCIDevice): d is PCIBridge {
  return (d as Partial<PCIBridge>).sec_bus !== undefined;
}

/** pci_region_create_entry(): keeps entries sorted by alignment then size, descending (stable). */
function add_entry(list: Entry[], e: Entry): void {
  let i = 0;
  while (i < list.length && !(list[i]!.align < e.align || (list[i]!.align === e.align && list[i]!.size < e.size))) i++;
  list.splice(i, 0, e);
}

const sum = (l: Entry[]) => l.reduce((a, e) => a + e.size, 0);
const max_align = (l: Entry[]) => l.reduce((a, e) => Math.max(a, e.align), 1);
const align_up = (x: number, a: number) => Math.ceil(x / a) * a;
const align_down = (x: number, a: number) => Math.floor(x / a) * a;

/** pci_bios_init_bus(): numbers buses depth first. */
function init_bus(host: PCIHostState, bus: PCIBus, next: { max: number }): void {
  for (const d of bus.devices) {
    if (!d || !is_bridge(d)) continue;
    const sec = ++next.max;
    const w = (off: number, v: number) => d.config_write(off, v, 1);
    w(R.PCI_PRIMARY_BUS, bus.bus_num());
    w(R.PCI_SECONDARY_BUS, sec);
    w(R.PCI_SUBORDINATE_BUS, 0xff);
    init_bus(host, d.sec_bus, next);
    w(R.PCI_SUBORDINATE_BUS, next.max);
  }
}

/** pci_bios_check_devices(): sizes every BAR and every bridge window, bottom up. */
function check_devices(bus: PCIBus): BusRegions {
  const br: BusRegions = { bus, r: { io: [], mem: [], prefmem: [] } };
  for (const d of bus.devices) {
    if (!d) continue;
    d.io_regions.forEach((reg, i) => {
      if (!reg) return;
      const type: RegionType = reg.type & R.PCI_BASE_ADDRESS_SPACE_IO ? 'io' : reg.type & R.PCI_BASE_ADDRESS_MEM_PREFETCH && i !== 6 ? 'prefmem' : 'mem';
      add_entry(br.r[type], { dev: d, bar: i, size: reg.size, align: reg.size, is64: (reg.type & R.PCI_BASE_ADDRESS_MEM_TYPE_64) !== 0 && !(reg.type & R.PCI_BASE_ADDRESS_SPACE_IO) });
    });
    if (!is_bridge(d)) continue;
    const child = check_devices(d.sec_bus);
    for (const t of TYPES) {
      const min = t === 'io' ? PCI_BRIDGE_IO_MIN : PCI_BRIDGE_MEM_MIN;
      const s = sum(child.r[t]);
      if (!s) continue;
      const align = Math.max(min, max_align(child.r[t]));
      add_entry(bus_regions_target(br, t), { dev: d, bar: -1, size: align_up(s, align), align, is64: false, child });
    }
  }
  return br;
}

function bus_regions_target(br: BusRegions, t: RegionType): Entry[] {
  return br.r[t];
}

/** Writes a BAR or a bridge window, then maps what lies behind a window. */
function map_entries(br: BusRegions, t: RegionType, base: number): void {
  let addr = base;
  for (const e of br.r[t]) {
    if (e.bar >= 0) {
      const off = e.bar === 6 ? (e.dev.pci_class.header_type === 1 ? R.PCI_ROM_ADDRESS1 : R.PCI_ROM_ADDRESS) : R.PCI_BASE_ADDRESS_0 + 4 * e.bar;
      e.dev.config_write(off, (t === 'io' ? addr | R.PCI_BASE_ADDRESS_SPACE_IO : addr) >>> 0, 4);
      if (e.is64) e.dev.config_write(off + 4, Math.floor(addr / 2 ** 32), 4);
    } else {
      set_window(e.dev as PCIBridge, t, addr, e.size);
      map_entries(e.child!, t, addr);
    }
    addr += e.size;
  }
}

function set_window(d: PCIBridge, t: RegionType, base: number, size: number): void {
  const limit = base + size - 1;
  if (t === 'io') {
    d.config_write(R.PCI_IO_BASE, (base >> 8) & 0xf0, 1);
    d.config_write(R.PCI_IO_LIMIT, (limit >> 8) & 0xf0, 1);
    d.config_write(R.PCI_IO_BASE_UPPER16, base >>> 16, 2);
    d.config_write(R.PCI_IO_LIMIT_UPPER16, limit >>> 16, 2);
  } else if (t === 'mem') {
    d.config_write(R.PCI_MEMORY_BASE, (base >>> 16) & 0xfff0, 2);
    d.config_write(R.PCI_MEMORY_LIMIT, (limit >>> 16) & 0xfff0, 2);
  } else {
    d.config_write(R.PCI_PREF_MEMORY_BASE, (base >>> 16) & 0xfff0, 2);
    d.config_write(R.PCI_PREF_MEMORY_LIMIT, (limit >>> 16) & 0xfff0, 2);
    d.config_write(R.PCI_PREF_BASE_UPPER32, Math.floor(base / 2 ** 32), 4);
    d.config_write(R.PCI_PREF_LIMIT_UPPER32, Math.floor(limit / 2 ** 32), 4);
  }
}

/** Bridges start with every window closed (base above limit). */
function close_windows(bus: PCIBus): void {
  for (const d of bus.devices) {
    if (!d || !is_bridge(d)) continue;
    d.config_write(R.PCI_IO_BASE, 0xf0, 1);
    d.config_write(R.PCI_IO_LIMIT, 0x00, 1);
    d.config_write(R.PCI_MEMORY_BASE, 0xfff0, 2);
    d.config_write(R.PCI_MEMORY_LIMIT, 0x0000, 2);
    d.config_write(R.PCI_PREF_MEMORY_BASE, 0xfff0, 2);
    d.config_write(R.PCI_PREF_MEMORY_LIMIT, 0x0000, 2);
    close_windows(d.sec_bus);
  }
}

/** The PIC IRQ SeaBIOS writes to PCI_INTERRUPT_LINE: pin swizzled up to the root bus, then the LPC's PIRQ routing register. */
function pic_irq(host: PCIHostState, d: PCIDevice, lpc: ICH9LPCState | null): number {
  let pin = d.config[R.PCI_INTERRUPT_PIN]! - 1;
  let dev = d;
  let bus = d.bus as PCIBus | null;
  while (bus && bus.parent_dev) {
    pin = pci_swizzle(R.PCI_SLOT(dev.devfn), pin);
    dev = bus.parent_dev;
    bus = dev.bus as PCIBus | null;
  }
  if (!lpc) return 0;
  const pirq = lpc.irr[R.PCI_SLOT(dev.devfn)]![pin]!;
  const route = lpc.config[(pirq < 4 ? 0x60 : 0x68) + (pirq & 3)]!;
  return route & 0x80 ? 0 : route & 0x0f;
}

/**
 * pci_setup(): what SeaBIOS does to PCI on q35, so the machine looks to Linux
 * as it does on QEMU: bus numbers, BARs packed top-down below the I/O APIC
 * (prefetchable below non-prefetchable), I/O from 0xc000, bridge windows,
 * I/O + Memory + SERR enabled, interrupt line from the PIRQ routing, and the
 * ICH9 SMBus moved to 0x700.
 */
export function seabios_pci_setup(host: PCIHostState, ich9: ICH9LPCState | null): void {
  close_windows(host.root_bus);
  init_bus(host, host.root_bus, { max: host.bus_nr });
  const root = check_devices(host.root_bus);
  map_entries(root, 'io', PCI_IO_START);
  // pci_bios_init_root_regions_mem(): the region with the smaller alignment goes on top.
  let top: RegionType = 'mem';
  let below: RegionType = 'prefmem';
  if (max_align(root.r.mem) > max_align(root.r.prefmem)) [top, below] = [below, top];
  const top_base = align_down(PCIMEM_END - sum(root.r[top]), max_align(root.r[top]));
  const below_base = align_down(top_base - sum(root.r[below]), max_align(root.r[below]));
  map_entries(root, top, top_base);
  map_entries(root, below, below_base);
  for (const d of host.root_bus.walk()) {
    // pci_bios_init_device(): enable decoding, route the interrupt.
    d.config_write(R.PCI_COMMAND, pci_get_word(d.config, R.PCI_COMMAND) | R.PCI_COMMAND_IO | R.PCI_COMMAND_MEMORY | R.PCI_COMMAND_SERR, 2);
    if (d.config[R.PCI_INTERRUPT_PIN]) d.config_write(R.PCI_INTERRUPT_LINE, pic_irq(host, d, ich9), 1);
  }
  // The boot-device drivers then probe their controllers: ahci_controller_setup() enables bus mastering on every AHCI
  // function (class 01:06 prog-if 01) it finds, so the ICH9 SATA controller is a bus master before Linux binds anything.
  for (const d of host.root_bus.walk()) {
    if (pci_get_word(d.config, R.PCI_CLASS_DEVICE) === 0x0106 && d.config[R.PCI_CLASS_PROG] === 0x01) {
      d.config_write(R.PCI_COMMAND, pci_get_word(d.config, R.PCI_COMMAND) | R.PCI_COMMAND_MASTER, 2);
    }
  }
  // ich9_smbus_setup(): the SMBus controller lives at 0x700.
  const smb = host.root_bus.devices[R.PCI_DEVFN(0x1f, 3)];
  if (smb && smb.pci_class.device_id === 0x2930) {
    smb.config_write(0x20, 0x0701, 4);
    smb.config_write(0x40, 0x01, 1);
  }
}

/** Where each BAR of a function ended up (for tests and /proc/iomem). */
export function bar_addresses(d: PCIDevice): Array<{ bar: number; addr: number; size: number }> {
  return d.io_regions.flatMap((r, i) => (r && r.addr !== PCI_BAR_UNMAPPED ? [{ bar: i, addr: r.addr, size: r.size }] : []));
}
