// CFS in virtual time: a task that computes is preempted at its slice's tick and when a timer is due, so the machine goes on (issue 12); its CPU time is accounted; nice weights divide the CPU as sched_prio_to_weight says; pids.max ends a fork bomb.
import { describe, it, expect } from 'vitest';
import { boot, run } from '../core/harness.ts';
import { ktime_get, NSEC_PER_SEC } from '../../../kernel-sim/kernel/time/timekeeping.ts';
import { sched_prio_to_weight } from '../../../kernel-sim/kernel/sched/fair.ts';
import { EAGAIN } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

const USER_HZ = 100;
/** utime + stime of a task in clock ticks, from /proc/PID/stat's fields 14 and 15. */
const cputime = (stat: string): number => { const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); return Number(f[11]) + Number(f[12]); };
const now = (m: Machine): number => m.inspect(() => ktime_get());

describe('a busy task in virtual time', () => {
  it('the shell sleeping beside `yes` wakes at its timer: the command ends and the machine goes on', () => {
    const m = boot();
    const t0 = now(m);
    const r = m.runCommand('yes > /dev/null & sleep 0.05; kill $!; echo done', { timeoutNs: 10 * NSEC_PER_SEC });
    expect(r).toEqual({ output: 'done\n', status: 0 });
    // The sleep took its 50 ms, not the whole timeout: the timer preempted the busy task.
    expect(now(m) - t0).toBeLessThan(0.2 * NSEC_PER_SEC);
    // A busy task left running (the issue's `kill %1`, which this shell does not parse) does not stop the next command.
    m.runCommand('yes > /dev/null &');
    expect(m.runCommand('sleep 0.1; echo still here', { timeoutNs: 10 * NSEC_PER_SEC }).output).toBe('still here\n');
  });

  it('top shows the busy task near 100% of a CPU, and /proc/PID/stat charges it the seconds it ran', () => {
    const m = boot();
    const r = m.runCommand('yes > /dev/null & p=$!; a=$(cat /proc/$p/stat); top -b -n 2 -d 1 > /tmp/top; b=$(cat /proc/$p/stat); kill $p; echo "$a"; echo "$b"', { timeoutNs: 20 * NSEC_PER_SEC });
    const [a, b] = r.output.trim().split('\n');
    // top's second frame: %CPU over its one-second delay.
    const frames = m.runCommand('cat /tmp/top').output.split(/^top - /m);
    const line = frames[2]!.split('\n').find((l) => / yes$/.test(l))!;
    const cpu = Number(line.trim().split(/\s+/)[8]);
    expect(cpu).toBeGreaterThan(95);
    // The task ran the whole second of top's delay (and a little more around it): about USER_HZ ticks.
    const ran = cputime(b!) - cputime(a!);
    expect(ran).toBeGreaterThanOrEqual(0.95 * USER_HZ);
    expect(ran).toBeLessThan(1.2 * USER_HZ);
  });

  it('nice 10 beside nice 0: the CPU divides as the CFS weights 1024 and 110 say', () => {
    const m = boot();
    const r = m.runCommand('yes > /dev/null & y=$!; nice -n 10 yes > /dev/null & n=$!; sleep 1; cat /proc/$y/stat /proc/$n/stat; kill $y $n', { timeoutNs: 20 * NSEC_PER_SEC });
    const [y, n] = r.output.trim().split('\n');
    expect(n!.split(' ')[18]).toBe('10'); // the nice field
    const share = cputime(n!) / (cputime(y!) + cputime(n!));
    const want = sched_prio_to_weight[30]! / (sched_prio_to_weight[20]! + sched_prio_to_weight[30]!);
    expect(share).toBeGreaterThan(want * 0.7);
    expect(share).toBeLessThan(want * 1.3);
  });

  it('kill stops the busy task at once: its waiting parent sees SIGTERM within a tick', () => {
    const m = boot();
    const r = m.runCommand('yes > /dev/null & p=$!; sleep 0.1; kill $p; wait $p; echo $?', { timeoutNs: 10 * NSEC_PER_SEC });
    expect(r.output).toBe('143\n');
    // nice's setpriority: lowering the value needs CAP_SYS_NICE, which root has.
    expect(m.runCommand('nice -n -5 nice').output).toBe('-5\n');
  });

  it('a shell loop of builtins, with no system call, is preempted and killed too; its time is user time', () => {
    const m = boot();
    const r = m.runCommand('sh -c "while :; do :; done" & p=$!; sleep 0.02; cat /proc/$p/stat; kill $p; wait $p; echo $?', { timeoutNs: 10 * NSEC_PER_SEC });
    const [stat, status] = r.output.trim().split('\n');
    expect(status).toBe('143');
    const f = stat!.slice(stat!.lastIndexOf(')') + 2).split(' ');
    const [utime, stime] = [Number(f[11]), Number(f[12])];
    expect(utime).toBeGreaterThanOrEqual(1);
    expect(utime).toBeGreaterThan(stime);
  });

  it('a fork bomb of busy processes inside pids.max ends, and the machine answers after it', () => {
    const m = boot();
    m.runCommand('echo +pids > /sys/fs/cgroup/cgroup.subtree_control; mkdir /sys/fs/cgroup/bomb; echo 16 > /sys/fs/cgroup/bomb/pids.max');
    const errs: number[] = [];
    const r = run(m, function* (c) {
      const fd = yield* c.open('/sys/fs/cgroup/bomb/cgroup.procs', 1);
      yield* c.write(fd, '0');
      yield* c.close(fd);
      // Every process forks two more that do the same, and spins a while writing to /dev/null before it exits.
      function* bomb(cc: typeof c, depth: number): Generator<void, number, void> {
        const nul = yield* cc.open('/dev/null', 1);
        for (let k = 0; k < 2 && depth < 6; k++) {
          const pid = yield* cc.fork((ccc) => bomb(ccc, depth + 1));
          if (pid < 0) { errs.push(pid); break; }
        }
        for (let i = 0; i < 2000; i++) yield* cc.write(nul, 'x');
        while ((yield* cc.waitpid(-1)) !== -10) { /* reap until ECHILD */ }
        return 0;
      }
      return yield* bomb(c, 0);
    }, '', 60 * NSEC_PER_SEC);
    expect(r.status).toBe(0);
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.every((e) => e === -EAGAIN)).toBe(true);
    expect(m.runCommand('cat /sys/fs/cgroup/bomb/pids.current').output).toBe('0\n');
    expect(m.runCommand('cat /sys/fs/cgroup/bomb/pids.events').output).toMatch(/^max [1-9]\d*\n$/);
  });
});
