// Models linux/drivers/base/dd.c: binding drivers to devices (really_probe and its unwinding) under device_lock, device_attach/driver_attach, release, and deferred probing from a workqueue.
import type { KGen } from '../../include/linux/sched.ts';
import { EBUSY, ENODEV, ENXIO, EPROBE_DEFER, EAGAIN } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { mutex_lock, mutex_unlock } from '../../kernel/locking/mutex.ts';
import { INIT_WORK, queue_work, system_unbound_wq, type work_struct } from '../../kernel/workqueue.ts';
import { pr_warn, pr_debug } from '../../kernel/printk/printk.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import { ktime_get } from '../../kernel/time/timekeeping.ts';
import { kobject_uevent, KOBJ_BIND, KOBJ_UNBIND } from '../../lib/kobject_uevent.ts';
import { kobject_owner_push, kobject_owner_pop, kobject_report_leaks } from '../../lib/kobject.ts';
import { sysfs_create_link, sysfs_remove_link } from '../../fs/sysfs/symlink.ts';
import { type device, type device_driver, call_maybe_gen } from './base.ts';
import { dev_name, dev_dbg, dev_crit, dev_err, device_add_groups, get_device, put_device } from './core.ts';
import { devres_release_all } from './devres.ts';
import { bus_p, drv_p, bus_for_each_drv, bus_for_each_dev } from './private.ts';
import { device_links_check_suppliers, device_links_driver_bound, device_links_no_driver, device_links_unbind_consumers, device_links_driver_cleanup } from './devlink.ts';

interface DeferredState {
  pending: device[];
  active: device[];
  trigger_count: number;
  /** false until late_initcall: before it, a trigger only counts (driver_deferred_probe_enable). */
  enable: boolean;
  work: work_struct;
  defer_all_probes: boolean;
}
const ddState = defineState<DeferredState>('dd', () => ({
  pending: [], active: [], trigger_count: 0, enable: false, work: INIT_WORK(deferred_probe_work_func), defer_all_probes: false,
}));

function trace(name: import('../../kernel/trace/events.ts').InstantName<'device'>, dev: device, drv: device_driver | null, extra: { step?: string; ret?: number; state?: string; duration_ns?: number } = {}): void {
  trace_event('device', name, { dev: dev_name(dev), driver: drv?.name ?? null, bus: dev.bus?.name ?? null, ...extra });
}

// ---- device_lock ----------------------------------------------------------------

/**
 * device_lock (include/linux/device.h): the per-device sleeping mutex held around probe,
 * remove and the sysfs bind/unbind stores, so that an unbind issued while a probe
 * sleeps waits for that probe to finish.
 */
export function* device_lock(dev: device): KGen<void> { yield* mutex_lock(dev.mutex); }
export function device_unlock(dev: device): void { mutex_unlock(dev.mutex); }

/** Runs `g` holding the device's lock (__device_driver_lock; no bus here needs the parent's lock too). */
function* locked<R>(dev: device, g: KGen<R>): KGen<R> {
  yield* device_lock(dev);
  try { return yield* g; } finally { device_unlock(dev); }
}

// ---- deferred probe -----------------------------------------------------------

export function driver_deferred_probe_add(dev: device): void {
  const st = ddState();
  dev.probe_state = 'deferred';
  if (dev.p) dev.p.deferred = true;
  if (!st.pending.includes(dev) && !st.active.includes(dev)) {
    dev_dbg(dev, 'Added to deferred list');
    st.pending.push(dev);
    trace('probe_deferred', dev, null);
  }
}

export function driver_deferred_probe_del(dev: device): void {
  const st = ddState();
  st.pending = st.pending.filter((d) => d !== dev);
  st.active = st.active.filter((d) => d !== dev);
  if (dev.p) dev.p.deferred = false;
}

/**
 * A driver bound, so whatever waited for it may now probe: every pending device moves
 * to the active list and the deferred-probe work is queued (driver_deferred_probe_trigger).
 * Linux queues it even with nothing to retry; here an empty list queues nothing, so a
 * machine without deferred devices starts no worker for it.
 */
export function driver_deferred_probe_trigger(): void {
  const st = ddState();
  if (!st.enable) return;
  st.trigger_count++;
  st.active.push(...st.pending.filter((d) => !st.active.includes(d)));
  st.pending = [];
  if (st.active.length) queue_work(system_unbound_wq(), st.work);
}

