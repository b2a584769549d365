// Kernel core benchmarks: boot of the default machine to the shell prompt (target < 50 ms), null system calls per second (target > 1,000,000), and the fork+exec+wait round trip; each also in CPU time of this process, the figure to compare on a loaded machine.
import { performance } from 'node:perf_hooks';
import { Machine } from '../kernel-sim/machine.ts';
import { register_programs } from '../kernel-sim/user/bin/index.ts';
import { kwb_image } from '../kernel-sim/fs/binfmt_kwb.ts';
import type { Libc } from '../kernel-sim/user/lib/libc.ts';
import type { KGen } from '../kernel-sim/include/linux/sched.ts';
import { __NR } from '../kernel-sim/arch/x86/entry/syscalls/syscall_64.tbl.ts';
import { do_syscall_64 } from '../kernel-sim/arch/x86/entry/common.ts';

/** CPU time of this process (user + system, ms): machine load inflates it far less than wall time. */
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };

function install(m: Machine, name: string, main: (c: Libc) => KGen<number>): string {
  register_programs({ [name]: { main: (c) => main(c), path: `/bin/${name}` } });
  m.putFile(`/bin/${name}`, kwb_image(name), 0o755);
  return `/bin/${name}`;
}

function bootMs(warmup: number, runs: number): { median: number; min: number; cpu: number; runs: number } {
  const times: number[] = [], cpu: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now(), c0 = cpuMs();
    const m = new Machine({});
    const info = m.boot();
    const dt = performance.now() - t0, dc = cpuMs() - c0;
    if (info.state !== 'running') throw new Error(`boot ended ${info.state}`);
    if (i >= warmup) { times.push(dt); cpu.push(dc); }
  }
  return { median: median(times), min: Math.min(...times), cpu: median(cpu), runs };
}

function nullSyscalls(m: Machine, calls: number): { wall: number; cpu: number } {
  const nr = __NR.getpid;
  const path = install(m, 'bench_getpid', function* () {
    for (let i = 0; i < calls; i++) yield* do_syscall_64(nr);
    return 0;
  });
  m.runCommand(path); // warm-up (JIT)
  const rates: number[] = [], cpu: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now(), c0 = cpuMs();
    const r = m.runCommand(path);
    const dt = performance.now() - t0, dc = cpuMs() - c0;
    if (r.status !== 0) throw new Error('getpid loop failed');
    rates.push(calls / (dt / 1000));
    cpu.push(calls / (dc / 1000));
  }
  return { wall: median(rates), cpu: median(cpu) };
}

function forkExecWait(m: Machine, n: number): { wall: number; cpu: number } {
  const path = install(m, 'bench_fork', function* (c) {
    for (let i = 0; i < n; i++) {
      const pid = yield* c.fork(function* (cc) { yield* cc.execve('/bin/true', ['true']); return 127; });
      const w = yield* c.waitpid(pid);
      if (typeof w === 'number' || w[1] !== 0) return 1;
    }
    return 0;
  });
  m.runCommand(path);
  const per: number[] = [], cpu: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now(), c0 = cpuMs();
    const r = m.runCommand(path);
    const dt = performance.now() - t0, dc = cpuMs() - c0;
    if (r.status !== 0) throw new Error('fork+exec+wait loop failed');
    per.push((dt * 1000) / n);
    cpu.push((dc * 1000) / n);
  }
  return { wall: median(per), cpu: median(cpu) };
}

export default function bench(): Record<string, unknown> {
  const boot = bootMs(3, 15);
  const m = new Machine({});
  m.boot();
  const rate = nullSyscalls(m, 1_000_000);
  const fork_us = forkExecWait(m, 2_000);
  return {
    boot_to_shell_ms: Number(boot.median.toFixed(2)),
    boot_to_shell_ms_min: Number(boot.min.toFixed(2)),
    boot_to_shell_cpu_ms: Number(boot.cpu.toFixed(2)),
    boot_runs: boot.runs,
    null_syscalls_per_sec: Math.round(rate.wall),
    null_syscalls_per_cpu_sec: Math.round(rate.cpu),
    fork_exec_wait_us: Number(fork_us.wall.toFixed(1)),
    fork_exec_wait_cpu_us: Number(fork_us.cpu.toFixed(1)),
  };
}
