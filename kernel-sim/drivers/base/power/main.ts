// Models linux/drivers/base/power/main.c: the system sleep callbacks of every device in dpm_list order (prepare, suspend, suspend_late, suspend_noirq; the resume phases in reverse), their error unwinding and pm_print_times.
//
// dpm_list is the order devices were added (device_add), so a parent always
// precedes its children: the suspend phases walk it backwards (children first),
// the resume phases forwards. Callbacks run one after another; async suspend
// (pm_async with power.async_suspend) is not modelled yet.
import type { KGen } from '../../../include/linux/sched.ts';
import { EAGAIN, EBUSY } from '../../../include/uapi/asm-generic/errno.ts';
import { KERN_DEBUG, printk } from '../../../kernel/printk/printk.ts';
import { ktime_get, NSEC_PER_USEC } from '../../../kernel/time/timekeeping.ts';
import { dpm_save_failed_dev, dpm_save_failed_step, pmState, type suspend_stat_step } from '../../../kernel/power/power.ts';
import { current } from '../../../kernel/sched/core.ts';
import { all_devices, dev_name } from '../core.ts';
import { call_maybe_gen, type device } from '../base.ts';
import type { dev_pm_ops } from './pm.ts';
import { pm_dev_printk } from './power.ts';
import { pm_wakeup_pending } from './wakeup_source.ts';
import { trace_event } from '../../../kernel/trace/trace.ts';
import { __pm_runtime_disable, pm_runtime_enable, pm_runtime_get_noresume, pm_runtime_put } from './runtime.ts';

type sleep_cb = 'prepare' | 'suspend' | 'suspend_late' | 'suspend_noirq' | 'resume_noirq' | 'resume_early' | 'resume';

/** The devices whose callbacks ran in this transition (dpm_prepared_list, dpm_suspended_list ... as flags on dpm_list). */
function dpm_list(): device[] {
  return all_devices();
}

/** The type's, class's or bus's callback, else the driver's (as __device_suspend picks it). */
function dpm_callback_for(dev: device, name: sleep_cb): dev_pm_ops[sleep_cb] {
  const ops = dev.type?.pm ?? dev.class?.pm ?? dev.bus?.pm;
  return ops?.[name] ?? dev.driver?.pm?.[name];
}

