// Models linux/drivers/base/cpu.c: the cpu subsystem (/sys/devices/system/cpu with online, possible, present, offline, isolated, kernel_max) and a cpuN device per CPU (register_cpu).
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { NR_CPUS, cpu_online, cpulist, online_cpus, possible_cpus, cpuState } from '../../kernel/cpu.ts';
import { run_sync } from './sync.ts';
import type { bus_type, device, device_attribute } from './base.ts';
import { bus_register, system_kset } from './bus.ts';
import { dev_set_name, device_alloc, device_register } from './core.ts';

/** What the cpu subsystem keeps per machine: its root device and each CPU's device (per_cpu(cpu_sys_devices)). */
export const cpuDevState = defineState('cpu_dev', () => ({ root: null as device | null, devices: [] as device[] }));

export function get_cpu_device(cpu: number): device | null { return cpuDevState().devices[cpu] ?? null; }
export function cpu_subsys_root(): device | null { return cpuDevState().root; }

/**
 * The hooks kernel/cpu.c's cpu_device_up/down give the online file (bus->online/offline in Linux): installed by the
 * hotplug code so the driver core does not import it.
 */
export const cpuOnlineOps = defineState('cpu_online_ops', () => ({
  up: null as ((cpu: number) => KGen<number>) | null,
  down: null as ((cpu: number) => KGen<number>) | null,
}));

// kernel-static: the bus description; its registration (subsys_private) is per machine
export const cpu_subsys: bus_type = { name: 'cpu', dev_name: 'cpu' };

const root_ro = (name: string, show: () => string): device_attribute => ({ name, mode: 0o444, show: () => `${show()}\n` });

/** cpu_root_attrs: the masks as lists (cpumap_print_list), offline as print_cpus_offline, kernel_max as NR_CPUS - 1. */
const cpu_root_attrs: device_attribute[] = [
  root_ro('online', () => cpulist(online_cpus())),
  root_ro('possible', () => cpulist(possible_cpus())),
  root_ro('present', () => cpulist(possible_cpus())),
  root_ro('offline', () => cpulist([...cpuState().offline].sort((a, b) => a - b))),
  root_ro('isolated', () => ''),
  root_ro('kernel_max', () => `${NR_CPUS - 1}`),
];
const cpu_root_attr_groups: attribute_group[] = [{ attrs: cpu_root_attrs }];

/** The device core's online file (dev_attr_online), which a CPU device has when it may go offline (not cpu0). */
const dev_attr_online: device_attribute = {
  name: 'online', mode: 0o644,
  show: (dev) => `${cpu_online(dev.id) ? 1 : 0}\n`,
  store: function* (dev, _a, buf): KGen<number> {
    const v = buf.trim();
    if (v !== '0' && v !== '1') return -EINVAL;
    const ops = cpuOnlineOps();
    const fn = v === '1' ? ops.up : ops.down;
    const r = fn ? yield* fn(dev.id) : -EINVAL;
    return r || buf.length;
  },
};
const hotplugable_cpu_attr_groups: attribute_group[] = [{ attrs: [dev_attr_online] }];

/** subsys_system_register(): the bus, and its root device under /sys/devices/system carrying the subsystem's files. */
function* subsys_system_register(subsys: bus_type, groups: attribute_group[]): KGen<number> {
  const r = bus_register(subsys);
  if (r) return r;
  const root = device_alloc();
  dev_set_name(root, subsys.name);
  root.kobj.parent = system_kset().kobj;
  root.groups = groups;
  const e = yield* device_register(root);
  if (e) return e;
  // Linux keeps it in subsys->dev_root; the bus_type here is shared by every machine, so the root is per machine state.
  cpuDevState().root = root;
  return 0;
}

/** register_cpu(): cpuN under the root, with online unless it is the boot CPU (CONFIG_BOOTPARAM_HOTPLUG_CPU0 is off). */
function* register_cpu(num: number): KGen<number> {
  const dev = device_alloc();
  dev.id = num;
  dev.bus = cpu_subsys;
  // Under the subsystem's root, where device_add puts a bus device without a parent (get_device_parent's dev_root).
  dev.parent = cpuDevState().root;
  if (num !== 0) dev.groups = hotplugable_cpu_attr_groups;
  const r = yield* device_register(dev);
  if (!r) cpuDevState().devices[num] = dev;
  return r;
}

/** cpu_dev_init() from driver_init(), then topology_init()'s register_cpu for each present CPU (a subsys initcall on x86). */
function cpu_dev_init(): number {
  return run_sync(subsys_system_register(cpu_subsys, cpu_root_attr_groups), 'initcall');
}

function topology_init(): number {
  return run_sync((function* () {
    for (const cpu of possible_cpus()) {
      const r = yield* register_cpu(cpu);
      if (r) return r;
    }
    return 0;
  })(), 'initcall');
}

export const initcalls: initcall_entry[] = [
  ['early', 'cpu_dev_init', cpu_dev_init, 4_000],
  ['subsys', 'topology_init', topology_init, 10_000],
];
