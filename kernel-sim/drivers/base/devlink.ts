// Models the device-links part of linux/drivers/base/core.c: supplier/consumer ordering for probe and unbind (managed links, basic states).
import type { KGen } from '../../include/linux/sched.ts';
import { EPROBE_DEFER } from '../../include/uapi/asm-generic/errno.ts';
import { sysfs_create_link, sysfs_remove_link } from '../../fs/sysfs/symlink.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import {
  type device, type device_link, DL_FLAG_STATELESS, DL_FLAG_MANAGED, DL_FLAG_AUTOREMOVE_CONSUMER, DL_FLAG_AUTOREMOVE_SUPPLIER, DL_FLAG_AUTOPROBE_CONSUMER,
  DL_STATE_DORMANT, DL_STATE_AVAILABLE, DL_STATE_CONSUMER_PROBE, DL_STATE_ACTIVE, DL_STATE_SUPPLIER_UNBIND, dl_state_names,
} from './base.ts';
import { dev_name, dev_dbg, dev_info } from './core.ts';
import { device_release_driver, driver_deferred_probe_add } from './dd.ts';

function link_name(prefix: string, d: device): string { return `${prefix}:${d.bus?.name ?? d.class?.name ?? ''}:${dev_name(d)}`; }

/** Makes `consumer` wait for `supplier` to bind before probing, and unbind before it (device_link_add). */
export function device_link_add(consumer: device, supplier: device, flags = 0): device_link | null {
  if (consumer === supplier) return null;
  const existing = supplier.links.consumers.find((l) => l.consumer === consumer);
  if (existing) return existing;
  if (!(flags & DL_FLAG_STATELESS)) flags |= DL_FLAG_MANAGED;
  let status = DL_STATE_DORMANT;
  if (flags & DL_FLAG_MANAGED) {
    if (supplier.driver) status = consumer.driver ? DL_STATE_ACTIVE : DL_STATE_AVAILABLE;
  }
  const link: device_link = { supplier, consumer, flags, status };
  supplier.links.consumers.push(link);
  consumer.links.suppliers.push(link);
  sysfs_create_link(supplier.kobj, consumer.kobj, link_name('consumer', consumer));
  sysfs_create_link(consumer.kobj, supplier.kobj, link_name('supplier', supplier));
  dev_dbg(consumer, `Linked as a consumer to ${dev_name(supplier)}`);
  trace_event('device', 'device_link_add', { supplier: dev_name(supplier), consumer: dev_name(consumer), status: dl_state_names[status] });
  return link;
}

export function device_link_del(link: device_link): void {
  const { supplier, consumer } = link;
  supplier.links.consumers = supplier.links.consumers.filter((l) => l !== link);
  consumer.links.suppliers = consumer.links.suppliers.filter((l) => l !== link);
  sysfs_remove_link(supplier.kobj, link_name('consumer', consumer));
  sysfs_remove_link(consumer.kobj, link_name('supplier', supplier));
  dev_dbg(consumer, `Dropping the link to ${dev_name(supplier)}`);
  trace_event('device', 'device_link_del', { supplier: dev_name(supplier), consumer: dev_name(consumer) });
}

export function device_link_remove(consumer: device, supplier: device): void {
  const l = supplier.links.consumers.find((x) => x.consumer === consumer);
  if (l) device_link_del(l);
}

/** Before probing: every managed supplier must have a driver, else -EPROBE_DEFER (device_links_check_suppliers). */
export function device_links_check_suppliers(dev: device): number {
  for (const l of dev.links.suppliers) {
    if (!(l.flags & DL_FLAG_MANAGED)) continue;
    if (l.status !== DL_STATE_AVAILABLE && l.status !== DL_STATE_ACTIVE) {
      const reason = `supplier ${dev_name(l.supplier)} not ready`;
      if (dev.p) dev.p.deferred_probe_reason = reason;
      dev_dbg(dev, `probe deferral - ${reason}`);
      return -EPROBE_DEFER;
    }
  }
  for (const l of dev.links.suppliers) if (l.flags & DL_FLAG_MANAGED) l.status = DL_STATE_CONSUMER_PROBE;
  return 0;
}

/** After a bind: consumers may now probe, links to suppliers are active (device_links_driver_bound). */
export function device_links_driver_bound(dev: device): void {
  for (const l of dev.links.consumers) {
    if (!(l.flags & DL_FLAG_MANAGED)) continue;
    if (l.status === DL_STATE_DORMANT) {
      l.status = DL_STATE_AVAILABLE;
      if (l.flags & DL_FLAG_AUTOPROBE_CONSUMER) driver_deferred_probe_add(l.consumer);
    }
  }
  for (const l of dev.links.suppliers) if (l.flags & DL_FLAG_MANAGED) l.status = DL_STATE_ACTIVE;
}

/** A probe failed or the driver went: links to suppliers back to available (device_links_no_driver). */
export function device_links_no_driver(dev: device): void {
  for (const l of dev.links.suppliers) {
    if (!(l.flags & DL_FLAG_MANAGED)) continue;
    if (l.status === DL_STATE_CONSUMER_PROBE || l.status === DL_STATE_ACTIVE) l.status = DL_STATE_AVAILABLE;
  }
}

export function device_links_driver_cleanup(dev: device): void {
  for (const l of dev.links.suppliers.slice()) {
    if (!(l.flags & DL_FLAG_MANAGED)) continue;
    if (l.flags & DL_FLAG_AUTOREMOVE_CONSUMER) { device_link_del(l); continue; }
    l.status = DL_STATE_AVAILABLE;
  }
  for (const l of dev.links.consumers.slice()) {
    if (!(l.flags & DL_FLAG_MANAGED)) continue;
    if (l.flags & DL_FLAG_AUTOREMOVE_SUPPLIER) { device_link_del(l); continue; }
    l.status = DL_STATE_DORMANT;
  }
}

/** A supplier about to unbind takes its bound consumers' drivers away first (device_links_unbind_consumers). */
export function* device_links_unbind_consumers(dev: device): KGen<void> {
  for (const l of dev.links.consumers.slice()) {
    if (!(l.flags & DL_FLAG_MANAGED)) continue;
    if (l.status === DL_STATE_ACTIVE || l.status === DL_STATE_CONSUMER_PROBE) {
      l.status = DL_STATE_SUPPLIER_UNBIND;
      dev_info(l.consumer, `Dropping the driver: supplier ${dev_name(dev)} is unbinding`);
      yield* device_release_driver(l.consumer);
    }
    l.status = DL_STATE_DORMANT;
  }
}

/** device_del: every link of the device goes (device_links_purge). */
export function device_links_purge(dev: device): void {
  for (const l of [...dev.links.suppliers, ...dev.links.consumers]) device_link_del(l);
}

export { DL_STATE_ACTIVE, DL_STATE_SUPPLIER_UNBIND };