export function deferred_devices(): device[] {
  const st = ddState();
  return [...st.active, ...st.pending];
}

/** The deferred_probe_work, in a kworker: each device on the active list tries its drivers again (bus_probe_device). */
function* deferred_probe_work_func(): KGen<void> {
  const st = ddState();
  while (st.active.length) {
    const dev = st.active.shift()!;
    if (!get_device(dev)) continue;
    dev_dbg(dev, 'Retrying from deferred list');
    trace('probe_retry', dev, null);
    if (dev.bus && bus_p(dev.bus)?.drivers_autoprobe) yield* __device_attach(dev);
    put_device(dev);
  }
}

/**
 * late_initcall(deferred_probe_initcall): from now on a trigger queues the work; everything
 * deferred so far is retried. Linux then flush_work()s; initcalls here cannot sleep, and the
 * scheduling point after the late level runs the kworker before init starts.
 */
function deferred_probe_initcall(): number {
  ddState().enable = true;
  driver_deferred_probe_trigger();
  return 0;
}

export const initcalls: initcall_entry[] = [['late', 'deferred_probe_initcall', deferred_probe_initcall, 5_000]];

// ---- binding -----------------------------------------------------------------

function driver_sysfs_add(dev: device): number {
  const p = drv_p(dev.driver!)!;
  let r = sysfs_create_link(p.kobj, dev.kobj, dev_name(dev));
  if (r) return r;
  r = sysfs_create_link(dev.kobj, p.kobj, 'driver');
  if (r) sysfs_remove_link(p.kobj, dev_name(dev));
  return r;
}

function driver_sysfs_remove(dev: device): void {
  const p = dev.driver ? drv_p(dev.driver) : null;
  if (!p) return;
  sysfs_remove_link(p.kobj, dev_name(dev));
  sysfs_remove_link(dev.kobj, 'driver');
}

function owner_tag(drv: device_driver, dev: device): string { return `driver:${drv.name}:${dev_name(dev)}`; }

function* call_driver_probe(dev: device, drv: device_driver): KGen<number> {
  let ret = 0;
  kobject_owner_push(owner_tag(drv, dev));
  try {
    if (dev.bus?.probe) ret = yield* call_maybe_gen(dev.bus.probe(dev));
    else if (drv.probe) ret = yield* call_maybe_gen(drv.probe(dev));
  } finally { kobject_owner_pop(); }
  if (ret === 0) return 0;
  if (ret === -EPROBE_DEFER) dev_dbg(dev, `Driver ${drv.name} requests probe deferral`);
  else if (ret === -ENODEV || ret === -ENXIO) pr_debug(`${drv.name}: probe of ${dev_name(dev)} rejects match ${ret}`);
  else pr_warn(`${drv.name}: probe of ${dev_name(dev)} failed with error ${ret}`);
  return ret;
}

function* device_remove(dev: device): KGen<void> {
  const drv = dev.driver;
  if (!drv) return;
  kobject_owner_push(owner_tag(drv, dev));
  try {
    if (dev.bus?.remove) yield* call_maybe_gen(dev.bus.remove(dev));
    else if (drv.remove) yield* call_maybe_gen(drv.remove(dev));
  } finally { kobject_owner_pop(); }
}

/** What is left once a driver lets go (device_unbind_cleanup): devres released in reverse, no driver, no drvdata. */
function device_unbind_cleanup(dev: device): void {
  devres_release_all(dev);
  dev.driver = null;
  dev.driver_data = null;
}

/** Records the device as bound (driver_bound): lists, links, BIND uevent, and a retry of the deferred. */
function driver_bound(dev: device): void {
  const drv = dev.driver!;
  const p = drv_p(drv);
  if (p && !p.klist_devices.includes(dev)) p.klist_devices.push(dev);
  pr_debug(`driver: '${drv.name}': driver_bound: bound to device '${dev_name(dev)}'`);
  device_links_driver_bound(dev);
  driver_deferred_probe_del(dev);
  dev.probe_state = 'bound';
  dev.probe_err = 0;
  driver_deferred_probe_trigger();
  kobject_uevent(dev.kobj, KOBJ_BIND);
}

/**
 * Probes `drv` on `dev` as really_probe does, step by step, unwinding in
 * reverse on failure. Probe errors come back positive (6.1's convention).
 */
