// Models linux/drivers/pci/probe.c: root buses, pci_scan_slot/pci_scan_device, BAR sizing (__pci_read_base), bridges and bus numbers, and pci_dev creation.
import type { pci_bus, pci_dev, pci_ops } from '../../include/linux/pci.ts';
import { PCI_NUM_RESOURCES, PCI_ROM_RESOURCE, PCI_BRIDGE_RESOURCES, PCI_D0, PCI_DEVFN, pci_name } from '../../include/linux/pci.ts';
import * as R from '../../include/uapi/linux/pci_regs.ts';
import {
  type resource, IORESOURCE_IO, IORESOURCE_MEM, IORESOURCE_PREFETCH, IORESOURCE_MEM_64, IORESOURCE_SIZEALIGN, IORESOURCE_BUS,
  IORESOURCE_WINDOW, IORESOURCE_UNSET, IORESOURCE_READONLY, IORESOURCE_ROM_ENABLE, IORESOURCE_ROM_SHADOW, IORESOURCE_PCI_FIXED, format_resource,
} from '../../kernel/resource.ts';
import { pr_info, printk, KERN_INFO } from '../../kernel/printk/printk.ts';
import { device_alloc, device_initialize, dev_set_name } from '../base/core.ts';
import { pci_bus_read_config_dword, pci_bus_read_config_word, pci_bus_read_config_byte, pci_bus_write_config_dword, pci_bus_write_config_word, pci_bus_write_config_byte } from './access.ts';
import { pciState } from './pci-state.ts';
import { pci_bus_type_ref } from './pci-state.ts';
import { dma_set_device_key, DMA_BIT_MASK } from '../../kernel/dma/mapping.ts';
import { quirk_ich_lpc } from './setup-res.ts';
/** Register offsets copied into locals once (module namespace reads are getter calls on hot paths). */
const { PCIE_CONFIG_SPACE_SIZE, PCI_BASE_ADDRESS_0, PCI_BASE_ADDRESS_IO_MASK, PCI_BASE_ADDRESS_MEM_MASK, PCI_BASE_ADDRESS_MEM_PREFETCH, PCI_BASE_ADDRESS_MEM_TYPE_64, PCI_BASE_ADDRESS_SPACE_IO, PCI_CAPABILITY_LIST, PCI_CAP_ID_EXP, PCI_CAP_ID_MSI, PCI_CAP_ID_MSIX, PCI_CAP_ID_PM, PCI_CAP_ID_SSVID, PCI_CLASS_REVISION, PCI_COMMAND, PCI_COMMAND_IO, PCI_COMMAND_MEMORY, PCI_CONFIG_SPACE_SIZE, PCI_EXP_FLAGS, PCI_HEADER_TYPE, PCI_HEADER_TYPE_BRIDGE, PCI_HEADER_TYPE_NORMAL, PCI_INTERRUPT_LINE, PCI_INTERRUPT_PIN, PCI_IO_BASE, PCI_IO_BASE_UPPER16, PCI_IO_LIMIT, PCI_IO_LIMIT_UPPER16, PCI_IO_RANGE_TYPE_32, PCI_MEMORY_BASE, PCI_MEMORY_LIMIT, PCI_PREF_BASE_UPPER32, PCI_PREF_LIMIT_UPPER32, PCI_PREF_MEMORY_BASE, PCI_PREF_MEMORY_LIMIT, PCI_PREF_RANGE_TYPE_64, PCI_PRIMARY_BUS, PCI_ROM_ADDRESS, PCI_ROM_ADDRESS1, PCI_ROM_ADDRESS_ENABLE, PCI_STATUS, PCI_STATUS_CAP_LIST, PCI_SUBORDINATE_BUS, PCI_SUBSYSTEM_ID, PCI_SUBSYSTEM_VENDOR_ID, PCI_VENDOR_ID } = R;

const h2 = (n: number) => n.toString(16).padStart(2, '0');
const h4 = (n: number) => n.toString(16).padStart(4, '0');

