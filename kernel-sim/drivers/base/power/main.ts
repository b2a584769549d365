// Models linux/drivers/base/power/main.c: the system sleep callbacks of every device in dpm_list order (prepare, suspend, suspend_late, suspend_noirq; the resume phases in reverse), their error unwinding and pm_print_times.
//
// dpm_list is the order devices were added (device_add), so a parent always
// precedes its children: the suspend phases walk it backwards (children first),
// the resume phases forwards. The event (pm_message_t) picks the callbacks:
// suspend/resume for sleep, freeze/thaw, poweroff and restore for hibernation.
// Devices with power/async set (PCI functions, as pci_pm_init enables it) run
// their callbacks on async workers while pm_async is 1: concurrently in
// virtual time, each still waiting for its children (suspend) or its parent
// (resume) to complete (dpm_wait), as dpm_async_fn arranges it.
import type { KGen } from '../../../include/linux/sched.ts';
import { EAGAIN, EBUSY } from '../../../include/uapi/asm-generic/errno.ts';
import { KERN_DEBUG, printk } from '../../../kernel/printk/printk.ts';
import { ktime_get, NSEC_PER_USEC } from '../../../kernel/time/timekeeping.ts';
import { dpm_save_failed_dev, dpm_save_failed_step, pmState, type suspend_stat_step } from '../../../kernel/power/power.ts';
import { current } from '../../../kernel/sched/core.ts';
import { all_devices, dev_name } from '../core.ts';
import { call_maybe_gen, type device } from '../base.ts';
import {
  PM_EVENT_FREEZE, PM_EVENT_HIBERNATE, PM_EVENT_QUIESCE, PM_EVENT_RECOVER, PM_EVENT_RESTORE, PM_EVENT_RESUME, PM_EVENT_SUSPEND, PM_EVENT_THAW,
  PMSG_RESUME, PMSG_SUSPEND, type dev_pm_ops, type pm_message_t,
} from './pm.ts';
import { pm_dev_printk } from './power.ts';
import { pm_wakeup_pending } from './wakeup_source.ts';
import { async_schedule, async_synchronize_full, complete_all, dpm_wait, reinit_completion } from './async.ts';
import { trace_event } from '../../../kernel/trace/trace.ts';
import { __pm_runtime_disable, pm_runtime_enable, pm_runtime_get_noresume, pm_runtime_put } from './runtime.ts';

/** The callbacks a dpm phase may call, by phase: the main one, its _late/_early form and its _noirq form. */
type sleep_cb = Exclude<keyof dev_pm_ops, 'complete' | 'runtime_suspend' | 'runtime_resume' | 'runtime_idle'>;
type phase_kind = 'main' | 'late' | 'noirq';

/** pm_op(), pm_late_early_op(), pm_noirq_op(): which callback each event calls in each kind of phase. */
const pm_ops_of: Record<number, Record<phase_kind, sleep_cb>> = {
  [PM_EVENT_SUSPEND]: { main: 'suspend', late: 'suspend_late', noirq: 'suspend_noirq' },
  [PM_EVENT_RESUME]: { main: 'resume', late: 'resume_early', noirq: 'resume_noirq' },
  [PM_EVENT_FREEZE]: { main: 'freeze', late: 'freeze_late', noirq: 'freeze_noirq' },
  [PM_EVENT_QUIESCE]: { main: 'freeze', late: 'freeze_late', noirq: 'freeze_noirq' },
  [PM_EVENT_HIBERNATE]: { main: 'poweroff', late: 'poweroff_late', noirq: 'poweroff_noirq' },
  [PM_EVENT_THAW]: { main: 'thaw', late: 'thaw_early', noirq: 'thaw_noirq' },
  [PM_EVENT_RECOVER]: { main: 'thaw', late: 'thaw_early', noirq: 'thaw_noirq' },
  [PM_EVENT_RESTORE]: { main: 'restore', late: 'restore_early', noirq: 'restore_noirq' },
};

/** pm_verb(): the event's word in the dpm core's messages ("failed to freeze: error -5"). */
const pm_verbs: Record<number, string> = {
  [PM_EVENT_SUSPEND]: 'suspend', [PM_EVENT_RESUME]: 'resume', [PM_EVENT_FREEZE]: 'freeze', [PM_EVENT_QUIESCE]: 'quiesce',
  [PM_EVENT_HIBERNATE]: 'hibernate', [PM_EVENT_THAW]: 'thaw', [PM_EVENT_RESTORE]: 'restore', [PM_EVENT_RECOVER]: 'recover',
};
const pm_verb = (state: pm_message_t): string => pm_verbs[state.event] ?? '(unknown PM event)';

