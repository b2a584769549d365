// Models linux/fs/proc/page.c: /proc/kpagecount, /proc/kpageflags and /proc/kpagecgroup, one u64 per page frame from the page allocator's page model (mm/page_alloc.ts), root's only.
import { EINVAL, EFAULT } from '../../include/uapi/asm-generic/errno.ts';
import type { file, loff_t } from '../../include/linux/fs_types.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { copy_to_user } from '../../mm/uaccess.ts';
import { memMap, page_use, PAGE_SHIFT } from '../../mm/page_alloc.ts';
import { sync_page_holders, holder_pfns } from '../../mm/page_accounting.ts';
import { meminfo_counters } from '../../mm/meminfo.ts';
import { cgrp_dfl_root } from '../../kernel/cgroup/cgroup.ts';
import { proc_create } from './generic.ts';

/** include/uapi/linux/kernel-page-flags.h and the kernel-hacking flags of include/linux/kernel-page-flags.h. */
const KPF_UPTODATE = 3, KPF_LRU = 5, KPF_ACTIVE = 6, KPF_SLAB = 7, KPF_BUDDY = 10, KPF_MMAP = 11, KPF_ANON = 12;
const KPF_SWAPBACKED = 14, KPF_PGTABLE = 26, KPF_RESERVED = 32;
const KPMSIZE = 8;
/** SPARSEMEM: every page of a present section has a struct page, so the files reach max_pfn rounded up to one. */
const PAGES_PER_SECTION = 1 << (27 - PAGE_SHIFT);

const bit = (b: number): bigint => 1n << BigInt(b);
const FLAGS_OF: Partial<Record<page_use, bigint>> = {
  [page_use.reserved]: bit(KPF_RESERVED),
  [page_use.buddy]: bit(KPF_BUDDY),
  [page_use.pagetable]: bit(KPF_PGTABLE),
  [page_use.slab]: bit(KPF_SLAB),
  [page_use.anon]: bit(KPF_MMAP) | bit(KPF_ANON) | bit(KPF_SWAPBACKED) | bit(KPF_LRU) | bit(KPF_ACTIVE) | bit(KPF_UPTODATE),
  [page_use.file]: bit(KPF_LRU) | bit(KPF_UPTODATE),
  [page_use.shmem]: bit(KPF_SWAPBACKED) | bit(KPF_LRU) | bit(KPF_UPTODATE),
};

/** One page's record: what the page model says of it, with the file LRU's active and mapped pages by LRU position. */
type page_record = (pfn: number) => bigint;

function get_max_dump_pfn(): number { return Math.ceil(memMap().max_pfn / PAGES_PER_SECTION) * PAGES_PER_SECTION; }

/** stable_page_flags: the page's flags in the KPF_ bit positions; pages past the RAM map are reserved (init_unavailable_range). */
function kpageflags_record(): page_record {
  const mm = memMap();
  const c = meminfo_counters();
  const file = holder_pfns('file');
  const active = new Set(file.slice(0, Math.floor(c.active_file / 4))), mapped = new Set(file.slice(0, Math.floor(c.mapped / 4)));
  return (pfn) => {
    if (pfn >= mm.max_pfn) return bit(KPF_RESERVED);
    const u = mm.use[pfn] as page_use;
    let f = FLAGS_OF[u] ?? 0n;
    if (u === page_use.file) f |= (active.has(pfn) ? bit(KPF_ACTIVE) : 0n) | (mapped.has(pfn) ? bit(KPF_MMAP) : 0n);
    return f;
  };
}

/** page_mapcount: anonymous pages are mapped once, mapped page cache pages once, the rest not at all. */
function kpagecount_record(): page_record {
  const flags = kpageflags_record();
  return (pfn) => ((flags(pfn) & bit(KPF_MMAP)) ? 1n : 0n);
}

/** page_cgroup_ino: pages charged to a memcg (user memory) give its cgroup's inode; they are counted to the root here. */
function kpagecgroup_record(): page_record {
  const mm = memMap();
  const ino = BigInt(cgrp_dfl_root().id);
  return (pfn) => {
    const u = pfn < mm.max_pfn ? mm.use[pfn] : page_use.reserved;
    return u === page_use.anon || u === page_use.file || u === page_use.shmem ? ino : 0n;
  };
}

/** The read of all three: whole u64 records from *ppos, up to the last page frame. */
function kpage_read(record: () => page_record) {
  return function* (_f: file, buf: number, count: number, ppos: loff_t): KGen<number> {
    const src = ppos.pos;
    if (src % KPMSIZE || count % KPMSIZE) return -EINVAL;
    const max = get_max_dump_pfn() * KPMSIZE;
    if (src >= max) return 0;
    count = Math.min(count, max - src);
    sync_page_holders();
    const rec = record();
    const out = new Uint8Array(count);
    const dv = new DataView(out.buffer);
    for (let i = 0; i < count / KPMSIZE; i++) dv.setBigUint64(i * KPMSIZE, rec(src / KPMSIZE + i), true);
    if (copy_to_user(buf, out)) return -EFAULT;
    ppos.pos += count;
    return count;
  };
}

/** mem_lseek: SEEK_SET and SEEK_CUR only. */
function* mem_lseek(f: file, offset: number, whence: number): KGen<number> {
  if (whence === 0) f.f_pos = offset;
  else if (whence === 1) f.f_pos += offset;
  else return -EINVAL;
  return f.f_pos;
}

/** proc_page_init (fs_initcall): S_IRUSR, root's only. */
export function proc_page_init(): number {
  proc_create('kpagecount', 0o400, null, { proc_read: kpage_read(kpagecount_record), proc_lseek: mem_lseek });
  proc_create('kpageflags', 0o400, null, { proc_read: kpage_read(kpageflags_record), proc_lseek: mem_lseek });
  proc_create('kpagecgroup', 0o400, null, { proc_read: kpage_read(kpagecgroup_record), proc_lseek: mem_lseek });
  return 0;
}
