// The zones and the buddy allocator (mm/page_alloc.c, mm/memblock.c, mm/vmstat.c): the reference machine's boot lines
// from memblock, /proc/buddyinfo, pagetypeinfo, zoneinfo and vmstat in 6.1's formats, their counts agreeing with each
// other and with /proc/meminfo, and pages that split and merge back as the simulation's memory use moves.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { q35, sh, dmesg } from '../modules/helpers.ts';
import { boot } from '../core/harness.ts';
import { reference } from '../../fixtures/reference.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { memMap, alloc_pages, __free_pages, node_zones, free_list, page_use, MIGRATE_UNMOVABLE, MIGRATE_MOVABLE, MAX_ORDER } from '../../../kernel-sim/mm/page_alloc.ts';

const strip = (l: string): string => l.replace(/^\[\s*\d+\.\d+\] /, '');
const vmstat_items = readFileSync(new URL('../../fixtures/mm/linux-6.1-vmstat-items.txt', import.meta.url), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));

let m: Machine;
beforeAll(() => { m = q35({}); }, 120_000);

/** One shell read of several files (one process, so no counts move in between). */
function read(...files: string[]): string { return sh(m, `cat ${files.join(' ')}`); }
const field = (text: string, re: RegExp): number => Number(re.exec(text)![1]);

describe('memblock at boot on the reference machine', () => {
  it('prints the reference\'s memblock lines: RAMDISK, NODE_DATA, percpu, Total pages, deferred pages and the frees', () => {
    const ref = reference('console-full.log').split('\n').map(strip);
    const ours = dmesg(m);
    const re = /^(RAMDISK: |NODE_DATA\(0\)|setup_percpu: |percpu: Embedded|Built 1 zonelists|node 0 deferred pages|Freeing (initrd|SMP alternatives|unused))/;
    const want = ref.slice(0, ref.findIndex((l) => l.startsWith('Run /init'))).filter((l) => re.test(l));
    expect(want.length).toBe(12);
    expect(ours.filter((l) => re.test(l))).toEqual(want);
  });

  it('the Memory: line: free and present pages as the reference; reserved is present less totalram, which MemTotal continues', () => {
    const ref = reference('boot-log-head200.txt').split('\n').map(strip).find((l) => l.startsWith('Memory: '))!;
    const ours = dmesg(m).find((l) => l.startsWith('Memory: '))!;
    const mask = (l: string): string => l.replace(/, \d+K reserved/, ', NK reserved');
    expect(mask(ours)).toBe(mask(ref));
    const [, present, reserved] = /\/(\d+)K available .* (\d+)K reserved/.exec(ours)!.map(Number);
    // Everything freed after mem_init went to totalram: MemTotal = totalram at mem_init + those frees.
    const freed = dmesg(m).filter((l) => /^Freeing .* memory: \d+K$/.test(l)).reduce((n, l) => n + Number(/(\d+)K$/.exec(l)![1]), 0);
    expect(field(read('/proc/meminfo'), /MemTotal:\s+(\d+)/)).toBe(present - reserved + freed);
    // The reference reserves 136K more (early page tables, mem_section, usemap, percpu metadata: not modelled).
    expect(Number(/(\d+)K reserved/.exec(ref)![1]) - reserved).toBeLessThan(256);
  });
});

describe('memblock on a small machine', () => {
  it('a 128 MiB machine loads the kernel at CONFIG_PHYSICAL_START (the reference\'s KASLR place is past its RAM) and reserves it', () => {
    const small = boot({ dts: readFileSync(new URL('../../../resources/machines/minimal.dts', import.meta.url), 'utf8'), dtsName: 'minimal.dts' });
    const line = dmesg(small).find((l) => l.startsWith('Memory: '))!;
    const [, present, reserved] = /\/(\d+)K available .* (\d+)K reserved/.exec(line)!.map(Number);
    expect(present).toBe(130536);
    expect(reserved).toBeGreaterThan((0x11200000 - 0x0de00000) / 1024);
    const memtotal = Number(/MemTotal:\s+(\d+)/.exec(small.runCommand('cat /proc/meminfo').output)![1]);
    expect(memtotal).toBeLessThan(present);
  });
});

