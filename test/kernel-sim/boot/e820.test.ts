// The boot's memory map and layout lines (arch/x86/kernel/e820.c, mm's node and zone setup) as Linux 6.1 prints them
// on QEMU q35: line for line against the reference boot log at 512 MiB, and computed from the map at other sizes.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { reference } from '../../fixtures/reference.ts';
import { boot, dmesg } from '../core/harness.ts';
import { e820_table, e820_trim_bios_range, e820_ram_ranges, e820__end_of_ram_pfn, e820__setup_pci_gap } from '../../../kernel-sim/arch/x86/kernel/e820.ts';
import { free_area_init } from '../../../kernel-sim/mm/mm_init.ts';
import { Machine } from '../../../kernel-sim/machine.ts';
import { printkState } from '../../../kernel-sim/kernel/printk/printk.ts';

/** Lines printed by `fn` run inside a booted machine's kernel context. */
function printed(m: Machine, fn: () => void): string[] {
  return m.inspect(() => {
    const before = printkState().records.length;
    fn();
    return printkState().records.slice(before).map((r) => r.text);
  });
}

const FROM_E820 = /^(BIOS-|e820: |last_pfn|No NUMA|Faking a node|Zone ranges|  (DMA|DMA32|Normal|Device) |Movable zone|Early memory|  node |Initmem setup|On node 0|PM: hibernation: Registered nosave|\[mem 0x[0-9a-f]+-0x[0-9a-f]+\] available|Booting paravirtualized|Fallback order|Policy zone|Dentry cache|Inode-cache|AGP: |x86\/PAT)/;

describe('e820 and the memory layout at boot', () => {
  it('a 512 MiB q35 machine prints the reference boot log\'s memory lines, in order', () => {
    const ref = reference('boot-log-head200.txt').split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] /, '')).filter((l) => FROM_E820.test(l));
    const ours = dmesg(boot()).filter((l) => FROM_E820.test(l));
    // The one line that depends on where the boot loader put the initramfs (NODE_DATA below RAMDISK) is not modelled.
    expect(ours).toEqual(ref.filter((l) => !l.startsWith('NODE_DATA')));
    expect(ours.length).toBeGreaterThan(30);
  });

  it('on the default machine, pcibios_init reports the cache line size and the RAM buffers past each RAM range', () => {
    const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');
    const pick = (lines: string[]): string[] => lines.filter((l) => /^(PCI: pci_cache_line_size|e820: reserve RAM buffer)/.test(l));
    const ref = pick(reference('dmesg-after-probe.txt').split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] /, '')));
    expect(pick(dmesg(boot({ dts, dtsName: 'default.dts' })))).toEqual(ref);
    expect(ref).toHaveLength(3);
  });

  it('with 6 GiB, RAM above 4 GiB is a usable range, a Normal zone and a second last_pfn, and the PCI gap stays below 4 GiB', () => {
    const m = boot();
    const lines = printed(m, () => {
      const t = e820_trim_bios_range(e820_table(6 * 2 ** 30));
      const max_pfn = e820__end_of_ram_pfn(t);
      free_area_init(e820_ram_ranges(t), max_pfn);
      e820__setup_pci_gap(t);
    });
    // q35 keeps 2 GiB below 4 GiB when RAM is this large: 4 GiB go above.
    expect(lines).toContain('last_pfn = 0x200000 max_arch_pfn = 0x400000000');
    expect(lines).toContain('last_pfn = 0x7ffdc max_arch_pfn = 0x400000000');
    expect(lines).toContain('  Normal   [mem 0x0000000100000000-0x00000001ffffffff]');
    expect(lines).toContain('  node   0: [mem 0x0000000100000000-0x00000001ffffffff]');
    // The hole up to 4 GiB counts in the zone of the range after it (memmap_init_zone_range); no padding at the end.
    expect(lines).toContain('On node 0, zone Normal: 524324 pages in unavailable ranges');
    expect(lines.filter((l) => l.startsWith('On node 0'))).toHaveLength(3);
    expect(lines).toContain('[mem 0xc0000000-0xfed1bfff] available for PCI devices');
  });
});
