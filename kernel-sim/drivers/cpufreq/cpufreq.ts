// Models linux/drivers/cpufreq/cpufreq.c: /sys/devices/system/cpu/cpufreq with a policyN per CPU (its files, cpuN/cpufreq links), the scaling driver's registration, governors chosen through scaling_governor (request_module for modular ones), driver targets and the scheduler's update_util hook in virtual time.
import type { KGen } from '../../include/linux/sched.ts';
import { EBUSY, EEXIST, EINVAL, EIO, ENODEV, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { kobject_alloc, kobject_create_and_add, kobject_init_and_add, kobject_put, type kobj_type, type kobject } from '../../lib/kobject.ts';
import { sysfs_create_file } from '../../fs/sysfs/file.ts';
import { sysfs_create_group } from '../../fs/sysfs/group.ts';
import { sysfs_create_link } from '../../fs/sysfs/symlink.ts';
import type { sysfs_ops } from '../../fs/sysfs/sysfs.ts';
import { cpuhp_setup_state } from '../../kernel/cpu.ts';
import { __request_module } from '../../kernel/kapi/kmod.ts';
import { register_idle_hooks, runqueue } from '../../kernel/sched/core.ts';
import { ktime_get } from '../../kernel/time/timekeeping.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import { cpu_subsys_root, get_cpu_device } from '../base/cpu.ts';
import { cpufreqCore, cpufreq_cpu_get, cpufreq_policies, policy_is_inactive } from './core_state.ts';
import { cpufreq_stats_create_table, cpufreq_stats_record_transition, stats_attr_group } from './cpufreq_stats.ts';
import type { cpufreq_driver, cpufreq_governor, cpufreq_policy, cpufreq_relation, freq_attr } from './cpufreq_types.ts';
import { cpufreq_frequency_table_target } from './freq_table.ts';

/** CONFIG_CPU_FREQ_DEFAULT_GOV_SCHEDUTIL, as Debian's 6.1 is built. */
const CPUFREQ_DEFAULT_GOVERNOR = 'schedutil';

// ---- governors ----------------------------------------------------------------------

export function find_governor(name: string): cpufreq_governor | null {
  return cpufreqCore().governors.find((g) => g.name.toLowerCase() === name.toLowerCase()) ?? null;
}

/** cpufreq_register_governor(): at the head of the list (list_add), so the newest comes first in scaling_available_governors. */
export function cpufreq_register_governor(gov: cpufreq_governor): number {
  if (find_governor(gov.name)) return -EBUSY;
  cpufreqCore().governors.unshift(gov);
  return 0;
}

/** cpufreq_unregister_governor(): policies using it lose their governor (and remember it). */
export function cpufreq_unregister_governor(gov: cpufreq_governor): void {
  for (const p of cpufreq_policies()) {
    if (p.governor === gov) { cpufreq_exit_governor(p); p.last_governor = ''; }
  }
  const st = cpufreqCore();
  st.governors = st.governors.filter((g) => g !== gov);
}

function cpufreq_exit_governor(p: cpufreq_policy): void {
  const g = p.governor;
  if (!g) return;
  g.stop?.(p);
  g.exit?.(p);
  p.governor = null;
  p.gov_data = null;
}

function cpufreq_start_governor(p: cpufreq_policy, gov: cpufreq_governor): number {
  p.governor = gov;
  const r = gov.init?.(p) ?? 0;
  if (r) { p.governor = null; return r; }
  p.next_sample = 0;
  p.last_sample = ktime_get();
  p.last_busy = p.cpus.map((c) => runqueue().busy_ns[c] ?? 0);
  const s = gov.start?.(p) ?? 0;
  if (s) { gov.exit?.(p); p.governor = null; return s; }
  gov.limits?.(p);
  return 0;
}

/** cpufreq_set_policy()'s governor half: the old one stops, the new one starts; back to the old one if it fails. */
export function cpufreq_set_governor(p: cpufreq_policy, gov: cpufreq_governor): number {
  if (p.governor === gov) { gov.limits?.(p); return 0; }
  const old = p.governor;
  cpufreq_exit_governor(p);
  const r = cpufreq_start_governor(p, gov);
  if (r && old) cpufreq_start_governor(p, old);
  if (!r) p.last_governor = gov.name;
  return r;
}

/** cpufreq_parse_governor(): a loaded governor, or request_module("cpufreq_<name>") and look again. */
function* cpufreq_parse_governor(name: string): KGen<cpufreq_governor | null> {
  const g = find_governor(name);
  if (g) return g;
  if (!/^[a-z_]{1,15}$/i.test(name)) return null;
  yield* __request_module(true, `cpufreq_${name}`);
  return find_governor(name);
}

// ---- driver targets -----------------------------------------------------------------

/** __cpufreq_driver_target(): clamp to the policy, pick the table entry, switch, notify (stats, power:cpu_frequency). */
export function __cpufreq_driver_target(p: cpufreq_policy, target_freq: number, relation: cpufreq_relation): number {
  const drv = cpufreqCore().driver;
  if (!drv) return -ENODEV;
  const target = Math.min(p.max, Math.max(p.min, target_freq));
  const idx = cpufreq_frequency_table_target(p, target, relation);
  const freq = p.freq_table[idx]!.frequency;
  if (freq === p.cur) return 0;
  const r = drv.target_index(p, idx);
  if (r) return r;
  p.cur = freq;
  cpufreq_stats_record_transition(p, freq);
  for (const cpu of p.cpus) trace_event('power', 'cpu_frequency', { state: freq, cpu_id: cpu });
  return 0;
}

/** The scheduler's hook (cpufreq_update_util from the tick and wake-ups): each due policy's governor sees its CPUs' busy share. */
export function cpufreq_update_util(now: number): void {
  const busy = runqueue().busy_ns;
  for (const p of cpufreq_policies()) {
    const g = p.governor;
    if (!g?.update || now < p.next_sample || policy_is_inactive(p)) continue;
    const dt = now - p.last_sample;
    if (dt <= 0) continue;
    const share = p.cpus.map((c, i) => Math.min(1, Math.max(0, ((busy[c] ?? 0) - (p.last_busy[i] ?? 0)) / dt)));
    p.last_sample = now;
    p.last_busy = p.cpus.map((c) => busy[c] ?? 0);
    p.next_sample = now + (g.sample_ns?.(p) ?? 10_000_000);
    g.update(p, now, share);
  }
}

// ---- policyN files --------------------------------------------------------------------

const kstrtouint = (buf: string): number | null => (/^\s*\d+\s*$/.test(buf) ? Number(buf.trim()) : null);
const show_cpus = (cpus: number[]): string => `${cpus.map((c) => `${c} `).join('')}\n`;

/** cpufreq_set_policy()'s limits: min and max within cpuinfo, min never above max; the governor follows. */
function set_limits(p: cpufreq_policy, min: number, max: number): void {
  p.max = Math.min(p.cpuinfo.max_freq, Math.max(p.cpuinfo.min_freq, max));
  p.min = Math.min(p.max, Math.max(p.cpuinfo.min_freq, min));
  p.governor?.limits?.(p);
}

const cpufreq_attrs: freq_attr[] = [
  { name: 'cpuinfo_min_freq', mode: 0o444, show: (p) => `${p.cpuinfo.min_freq}\n` },
  { name: 'cpuinfo_max_freq', mode: 0o444, show: (p) => `${p.cpuinfo.max_freq}\n` },
  { name: 'cpuinfo_transition_latency', mode: 0o444, show: (p) => `${p.cpuinfo.transition_latency}\n` },
  {
    name: 'scaling_min_freq', mode: 0o644, show: (p) => `${p.min}\n`,
    store: (p, buf) => { const v = kstrtouint(buf); if (v === null) return -EINVAL; set_limits(p, v, p.max); return buf.length; },
  },
  {
    name: 'scaling_max_freq', mode: 0o644, show: (p) => `${p.max}\n`,
    store: (p, buf) => { const v = kstrtouint(buf); if (v === null) return -EINVAL; set_limits(p, p.min, v); return buf.length; },
  },
  { name: 'affected_cpus', mode: 0o444, show: (p) => show_cpus(p.cpus) },
  { name: 'related_cpus', mode: 0o444, show: (p) => show_cpus(p.related_cpus) },
  {
    name: 'scaling_governor', mode: 0o644, show: (p) => `${p.governor?.name ?? ''}\n`,
    store: function* (p, buf): KGen<number> {
      const name = buf.trim().split(/\s+/)[0] ?? '';
      const gov = yield* cpufreq_parse_governor(name);
      if (!gov) return -EINVAL;
      return cpufreq_set_governor(p, gov) || buf.length;
    },
  },
  { name: 'scaling_driver', mode: 0o444, show: () => `${cpufreqCore().driver?.name ?? ''}\n` },
  { name: 'scaling_available_governors', mode: 0o444, show: () => `${cpufreqCore().governors.map((g) => `${g.name} `).join('')}\n` },
  {
    name: 'scaling_setspeed', mode: 0o644,
    show: (p) => (p.governor?.show_setspeed ? p.governor.show_setspeed(p) : '<unsupported>\n'),
    store: (p, buf) => {
      const v = kstrtouint(buf);
      if (!p.governor?.store_setspeed || v === null) return -EINVAL;
      const r = p.governor.store_setspeed(p, v);
      return r || buf.length;
    },
  },
];
const cpuinfo_cur_freq: freq_attr = { name: 'cpuinfo_cur_freq', mode: 0o400, show: (p) => { const f = cpufreqCore().driver?.get(p.cpu) ?? 0; return f ? `${f}\n` : '<unknown>\n'; } };
/** scaling_cur_freq: no APERF/MPERF on this CPU model (arch_freq_get_on_cpu gives 0), so policy->cur. */
const scaling_cur_freq: freq_attr = { name: 'scaling_cur_freq', mode: 0o444, show: (p) => `${p.cur}\n` };
const bios_limit: freq_attr = { name: 'bios_limit', mode: 0o444, show: (p) => `${cpufreqCore().driver?.bios_limit?.(p.cpu) ?? p.cpuinfo.max_freq}\n` };

const policy_of = (kobj: kobject): cpufreq_policy => kobj.container as cpufreq_policy;
/** show()/store(): an inactive policy (all its CPUs offline) answers -EBUSY. */
const sysfs_ops_policy: sysfs_ops = {
  show: (kobj, attr) => { const p = policy_of(kobj); const a = attr as freq_attr; return policy_is_inactive(p) ? -EBUSY : a.show ? a.show(p) : -EIO; },
  store: (kobj, attr, buf) => { const p = policy_of(kobj); const a = attr as freq_attr; return policy_is_inactive(p) ? -EBUSY : a.store ? a.store(p, buf) : -EIO; },
};
const ktype_cpufreq: kobj_type = { sysfs_ops: sysfs_ops_policy, default_groups: [{ attrs: cpufreq_attrs }], release: () => { /* complete(kobj_unregister) */ } };

/** cpufreq_add_dev_interface(): the driver's files, cpuinfo_cur_freq (driver->get), scaling_cur_freq, bios_limit. */
function cpufreq_add_dev_interface(p: cpufreq_policy, drv: cpufreq_driver): number {
  for (const a of [...drv.attr, cpuinfo_cur_freq, scaling_cur_freq, ...(drv.bios_limit ? [bios_limit] : [])]) {
    const r = sysfs_create_file(p.kobj!, a);
    if (r) return r;
  }
  return 0;
}

// ---- policies -----------------------------------------------------------------------

function cpufreq_policy_alloc(cpu: number): cpufreq_policy | null {
  const p: cpufreq_policy = {
    cpu, cpus: [], related_cpus: [cpu], min: 0, max: 0, cur: 0, cpuinfo: { min_freq: 0, max_freq: 0, transition_latency: 0 },
    freq_table: [], governor: null, last_governor: '', kobj: null, gov_data: null, stats: null, next_sample: 0, last_sample: 0, last_busy: [],
  };
  const kobj = kobject_alloc(p);
  if (kobject_init_and_add(kobj, ktype_cpufreq, cpufreqCore().global_kobj, `policy${cpu}`)) { kobject_put(kobj); return null; }
  p.kobj = kobj;
  return p;
}

/** cpufreq_online(): a new policy (driver init, files, stats, cpuN/cpufreq link, default governor) or an inactive one woken. */
export function cpufreq_online(cpu: number): number {
  const st = cpufreqCore();
  const drv = st.driver;
  if (!drv) return 0;
  let p = st.policies[cpu];
  if (p && !policy_is_inactive(p)) return 0;
  const fresh = !p;
  if (!p) {
    p = cpufreq_policy_alloc(cpu) ?? undefined;
    if (!p) return -ENOMEM;
  }
  p.cpus = [cpu];
  if (fresh) {
    const r = drv.init(p);
    if (r) { kobject_put(p.kobj); return r; }
    const e = cpufreq_add_dev_interface(p, drv);
    if (e) return e;
    cpufreq_stats_create_table(p);
    sysfs_create_group(p.kobj!, stats_attr_group);
    const dev = get_cpu_device(cpu);
    if (dev) sysfs_create_link(dev.kobj, p.kobj!, 'cpufreq');
    st.policies[cpu] = p;
  }
  // cpufreq_init_policy(): the governor used before hotplug, else the default.
  const gov = find_governor(p.last_governor || CPUFREQ_DEFAULT_GOVERNOR) ?? find_governor(CPUFREQ_DEFAULT_GOVERNOR);
  return gov ? cpufreq_set_governor(p, gov) : 0;
}

/** cpufreq_offline(): the CPU leaves its policy; the last one out stops the governor (the policy goes inactive). */
export function cpufreq_offline(cpu: number): number {
  const p = cpufreq_cpu_get(cpu);
  if (!p) return 0;
  p.cpus = p.cpus.filter((c) => c !== cpu);
  if (p.cpus.length) return 0;
  const name = p.governor?.name ?? '';
  cpufreq_exit_governor(p);
  p.last_governor = name;
  return 0;
}

/** cpufreq_register_driver(): a policy for every online CPU, and the hotplug callbacks that keep them in step. */
export function cpufreq_register_driver(drv: cpufreq_driver): number {
  const st = cpufreqCore();
  if (!st.global_kobj) return -ENODEV;
  if (st.driver) return -EEXIST;
  st.driver = drv;
  return cpuhp_setup_state('cpufreq:online', cpufreq_online, cpufreq_offline);
}

/** cpufreq_core_init(): /sys/devices/system/cpu/cpufreq, and the update_util hook in the scheduler. */
function cpufreq_core_init(): number {
  const root = cpu_subsys_root();
  if (!root) return -ENODEV;
  cpufreqCore().global_kobj = kobject_create_and_add('cpufreq', root.kobj);
  register_idle_hooks({ tick: cpufreq_update_util, wake: cpufreq_update_util });
  return cpufreqCore().global_kobj ? 0 : -ENOMEM;
}

export const initcalls: initcall_entry[] = [['core', 'cpufreq_core_init', cpufreq_core_init, 2_000]];