/** The devices whose callbacks ran in this transition (dpm_prepared_list, dpm_suspended_list ... as flags on dpm_list). */
function dpm_list(): device[] {
  return all_devices();
}

/** The type's, class's or bus's callback, else the driver's (as __device_suspend picks it). */
function dpm_callback_for(dev: device, name: sleep_cb | 'prepare'): dev_pm_ops[sleep_cb] {
  const ops = dev.type?.pm ?? dev.class?.pm ?? dev.bus?.pm;
  return ops?.[name] ?? dev.driver?.pm?.[name];
}

/** initcall_debug_start/report(): with pm_print_times, each callback's "calling" and "returned ... after N usecs" lines. */
function* dpm_run_callback(dev: device, name: sleep_cb | 'prepare'): KGen<number> {
  const cb = dpm_callback_for(dev, name);
  if (!cb) return 0;
  const times = pmState().pm_print_times_enabled;
  const fn = cb.name || name;
  if (times) pm_dev_info(dev, `calling ${fn}+0x0/0x0 @ ${current().pid}, parent: ${dev.parent ? dev_name(dev.parent) : 'none'}`);
  const t0 = ktime_get();
  const driver = dev.driver?.name ?? dev.bus?.name ?? dev.class?.name ?? '';
  trace_event('power', 'device_pm_callback_start', { device: dev_name(dev), driver, parent: dev.parent ? dev_name(dev.parent) : 'none', pm_ops: fn, event: name });
  const error = yield* call_maybe_gen(cb(dev));
  trace_event('power', 'device_pm_callback_end', { device: dev_name(dev), driver, error });
  if (times) pm_dev_info(dev, `${fn}+0x0/0x0 returned ${error} after ${Math.floor((ktime_get() - t0) / NSEC_PER_USEC)} usecs`);
  return error;
}

/** main.c's dev_fmt is its pr_fmt, "PM: ": every device message of the dpm core carries it after the device name. */
const pm_dev_info = (dev: device, msg: string): void => pm_dev_printk('info', dev, `PM: ${msg}`);

/** trace_suspend_resume(TPS("dpm_suspend"), event, start): the phase markers pm-graph draws. */
const trace_phase = (action: string, val: number, start: boolean): void => trace_event('power', 'suspend_resume', { action, val, start });

/** dpm_save_failed_dev/_step(): what suspend_stats/ records of a failed phase (the errno is pm_suspend()'s to record). */
function dpm_save_failed(step: suspend_stat_step, dev: device | null): void {
  const s = pmState().suspend_stats;
  if (dev) dpm_save_failed_dev(dev_name(dev));
  dpm_save_failed_step(step);
  const key = `failed_${step}` as const;
  if (key in s) (s as unknown as Record<string, number>)[key]!++;
}

/** dpm_show_time(): "suspend of devices complete after 1.234 msecs" with pm_debug_messages. */
function dpm_show_time(start: number, state: pm_message_t, error: number, info: string | null): void {
  if (!pmState().pm_debug_messages_on) return;
  const usecs = Math.max(1, Math.floor((ktime_get() - start) / NSEC_PER_USEC));
  printk(`${KERN_DEBUG}PM: ${info ? `${info} ` : ''}${pm_verb(state)} of devices ${error ? 'aborted' : 'complete'} after ${Math.floor(usecs / 1000)}.${String(usecs % 1000).padStart(3, '0')} msecs`);
}

/** pm_dev_err(): "PM: failed to suspend late: error -5" in the device's dev_err format. */
function pm_dev_err(dev: device, state: pm_message_t, info: string, error: number): void {
  pm_dev_printk('err', dev, `PM: failed to ${pm_verb(state)}${info}: error ${error}`);
}

/** dpm_prepare(): ->prepare of every device, parents first; runtime PM is held off for the transition. */
export function* dpm_prepare(state: pm_message_t = PMSG_SUSPEND): KGen<number> {
  const start = ktime_get();
  let error = 0;
  trace_phase('dpm_prepare', state.event, true);
  for (const dev of dpm_list()) {
    pm_runtime_get_noresume(dev); // device_prepare()
    error = yield* dpm_run_callback(dev, 'prepare');
    if (error === -EAGAIN) error = 0;
    if (error) {
      pm_runtime_put(dev);
      pm_dev_info(dev, `not prepared for power transition: code ${error}`);
      dpm_save_failed('prepare', null); // dpm_suspend_start() names no device for a failed prepare
      break;
    }
    dev.power.is_prepared = true;
  }
  trace_phase('dpm_prepare', state.event, false);
  dpm_show_time(start, state, error, 'prepare');
  return error;
}

