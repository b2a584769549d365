// Models linux/arch/x86/pci/{init.c,mmconfig-shared.c,acpi.c,legacy.c,irq.c,i386.c}: the x86 PCI bring-up as initcalls — interrupt setup, MMCONFIG and type 1 access, the root bridge scan with its ACPI windows, resource survey, /proc/bus/pci.
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { boot_desc } from '../../../init/boot_state.ts';
import { machine_hw } from '../../../machine/hardware.ts';
import { run_sync } from '../../../kernel/oops.ts';
import { pr_info, printk, KERN_INFO, KERN_DEBUG } from '../../../kernel/printk/printk.ts';
import { type resource, IORESOURCE_IO, IORESOURCE_MEM, IORESOURCE_MEM_64, IORESOURCE_PREFETCH, insert_resource, iomem_resource, ioport_resource, __request_region } from '../../../kernel/resource.ts';
import { prop_cells, walk_nodes, type DTNode } from '../../../scripts/dtc/livetree.ts';
import { init_IRQ } from '../kernel/irq.ts';
import { init_irq_proc } from '../../../kernel/irq/proc.ts';
import { irqState } from '../../../kernel/irq/irqdesc.ts';
import { dma_api_init } from '../../../kernel/dma/mapping.ts';
import { e820_reserve_resources_late, x86_insert_mmconfig, x86_pnp_and_legacy_claims, x86_reserve_platform_resources } from '../kernel/resource_init.ts';
import { pci_mmconfig_add } from './direct.ts';
import { pci_root_ops } from '../../../drivers/pci/access.ts';
import { pci_driver_init } from '../../../drivers/pci/pci-driver.ts';
import { pci_scan_root_bus } from '../../../drivers/pci/probe.ts';
import { pci_bus_add_devices } from '../../../drivers/pci/remove.ts';
import { pci_bus_dump_resources, pcibios_resource_survey, set_pcibios_min_mem } from '../../../drivers/pci/setup-res.ts';
import { pci_proc_init } from '../../../drivers/pci/proc.ts';
import { pciState } from '../../../drivers/pci/pci-state.ts';
import { PCI_BRIDGE_RESOURCES, type pci_bus } from '../../../include/linux/pci.ts';
import { acpi_disabled } from '../../../drivers/acpi/tables.ts';

const hex8 = (n: number) => '0x' + n.toString(16).padStart(8, '0');

function win(start: number, end: number, flags: number): resource {
  return { start, end, name: '', flags, desc: 0, parent: null, child: [] };
}

/** The PCI host nodes the firmware describes (QEMU's ACPI PNP0A08 devices; here the DT nodes). */
function host_nodes(): DTNode[] {
  const hw = machine_hw();
  if (!hw) return [];
  return [...walk_nodes(hw.tree.root)].filter((n) => n.is_compatible('intel,q35-pcihost') || n.is_compatible('pci-host-ecam-generic'));
}

function ecam_of(n: DTNode): { base: number; size: number } {
  const reg = n.get_property('reg');
  const c = reg ? prop_cells(reg).map(Number) : [];
  return c.length >= 4 ? { base: c[0]! * 2 ** 32 + c[1]!, size: c[2]! * 2 ** 32 + c[3]! } : { base: 0xb0000000, size: 0x10000000 };
}

/**
 * The host bridge's _CRS as QEMU's q35 firmware builds it: I/O split around
 * the config ports, the VGA hole, the gap between RAM and MMCONFIG, then the
 * 32-bit and 64-bit apertures (from `ranges`, or QEMU's defaults).
 */
