// Power benchmarks (issue 16): full suspend/resume cycles (freeze, every device's sleep callbacks, the ACPI S3 sleep until the RTC alarm, thaw) per wall-clock second, for deep (S3) and s2idle, each cycle woken by the RTC one virtual second later.
import { performance } from 'node:perf_hooks';
import { Machine } from '../kernel-sim/machine.ts';

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
  return {
    suspend_resume_deep_per_s: deep.per_s,
    suspend_resume_deep_ms: deep.ms_per_cycle,
    suspend_resume_s2idle_per_s: s2idle.per_s,
    suspend_resume_s2idle_ms: s2idle.ms_per_cycle,
  };
}
