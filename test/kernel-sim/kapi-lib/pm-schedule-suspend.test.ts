// pm_schedule_suspend and pm_runtime_barrier (drivers/base/power/runtime.c), which lis3lv02d's sysfs reads use: a
// suspend after a delay by the suspend timer, refused while the device is in use, and a barrier that cancels it.
import { describe, it, expect } from 'vitest';
import { boot, run } from '../core/harness.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { device_alloc, device_initialize, dev_set_name } from '../../../kernel-sim/drivers/base/core.ts';
import type { device, device_driver } from '../../../kernel-sim/drivers/base/base.ts';
import { EAGAIN } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import * as rpm from '../../../kernel-sim/drivers/base/power/runtime.ts';

const MS = 1_000_000;

function mkdev(m: Machine, name: string, log: string[]): device {
  const drv: device_driver = {
    name: 'rpmsched',
    pm: {
      runtime_suspend: (d) => { log.push(`suspend ${d.kobj.name}`); return 0; },
      runtime_resume: (d) => { log.push(`resume ${d.kobj.name}`); return 0; },
    },
  };
  return m.inspect(() => {
    const d = device_alloc();
    device_initialize(d);
    dev_set_name(d, name);
    d.driver = drv;
    rpm.pm_runtime_set_active(d);
    rpm.pm_runtime_enable(d);
    return d;
  });
}

const status = (m: Machine, d: device): string => m.inspect(() => d.power.runtime_status);

describe('pm_schedule_suspend and pm_runtime_barrier', () => {
  const m = boot();

  it('suspends an idle device when the delay has run out, not before', () => {
    const log: string[] = [];
    const dev = mkdev(m, 'sched-a', log);
    expect(m.inspect(() => rpm.pm_schedule_suspend(dev, 100))).toBe(0);
    m.runFor(90 * MS);
    expect(status(m, dev)).toBe('RPM_ACTIVE');
    m.runFor(20 * MS);
    expect(status(m, dev)).toBe('RPM_SUSPENDED');
    expect(log).toEqual(['suspend sched-a']);
  });

  it('is refused with -EAGAIN while the device is in use', () => {
    const dev = mkdev(m, 'sched-b', []);
    m.inspect(() => rpm.pm_runtime_get_noresume(dev));
    expect(m.inspect(() => rpm.pm_schedule_suspend(dev, 100))).toBe(-EAGAIN);
    m.inspect(() => rpm.pm_runtime_put_noidle(dev));
  });

  it('pm_runtime_barrier cancels a scheduled suspend and returns 0 when no resume was pending', () => {
    const log: string[] = [];
    const dev = mkdev(m, 'sched-c', log);
    m.inspect(() => rpm.pm_schedule_suspend(dev, 50));
    let r = -1;
    expect(run(m, function* (): KGen<number> { r = yield* rpm.pm_runtime_barrier(dev); return 0; }).status).toBe(0);
    expect(r).toBe(0);
    m.runFor(100 * MS);
    expect(status(m, dev)).toBe('RPM_ACTIVE');
    expect(log).toEqual([]);
  });
});
