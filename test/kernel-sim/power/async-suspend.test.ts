// Async suspend (drivers/base/power/main.ts with async.ts): devices with power/async run their callbacks on async kworkers while pm_async is 1 — concurrently in virtual time, children still before parents on the way down and parents before children on the way up (dpm_wait); pm_async=0 runs them one after another on the writer; pm_print_times shows the workers' pids.
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { boot, dmesg, run } from '../core/harness.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { device_alloc, device_initialize, dev_set_name, device_add } from '../../../kernel-sim/drivers/base/core.ts';
import type { device } from '../../../kernel-sim/drivers/base/base.ts';
import type { dev_pm_ops } from '../../../kernel-sim/drivers/base/power/pm.ts';
import * as dpm from '../../../kernel-sim/drivers/base/power/main.ts';
import { schedule_timeout_uninterruptible } from '../../../kernel-sim/kernel/sched/core.ts';
import { ktime_get, NSEC_PER_MSEC } from '../../../kernel-sim/kernel/time/timekeeping.ts';
import { pmState } from '../../../kernel-sim/kernel/power/power.ts';

/** One callback run: device, callback, start and end in virtual ms from the phase's start. */
interface span { dev: string; cb: string; start: number; end: number }

/** A device whose suspend and resume callbacks each sleep 10 virtual ms and record when they ran. */
function mkdev(m: Machine, name: string, spans: span[], parent: device | null, async: boolean): device {
  const sleeper = (cb: string) => function* (d: device): KGen<number> {
    const s: span = { dev: d.kobj.name, cb, start: ktime_get(), end: 0 };
    yield* schedule_timeout_uninterruptible(10 * NSEC_PER_MSEC);
    s.end = ktime_get();
    spans.push(s);
    return 0;
  };
  const pm: dev_pm_ops = { suspend: sleeper('suspend'), resume: sleeper('resume') };
  const dev = m.inspect(() => { const d = device_alloc(); device_initialize(d); dev_set_name(d, name); d.parent = parent; return d; });
  expect(run(m, function* (): KGen<number> { yield* device_add(dev); return 0; }).status).toBe(0);
  dev.driver = { name: 'asynctest', pm };
  dev.power.async_suspend = async;
  return dev;
}

/** prepare, suspend, resume, complete over every device, in a process context. */
function cycle(m: Machine): void {
  expect(run(m, function* (): KGen<number> {
    const error = yield* dpm.dpm_suspend_start();
    yield* dpm.dpm_resume_end();
    return error ? 1 : 0;
  }).status).toBe(0);
}

const of = (spans: span[], dev: string, cb: string): span => spans.find((s) => s.dev === dev && s.cb === cb)!;
const overlap = (a: span, b: span): boolean => a.start < b.end && b.start < a.end;

describe('async suspend and resume', () => {
  const m = boot();
  const spans: span[] = [];
  const p = mkdev(m, 'as-parent', spans, null, true);
  mkdev(m, 'as-a', spans, p, true);
  mkdev(m, 'as-b', spans, p, true);
  const sync_parent = mkdev(m, 'as-sync', spans, null, false);
  mkdev(m, 'as-c', spans, sync_parent, true);

  it('siblings suspend at the same virtual time; a parent starts only when its children are done, a sync parent waits for its async child', () => {
    cycle(m);
    const [a, b, par] = ['as-a', 'as-b', 'as-parent'].map((d) => of(spans, d, 'suspend'));
    expect(overlap(a!, b!)).toBe(true);
    expect(par!.start).toBeGreaterThanOrEqual(Math.max(a!.end, b!.end));
    expect(of(spans, 'as-sync', 'suspend').start).toBeGreaterThanOrEqual(of(spans, 'as-c', 'suspend').end);
  });

  it('on resume the parent finishes before its children start, and the children resume together', () => {
    const [a, b, par] = ['as-a', 'as-b', 'as-parent'].map((d) => of(spans, d, 'resume'));
    expect(Math.min(a!.start, b!.start)).toBeGreaterThanOrEqual(par!.end);
    expect(overlap(a!, b!)).toBe(true);
    expect(of(spans, 'as-c', 'resume').start).toBeGreaterThanOrEqual(of(spans, 'as-sync', 'resume').end);
  });

  it('pm_async=0: the same devices run one after another, in dpm order', () => {
    spans.length = 0;
    m.inspect(() => { pmState().pm_async_enabled = false; });
    cycle(m);
    m.inspect(() => { pmState().pm_async_enabled = true; });
    const sus = spans.filter((s) => s.cb === 'suspend').sort((x, y) => x.start - y.start);
    for (let i = 1; i < sus.length; i++) expect(sus[i]!.start).toBeGreaterThanOrEqual(sus[i - 1]!.end);
    expect(sus.map((s) => s.dev)).toEqual(['as-c', 'as-sync', 'as-b', 'as-a', 'as-parent']);
  });

  it('pm_print_times: siblings are called from different kworkers before either returns', () => {
    m.inspect(() => { pmState().pm_print_times_enabled = true; });
    const from = dmesg(m).length;
    cycle(m);
    m.inspect(() => { pmState().pm_print_times_enabled = false; });
    const got = dmesg(m).slice(from);
    const calling = (d: string): number => got.findIndex((l) => l.startsWith(`asynctest ${d}: PM: calling suspend+0x0/0x0 @ `));
    const returned = (d: string): number => got.findIndex((l) => new RegExp(`^asynctest ${d}: PM: suspend\\+0x0/0x0 returned 0 after \\d+ usecs$`).test(l));
    expect(Math.max(calling('as-a'), calling('as-b'))).toBeLessThan(Math.min(returned('as-a'), returned('as-b')));
    const pid = (d: string): string => /@ (\d+),/.exec(got[calling(d)]!)![1]!;
    expect(pid('as-a')).not.toBe(pid('as-b'));
    expect(got.some((l) => /^asynctest as-a: PM: suspend\+0x0\/0x0 returned 0 after 10\d\d\d usecs$/.test(l))).toBe(true);
  });

});

describe('async suspend of PCI functions on the default machine', () => {
  const m = boot({ dts: readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8'), dtsName: 'default.dts' });

  it('echo mem: PCI functions (power/async enabled by pci_pm_init) run their callbacks on async kworkers; with pm_async=0 on the writer', () => {
    expect(m.runCommand('cat /sys/bus/pci/devices/0000:00:00.0/power/async').output).toBe('enabled\n');
    const comm_of_noirq_caller = (async: 0 | 1): string => {
      const from = dmesg(m).length;
      expect(m.runCommand(`echo ${async} > /sys/power/pm_async; echo 1 > /sys/power/pm_print_times; echo mem > /sys/power/state; echo $?; echo 0 > /sys/power/pm_print_times`).output).toBe('0\n');
      const line = dmesg(m).slice(from).find((l) => / PM: calling pci_pm_suspend_noirq\+0x0\/0x0 @ \d+, parent: /.test(l));
      const pid = /@ (\d+),/.exec(line!)![1];
      return m.runCommand(`cat /proc/${pid}/comm 2>/dev/null || echo gone`).output.trim();
    };
    expect(comm_of_noirq_caller(1)).toMatch(/^kworker\/u4:\d+$/);
    expect(comm_of_noirq_caller(0)).not.toMatch(/^kworker/); // the writer itself (exited since, or the shell)
  });
});
