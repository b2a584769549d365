// Models the scheduling half of the kernel API for modules: delays and sleeps, jiffies/ktime, wait queues, completions, mutexes, spinlocks, preemption.
//
// C objects (wait_queue_head_t, struct completion, struct mutex, spinlock_t) live in the kernel memory; kernel-sim
// keeps the matching sleeping machinery (kernel/sched/wait.ts) in a map keyed by their address.
import type { KGen, task_struct } from '../../include/linux/sched.ts';
import { TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE, TASK_KILLABLE, TASK_RUNNING, TASK_NORMAL } from '../../include/linux/sched.ts';
import { ERESTARTSYS, EINTR } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../state.ts';
import {
  current, schedule, schedule_timeout, set_current_state, runqueue, preempt_disable, preempt_enable, in_atomic, in_task,
} from '../sched/core.ts';
import { wait_queue_head, __wake_up, prepare_to_wait, prepare_to_wait_exclusive, finish_wait, WQ_FLAG_EXCLUSIVE, type wait_queue_entry } from '../sched/wait.ts';
import { signal_pending, fatal_signal_pending } from '../signal_pending.ts';
import { account_ns, ktime_get, ktime_get_real, jiffies, TICK_NSEC, NSEC_PER_MSEC, NSEC_PER_USEC, HZ } from '../time/timekeeping.ts';
import { kread_i32, kwrite_i32, kread_u32, kread_cstr, ksymbol, kwrite_u64 } from '../../mm/kmem.ts';
import { offsetOf } from '../../toolchain/layouts/access.ts';
import { printk, KERN_ERR, KERN_WARNING } from '../printk/printk.ts';
import { add_taint, TAINT_WARN, dump_stack_header } from '../panic.ts';
import { UTS_RELEASE } from '../nsproxy.ts';
import { ModuleFault, stack_frames } from '../module/faults.ts';
import { EXPORT_KAPI, EXPORT_KDATA } from './registry.ts';
import { module_by_struct, try_module_get, module_put } from '../module/main.ts';
import { on_module_fault } from '../module/runtime.ts';
import { module_list } from '../module/list.ts';
import { symbol_at } from '../module/symbols.ts';

interface c_mutex { owner: task_struct | null; wq: wait_queue_head; name: string }
interface c_spin { owner: task_struct | null; name: string }

interface SyncState {
  wqs: Map<number, wait_queue_head>;
  entries: Map<number, wait_queue_entry>;
  mutexes: Map<number, c_mutex>;
  spins: Map<number, c_spin>;
  /** Spinlocks each task holds (released when module code oopses with them held). */
  held: Map<task_struct, number[]>;
}
export const syncState = defineState<SyncState>('kapi-sync', () => ({ wqs: new Map(), entries: new Map(), mutexes: new Map(), spins: new Map(), held: new Map() }));

export function c_waitqueue(addr: number): wait_queue_head {
  const s = syncState();
  let w = s.wqs.get(addr);
  if (!w) { w = new wait_queue_head(`wq@${addr.toString(16)}`); s.wqs.set(addr, w); }
  return w;
}

function c_entry(addr: number): wait_queue_entry {
  const s = syncState();
  let e = s.entries.get(addr);
  if (!e || e.task !== current()) { e = { flags: 0, task: current(), queued: false }; s.entries.set(addr, e); }
  return e;
}

function c_mutex_of(addr: number): c_mutex {
  const s = syncState();
  let m = s.mutexes.get(addr);
  if (!m) { m = { owner: null, wq: new wait_queue_head('mutex'), name: mutex_name(addr) }; s.mutexes.set(addr, m); }
  return m;
}

/** The lock's name as lockdep prints it: the C symbol of a DEFINE_MUTEX, else "lock". */
function mutex_name(addr: number): string {
  for (const m of module_list()) {
    const sym = symbol_at(m, addr);
    if (sym) return sym;
  }
  return 'lock';
}