function res(start: number, end: number, flags: number, name: string): resource {
  return { start, end, name, flags, desc: 0, parent: null, child: [] };
}

export { pci_info, pci_dbg } from './pci_printk.ts';
import { pci_info } from './pci_printk.ts';
import { pci_pm_init } from './pci-pm.ts';
function bus_name(bus: pci_bus): string { return `${h4(bus.domain_nr)}:${h2(bus.number)}`; }

/** pci_alloc_bus(). */
function pci_alloc_bus(parent: pci_bus | null, ops: pci_ops, domain: number, busnr: number): pci_bus {
  return {
    number: busnr, primary: parent?.number ?? 0, busn_res: res(busnr, 0xff, IORESOURCE_BUS, ''), parent, self: null, children: [],
    devices: [], resource: [null, null, null, null], resources: [], ops, domain_nr: domain, name: '', bridge: null, dev: null, is_added: false,
  };
}

/**
 * pci_create_root_bus(): the host bridge device (pciDDDD:BB) and bus BB with its
 * windows, printed as "PCI host bridge to bus" and "root bus resource" lines.
 */
export function pci_create_root_bus(domain: number, busnr: number, ops: pci_ops, windows: resource[], bus_end = 0xff): pci_bus {
  const b = pci_alloc_bus(null, ops, domain, busnr);
  b.busn_res = res(busnr, bus_end, IORESOURCE_BUS, '');
  const bridge = device_alloc(b);
  bridge.init_name = `pci${h4(domain)}:${h2(busnr)}`;
  bridge.release = () => { /* pci_release_host_bridge_dev */ };
  device_initialize(bridge);
  dev_set_name(bridge, `pci${h4(domain)}:${h2(busnr)}`);
  b.bridge = bridge;
  b.name = `PCI Bus ${bus_name(b)}`;
  pr_info(`PCI host bridge to bus ${bus_name(b)}`);
  for (const w of windows) {
    w.flags |= IORESOURCE_WINDOW;
    w.name = b.name;
    b.resources.push(w);
    printk(`${KERN_INFO}pci_bus ${bus_name(b)}: root bus resource ${format_resource(w)}`);
  }
  printk(`${KERN_INFO}pci_bus ${bus_name(b)}: root bus resource ${format_resource(b.busn_res)}`);
  pciState().root_buses.push(b);
  return b;
}

/** Decodes a BAR's low bits into resource flags (decode_bar). */
function decode_bar(bar: number): number {
  if (bar & PCI_BASE_ADDRESS_SPACE_IO) return IORESOURCE_IO | (bar & ~PCI_BASE_ADDRESS_IO_MASK & 0x3);
  let flags = IORESOURCE_MEM | (bar & 0xf);
  if (bar & PCI_BASE_ADDRESS_MEM_PREFETCH) flags |= IORESOURCE_PREFETCH;
  if ((bar & 0x6) === PCI_BASE_ADDRESS_MEM_TYPE_64) flags |= IORESOURCE_MEM_64;
  return flags;
}

/** The lowest set bit of a size mask: the region's size (pci_size). */
function pci_size(base: number, maxbase: number, mask: number): number {
  const size = (mask & maxbase) >>> 0;
  if (!size) return 0;
  const s = size & -size;
  return s >>> 0 === 0 ? 0x1_0000_0000 : s >>> 0;
}

/**
 * __pci_read_base(): sizes one BAR (write all ones, read the mask back,
 * restore) and fills the resource; prints "BAR n [mem ...]". Returns 1 for
 * a 64-bit BAR (the next one is its upper half).
 */
