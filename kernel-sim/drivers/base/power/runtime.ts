// Models linux/drivers/base/power/runtime.c: the runtime PM core (rpm_idle/rpm_suspend/rpm_resume, usage and child counts, the autosuspend timer in virtual time, the pm_runtime_* API).
//
// Paths that may run a driver callback are generators (the callback may sleep).
// With RPM_ASYNC they only queue a request or arm the timer and never sleep, so
// the asynchronous API (pm_runtime_put, pm_runtime_get, pm_request_idle ...) is
// plain functions usable from a timer or an interrupt handler: they drive the
// same generator through rpm_nosleep(), as Linux runs the same rpm_* code under
// the spinlock.
import { EACCES, EAGAIN, EBUSY, EINPROGRESS, EINVAL, EIO } from '../../../include/uapi/asm-generic/errno.ts';
import type { KGen } from '../../../include/linux/sched.ts';
import { hrtimer_cancel, hrtimer_create, hrtimer_start, ktime_get, NSEC_PER_MSEC } from '../../../kernel/time/timekeeping.ts';
import { INIT_WORK, queue_work, system_unbound_wq } from '../../../kernel/workqueue.ts';
import { wait_event, wait_queue_head, wake_up_all } from '../../../kernel/sched/wait.ts';
import { trace_event } from '../../../kernel/trace/trace.ts';
import { call_maybe_gen, type device } from '../base.ts';
import { pm_dev_printk } from './power.ts';
import {
  RPM_ASYNC, RPM_AUTO, RPM_GET_PUT, RPM_NOWAIT, RPM_REQ_AUTOSUSPEND, RPM_REQ_IDLE, RPM_REQ_NONE, RPM_REQ_RESUME, RPM_REQ_SUSPEND,
  type dev_pm_info, type dev_pm_ops, type rpm_status,
} from './pm.ts';

type rpm_cb_name = 'runtime_suspend' | 'runtime_resume' | 'runtime_idle';

/** Runs a path that must not sleep (RPM_ASYNC, irq_safe, or runtime PM still disabled); a sleep there is the caller's bug. */
export function rpm_nosleep<T>(g: KGen<T>): T {
  const r = g.next();
  if (!r.done) throw new Error('BUG: runtime PM slept in atomic context');
  return r.value;
}

/** RPM_GET_CALLBACK(): the PM domain's, type's, class's or bus's callback, else the driver's. */
function rpm_get_callback(dev: device, name: rpm_cb_name): dev_pm_ops[rpm_cb_name] {
  const ops = dev.type?.pm ?? dev.class?.pm ?? dev.bus?.pm ?? null;
  return ops?.[name] ?? dev.driver?.pm?.[name];
}

/** The "rpm_internal" event class of include/trace/events/rpm.h. */
function trace_rpm(name: 'rpm_suspend' | 'rpm_resume' | 'rpm_idle' | 'rpm_usage', dev: device, flags: number): void {
  const p = dev.power;
  trace_event('rpm', name, {
    name: dev.kobj.name, flags, usage_count: p.usage_count, disable_depth: p.disable_depth, runtime_auto: p.runtime_auto,
    request_pending: p.request_pending, irq_safe: p.irq_safe, child_count: p.child_count,
  });
}

function trace_rpm_return_int(dev: device, func: string, ret: number): void {
  trace_event('rpm', 'rpm_return_int', { name: dev.kobj.name, ip: func, ret });
}

/** update_pm_runtime_accounting(): charges the time since the last change to the current status. */
function update_pm_runtime_accounting(dev: device): void {
  const p = dev.power;
  if (p.disable_depth > 0) return;
  const last = p.accounting_timestamp;
  const now = ktime_get();
  p.accounting_timestamp = now;
  if (now < last) return;
  if (p.runtime_status === 'RPM_SUSPENDED') p.suspended_time += now - last; else p.active_time += now - last;
}

function __update_runtime_status(dev: device, status: rpm_status): void {
  update_pm_runtime_accounting(dev);
  trace_event('rpm', 'rpm_status', { name: dev.kobj.name, status });
  dev.power.runtime_status = status;
}

