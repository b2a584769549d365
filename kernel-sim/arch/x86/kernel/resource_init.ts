// Models linux/arch/x86/kernel/e820.c's e820__reserve_resources[_late] (the map itself is e820.ts), setup.c (standard I/O resources, kernel image), probe_roms.c and the APIC/HPET/PnP reservations: the platform part of /proc/iomem and /proc/ioports on a q35 PC.
import {
  type resource, IORESOURCE_BUSY, IORESOURCE_IO, IORESOURCE_MEM, IORESOURCE_SYSTEM_RAM, IORESOURCE_READONLY,
  iomem_resource, ioport_resource, insert_resource, request_resource, __request_region, insert_resource_expand_to_fit,
} from '../../../kernel/resource.ts';
import { defineState } from '../../../kernel/state.ts';
import { printk, KERN_DEBUG } from '../../../kernel/printk/printk.ts';
import { e820_table, e820_kernel_table, e820_ram_buffers } from './e820.ts';

const mem = (start: number, end: number, name: string, flags = IORESOURCE_MEM): resource => ({ start, end, name, flags, desc: 0, parent: null, child: [] });

/** Reserved e820 ranges above 1 MiB are inserted late, after PCI claimed its windows (e820__reserve_resources_late). */
const lateState = defineState('e820_late', () => ({ reserved: [] as resource[] }));

/** setup_arch(): RAM and low reserved ranges, the kernel image, the option ROMs, the legacy I/O ports. */
export function x86_reserve_platform_resources(ram: number, has_vga: boolean): void {
  const iomem = iomem_resource();
  const late_reserved: resource[] = [];
  lateState().reserved = late_reserved;
  // probe_roms() runs first: the VGA BIOS, the option ROM QEMU loads for -kernel boot (linuxboot_dma), the system ROM.
  if (has_vga) request_resource(iomem, mem(0xc0000, 0xc9bff, 'Video ROM', IORESOURCE_MEM | IORESOURCE_READONLY | IORESOURCE_BUSY));
  request_resource(iomem, mem(0xca000, 0xca5ff, 'Adapter ROM', IORESOURCE_MEM | IORESOURCE_READONLY | IORESOURCE_BUSY));
  request_resource(iomem, mem(0xf0000, 0xfffff, 'System ROM', IORESOURCE_MEM | IORESOURCE_READONLY | IORESOURCE_BUSY));
  // e820__reserve_resources(): reserved ranges above 1 MiB wait until PCI has claimed its windows.
  for (const { addr, size, type } of e820_kernel_table(e820_table(ram))) {
    const end = addr + size - 1;
    if (type === 'reserved' && addr >= 0x100000) { late_reserved.push(mem(addr, end, 'Reserved')); continue; }
    insert_resource(iomem, mem(addr, end, type === 'usable' ? 'System RAM' : 'Reserved', type === 'usable' ? IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY : IORESOURCE_MEM | IORESOURCE_BUSY));
  }
  // The kernel image inside the first System RAM above 1 MiB (addresses of the reference boot).
  const ramres = iomem.child.find((c) => c.start === 0x100000);
  if (ramres) {
    for (const [s, e, n] of [[0x0de00000, 0x0ec01d31, 'Kernel code'], [0x0ee00000, 0x0f6eafff, 'Kernel rodata'], [0x0f800000, 0x0fa4897f, 'Kernel data'], [0x10110000, 0x111fffff, 'Kernel bss']] as const) {
      if (e <= ramres.end) request_resource(ramres, mem(s, e, n, IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY));
    }
  }
  // Local APIC and I/O APIC registers (lapic_insert_resource, ioapic_insert_resources), the HPET.
  insert_resource(iomem, mem(0xfec00000, 0xfec003ff, 'IOAPIC 0', IORESOURCE_MEM | IORESOURCE_BUSY));
  insert_resource(iomem, mem(0xfed00000, 0xfed003ff, 'HPET 0', IORESOURCE_MEM));
  insert_resource(iomem, mem(0xfee00000, 0xfee00fff, 'Local APIC', IORESOURCE_MEM | IORESOURCE_BUSY));

  // standard_io_resources[] and the legacy devices that claim ports early.
  const io = ioport_resource();
  const std: [number, number, string][] = [
    [0x00, 0x1f, 'dma1'], [0x20, 0x21, 'pic1'], [0x40, 0x43, 'timer0'], [0x50, 0x53, 'timer1'],
    [0x60, 0x60, 'keyboard'], [0x64, 0x64, 'keyboard'], [0x80, 0x8f, 'dma page reg'], [0xa0, 0xa1, 'pic2'],
    [0xc0, 0xdf, 'dma2'], [0xf0, 0xff, 'fpu'],
  ];
  for (const [s, e, n] of std) request_resource(io, { start: s, end: e, name: n, flags: IORESOURCE_IO | IORESOURCE_BUSY, desc: 0, parent: null, child: [] });
  __request_region(io, 0xcf8, 8, 'PCI conf1');
}

/** PCI MMCONFIG (late_initcall pci_mmcfg_late_insert_resources): the ECAM window, inserted over the e820 reservation and its PnP claim. */
export function x86_insert_mmconfig(base: number, size: number, seg: number, bus_end: number): void {
  insert_resource(iomem_resource(), mem(base, base + size - 1, `PCI MMCONFIG ${seg.toString(16).padStart(4, '0')} [bus 00-${bus_end.toString(16).padStart(2, '0')}]`, IORESOURCE_MEM));
}

/** e820__reserve_resources_late(): the reserved ranges above 1 MiB go in now, inside whatever covers them. */
export function e820_reserve_resources_late(ram: number): void {
  const st = lateState();
  for (const r of st.reserved) insert_resource_expand_to_fit(iomem_resource(), r);
  st.reserved = [];
  // Then each RAM range's tail up to its alignment is a "RAM buffer" PCI must not use; on q35 both tails lie inside
  // e820's own reserved ranges already, so /proc/iomem gains nothing (reserve_region_with_split fills only gaps).
  for (const [start, end] of e820_ram_buffers(e820_kernel_table(e820_table(ram)))) {
    printk(`${KERN_DEBUG}e820: reserve RAM buffer [mem ${hex8(start)}-${hex8(end)}]`);
    const covered = iomem_resource().child.some((c) => c.start <= start && c.end >= end);
    if (!covered) insert_resource(iomem_resource(), mem(start, end, 'RAM buffer', IORESOURCE_MEM | IORESOURCE_BUSY));
  }
}

const hex8 = (n: number): string => '0x' + n.toString(16).padStart(8, '0');

/** Port and memory claims of devices the workbench does not simulate in detail: PnP system devices, RTC, fw_cfg, VGA console. */
export function x86_pnp_and_legacy_claims(has_vga: boolean): void {
  const io = ioport_resource();
  __request_region(io, 0x70, 8, 'rtc0');
  if (has_vga) __request_region(io, 0x3c0, 0x20, 'vga+');
  // The 8250 driver's claim of the console UART's ports (serial8250_request_std_resource).
  __request_region(io, 0x3f8, 8, 'serial');
  __request_region(io, 0x510, 0xc, 'QEMU0002:00');
  // pnp/system.c reserves the ECAM window as "pnp 00:05"; the HPET's ACPI node claims its registers.
  const iomem = iomem_resource();
  __request_region(iomem, 0xb0000000, 0x10000000, 'pnp 00:05');
  const hpet = iomem.child.find((c) => c.name === 'HPET 0');
  if (hpet) __request_region(hpet, 0xfed00000, 0x400, 'PNP0103:00');
}


