// Models the device-model half of linux/block/genhd.c and partitions/core.c: the `block` class, disks and partitions as devices (disk_type, part_type), /sys/block, their attributes, /proc/partitions and /proc/diskstats.
import type { KGen } from '../include/linux/sched.ts';
import type { block_device, disk_stats } from '../include/linux/blk_types.ts';
import { type gendisk, GENHD_FL_HIDDEN, GENHD_FL_REMOVABLE, DISK_MAX_PARTS, get_capacity } from '../include/linux/blkdev.ts';
import type { device, device_attribute, class_, device_type } from '../drivers/base/base.ts';
import { device_initialize, device_add, device_del, dev_set_name, put_device, device_alloc } from '../drivers/base/core.ts';
import { class_register } from '../drivers/base/class.ts';
import { add_uevent_var } from '../lib/kobject_uevent.ts';
import { kobject_create_and_add, kobject_del, kobject_put } from '../lib/kobject.ts';
import { sysfs_create_link, sysfs_remove_link } from '../fs/sysfs/symlink.ts';
import type { attribute_group } from '../fs/sysfs/sysfs.ts';
import { seq_puts } from '../fs/seq_file.ts';
import { proc_add_source } from '../fs/proc/placeholders.ts';
import { proc_create_single } from '../fs/proc/generic.ts';
import { blkState } from './bdev.ts';
import { blk_set_hooks, register_blkdev, BLOCK_EXT_MAJOR, bdev_name } from './genhd.ts';
import { part_in_flight } from './blk-account.ts';
import { blk_register_queue, blk_unregister_queue } from './blk-sysfs.ts';
import { bdev_disk_changed } from './partitions/core.ts';
import { INIT_WORK, queue_work, system_unbound_wq } from '../kernel/workqueue.ts';
import { block_depr_kobj } from '../drivers/base/init.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { initcall_sleep } from '../init/initcalls.ts';


const bdev_of_dev = (dev: device): block_device => dev.container as block_device;
const ms = (ns: number): number => Math.floor(ns / 1e6);

/** part_stat_show's 17 columns, without the padding. */
function stat_fields(s: disk_stats, inflight: number): number[] {
  return [
    s.ios[0], s.merges[0], s.sectors[0], ms(s.nsecs[0]), s.ios[1], s.merges[1], s.sectors[1], ms(s.nsecs[1]), inflight,
    s.io_ticks * 4, ms(s.nsecs[0] + s.nsecs[1] + s.nsecs[2] + s.nsecs[3]), s.ios[2], s.merges[2], s.sectors[2], ms(s.nsecs[2]), s.ios[3], ms(s.nsecs[3]),
  ];
}

const attr = (name: string, show: (b: block_device) => string, mode = 0o444): device_attribute =>
  ({ name, mode, show: (dev: device) => show(bdev_of_dev(dev)) });

const common_attrs: device_attribute[] = [
  attr('size', (b) => `${b.bd_nr_sectors}\n`),
  attr('ro', (b) => `${b.bd_read_only || b.bd_disk.part0.bd_read_only ? 1 : 0}\n`),
  attr('alignment_offset', () => '0\n'),
  attr('discard_alignment', () => '0\n'),
  attr('stat', (b) => `${stat_fields(b.bd_stats, part_in_flight(b)).map((v) => String(v).padStart(8, ' ')).join(' ')}\n`),
  attr('inflight', (b) => `${String(b.bd_stats.in_flight[0]).padStart(8, ' ')} ${String(b.bd_stats.in_flight[1]).padStart(8, ' ')}\n`),
];

const disk_attrs: device_attribute[] = [
  attr('range', (b) => `${b.bd_disk.minors}\n`),
  attr('ext_range', (b) => `${b.bd_disk.minors || DISK_MAX_PARTS}\n`),
  attr('removable', (b) => `${b.bd_disk.flags & GENHD_FL_REMOVABLE ? 1 : 0}\n`),
  attr('hidden', (b) => `${b.bd_disk.flags & GENHD_FL_HIDDEN ? 1 : 0}\n`),
  ...common_attrs,
  attr('capability', () => '0\n'),
  attr('events', () => ''),
  attr('events_async', () => ''),
  attr('events_poll_msecs', () => '-1\n'),
  attr('diskseq', (b) => `${b.bd_disk.diskseq}\n`),
];

const part_attrs: device_attribute[] = [
  attr('partition', (b) => `${b.bd_partno}\n`),
  attr('start', (b) => `${b.bd_start_sect}\n`),
  ...common_attrs,
];

export const disk_type: device_type = {
  name: 'disk',
  /** disk_uevent: DISKSEQ. */
  uevent: (dev, env) => add_uevent_var(env, `DISKSEQ=${bdev_of_dev(dev).bd_disk.diskseq}`),
  groups: [{ attrs: disk_attrs } as attribute_group],
  release: () => {},
};

export const part_type: device_type = {
  name: 'partition',
  groups: [{ attrs: part_attrs } as attribute_group],
  uevent(dev, env) {
    const b = bdev_of_dev(dev);
    let r = add_uevent_var(env, `PARTN=${b.bd_partno}`);
    if (!r && b.bd_meta_info?.volname) r = add_uevent_var(env, `PARTNAME=${b.bd_meta_info.volname}`);
    return r;
  },
  release: () => {},
};

