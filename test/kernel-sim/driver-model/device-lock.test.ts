// device_lock around probe and the sysfs bind/unbind stores (an unbind during a sleeping probe waits for it), and deferred probing retried by a kworker.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import { bootMachine, kcall, sh } from './harness.ts';
import { platform_device_register_simple, __platform_driver_register, PLATFORM_DEVID_NONE, type platform_device } from '../../../kernel-sim/drivers/base/platform.ts';
import { kernel_thread } from '../../../kernel-sim/kernel/fork.ts';
import { current, schedule_timeout_uninterruptible } from '../../../kernel-sim/kernel/sched/core.ts';
import { ktime_get } from '../../../kernel-sim/kernel/time/timekeeping.ts';
import { dev_get_drvdata } from '../../../kernel-sim/drivers/base/core.ts';
import { deferred_devices } from '../../../kernel-sim/drivers/base/dd.ts';
import { EPROBE_DEFER } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';

const MS = 1_000_000;
let m: Machine;
beforeAll(() => { m = bootMachine(); });

/** Registers a platform device from a kernel thread, so that its probe may sleep (kcall's context may not). */
function registerInKthread(name: string): void {
  m.inspect(() => kernel_thread(function* (): KGen<number> { yield* platform_device_register_simple(name, PLATFORM_DEVID_NONE); return 0; }, 'kwb-hotplug'));
}

describe('device_lock', () => {
  it('an unbind written while the probe sleeps waits for the probe to finish, then unbinds', () => {
    const log: string[] = [];
    const at: Record<string, number> = {};
    kcall(m, () => __platform_driver_register({
      driver: { name: 'kwb-slow' },
      probe: function* (p: platform_device): KGen<number> {
        log.push('probe start');
        yield* schedule_timeout_uninterruptible(50 * MS);
        log.push('probe end');
        at.probed = ktime_get();
        p.dev.driver_data = { ready: true };
        return 0;
      },
      remove: (p) => { log.push(`remove sees drvdata ${JSON.stringify(dev_get_drvdata(p.dev))}`); at.removed = m.inspect(() => ktime_get()); },
    }));
    registerInKthread('kwb-slow');
    m.runFor(MS);
    expect(log).toEqual(['probe start']);
    // The driver is already the device's (really_probe set it), so unbind_store goes on to device_driver_detach and sleeps on the lock.
    expect(sh(m, 'echo kwb-slow > /sys/bus/platform/drivers/kwb-slow/unbind; echo $?')).toBe('0\n');
    expect(log).toEqual(['probe start', 'probe end', 'remove sees drvdata {"ready":true}']);
    expect(at.removed).toBeGreaterThanOrEqual(at.probed!);
    expect(sh(m, 'ls /sys/devices/platform/kwb-slow/driver 2>&1')).toMatch(/No such file or directory/);
  });

  it('a bind written while the probe sleeps waits too, then finds the device bound (EBUSY)', () => {
    const log: string[] = [];
    kcall(m, () => __platform_driver_register({
      driver: { name: 'kwb-slow2' },
      probe: function* (): KGen<number> { log.push('probe start'); yield* schedule_timeout_uninterruptible(20 * MS); log.push('probe end'); return 0; },
    }));
    registerInKthread('kwb-slow2');
    m.runFor(MS);
    expect(log).toEqual(['probe start']);
    expect(sh(m, 'echo kwb-slow2 | tee /sys/bus/platform/drivers/kwb-slow2/bind >/dev/null; echo $?')).toMatch(/Device or resource busy\n1\n$/);
    expect(log).toEqual(['probe start', 'probe end']);
    expect(sh(m, 'readlink /sys/devices/platform/kwb-slow2/driver')).toBe('../../../bus/platform/drivers/kwb-slow2\n');
  });
});

describe('deferred probe', () => {
  it('A defers until B binds; the retry runs from the deferred-probe work in a kworker', () => {
    const order: string[] = [];
    let b: platform_device | null = null;
    kcall(m, () => __platform_driver_register({
      driver: { name: 'kwb-a' },
      probe: () => {
        if (!b || !dev_get_drvdata(b.dev)) { order.push('A defers'); return -EPROBE_DEFER; }
        order.push(`A binds in ${current().comm}`);
        return 0;
      },
    }));
    const a = kcall(m, () => platform_device_register_simple('kwb-a', PLATFORM_DEVID_NONE)) as platform_device;
    b = kcall(m, () => platform_device_register_simple('kwb-b', PLATFORM_DEVID_NONE)) as platform_device;
    expect(a.dev.probe_state).toBe('deferred');
    expect(m.inspect(() => deferred_devices().map((d) => d.kobj.name))).toEqual(['kwb-a']);
    // Time passing alone retries nothing: only a driver binding triggers the work.
    m.runFor(10 * MS);
    expect(order).toEqual(['A defers']);
    kcall(m, () => __platform_driver_register({ driver: { name: 'kwb-b' }, probe: (p) => { order.push('B binds'); p.dev.driver_data = { ok: 1 }; return 0; } }));
    expect(order).toEqual(['A defers', 'B binds']);
    m.runFor(MS);
    expect(order).toEqual(['A defers', 'B binds', 'A binds in kworker/u4:0-events_unbound']);
    expect(a.dev.probe_state).toBe('bound');
    expect(m.inspect(() => deferred_devices())).toEqual([]);
    const retries = JSON.parse(m.exportTrace()).traceEvents.filter((e: { name: string; args?: { dev?: string } }) => e.name === 'probe_retry' && e.args?.dev === 'kwb-a');
    expect(retries).toHaveLength(1);
    expect(sh(m, 'ps -e')).toMatch(/kworker\/u4:0-events_unbound/);
  });
});