/** A kind of phase: its trace marker, its word in messages, its suspend_stats steps and the flag it sets on the way down. */
interface phase_desc {
  suspend: string; resume: string; info: string;
  suspend_step: suspend_stat_step; resume_step: suspend_stat_step;
  /** Devices the suspend phase takes (done by the phase before) and the flag it sets, cleared on the way back up. */
  ready: (d: device) => boolean; flag: 'is_suspended' | 'is_late_suspended' | 'is_noirq_suspended';
}
const phases: Record<phase_kind, phase_desc> = {
  main: { suspend: 'dpm_suspend', resume: 'dpm_resume', info: '', suspend_step: 'suspend', resume_step: 'resume', ready: (d) => d.power.is_prepared, flag: 'is_suspended' },
  late: { suspend: 'dpm_suspend_late', resume: 'dpm_resume_early', info: ' late', suspend_step: 'suspend_late', resume_step: 'resume_early', ready: (d) => d.power.is_suspended, flag: 'is_late_suspended' },
  noirq: { suspend: 'dpm_suspend_noirq', resume: 'dpm_resume_noirq', info: ' noirq', suspend_step: 'suspend_noirq', resume_step: 'resume_noirq', ready: (d) => d.power.is_late_suspended, flag: 'is_noirq_suspended' },
};
/** The resume phases say " early" where the suspend ones say " late". */
const resume_info = (kind: phase_kind): string => (kind === 'late' ? ' early' : phases[kind].info);

/** is_async(): the device suspends and resumes on an async worker (power/async enabled, pm_async on). */
const is_async = (dev: device): boolean => dev.power.async_suspend && pmState().pm_async_enabled;

/** A phase's shared error (async_error): the first failure stops the devices not yet started. */
interface dpm_run { async_error: number }

/** __device_suspend(), __device_suspend_late(), __device_suspend_noirq(): one device, after its children. */
function* device_suspend(dev: device, kind: phase_kind, state: pm_message_t, run: dpm_run, async: boolean, children: device[]): KGen<void> {
  const ph = phases[kind];
  for (const child of children) yield* dpm_wait(child, async, is_async); // dpm_wait_for_subordinate()
  let error = 0;
  if (!run.async_error) {
    // A wakeup event since the transition began aborts it (no device is to blame).
    if (pm_wakeup_pending()) {
      error = -EBUSY;
    } else {
      if (kind === 'late') yield* __pm_runtime_disable(dev, false);
      error = yield* dpm_run_callback(dev, pm_ops_of[state.event]![kind]);
      if (error) {
        if (kind === 'late') pm_runtime_enable(dev);
        dpm_save_failed_dev(dev_name(dev));
        pm_dev_err(dev, state, async ? ` async${ph.info}` : ph.info, error);
      } else {
        dev.power[ph.flag] = true;
      }
    }
    if (error && !run.async_error) run.async_error = error;
  }
  complete_all(dev);
}

/**
 * One suspend phase over the devices the phase before took, children before parents: async devices go to the
 * async workers and wait there for their children, sync ones run here in turn; the first error stops the walk.
 */
function* dpm_suspend_phase(kind: phase_kind, state: pm_message_t): KGen<number> {
  const ph = phases[kind];
  const start = ktime_get();
  const run: dpm_run = { async_error: 0 };
  const list = dpm_list();
  const children = (dev: device): device[] => list.filter((d) => d.parent === dev);
  trace_phase(ph.suspend, state.event, true);
  for (const dev of list.reverse()) {
    if (!ph.ready(dev)) continue;
    reinit_completion(dev);
    if (is_async(dev)) async_schedule(() => device_suspend(dev, kind, state, run, true, children(dev)));
    else yield* device_suspend(dev, kind, state, run, false, children(dev));
    if (run.async_error) break;
  }
  yield* async_synchronize_full();
  const error = run.async_error;
  if (error) dpm_save_failed(ph.suspend_step, null);
  trace_phase(ph.suspend, state.event, false);
  dpm_show_time(start, state, error, ph.info.trim() || null);
  return error;
}

/** device_resume(), device_resume_early(), device_resume_noirq(): one device, after its parent. */
function* device_resume(dev: device, kind: phase_kind, state: pm_message_t, async: boolean): KGen<void> {
  const ph = phases[kind];
  yield* dpm_wait(dev.parent, async, is_async); // dpm_wait_for_superior()
  dev.power[ph.flag] = false;
  const error = yield* dpm_run_callback(dev, pm_ops_of[state.event]![kind]);
  if (kind === 'late') pm_runtime_enable(dev);
  if (error) {
    const info = resume_info(kind);
    pm_dev_err(dev, state, async ? ` async${info}` : info, error);
    dpm_save_failed(ph.resume_step, dev);
  }
  complete_all(dev);
}