/** initcall_debug_start/report(): with pm_print_times, each callback's "calling" and "returned ... after N usecs" lines. */
function* dpm_run_callback(dev: device, name: sleep_cb): KGen<number> {
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

/** PM_EVENT_SUSPEND and PM_EVENT_RESUME: the value dpm phases trace. */
const PM_EVENT_SUSPEND = 0x0002;
const PM_EVENT_RESUME = 0x0010;
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
function dpm_show_time(start: number, verb: string, error: number, info: string | null): void {
  if (!pmState().pm_debug_messages_on) return;
  const usecs = Math.max(1, Math.floor((ktime_get() - start) / NSEC_PER_USEC));
  printk(`${KERN_DEBUG}PM: ${info ? `${info} ` : ''}${verb} of devices ${error ? 'aborted' : 'complete'} after ${Math.floor(usecs / 1000)}.${String(usecs % 1000).padStart(3, '0')} msecs`);
}

/** pm_dev_err(): "PM: failed to suspend late: error -5" in the device's dev_err format. */
function pm_dev_err(dev: device, verb: string, info: string, error: number): void {
  pm_dev_printk('err', dev, `PM: failed to ${verb}${info}: error ${error}`);
}

/** dpm_prepare(): ->prepare of every device, parents first; runtime PM is held off for the transition. */
export function* dpm_prepare(): KGen<number> {
  const start = ktime_get();
  let error = 0;
  trace_phase('dpm_prepare', PM_EVENT_SUSPEND, true);
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
  trace_phase('dpm_prepare', PM_EVENT_SUSPEND, false);
  dpm_show_time(start, 'suspend', error, 'prepare');
  return error;
}

/** One suspend phase over the devices of `ready`, children before parents; stops at the first error. */
function* dpm_suspend_phase(cb: 'suspend' | 'suspend_late' | 'suspend_noirq', info: string, step: suspend_stat_step,
  ready: (d: device) => boolean, mark: (d: device) => void): KGen<number> {
  const start = ktime_get();
  let error = 0;
  trace_phase(`dpm_${cb}`, PM_EVENT_SUSPEND, true);
  for (const dev of dpm_list().reverse()) {
    if (!ready(dev)) continue;
    // __device_suspend*(): a wakeup event since the transition began aborts it (no device is to blame).
    if (pm_wakeup_pending()) {
      error = -EBUSY;
      dpm_save_failed(step, null);
      break;
    }
    if (cb === 'suspend_late') yield* __pm_runtime_disable(dev, false);
    error = yield* dpm_run_callback(dev, cb);
    if (error) {
      if (cb === 'suspend_late') pm_runtime_enable(dev);
      pm_dev_err(dev, 'suspend', info, error);
      dpm_save_failed(step, dev);
      break;
    }
    mark(dev);
  }
  trace_phase(`dpm_${cb}`, PM_EVENT_SUSPEND, false);
  dpm_show_time(start, 'suspend', error, info.trim() || null);
  return error;
}

/** One resume phase over the devices still marked, parents before children. */
function* dpm_resume_phase(cb: 'resume_noirq' | 'resume_early' | 'resume', info: string, step: suspend_stat_step,
  marked: (d: device) => boolean, clear: (d: device) => void): KGen<void> {
  const start = ktime_get();
  trace_phase(`dpm_${cb}`, PM_EVENT_RESUME, true);
  for (const dev of dpm_list()) {
    if (!marked(dev)) continue;
    clear(dev);
    const error = yield* dpm_run_callback(dev, cb);
    if (cb === 'resume_early') pm_runtime_enable(dev);
    if (error) {
      pm_dev_err(dev, 'resume', info, error);
      dpm_save_failed(step, dev);
    }
  }
  trace_phase(`dpm_${cb}`, PM_EVENT_RESUME, false);
  dpm_show_time(start, 'resume', 0, info.trim() || null);
}

export function* dpm_suspend(): KGen<number> {
  return yield* dpm_suspend_phase('suspend', '', 'suspend', (d) => d.power.is_prepared, (d) => { d.power.is_suspended = true; });
}
export function* dpm_resume(): KGen<void> {
  yield* dpm_resume_phase('resume', '', 'resume', (d) => d.power.is_suspended, (d) => { d.power.is_suspended = false; });
}

/** dpm_suspend_late(): on an error the devices already late-suspended are resumed early again. */
export function* dpm_suspend_late(): KGen<number> {
  const error = yield* dpm_suspend_phase('suspend_late', ' late', 'suspend_late', (d) => d.power.is_suspended, (d) => { d.power.is_late_suspended = true; });
  if (error) yield* dpm_resume_early();
  return error;
}
export function* dpm_resume_early(): KGen<void> {
  yield* dpm_resume_phase('resume_early', ' early', 'resume_early', (d) => d.power.is_late_suspended, (d) => { d.power.is_late_suspended = false; });
}

/** dpm_suspend_noirq(): on an error the devices already noirq-suspended are resumed again. */
export function* dpm_suspend_noirq(): KGen<number> {
  const error = yield* dpm_suspend_phase('suspend_noirq', ' noirq', 'suspend_noirq', (d) => d.power.is_late_suspended, (d) => { d.power.is_noirq_suspended = true; });
  if (error) yield* dpm_resume_noirq();
  return error;
}
export function* dpm_resume_noirq(): KGen<void> {
  yield* dpm_resume_phase('resume_noirq', ' noirq', 'resume_noirq', (d) => d.power.is_noirq_suspended, (d) => { d.power.is_noirq_suspended = false; });
}

/** dpm_complete(): ->complete in reverse order, and runtime PM allowed again. */
export function dpm_complete(): void {
  trace_phase('dpm_complete', PM_EVENT_RESUME, true);
  for (const dev of dpm_list().reverse()) {
    if (!dev.power.is_prepared) continue;
    dev.power.is_prepared = false;
    const ops = dev.type?.pm ?? dev.class?.pm ?? dev.bus?.pm;
    (ops?.complete ?? dev.driver?.pm?.complete)?.(dev);
    pm_runtime_put(dev);
  }
  trace_phase('dpm_complete', PM_EVENT_RESUME, false);
}

/** dpm_suspend_start(): prepare, then suspend. */
export function* dpm_suspend_start(): KGen<number> {
  return (yield* dpm_prepare()) || (yield* dpm_suspend());
}

/** dpm_resume_end(): resume, then complete. */
export function* dpm_resume_end(): KGen<void> {
  yield* dpm_resume();
  dpm_complete();
}
