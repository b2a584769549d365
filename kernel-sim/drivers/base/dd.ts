// Models linux/drivers/base/dd.c: binding drivers to devices (really_probe and its unwinding), device_attach/driver_attach, release, and deferred probing.
import type { KGen } from '../../include/linux/sched.ts';
import { EBUSY, ENODEV, ENXIO, EPROBE_DEFER, EAGAIN } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { pr_warn, pr_debug } from '../../kernel/printk/printk.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import { ktime_get } from '../../kernel/time/timekeeping.ts';
import { kobject_uevent, KOBJ_BIND, KOBJ_UNBIND } from '../../lib/kobject_uevent.ts';
import { kobject_owner_push, kobject_owner_pop, kobject_report_leaks } from '../../lib/kobject.ts';
import { sysfs_create_link, sysfs_remove_link } from '../../fs/sysfs/symlink.ts';
import { type device, type device_driver, call_maybe_gen } from './base.ts';
import { dev_name, dev_dbg, dev_crit, dev_err, device_add_groups, get_device, put_device } from './core.ts';
import { bus_for_each_drv, bus_for_each_dev } from './bus.ts';
import { devres_release_all } from './devres.ts';
import { device_links_check_suppliers, device_links_driver_bound, device_links_no_driver, device_links_unbind_consumers, device_links_driver_cleanup } from './devlink.ts';

interface DeferredState {
  pending: device[];
  active: device[];
  trigger_count: number;
  work_queued: boolean;
  depth: number;
  defer_all_probes: boolean;
}
const ddState = defineState<DeferredState>('dd', () => ({ pending: [], active: [], trigger_count: 0, work_queued: false, depth: 0, defer_all_probes: false }));

function trace(name: import('../../kernel/trace/events.ts').InstantName<'device'>, dev: device, drv: device_driver | null, extra: { step?: string; ret?: number; state?: string; duration_ns?: number } = {}): void {
  trace_event('device', name, { dev: dev_name(dev), driver: drv?.name ?? null, bus: dev.bus?.name ?? null, ...extra });
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

/** Moves every pending device to the active list and queues the retry (driver_deferred_probe_trigger). */
export function driver_deferred_probe_trigger(): void {
  const st = ddState();
  st.active.push(...st.pending.filter((d) => !st.active.includes(d)));
  st.pending = [];
  st.trigger_count++;
  if (st.active.length) st.work_queued = true;
}

export function deferred_devices(): device[] {
  const st = ddState();
  return [...st.active, ...st.pending];
}

/** The deferred_probe_work: each device on the active list tries its drivers again. */
function* deferred_probe_work_func(): KGen<void> {
  const st = ddState();
  while (st.active.length) {
    const dev = st.active.shift()!;
    if (!get_device(dev)) continue;
    dev_dbg(dev, 'Retrying from deferred list');
    trace('probe_retry', dev, null);
    if (!dev.p?.dead && !dev.driver) yield* __device_attach(dev);
    put_device(dev);
  }
}

/**
 * Runs a top-level driver-core operation, then the deferred-probe work it
 * queued, as the system workqueue would once the caller lets go.
 */
export function* with_deferred_flush<R>(g: KGen<R>): KGen<R> {
  const st = ddState();
  st.depth++;
  let r: R;
  try { r = yield* g; } finally { st.depth--; }
  if (st.depth === 0) {
    while (st.work_queued) {
      st.work_queued = false;
      st.depth++;
      try { yield* deferred_probe_work_func(); } finally { st.depth--; }
    }
  }
  return r;
}

// ---- binding -----------------------------------------------------------------

function driver_sysfs_add(dev: device): number {
  const drv = dev.driver!;
  let r = sysfs_create_link(drv.p!.kobj, dev.kobj, dev_name(dev));
  if (r) return r;
  r = sysfs_create_link(dev.kobj, drv.p!.kobj, 'driver');
  if (r) sysfs_remove_link(drv.p!.kobj, dev_name(dev));
  return r;
}

function driver_sysfs_remove(dev: device): void {
  const drv = dev.driver;
  if (!drv?.p) return;
  sysfs_remove_link(drv.p.kobj, dev_name(dev));
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
  if (drv.p && !drv.p.klist_devices.includes(dev)) drv.p.klist_devices.push(dev);
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

/** Tries each driver of the bus on a device until one binds (__device_attach). Returns 1 when bound. */
export function* __device_attach(dev: device): KGen<number> {
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

/** A new driver tries every device on its bus (driver_attach / __driver_attach). */
export function* driver_attach(drv: device_driver): KGen<number> {
  for (const dev of bus_for_each_dev(drv.bus!)) {
    const m = driver_match_device(drv, dev);
    if (m === 0) continue;
    if (m === -EPROBE_DEFER) { dev.can_match = true; driver_deferred_probe_add(dev); continue; }
    if (m < 0) return m;
    if (dev.driver) continue;
    yield* driver_probe_device(drv, dev);
  }
  return 0;
}

/** Binding through sysfs: probe errors come back as negative errnos, deferral as -EAGAIN (device_driver_attach). */
export function* device_driver_attach(drv: device_driver, dev: device): KGen<number> {
  let ret = yield* __driver_probe_device(drv, dev);
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
  if (drv.p) drv.p.klist_devices = drv.p.klist_devices.filter((d) => d !== dev);
  dev.probe_state = 'unbound';
  kobject_uevent(dev.kobj, KOBJ_UNBIND);
  kobject_report_leaks(owner_tag(drv, dev), `driver '${drv.name}' unbinding from '${dev_name(dev)}'`);
  trace('unbind_end', dev, drv);
}

export function* device_release_driver(dev: device): KGen<void> {
  yield* __device_release_driver(dev);
}

export function* device_driver_detach(dev: device): KGen<void> {
  yield* __device_release_driver(dev);
}

export function* device_reprobe(dev: device): KGen<number> {
  yield* __device_release_driver(dev);
  return yield* bus_rescan_devices_helper(dev);
}

export function defer_all_probes(on: boolean): void { ddState().defer_all_probes = on; }