function __pci_read_base(dev: pci_dev, pos: number, r: resource, rom: boolean, label: string): number {
  const bus = dev.bus;
  const l = pci_bus_read_config_dword(bus, dev.devfn, pos);
  pci_bus_write_config_dword(bus, dev.devfn, pos, rom ? 0xfffffffe : 0xffffffff);
  const sz = pci_bus_read_config_dword(bus, dev.devfn, pos);
  pci_bus_write_config_dword(bus, dev.devfn, pos, l);
  let is64 = false;
  let base: number, size: number;
  if (rom) {
    r.flags = IORESOURCE_MEM | IORESOURCE_PREFETCH | IORESOURCE_READONLY | IORESOURCE_SIZEALIGN | (l & PCI_ROM_ADDRESS_ENABLE ? IORESOURCE_ROM_ENABLE : 0);
    base = (l & 0xfffff800) >>> 0;
    size = sz === 0xffffffff || !sz ? 0 : pci_size(base, (sz & 0xfffff800) >>> 0, 0xfffff800);
  } else {
    if (sz === 0xffffffff || sz === 0 || l === 0xffffffff) { r.flags = 0; return 0; }
    r.flags = decode_bar(l) | IORESOURCE_SIZEALIGN;
    if (r.flags & IORESOURCE_IO) {
      base = (l & PCI_BASE_ADDRESS_IO_MASK) >>> 0;
      size = pci_size(base, (sz & PCI_BASE_ADDRESS_IO_MASK & 0xffff) >>> 0, 0xffff);
    } else {
      base = (l & PCI_BASE_ADDRESS_MEM_MASK) >>> 0;
      size = pci_size(base, (sz & PCI_BASE_ADDRESS_MEM_MASK) >>> 0, 0xffffffff);
      if (r.flags & IORESOURCE_MEM_64) {
        is64 = true;
        const lh = pci_bus_read_config_dword(bus, dev.devfn, pos + 4);
        pci_bus_write_config_dword(bus, dev.devfn, pos + 4, 0xffffffff);
        const szh = pci_bus_read_config_dword(bus, dev.devfn, pos + 4);
        pci_bus_write_config_dword(bus, dev.devfn, pos + 4, lh);
        base += lh * 0x1_0000_0000;
        if (!size && szh) size = (szh & -szh) * 0x1_0000_0000;
      }
    }
  }
  if (!size) { r.flags = 0; return is64 ? 1 : 0; }
  r.start = base;
  r.end = base + size - 1;
  if (!base && !rom) { r.flags |= IORESOURCE_UNSET; r.start = 0; r.end = size - 1; }
  r.name = pci_name(dev);
  pci_info(dev, `${label} ${format_resource(r)}`);
  return is64 ? 1 : 0;
}

/** pci_read_bases(): the BARs (and ROM) with decoding off while they are sized. */
function pci_read_bases(dev: pci_dev, howmany: number, rom: number): void {
  const cmd = pci_bus_read_config_word(dev.bus, dev.devfn, PCI_COMMAND);
  const host_bridge = dev.class >> 8 === 0x0600;
  if (!host_bridge && cmd & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY)) pci_bus_write_config_word(dev.bus, dev.devfn, PCI_COMMAND, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
  for (let pos = 0; pos < howmany; pos++) pos += __pci_read_base(dev, PCI_BASE_ADDRESS_0 + (pos << 2), dev.resource[pos]!, false, `BAR ${pos}`);
  if (rom) {
    dev.rom_base_reg = rom;
    __pci_read_base(dev, rom, dev.resource[PCI_ROM_RESOURCE]!, true, 'ROM');
  }
  if (!host_bridge && cmd & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY)) pci_bus_write_config_word(dev.bus, dev.devfn, PCI_COMMAND, cmd);
}

/** pci_find_capability(): walks the capability list. */
export function pci_bus_find_capability(bus: pci_bus, devfn: number, cap: number): number {
  const status = pci_bus_read_config_word(bus, devfn, PCI_STATUS);
  if (!(status & PCI_STATUS_CAP_LIST)) return 0;
  let pos = pci_bus_read_config_byte(bus, devfn, PCI_CAPABILITY_LIST);
  for (let ttl = 48; ttl-- && pos >= 0x40;) {
    pos &= ~3;
    const ent = pci_bus_read_config_word(bus, devfn, pos);
    const id = ent & 0xff;
    if (id === 0xff) break;
    if (id === cap) return pos;
    pos = ent >> 8;
  }
  return 0;
}

