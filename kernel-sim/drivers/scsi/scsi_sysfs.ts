// Models linux/drivers/scsi/scsi_sysfs.c: the scsi bus (hosts, targets and devices on it; upper-level drivers bind devices only), the scsi_host and scsi_device classes, device attributes (vendor, model, rev, type, state ...), the scsi:t-0xNN modalias, and adding and removing a scsi_device.
import type { KGen } from '../../include/linux/sched.ts';
import type { bus_type, class_, device, device_attribute, device_type } from '../base/base.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { device_add, device_alloc, device_del, device_initialize, dev_set_name, put_device } from '../base/core.ts';
import { add_uevent_var } from '../../lib/kobject_uevent.ts';
import { defineState } from '../../kernel/state.ts';
import { type Scsi_Host, type scsi_device, type scsi_target, SDEV_CANCEL, SDEV_DEL, SDEV_RUNNING, sdev_state_names } from './scsi_types.ts';

/** Per-boot mid-layer state: host and sd numbers in use (the host_index_ida and sd_index_ida). */
export const scsiState = defineState('scsi', () => ({ host_ids: new Set<number>(), sd_ids: new Set<number>() }));

/** ida_alloc: the lowest free number of `ids`. */
export function ida_alloc(ids: Set<number>): number {
  let n = 0;
  while (ids.has(n)) n++;
  ids.add(n);
  return n;
}

export const scsi_host_type: device_type = { name: 'scsi_host' };
export const scsi_target_type: device_type = { name: 'scsi_target' };
export const scsi_dev_type: device_type = { name: 'scsi_device' };

export const to_scsi_device = (dev: device): scsi_device => dev.container as scsi_device;
export const scsi_is_sdev_device = (dev: device): boolean => dev.type === scsi_dev_type;

/** scsi_bus_match: only LUNs bind, to any upper-level driver of their type (sd takes what its probe accepts). */
function scsi_bus_match(dev: device): number { return scsi_is_sdev_device(dev) ? 1 : 0; }

/** scsi_bus_uevent: MODALIAS=scsi:t-0x00 for a disk, what sd_mod's alias matches. */
function scsi_bus_uevent(dev: device, env: Parameters<NonNullable<bus_type['uevent']>>[1]): number {
  if (!scsi_is_sdev_device(dev)) return 0;
  return add_uevent_var(env, `MODALIAS=scsi:t-0x${to_scsi_device(dev).type.toString(16).padStart(2, '0')}`);
}

export const scsi_bus_type: bus_type = { name: 'scsi', match: scsi_bus_match, uevent: scsi_bus_uevent };

const shost_of = (dev: device): Scsi_Host => dev.container as Scsi_Host;
const hattr = (name: string, show: (h: Scsi_Host) => string | number): device_attribute => ({ name, mode: 0o444, show: (d) => `${show(shost_of(d))}\n` });
/** The scsi_host class device's attributes (shost_attrs). */
const shost_attrs: device_attribute[] = [
  hattr('unique_id', () => 0), hattr('host_busy', (h) => h.host_busy), hattr('cmd_per_lun', (h) => h.hostt.cmd_per_lun),
  hattr('can_queue', (h) => h.can_queue), hattr('sg_tablesize', (h) => h.hostt.sg_tablesize), hattr('proc_name', (h) => h.hostt.proc_name),
  hattr('state', (h) => (h.shost_state === 2 ? 'running' : 'deleted')), hattr('active_mode', () => 'Initiator'),
];
export const scsi_host_class: class_ = { name: 'scsi_host', dev_groups: [{ attrs: shost_attrs }] };

const sattr = (name: string, show: (s: scsi_device) => string | number): device_attribute => ({ name, mode: 0o444, show: (d) => `${show(to_scsi_device(d))}\n` });
/** scsi_sdev_attrs: what /sys/bus/scsi/devices/H:C:T:L shows. */
const sdev_attrs: device_attribute[] = [
  sattr('type', (s) => s.type), sattr('scsi_level', (s) => s.scsi_level), sattr('vendor', (s) => s.vendor), sattr('model', (s) => s.model),
  sattr('rev', (s) => s.rev), sattr('state', (s) => sdev_state_names[s.sdev_state] ?? 'unknown'), sattr('queue_depth', (s) => s.queue_depth),
  sattr('timeout', () => 30), sattr('device_blocked', () => 0), sattr('iocounterbits', () => 32),
  sattr('queue_type', () => 'none'), sattr('modalias', (s) => `scsi:t-0x${s.type.toString(16).padStart(2, '0')}`),
];
export const scsi_sdev_groups: attribute_group[] = [{ attrs: sdev_attrs }];
export const scsi_device_class: class_ = { name: 'scsi_device' };

/** A device on the scsi bus or in a scsi class, set up as scsi_sysfs_device_initialize does; added later. */
export function scsi_device_init(container: unknown, name: string, parent: device | null, type: device_type | null, cls: class_ | null): device {
  const d = device_alloc(container);
  device_initialize(d);
  d.parent = parent;
  if (type) { d.type = type; d.bus = scsi_bus_type; }
  if (cls) d.class = cls;
  d.release = () => {};
  dev_set_name(d, name);
  return d;
}

/** scsi_target_add: target0:0:0 appears the first time one of its LUNs is added. */
function* scsi_target_add(t: scsi_target): KGen<number> {
  if (t.dev.kobj.state_in_sysfs) return 0;
  return yield* device_add(t.dev);
}

/** scsi_sysfs_add_sdev: the target, the LUN on the scsi bus (an upper-level driver may probe it now), then its class device. */
export function* scsi_sysfs_add_sdev(sdev: scsi_device): KGen<number> {
  let r = yield* scsi_target_add(sdev.sdev_target);
  if (r) return r;
  sdev.sdev_state = SDEV_RUNNING;
  r = yield* device_add(sdev.sdev_gendev);
  if (r) return r;
  return yield* device_add(sdev.sdev_dev);
}

/** __scsi_remove_device: cancel (only power management passes), the class device, the LUN (its driver is unbound: sd's disk goes), then deleted. */
export function* __scsi_remove_device(sdev: scsi_device): KGen<void> {
  if (sdev.sdev_state === SDEV_DEL) return;
  if (sdev.sdev_gendev.kobj.state_in_sysfs) {
    sdev.sdev_state = SDEV_CANCEL;
    yield* device_del(sdev.sdev_dev);
    yield* device_del(sdev.sdev_gendev);
  }
  sdev.sdev_state = SDEV_DEL;
  put_device(sdev.sdev_dev);
  put_device(sdev.sdev_gendev);
  const h = sdev.host;
  h.__devices = h.__devices.filter((s) => s !== sdev);
}

/** scsi_target_reap: a target without LUNs goes. */
export function* scsi_target_reap(t: scsi_target): KGen<void> {
  if (t.shost.__devices.some((s) => s.sdev_target === t)) return;
  if (t.dev.kobj.state_in_sysfs) yield* device_del(t.dev);
  put_device(t.dev);
  t.shost.__targets = t.shost.__targets.filter((x) => x !== t);
}