const j2ns = (j: number): number => (j >>> 0) * TICK_NSEC;
const ns2j = (ns: number): number => Math.ceil(ns / TICK_NSEC);
/** MAX_SCHEDULE_TIMEOUT (LONG_MAX on wasm32). */
const MAX_SCHEDULE_TIMEOUT = 0x7fffffff;

/** The "BUG: sleeping function called from invalid context" check of __might_sleep. */
function might_sleep_check(file: string, line: number): void {
  if (!in_atomic()) return;
  const t = current();
  const rq = runqueue();
  printk(`${KERN_ERR}BUG: sleeping function called from invalid context at ${file}:${line}`);
  printk(`${KERN_ERR}in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: ${t.pid}, name: ${t.comm}`);
  printk(`${KERN_ERR}preempt_count: ${rq.preempt_count}, expected: 0`);
  printk(`${KERN_ERR}RCU nest depth: 0, expected: 0`);
  add_taint(TAINT_WARN);
  printk(`${KERN_WARNING}${dump_stack_header()}`);
  printk(`${KERN_WARNING}Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014`);
  printk(`${KERN_WARNING}Call Trace:`);
  printk(`${KERN_WARNING} <TASK>`);
  for (const f of stack_frames(new Error('might_sleep'))) printk(`${KERN_WARNING} ${f.text}${f.file ? ` ${f.file}:${f.line}` : ''}`);
  printk(`${KERN_WARNING} </TASK>`);
}

function* sleep_ns(ns: number, state: number): KGen<number> {
  const end = ktime_get() + ns;
  let left = ns;
  while (left > 0) {
    set_current_state(state);
    left = yield* schedule_timeout(left);
    if (state === TASK_INTERRUPTIBLE && signal_pending(current())) break;
    left = end - ktime_get();
  }
  return Math.max(0, end - ktime_get());
}

function* c_schedule_timeout(timeout: number): KGen<number> {
  if (timeout >= MAX_SCHEDULE_TIMEOUT) { yield* schedule(); return MAX_SCHEDULE_TIMEOUT; }
  const left = yield* schedule_timeout(j2ns(timeout));
  return ns2j(left);
}

// ---- wait queues -------------------------------------------------------------

function* prepare_to_wait_event(wq: number, entry: number, state: number): KGen<number> {
  const e = c_entry(entry);
  if ((state & TASK_INTERRUPTIBLE && signal_pending(current())) || (state === TASK_KILLABLE && fatal_signal_pending(current()))) {
    finish_wait(c_waitqueue(wq), e);
    return -ERESTARTSYS;
  }
  if (e.flags & WQ_FLAG_EXCLUSIVE) prepare_to_wait_exclusive(c_waitqueue(wq), e, state);
  else prepare_to_wait(c_waitqueue(wq), e, state);
  return 0;
}

// ---- completions -------------------------------------------------------------

const done_of = (x: number): number => x + offsetOf('completion', 'done');
/** complete(): one more waiter may pass; a complete_all()ed completion stays done. */
export function complete_c(x: number): void {
  const d = kread_u32(done_of(x));
  if (d !== 0xffffffff) kwrite_i32(done_of(x), d + 1);
  __wake_up(c_waitqueue(x), TASK_NORMAL, 1);
}

function* wait_for_common(x: number, timeout_ns: number, state: number): KGen<number> {
  const wq = c_waitqueue(x);
  const e: wait_queue_entry = { flags: WQ_FLAG_EXCLUSIVE, task: current(), queued: false };
  const end = timeout_ns === Infinity ? Infinity : ktime_get() + timeout_ns;
  while (kread_u32(done_of(x)) === 0) {
    if (state & TASK_INTERRUPTIBLE && signal_pending(current())) { finish_wait(wq, e); return -ERESTARTSYS; }
    prepare_to_wait_exclusive(wq, e, state);
    if (end === Infinity) yield* schedule();
    else {
      const left = end - ktime_get();
      if (left <= 0) { finish_wait(wq, e); return 0; }
      yield* schedule_timeout(left);
    }
  }
  finish_wait(wq, e);
  const d = kread_u32(done_of(x));
  if (d !== 0xffffffff) kwrite_i32(done_of(x), d - 1);
  return end === Infinity ? 1 : Math.max(1, ns2j(end - ktime_get()));
}