function rpm_get_accounted_time(dev: device, suspended: boolean): number {
  update_pm_runtime_accounting(dev);
  return suspended ? dev.power.suspended_time : dev.power.active_time;
}
export const pm_runtime_active_time = (dev: device): number => rpm_get_accounted_time(dev, false);
export const pm_runtime_suspended_time = (dev: device): number => rpm_get_accounted_time(dev, true);

/** pm_runtime_deactivate_timer(): disarms the suspend timer. */
function pm_runtime_deactivate_timer(dev: device): void {
  if (dev.power.timer_expires > 0) {
    if (dev.power.timer) hrtimer_cancel(dev.power.timer);
    dev.power.timer_expires = 0;
  }
}

/** pm_runtime_cancel_pending(): the timer and any queued request go. */
function pm_runtime_cancel_pending(dev: device): void {
  pm_runtime_deactivate_timer(dev);
  dev.power.request = RPM_REQ_NONE;
}

/** pm_runtime_autosuspend_expiration(): when the autosuspend delay after last_busy runs out, 0 if it has (or autosuspend is off). */
export function pm_runtime_autosuspend_expiration(dev: device): number {
  const p = dev.power;
  if (!p.use_autosuspend || p.autosuspend_delay < 0) return 0;
  const expires = p.last_busy + p.autosuspend_delay * NSEC_PER_MSEC;
  return expires > ktime_get() ? expires : 0;
}

/** rpm_check_suspend_allowed(): <0 when the conditions are wrong, 1 when already suspended. */
function rpm_check_suspend_allowed(dev: device): number {
  const p = dev.power;
  if (p.runtime_error) return -EINVAL;
  if (p.disable_depth > 0) return -EACCES;
  if (p.usage_count) return -EAGAIN;
  if (!p.ignore_children && p.child_count) return -EBUSY;
  // Pending resume requests take precedence over suspends.
  if ((p.deferred_resume && p.runtime_status === 'RPM_SUSPENDING') || (p.request_pending && p.request === RPM_REQ_RESUME)) return -EAGAIN;
  if (p.runtime_status === 'RPM_SUSPENDED') return 1;
  return 0;
}

/** rpm_callback(): runs the callback; its error sticks in runtime_error (-EACCES is reserved for "disabled"). */
function* rpm_callback(cb: dev_pm_ops[rpm_cb_name], dev: device): KGen<number> {
  const retval = cb ? yield* call_maybe_gen(cb(dev)) : 0;
  dev.power.runtime_error = retval;
  return retval !== -EACCES ? retval : -EIO;
}

/** Queues an asynchronous request for pm_runtime_work() on pm_wq. */
function rpm_queue(dev: device, req: dev_pm_info['request']): void {
  const p = dev.power;
  p.request = req;
  if (!p.request_pending) {
    p.request_pending = true;
    if (p.work) queue_work(system_unbound_wq(), p.work);
  }
}

function* rpm_wait_while(dev: device, status: rpm_status): KGen<void> {
  const p = dev.power;
  if (p.wait_queue) yield* wait_event(p.wait_queue, () => p.runtime_status !== status, 'rpm_suspend');
}

function rpm_wake(dev: device): void {
  if (dev.power.wait_queue) wake_up_all(dev.power.wait_queue);
}

/** rpm_idle(): an idle notification; the callback (or its absence) leads to an autosuspend. */
function* rpm_idle(dev: device, rpmflags: number): KGen<number> {
  trace_rpm('rpm_idle', dev, rpmflags);
  const p = dev.power;
  let retval = rpm_check_suspend_allowed(dev);
  if (retval < 0) { /* Conditions are wrong. */ }
  else if (p.runtime_status !== 'RPM_ACTIVE') retval = -EAGAIN;
  // Any pending request other than an idle notification takes precedence.
  else if (p.request_pending && p.request > RPM_REQ_IDLE) retval = -EAGAIN;
  else if (p.idle_notification) retval = -EINPROGRESS;
  if (!retval) {
    p.request = RPM_REQ_NONE;
    const callback = rpm_get_callback(dev, 'runtime_idle');
    if (callback && !p.no_callbacks) {
      if (rpmflags & RPM_ASYNC) {
        rpm_queue(dev, RPM_REQ_IDLE);
        trace_rpm_return_int(dev, 'rpm_idle', 0);
        return 0;
      }
      p.idle_notification = true;
      retval = yield* call_maybe_gen(callback(dev));
      p.idle_notification = false;
      rpm_wake(dev);
    }
  }
  trace_rpm_return_int(dev, 'rpm_idle', retval);
  return retval ? retval : yield* rpm_suspend(dev, rpmflags | RPM_AUTO);
}

