// Builds the UI's device-model snapshot (api/devices.ts) from the live structures, at the same virtual time sysfs shows.
import type { DevicesSnapshot, DeviceNode } from '../../api/devices.ts';
import { DEVICES_SNAPSHOT_VERSION } from '../../api/devices.ts';
import { MAJOR, MINOR } from '../../include/linux/fs_types.ts';
import { ktime_get } from '../../kernel/time/timekeeping.ts';
import { kobject_get_path } from '../../lib/kobject.ts';
import { uevent_seqnum } from '../../lib/kobject_uevent.ts';
import { all_devices, dev_name, device_get_devnode } from './core.ts';
import { all_buses, bus_for_each_drv } from './bus.ts';
import { all_classes } from './class.ts';
import { dl_state_names } from './base.ts';
import { bus_p, drv_p } from './private.ts';

export function devices_snapshot(): DevicesSnapshot {
  const devs = all_devices();
  const devices: DeviceNode[] = devs.map((d) => {
    const n: DeviceNode = {
      devpath: kobject_get_path(d.kobj),
      name: dev_name(d),
      parent: d.parent ? kobject_get_path(d.parent.kobj) : null,
      bus: d.bus?.name ?? null,
      class: d.class?.name ?? null,
      driver: d.driver?.name ?? null,
      devt: MAJOR(d.devt) ? `${MAJOR(d.devt)}:${MINOR(d.devt)}` : null,
      devnode: MAJOR(d.devt) ? device_get_devnode(d)?.name ?? null : null,
      state: d.driver ? 'bound' : d.probe_state === 'bound' ? 'unbound' : d.probe_state,
    };
    if (n.state === 'failed') n.errno = d.probe_err;
    if (n.state === 'deferred' && d.p?.deferred_probe_reason) n.deferredReason = d.p.deferred_probe_reason;
    return n;
  });
  const buses = all_buses();
  return {
    version: DEVICES_SNAPSHOT_VERSION,
    ts: ktime_get(),
    seqnum: uevent_seqnum(),
    buses: buses.map((b) => ({ name: b.name, driversAutoprobe: bus_p(b)?.drivers_autoprobe ?? false })),
    classes: all_classes().map((c) => ({ name: c.name })),
    drivers: buses.flatMap((b) => bus_for_each_drv(b).map((drv) => ({
      name: drv.name, bus: b.name, module: drv.owner ?? drv.mod_name ?? null, devices: (drv_p(drv)?.klist_devices ?? []).map((x) => kobject_get_path(x.kobj)),
    }))),
    devices,
    links: devs.flatMap((d) => d.links.consumers.map((l) => ({ supplier: kobject_get_path(l.supplier.kobj), consumer: kobject_get_path(l.consumer.kobj), status: dl_state_names[l.status] }))),
  };
}
