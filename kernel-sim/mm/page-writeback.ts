// Models linux/mm/page-writeback.c and fs/fs-writeback.c's periodic flush: marking pages dirty, write_cache_pages, end_page_writeback, and the flusher kworker that writes back pages older than dirty_expire_centisecs every dirty_writeback_centisecs of virtual time.
import type { KGen } from '../include/linux/sched.ts';
import { defineState } from '../kernel/state.ts';
import { vmstat } from './meminfo.ts';
import { trace_event } from '../kernel/trace/trace.ts';
import { ktime_get, hrtimer_create, hrtimer_start, hrtimer_active, hrtimer_cancel, type hrtimer } from '../kernel/time/timekeeping.ts';
import { INIT_WORK, queue_work, system_unbound_wq, type work_struct } from '../kernel/workqueue.ts';
import { wait_event, wake_up, wait_queue_head } from '../kernel/sched/wait.ts';
import { register_sysctl } from '../fs/proc/proc_sysctl.ts';
import { proc_dointvec, type ctl_table } from '../kernel/sysctl.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { REQ_SYNC } from '../include/linux/blk_types.ts';
import { blk_start_plug, blk_finish_plug } from '../block/blk-core.ts';
import { PAGE_SIZE, PG_dirty, PG_writeback, account_page_cleaned, all_mappings, type address_space, type page } from '../include/linux/pagemap.ts';

export const WB_SYNC_NONE = 0, WB_SYNC_ALL = 1;

/** struct writeback_control: which pages, and whether to wait for them. */
export interface writeback_control {
  sync_mode: typeof WB_SYNC_NONE | typeof WB_SYNC_ALL;
  /** Only pages dirtied at or before this virtual ns (the flusher's expiry); Infinity for all. */
  older_than_ns: number;
  reason: 'sync' | 'periodic' | 'fsync' | 'drop_caches' | 'umount';
  nr_written: number;
}

const wbState = defineState('writeback', () => ({
  dirty_expire_centisecs: 3000,
  dirty_writeback_centisecs: 500,
  timer: null as hrtimer | null,
  work: null as work_struct | null,
  /** Woken as pages end writeback (filemap_fdatawait sleeps here). */
  wb_done: new wait_queue_head('writeback'),
}));

const CS = 10_000_000; // one centisecond in ns

/** folio_mark_dirty: the page must be written back; the flusher is armed. */
export function folio_mark_dirty(p: page): void {
  if (p.flags & PG_dirty) return;
  p.flags |= PG_dirty;
  p.dirtied_when = ktime_get();
  vmstat().NR_FILE_DIRTY_BYTES += PAGE_SIZE;
  trace_event('writeback', 'writeback_dirty_folio', { dev: p.mapping.s_id, ino: p.mapping.host.i_ino, index: p.index });
  wb_wakeup_delayed();
}

/** end_page_writeback: the device finished writing the page (any context, must not sleep). */
export function end_page_writeback(p: page, err: number): void {
  if (!(p.flags & PG_writeback)) return;
  p.flags &= ~PG_writeback;
  vmstat().NR_WRITEBACK_BYTES -= PAGE_SIZE;
  if (err) { p.mapping.wb_err = err; folio_mark_dirty(p); }
  wake_up(wbState().wb_done);
}

/** writepage_t: starts writeback of one page the caller has marked PG_writeback. */
export type writepage_t = (mapping: address_space, p: page, wbc: writeback_control) => KGen<number>;

/** write_cache_pages: starts writeback of the mapping's dirty pages in index order, each through `writepage`. */
export function* write_cache_pages(mapping: address_space, wbc: writeback_control, writepage: writepage_t): KGen<number> {
  const dirty = [...mapping.i_pages.values()].filter((p) => p.flags & PG_dirty && p.dirtied_when <= wbc.older_than_ns).sort((a, b) => a.index - b.index);
  let err = 0;
  for (const p of dirty) {
    if (p.flags & PG_writeback) {
      if (wbc.sync_mode === WB_SYNC_NONE) continue;
      yield* folio_wait_writeback(p);
    }
    if (!(p.flags & PG_dirty)) continue;
    account_page_cleaned(p);
    p.flags |= PG_writeback;
    vmstat().NR_WRITEBACK_BYTES += PAGE_SIZE;
    trace_event('writeback', 'wbc_writepage', { dev: mapping.s_id, ino: mapping.host.i_ino, index: p.index, reason: wbc.reason });
    const r = yield* writepage(mapping, p, wbc);
    if (r) { end_page_writeback(p, r); err = r; }
    wbc.nr_written++;
  }
  return err;
}

/** wbc_to_write_flags: data-integrity writeback (sync, fsync) is REQ_SYNC; the flusher's is not. */
export const wbc_to_write_flags = (wbc: writeback_control): number => (wbc.sync_mode === WB_SYNC_ALL ? REQ_SYNC : 0);

/** generic_writepages: write_cache_pages through ->writepage with the task plugged, so adjacent pages merge. */
function* generic_writepages(mapping: address_space, wbc: writeback_control): KGen<number> {
  const plug = blk_start_plug();
  const r = yield* write_cache_pages(mapping, wbc, (m, p) => m.a_ops.writepage(m, p));
  blk_finish_plug(plug);
  return r;
}