/** rpm_suspend(): runtime_suspend of an idle device, or the autosuspend timer if its delay has not run out. */
function* rpm_suspend(dev: device, rpmflags: number): KGen<number> {
  trace_rpm('rpm_suspend', dev, rpmflags);
  const p = dev.power;
  let parent: device | null = null;
  let retval: number;
  for (;;) { // repeat:
    retval = rpm_check_suspend_allowed(dev);
    if (retval < 0) break;
    // Synchronous suspends are not allowed in the RPM_RESUMING state.
    if (p.runtime_status === 'RPM_RESUMING' && !(rpmflags & RPM_ASYNC)) retval = -EAGAIN;
    if (retval) break;
    // If the autosuspend delay hasn't run out yet, (re)arm the timer for it.
    if ((rpmflags & RPM_AUTO) && p.runtime_status !== 'RPM_SUSPENDING') {
      const expires = pm_runtime_autosuspend_expiration(dev);
      if (expires !== 0) {
        p.request = RPM_REQ_NONE;
        // A timer already due at or before the new expiry is left to run.
        if (!(p.timer_expires && p.timer_expires <= expires)) {
          p.timer_expires = expires;
          if (p.timer) hrtimer_start(p.timer, expires);
        }
        p.timer_autosuspends = true;
        break;
      }
    }
    pm_runtime_cancel_pending(dev);
    if (p.runtime_status === 'RPM_SUSPENDING') {
      if (rpmflags & (RPM_ASYNC | RPM_NOWAIT)) { retval = -EINPROGRESS; break; }
      yield* rpm_wait_while(dev, 'RPM_SUSPENDING');
      continue;
    }
    if (!p.no_callbacks) {
      if (rpmflags & RPM_ASYNC) {
        rpm_queue(dev, (rpmflags & RPM_AUTO) ? RPM_REQ_AUTOSUSPEND : RPM_REQ_SUSPEND);
        break;
      }
      __update_runtime_status(dev, 'RPM_SUSPENDING');
      retval = yield* rpm_callback(rpm_get_callback(dev, 'runtime_suspend'), dev);
      if (retval) { // fail:
        __update_runtime_status(dev, 'RPM_ACTIVE');
        p.deferred_resume = false;
        rpm_wake(dev);
        if (retval === -EAGAIN || retval === -EBUSY) {
          p.runtime_error = 0;
          // A failed autosuspend is retried if last_busy moved the expiry on meanwhile.
          if ((rpmflags & RPM_AUTO) && pm_runtime_autosuspend_expiration(dev) !== 0) continue;
        } else {
          pm_runtime_cancel_pending(dev);
        }
        break;
      }
    }
    // no_callback:
    __update_runtime_status(dev, 'RPM_SUSPENDED');
    pm_runtime_deactivate_timer(dev);
    if (dev.parent) {
      parent = dev.parent;
      if (parent.power.child_count > 0) parent.power.child_count--;
    }
    rpm_wake(dev);
    if (p.deferred_resume) {
      p.deferred_resume = false;
      yield* rpm_resume(dev, 0);
      retval = -EAGAIN;
      break;
    }
    if (p.irq_safe) break;
    // Maybe the parent is now able to suspend.
    if (parent && !parent.power.ignore_children) rpm_nosleep(rpm_idle(parent, RPM_ASYNC));
    break;
  }
  trace_rpm_return_int(dev, 'rpm_suspend', retval);
  return retval;
}

