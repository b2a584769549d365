// Power benchmarks (issue 16): full suspend/resume cycles (freeze, every device's sleep callbacks, the ACPI S3 sleep until the RTC alarm, thaw) per wall-clock second, for deep (S3) and s2idle, each cycle woken by the RTC one virtual second later; and the host CPU time of idle periods with cpuidle, cpufreq and the CPU history on (the default machine's _CST/_PSS) and without them (the same machine with those properties removed).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Machine } from '../kernel-sim/machine.ts';

const IDLE_SLEEPS = Number(process.env.KWB_POWER_BENCH_SLEEPS ?? 300);

/** Host CPU ms (user + system) for `n` 10 ms sleeps in the guest: each is one idle period for every online CPU. */
function idleCpuMs(dts: string, n: number): number {
  const m = new Machine({ dts, dtsName: 'default.dts' });
  m.boot();
  m.runCommand('sleep 0.1');
  const c0 = process.cpuUsage();
  m.runCommand(`i=0; while [ $i -lt ${n} ]; do sleep 0.01; i=$((i+1)); done`, { timeoutNs: n * 1e9 });
  const c = process.cpuUsage(c0);
  return Math.round((c.user + c.system) / 100) / 10;
}

const CYCLES = Number(process.env.KWB_POWER_BENCH_CYCLES ?? 40);

/** One shell command runs `n` cycles: each arms the RTC alarm 1 s ahead and suspends. */
function cyclesPerSecond(mode: 'deep' | 's2idle', n: number): { per_s: number; ms_per_cycle: number } {
  const m = new Machine({});
  m.boot();
  m.runCommand(`echo ${mode} > /sys/power/mem_sleep`);
  const loop = `i=0; while [ $i -lt ${n} ]; do echo +1 > /sys/class/rtc/rtc0/wakealarm; echo mem > /sys/power/state || exit 1; i=$((i+1)); done; cat /sys/power/suspend_stats/success`;
  const t0 = performance.now();
  const r = m.runCommand(loop, { timeoutNs: n * 10e9 });
  const dt = performance.now() - t0;
  if (r.output.trim() !== String(n)) throw new Error(`power bench: ${mode}: ${r.output}`);
  return { per_s: Math.round((n / dt) * 1000 * 10) / 10, ms_per_cycle: Math.round((dt / n) * 100) / 100 };
}

export default function bench(): Record<string, number> {
  cyclesPerSecond('deep', 3); // warm-up: JIT and the first boot's lazy tables
  const deep = cyclesPerSecond('deep', CYCLES);
  const s2idle = cyclesPerSecond('s2idle', CYCLES);
  const dts = readFileSync(new URL('../resources/machines/default.dts', import.meta.url), 'utf8');
  // The same machine without its firmware's _CST and _PSS: no idle driver, no cpufreq policies.
  const bare = dts.replace(/kwb,acpi-(cst|pss)[^;]*;/g, '');
  idleCpuMs(bare, 20); // warm-up
  const without = idleCpuMs(bare, IDLE_SLEEPS);
  const withIdle = idleCpuMs(dts, IDLE_SLEEPS);
  return {
    idle_sleeps_cpu_ms_without_cpuidle: without,
    idle_sleeps_cpu_ms_with_cpuidle_cpufreq: withIdle,
    suspend_resume_deep_per_s: deep.per_s,
    suspend_resume_deep_ms: deep.ms_per_cycle,
    suspend_resume_s2idle_per_s: s2idle.per_s,
    suspend_resume_s2idle_ms: s2idle.ms_per_cycle,
  };
}
