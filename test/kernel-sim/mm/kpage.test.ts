// /proc/kpagecount, /proc/kpageflags and /proc/kpagecgroup (fs/proc/page.c): a u64 per page frame up to max_pfn
// rounded to a section, from the page model: reserved, free (buddy), anonymous and page table pages as 6.1 flags them.
import { describe, it, expect, beforeAll } from 'vitest';
import { machine, sh } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { memMap, node_zones, free_list, MIGRATE_MOVABLE, page_use } from '../../../kernel-sim/mm/page_alloc.ts';
import { holder_pfns } from '../../../kernel-sim/mm/page_accounting.ts';
import { sync_page_holders } from '../../../kernel-sim/mm/page_accounting.ts';

let m: Machine;
beforeAll(() => { m = machine(); }, 120_000);

/** The u64 records of `file` for page frames pfn.., read with dd at 8-byte blocks, as unsigned decimals. */
function records(file: string, pfn: number, n = 1): bigint[] {
  const out = sh(m, `dd if=/proc/${file} bs=8 skip=${pfn} count=${n} 2>/dev/null | od -A n -t u8 -v`);
  return out.trim().split(/\s+/).filter(Boolean).map(BigInt);
}
const KPF = { UPTODATE: 3, LRU: 5, ACTIVE: 6, BUDDY: 10, MMAP: 11, ANON: 12, SWAPBACKED: 14, PGTABLE: 26, RESERVED: 32 };
const bits = (...b: number[]): bigint => b.reduce((v, x) => v | (1n << BigInt(x)), 0n);

describe('/proc/kpage*', () => {
  it('are root\'s only and hold 8 bytes per page frame up to max_pfn rounded to a 128 MiB section', () => {
    expect(sh(m, 'ls -l /proc/kpagecount /proc/kpageflags /proc/kpagecgroup').split('\n').filter(Boolean).every((l) => l.startsWith('-r-------- '))).toBe(true);
    const max_pfn = m.inspect(() => memMap().max_pfn);
    expect(Number(sh(m, 'wc -c < /proc/kpagecount').trim())).toBe(Math.ceil(max_pfn / 32768) * 32768 * 8);
    // Reads must be whole records at record offsets (EINVAL otherwise).
    expect(sh(m, 'dd if=/proc/kpageflags bs=4 count=1 2>&1 >/dev/null | head -1')).toMatch(/Invalid argument/);
  });

  it('flags the first page frame and the kernel image reserved, free pages buddy, user pages anonymous, mapped and on the active LRU', () => {
    expect(records('kpageflags', 0)).toEqual([bits(KPF.RESERVED)]);
    expect(records('kpageflags', 0x0de00000 / 4096)).toEqual([bits(KPF.RESERVED)]);
    // The last free order-10 block of DMA32 (allocations take the list's head) and a page inside it.
    const free = m.inspect(() => { sync_page_holders(); const l = free_list(node_zones()[1], 10, MIGRATE_MOVABLE); return l[l.length - 1]; });
    expect(records('kpageflags', free, 2)).toEqual([bits(KPF.BUDDY), bits(KPF.BUDDY)]);
    // init's oldest anonymous page stays held while the shell runs.
    const anon = m.inspect(() => holder_pfns('anon')[0]);
    expect(m.inspect(() => memMap().use[anon])).toBe(page_use.anon);
    expect(records('kpageflags', anon)).toEqual([bits(KPF.MMAP, KPF.ANON, KPF.SWAPBACKED, KPF.LRU, KPF.ACTIVE, KPF.UPTODATE)]);
    expect(records('kpagecount', anon)).toEqual([1n]);
    expect(records('kpagecount', free)).toEqual([0n]);
    // The user page is charged to the root cgroup: its cgroup2 inode number.
    const root_ino = BigInt(sh(m, 'stat -c %i /sys/fs/cgroup').trim());
    expect(records('kpagecgroup', anon)).toEqual([root_ino]);
    expect(records('kpagecgroup', free)).toEqual([0n]);
  });

  it('a page of the vmalloc area\'s preallocated page tables is flagged PGTABLE', () => {
    const pt = m.inspect(() => memMap().use.indexOf(page_use.pagetable));
    expect(pt).toBeGreaterThan(0);
    expect(records('kpageflags', pt)).toEqual([bits(KPF.PGTABLE)]);
  });
});
