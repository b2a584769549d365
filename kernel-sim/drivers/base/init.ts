// Models linux/drivers/base/init.c (driver_init), firmware.c, hypervisor.c and the sysfs roots other subsystems own (kernel/ksysfs.c, fs_kobj, power_kobj, /sys/block), with their initcalls.
import type { KGen } from '../../include/linux/sched.ts';
import { ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { kobject_create_and_add, type kobject, type kobj_attribute } from '../../lib/kobject.ts';
import { uevent_seqnum } from '../../lib/kobject_uevent.ts';
import { sysfs_create_file } from '../../fs/sysfs/file.ts';
import { sysfs_create_mount_point } from '../../fs/sysfs/dir.ts';
import { devices_init, install_devtmpfs_ops } from './core.ts';
import { devtmpfs_create_node_dev, devtmpfs_delete_node_dev } from './devtmpfs.ts';
import { buses_init } from './bus.ts';
import { classes_init, class_create } from './class.ts';
import { param_sysfs_init } from './module.ts';
import { run_sync } from './sync.ts';
import { platform_bus_init } from './platform.ts';
import { misc_init } from '../char/misc.ts';
import { mem_class_init, tty_class_init, boot_misc_devices } from './builtin_devices.ts';
import { register_default_platform } from './platform_devices.ts';

interface RootsState { kernel: kobject | null; firmware: kobject | null; hypervisor: kobject | null; fs: kobject | null; power: kobject | null; block: kobject | null }
const roots = defineState<RootsState>('sysfs_roots', () => ({ kernel: null, firmware: null, hypervisor: null, fs: null, power: null, block: null }));

export function kernel_kobj(): kobject | null { return roots().kernel; }
export function firmware_kobj(): kobject | null { return roots().firmware; }
export function fs_kobj(): kobject | null { return roots().fs; }
export function power_kobj(): kobject | null { return roots().power; }
export function block_depr_kobj(): kobject | null { return roots().block; }

function sync(g: KGen<number>): number { return run_sync(g, 'initcall'); }

/** driver_init(): the core pieces of the driver model, before any initcall (init/main.c do_basic_setup). */
export function driver_init(): number {
  install_devtmpfs_ops({ create: devtmpfs_create_node_dev, remove: devtmpfs_delete_node_dev });
  const r = devices_init() || buses_init() || classes_init();
  if (r) return r;
  const st = roots();
  st.firmware = kobject_create_and_add('firmware', null);
  st.hypervisor = kobject_create_and_add('hypervisor', null);
  if (!st.firmware || !st.hypervisor) return -ENOMEM;
  return platform_bus_init(sync);
}

const uevent_seqnum_attr: kobj_attribute = { name: 'uevent_seqnum', mode: 0o444, show: () => `${uevent_seqnum()}\n` };
const uevent_helper_attr: kobj_attribute = { name: 'uevent_helper', mode: 0o644, show: () => '\n', store: (_k, _a, buf) => buf.length };

/** ksysfs_init(): /sys/kernel with uevent_seqnum and the mount points of debugfs, tracefs, securityfs (configfs makes its own: fs/configfs). */
function ksysfs_init(): number {
  const st = roots();
  if (!st.kernel) return -ENOMEM;
  const r = sysfs_create_file(st.kernel, uevent_seqnum_attr) || sysfs_create_file(st.kernel, uevent_helper_attr);
  for (const mp of ['debug', 'security', 'tracing']) sysfs_create_mount_point(st.kernel, mp);
  return r;
}

/** mnt_init's fs_kobj and cgroup's mount point; pm_init's power_kobj; genhd's /sys/block. */
function sysfs_roots_init(): number {
  const st = roots();
  // kernel_kobj: Linux's ksysfs_init links in kernel/, before fs/, so /sys/kernel exists when fs/'s core initcalls
  // (configfs_init's mount point) run; ksysfs_init sits in drivers/ here, so its kobject is made with the other roots.
  st.kernel = kobject_create_and_add('kernel', null);
  st.fs = kobject_create_and_add('fs', null);
  if (st.fs) sysfs_create_mount_point(st.fs, 'cgroup');
  st.power = kobject_create_and_add('power', null);
  st.block = kobject_create_and_add('block', null);
  return st.kernel && st.fs && st.power && st.block ? 0 : -ENOMEM;
}

export const initcalls: initcall_entry[] = [
  ['early', 'driver_init', driver_init, 40_000],
  ['early', 'sysfs_roots_init', sysfs_roots_init, 3_000],
  ['core', 'ksysfs_init', ksysfs_init, 3_000],
  ['core', 'devlink_class_init', () => { const c = class_create('devlink'); return typeof c === 'number' ? c : 0; }, 2_000],
  ['subsys', 'param_sysfs_init', param_sysfs_init, 5_000],
  ['subsys', 'misc_init', misc_init, 6_000],
  ['fs', 'chr_dev_init_devices', () => sync(mem_class_init()), 20_000],
  ['fs', 'tty_init_devices', () => sync(tty_class_init()), 8_000],
  ['device', 'platform_default_devices', () => sync(register_default_platform()), 60_000],
  ['device', 'misc_boot_devices', () => sync(boot_misc_devices()), 15_000],
];