export function* really_probe(dev: device, drv: device_driver): KGen<number> {
  const st = ddState();
  const start = ktime_get();
  trace('probe_start', dev, drv);
  const step = (name: string): void => trace('probe_step', dev, drv, { step: name });
  const finish = (ret: number): number => {
    trace('probe_end', dev, drv, { ret, state: dev.probe_state, duration_ns: ktime_get() - start });
    return ret;
  };
  if (st.defer_all_probes) { dev_dbg(dev, 'Driver ' + drv.name + ' force probe deferral'); return finish(-EPROBE_DEFER); }
  step('device_links_check_suppliers');
  const link_ret = device_links_check_suppliers(dev);
  if (link_ret === -EPROBE_DEFER) return finish(link_ret);
  pr_debug(`bus: '${dev.bus?.name ?? ''}': really_probe: probing driver ${drv.name} with device ${dev_name(dev)}`);
  if (dev.devres_head.length) {
    dev_crit(dev, 'Resources present before probing');
    return finish(-EBUSY);
  }
  dev.probe_state = 'probing';
  dev.driver = drv;
  step('driver_sysfs_add');
  let ret = driver_sysfs_add(dev);
  if (ret) {
    pr_warn(`really_probe: driver_sysfs_add(${dev_name(dev)}) failed`);
    step('unwind:device_unbind_cleanup');
    device_links_no_driver(dev);
    device_unbind_cleanup(dev);
    return finish(failed(dev, drv, ret));
  }
  step('call_driver_probe');
  ret = yield* call_driver_probe(dev, drv);
  let dev_groups_failed = false;
  if (!ret) {
    step('device_add_groups');
    const g = device_add_groups(dev, drv.dev_groups);
    if (g) { dev_err(dev, 'device_add_groups() failed'); ret = g; dev_groups_failed = true; }
  }
  if (!ret) {
    step('driver_bound');
    driver_bound(dev);
    return finish(0);
  }
  // Unwind in reverse order of what was set up.
  if (dev_groups_failed) { step('unwind:device_remove'); yield* device_remove(dev); }
  step('unwind:driver_sysfs_remove');
  driver_sysfs_remove(dev);
  step('unwind:device_links_no_driver');
  device_links_no_driver(dev);
  step('unwind:device_unbind_cleanup');
  device_unbind_cleanup(dev);
  kobject_report_leaks(owner_tag(drv, dev), `driver '${drv.name}' whose probe of '${dev_name(dev)}' failed`);
  if (link_ret === -EAGAIN) ret = -EPROBE_DEFER;
  return finish(failed(dev, drv, ret));
}

function failed(dev: device, _drv: device_driver, ret: number): number {
  if (ret === -EPROBE_DEFER) { dev.probe_state = 'deferred'; return EPROBE_DEFER; }
  dev.probe_state = ret === -ENODEV || ret === -ENXIO ? 'unbound' : 'failed';
  dev.probe_err = -ret;
  return -ret;
}

/** __driver_probe_device: refuses dead, unregistered or already bound devices. */
function* __driver_probe_device(drv: device_driver, dev: device): KGen<number> {
  if (dev.p?.dead || !dev.kobj.state_in_sysfs) return -ENODEV;
  if (dev.driver) return -EBUSY;
  dev.can_match = true;
  return yield* really_probe(dev, drv);
}

export function* driver_probe_device(drv: device_driver, dev: device): KGen<number> {
  const st = ddState();
  const trigger_count = st.trigger_count;
  const ret = yield* __driver_probe_device(drv, dev);
  if (ret === -EPROBE_DEFER || ret === EPROBE_DEFER) {
    driver_deferred_probe_add(dev);
    if (trigger_count !== st.trigger_count && !st.defer_all_probes) driver_deferred_probe_trigger();
  }
  return ret;
}

export function driver_match_device(drv: device_driver, dev: device): number {
  return dev.bus?.match ? dev.bus.match(dev, drv) : 1;
}

/** Tries each driver of the bus on a device until one binds, holding the device's lock (__device_attach). Returns 1 when bound. */
export function* __device_attach(dev: device): KGen<number> {
  return yield* locked(dev, __device_attach_locked(dev));
}

