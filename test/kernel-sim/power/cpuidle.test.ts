// cpuidle: /sys/devices/system/cpu/cpuidle and cpuN/cpuidle/stateK as 6.1 lays them out for acpi_idle on the default machine's _CST, the idle loop moving usage/time/above/below in virtual time, disable, and the ladder and menu governors.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { boot, dmesg } from '../core/harness.ts';
import { cpuidle_idle, cpuidle_wake } from '../../../kernel-sim/drivers/cpuidle/idle.ts';
import { cpuidle_get_device } from '../../../kernel-sim/drivers/cpuidle/core_state.ts';
import { timekeeping } from '../../../kernel-sim/kernel/time/timekeeping.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');
const lines = (s: string): string[] => s.split('\n').filter(Boolean);
const times = (m: ReturnType<typeof boot>, cpu: number): number[] =>
  lines(m.runCommand(`cat /sys/devices/system/cpu/cpu${cpu}/cpuidle/state*/time`).output).map(Number);

describe('cpuidle on the default machine (acpi_idle from the firmware\'s _CST)', () => {
  const m = boot({ dts, dtsName: 'default.dts' });

  it('has the global files and the boot lines of the two governors', () => {
    expect(m.runCommand('cd /sys/devices/system/cpu/cpuidle && ls -l | awk \'NR > 1 { print $1, $NF }\' && grep . *').output).toBe([
      '-r--r--r-- available_governors', '-r--r--r-- current_driver', '-rw-r--r-- current_governor', '-r--r--r-- current_governor_ro',
      'available_governors:ladder menu ', 'current_driver:acpi_idle', 'current_governor:menu', 'current_governor_ro:menu', '',
    ].join('\n'));
    const log = dmesg(m);
    expect(log.filter((l) => l.startsWith('cpuidle:'))).toEqual(['cpuidle: using governor ladder', 'cpuidle: using governor menu']);
  });

  it('lists POLL, C1, C2, C3 with 6.1\'s files, latency x2 as residency, s2idle/ only where the state can serve it', () => {
    const dir = '/sys/devices/system/cpu/cpu0/cpuidle';
    expect(m.runCommand(`ls ${dir}; ls ${dir}/state0`).output).toBe(
      'state0\nstate1\nstate2\nstate3\nabove\nbelow\ndefault_status\ndesc\ndisable\nlatency\nname\npower\nrejected\nresidency\ntime\nusage\n');
    const desc = m.runCommand(`cd ${dir}; for s in state*; do echo "$(cat $s/name)|$(cat $s/desc)|$(cat $s/latency)|$(cat $s/residency)|$(cat $s/power)|$(cat $s/default_status)|$(ls $s | grep -c s2idle)"; done`).output;
    expect(lines(desc)).toEqual([
      'POLL|CPUIDLE CORE POLL IDLE|0|0|4294967295|enabled|0',
      'C1|ACPI HLT|1|2|0|enabled|0',
      'C2|ACPI IOPORT 0x614|50|100|0|enabled|1',
      'C3|ACPI IOPORT 0x615|150|300|0|enabled|1',
    ]);
    expect(m.runCommand(`ls ${dir}/state3/s2idle; ls -l ${dir}/state3/disable | cut -c1-10`).output).toBe('time\nusage\n-rw-r--r--\n');
  });

  it('spends a long sleep in C3 under menu: time moves by the sleep, usage counts it, nothing above', () => {
    const before = times(m, 1);
    const usage0 = Number(m.runCommand('cat /sys/devices/system/cpu/cpu1/cpuidle/state3/usage').output);
    m.runCommand('sleep 2');
    const after = times(m, 1);
    const delta = after.map((t, i) => t - before[i]!);
    expect(delta[3]).toBeGreaterThan(1_900_000);
    expect(delta[3]).toBeLessThanOrEqual(2_100_000);
    expect(Number(m.runCommand('cat /sys/devices/system/cpu/cpu1/cpuidle/state3/usage').output)).toBeGreaterThan(usage0);
    expect(m.runCommand('cat /sys/devices/system/cpu/cpu1/cpuidle/state3/above').output).toBe('0\n');
  });

  it('a disabled state is skipped: with C3 off the sleep goes to C2; disable takes 0/1 and refuses words', () => {
    const d = '/sys/devices/system/cpu/cpu0/cpuidle/state3/disable';
    expect(m.runCommand(`echo 1 > ${d}; cat ${d}; echo yes > ${d}; echo $?`).output).toBe('1\n1\n');
    const before = times(m, 0);
    m.runCommand('sleep 1');
    const after = times(m, 0);
    expect(after[3]).toBe(before[3]);
    expect(after[2]! - before[2]!).toBeGreaterThan(900_000);
    m.runCommand(`echo 0 > ${d}`);
  });

  it('switches to ladder, which starts on C1 and climbs only after repeated long stays', () => {
    const g = '/sys/devices/system/cpu/cpuidle/current_governor';
    expect(m.runCommand(`echo teo > ${g}; echo $?; echo ladder > ${g}; cat ${g}`).output).toBe('1\nladder\n');
    expect(dmesg(m).at(-1)).toBe('cpuidle: using governor ladder');
    const before = times(m, 1);
    m.runCommand('sleep 1');
    const after = times(m, 1);
    expect(after[1]! - before[1]!).toBeGreaterThan(900_000);
    // Four long periods in C1 promote to C2, four more in C2 to C3.
    const usage = (): number[] => lines(m.runCommand('cat /sys/devices/system/cpu/cpu1/cpuidle/state*/usage').output).map(Number);
    const u0 = usage();
    m.runCommand('for i in 1 2 3 4 5 6 7 8 9; do sleep 0.1; done');
    const u1 = usage();
    expect(u1[2]! - u0[2]!).toBeGreaterThan(0);
    expect(u1[3]! - u0[3]!).toBeGreaterThan(0);
    m.runCommand(`echo menu > ${g}`);
  });
});

