// A C driver's power management (test/fixtures/drivers/edu-pm, also built by real kbuild): dev_pm_ops from SET_SYSTEM_SLEEP_PM_OPS and SET_RUNTIME_PM_OPS reach the PM core through kernel/kapi/pm.ts; runtime PM with autosuspend in virtual time; system sleep runs its callbacks in order.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, sh, dmesg, q35 } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let ko: Uint8Array;
beforeAll(async () => { ko = await driver('edu-pm'); }, 180_000);

const POWER = '/sys/bus/pci/devices/0000:00:02.0/power';
const mine = (m: Machine, from: number): string[] => dmesg(m).slice(from).filter((l) => l.startsWith('edu_pm '));

describe('edu_pm.ko', () => {
  let m: Machine;
  it('probes with autosuspend; once control is auto the device suspends 100 virtual ms after its last use', () => {
    m = q35({ '/root/edu_pm.ko': ko });
    expect(sh(m, 'insmod /root/edu_pm.ko; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m)).toContain('edu_pm 0000:00:02.0: edu_pm: probed, autosuspend after 100 ms');
    // PCI devices start forbidden (control: on), as in the reference.
    expect(sh(m, `cat ${POWER}/control ${POWER}/runtime_status ${POWER}/autosuspend_delay_ms`)).toBe('on\nactive\n100\n');
    const from = dmesg(m).length;
    expect(sh(m, `echo auto > ${POWER}/control; cat ${POWER}/runtime_status; sleep 0.05; cat ${POWER}/runtime_status; sleep 0.1; cat ${POWER}/runtime_status`))
      .toBe('active\nactive\nsuspended\n');
    expect(mine(m, from)).toEqual(['edu_pm 0000:00:02.0: edu_pm_runtime_suspend']);
  });

  it('a read through the driver resumes the device first, then it autosuspends again', () => {
    const from = dmesg(m).length;
    expect(sh(m, `cat /sys/bus/pci/devices/0000:00:02.0/edu_pm_ident; cat ${POWER}/runtime_status ${POWER}/runtime_usage; sleep 0.2; cat ${POWER}/runtime_status`))
      .toBe('010000ed\nactive\n0\nsuspended\n');
    expect(mine(m, from)).toEqual(['edu_pm 0000:00:02.0: edu_pm_runtime_resume', 'edu_pm 0000:00:02.0: edu_pm_runtime_suspend']);
  });

  it('echo mem > /sys/power/state: the runtime-suspended device is resumed, then its suspend and resume callbacks run around S3', () => {
    const from = dmesg(m).length;
    expect(sh(m, 'echo mem > /sys/power/state; echo $?')).toBe('0\n');
    const got = mine(m, from);
    expect(got.slice(0, 3)).toEqual([
      'edu_pm 0000:00:02.0: edu_pm_runtime_resume',
      'edu_pm 0000:00:02.0: edu_pm_suspend: saved liveness ffffffff',
      'edu_pm 0000:00:02.0: edu_pm_resume',
    ]);
    const all = dmesg(m).slice(from);
    expect(all.indexOf('edu_pm 0000:00:02.0: edu_pm_suspend: saved liveness ffffffff')).toBeLessThan(all.indexOf('ACPI: PM: Preparing to enter system sleep state S3'));
    expect(all.indexOf('edu_pm 0000:00:02.0: edu_pm_resume')).toBeGreaterThan(all.indexOf('ACPI: PM: Waking up from system sleep state S3'));
  });
});