/** rpm_resume(): resumes the parent first (holding a usage count on it), then runtime_resume. */
function* rpm_resume(dev: device, rpmflags: number): KGen<number> {
  trace_rpm('rpm_resume', dev, rpmflags);
  const p = dev.power;
  let parent: device | null = null;
  let retval = 0;
  for (;;) { // repeat:
    retval = 0;
    if (p.runtime_error) retval = -EINVAL;
    else if (p.disable_depth > 0) retval = p.runtime_status === 'RPM_ACTIVE' && p.last_status === 'RPM_ACTIVE' ? 1 : -EACCES;
    if (retval) break;
    // Pending requests go; a running autosuspend timer is left to run.
    p.request = RPM_REQ_NONE;
    if (!p.timer_autosuspends) pm_runtime_deactivate_timer(dev);
    if (p.runtime_status === 'RPM_ACTIVE') { retval = 1; break; }
    if (p.runtime_status === 'RPM_RESUMING' || p.runtime_status === 'RPM_SUSPENDING') {
      if (rpmflags & (RPM_ASYNC | RPM_NOWAIT)) {
        if (p.runtime_status === 'RPM_SUSPENDING') {
          p.deferred_resume = true;
          if (rpmflags & RPM_NOWAIT) retval = -EINPROGRESS;
        } else {
          retval = -EINPROGRESS;
        }
        break;
      }
      yield* rpm_wait_while(dev, p.runtime_status);
      continue;
    }
    // Without callbacks the parent need not wake if it is already active (or does not care).
    if (p.no_callbacks && !parent && dev.parent) {
      const pp = dev.parent.power;
      if (pp.disable_depth > 0 || pp.ignore_children || pp.runtime_status === 'RPM_ACTIVE') {
        pp.child_count++;
        retval = 1;
        __update_runtime_status(dev, 'RPM_ACTIVE');
        pm_runtime_mark_last_busy(dev);
        rpm_wake(dev);
        rpm_nosleep(rpm_idle(dev, RPM_ASYNC));
        break;
      }
    }
    if (rpmflags & RPM_ASYNC) {
      rpm_queue(dev, RPM_REQ_RESUME);
      retval = 0;
      break;
    }
    if (!parent && dev.parent && !p.irq_safe) {
      // Hold the parent's usage count and resume it unless it ignores its children.
      parent = dev.parent;
      pm_runtime_get_noresume(parent);
      if (!parent.power.disable_depth && !parent.power.ignore_children) {
        yield* rpm_resume(parent, 0);
        if (parent.power.runtime_status !== 'RPM_ACTIVE') retval = -EBUSY;
      }
      if (retval) break;
      continue;
    }
    // skip_parent:
    if (!p.no_callbacks) {
      __update_runtime_status(dev, 'RPM_RESUMING');
      retval = yield* rpm_callback(rpm_get_callback(dev, 'runtime_resume'), dev);
    }
    if (retval) {
      __update_runtime_status(dev, 'RPM_SUSPENDED');
      pm_runtime_cancel_pending(dev);
    } else {
      __update_runtime_status(dev, 'RPM_ACTIVE');
      pm_runtime_mark_last_busy(dev);
      if (parent) parent.power.child_count++;
    }
    rpm_wake(dev);
    if (retval >= 0) rpm_nosleep(rpm_idle(dev, RPM_ASYNC));
    break;
  }
  if (parent && !p.irq_safe) pm_runtime_put(parent);
  trace_rpm_return_int(dev, 'rpm_resume', retval);
  return retval;
}

/** pm_runtime_work(): pm_wq runs the queued request. */
function* pm_runtime_work(dev: device): KGen<void> {
  const p = dev.power;
  if (!p.request_pending) return;
  const req = p.request;
  p.request = RPM_REQ_NONE;
  p.request_pending = false;
  if (req === RPM_REQ_IDLE) yield* rpm_idle(dev, RPM_NOWAIT);
  else if (req === RPM_REQ_SUSPEND) yield* rpm_suspend(dev, RPM_NOWAIT);
  else if (req === RPM_REQ_AUTOSUSPEND) yield* rpm_suspend(dev, RPM_NOWAIT | RPM_AUTO);
  else if (req === RPM_REQ_RESUME) yield* rpm_resume(dev, RPM_NOWAIT);
}