function host_windows(n: DTNode, ram: number, ecam: number): resource[] {
  const ws: resource[] = [win(0x0000, 0x0cf7, IORESOURCE_IO), win(0x0d00, 0xffff, IORESOURCE_IO), win(0xa0000, 0xbffff, IORESOURCE_MEM)];
  if (ram < ecam) ws.push(win(ram, ecam - 1, IORESOURCE_MEM));
  const rp = n.get_property('ranges');
  const cells = rp ? prop_cells(rp).map(Number) : [];
  let found32 = false, found64 = false;
  for (let i = 0; i + 7 <= cells.length; i += 7) {
    const space = (cells[i]! >>> 24) & 3;
    const pci = cells[i + 1]! * 2 ** 32 + cells[i + 2]!;
    const size = cells[i + 5]! * 2 ** 32 + cells[i + 6]!;
    if (space === 2) { ws.push(win(pci, pci + size - 1, IORESOURCE_MEM)); found32 = true; }
    if (space === 3) { ws.push(win(pci, pci + size - 1, IORESOURCE_MEM | IORESOURCE_MEM_64)); found64 = true; }
  }
  if (!found32) ws.push(win(0xc0000000, 0xfebfffff, IORESOURCE_MEM));
  if (!found64) ws.push(win(0x100000000, 0x8ffffffff, IORESOURCE_MEM));
  for (const w of ws) w.flags &= ~(IORESOURCE_MEM_64 | IORESOURCE_PREFETCH);
  return ws;
}

function has_vga(): boolean {
  return host_nodes().some((h) => [...walk_nodes(h)].some((c) => c.is_compatible('qemu,std-vga')));
}

/** setup_arch's part: the resource trees and the interrupt controller, before any initcall needs them. */
function x86_platform_init(): number {
  const d = boot_desc();
  const hw = machine_hw();
  init_IRQ(d.nr_cpus, !!hw);
  irqState().noirqdebug = /(^|\s)noirqdebug(\s|$)/.test(d.cmdline);
  init_irq_proc();
  dma_api_init();
  if (!hw) return 0;
  x86_reserve_platform_resources(d.ram_bytes, has_vga());
  return 0;
}

/** pci_arch_init(): MMCONFIG from the MCFG table, then type 1 for the first 256 bytes. */
function pci_arch_init(): number {
  if (!machine_hw()) return 0;
  for (const [seg, n] of host_nodes().entries()) {
    const { base, size } = ecam_of(n);
    const end_bus = Math.min(0xff, size / 0x100000 - 1);
    pr_info(`PCI: MMCONFIG for domain ${seg.toString(16).padStart(4, '0')} [bus 00-${end_bus.toString(16).padStart(2, '0')}] at [mem ${hex8(base)}-${hex8(base + size - 1)}] (base ${hex8(base)})`);
    pr_info(`PCI: MMCONFIG at [mem ${hex8(base)}-${hex8(base + size - 1)}] reserved in E820`);
    pci_mmconfig_add(seg, 0, end_bus, base);
  }
  pr_info('PCI: Using configuration type 1 for base access');
  return 0;
}

/**
 * pci_acpi_scan_root() for each host bridge: its bus is scanned, its windows
 * enter the resource trees, the devices are added, then the firmware glue
 * binds them to their ACPI nodes (`bind`; Linux does it inside device_add,
 * the built-in drivers here match by PCI id only, so the order does not show).
 * drivers/acpi/pci_root.ts calls this from acpi_init when the machine has ACPI;
 * `root(seg)` prints what acpi_pci_root_add() says about the bridge.
 */
export function pci_acpi_scan_roots(root: (seg: number) => void, bind: (seg: number, bus: pci_bus) => void): void {
  const ram = Math.min(boot_desc().ram_bytes, 0xb0000000);
  for (const [seg, n] of host_nodes().entries()) {
    const { base, size } = ecam_of(n);
    const end_bus = Math.min(0xff, size / 0x100000 - 1);
    pr_info(`ACPI: PCI Root Bridge [PCI${seg}] (domain ${seg.toString(16).padStart(4, '0')} [bus 00-${end_bus.toString(16).padStart(2, '0')}])`);
    root(seg);
    const windows = host_windows(n, ram, base);
    const bus = pci_scan_root_bus(seg, 0, pci_root_ops, windows);
    for (const w of bus.resources) insert_resource(w.flags & IORESOURCE_IO ? ioport_resource() : iomem_resource(), w);
    run_sync(pci_bus_add_devices(bus));
    bind(seg, bus);
  }
}

/** pci_acpi_crs_quirks(): how the host bridge windows are chosen (printed from acpi_pci_root_init). */
export function pci_acpi_crs_quirks(): void {
  pr_info('PCI: Using host bridge windows from ACPI; if necessary, use "pci=nocrs" and report a bug');
  pr_info('PCI: Using E820 reservations for host bridge windows');
}