describe('/proc/buddyinfo, zoneinfo, vmstat and meminfo', () => {
  it('buddyinfo lists the populated zones with 11 orders in 6.1\'s columns; the free blocks add up to zoneinfo\'s and vmstat\'s free pages and to MemFree', () => {
    const out = read('/proc/buddyinfo', '/proc/zoneinfo', '/proc/vmstat', '/proc/meminfo');
    const buddy = out.split('\n').filter((l) => l.startsWith('Node 0, zone') && l.endsWith(' '));
    expect(buddy.map((l) => l.slice(0, 21))).toEqual(['Node 0, zone      DMA', 'Node 0, zone    DMA32']);
    for (const l of buddy) expect(l).toMatch(/^Node 0, zone +\w+ ( {0,5}\d+ ){11}$/);
    const free_of = (l: string): number => l.slice(22).trim().split(/\s+/).reduce((n, c, o) => n + Number(c) * 2 ** o, 0);
    const zone_free = [...out.matchAll(/\n {2}pages free +(\d+)/g)].map((x) => Number(x[1]));
    expect(zone_free.slice(0, 2)).toEqual(buddy.map(free_of));
    expect(zone_free.slice(2)).toEqual([0, 0, 0]);
    const total = zone_free.reduce((a, b) => a + b, 0);
    expect(field(out, /\nnr_free_pages (\d+)/)).toBe(total);
    expect(field(out, /MemFree:\s+(\d+)/)).toBe(total * 4);
  });

  it('zoneinfo: every zone with 6.1\'s fields; spans and present pages from e820, watermarks from min_free_kbytes, managed adding up to MemTotal', () => {
    const out = read('/proc/zoneinfo', '/proc/meminfo');
    expect([...out.matchAll(/^Node 0, zone +(\w+)/gm)].map((x) => x[1])).toEqual(['DMA', 'DMA32', 'Normal', 'Movable', 'Device']);
    const z = (name: string): string => out.split(/^Node 0, zone +/m).find((s) => s.startsWith(name + '\n'))!;
    const dma = z('DMA'), dma32 = z('DMA32');
    // The node's counters come once, with the first populated zone.
    expect(dma).toContain('\n  per-node stats\n      nr_inactive_anon ');
    expect(dma32).not.toContain('per-node stats');
    // Reference e820: [0x1000-0x9efff] and [0x100000-0x1ffdbfff]; ZONE_DMA ends at 16 MiB.
    expect(field(dma, /spanned +(\d+)/)).toBe(4095);
    expect(field(dma, /present +(\d+)/)).toBe(158 + 3840);
    expect(field(dma32, /spanned +(\d+)/)).toBe(0x1ffdc - 0x1000);
    expect(field(dma, /start_pfn: +(\d+)/)).toBe(1);
    // The first 1 MiB stays reserved: DMA manages the pages from 1 MiB to 16 MiB.
    expect(field(dma, /managed +(\d+)/)).toBe(3840);
    expect(field(dma, /managed +(\d+)/) + field(dma32, /managed +(\d+)/)).toBe(field(out, /MemTotal:\s+(\d+)/) / 4);
    // __setup_per_zone_wmarks: min by each zone's share of min_free_kbytes, low and high a quarter of min apart.
    const min_free_kbytes = Number(sh(m, 'cat /proc/sys/vm/min_free_kbytes'));
    const mins = [dma, dma32].map((s) => field(s, /\n +min +(\d+)/));
    expect(Math.abs(mins[0] + mins[1] - min_free_kbytes / 4)).toBeLessThanOrEqual(1);
    for (const s of [dma, dma32]) {
      const [min, low, high] = [/\n +min +(\d+)/, /\n +low +(\d+)/, /\n +high +(\d+)/].map((re) => field(s, re));
      expect(low - min).toBe(Math.max(min >> 2, Math.floor(field(s, /managed +(\d+)/) / 1000)));
      expect(high - low).toBe(low - min);
    }
    expect(dma).toMatch(/protection: \(0, \d+, \d+, \d+, \d+\)/);
    expect(z('Normal')).toBe('Normal\n  pages free     0\n        boost    0\n        min      0\n        low      0\n        high     0\n        spanned  0\n        present  0\n        managed  0\n        cma      0\n        protection: (0, 0, 0, 0, 0)\n');
    expect(dma32).toMatch(/\n {2}pagesets\n {4}cpu: 0\n {14}count: 0\n {14}high: {2}\d+\n {14}batch: \d+\n {2}vm stats threshold: \d+\n {4}cpu: 1\n/);
  });

  it('vmstat: 6.1\'s items in 6.1\'s order, then nr_unstable; the node counters agree with meminfo', () => {
    const out = read('/proc/vmstat', '/proc/meminfo');
    const lines = out.split('\n').filter((l) => /^[a-z_0-9]+ \d+$/.test(l));
    expect(lines.map((l) => l.split(' ')[0])).toEqual([...vmstat_items, 'nr_unstable']);
    const v = (n: string): number => field(out, new RegExp(`\\n${n} (\\d+)`));
    expect(v('nr_kernel_stack')).toBe(field(out, /KernelStack:\s+(\d+)/));
    expect(v('nr_anon_pages') * 4).toBe(field(out, /AnonPages:\s+(\d+)/));
    expect(v('nr_zone_active_file') + v('nr_zone_inactive_file')).toBe(v('nr_active_file') + v('nr_inactive_file'));
    expect(v('nr_dirty_threshold')).toBeGreaterThan(v('nr_dirty_background_threshold'));
  });

  it('pagetypeinfo is root\'s only and counts free blocks per migratetype and pageblocks per type', () => {
    expect(sh(m, 'ls -l /proc/pagetypeinfo')).toMatch(/^-r-------- /);
    const out = read('/proc/pagetypeinfo', '/proc/buddyinfo');
    expect(out.startsWith('Page block order: 9\nPages per block:  512\n\nFree pages count per migrate type at order       0      1      2')).toBe(true);
    const rows = out.split('\n').filter((l) => l.startsWith('Node    0, zone'));
    expect(rows.map((l) => l.slice(16, 39))).toEqual(['     DMA, type    Unmovable', '     DMA, type      Movable', '     DMA, type  Reclaimable', '     DMA, type   HighAtomic', '     DMA, type      Isolate',
      '   DMA32, type    Unmovable', '   DMA32, type      Movable', '   DMA32, type  Reclaimable', '   DMA32, type   HighAtomic', '   DMA32, type      Isolate'].map((s) => s.slice(0, 23)));
    // Per order, the types add up to buddyinfo's count.
    const buddy = out.split('\n').filter((l) => /^Node 0, zone +DMA32( +\d+){11} $/.test(l))[0].slice(22).trim().split(/\s+/).map(Number);
    const per_type = rows.slice(5).map((l) => l.replace(/^.*, type +\w+ /, '').trim().split(/\s+/).map(Number));
    expect(buddy.map((_, o) => per_type.reduce((n, r) => n + r[o], 0))).toEqual(buddy);
    const blocks = out.split('\n').filter((l) => /^Node 0, zone +\w+ +\d/.test(l) && !l.trim().endsWith(' '));
    expect(out).toContain('\nNumber of blocks type     Unmovable      Movable  Reclaimable   HighAtomic      Isolate \n');
    const dma_blocks = out.split('\n').find((l) => /^Node 0, zone      DMA  +\d+ +\d+ +\d+ +\d+ +\d+ $/.test(l))!;
    expect(dma_blocks.slice(21).trim().split(/\s+/).map(Number).reduce((a, b) => a + b, 0)).toBe(8);
    expect(blocks.length).toBeGreaterThan(0);
  });

  it('a tmpfs file takes pages from the buddy lists and gives them back: the free blocks merge to what they were', () => {
    const before = read('/proc/buddyinfo');
    const free0 = field(read('/proc/zoneinfo'), /DMA32\n {2}pages free +(\d+)/);
    sh(m, 'dd if=/dev/zero of=/tmp/f bs=1M count=16 2>/dev/null');
    const during = read('/proc/zoneinfo', '/proc/vmstat');
    expect(field(during, /\nnr_shmem (\d+)/)).toBeGreaterThanOrEqual(4096);
    expect(free0 - field(during, /DMA32\n {2}pages free +(\d+)/)).toBeGreaterThanOrEqual(4096);
    sh(m, 'rm /tmp/f');
    expect(read('/proc/buddyinfo')).toBe(before);
  });
});

