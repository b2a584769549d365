// A C platform driver's power management (test/fixtures/drivers/platform-pm, also built by real kbuild): its dev_pm_ops (pm_ptr, SYSTEM_SLEEP_PM_OPS, RUNTIME_PM_OPS) reach the PM core through kernel/kapi/platform.ts; runtime PM from the initial suspended status, autosuspend in virtual time, system sleep callbacks around S3.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, sh, dmesg, q35 } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let ko: Uint8Array;
beforeAll(async () => { ko = await driver('platform-pm'); }, 180_000);

const DEV = '/sys/devices/platform/kwb-platpm';
const POWER = `${DEV}/power`;
const mine = (m: Machine, from: number): string[] => dmesg(m).slice(from).filter((l) => l.startsWith('kwb-platpm '));

describe('kwb_platpm.ko', () => {
  let m: Machine;
  it('enables runtime PM in probe: a platform device starts suspended, with control auto', () => {
    m = q35({ '/root/kwb_platpm.ko': ko });
    expect(sh(m, 'insmod /root/kwb_platpm.ko; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m)).toContain('kwb-platpm kwb-platpm: probe: runtime PM enabled');
    expect(sh(m, `cat ${POWER}/control ${POWER}/runtime_status ${POWER}/runtime_enabled ${POWER}/autosuspend_delay_ms`)).toBe('auto\nsuspended\nenabled\n50\n');
  });

  it('a read through the driver resumes the device through the driver\'s runtime_resume; it suspends 50 virtual ms after', () => {
    const from = dmesg(m).length;
    expect(sh(m, `cat ${DEV}/poke; cat ${POWER}/runtime_status; sleep 0.03; cat ${POWER}/runtime_status; sleep 0.03; cat ${POWER}/runtime_status`))
      .toBe('poked\nactive\nactive\nsuspended\n');
    expect(mine(m, from)).toEqual(['kwb-platpm kwb-platpm: runtime_resume', 'kwb-platpm kwb-platpm: runtime_suspend']);
  });

  it('echo mem > /sys/power/state calls the driver\'s suspend before S3 and its resume after', () => {
    const from = dmesg(m).length;
    expect(sh(m, 'echo mem > /sys/power/state; echo $?')).toBe('0\n');
    const all = dmesg(m).slice(from);
    const at = (l: string): number => all.indexOf(l);
    expect(mine(m, from)).toEqual(['kwb-platpm kwb-platpm: suspend (runtime suspended)', 'kwb-platpm kwb-platpm: resume']);
    expect(at('kwb-platpm kwb-platpm: suspend (runtime suspended)')).toBeLessThan(at('ACPI: PM: Preparing to enter system sleep state S3'));
    expect(at('kwb-platpm kwb-platpm: resume')).toBeGreaterThan(at('ACPI: PM: Waking up from system sleep state S3'));
  });

  it('rmmod disables runtime PM and removes the device cleanly', () => {
    expect(sh(m, 'rmmod kwb_platpm; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m)).toContain('kwb-platpm kwb-platpm: remove');
    expect(dmesg(m).some((l) => /still held|kmemleak/.test(l))).toBe(false);
    expect(sh(m, `ls ${DEV} 2>&1 >/dev/null | head -c 3`)).toBe('ls:');
  });
});
