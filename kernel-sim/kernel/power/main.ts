// Models linux/kernel/power/main.c: /sys/power (state, mem_sleep, pm_async, pm_test, pm_print_times, wakeup_count ...) and suspend_stats/.
import { EINTR, EINVAL, ENODATA } from '../../include/uapi/asm-generic/errno.ts';
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { kobj_attribute } from '../../lib/kobject.ts';
import { sysfs_create_groups } from '../../fs/sysfs/group.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { power_kobj } from '../../drivers/base/init.ts';
import { first_line, mem_sleep_labels, pmState, pm_tests, suspend_stats_recent, suspend_step_name, type suspend_state_t, type suspend_stats } from './power.ts';
import { pm_suspend } from './suspend.ts';
import { pm_get_wakeup_count, pm_save_wakeup_count, pm_wakeup_irq } from '../../drivers/base/power/wakeup_source.ts';
import { hibernate, hibernate_attrs, hibernate_image_size_init } from './hibernate.ts';

/** pm_states: suspend-to-idle always; S3 ("mem") because the machine's ACPI firmware has it (no S1: "standby" absent, as on QEMU's q35). */
export const valid_states = (): suspend_state_t[] => ['freeze', 'mem'];


/** A 0/1 switch (kstrtoul, then val > 1 is -EINVAL). */
function bool_attr(name: string, get: () => boolean, set: (v: boolean) => void): kobj_attribute {
  return {
    name, mode: 0o644,
    show: () => `${get() ? 1 : 0}\n`,
    store: (_k, _a, buf) => {
      const v = first_line(buf);
      if (v !== '0' && v !== '1') return -EINVAL;
      set(v === '1');
      return buf.length;
    },
  };
}

/** "a [b] c\n": the labels with the current one bracketed (mem_sleep_show, pm_test_show). */
const choice = (labels: readonly string[], cur: string): string => `${labels.map((l) => l === cur ? `[${l}]` : l).join(' ')}\n`;


const state_attr: kobj_attribute = {
  name: 'state', mode: 0o644,
  show: () => `${[...valid_states(), 'disk'].join(' ')}\n`,
  store: function* (_k, _a, buf): KGen<number> {
    const v = first_line(buf);
    if (v === 'disk') return (yield* hibernate()) || buf.length;
    if (!valid_states().includes(v as suspend_state_t)) return -EINVAL;
    const error = yield* pm_suspend(v === 'mem' ? pmState().mem_sleep_current : v as suspend_state_t);
    return error || buf.length;
  },
};

const mem_sleep_attr: kobj_attribute = {
  name: 'mem_sleep', mode: 0o644,
  show: () => choice(valid_states().map((s) => mem_sleep_labels[s]), mem_sleep_labels[pmState().mem_sleep_current]),
  store: (_k, _a, buf) => {
    const label = first_line(buf);
    const st = valid_states().find((s) => mem_sleep_labels[s] === label);
    if (!st) return -EINVAL;
    pmState().mem_sleep_current = st;
    return buf.length;
  },
};

const pm_test_attr: kobj_attribute = {
  name: 'pm_test', mode: 0o644,
  show: () => choice(pm_tests, pmState().pm_test_level),
  store: (_k, _a, buf) => {
    const level = pm_tests.find((t) => t === first_line(buf));
    if (!level) return -EINVAL;
    pmState().pm_test_level = level;
    return buf.length;
  },
};

/** wakeup_count: reading gives the registered events (-EINTR while one is in progress); writing it back arms the check, refused if events came since. */
const wakeup_count_attr: kobj_attribute = {
  name: 'wakeup_count', mode: 0o644,
  show: () => { const c = pm_get_wakeup_count(); return c.idle ? `${c.count}\n` : -EINTR; },
  store: (_k, _a, buf) => {
    const v = first_line(buf).trim();
    if (!/^\d+$/.test(v)) return -EINVAL;
    return pm_save_wakeup_count(Number(v)) ? buf.length : -EINVAL;
  },
};

const pm_freeze_timeout_attr: kobj_attribute = {
  name: 'pm_freeze_timeout', mode: 0o644,
  show: () => `${pmState().freeze_timeout_msecs}\n`,
  store: (_k, _a, buf) => {
    const v = first_line(buf);
    if (!/^\d+$/.test(v)) return -EINVAL;
    pmState().freeze_timeout_msecs = Number(v);
    return buf.length;
  },
};

const g: kobj_attribute[] = [
  state_attr,
  bool_attr('pm_async', () => pmState().pm_async_enabled, (v) => { pmState().pm_async_enabled = v; }),
  wakeup_count_attr,
  mem_sleep_attr,
  bool_attr('sync_on_suspend', () => pmState().sync_on_suspend_enabled, (v) => { pmState().sync_on_suspend_enabled = v; }),
  pm_test_attr,
  bool_attr('pm_print_times', () => pmState().pm_print_times_enabled, (v) => { pmState().pm_print_times_enabled = v; }),
  { name: 'pm_wakeup_irq', mode: 0o444, show: () => pm_wakeup_irq() ? `${pm_wakeup_irq()}\n` : -ENODATA },
  bool_attr('pm_debug_messages', () => pmState().pm_debug_messages_on, (v) => { pmState().pm_debug_messages_on = v; }),
  pm_freeze_timeout_attr,
];

/** The newest failure for last_failed_dev/_errno/_step, a count for the rest. */
const stat_value = (name: keyof suspend_stats): string | number => {
  const s = pmState().suspend_stats;
  if (name === 'last_failed_dev') return suspend_stats_recent(s.failed_devs, s.last_failed_dev);
  if (name === 'last_failed_errno') return suspend_stats_recent(s.errno, s.last_failed_errno);
  if (name === 'last_failed_step') return suspend_step_name(suspend_stats_recent(s.failed_steps, s.last_failed_step));
  return s[name] as number;
};
const stat = (name: keyof suspend_stats): kobj_attribute => ({ name, mode: 0o444, show: () => `${stat_value(name)}\n` });
const suspend_attrs: kobj_attribute[] = [
  'success', 'fail', 'failed_freeze', 'failed_prepare', 'failed_suspend', 'failed_suspend_late', 'failed_suspend_noirq',
  'failed_resume', 'failed_resume_early', 'failed_resume_noirq', 'last_failed_dev', 'last_failed_errno', 'last_failed_step',
].map((n) => stat(n as keyof suspend_stats));

const attr_groups: attribute_group[] = [{ attrs: g }, { name: 'suspend_stats', attrs: suspend_attrs }, { attrs: hibernate_attrs }];

/** pm_init(): /sys/power's files (drivers/base/init.ts made the directory, as Linux's pm_init makes power_kobj). */
function pm_init(): number {
  const kobj = power_kobj();
  if (!kobj) return -EINVAL;
  hibernate_image_size_init();
  return sysfs_create_groups(kobj, attr_groups);
}

export const initcalls: initcall_entry[] = [['core', 'pm_init', pm_init, 4_000]];