/**
 * pci_subsys_init() (arch/x86/pci/legacy.c): the PCI gap's start for BARs, and on a machine without ACPI tables the
 * root bridges as the ACPI path would scan them; then pci_acpi_init's IRQ routing and pcibios_init. As a subsys
 * initcall of arch/x86/pci/, which links after drivers/ and net/, it runs after acpi_init's scan and the other
 * drivers' subsys initcalls (pps, ptp): its lines follow theirs in the boot log.
 */
function pci_subsys_init(): number {
  const hw = machine_hw();
  if (!hw) return 0;
  // setup_arch printed the gap above RAM (e820__setup_pci_gap); BARs are placed from its start.
  set_pcibios_min_mem(Math.min(boot_desc().ram_bytes, 0xb0000000));
  // With ACPI, acpi_init (drivers/acpi/bus.ts) scanned the roots from the PNP0A08 devices of its namespace.
  if (acpi_disabled()) {
    pr_info('ACPI: Using IOAPIC for interrupt routing');
    pci_acpi_crs_quirks();
    pci_acpi_scan_roots(() => {}, () => {});
  }
  pr_info('PCI: Using ACPI for IRQ routing');
  pcibios_init();
  return 0;
}

/**
 * pcibios_init, from pci_subsys_init once the IRQ routing is chosen: the cache line size (the CPU's clflush size),
 * the firmware's BAR assignments claimed (pcibios_resource_survey), then the late e820 reservations.
 */
function pcibios_init(): void {
  if (!machine_hw()) return;
  printk(`${KERN_DEBUG}PCI: pci_cache_line_size set to 64 bytes`);
  pcibios_resource_survey(pciState().root_buses);
  e820_reserve_resources_late(boot_desc().ram_bytes);
}

/** pcibios_assign_resources() (fs_initcall): pci_assign_unassigned_resources' dump of the bus resources, then the PnP and legacy claims on top of what pcibios_init claimed. */
function pcibios_assign_resources(): number {
  if (!machine_hw()) return 0;
  pci_bus_dump_resources(pciState().root_buses);
  x86_pnp_and_legacy_claims(has_vga());
  // The ACPI fixed-hardware blocks inside the ICH9 LPC's PM I/O space.
  for (const b of pciState().root_buses) {
    const lpc = b.devices.find((d) => d.vendor === 0x8086 && d.device === 0x2918);
    const r = lpc?.resource[PCI_BRIDGE_RESOURCES];
    if (!r?.parent) continue;
    for (const [off, len, name] of [[0, 4, 'ACPI PM1a_EVT_BLK'], [4, 2, 'ACPI PM1a_CNT_BLK'], [8, 4, 'ACPI PM_TMR'], [0x20, 0x10, 'ACPI GPE0_BLK']] as const) {
      __request_region(r, r.start + off, len, name);
    }
  }
  printk(`${KERN_INFO}PCI: CLS 0 bytes, default 64`);
  return 0;
}

/** pci_mmcfg_late_insert_resources() (late_initcall): the MMCONFIG windows join /proc/iomem. */
function pci_mmcfg_late_insert_resources(): number {
  for (const [seg, n] of host_nodes().entries()) {
    const { base, size } = ecam_of(n);
    x86_insert_mmconfig(base, size, seg, Math.min(0xff, size / 0x100000 - 1));
  }
  return 0;
}

export const initcalls: initcall_entry[] = [
  ['early', 'x86_platform_init', x86_platform_init, 150_000],
  ['postcore', 'pci_driver_init', pci_driver_init, 30_000],
  ['arch', 'pci_arch_init', pci_arch_init, 4_000_000],
  ['subsys', 'pci_subsys_init', pci_subsys_init, 1_000_000],
  ['fs', 'pcibios_assign_resources', pcibios_assign_resources, 6_000_000],
  ['device', 'pci_proc_init', pci_proc_init, 200_000],
  ['late', 'pci_mmcfg_late_insert_resources', pci_mmcfg_late_insert_resources, 20_000],
];