/** pci_read_bridge_windows(): a bridge's I/O, memory and prefetchable windows, printed as "bridge window". */
function pci_read_bridge_windows(dev: pci_dev): void {
  const bus = dev.bus, devfn = dev.devfn;
  const io_base_lo = pci_bus_read_config_byte(bus, devfn, PCI_IO_BASE);
  const io_limit_lo = pci_bus_read_config_byte(bus, devfn, PCI_IO_LIMIT);
  let base = (io_base_lo & 0xf0) << 8, limit = (io_limit_lo & 0xf0) << 8;
  if ((io_base_lo & 0x0f) === PCI_IO_RANGE_TYPE_32) {
    base |= pci_bus_read_config_word(bus, devfn, PCI_IO_BASE_UPPER16) << 16;
    limit |= pci_bus_read_config_word(bus, devfn, PCI_IO_LIMIT_UPPER16) << 16;
  }
  const w = (i: number) => dev.resource[PCI_BRIDGE_RESOURCES + i]!;
  if (base <= limit) Object.assign(w(0), { start: base, end: limit + 0xfff, flags: IORESOURCE_IO, name: pci_name(dev) });
  const mb = pci_bus_read_config_word(bus, devfn, PCI_MEMORY_BASE), ml = pci_bus_read_config_word(bus, devfn, PCI_MEMORY_LIMIT);
  const mbase = ((mb & 0xfff0) << 16) >>> 0, mlimit = ((ml & 0xfff0) << 16) >>> 0;
  if (mbase <= mlimit) Object.assign(w(1), { start: mbase, end: mlimit + 0xfffff, flags: IORESOURCE_MEM, name: pci_name(dev) });
  const pb = pci_bus_read_config_word(bus, devfn, PCI_PREF_MEMORY_BASE), pl = pci_bus_read_config_word(bus, devfn, PCI_PREF_MEMORY_LIMIT);
  let pbase = ((pb & 0xfff0) << 16) >>> 0, plimit = ((pl & 0xfff0) << 16) >>> 0;
  let pflags = IORESOURCE_MEM | IORESOURCE_PREFETCH;
  if ((pb & 0xf) === PCI_PREF_RANGE_TYPE_64) {
    pbase += pci_bus_read_config_dword(bus, devfn, PCI_PREF_BASE_UPPER32) * 0x1_0000_0000;
    plimit += pci_bus_read_config_dword(bus, devfn, PCI_PREF_LIMIT_UPPER32) * 0x1_0000_0000;
    pflags |= IORESOURCE_MEM_64;
  }
  if (pbase <= plimit) Object.assign(w(2), { start: pbase, end: plimit + 0xfffff, flags: pflags, name: pci_name(dev) });
}

function print_bridge(dev: pci_dev, sec: number, sub: number): void {
  pci_info(dev, `PCI bridge to ${format_resource(res(sec, sub, IORESOURCE_BUS, ''))}`);
  for (let i = 0; i < 3; i++) {
    const w = dev.resource[PCI_BRIDGE_RESOURCES + i]!;
    if (w.flags) pci_info(dev, `  bridge window ${format_resource(w)}`);
  }
}

/** pci_cfg_space_size(): 4096 for PCIe functions whose extended space answers, else 256. */
function pci_cfg_space_size(dev: pci_dev): number {
  if (!dev.pcie_cap) return PCI_CONFIG_SPACE_SIZE;
  const v = pci_bus_read_config_dword(dev.bus, dev.devfn, 0x100);
  return v === 0xffffffff ? PCI_CONFIG_SPACE_SIZE : PCIE_CONFIG_SPACE_SIZE;
}