/** pm_suspend_timer_fn(): the autosuspend (or pm_schedule_suspend) timer ran out. */
function pm_suspend_timer_fn(dev: device): void {
  const p = dev.power;
  const expires = p.timer_expires;
  // Linux tests `expires < now`; virtual time fires the timer exactly at `expires`.
  if (expires > 0 && expires <= ktime_get()) {
    p.timer_expires = 0;
    rpm_nosleep(rpm_suspend(dev, p.timer_autosuspends ? (RPM_ASYNC | RPM_AUTO) : RPM_ASYNC));
  }
}

/** rpm_drop_usage_count(): the new count, or -EINVAL (with a warning) on underflow. */
function rpm_drop_usage_count(dev: device): number {
  if (dev.power.usage_count > 0) return --dev.power.usage_count;
  pm_dev_printk('warn', dev, 'Runtime PM usage count underflow!');
  return -EINVAL;
}

/** Whether a GET_PUT drop leaves the device in use (`true`), or the error to return. */
function rpm_put(dev: device, rpmflags: number): number | null {
  if (!(rpmflags & RPM_GET_PUT)) return null;
  const r = rpm_drop_usage_count(dev);
  if (r < 0) return r;
  if (r > 0) { trace_rpm('rpm_usage', dev, rpmflags); return 0; }
  return null;
}

export function* __pm_runtime_idle(dev: device, rpmflags: number): KGen<number> {
  return rpm_put(dev, rpmflags) ?? (yield* rpm_idle(dev, rpmflags));
}
export function* __pm_runtime_suspend(dev: device, rpmflags: number): KGen<number> {
  return rpm_put(dev, rpmflags) ?? (yield* rpm_suspend(dev, rpmflags));
}
export function* __pm_runtime_resume(dev: device, rpmflags: number): KGen<number> {
  if (rpmflags & RPM_GET_PUT) dev.power.usage_count++;
  return yield* rpm_resume(dev, rpmflags);
}

// ---- the API of include/linux/pm_runtime.h ----------------------------------

/**
 * pm_runtime_init(): runtime PM of a new device, disabled and suspended with nothing pending. Each field is set on
 * dev.power: a copy of it by spread with two dozen more fields took V8 about 20 us a device, most of a PCI scan.
 */
export function pm_runtime_init(dev: device): void {
  const p = dev.power;
  p.runtime_status = 'RPM_SUSPENDED'; p.last_status = 'RPM_INVALID'; p.idle_notification = false; p.disable_depth = 1;
  p.usage_count = 0; p.runtime_error = 0; p.child_count = 0; p.ignore_children = false; p.runtime_auto = true;
  p.no_callbacks = false; p.irq_safe = false; p.use_autosuspend = false; p.timer_autosuspends = false;
  p.autosuspend_delay = 0; p.last_busy = 0; p.request_pending = false; p.request = RPM_REQ_NONE; p.deferred_resume = false;
  p.timer_expires = 0; p.active_time = 0; p.suspended_time = 0; p.accounting_timestamp = 0; p.needs_force_resume = false;
  p.work = INIT_WORK(() => pm_runtime_work(dev));
  p.timer = hrtimer_create(`pm_suspend_timer:${dev.kobj.name}`, () => pm_suspend_timer_fn(dev));
  p.wait_queue = new wait_queue_head();
}

export const pm_runtime_get_noresume = (dev: device): void => { dev.power.usage_count++; };
export const pm_runtime_put_noidle = (dev: device): void => { if (dev.power.usage_count > 0) dev.power.usage_count--; };
export const pm_runtime_mark_last_busy = (dev: device): void => { dev.power.last_busy = ktime_get(); };
export const pm_suspend_ignore_children = (dev: device, enable: boolean): void => { dev.power.ignore_children = enable; };
export const pm_runtime_enabled = (dev: device): boolean => !dev.power.disable_depth;
export const pm_runtime_suspended = (dev: device): boolean => dev.power.runtime_status === 'RPM_SUSPENDED' && !dev.power.disable_depth;
export const pm_runtime_active = (dev: device): boolean => dev.power.runtime_status === 'RPM_ACTIVE' || dev.power.disable_depth > 0;

