// A C driver's hibernation callbacks (test/fixtures/drivers/edu-hibernate, also built by real kbuild): .freeze/.thaw/.poweroff/.restore and SET_LATE_/SET_NOIRQ_SYSTEM_SLEEP_PM_OPS reach the PM core through kernel/kapi/pm.ts; echo disk runs freeze, freeze_late, freeze_noirq around the image and thaw_noirq, thaw_early, thaw after it; pm_test=devices gives restore.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, sh, dmesg, q35 } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let ko: Uint8Array;
beforeAll(async () => { ko = await driver('edu-hibernate'); }, 180_000);

const mine = (m: Machine, from: number): string[] => dmesg(m).slice(from).filter((l) => l.startsWith('edu_hib ')).map((l) => l.replace('edu_hib 0000:00:02.0: ', ''));

describe('edu_hib.ko', () => {
  let m: Machine;
  it('echo disk: freeze before the image with the register saved (edu liveness reads back inverted), thaw after it with the register back; no poweroff or restore', () => {
    m = q35({ '/root/edu_hib.ko': ko });
    expect(sh(m, 'insmod /root/edu_hib.ko; echo rc=$?')).toBe('rc=0\n');
    const from = dmesg(m).length;
    expect(sh(m, 'echo disk > /sys/power/state; echo $?')).toBe('1\n');
    expect(mine(m, from)).toEqual(['freeze: saved liveness edcba987', 'late', 'noirq', 'resume noirq', 'early', 'thaw']);
    const all = dmesg(m).slice(from);
    expect(all.indexOf('edu_hib 0000:00:02.0: noirq')).toBeLessThan(all.indexOf('PM: hibernation: Creating image:'));
    expect(all.indexOf('edu_hib 0000:00:02.0: resume noirq')).toBeGreaterThan(all.indexOf('PM: hibernation: Image created (' + /\((\d+) pages copied\)/.exec(all.join('\n'))![1] + ' pages copied)'));
    expect(all.at(-1)).toBe('PM: hibernation: hibernation exit');
  });

  it('pm_test=devices: freeze, then restore (no image was made), as hibernation_snapshot() picks PMSG_RESTORE', () => {
    const from = dmesg(m).length;
    expect(sh(m, 'echo devices > /sys/power/pm_test; echo disk > /sys/power/state; echo $?; echo none > /sys/power/pm_test')).toBe('0\n');
    // thaw wrote the saved edcba987 back, which edu's liveness register reads back inverted.
    expect(mine(m, from)).toEqual(['freeze: saved liveness 12345678', 'restore']);
  });
});