/** pci_setup_device(): identity, header type, BARs, capabilities, interrupt pin. */
function pci_setup_device(dev: pci_dev): number {
  const bus = dev.bus, devfn = dev.devfn;
  const hdr = pci_bus_read_config_byte(bus, devfn, PCI_HEADER_TYPE);
  dev.hdr_type = hdr & 0x7f;
  dev.multifunction = (hdr & 0x80) !== 0;
  const cr = pci_bus_read_config_dword(bus, devfn, PCI_CLASS_REVISION);
  dev.revision = cr & 0xff;
  dev.class = cr >>> 8;
  pci_info(dev, `[${h4(dev.vendor)}:${h4(dev.device)}] type ${h2(dev.hdr_type)} class 0x${dev.class.toString(16).padStart(6, '0')}`);
  dev.pcie_cap = pci_bus_find_capability(bus, devfn, PCI_CAP_ID_EXP);
  if (dev.pcie_cap) dev.pcie_flags_reg = pci_bus_read_config_word(bus, devfn, dev.pcie_cap + PCI_EXP_FLAGS);
  dev.msi_cap = pci_bus_find_capability(bus, devfn, PCI_CAP_ID_MSI);
  dev.msix_cap = pci_bus_find_capability(bus, devfn, PCI_CAP_ID_MSIX);
  dev.pm_cap = pci_bus_find_capability(bus, devfn, PCI_CAP_ID_PM);
  dev.cfg_size = pci_cfg_space_size(dev);
  switch (dev.hdr_type) {
    case PCI_HEADER_TYPE_NORMAL: {
      pci_read_bases(dev, 6, PCI_ROM_ADDRESS);
      dev.subsystem_vendor = pci_bus_read_config_word(bus, devfn, PCI_SUBSYSTEM_VENDOR_ID);
      dev.subsystem_device = pci_bus_read_config_word(bus, devfn, PCI_SUBSYSTEM_ID);
      // pci_fixup_video: the boot VGA's ROM is the shadow copy at 0xc0000.
      if (dev.class >> 8 === 0x0300 && dev.resource[PCI_ROM_RESOURCE]!.flags) {
        Object.assign(dev.resource[PCI_ROM_RESOURCE]!, { start: 0xc0000, end: 0xdffff, flags: IORESOURCE_MEM | IORESOURCE_ROM_SHADOW | IORESOURCE_PCI_FIXED });
        pci_info(dev, 'Video device with shadowed ROM at [mem 0x000c0000-0x000dffff]');
      }
      break;
    }
    case PCI_HEADER_TYPE_BRIDGE: {
      pci_read_bases(dev, 2, PCI_ROM_ADDRESS1);
      const ssvid = pci_bus_find_capability(bus, devfn, PCI_CAP_ID_SSVID);
      if (ssvid) {
        dev.subsystem_vendor = pci_bus_read_config_word(bus, devfn, ssvid + 4);
        dev.subsystem_device = pci_bus_read_config_word(bus, devfn, ssvid + 6);
      }
      pci_read_bridge_windows(dev);
      break;
    }
    default:
      pci_info(dev, `unknown header type ${h2(dev.hdr_type)}, ignoring device`);
      return -5;
  }
  // pci_read_irq(): the pin, and the line the firmware wrote until a driver enables the device.
  dev.pin = pci_bus_read_config_byte(bus, devfn, PCI_INTERRUPT_PIN);
  dev.irq = dev.pin ? pci_bus_read_config_byte(bus, devfn, PCI_INTERRUPT_LINE) : 0;
  dev.irq_line = dev.irq;
  return 0;
}