// Asynchronous requests: never sleep.
export const pm_request_idle = (dev: device): number => rpm_nosleep(__pm_runtime_idle(dev, RPM_ASYNC));
export const pm_request_resume = (dev: device): number => rpm_nosleep(__pm_runtime_resume(dev, RPM_ASYNC));
export const pm_request_autosuspend = (dev: device): number => rpm_nosleep(__pm_runtime_suspend(dev, RPM_ASYNC | RPM_AUTO));
export const pm_runtime_get = (dev: device): number => rpm_nosleep(__pm_runtime_resume(dev, RPM_GET_PUT | RPM_ASYNC));
export const pm_runtime_put = (dev: device): number => rpm_nosleep(__pm_runtime_idle(dev, RPM_GET_PUT | RPM_ASYNC));
export const pm_runtime_put_autosuspend = (dev: device): number => rpm_nosleep(__pm_runtime_suspend(dev, RPM_GET_PUT | RPM_ASYNC | RPM_AUTO));

// Synchronous calls: may run the callbacks, so they may sleep.
export const pm_runtime_idle = (dev: device): KGen<number> => __pm_runtime_idle(dev, 0);
export const pm_runtime_suspend = (dev: device): KGen<number> => __pm_runtime_suspend(dev, 0);
export const pm_runtime_autosuspend = (dev: device): KGen<number> => __pm_runtime_suspend(dev, RPM_AUTO);
export const pm_runtime_resume = (dev: device): KGen<number> => __pm_runtime_resume(dev, 0);
export const pm_runtime_get_sync = (dev: device): KGen<number> => __pm_runtime_resume(dev, RPM_GET_PUT);
export const pm_runtime_put_sync = (dev: device): KGen<number> => __pm_runtime_idle(dev, RPM_GET_PUT);
export const pm_runtime_put_sync_suspend = (dev: device): KGen<number> => __pm_runtime_suspend(dev, RPM_GET_PUT);
export const pm_runtime_put_sync_autosuspend = (dev: device): KGen<number> => __pm_runtime_suspend(dev, RPM_GET_PUT | RPM_AUTO);

/** pm_runtime_resume_and_get(): like get_sync, but the usage count is dropped again on failure. */
export function* pm_runtime_resume_and_get(dev: device): KGen<number> {
  const ret = yield* __pm_runtime_resume(dev, RPM_GET_PUT);
  if (ret < 0) { pm_runtime_put_noidle(dev); return ret; }
  return 0;
}

/** pm_schedule_suspend(): a suspend after `delay` ms by the suspend timer (at once, queued, when 0); other requests go. */
export function pm_schedule_suspend(dev: device, delay: number): number {
  if (!delay) return rpm_nosleep(rpm_suspend(dev, RPM_ASYNC));
  const retval = rpm_check_suspend_allowed(dev);
  if (retval) return retval;
  pm_runtime_cancel_pending(dev);
  const p = dev.power;
  p.timer_expires = ktime_get() + delay * NSEC_PER_MSEC;
  p.timer_autosuspends = false;
  if (p.timer) hrtimer_start(p.timer, p.timer_expires);
  return 0;
}

/** pm_runtime_barrier(): a pending resume is carried out (1), then no request or timer is left and no transition runs. */
export function* pm_runtime_barrier(dev: device): KGen<number> {
  const p = dev.power;
  let retval = 0;
  pm_runtime_get_noresume(dev);
  if (p.request_pending && p.request === RPM_REQ_RESUME) { yield* rpm_resume(dev, 0); retval = 1; }
  // __pm_runtime_barrier(): requests and the timer go, and a suspend or resume under way is waited for.
  pm_runtime_cancel_pending(dev);
  p.request_pending = false;
  if (p.runtime_status === 'RPM_SUSPENDING' || p.runtime_status === 'RPM_RESUMING') yield* rpm_wait_while(dev, p.runtime_status);
  pm_runtime_put_noidle(dev);
  return retval;
}