describe('the buddy allocator', () => {
  it('splits the smallest block that fits and merges buddies back on free', () => {
    m.inspect(() => {
      const z = node_zones()[1];
      const counts = (): number[] => z.free_area.map((a) => a.count[MIGRATE_MOVABLE]);
      const before = counts();
      const smallest = before.findIndex((n, o) => o >= 2 && n > 0);
      const pfn = alloc_pages(2, MIGRATE_MOVABLE, page_use.kernel);
      expect(pfn % 4).toBe(0);
      const after = counts();
      // The block of order `smallest` was split: one fewer there, one more at every order from 2 up to below it.
      expect(after[smallest]).toBe(before[smallest] - 1);
      for (let o = 2; o < smallest; o++) expect(after[o]).toBe(before[o] + 1);
      expect(memMap().use[pfn]).toBe(page_use.kernel);
      __free_pages(pfn, 2);
      expect(counts()).toEqual(before);
      expect(memMap().order[pfn - (pfn % (1 << smallest))]).toBe(smallest + 1);
    });
  });

  it('an unmovable request with no unmovable pages steals a movable pageblock (fallback), and the block keeps its new type', () => {
    m.inspect(() => {
      const z = node_zones()[1];
      // Take every free unmovable page first, so the next request must fall back.
      const held: [number, number][] = [];
      for (let o = MAX_ORDER - 1; o >= 0; o--) while (free_list(z, o, MIGRATE_UNMOVABLE).length) held.push([alloc_pages(o, MIGRATE_UNMOVABLE, page_use.kernel), o]);
      const blocks = (): number => Array.from(memMap().pageblock_mt).filter((t) => t === MIGRATE_UNMOVABLE).length;
      const before = blocks();
      const pfn = alloc_pages(0, MIGRATE_UNMOVABLE, page_use.kernel);
      expect(pfn).toBeGreaterThanOrEqual(0);
      // The largest free block of a fallback type is taken: an order-10 block spans two pageblocks, both change type.
      expect(blocks()).toBeGreaterThan(before);
      expect(memMap().pageblock_mt[Math.floor(pfn / 512)]).toBe(MIGRATE_UNMOVABLE);
      // The rest of the stolen block is on the unmovable lists now.
      expect(z.free_area.reduce((n, a) => n + a.count[MIGRATE_UNMOVABLE], 0)).toBeGreaterThan(0);
      __free_pages(pfn, 0);
      for (const [p, o] of held) __free_pages(p, o);
    });
  });
});
