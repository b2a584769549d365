// Deferred work for modules in virtual time: timer_list (kernel/time/timer.c), hrtimers, tasklets (softirq), workqueues, kthreads, semaphores, rwlocks, current.
//
// Timer, hrtimer and tasklet callbacks run as softirqs (atomic context: they must not sleep); work items and
// kthreads run in kernel threads and may sleep. Each armed object is a resource of its module, named at rmmod.
import type { KGen, task_struct } from '../../include/linux/sched.ts';
import { TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE, TASK_NORMAL } from '../../include/linux/sched.ts';
import { EINTR, ETIME, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { offsetOf } from '../../toolchain/layouts/access.ts';
import { kread_u32, kwrite_u32, kread_i32, kwrite_i32, kread_i64, kwrite_u64, kread_cstr, ksymbol } from '../../mm/kmem.ts';
import { kmalloc, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { task_struct_view, struct_task_struct } from '../../toolchain/layouts/views.generated.ts';
import { LAYOUT_CONSTANTS } from '../../toolchain/layouts/index.ts';
import { bind_fields, bind_char_array } from '../module/cstruct.ts';
import { defineState } from '../state.ts';
import { vsprintf, va_list } from '../../lib/vsprintf.ts';
import { current, runqueue, schedule, set_current_state, wake_up_process, try_to_wake_up, preempt_disable, preempt_enable } from '../sched/core.ts';
import { wait_queue_head, __wake_up, prepare_to_wait_exclusive, finish_wait, wait_event } from '../sched/wait.ts';
import { signal_pending } from '../signal_pending.ts';
import { hrtimer_create, hrtimer_start, hrtimer_cancel, hrtimer_active, ktime_get, jiffies, TICK_NSEC, type hrtimer } from '../time/timekeeping.ts';
import { kernel_thread } from '../fork.ts';
import { get_random_u32 } from '../../lib/machine_random.ts';
import { call_slot, call_slot_atomic } from '../module/fops.ts';
import { calling_module, kthread_exit_request } from '../module/runtime.ts';
import { complete_c } from './sched.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import type { module } from '../module/types.ts';
import { report_warn } from '../module/faults.ts';
import { EXPORT_KAPI, EXPORT_KDATA } from './registry.ts';

interface c_timer { t: hrtimer; mod: module | null }
interface c_work { addr: number; mod: module | null }
interface c_wq { name: string; queue: c_work[]; wq: wait_queue_head; running: c_work | null; done: wait_queue_head; pid: number; stop: boolean }
interface c_kthread { task: task_struct | null; started: boolean; should_stop: boolean; exited: boolean; ret: number; done: wait_queue_head; addr: number }

interface TimerState {
  timers: Map<number, c_timer>;
  hr: Map<number, c_timer>;
  wqs: Map<number, c_wq>;
  kthreads: Map<number, c_kthread>;
  tasks: Map<task_struct, number>;
  /** struct task_struct * -> its task. */
  task_by_addr: Map<number, task_struct>;
  sems: Map<number, wait_queue_head>;
}
const timerState = defineState<TimerState>('kapi-timers', () => ({ timers: new Map(), hr: new Map(), wqs: new Map(), kthreads: new Map(), tasks: new Map(), task_by_addr: new Map(), sems: new Map() }));

/** Runs a callback as a softirq would: atomic context around module code. */
function softirq(fn: () => void): void {
  preempt_disable();
  try { fn(); } catch { /* the fault was reported; the timer is dead */ } finally { preempt_enable(); }
}

// ---- timer_list --------------------------------------------------------------

const PPREV = offsetOf('timer_list', 'entry') + 4;

function timer_of(addr: number): c_timer {
  const st = timerState();
  let t = st.timers.get(addr);
  if (!t) {
    const mod = calling_module();
    const ct: c_timer = {
      mod,
      t: hrtimer_create('timer_list', () => {
        kwrite_u32(addr + PPREV, 0);
        untrack_resource((r) => r.kind === 'timer' && r.name === `0x${addr.toString(16)}`, ct.mod);
        const fn = kread_u32(addr + offsetOf('timer_list', 'function'));
        softirq(() => { call_slot_atomic(fn, [addr], 'timer', ct.mod); });
      }),
    };
    t = ct;
    st.timers.set(addr, t);
  }
  return t;
}

function mod_timer(addr: number, expires: number): number {
  const t = timer_of(addr);
  const was = hrtimer_active(t.t) ? 1 : 0;
  const delta = ((expires - jiffies()) | 0);
  kwrite_u32(addr + offsetOf('timer_list', 'expires'), expires);
  kwrite_u32(addr + PPREV, 1);
  hrtimer_start(t.t, ktime_get() + Math.max(0, delta) * TICK_NSEC);
  if (!was) track_resource('timer', `0x${addr.toString(16)}`, () => { hrtimer_cancel(t.t); }, t.mod);
  return was;
}

function del_timer(addr: number): number {
  const t = timerState().timers.get(addr);
  kwrite_u32(addr + PPREV, 0);
  if (!t) return 0;
  untrack_resource((r) => r.kind === 'timer' && r.name === `0x${addr.toString(16)}`, t.mod);
  return hrtimer_cancel(t.t) ? 1 : 0;
}

// ---- hrtimers ----------------------------------------------------------------

const HR_EXPIRES = offsetOf('hrtimer', '_softexpires');

function hr_of(addr: number): c_timer {
  const st = timerState();
  let t = st.hr.get(addr);
  if (!t) {
    const ct: c_timer = {
      mod: calling_module(),
      t: hrtimer_create('hrtimer', () => {
        const fn = kread_u32(addr + offsetOf('hrtimer', 'function'));
        let restart = 0;
        softirq(() => { restart = call_slot_atomic(fn, [addr], 'hrtimer', ct.mod) as number; });
        if (restart === 1) hrtimer_start(ct.t, Number(kread_i64(addr + HR_EXPIRES)));
        else untrack_resource((r) => r.kind === 'hrtimer' && r.name === `0x${addr.toString(16)}`, ct.mod);
      }),
    };
    t = ct;
    st.hr.set(addr, t);
  }
  return t;
}

// ---- tasklets ----------------------------------------------------------------

function tasklet_run(addr: number, mod: module | null): void {
  kwrite_u32(addr + offsetOf('tasklet_struct', 'state'), 0);
  const fn = kread_u32(addr + offsetOf('tasklet_struct', 'func'));
  const cb = kread_u32(addr + offsetOf('tasklet_struct', 'use_callback')) & 0xff;
  softirq(() => { call_slot_atomic(fn, [cb ? addr : kread_u32(addr + offsetOf('tasklet_struct', 'data'))], 'tasklet', mod); });
}

// ---- workqueues --------------------------------------------------------------

const WORK_PENDING = 1;

function wq_of(h: number): c_wq | undefined { return timerState().wqs.get(h); }

function alloc_wq(name: string, mod: module | null): number {
  const h = kmalloc(16, __GFP_ZERO);
  if (!h) return 0;
  disown(h);
  const w: c_wq = { name, queue: [], wq: new wait_queue_head('wq'), running: null, done: new wait_queue_head('wq-done'), pid: 0, stop: false };
  timerState().wqs.set(h, w);
  w.pid = kernel_thread(function* (): KGen<number> {
    for (;;) {
      yield* wait_event(w.wq, () => w.queue.length > 0 || w.stop, 'worker_thread');
      if (w.stop && !w.queue.length) return 0;
      const item = w.queue.shift()!;
      w.running = item;
      kwrite_u32(item.addr + offsetOf('work_struct', 'data'), kread_u32(item.addr + offsetOf('work_struct', 'data')) & ~WORK_PENDING);
      const fn = kread_u32(item.addr + offsetOf('work_struct', 'func'));
      try { yield* call_slot(fn, [item.addr], 'work', item.mod); } catch { /* reported */ }
      w.running = null;
      __wake_up(w.done, TASK_NORMAL, 0);
    }
  }, `kworker/u4:${name}`);
  if (mod) track_resource('workqueue', name, () => { w.stop = true; w.queue = []; __wake_up(w.wq, TASK_NORMAL, 0); }, mod);
  return h;
}

function queue_work(h: number, work: number): number {
  const w = wq_of(h);
  if (!w) return 0;
  const d = kread_u32(work + offsetOf('work_struct', 'data'));
  if (d & WORK_PENDING) return 0;
  kwrite_u32(work + offsetOf('work_struct', 'data'), d | WORK_PENDING);
  w.queue.push({ addr: work, mod: calling_module() });
  __wake_up(w.wq, TASK_NORMAL, 0);
  return 1;
}

function* flush_work(work: number): KGen<boolean> {
  for (const w of timerState().wqs.values()) {
    let waited = false;
    while (w.queue.some((x) => x.addr === work) || w.running?.addr === work) {
      waited = true;
      const e = { flags: 0, task: current(), queued: false };
      prepare_to_wait_exclusive(w.done, e, TASK_UNINTERRUPTIBLE);
      yield* schedule();
      finish_wait(w.done, e);
    }
    if (waited) return true;
  }
  return false;
}

function* cancel_work_sync(work: number): KGen<number> {
  let was = 0;
  for (const w of timerState().wqs.values()) {
    const n = w.queue.length;
    w.queue = w.queue.filter((x) => x.addr !== work);
    if (w.queue.length !== n) was = 1;
  }
  kwrite_u32(work + offsetOf('work_struct', 'data'), kread_u32(work + offsetOf('work_struct', 'data')) & ~WORK_PENDING);
  yield* flush_work(work);
  return was;
}

function system_wq(): number {
  return ksymbol('system_wq', 4, (p) => kwrite_u32(p, alloc_wq('events', null)));
}
const wq_syms = [EXPORT_KDATA('system_wq', system_wq),
  ...['system_highpri_wq', 'system_long_wq', 'system_unbound_wq', 'system_freezable_wq'].map((n) => EXPORT_KDATA(n, () => ksymbol(n, 4, (p) => kwrite_u32(p, kread_u32(system_wq())))))];

// ---- kthreads and current ----------------------------------------------------

/** The C struct task_struct standing for a task, made on first use; its pid, tgid and comm live there from then on (cstruct.ts). */
function c_task(t: task_struct): number {
  const st = timerState();
  let a = st.tasks.get(t);
  if (a !== undefined) return a;
  a = kmalloc(struct_task_struct.SIZE, __GFP_ZERO);
  disown(a);
  st.tasks.set(t, a);
  st.task_by_addr.set(a, t);
  bind_fields(t, task_struct_view(a), ['pid', 'tgid']);
  bind_char_array(t, 'comm', a + struct_task_struct.OFF.comm, LAYOUT_CONSTANTS.TASK_COMM_LEN!);
  return a;
}

/** `current` in C: the task's struct, with its private pending signals and blocked mask as they are now (sigset_t words). */
function c_task_current(t: task_struct): number {
  const a = c_task(t);
  const put = (off: number, set: bigint): void => { kwrite_u32(off, Number(set & 0xffffffffn)); kwrite_u32(off + 4, Number((set >> 32n) & 0xffffffffn)); };
  put(a + struct_task_struct.OFF.pending + offsetOf('sigpending', 'signal'), t.pending.signal);
  put(a + struct_task_struct.OFF.blocked, t.blocked);
  return a;
}

function task_of(a: number): task_struct | null {
  return timerState().task_by_addr.get(a) ?? null;
}

function kthread_create(fn: number, data: number, _node: number, fmt: number, va: number): number {
  const mod = calling_module();
  const name = vsprintf(kread_cstr(fmt, 64), new va_list(va)).slice(0, 15);
  const k: c_kthread = { task: null, started: false, should_stop: false, exited: false, ret: 0, done: new wait_queue_head('kthread'), addr: 0 };
  const pid = kernel_thread(function* (): KGen<number> {
    while (!k.started && !k.should_stop) { set_current_state(TASK_UNINTERRUPTIBLE); yield* schedule(); }
    try {
      if (!k.should_stop) k.ret = (yield* call_slot(fn, [data], 'kthread', mod)) as number;
      else k.ret = -EINTR;
    } catch (e) {
      if (!(e instanceof kthread_exit_request)) throw e;
      k.ret = e.code;
    } finally {
      k.exited = true;
      untrack_resource((r) => r.kind === 'kthread' && r.name === name, mod);
      __wake_up(k.done, TASK_NORMAL, 0);
    }
    return k.ret;
  }, name);
  const t = runqueue().tasks.get(pid);
  if (!t) return (-ENOMEM) >>> 0;
  k.task = t;
  k.addr = c_task(t);
  timerState().kthreads.set(k.addr, k);
  track_resource('kthread', name, () => { k.should_stop = true; if (k.task) wake_up_process(k.task); }, mod);
  return k.addr;
}

function kthread_self(): c_kthread | undefined {
  const a = timerState().tasks.get(current());
  return a === undefined ? undefined : timerState().kthreads.get(a);
}

// ---- semaphores --------------------------------------------------------------

const SEM_COUNT = offsetOf('semaphore', 'count');
function sem_wq(a: number): wait_queue_head {
  const st = timerState();
  let w = st.sems.get(a);
  if (!w) { w = new wait_queue_head('semaphore'); st.sems.set(a, w); }
  return w;
}

function* down_common(a: number, state: number, timeout_ns = Infinity): KGen<number> {
  const w = sem_wq(a);
  const e = { flags: 1, task: current(), queued: false };
  const end = ktime_get() + timeout_ns;
  while (kread_i32(a + SEM_COUNT) <= 0) {
    if (state & TASK_INTERRUPTIBLE && signal_pending(current())) { finish_wait(w, e); return -EINTR; }
    if (ktime_get() >= end) { finish_wait(w, e); return -ETIME; }
    prepare_to_wait_exclusive(w, e, state);
    yield* schedule();
  }
  finish_wait(w, e);
  kwrite_i32(a + SEM_COUNT, kread_i32(a + SEM_COUNT) - 1);
  return 0;
}

export const ksymtab = [...wq_syms, ...EXPORT_KAPI({
  init_timer_key: (t: number, fn: number, flags: number) => {
    kwrite_u32(t + offsetOf('timer_list', 'function'), fn);
    kwrite_u32(t + offsetOf('timer_list', 'flags'), flags);
    kwrite_u32(t + PPREV, 0);
  },
  mod_timer, add_timer: (t: number) => { mod_timer(t, kread_u32(t + offsetOf('timer_list', 'expires'))); },
  mod_timer_pending: (t: number, e: number) => (kread_u32(t + PPREV) ? mod_timer(t, e) : 0),
  timer_reduce: (t: number, e: number) => mod_timer(t, e),
  del_timer, del_timer_sync: del_timer, try_to_del_timer_sync: del_timer, timer_shutdown_sync: del_timer,
  hrtimer_init: (t: number) => { kwrite_u64(t + HR_EXPIRES, 0n); },
  hrtimer_start_range_ns: (t: number, tim: bigint, _delta: bigint, mode: number) => {
    const h = hr_of(t);
    const at = (mode & 1) ? ktime_get() + Number(tim) : Number(tim);
    kwrite_u64(t + HR_EXPIRES, BigInt(at));
    if (!hrtimer_active(h.t)) track_resource('hrtimer', `0x${t.toString(16)}`, () => { hrtimer_cancel(h.t); }, h.mod);
    hrtimer_start(h.t, at);
  },
  hrtimer_cancel: (t: number) => {
    const h = timerState().hr.get(t);
    if (!h) return 0;
    untrack_resource((r) => r.kind === 'hrtimer' && r.name === `0x${t.toString(16)}`, h.mod);
    return hrtimer_cancel(h.t) ? 1 : 0;
  },
  hrtimer_try_to_cancel: (t: number) => { const h = timerState().hr.get(t); return h && hrtimer_cancel(h.t) ? 1 : 0; },
  hrtimer_active: (t: number) => { const h = timerState().hr.get(t); return h && hrtimer_active(h.t) ? 1 : 0; },
  hrtimer_forward: (t: number, now: bigint, interval: bigint) => {
    let exp = kread_i64(t + HR_EXPIRES);
    if (interval <= 0n || now < exp) return 0n;
    const n = (now - exp) / interval + 1n;
    exp += n * interval;
    kwrite_u64(t + HR_EXPIRES, exp);
    return n;
  },
  hrtimer_forward_now: (t: number, interval: bigint) => {
    const now = BigInt(ktime_get());
    let exp = kread_i64(t + HR_EXPIRES);
    if (interval <= 0n || now < exp) return 0n;
    const n = (now - exp) / interval + 1n;
    exp += n * interval;
    kwrite_u64(t + HR_EXPIRES, exp);
    return n;
  },
  __tasklet_schedule: (t: number) => {
    const mod = calling_module();
    const h = hrtimer_create('tasklet', () => tasklet_run(t, mod));
    kwrite_u32(t + offsetOf('tasklet_struct', 'state'), 1);
    hrtimer_start(h, ktime_get());
  },
  __tasklet_hi_schedule: (t: number) => {
    const mod = calling_module();
    hrtimer_start(hrtimer_create('tasklet', () => tasklet_run(t, mod)), ktime_get());
  },
  tasklet_init: (t: number, fn: number, data: number) => {
    kwrite_u32(t + offsetOf('tasklet_struct', 'func'), fn);
    kwrite_u32(t + offsetOf('tasklet_struct', 'data'), data);
    kwrite_u32(t + offsetOf('tasklet_struct', 'use_callback'), 0);
  },
  tasklet_setup: (t: number, cb: number) => {
    kwrite_u32(t + offsetOf('tasklet_struct', 'func'), cb);
    kwrite_u32(t + offsetOf('tasklet_struct', 'use_callback'), 1);
  },
  tasklet_kill: (t: number) => { kwrite_u32(t + offsetOf('tasklet_struct', 'state'), 0); },
  alloc_workqueue: (fmt: number, _flags: number, _max: number, va: number) => alloc_wq(vsprintf(kread_cstr(fmt, 64), new va_list(va)), calling_module()),
  destroy_workqueue: function* (h: number): KGen<void> {
    const w = wq_of(h);
    if (!w) return;
    untrack_resource((r) => r.kind === 'workqueue' && r.name === w.name);
    while (w.queue.length || w.running) {
      const e = { flags: 0, task: current(), queued: false };
      prepare_to_wait_exclusive(w.done, e, TASK_UNINTERRUPTIBLE);
      yield* schedule();
      finish_wait(w.done, e);
    }
    w.stop = true;
    __wake_up(w.wq, TASK_NORMAL, 0);
    timerState().wqs.delete(h);
  },
  flush_workqueue: function* (h: number): KGen<void> {
    yield* flush_workqueue(h);
  },
  // flush_workqueue() is a macro over __flush_workqueue() in 6.1's workqueue.h: modules may import either.
  __flush_workqueue: function* (h: number): KGen<void> {
    yield* flush_workqueue(h);
  },
  queue_work_on: (_cpu: number, h: number, work: number) => queue_work(h, work),
  queue_delayed_work_on: (_cpu: number, h: number, dw: number, delay: number) => {
    const d = kread_u32(dw + offsetOf('work_struct', 'data'));
    if (d & WORK_PENDING) return 0;
    if (!delay) return queue_work(h, dw);
    const timer = dw + offsetOf('delayed_work', 'timer');
    const mod = calling_module();
    const t = timer_of(timer);
    t.mod = mod;
    kwrite_u32(dw + offsetOf('work_struct', 'data'), d | 2);
    hrtimer_cancel(t.t);
    t.t = hrtimer_create('delayed_work', () => {
      kwrite_u32(dw + offsetOf('work_struct', 'data'), kread_u32(dw + offsetOf('work_struct', 'data')) & ~2);
      kwrite_u32(timer + PPREV, 0);
      queue_work(h, dw);
    });
    kwrite_u32(timer + PPREV, 1);
    hrtimer_start(t.t, ktime_get() + delay * TICK_NSEC);
    return 1;
  },
  cancel_work_sync,
  cancel_delayed_work_sync: function* (dw: number): KGen<number> {
    const timer = dw + offsetOf('delayed_work', 'timer');
    const t = timerState().timers.get(timer);
    let was = 0;
    if (t && hrtimer_cancel(t.t)) was = 1;
    kwrite_u32(timer + PPREV, 0);
    kwrite_u32(dw + offsetOf('work_struct', 'data'), kread_u32(dw + offsetOf('work_struct', 'data')) & ~2);
    return (yield* cancel_work_sync(dw)) | was;
  },
  cancel_delayed_work: (dw: number) => {
    const t = timerState().timers.get(dw + offsetOf('delayed_work', 'timer'));
    return t && hrtimer_cancel(t.t) ? 1 : 0;
  },
  flush_work: function* (w: number): KGen<number> { return (yield* flush_work(w)) ? 1 : 0; },
  delayed_work_timer_fn: () => undefined,
  kthread_create_on_node: kthread_create,
  wake_up_process: (a: number) => {
    const k = timerState().kthreads.get(a);
    if (k && !k.started) { k.started = true; }
    const t = k?.task ?? task_of(a);
    return t && wake_up_process(t) ? 1 : 0;
  },
  kthread_should_stop: () => (kthread_self()?.should_stop ? 1 : 0),
  kthread_exit: (code: number) => { throw new kthread_exit_request(code | 0); },
  kthread_complete_and_exit: (comp: number, code: number) => {
    if (comp) complete_c(comp);
    throw new kthread_exit_request(code | 0);
  },
  kthread_stop: function* (a: number): KGen<number> {
    const k = timerState().kthreads.get(a);
    if (!k) return -EINTR;
    k.should_stop = true;
    if (k.task) wake_up_process(k.task);
    yield* wait_event(k.done, () => k.exited, 'kthread_stop');
    return k.ret;
  },
  get_current: () => c_task_current(current()),
  // kernel/sched/core.c: what DECLARE_WAITQUEUE(wait, tsk) puts in wait.func, waking wait.private.
  default_wake_function: (e: number, mode: number) => { const t = task_of(kread_u32(e + offsetOf('wait_queue_entry', 'private'))); return t && try_to_wake_up(t, mode) ? 1 : 0; },
  signal_pending: (a: number) => { const t = task_of(a) ?? current(); return signal_pending(t) ? 1 : 0; },
  get_random_u32: () => get_random_u32(),
  get_random_u64: () => (BigInt(get_random_u32()) << 32n) | BigInt(get_random_u32()),
  get_random_bytes: (p: number, n: number) => { for (let i = 0; i < n; i += 4) { const v = get_random_u32(); for (let j = 0; j < 4 && i + j < n; j++) kwrite_u32(p + i + j, (v >>> (8 * j)) & 0xff); } },
  sema_init: (a: number, n: number) => { kwrite_i32(a + SEM_COUNT, n); },
  down: function* (a: number): KGen<void> { yield* down_common(a, TASK_UNINTERRUPTIBLE); },
  down_interruptible: function* (a: number): KGen<number> { return yield* down_common(a, TASK_INTERRUPTIBLE); },
  down_killable: function* (a: number): KGen<number> { return yield* down_common(a, TASK_INTERRUPTIBLE); },
  down_timeout: function* (a: number, j: number): KGen<number> { return yield* down_common(a, TASK_UNINTERRUPTIBLE, j * TICK_NSEC); },
  down_trylock: (a: number) => { const c = kread_i32(a + SEM_COUNT); if (c <= 0) return 1; kwrite_i32(a + SEM_COUNT, c - 1); return 0; },
  up: (a: number) => { kwrite_i32(a + SEM_COUNT, kread_i32(a + SEM_COUNT) + 1); __wake_up(sem_wq(a), TASK_NORMAL, 1); },
  _raw_read_lock: () => { preempt_disable(); }, _raw_read_unlock: () => { preempt_enable(); },
  _raw_write_lock: () => { preempt_disable(); }, _raw_write_unlock: () => { preempt_enable(); },
  _raw_read_lock_irqsave: () => { preempt_disable(); return 0x246; }, _raw_read_unlock_irqrestore: () => { preempt_enable(); },
  _raw_write_lock_irqsave: () => { preempt_disable(); return 0x246; }, _raw_write_unlock_irqrestore: () => { preempt_enable(); },
  _raw_read_lock_bh: () => { preempt_disable(); }, _raw_read_unlock_bh: () => { preempt_enable(); },
  _raw_write_lock_bh: () => { preempt_disable(); }, _raw_write_unlock_bh: () => { preempt_enable(); },
  __rwlock_init: () => undefined,
  refcount_warn_saturate: (_r: number, t: number) => { report_warn('lib/refcount.c', 25, `refcount_t: ${['saturated; leaking memory', 'addition on 0; use-after-free', 'underflow; use-after-free'][t % 3]}.`); },
})];

/** Sleeps until the workqueue has run everything queued so far (flush_workqueue). */
function* flush_workqueue(h: number): KGen<void> {
  const w = wq_of(h);
  while (w && (w.queue.length || w.running)) {
    const e = { flags: 0, task: current(), queued: false };
    prepare_to_wait_exclusive(w.done, e, TASK_UNINTERRUPTIBLE);
    yield* schedule();
    finish_wait(w.done, e);
  }
}