/** __pm_runtime_set_status(): sets the status while runtime PM is disabled, keeping the parent's child count right. */
export function __pm_runtime_set_status(dev: device, status: 'RPM_ACTIVE' | 'RPM_SUSPENDED'): number {
  const p = dev.power;
  const parent = dev.parent;
  let notify_parent = false;
  let error = 0;
  if (!p.runtime_error && !p.disable_depth) return -EAGAIN;
  if (p.runtime_status !== status && parent) {
    if (status === 'RPM_SUSPENDED') {
      if (parent.power.child_count > 0) parent.power.child_count--;
      notify_parent = !parent.power.ignore_children;
    } else if (!parent.power.disable_depth && !parent.power.ignore_children && parent.power.runtime_status !== 'RPM_ACTIVE') {
      pm_dev_printk('err', dev, `runtime PM trying to activate child device ${dev.kobj.name} but parent (${parent.kobj.name}) is not active`);
      error = -EBUSY;
    } else if (p.runtime_status === 'RPM_SUSPENDED') {
      parent.power.child_count++;
    }
  }
  if (!error) {
    __update_runtime_status(dev, status);
    p.runtime_error = 0;
  }
  if (notify_parent && parent) pm_request_idle(parent);
  return error;
}
export const pm_runtime_set_active = (dev: device): number => __pm_runtime_set_status(dev, 'RPM_ACTIVE');
export const pm_runtime_set_suspended = (dev: device): number => __pm_runtime_set_status(dev, 'RPM_SUSPENDED');

export function pm_runtime_enable(dev: device): void {
  const p = dev.power;
  if (!p.disable_depth) { pm_dev_printk('warn', dev, 'Unbalanced pm_runtime_enable!'); return; }
  if (--p.disable_depth > 0) return;
  p.last_status = 'RPM_INVALID';
  p.accounting_timestamp = ktime_get();
  if (p.runtime_status === 'RPM_SUSPENDED' && !p.ignore_children && p.child_count > 0) {
    pm_dev_printk('warn', dev, 'Enabling runtime PM for inactive device with active children');
  }
}

/** __pm_runtime_disable(): a pending resume is carried out first; then nothing runs until enabled again. */
export function* __pm_runtime_disable(dev: device, check_resume: boolean): KGen<void> {
  const p = dev.power;
  if (p.disable_depth > 0) { p.disable_depth++; return; }
  if (check_resume && p.request_pending && p.request === RPM_REQ_RESUME) {
    pm_runtime_get_noresume(dev);
    yield* rpm_resume(dev, 0);
    pm_runtime_put_noidle(dev);
  }
  update_pm_runtime_accounting(dev);
  if (!p.disable_depth++) {
    // __pm_runtime_barrier(): requests and the timer go.
    pm_runtime_cancel_pending(dev);
    p.request_pending = false;
    p.last_status = p.runtime_status;
  }
}
export const pm_runtime_disable = (dev: device): KGen<void> => __pm_runtime_disable(dev, true);

/** pm_runtime_forbid(): "control" = on; the device is resumed and held active. */
export function* pm_runtime_forbid(dev: device): KGen<void> {
  if (!dev.power.runtime_auto) return;
  dev.power.runtime_auto = false;
  dev.power.usage_count++;
  yield* rpm_resume(dev, 0);
}

/** pm_runtime_allow(): "control" = auto; drops forbid's usage count and lets the device idle. */
export function pm_runtime_allow(dev: device): void {
  if (dev.power.runtime_auto) return;
  dev.power.runtime_auto = true;
  const ret = rpm_drop_usage_count(dev);
  if (ret === 0) rpm_nosleep(rpm_idle(dev, RPM_AUTO | RPM_ASYNC));
  else if (ret > 0) trace_rpm('rpm_usage', dev, RPM_AUTO | RPM_ASYNC);
}

/** pm_runtime_no_callbacks(): the device has no runtime PM callbacks (its power/ lacks the runtime files). */
export function pm_runtime_no_callbacks(dev: device): void { dev.power.no_callbacks = true; }