/** A pci_dev with its embedded struct device, not yet added (pci_alloc_dev). */
export function pci_alloc_dev(bus: pci_bus): pci_dev {
  const dev = {
    bus, subordinate: null, devfn: 0, vendor: 0, device: 0, subsystem_vendor: 0, subsystem_device: 0, class: 0, revision: 0, hdr_type: 0,
    multifunction: false, pin: 0, irq: 0, cfg_size: 256, rom_base_reg: 0, pcie_cap: 0, pcie_flags_reg: 0, msi_cap: 0, msix_cap: 0, pm_cap: 0,
    current_state: PCI_D0, resource: [], driver: null, enable_cnt: 0, is_busmaster: false, msi_enabled: false, msix_enabled: false,
    msi_list: [], irq_line: 0, dma_mask: DMA_BIT_MASK(32), coherent_dma_mask: DMA_BIT_MASK(32), is_added: false, removed: false, region_mask: 0,
    saved_config: null, procent: null, match_driver: false, broken_intx_masking: false, is_managed: false, of_path: null, iomap_table: [],
  } as unknown as pci_dev;
  for (let i = 0; i < PCI_NUM_RESOURCES; i++) dev.resource.push(res(0, 0, 0, ''));
  dev.dev = device_alloc(dev);
  return dev;
}

/** pci_scan_device(): is anything at devfn? The vendor ID read answers. */
export function pci_scan_device(bus: pci_bus, devfn: number): pci_dev | null {
  const l = pci_bus_read_config_dword(bus, devfn, PCI_VENDOR_ID);
  if (l === 0xffffffff || l === 0 || l === 0x0000ffff || l === 0xffff0000) return null;
  const dev = pci_alloc_dev(bus);
  dev.devfn = devfn;
  dev.vendor = l & 0xffff;
  dev.device = l >>> 16;
  if (pci_setup_device(dev)) return null;
  quirk_ich_lpc(dev);
  return dev;
}

/** pci_device_add(): the device joins its bus (not yet visible to drivers). */
export function pci_device_add(dev: pci_dev, bus: pci_bus): void {
  const d = dev.dev;
  device_initialize(d);
  d.release = () => { /* pci_release_dev */ };
  d.bus = pci_bus_type_ref();
  d.parent = bus.self ? bus.self.dev : bus.bridge;
  dev_set_name(d, pci_name(dev));
  pci_pm_init(dev); // pci_init_capabilities()
  dma_set_device_key(d, () => `${bus.domain_nr}:${bus.number}:${dev.devfn}`);
  bus.devices.push(dev);
  bus.devices.sort((a, b) => a.devfn - b.devfn);
  dev.match_driver = false;
}

/** pci_scan_single_device(). */
export function pci_scan_single_device(bus: pci_bus, devfn: number): pci_dev | null {
  const have = bus.devices.find((d) => d.devfn === devfn);
  if (have) return have;
  const dev = pci_scan_device(bus, devfn);
  if (!dev) return null;
  pci_device_add(dev, bus);
  return dev;
}

/** pci_scan_slot(): function 0, then 1-7 if it is multi-function. Returns the number of new functions. */
export function pci_scan_slot(bus: pci_bus, devfn: number): number {
  let nr = 0;
  const before = bus.devices.length;
  const dev0 = pci_scan_single_device(bus, devfn);
  if (!dev0) return 0;
  nr++;
  if (dev0.multifunction) {
    for (let fn = 1; fn < 8; fn++) if (pci_scan_single_device(bus, devfn + fn)) nr++;
  }
  return bus.devices.length - before > 0 ? bus.devices.length - before : 0 * nr;
}

/** pci_add_new_bus(): the secondary bus behind a bridge. */
function pci_add_new_bus(parent: pci_bus, bridge: pci_dev, busnr: number): pci_bus {
  const child = pci_alloc_bus(parent, parent.ops, parent.domain_nr, busnr);
  child.self = bridge;
  child.primary = parent.number;
  child.name = `PCI Bus ${bus_name(child)}`;
  for (let i = 0; i < 4; i++) {
    const w = bridge.resource[PCI_BRIDGE_RESOURCES + i]!;
    if (w.flags) w.name = child.name;
    child.resource[i] = w;
  }
  bridge.subordinate = child;
  parent.children.push(child);
  return child;
}