describe('the menu governor learns from early wake-ups', () => {
  const m = boot({ dts, dtsName: 'default.dts' });

  it('a 10 ms timer that keeps being beaten by a 20 us wake-up: C3 (counted above) at first, C1 once the intervals agree', () => {
    const picks = m.inspect(() => {
      const out: number[] = [];
      const dev = cpuidle_get_device(1)!;
      let t = timekeeping().now;
      // A quiet spell first: eight idle periods that each last until their 10 ms timer, so the governor's recent
      // intervals (get_typical_interval's eight) say nothing of short wake-ups, whatever the boot left there.
      for (let i = 0; i < 8; i++) { cpuidle_idle(t, t + 10_000_000, t + 10_000_000, false); cpuidle_wake(t + 10_000_000); t += 10_050_000; }
      for (let i = 0; i < 12; i++) {
        cpuidle_idle(t, t + 20_000, t + 10_000_000, false);
        out.push(dev.entered);
        cpuidle_wake(t + 20_000);
        t += 50_000;
      }
      return { out, above3: dev.states_usage[3]!.above };
    });
    expect(picks.out[0]).toBe(3);
    expect(picks.above3).toBeGreaterThan(0);
    expect(picks.out.at(-1)).toBe(1);
  });
});

describe('cpuidle without a _CST (the minimal machine, like QEMU\'s q35)', () => {
  const m = boot();
  it('has no idle driver and no per-CPU cpuidle directory, governors still registered', () => {
    expect(m.runCommand('cat /sys/devices/system/cpu/cpuidle/current_driver /sys/devices/system/cpu/cpuidle/current_governor; ls /sys/devices/system/cpu/cpu0').output)
      .toBe('none\nmenu\ndriver\npower\nsubsystem\nuevent\n');
  });
});