function* __device_attach_locked(dev: device): KGen<number> {
  if (dev.p?.dead) return 0;
  if (dev.driver) return 1;
  if (!dev.bus) return 0;
  for (const drv of bus_for_each_drv(dev.bus)) {
    const m = driver_match_device(drv, dev);
    if (m === 0) continue;
    if (m === -EPROBE_DEFER) { dev_dbg(dev, 'Device match requests probe deferral'); dev.can_match = true; driver_deferred_probe_add(dev); return m; }
    if (m < 0) { dev_dbg(dev, `Bus failed to match device: ${m}`); return m; }
    const ret = yield* driver_probe_device(drv, dev);
    if (ret < 0) return ret;
    if (ret === 0) return 1;
  }
  return 0;
}

export function* device_attach(dev: device): KGen<number> { return yield* __device_attach(dev); }
export function* device_initial_probe(dev: device): KGen<void> { yield* __device_attach(dev); }

/** A new driver tries every device on its bus, each under its device's lock (driver_attach / __driver_attach). */
export function* driver_attach(drv: device_driver): KGen<number> {
  for (const dev of bus_for_each_dev(drv.bus!)) {
    const m = driver_match_device(drv, dev);
    if (m === 0) continue;
    // A deferral or a failed match concerns this device only: the driver may still match another.
    if (m === -EPROBE_DEFER) { dev_dbg(dev, 'Device match requests probe deferral'); dev.can_match = true; driver_deferred_probe_add(dev); continue; }
    if (m < 0) { dev_dbg(dev, `Bus failed to match device: ${m}`); continue; }
    yield* locked(dev, driver_probe_device(drv, dev));
  }
  return 0;
}

/** Binding through sysfs: probe errors come back as negative errnos, deferral as -EAGAIN (device_driver_attach). */
export function* device_driver_attach(drv: device_driver, dev: device): KGen<number> {
  let ret = yield* locked(dev, __driver_probe_device(drv, dev));
  if (ret > 0) ret = -ret;
  if (ret === -EPROBE_DEFER) { driver_deferred_probe_add(dev); return -EAGAIN; }
  return ret;
}

export function* bus_rescan_devices_helper(dev: device): KGen<number> {
  if (dev.driver) return 0;
  const r = yield* device_attach(dev);
  return r < 0 ? r : 0;
}

/** Unbinds: consumers first, links, remove(), devres in reverse, UNBIND uevent (__device_release_driver). */
function* __device_release_driver(dev: device): KGen<void> {
  const drv = dev.driver;
  if (!drv) {
    driver_deferred_probe_del(dev);
    return;
  }
  trace('unbind_start', dev, drv);
  yield* device_links_unbind_consumers(dev);
  driver_sysfs_remove(dev);
  yield* device_remove(dev);
  device_links_driver_cleanup(dev);
  device_unbind_cleanup(dev);
  const p = drv_p(drv);
  if (p) p.klist_devices = p.klist_devices.filter((d) => d !== dev);
  dev.probe_state = 'unbound';
  kobject_uevent(dev.kobj, KOBJ_UNBIND);
  kobject_report_leaks(owner_tag(drv, dev), `driver '${drv.name}' unbinding from '${dev_name(dev)}'`);
  trace('unbind_end', dev, drv);
}

/** Unbinds `dev` under its lock, if `drv` (when given) is still its driver once the lock is held (device_release_driver_internal). */
function* device_release_driver_internal(dev: device, drv: device_driver | null): KGen<void> {
  yield* locked(dev, (function* () { if (!drv || drv === dev.driver) yield* __device_release_driver(dev); })());
}

export function* device_release_driver(dev: device): KGen<void> {
  yield* device_release_driver_internal(dev, null);
}

/** The sysfs unbind: waits for a probe in progress (it holds the lock), then unbinds. */
export function* device_driver_detach(dev: device): KGen<void> {
  yield* device_release_driver_internal(dev, null);
}

/** A driver going away lets go of each device it still drives (driver_detach). */
export function* driver_detach(drv: device_driver): KGen<void> {
  for (const dev of (drv_p(drv)?.klist_devices ?? []).slice().reverse()) {
    if (!get_device(dev)) continue;
    yield* device_release_driver_internal(dev, drv);
    put_device(dev);
  }
}

export function* device_reprobe(dev: device): KGen<number> {
  if (dev.driver) yield* device_driver_detach(dev);
  return yield* bus_rescan_devices_helper(dev);
}

export function defer_all_probes(on: boolean): void { ddState().defer_all_probes = on; }