/**
 * pci_scan_bridge_extend(): keeps bus numbers the firmware assigned (pass 0)
 * or assigns the next free ones (pass 1), then scans the secondary bus.
 */
function pci_scan_bridge(bus: pci_bus, dev: pci_dev, max: number, pass: number): number {
  const buses = pci_bus_read_config_dword(bus, dev.devfn, PCI_PRIMARY_BUS);
  const primary = buses & 0xff, secondary = (buses >> 8) & 0xff, subordinate = (buses >> 16) & 0xff;
  const configured = secondary > bus.number && subordinate >= secondary && primary === bus.number;
  if (dev.subordinate) {
    // Already known (a rescan): look for new functions below it.
    return pass === 0 ? Math.max(max, pci_scan_child_bus(dev.subordinate), dev.subordinate.busn_res.end) : max;
  }
  if (pass === 0) {
    if (!configured) return max;
    const child = pci_add_new_bus(bus, dev, secondary);
    child.busn_res.end = subordinate;
    print_bridge(dev, secondary, subordinate);
    const cmax = pci_scan_child_bus(child);
    return Math.max(max, cmax, subordinate);
  }
  if (configured || dev.subordinate) return max;
  // Pass 1: number the bus ourselves.
  const sec = max + 1;
  pci_bus_write_config_dword(bus, dev.devfn, PCI_PRIMARY_BUS, (buses & 0xff000000) | bus.number | (sec << 8) | (0xff << 16));
  const child = pci_add_new_bus(bus, dev, sec);
  const cmax = pci_scan_child_bus(child);
  pci_bus_write_config_byte(bus, dev.devfn, PCI_SUBORDINATE_BUS, cmax);
  child.busn_res.end = cmax;
  print_bridge(dev, sec, cmax);
  return cmax;
}

/** pci_scan_child_bus(): every slot, then every bridge (two passes). Returns the highest bus number below. */
export function pci_scan_child_bus(bus: pci_bus): number {
  let max = bus.number;
  for (let devfn = 0; devfn < 0x100; devfn += 8) pci_scan_slot(bus, devfn);
  for (let pass = 0; pass < 2; pass++) {
    for (const dev of [...bus.devices]) {
      if (dev.hdr_type === PCI_HEADER_TYPE_BRIDGE) max = pci_scan_bridge(bus, dev, max, pass);
    }
  }
  return max;
}

/** pci_scan_root_bus(): create the root bus and enumerate everything below it. */
export function pci_scan_root_bus(domain: number, busnr: number, ops: pci_ops, windows: resource[]): pci_bus {
  const b = pci_create_root_bus(domain, busnr, ops, windows);
  const max = pci_scan_child_bus(b);
  b.busn_res.end = Math.max(b.busn_res.end, max);
  return b;
}

/** Every pci_dev below a bus, depth first in bus order (the order lspci and sysfs list). */
export function* pci_walk_bus(bus: pci_bus): Generator<pci_dev> {
  for (const d of bus.devices) {
    yield d;
    if (d.subordinate) yield* pci_walk_bus(d.subordinate);
  }
}

export function* for_each_pci_dev(): Generator<pci_dev> {
  for (const b of pciState().root_buses) yield* pci_walk_bus(b);
}

/** pci_get_slot / pci_get_domain_bus_and_slot(). */
export function pci_get_domain_bus_and_slot(domain: number, busnr: number, devfn: number): pci_dev | null {
  for (const d of for_each_pci_dev()) if (d.bus.domain_nr === domain && d.bus.number === busnr && d.devfn === devfn && !d.removed) return d;
  return null;
}

export function pci_find_bus(domain: number, busnr: number): pci_bus | null {
  const walk = (b: pci_bus): pci_bus | null => {
    if (b.domain_nr === domain && b.number === busnr) return b;
    for (const c of b.children) { const r = walk(c); if (r) return r; }
    return null;
  };
  for (const b of pciState().root_buses) { const r = walk(b); if (r) return r; }
  return null;
}

export { PCI_DEVFN };
