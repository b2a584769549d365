// Models linux/arch/x86/pci/direct.c and mmconfig_64.c: configuration mechanism #1 (ports 0xCF8/0xCFC) for the first 256 bytes and ECAM (MMCONFIG) for extended config space.
import { inb, inl, inw, outb, outl, outw } from '../io.ts';
import { machine_hw } from '../../../machine/hardware.ts';
import { account_ns } from '../../../kernel/time/timekeeping.ts';
import { defineState } from '../../../kernel/state.ts';

export const PCIBIOS_SUCCESSFUL = 0x00;
export const PCIBIOS_FUNC_NOT_SUPPORTED = 0x81;
export const PCIBIOS_BAD_REGISTER_NUMBER = 0x87;
export const PCIBIOS_DEVICE_NOT_FOUND = 0x86;

/** PCI_CONF1_ADDRESS(bus, devfn, reg). */
function conf1_address(bus: number, devfn: number, reg: number): number {
  return (0x80000000 | ((reg & 0xf00) << 16) | (bus << 16) | (devfn << 8) | (reg & 0xfc)) >>> 0;
}

/** pci_conf1_read(). */
export function pci_conf1_read(seg: number, bus: number, devfn: number, reg: number, len: number): { err: number; val: number } {
  if (seg || bus > 255 || devfn > 255 || reg > 0xfff) return { err: -22, val: 0xffffffff };
  outl(conf1_address(bus, devfn, reg), 0xcf8);
  const port = 0xcfc + (reg & 3);
  const val = len === 1 ? inb(port) : len === 2 ? inw(port) : inl(port);
  return { err: 0, val };
}

/** pci_conf1_write(). */
export function pci_conf1_write(seg: number, bus: number, devfn: number, reg: number, len: number, value: number): number {
  if (seg || bus > 255 || devfn > 255 || reg > 0xfff) return -22;
  outl(conf1_address(bus, devfn, reg), 0xcf8);
  const port = 0xcfc + (reg & 3);
  if (len === 1) outb(value, port); else if (len === 2) outw(value, port); else outl(value, port);
  return 0;
}

interface MmcfgRegion { segment: number; start_bus: number; end_bus: number; address: number }
const mmcfgState = defineState('pci_mmcfg', () => ({ regions: [] as MmcfgRegion[] }));

export function pci_mmconfig_add(segment: number, start_bus: number, end_bus: number, address: number): void {
  mmcfgState().regions.push({ segment, start_bus, end_bus, address });
}
export function pci_mmconfig_regions(): readonly MmcfgRegion[] { return mmcfgState().regions; }

/** pci_mmcfg_read(): ECAM, bus << 20 | devfn << 12 | reg. */
export function pci_mmcfg_read(seg: number, bus: number, devfn: number, reg: number, len: number): { err: number; val: number } {
  const r = mmcfgState().regions.find((x) => x.segment === seg && bus >= x.start_bus && bus <= x.end_bus);
  const hw = machine_hw();
  if (!r || !hw || reg > 0xfff) return { err: -22, val: 0xffffffff };
  account_ns(60);
  const v = Number(hw.mmio_read(r.address + (((bus - r.start_bus) << 20) | (devfn << 12) | reg), len));
  return { err: 0, val: v >>> 0 };
}

export function pci_mmcfg_write(seg: number, bus: number, devfn: number, reg: number, len: number, value: number): number {
  const r = mmcfgState().regions.find((x) => x.segment === seg && bus >= x.start_bus && bus <= x.end_bus);
  const hw = machine_hw();
  if (!r || !hw || reg > 0xfff) return -22;
  account_ns(60);
  hw.mmio_write(r.address + (((bus - r.start_bus) << 20) | (devfn << 12) | reg), value >>> 0, len);
  return 0;
}

/** CPU time of one configuration cycle (a port or ECAM round trip). */
const CONFIG_CYCLE_NS = 250;

/**
 * raw_pci_read() (arch/x86/pci/common.c): one configuration cycle. Linux picks
 * type 1 for the first 256 bytes and MMCONFIG beyond; both reach the host
 * bridge with the same (bus, devfn, reg), so the cycle is delivered to it
 * directly (pci_conf1_read/pci_mmcfg_read above go through the ports and the
 * ECAM window, byte for byte the same, and are kept for tools and tests).
 * Going through the address spaces would rebuild the machine's flat views
 * after every BAR write while BARs are sized.
 */
export function raw_pci_read(domain: number, bus: number, devfn: number, reg: number, len: number): { err: number; val: number } {
  const hw = machine_hw();
  if (!hw || bus > 255 || devfn > 255 || reg > 0xfff || reg < 0) return { err: -22, val: 0xffffffff };
  if (reg >= 256 && !mmcfgState().regions.some((x) => x.segment === domain && bus >= x.start_bus && bus <= x.end_bus)) return { err: -22, val: 0xffffffff };
  account_ns(CONFIG_CYCLE_NS);
  return { err: 0, val: hw.pci_config_read(domain, bus, devfn, reg, len) >>> 0 };
}

export function raw_pci_write(domain: number, bus: number, devfn: number, reg: number, len: number, val: number): number {
  const hw = machine_hw();
  if (!hw || bus > 255 || devfn > 255 || reg > 0xfff || reg < 0) return -22;
  if (reg >= 256 && !mmcfgState().regions.some((x) => x.segment === domain && bus >= x.start_bus && bus <= x.end_bus)) return -22;
  account_ns(CONFIG_CYCLE_NS);
  hw.pci_config_write(domain, bus, devfn, reg, val >>> 0, len);
  return 0;
}