export const block_class: class_ = { name: 'block' };

/** The struct device of a block_device: a disk's (part0) or a partition's. */
function bdev_device(b: block_device, parent: device | null, type: device_type): device {
  const dev = device_alloc(b);
  device_initialize(dev);
  dev.class = block_class;
  dev.type = type;
  dev.parent = parent;
  dev.devt = b.bd_dev;
  dev_set_name(dev, bdev_name(b));
  dev.release = () => {};
  b.bd_device = dev;
  return dev;
}

/** device_add_disk's device part: the disk device under its parent, /sys/block/NAME, holders/, slaves/, queue/ and the partition scan. */
function* register_disk(disk: gendisk, parent: unknown): KGen<number> {
  const dev = bdev_device(disk.part0, (parent as device | null) ?? null, disk_type);
  const r = yield* device_add(dev);
  if (r) { put_device(dev); return r; }
  const depr = block_depr_kobj();
  if (depr) sysfs_create_link(depr, dev.kobj, disk.disk_name);
  disk.part0.bd_holder_dir = kobject_create_and_add('holders', dev.kobj);
  disk.slave_dir = kobject_create_and_add('slaves', dev.kobj);
  blk_register_queue(disk);
  // The partition scan reads the disk, which sleeps, inside add_disk. A driver probed from an initcall cannot sleep in
  // the model, so pid 1 scans right after that initcall (the partitions are there for later initcalls, as resume= needs);
  // at run time (modprobe, hotplug) a worker scans.
  if (disk.minors > 1 || disk.minors === 0) {
    const scan = function* (): KGen<void> { yield* bdev_disk_changed(disk, false, add_partition_device, del_partition_device); };
    if (!initcall_sleep(scan)) queue_work(system_unbound_wq(), INIT_WORK(scan));
  }
  return 0;
}

function* add_partition_device(p: block_device): KGen<number> {
  const dev = bdev_device(p, p.bd_disk.part0.bd_device, part_type);
  const r = yield* device_add(dev);
  if (r) put_device(dev);
  return r;
}

function* del_partition_device(p: block_device): KGen<void> {
  if (p.bd_device) { yield* device_del(p.bd_device); put_device(p.bd_device); p.bd_device = null; }
}

function* unregister_disk(disk: gendisk): KGen<void> {
  for (const p of disk.part_tbl.slice(1)) if (p) yield* del_partition_device(p);
  blk_unregister_queue(disk);
  const depr = block_depr_kobj();
  if (depr) sysfs_remove_link(depr, disk.disk_name);
  if (disk.slave_dir) { kobject_del(disk.slave_dir); kobject_put(disk.slave_dir); }
  const holders = disk.part0.bd_holder_dir;
  if (holders) { kobject_del(holders); kobject_put(holders); disk.part0.bd_holder_dir = null; }
  const dev = disk.part0.bd_device;
  if (dev) { yield* device_del(dev); put_device(dev); }
}

/** show_partition: "major minor  #blocks  name" lines, disks then their partitions. */
function partitions_source(m: Parameters<Parameters<typeof proc_add_source>[1]>[0]): void {
  for (const disk of blkState().disks) {
    if (!get_capacity(disk) || disk.flags & GENHD_FL_HIDDEN) continue;
    for (const p of disk.part_tbl) {
      if (!p || (p.bd_partno && !p.bd_nr_sectors)) continue;
      seq_puts(m, `${String(p.bd_dev >>> 20).padStart(4, ' ')}  ${String(p.bd_dev & 0xfffff).padStart(7, ' ')} ${String(Math.floor(p.bd_nr_sectors / 2)).padStart(10, ' ')} ${bdev_name(p)}\n`);
    }
  }
}

/** diskstats_show: one line per disk and partition. */
function diskstats_show(m: Parameters<Parameters<typeof proc_add_source>[1]>[0]): number {
  for (const disk of blkState().disks) {
    for (const p of disk.part_tbl) {
      if (!p || (p.bd_partno && !p.bd_nr_sectors)) continue;
      seq_puts(m, `${String(p.bd_dev >>> 20).padStart(4, ' ')} ${String(p.bd_dev & 0xfffff).padStart(7, ' ')} ${bdev_name(p)} ${stat_fields(p.bd_stats, part_in_flight(p)).join(' ')}\n`);
    }
  }
  return 0;
}

/** genhd_device_init: the block class, /sys/block, the blkext major, /proc/partitions and /proc/diskstats. */
export function genhd_device_init(): number {
  const r = class_register(block_class);
  if (r) return r;
  register_blkdev(BLOCK_EXT_MAJOR, 'blkext');
  proc_add_source('partitions', partitions_source);
  proc_create_single('diskstats', 0, null, diskstats_show);
  blk_set_hooks({
    register: register_disk,
    unregister: unregister_disk,
    rescan: (disk) => bdev_disk_changed(disk, false, add_partition_device, del_partition_device),
  });
  return 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'genhd_device_init', genhd_device_init, 40_000]];
