// Models linux/drivers/cpuidle/sysfs.c: /sys/devices/system/cpu/cpuidle (available_governors, current_driver, current_governor[_ro]) and cpuN/cpuidle/stateK with each state's description and counters.
import { EINVAL, EIO, EPERM } from '../../include/uapi/asm-generic/errno.ts';
import { capable, CAP_SYS_ADMIN } from '../../kernel/capability.ts';
import { kobject_alloc, kobject_init_and_add, kobject_put, type kobj_type, type kobject } from '../../lib/kobject.ts';
import { sysfs_create_group, sysfs_remove_group } from '../../fs/sysfs/group.ts';
import type { attribute, attribute_group, sysfs_ops } from '../../fs/sysfs/sysfs.ts';
import type { device, device_attribute } from '../base/base.ts';
import { cpuidleCore } from './core_state.ts';
import { CPUIDLE_FLAG_OFF, CPUIDLE_STATE_DISABLED_BY_USER, type cpuidle_device, type cpuidle_state, type cpuidle_state_usage } from './cpuidle_types.ts';
import { cpuidle_find_governor, cpuidle_switch_governor } from './governor.ts';

const show_current_governor = (): string => `${cpuidleCore().curr_governor?.name ?? 'none'}\n`;

const cpuidle_attrs: device_attribute[] = [
  { name: 'available_governors', mode: 0o444, show: () => `${cpuidleCore().governors.map((g) => `${g.name} `).join('')}\n` },
  { name: 'current_driver', mode: 0o444, show: () => `${cpuidleCore().driver?.name ?? 'none'}\n` },
  {
    name: 'current_governor', mode: 0o644, show: show_current_governor,
    // sscanf("%15s"): the first word, at most CPUIDLE_NAME_LEN characters.
    store: (_d, _a, buf) => {
      const word = buf.trim().split(/\s+/)[0]?.slice(0, 15);
      if (!word) return -EINVAL;
      const gov = cpuidle_find_governor(word);
      return gov ? (cpuidle_switch_governor(gov) || buf.length) : -EINVAL;
    },
  },
  { name: 'current_governor_ro', mode: 0o444, show: show_current_governor },
];
const cpuidle_attr_group: attribute_group = { name: 'cpuidle', attrs: cpuidle_attrs };

/** cpuidle_add_interface(): the cpuidle/ group of the cpu subsystem's root device. */
export function cpuidle_add_interface(root: device): number {
  return sysfs_create_group(root.kobj, cpuidle_attr_group);
}

// ---- cpuN/cpuidle/stateK --------------------------------------------------------

interface state_attr extends attribute {
  show(s: cpuidle_state, u: cpuidle_state_usage): string;
  store?(s: cpuidle_state, u: cpuidle_state_usage, buf: string): number;
}
interface state_kobj { state: cpuidle_state; usage: cpuidle_state_usage; dev: cpuidle_device }

const us = (ns: number): number => Math.floor(ns / 1000);
/** %u of an int: POLL's power_usage of -1 prints as 4294967295. */
const u32 = (v: number): number => v >>> 0;
const ro = (name: string, show: state_attr['show']): state_attr => ({ name, mode: 0o444, show: (s, u) => `${show(s, u)}\n` });

const store_state_disable = (_s: cpuidle_state, u: cpuidle_state_usage, buf: string): number => {
  if (!capable(CAP_SYS_ADMIN)) return -EPERM;
  const v = buf.trim();
  // kstrtouint(buf, 0): decimal, 0x hex or 0 octal.
  if (!/^(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.test(v)) return -EINVAL;
  if (Number(v)) u.disable |= CPUIDLE_STATE_DISABLED_BY_USER;
  else u.disable &= ~CPUIDLE_STATE_DISABLED_BY_USER;
  return buf.length;
};

/** cpuidle_state_default_attrs, in 6.1's order. */
const cpuidle_state_attrs: state_attr[] = [
  ro('name', (s) => s.name || '<null>'),
  ro('desc', (s) => s.desc || '<null>'),
  ro('latency', (s) => `${us(s.exit_latency_ns)}`),
  ro('residency', (s) => `${us(s.target_residency_ns)}`),
  ro('power', (s) => `${u32(s.power_usage)}`),
  ro('usage', (_s, u) => `${u.usage}`),
  ro('rejected', (_s, u) => `${u.rejected}`),
  ro('time', (_s, u) => `${us(u.time_ns)}`),
  { ...ro('disable', (_s, u) => `${u.disable & CPUIDLE_STATE_DISABLED_BY_USER}`), mode: 0o644, store: store_state_disable },
  ro('above', (_s, u) => `${u.above}`),
  ro('below', (_s, u) => `${u.below}`),
  ro('default_status', (s) => (s.flags & CPUIDLE_FLAG_OFF ? 'disabled' : 'enabled')),
];
const cpuidle_state_s2idle_group: attribute_group = {
  name: 's2idle',
  attrs: [ro('usage', (_s, u) => `${u.s2idle_usage}`), ro('time', (_s, u) => `${us(u.s2idle_time)}`)],
};

const state_of = (kobj: kobject): state_kobj => kobj.container as state_kobj;
const cpuidle_state_sysfs_ops: sysfs_ops = {
  show: (kobj, attr) => { const k = state_of(kobj); return (attr as state_attr).show(k.state, k.usage); },
  store: (kobj, attr, buf) => {
    const k = state_of(kobj);
    const a = attr as state_attr;
    const r = a.store ? a.store(k.state, k.usage, buf) : -EIO;
    k.dev.poll_limit_ns = 0; // reset the poll time cache
    return r;
  },
};
const ktype_state_cpuidle: kobj_type = { sysfs_ops: cpuidle_state_sysfs_ops, default_groups: [{ attrs: cpuidle_state_attrs }], release: () => { /* complete(kobj_unregister) */ } };
const ktype_cpuidle: kobj_type = { release: () => { /* complete(kobj_unregister) */ } };

/** cpuidle_add_sysfs() with cpuidle_add_state_sysfs(): cpuN/cpuidle/state0..K-1, s2idle/ where the state has enter_s2idle. */
export function cpuidle_add_sysfs(dev: cpuidle_device, cpu_dev: device): number {
  const drv = cpuidleCore().driver!;
  const kobj = kobject_alloc(dev);
  let r = kobject_init_and_add(kobj, ktype_cpuidle, cpu_dev.kobj, 'cpuidle');
  if (r) { kobject_put(kobj); return r; }
  dev.kobj = kobj;
  dev.state_kobjs = [];
  for (let i = 0; i < drv.states.length; i++) {
    const sk = kobject_alloc({ state: drv.states[i]!, usage: dev.states_usage[i]!, dev } satisfies state_kobj);
    r = kobject_init_and_add(sk, ktype_state_cpuidle, kobj, `state${i}`);
    if (r) { kobject_put(sk); cpuidle_remove_sysfs(dev); return r; }
    if (drv.states[i]!.enter_s2idle) sysfs_create_group(sk, cpuidle_state_s2idle_group);
    dev.state_kobjs.push(sk);
  }
  return 0;
}

export function cpuidle_remove_sysfs(dev: cpuidle_device): void {
  for (const sk of dev.state_kobjs) {
    if (state_of(sk).state.enter_s2idle) sysfs_remove_group(sk, cpuidle_state_s2idle_group);
    kobject_put(sk);
  }
  dev.state_kobjs = [];
  kobject_put(dev.kobj);
  dev.kobj = null;
}