// ---- mutexes -----------------------------------------------------------------

function lock_warning(title: string, lines: string[]): void {
  const t = current();
  printk(`${KERN_WARNING}`);
  printk(`${KERN_WARNING}=====================================`);
  printk(`${KERN_WARNING}WARNING: ${title}`);
  printk(`${KERN_WARNING}${UTS_RELEASE} #1 ${dump_stack_header().replace(/^.*?(Not tainted|Tainted: .*?) 6\.1.*$/, '$1')}`);
  printk(`${KERN_WARNING}-------------------------------------`);
  const fr = stack_frames(new Error('lockdep')).find((f) => f.module);
  const where = fr ? `[<ffffffffc0000000>] ${fr.text}${fr.file ? ` ${fr.file}:${fr.line}` : ''}` : '';
  for (const l of lines) if (l !== '$WHERE' || where) printk(`${KERN_WARNING}${l.replace('$TASK', `${t.comm}/${t.pid}`).replace('$WHERE', where)}`);
  add_taint(TAINT_WARN);
}

function* mutex_lock_common(addr: number, state: number): KGen<number> {
  might_sleep_check('kernel/locking/mutex.c', 580);
  const m = c_mutex_of(addr);
  const t = current();
  if (m.owner === t) {
    lock_warning('possible recursive locking detected', [`$TASK is trying to acquire lock:`, `(${m.name}) at:`, '$WHERE', '', 'but task is already holding lock:', `(${m.name})`, '', ' *** DEADLOCK ***', '']);
  }
  const e: wait_queue_entry = { flags: WQ_FLAG_EXCLUSIVE, task: t, queued: false };
  while (m.owner !== null) {
    if (state & TASK_INTERRUPTIBLE && signal_pending(t)) { finish_wait(m.wq, e); return -EINTR; }
    if (state === TASK_KILLABLE && fatal_signal_pending(t)) { finish_wait(m.wq, e); return -EINTR; }
    prepare_to_wait_exclusive(m.wq, e, state);
    yield* schedule();
  }
  finish_wait(m.wq, e);
  m.owner = t;
  return 0;
}

function mutex_unlock(addr: number): void {
  const m = c_mutex_of(addr);
  if (m.owner !== current()) {
    lock_warning('bad unlock balance detected!', [`$TASK is trying to release lock (${m.name}) at:`, '$WHERE', 'but there are no more locks to release!', '', 'other info that might help us debug this:', 'no locks held by $TASK.']);
    return;
  }
  m.owner = null;
  __wake_up(m.wq, TASK_NORMAL, 1);
}

// ---- spinlocks ---------------------------------------------------------------

function spin_bug(addr: number, msg: string): never | void {
  const t = current();
  const s = syncState().spins.get(addr);
  printk(`${KERN_EMERG_}BUG: spinlock ${msg} on CPU#${t.cpu}, ${t.comm}/${t.pid}`);
  printk(`${KERN_EMERG_} lock: 0x${addr.toString(16)}, .magic: dead4ead, .owner: ${s?.owner ? `${s.owner.comm}/${s.owner.pid}` : '<none>/-1'}, .owner_cpu: ${s?.owner ? s.owner.cpu : -1}`);
}
const KERN_EMERG_ = '\x010';

function spin_lock(addr: number): void {
  const s = syncState();
  let l = s.spins.get(addr);
  if (!l) { l = { owner: null, name: 'lock' }; s.spins.set(addr, l); }
  const t = current();
  if (l.owner === t) {
    spin_bug(addr, 'recursion');
    throw new ModuleFault('lock', 'BUG: spinlock recursion (the CPU would spin here forever)', [], addr);
  }
  if (l.owner !== null) {
    // Another task holds it: on one simulated CPU it can never be released while we spin.
    spin_bug(addr, 'lockup suspected');
    throw new ModuleFault('lock', 'BUG: spinlock lockup suspected', [], addr);
  }
  preempt_disable();
  l.owner = t;
  const h = s.held.get(t) ?? [];
  h.push(addr);
  s.held.set(t, h);
}

