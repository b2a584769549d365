// Scheduler benchmark: how fast a CPU-bound guest program moves virtual time — virtual seconds per wall (and per CPU) second while `yes > /dev/null` runs beside a sleeping shell (goal >= 1), and the same for a shell loop of builtins.
import { performance } from 'node:perf_hooks';
import { Machine } from '../kernel-sim/machine.ts';
import { ktime_get, NSEC_PER_SEC } from '../kernel-sim/kernel/time/timekeeping.ts';

const cpuS = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

/** Runs `cmd` and returns virtual seconds per wall second and per CPU second of this process. */
function rate(m: Machine, cmd: string): { wall: number; cpu: number } {
  const v0 = m.inspect(() => ktime_get()), t0 = performance.now(), c0 = cpuS();
  const r = m.runCommand(cmd, { timeoutNs: 60 * NSEC_PER_SEC });
  if (r.status !== 0) throw new Error(`${cmd}: status ${r.status}: ${r.output}`);
  const dv = (m.inspect(() => ktime_get()) - v0) / NSEC_PER_SEC;
  return { wall: dv / ((performance.now() - t0) / 1000), cpu: dv / (cpuS() - c0) };
}

export default function bench(): Record<string, number> {
  const m = new Machine({});
  m.boot();
  rate(m, 'yes > /dev/null & sleep 0.2; kill $!'); // warm-up (JIT)
  const yes = rate(m, 'yes > /dev/null & sleep 2; kill $!');
  const loop = rate(m, 'sh -c "while :; do :; done" & p=$!; sleep 0.2; kill -9 $p');
  return {
    busy_yes_virtual_s_per_wall_s: Number(yes.wall.toFixed(3)),
    busy_yes_virtual_s_per_cpu_s: Number(yes.cpu.toFixed(3)),
    busy_shell_loop_virtual_s_per_wall_s: Number(loop.wall.toFixed(3)),
    busy_shell_loop_virtual_s_per_cpu_s: Number(loop.cpu.toFixed(3)),
  };
}