/** pm_runtime_irq_safe(): callbacks run in atomic context; the parent is held active for good. */
export function* pm_runtime_irq_safe(dev: device): KGen<void> {
  if (dev.parent) yield* pm_runtime_get_sync(dev.parent);
  dev.power.irq_safe = true;
}

/** update_autosuspend(): a negative delay with autosuspend on holds a usage count, as forbid does. */
function* update_autosuspend(dev: device, old_delay: number, old_use: boolean): KGen<void> {
  const p = dev.power;
  if (p.use_autosuspend && p.autosuspend_delay < 0) {
    if (!old_use || old_delay >= 0) {
      p.usage_count++;
      yield* rpm_resume(dev, 0);
    }
  } else {
    if (old_use && old_delay < 0) p.usage_count--;
    yield* rpm_idle(dev, RPM_AUTO);
  }
}

export function* pm_runtime_set_autosuspend_delay(dev: device, delay: number): KGen<void> {
  const old_delay = dev.power.autosuspend_delay, old_use = dev.power.use_autosuspend;
  dev.power.autosuspend_delay = delay;
  yield* update_autosuspend(dev, old_delay, old_use);
}

export function* __pm_runtime_use_autosuspend(dev: device, use: boolean): KGen<void> {
  const old_delay = dev.power.autosuspend_delay, old_use = dev.power.use_autosuspend;
  dev.power.use_autosuspend = use;
  yield* update_autosuspend(dev, old_delay, old_use);
}
export const pm_runtime_use_autosuspend = (dev: device): KGen<void> => __pm_runtime_use_autosuspend(dev, true);
export const pm_runtime_dont_use_autosuspend = (dev: device): KGen<void> => __pm_runtime_use_autosuspend(dev, false);

/** pm_runtime_remove(): device_del disables runtime PM and, via pm_runtime_reinit(), marks the device suspended so its parent no longer counts it. */
export function* pm_runtime_remove(dev: device): KGen<void> {
  yield* __pm_runtime_disable(dev, false);
  if (pm_runtime_enabled(dev)) return;
  if (dev.power.runtime_status === 'RPM_ACTIVE') pm_runtime_set_suspended(dev);
  if (dev.power.irq_safe) {
    dev.power.irq_safe = false;
    if (dev.parent) pm_runtime_put(dev.parent);
  }
}

/** pm_runtime_need_not_resume(): nobody but the PM core holds the device and no child is active. */
const pm_runtime_need_not_resume = (dev: device): boolean =>
  dev.power.usage_count <= 1 && (dev.power.child_count === 0 || dev.power.ignore_children);

/** pm_runtime_force_suspend(): a system suspend callback for drivers whose runtime_suspend does the job (DEFINE_RUNTIME_DEV_PM_OPS). */
export function* pm_runtime_force_suspend(dev: device): KGen<number> {
  yield* pm_runtime_disable(dev);
  if (dev.power.runtime_status === 'RPM_SUSPENDED') return 0;
  const cb = rpm_get_callback(dev, 'runtime_suspend');
  const ret = cb ? yield* call_maybe_gen(cb(dev)) : 0;
  if (ret) {
    pm_runtime_enable(dev);
    return ret;
  }
  if (pm_runtime_need_not_resume(dev)) {
    pm_runtime_set_suspended(dev);
  } else {
    __update_runtime_status(dev, 'RPM_SUSPENDED');
    dev.power.needs_force_resume = true;
  }
  return 0;
}

/** pm_runtime_force_resume(): resumes only what force_suspend left needing it; the rest resumes at its next use. */
export function* pm_runtime_force_resume(dev: device): KGen<number> {
  let ret = 0;
  if (dev.power.runtime_status === 'RPM_SUSPENDED' && dev.power.needs_force_resume) {
    __update_runtime_status(dev, 'RPM_ACTIVE');
    const cb = rpm_get_callback(dev, 'runtime_resume');
    ret = cb ? yield* call_maybe_gen(cb(dev)) : 0;
    if (ret) pm_runtime_set_suspended(dev);
    else pm_runtime_mark_last_busy(dev);
  }
  dev.power.needs_force_resume = false;
  pm_runtime_enable(dev);
  return ret;
}