/** One resume phase over the devices still marked, parents before children: the async ones are started first, then the sync ones run in turn. */
function* dpm_resume_phase(kind: phase_kind, state: pm_message_t): KGen<void> {
  const ph = phases[kind];
  const info = resume_info(kind);
  const start = ktime_get();
  trace_phase(ph.resume, state.event, true);
  const marked = dpm_list().filter((d) => d.power[ph.flag]);
  for (const dev of marked) {
    reinit_completion(dev);
    if (is_async(dev)) async_schedule(() => device_resume(dev, kind, state, true));
  }
  for (const dev of marked) if (!is_async(dev)) yield* device_resume(dev, kind, state, false);
  yield* async_synchronize_full();
  trace_phase(ph.resume, state.event, false);
  dpm_show_time(start, state, 0, info.trim() || null);
}

/** dpm_suspend(): ->suspend (->freeze, ->poweroff) children first. */
export function* dpm_suspend(state: pm_message_t = PMSG_SUSPEND): KGen<number> {
  return yield* dpm_suspend_phase('main', state);
}
export function* dpm_resume(state: pm_message_t = PMSG_RESUME): KGen<void> {
  yield* dpm_resume_phase('main', state);
}

/** dpm_suspend_late(): on an error the devices already late-suspended are resumed early again. */
export function* dpm_suspend_late(state: pm_message_t = PMSG_SUSPEND): KGen<number> {
  const error = yield* dpm_suspend_phase('late', state);
  if (error) yield* dpm_resume_early(resume_event(state));
  return error;
}
export function* dpm_resume_early(state: pm_message_t = PMSG_RESUME): KGen<void> {
  yield* dpm_resume_phase('late', state);
}

/** dpm_suspend_noirq(): on an error the devices already noirq-suspended are resumed again. */
export function* dpm_suspend_noirq(state: pm_message_t = PMSG_SUSPEND): KGen<number> {
  const error = yield* dpm_suspend_phase('noirq', state);
  if (error) yield* dpm_resume_noirq(resume_event(state));
  return error;
}
export function* dpm_resume_noirq(state: pm_message_t = PMSG_RESUME): KGen<void> {
  yield* dpm_resume_phase('noirq', state);
}

/** resume_event(): the event that undoes a failed phase (a failed suspend is resumed, a failed freeze recovered, a failed poweroff restored). */
const resume_events: Record<number, number> = {
  [PM_EVENT_SUSPEND]: PM_EVENT_RESUME, [PM_EVENT_FREEZE]: PM_EVENT_RECOVER, [PM_EVENT_QUIESCE]: PM_EVENT_RECOVER, [PM_EVENT_HIBERNATE]: PM_EVENT_RESTORE,
};
const resume_event = (sleep_state: pm_message_t): pm_message_t => ({ event: resume_events[sleep_state.event] ?? 0 });

/** dpm_complete(): ->complete in reverse order, and runtime PM allowed again. */
export function dpm_complete(state: pm_message_t = PMSG_RESUME): void {
  trace_phase('dpm_complete', state.event, true);
  for (const dev of dpm_list().reverse()) {
    if (!dev.power.is_prepared) continue;
    dev.power.is_prepared = false;
    const ops = dev.type?.pm ?? dev.class?.pm ?? dev.bus?.pm;
    (ops?.complete ?? dev.driver?.pm?.complete)?.(dev);
    pm_runtime_put(dev);
  }
  trace_phase('dpm_complete', state.event, false);
}

/** dpm_suspend_start(): prepare, then suspend. */
export function* dpm_suspend_start(state: pm_message_t = PMSG_SUSPEND): KGen<number> {
  return (yield* dpm_prepare(state)) || (yield* dpm_suspend(state));
}

/** dpm_resume_end(): resume, then complete. */
export function* dpm_resume_end(state: pm_message_t = PMSG_RESUME): KGen<void> {
  yield* dpm_resume(state);
  dpm_complete(state);
}

/** dpm_suspend_end(): late, then noirq (a failed noirq phase resumes the late-suspended devices early). */
export function* dpm_suspend_end(state: pm_message_t): KGen<number> {
  let error = yield* dpm_suspend_late(state);
  if (!error) {
    error = yield* dpm_suspend_noirq(state);
    if (error) yield* dpm_resume_early(resume_event(state));
  }
  return error;
}

/** dpm_resume_start(): noirq, then early. */
export function* dpm_resume_start(state: pm_message_t): KGen<void> {
  yield* dpm_resume_noirq(state);
  yield* dpm_resume_early(state);
}
