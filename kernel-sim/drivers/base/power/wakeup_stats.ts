// Models linux/drivers/base/power/wakeup_stats.c: the wakeup class, one /sys/class/wakeup/wakeupN device per wakeup source with its statistics.
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { INIT_WORK, queue_work, system_unbound_wq } from '../../../kernel/workqueue.ts';
import type { attribute_group } from '../../../fs/sysfs/sysfs.ts';
import type { class_, device, device_attribute } from '../base.ts';
import { class_register } from '../class.ts';
import { device_create_with_groups, device_unregister, dev_get_drvdata } from '../core.ts';
import { wakeup_source_stats, wakeupState, type wakeup_source } from './wakeup_source.ts';

const ws_of = (dev: device): wakeup_source => dev_get_drvdata(dev) as wakeup_source;
const ro = (name: string, show: (ws: wakeup_source) => string | number): device_attribute => ({ name, mode: 0o444, show: (d) => `${show(ws_of(d))}\n` });

const wakeup_source_attrs: device_attribute[] = [
  ro('name', (ws) => ws.name),
  ro('active_count', (ws) => ws.active_count),
  ro('event_count', (ws) => ws.event_count),
  ro('wakeup_count', (ws) => ws.wakeup_count),
  ro('expire_count', (ws) => ws.expire_count),
  ro('active_time_ms', (ws) => wakeup_source_stats(ws).active_time),
  ro('total_time_ms', (ws) => wakeup_source_stats(ws).total_time),
  ro('max_time_ms', (ws) => wakeup_source_stats(ws).max_time),
  ro('last_change_ms', (ws) => wakeup_source_stats(ws).last_change),
  ro('prevent_suspend_time_ms', (ws) => wakeup_source_stats(ws).prevent_suspend_time),
];
const wakeup_source_groups: attribute_group[] = [{ attrs: wakeup_source_attrs }];

// kernel-static: the class description; its registration (subsys_private) is per machine
const wakeup_class: class_ = { name: 'wakeup' };

/**
 * wakeup_source_sysfs_add(): device_create_with_groups may sleep and sources are
 * registered from atomic paths too (device_init_wakeup in a probe), so the
 * class device is added by the unbound workqueue, right after.
 */
function wakeup_source_sysfs_add(ws: wakeup_source): void {
  queue_work(system_unbound_wq(), INIT_WORK(function* () {
    if (!wakeupState().sources.includes(ws)) return;
    const dev = yield* device_create_with_groups(wakeup_class, ws.owner, 0, ws, wakeup_source_groups, `wakeup${ws.id}`);
    if (typeof dev !== 'number') ws.dev = dev;
  }));
}

function wakeup_source_sysfs_remove(ws: wakeup_source): void {
  const dev = ws.dev;
  ws.dev = null;
  if (dev) queue_work(system_unbound_wq(), INIT_WORK(function* () { yield* device_unregister(dev); }));
}

/** wakeup_sources_sysfs_init(). */
function wakeup_sources_sysfs_init(): number {
  const s = wakeupState();
  s.sysfs_add = wakeup_source_sysfs_add;
  s.sysfs_remove = wakeup_source_sysfs_remove;
  return class_register(wakeup_class);
}

export const initcalls: initcall_entry[] = [['postcore', 'wakeup_sources_sysfs_init', wakeup_sources_sysfs_init, 2_000]];
