// Models linux/mm/memcontrol.c for cgroup2: page counters per memcg (anon, page cache, kernel stacks), memory.max/high with reclaim of clean page cache first, then the memcg OOM killer; the memory.* files.
import { PF_KTHREAD, type task_struct } from '../../include/linux/sched.ts';
import type { mm_struct } from '../../include/linux/mm_types.ts';
import { PG_dirty, PG_writeback, filemap_remove_folio, type page } from '../../include/linux/pagemap.ts';
import { memcgPageOps } from '../../include/linux/memcontrol.ts';
import { EINVAL, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { current } from '../sched/core.ts';
import { fatal_signal_pending } from '../signal_pending.ts';
import { CFTYPE_NOT_ON_ROOT, ssid, type cgroup, type cgroup_subsys, type memcg_event } from './cgroup-defs.ts';
import { cgroup_e_css, cgroup_subtree, css_chain, task_dfl_cgroup } from './cgroup.ts';
import { psi_account } from './psi.ts';
import { memcg_note_over_high } from './memcg_high.ts';
import { mem_cgroup_out_of_memory } from './oom.ts';
import { memcgState, memcg_usage, memcg_memory_event, memory_stat_format, THREAD_SIZE } from './memcg.ts';
export { memcg_usage, memory_stat_format, task_rss_bytes, THREAD_SIZE } from './memcg.ts';
import { trace_event } from '../trace/trace.ts';

/** The memcg a task charges (mem_cgroup_from_task: the nearest cgroup with the memory controller). */
export const mem_cgroup_from_task = (t: task_struct): cgroup => cgroup_e_css(task_dfl_cgroup(t), ssid.memory);

function add_local(cg: cgroup, bytes: number, kind: 'anon' | 'file' | 'kernel_stack'): void {
  cg.memory.local += bytes;
  cg.memory.stat[kind] += bytes;
  for (const c of css_chain(cg, ssid.memory)) c.memory.peak = Math.max(c.memory.peak, memcg_usage(c));
}

/** Reclaims clean page cache charged to the subtree (shrink_node_memcgs on the file LRU): returns bytes freed. */
export function try_to_free_mem_cgroup_pages(cg: cgroup, want: number): number {
  const sub = new Set(cgroup_subtree(cg));
  let freed = 0;
  for (const [p, m] of [...memcgState().page_memcg]) {
    if (freed >= want) break;
    if (!sub.has(m)) continue;
    cg.memory.stat.pgscan++;
    if (p.flags & (PG_dirty | PG_writeback)) continue;
    filemap_remove_folio(p);
    cg.memory.stat.pgsteal++;
    freed += 4096;
  }
  return freed;
}

/**
 * try_charge_memcg: every memcg up the chain must stay under memory.max. Over it, reclaim page cache; if that is
 * not enough, the memcg OOM killer picks a victim. Returns 0, or -ENOMEM when the charging task itself was killed.
 * Over memory.high the charge succeeds after a reclaim attempt (the high event); the task is throttled on its way
 * back to user space (memcg_high.ts).
 */
export function try_charge_memcg(cg: cgroup, bytes: number, kind: 'anon' | 'file' | 'kernel_stack', may_oom = true): number {
  // A task already killed (an OOM victim on its way out) charges over the limit: it is about to free everything.
  if (fatal_signal_pending(current())) { add_local(cg, bytes, kind); return 0; }
  for (const c of css_chain(cg, ssid.memory)) {
    if (!c.parent) continue;
    const m = c.memory;
    if (memcg_usage(c) + bytes > m.high) {
      memcg_memory_event(c, 'high');
      try_to_free_mem_cgroup_pages(c, memcg_usage(c) + bytes - m.high);
      memcg_note_over_high(current(), bytes);
    }
    for (let tries = 0; memcg_usage(c) + bytes > m.max; tries++) {
      if (tries === 0) { m.failcnt++; memcg_memory_event(c, 'max'); }
      const need = memcg_usage(c) + bytes - m.max;
      if (try_to_free_mem_cgroup_pages(c, need) >= need) continue;
      psi_account(c, 'memory', 1_000_000, 1_000_000);
      if (!may_oom || tries > 0) break;
      const killed = mem_cgroup_out_of_memory(c, bytes);
      if (killed === current() || killed === null) return -ENOMEM;
    }
  }
  add_local(cg, bytes, kind);
  return 0;
}

function uncharge(cg: cgroup, bytes: number, kind: 'anon' | 'file' | 'kernel_stack'): void {
  cg.memory.local -= bytes;
  cg.memory.stat[kind] -= bytes;
}

/**
 * Charges what an address space grew by since its last charge (the anonymous faults of a process: the
 * workbench sees them at mmap and at each return to user space). -ENOMEM when the task was OOM-killed.
 */
export function mem_cgroup_charge_mm(t: task_struct): number {
  const mm = t.mm;
  if (!mm || t.flags & PF_KTHREAD) return 0;
  const st = memcgState();
  const prev = st.task_mm.get(t);
  if (prev !== mm) {
    if (prev && prev.users <= 0) mem_cgroup_uncharge_mm(prev);
    st.task_mm.set(t, mm);
  }
  const size = mm.memory().length;
  const rec = st.mm_charge.get(mm) ?? { bytes: 0, parts: new Map<cgroup, number>() };
  if (size <= rec.bytes) return 0;
  const cg = mem_cgroup_from_task(t);
  const r = try_charge_memcg(cg, size - rec.bytes, 'anon');
  if (r) return r;
  trace_event('cgroup', 'memcg_charge', { pid: t.pid, bytes: size - rec.bytes, usage: memcg_usage(cg) });
  rec.parts.set(cg, (rec.parts.get(cg) ?? 0) + size - rec.bytes);
  rec.bytes = size;
  st.mm_charge.set(mm, rec);
  return 0;
}

export function mem_cgroup_uncharge_mm(mm: mm_struct): void {
  const rec = memcgState().mm_charge.get(mm);
  if (!rec) return;
  for (const [cg, bytes] of rec.parts) uncharge(cg, bytes, 'anon');
  memcgState().mm_charge.delete(mm);
}

/** At fork: the child's kernel stack and its copy of the address space (charged without OOM: fork does not kill). */
export function mem_cgroup_fork(t: task_struct): void {
  const cg = mem_cgroup_from_task(t);
  add_local(cg, THREAD_SIZE, 'kernel_stack');
  memcgState().stack_memcg.set(t, cg);
  if (t.mm && !memcgState().mm_charge.has(t.mm)) {
    const bytes = t.mm.memory().length;
    add_local(cg, bytes, 'anon');
    memcgState().mm_charge.set(t.mm, { bytes, parts: new Map([[cg, bytes]]) });
    memcgState().task_mm.set(t, t.mm);
  }
}

/** At exit: the kernel stack returns, and the address space when this was its last user. */
export function mem_cgroup_exit(t: task_struct): void {
  const st = memcgState();
  const stack = st.stack_memcg.get(t);
  if (stack) uncharge(stack, THREAD_SIZE, 'kernel_stack');
  st.stack_memcg.delete(t);
  if (t.mm && t.mm.users <= 1) mem_cgroup_uncharge_mm(t.mm);
  const prev = st.task_mm.get(t);
  if (prev && prev !== t.mm && prev.users <= 0) mem_cgroup_uncharge_mm(prev);
  st.task_mm.delete(t);
}

/** The page cache hooks (mem_cgroup_charge of a file folio, uncharge on removal). */
export const memcg_page_ops = {
  charge(p: page): void {
    const cg = mem_cgroup_from_task(current());
    // Page cache never OOM-kills at insertion here: reclaim makes room or the charge goes over (as a __GFP_NOFAIL charge).
    try_charge_memcg(cg, 4096, 'file', false);
    memcgState().page_memcg.set(p, cg);
  },
  uncharge(p: page): void {
    const cg = memcgState().page_memcg.get(p);
    if (!cg) return;
    memcgState().page_memcg.delete(p);
    uncharge(cg, 4096, 'file');
  },
};
export function memcg_install_page_ops(): void { memcgPageOps().ops = memcg_page_ops; }

// ---- files -------------------------------------------------------------------

const show_bytes = (v: number): string => (v === Infinity ? 'max\n' : `${v}\n`);

/** "max" or a byte count with an optional K/M/G/T suffix (page_counter_memparse); rounded down to pages. */
function memparse(buf: string): number {
  const s = buf.trim();
  if (s === 'max') return Infinity;
  const m = /^(\d+)([KMGTkmgt]?)$/.exec(s);
  if (!m) return -EINVAL;
  const mul = { '': 1, k: 1 << 10, m: 1 << 20, g: 1 << 30, t: 2 ** 40 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Math.floor((Number(m[1]) * mul) / 4096) * 4096;
}

function limit_file(name: string, key: 'min' | 'low' | 'high' | 'max' | 'swap_max' | 'swap_high' | 'zswap_max', after?: (cg: cgroup) => void) {
  return {
    name, flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg: cgroup) => show_bytes(cg.memory[key]),
    write: (cg: cgroup, buf: string) => {
      const v = memparse(buf);
      if (v < 0) return v;
      cg.memory[key] = v;
      after?.(cg);
      return 0;
    },
  };
}

/** memory_max_write: lowering the limit below usage reclaims, then OOM-kills until the usage fits. */
function shrink_to_max(cg: cgroup): void {
  for (let i = 0; i < 64 && memcg_usage(cg) > cg.memory.max; i++) {
    const need = memcg_usage(cg) - cg.memory.max;
    if (try_to_free_mem_cgroup_pages(cg, need) >= need) break;
    memcg_memory_event(cg, 'max');
    if (!mem_cgroup_out_of_memory(cg, 0)) break;
  }
}

const events_show = (e: Record<memcg_event, number>): string =>
  `low ${e.low}\nhigh ${e.high}\nmax ${e.max}\noom ${e.oom}\noom_kill ${e.oom_kill}\noom_group_kill ${e.oom_group_kill}\n`;

function numa_stat_show(cg: cgroup): string {
  const s = memory_stat_format(cg).split('\n').slice(0, 24).filter(Boolean);
  return s.filter((l) => !/^(percpu|sock|vmalloc|zswap|zswapped|kernel |sec_pagetables)/.test(l + ' ')).map((l) => {
    const [k, v] = l.split(' ');
    return `${k} N0=${v}\n`;
  }).join('');
}

function reclaim_write(cg: cgroup, buf: string): number {
  const want = memparse(buf);
  if (want < 0 || want === Infinity) return -EINVAL;
  return try_to_free_mem_cgroup_pages(cg, want) >= want ? 0 : -11; // -EAGAIN: could not reclaim that much
}

export const memory_cgrp_subsys: cgroup_subsys = {
  id: ssid.memory, name: 'memory', legacy_name: 'memory', dfl: true,
  dfl_cftypes: [
    { name: 'memory.current', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `${memcg_usage(cg)}\n` },
    { name: 'memory.peak', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `${Math.max(cg.memory.peak, memcg_usage(cg))}\n` },
    limit_file('memory.min', 'min'),
    limit_file('memory.low', 'low'),
    limit_file('memory.high', 'high', (cg) => { if (memcg_usage(cg) > cg.memory.high) try_to_free_mem_cgroup_pages(cg, memcg_usage(cg) - cg.memory.high); }),
    limit_file('memory.max', 'max', shrink_to_max),
    { name: 'memory.events', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => events_show(cg.memory.events) },
    { name: 'memory.events.local', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => events_show(cg.memory.events_local) },
    { name: 'memory.stat', seq_show: memory_stat_format },
    { name: 'memory.numa_stat', seq_show: numa_stat_show },
    { name: 'memory.reclaim', mode: 0o200, write: reclaim_write },
    {
      name: 'memory.oom.group', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `${cg.memory.oom_group ? 1 : 0}\n`,
      write: (cg, buf) => { const s = buf.trim(); if (s !== '0' && s !== '1') return -EINVAL; cg.memory.oom_group = s === '1'; return 0; },
    },
    { name: 'memory.swap.current', flags: CFTYPE_NOT_ON_ROOT, seq_show: () => '0\n' },
    limit_file('memory.swap.high', 'swap_high'),
    limit_file('memory.swap.max', 'swap_max'),
    { name: 'memory.swap.events', flags: CFTYPE_NOT_ON_ROOT, seq_show: () => 'high 0\nmax 0\nfail 0\n' },
    { name: 'memory.zswap.current', flags: CFTYPE_NOT_ON_ROOT, seq_show: () => '0\n' },
    limit_file('memory.zswap.max', 'zswap_max'),
  ],
  css_reset: (cg) => {
    const m = cg.memory;
    Object.assign(m, { min: 0, low: 0, high: Infinity, max: Infinity, swap_max: Infinity, swap_high: Infinity, zswap_max: Infinity, oom_group: false });
  },
};