function spin_unlock(addr: number): void {
  const s = syncState();
  const l = s.spins.get(addr);
  const t = current();
  if (!l || l.owner === null) { spin_bug(addr, 'already unlocked'); return; }
  if (l.owner !== t) { spin_bug(addr, 'wrong owner'); return; }
  l.owner = null;
  preempt_enable();
  const h = s.held.get(t);
  if (h) { const i = h.lastIndexOf(addr); if (i >= 0) h.splice(i, 1); }
}

on_module_fault((t) => {
  const s = syncState();
  const h = s.held.get(t) ?? [];
  for (const a of h) { const l = s.spins.get(a); if (l) l.owner = null; }
  s.held.delete(t);
});

const jiffies_syms = [
  EXPORT_KDATA('jiffies', () => ksymbol('jiffies', 8, (a) => kwrite_u64(a, BigInt(jiffies())))),
  EXPORT_KDATA('jiffies_64', () => ksymbol('jiffies', 8, (a) => kwrite_u64(a, BigInt(jiffies())))),
  EXPORT_KDATA('loops_per_jiffy', () => ksymbol('loops_per_jiffy', 4, (a) => kwrite_i32(a, 4_000_000 / HZ))),
];

export const ksymtab = [...jiffies_syms, ...EXPORT_KAPI({
  __might_sleep: (file: number, line: number) => { might_sleep_check(kread_cstr(file), line); },
  __cant_sleep: () => undefined,
  cpu_relax: () => { account_ns(10); },
  udelay: (us: number) => { account_ns((us >>> 0) * NSEC_PER_USEC); },
  ndelay: (ns: number) => { account_ns(ns >>> 0); },
  mdelay: (ms: number) => { account_ns((ms >>> 0) * NSEC_PER_MSEC); },
  __udelay: (us: number) => { account_ns((us >>> 0) * NSEC_PER_USEC); },
  __const_udelay: (x: number) => { account_ns(Math.round((x >>> 0) / 4.295)); },
  msleep: function* (ms: number): KGen<void> { yield* sleep_ns((ms >>> 0) * NSEC_PER_MSEC + TICK_NSEC, TASK_UNINTERRUPTIBLE); },
  msleep_interruptible: function* (ms: number): KGen<number> { const left = yield* sleep_ns((ms >>> 0) * NSEC_PER_MSEC, TASK_INTERRUPTIBLE); return Math.ceil(left / NSEC_PER_MSEC); },
  usleep_range_state: function* (min: number, _max: number, state: number): KGen<void> { yield* sleep_ns((min >>> 0) * NSEC_PER_USEC, state || TASK_UNINTERRUPTIBLE); },
  schedule: function* (): KGen<void> { yield* schedule(); },
  schedule_timeout: c_schedule_timeout,
  schedule_timeout_interruptible: function* (t: number): KGen<number> { set_current_state(TASK_INTERRUPTIBLE); return yield* c_schedule_timeout(t); },
  schedule_timeout_uninterruptible: function* (t: number): KGen<number> { set_current_state(TASK_UNINTERRUPTIBLE); return yield* c_schedule_timeout(t); },
  schedule_timeout_killable: function* (t: number): KGen<number> { set_current_state(TASK_KILLABLE); return yield* c_schedule_timeout(t); },
  cond_resched: function* (): KGen<number> { if (runqueue().queue.length) { set_current_state(TASK_RUNNING); yield* schedule(); return 1; } return 0; },
  __cond_resched: function* (): KGen<number> { if (runqueue().queue.length) { set_current_state(TASK_RUNNING); yield* schedule(); return 1; } return 0; },
  ktime_get: () => BigInt(ktime_get()),
  ktime_get_ns: () => BigInt(ktime_get()),
  ktime_get_raw: () => BigInt(ktime_get()),
  ktime_get_raw_ns: () => BigInt(ktime_get()),
  ktime_get_boottime: () => BigInt(ktime_get()),
  ktime_get_boottime_ns: () => BigInt(ktime_get()),
  ktime_get_real: () => BigInt(ktime_get_real()),
  ktime_get_real_ns: () => BigInt(ktime_get_real()),
  ktime_get_seconds: () => BigInt(Math.floor(ktime_get() / 1e9)),
  ktime_get_real_seconds: () => BigInt(Math.floor(ktime_get_real() / 1e9)),
  get_jiffies_64: () => BigInt(jiffies()),
  jiffies_to_msecs: (j: number) => Math.floor(j2ns(j) / NSEC_PER_MSEC),
  jiffies_to_usecs: (j: number) => Math.floor(j2ns(j) / NSEC_PER_USEC),
  jiffies_to_nsecs: (j: number) => BigInt(j2ns(j)),
  msecs_to_jiffies: (ms: number) => Math.min(MAX_SCHEDULE_TIMEOUT, Math.ceil(((ms >>> 0) * NSEC_PER_MSEC) / TICK_NSEC)),
  usecs_to_jiffies: (us: number) => Math.ceil(((us >>> 0) * NSEC_PER_USEC) / TICK_NSEC),
  nsecs_to_jiffies: (ns: bigint) => Math.ceil(Number(ns) / TICK_NSEC),
  round_jiffies: (j: number) => j, round_jiffies_relative: (j: number) => j,
  // wait queues
  __init_waitqueue_head: (wq: number) => { syncState().wqs.set(wq, new wait_queue_head(`wq@${wq.toString(16)}`)); },
  __init_swait_queue_head: (wq: number) => { void wq; },
  init_wait_entry: (e: number, flags: number) => { const w = c_entry(e); w.flags = flags; },
  prepare_to_wait_event,
  prepare_to_wait: (wq: number, e: number, state: number) => { prepare_to_wait(c_waitqueue(wq), c_entry(e), state); },
  prepare_to_wait_exclusive: (wq: number, e: number, state: number) => { prepare_to_wait_exclusive(c_waitqueue(wq), c_entry(e), state); return 1; },
  finish_wait: (wq: number, e: number) => { finish_wait(c_waitqueue(wq), c_entry(e)); },
  add_wait_queue: (wq: number, e: number) => { const w = c_entry(e); w.flags &= ~WQ_FLAG_EXCLUSIVE; c_waitqueue(wq).head.push(w); w.queued = true; },
  add_wait_queue_exclusive: (wq: number, e: number) => { const w = c_entry(e); w.flags |= WQ_FLAG_EXCLUSIVE; c_waitqueue(wq).head.push(w); w.queued = true; },
  remove_wait_queue: (wq: number, e: number) => { const w = c_entry(e); const h = c_waitqueue(wq).head; const i = h.indexOf(w); if (i >= 0) h.splice(i, 1); w.queued = false; },
  __wake_up: (wq: number, mode: number, nr: number) => { __wake_up(c_waitqueue(wq), mode, nr); },
  __wake_up_sync: (wq: number, mode: number) => { __wake_up(c_waitqueue(wq), mode, 1); },
  // completions
  complete: complete_c,
  complete_all: (x: number) => { kwrite_i32(done_of(x), -1); __wake_up(c_waitqueue(x), TASK_NORMAL, 0); },
  completion_done: (x: number) => (kread_u32(done_of(x)) ? 1 : 0),
  try_wait_for_completion: (x: number) => { const d = kread_u32(done_of(x)); if (!d) return 0; if (d !== 0xffffffff) kwrite_i32(done_of(x), d - 1); return 1; },
  wait_for_completion: function* (x: number): KGen<void> { yield* wait_for_common(x, Infinity, TASK_UNINTERRUPTIBLE); },
  wait_for_completion_io: function* (x: number): KGen<void> { yield* wait_for_common(x, Infinity, TASK_UNINTERRUPTIBLE); },
  wait_for_completion_interruptible: function* (x: number): KGen<number> { const r = yield* wait_for_common(x, Infinity, TASK_INTERRUPTIBLE); return r < 0 ? r : 0; },
  wait_for_completion_killable: function* (x: number): KGen<number> { const r = yield* wait_for_common(x, Infinity, TASK_KILLABLE); return r < 0 ? r : 0; },
  wait_for_completion_timeout: function* (x: number, t: number): KGen<number> { return yield* wait_for_common(x, t >= MAX_SCHEDULE_TIMEOUT ? Infinity : j2ns(t), TASK_UNINTERRUPTIBLE); },
  wait_for_completion_interruptible_timeout: function* (x: number, t: number): KGen<number> { return yield* wait_for_common(x, j2ns(t), TASK_INTERRUPTIBLE); },
  wait_for_completion_killable_timeout: function* (x: number, t: number): KGen<number> { return yield* wait_for_common(x, j2ns(t), TASK_KILLABLE); },
  // mutexes
  __mutex_init: (m: number, name: number) => { syncState().mutexes.set(m, { owner: null, wq: new wait_queue_head('mutex'), name: kread_cstr(name, 64) }); },
  mutex_destroy: () => undefined,
  mutex_is_locked: (m: number) => (c_mutex_of(m).owner ? 1 : 0),
  mutex_lock: function* (m: number): KGen<void> { yield* mutex_lock_common(m, TASK_UNINTERRUPTIBLE); },
  mutex_lock_io: function* (m: number): KGen<void> { yield* mutex_lock_common(m, TASK_UNINTERRUPTIBLE); },
  mutex_lock_interruptible: function* (m: number): KGen<number> { return yield* mutex_lock_common(m, TASK_INTERRUPTIBLE); },
  mutex_lock_killable: function* (m: number): KGen<number> { return yield* mutex_lock_common(m, TASK_KILLABLE); },
  mutex_trylock: (m: number) => { const x = c_mutex_of(m); if (x.owner) return 0; x.owner = current(); return 1; },
  mutex_unlock,
  // spinlocks (one CPU's view: contention can never resolve while spinning)
  __raw_spin_lock_init: (l: number) => { syncState().spins.set(l, { owner: null, name: 'lock' }); },
  _raw_spin_lock: spin_lock, _raw_spin_lock_bh: spin_lock, _raw_spin_lock_irq: spin_lock,
  _raw_spin_lock_irqsave: (l: number) => { spin_lock(l); return 0x246; },
  _raw_spin_trylock: (l: number) => { const x = syncState().spins.get(l); if (x?.owner) return 0; spin_lock(l); return 1; },
  _raw_spin_trylock_bh: (l: number) => { const x = syncState().spins.get(l); if (x?.owner) return 0; spin_lock(l); return 1; },
  _raw_spin_unlock: spin_unlock, _raw_spin_unlock_bh: spin_unlock, _raw_spin_unlock_irq: spin_unlock,
  _raw_spin_unlock_irqrestore: (l: number) => { spin_unlock(l); },
  _raw_spin_is_locked: (l: number) => (syncState().spins.get(l)?.owner ? 1 : 0),
  preempt_disable: () => { preempt_disable(); },
  preempt_enable: () => { preempt_enable(); },
  preempt_count: () => runqueue().preempt_count,
  in_atomic: () => (in_atomic() ? 1 : 0),
  in_task: () => (in_task() ? 1 : 0),
  in_interrupt: () => 0, in_irq: () => 0, in_softirq: () => 0,
  // module references
  try_module_get: (m: number) => (try_module_get(module_by_struct(m)) ? 1 : 0),
  __module_get: (m: number) => { try_module_get(module_by_struct(m)); },
  module_put: (m: number) => { module_put(module_by_struct(m)); },
  module_refcount: (m: number) => module_by_struct(m)?.refcnt ?? 0,
})];

export { kread_i32 };
