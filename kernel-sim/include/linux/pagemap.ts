// Models linux/include/linux/pagemap.h and the page cache's core of mm/filemap.c: struct page of a file, address_space and its operations, finding, adding and removing pages (the xarray of a mapping as a Map by index).
import type { inode } from './fs_types.ts';
import type { KGen } from './sched.ts';
import type { writeback_control } from '../../mm/page-writeback.ts';
import { defineState } from '../../kernel/state.ts';
import { vmstat } from '../../mm/meminfo.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import { mem_cgroup_charge, mem_cgroup_uncharge } from './memcontrol.ts';

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;

/** Page flags (PG_*). */
export const PG_uptodate = 1 << 0, PG_dirty = 1 << 1, PG_writeback = 1 << 2, PG_readahead = 1 << 3;
/** PG_locked: the page is under read IO (readahead's pages stay locked until their bio ends; readers wait on it). */
export const PG_locked = 1 << 4;

export interface page {
  readonly index: number;
  readonly data: Uint8Array;
  flags: number;
  readonly mapping: address_space;
  /** Virtual ns the page was first dirtied (the inode's dirtied_when, per page here). */
  dirtied_when: number;
}

export interface address_space_operations {
  /** Fills the page from the backing store; 0 or -errno. May sleep. */
  read_folio(mapping: address_space, page: page): KGen<number>;
  /**
   * Starts writing a page that was dirty (it is now PG_writeback): the implementation
   * calls end_page_writeback when the device has completed. May sleep to submit.
   */
  writepage(mapping: address_space, page: page): KGen<number>;
  /**
   * Starts reading a readahead batch of new, locked pages (consecutive indexes); each page is
   * unlocked (uptodate unless its IO failed) when its IO ends. Without it, read_folio per page.
   */
  readahead?(mapping: address_space, pages: page[]): KGen<void>;
  /** Writes back the dirty pages `wbc` selects (do_writepages); without it, generic_writepages. */
  writepages?(mapping: address_space, wbc: writeback_control): KGen<number>;
}

export interface address_space {
  readonly host: inode;
  readonly i_pages: Map<number, page>;
  readonly a_ops: address_space_operations;
  /** The device name for traces (sb->s_id). */
  readonly s_id: string;
  /** Errors of asynchronous writeback, reported once by the next fsync (errseq_t, simplified). */
  wb_err: number;
}

export const pagemapState = defineState('filemap', () => ({ mappings: new Set<address_space>() }));

/** address_space_init_once: a mapping for an inode; it is known to sync and drop_caches from now on. */
export function address_space_init(host: inode, a_ops: address_space_operations, s_id: string): address_space {
  const m: address_space = { host, i_pages: new Map(), a_ops, s_id, wb_err: 0 };
  pagemapState().mappings.add(m);
  return m;
}

/** Every mapping with an inode still in use (the superblocks' inode lists). */
export function all_mappings(): address_space[] { return [...pagemapState().mappings]; }

export const filemap_get_folio = (mapping: address_space, index: number): page | undefined => mapping.i_pages.get(index);

/** filemap_add_folio: a new, not uptodate page at `index`. */
export function filemap_add_folio(mapping: address_space, index: number): page {
  const p: page = { index, data: new Uint8Array(PAGE_SIZE), flags: 0, mapping, dirtied_when: 0 };
  mapping.i_pages.set(index, p);
  vmstat().NR_FILE_PAGES_BYTES += PAGE_SIZE;
  mem_cgroup_charge(p);
  trace_event('filemap', 'mm_filemap_add_to_page_cache', { dev: mapping.s_id, ino: mapping.host.i_ino, index });
  return p;
}

/** __filemap_remove_folio: takes a clean page out of the cache. */
export function filemap_remove_folio(p: page): void {
  const m = p.mapping;
  if (m.i_pages.get(p.index) !== p) return;
  if (p.flags & PG_dirty) account_page_cleaned(p);
  if (p.flags & PG_writeback) { p.flags &= ~PG_writeback; vmstat().NR_WRITEBACK_BYTES -= PAGE_SIZE; }
  m.i_pages.delete(p.index);
  vmstat().NR_FILE_PAGES_BYTES -= PAGE_SIZE;
  mem_cgroup_uncharge(p);
  trace_event('filemap', 'mm_filemap_delete_from_page_cache', { dev: m.s_id, ino: m.host.i_ino, index: p.index });
}

/** account_page_cleaned: a dirty page stops counting as Dirty (written, or truncated away). */
export function account_page_cleaned(p: page): void {
  p.flags &= ~PG_dirty;
  vmstat().NR_FILE_DIRTY_BYTES -= PAGE_SIZE;
}
