// cpufreq: acpi-cpufreq's policies from the default machine's _PSS with 6.1's policyN files and stats, the governors (schedutil and performance built in, the rest modules loaded on demand) and scaling_cur_freq following load in virtual time.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { boot } from '../core/harness.ts';
import { cpufreq_update_util } from '../../../kernel-sim/drivers/cpufreq/cpufreq.ts';
import { cpufreq_cpu_get } from '../../../kernel-sim/drivers/cpufreq/core_state.ts';
import { runqueue } from '../../../kernel-sim/kernel/sched/core.ts';
import { timekeeping } from '../../../kernel-sim/kernel/time/timekeeping.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');
const P0 = '/sys/devices/system/cpu/cpufreq/policy0';

describe('cpufreq on the default machine (acpi-cpufreq from the firmware\'s _PSS)', () => {
  const m = boot({ dts, dtsName: 'default.dts' });
  const sh = (c: string): string => m.runCommand(c).output;

  it('has a policy per CPU with 6.1\'s files, linked from cpuN/cpufreq', () => {
    expect(sh('ls /sys/devices/system/cpu/cpufreq; readlink /sys/devices/system/cpu/cpu1/cpufreq')).toBe('policy0\npolicy1\n../cpufreq/policy1\n');
    expect(sh(`ls ${P0}; ls ${P0}/stats`).split('\n').filter(Boolean)).toEqual([
      'affected_cpus', 'bios_limit', 'cpuinfo_cur_freq', 'cpuinfo_max_freq', 'cpuinfo_min_freq', 'cpuinfo_transition_latency', 'freqdomain_cpus',
      'related_cpus', 'scaling_available_frequencies', 'scaling_available_governors', 'scaling_cur_freq', 'scaling_driver', 'scaling_governor',
      'scaling_max_freq', 'scaling_min_freq', 'scaling_setspeed', 'stats', 'reset', 'time_in_state', 'total_trans', 'trans_table',
    ]);
    expect(sh(`cd ${P0}; ls -l cpuinfo_cur_freq stats/reset | cut -c1-10; grep . affected_cpus related_cpus bios_limit cpuinfo_max_freq cpuinfo_min_freq cpuinfo_transition_latency scaling_available_frequencies scaling_available_governors scaling_driver scaling_governor scaling_max_freq scaling_min_freq scaling_setspeed`)).toBe([
      '-r--------', '--w-------',
      'affected_cpus:0 ', 'related_cpus:0 ', 'bios_limit:2000000', 'cpuinfo_max_freq:2000000', 'cpuinfo_min_freq:800000',
      'cpuinfo_transition_latency:10000', 'scaling_available_frequencies:2000000 1600000 1200000 800000 ',
      'scaling_available_governors:performance schedutil ', 'scaling_driver:acpi-cpufreq', 'scaling_governor:schedutil',
      'scaling_max_freq:2000000', 'scaling_min_freq:800000', 'scaling_setspeed:<unsupported>', '',
    ].join('\n'));
  });

  it('schedutil lets an idle CPU fall to the lowest P-state; stats count the transitions', () => {
    m.runCommand('sleep 1');
    expect(sh(`cat ${P0}/scaling_cur_freq ${P0}/cpuinfo_cur_freq`)).toBe('800000\n800000\n');
    expect(Number(sh(`cat ${P0}/stats/total_trans`))).toBeGreaterThan(0);
    const tis = sh(`cat ${P0}/stats/time_in_state`).split('\n').filter(Boolean).map((l) => l.split(' ').map(Number));
    expect(tis.map((r) => r[0])).toEqual([2000000, 1600000, 1200000, 800000]);
    expect(tis[3]![1]).toBeGreaterThan(0);
    // Once there, an idle second is a second at 800 MHz (time_in_state counts 10 ms ticks).
    m.runCommand('sleep 1');
    const at800 = (): number => Number(sh(`cat ${P0}/stats/time_in_state`).split('\n').find((l) => l.startsWith('800000 '))!.split(' ')[1]);
    expect(at800() - tis[3]![1]).toBeGreaterThanOrEqual(100);
    expect(sh(`head -2 ${P0}/stats/trans_table`)).toBe('   From  :    To\n         :   2000000   1600000   1200000    800000 \n');
  });

  it('performance and the limits: the maximum, clamped by scaling_max_freq', () => {
    expect(sh(`echo performance > ${P0}/scaling_governor; cat ${P0}/scaling_cur_freq`)).toBe('2000000\n');
    expect(sh(`echo 1300000 > ${P0}/scaling_max_freq; cat ${P0}/scaling_max_freq ${P0}/scaling_cur_freq`)).toBe('1300000\n1200000\n');
    expect(sh(`echo 2000000 > ${P0}/scaling_max_freq; cat ${P0}/scaling_cur_freq; echo abc > ${P0}/scaling_max_freq; echo $?`)).toBe('2000000\n1\n');
  });

  it('loads powersave and userspace on demand (request_module), userspace takes scaling_setspeed', () => {
    expect(sh(`echo powersave > ${P0}/scaling_governor; cat ${P0}/scaling_cur_freq; lsmod | grep -c cpufreq_powersave`)).toBe('800000\n1\n');
    expect(sh(`echo userspace > ${P0}/scaling_governor; cat ${P0}/scaling_setspeed; echo 1300000 > ${P0}/scaling_setspeed; cat ${P0}/scaling_setspeed ${P0}/scaling_cur_freq`))
      .toBe('800000\n1300000\n1600000\n');
    expect(sh(`cat ${P0}/scaling_available_governors`)).toBe('userspace powersave performance schedutil \n');
    expect(sh(`echo turbo > ${P0}/scaling_governor; echo $?; cat ${P0}/scaling_governor`)).toBe('1\nuserspace\n');
  });

  /** Feeds the governor `n` samples of 10 ms with CPU 0 busy for `share` of each; returns policy0's frequency after each. */
  const drive = (n: number, share: number): number[] => m.inspect(() => {
    const out: number[] = [];
    const tk = timekeeping();
    const rq = runqueue();
    for (let i = 0; i < n; i++) {
      tk.now += 10_000_000;
      rq.busy_ns[0] = (rq.busy_ns[0] ?? 0) + share * 10_000_000;
      cpufreq_update_util(tk.now);
      out.push(cpufreq_cpu_get(0)!.cur);
    }
    return out;
  });

  it('ondemand: full load jumps to the maximum, half load goes proportional, idle to the minimum', () => {
    sh(`echo ondemand > ${P0}/scaling_governor`);
    expect(drive(3, 1).at(-1)).toBe(2000000);
    expect(drive(3, 0.5).at(-1)).toBe(1600000); // 800 + 50% of 1200 MHz = 1400, closest entry 1600 (ties go up)
    expect(drive(3, 0).at(-1)).toBe(800000);
  });

  it('conservative steps 5% of the maximum per sample; schedutil ramps by 1.25x as PELT fills', () => {
    sh(`echo conservative > ${P0}/scaling_governor`);
    const cs = drive(12, 1);
    expect(cs[0]).toBe(800000);
    // Four samples per table step (requested +100 MHz each: 1300, 1400, 1500, 1600); where the first sample falls in the
    // governor's period depends on how long the boot took, so the steps are counted between two table entries.
    expect(cs.indexOf(1600000) - cs.indexOf(1200000)).toBe(4);
    expect(cs.at(-1)).toBe(2000000);
    sh(`echo schedutil > ${P0}/scaling_governor`);
    drive(50, 0);
    const su = drive(60, 1);
    expect(su[0]).toBe(800000);
    expect(new Set(su)).toEqual(new Set([800000, 1200000, 1600000, 2000000]));
    expect(su.at(-1)).toBe(2000000);
    expect(drive(100, 0).at(-1)).toBe(800000);
  });
});

describe('cpufreq without a _PSS (the minimal machine, like QEMU\'s q35)', () => {
  const m = boot();
  it('has the cpufreq directory but no driver and no policies', () => {
    expect(m.runCommand('ls -A /sys/devices/system/cpu/cpufreq; ls /sys/devices/system/cpu/cpu0').output).toBe('driver\npower\nsubsystem\nuevent\n');
  });
});