/** do_writepages: the filesystem's ->writepages (ext2: mpage_writepages) or generic_writepages. */
export function* do_writepages(mapping: address_space, wbc: writeback_control): KGen<number> {
  return mapping.a_ops.writepages ? yield* mapping.a_ops.writepages(mapping, wbc) : yield* generic_writepages(mapping, wbc);
}

export function* folio_wait_writeback(p: page): KGen<void> {
  if (p.flags & PG_writeback) yield* wait_event(wbState().wb_done, () => !(p.flags & PG_writeback), 'folio_wait_writeback');
}

/** filemap_fdatawait: sleeps until no page of the mapping is under writeback. */
export function* filemap_fdatawait(mapping: address_space): KGen<void> {
  const busy = (): boolean => [...mapping.i_pages.values()].some((p) => p.flags & PG_writeback);
  if (busy()) yield* wait_event(wbState().wb_done, () => !busy(), 'filemap_fdatawait');
}

/** filemap_write_and_wait: writes every dirty page and waits for all; 0 or the first -errno. */
export function* filemap_write_and_wait(mapping: address_space, reason: writeback_control['reason']): KGen<number> {
  const wbc: writeback_control = { sync_mode: WB_SYNC_ALL, older_than_ns: Infinity, reason, nr_written: 0 };
  const r = yield* do_writepages(mapping, wbc);
  yield* filemap_fdatawait(mapping);
  return r;
}

/** Hooks the flusher runs after the pages: filesystems write their dirty metadata (the superblocks' inodes and buffers). */
const hookState = defineState('writeback_hooks', () => ({ sync_fs: [] as ((wait: boolean) => KGen<number>)[] }));
export function register_writeback_hook(fn: (wait: boolean) => KGen<number>): void { hookState().sync_fs.push(fn); }

/**
 * Writes back, for all mappings, the pages `wbc` selects; then the filesystems' metadata.
 * wb_writeback plugs the flusher around its whole pass (fs-writeback.c), so the inodes' bios gather and merge.
 */
export function* writeback_inodes(wbc: writeback_control): KGen<number> {
  let err = 0;
  trace_event('writeback', 'writeback_start', { reason: wbc.reason });
  const plug = blk_start_plug();
  for (const m of all_mappings()) {
    const r = yield* do_writepages(m, wbc);
    if (r && !err) err = r;
  }
  blk_finish_plug(plug);
  for (const fn of hookState().sync_fs) { const r = yield* fn(wbc.sync_mode === WB_SYNC_ALL); if (r && !err) err = r; }
  trace_event('writeback', 'writeback_written', { reason: wbc.reason, nr_pages: wbc.nr_written });
  return err;
}

/** wb_workfn: the flusher's periodic run, then re-armed while anything is dirty. */
function* wb_workfn(): KGen<void> {
  const s = wbState();
  const wbc: writeback_control = { sync_mode: WB_SYNC_NONE, older_than_ns: ktime_get() - s.dirty_expire_centisecs * CS, reason: 'periodic', nr_written: 0 };
  yield* writeback_inodes(wbc);
  const v = vmstat();
  if (v.NR_FILE_DIRTY_BYTES > 0 || v.NR_FILE_DIRTY_BUFFERS > 0) wb_wakeup_delayed();
}

/** wb_wakeup_delayed: the flusher runs dirty_writeback_centisecs from now (0 disables it, as in Linux). */
export function wb_wakeup_delayed(): void {
  const s = wbState();
  if (!s.dirty_writeback_centisecs) return;
  if (!s.timer) {
    s.work = INIT_WORK(wb_workfn);
    s.timer = hrtimer_create('wb_wakeup_delayed', () => { queue_work(system_unbound_wq(), s.work!); });
  }
  if (!hrtimer_active(s.timer)) hrtimer_start(s.timer, ktime_get() + s.dirty_writeback_centisecs * CS);
}

/** wakeup_flusher_threads: the flusher runs now instead of at its timer. */
export function wakeup_flusher_threads(): void {
  wb_wakeup_delayed();
  const s = wbState();
  if (s.timer) hrtimer_cancel(s.timer);
  if (s.work) queue_work(system_unbound_wq(), s.work);
}

function int_sysctl(name: 'dirty_expire_centisecs' | 'dirty_writeback_centisecs'): ctl_table {
  return {
    procname: name, mode: 0o644, proc_handler: proc_dointvec, extra1: 0,
    data: {
      get: () => wbState()[name],
      set: (v) => {
        const s = wbState(), old = s[name];
        s[name] = (v as number[])[0];
        // dirty_writeback_centisecs_handler: a new non-zero interval wakes the flusher now; it re-arms with the new one.
        if (name === 'dirty_writeback_centisecs' && s[name] && s[name] !== old) wakeup_flusher_threads();
      },
    },
  };
}

/** page_writeback_init: vm_page_writeback_sysctls. */
export function page_writeback_init(): number {
  return register_sysctl('vm', [int_sysctl('dirty_expire_centisecs'), int_sysctl('dirty_writeback_centisecs')]);
}

export const initcalls: initcall_entry[] = [['fs', 'page_writeback_init', page_writeback_init, 5_000]];
