// Guest task limits: threads-max and pid_max end a fork bomb with EAGAIN inside the guest; MAX_ARG_STRLEN and ARG_MAX give E2BIG instead of a crash.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot, run } from './harness.ts';
import { EAGAIN, E2BIG } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { SIGKILL } from '../../../kernel-sim/include/uapi/signal.ts';
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';

let m: Machine;
beforeAll(() => { m = boot(); });

/** Forks sleeping children until fork fails; kills and reaps them; returns how many it made and the error. */
function* fork_bomb(c: Libc, out: { made: number; err: number }): KGen<number> {
  const pids: number[] = [];
  for (let i = 0; i < 100_000; i++) {
    const pid = yield* c.fork(function* (cc) { yield* cc.nanosleep(3600e9); return 0; });
    if (pid < 0) { out.err = pid; break; }
    pids.push(pid);
  }
  out.made = pids.length;
  for (const pid of pids) yield* c.kill(pid, SIGKILL);
  for (const _ of pids) yield* c.waitpid(-1);
  return 0;
}

describe('task limits', () => {
  it('threads-max: a root fork bomb ends in EAGAIN inside the guest, and the machine goes on', () => {
    expect(m.runCommand('cat /proc/sys/kernel/threads-max').output).toBe('3756\n');
    expect(m.runCommand('echo 150 > /proc/sys/kernel/threads-max; cat /proc/sys/kernel/threads-max').output).toBe('150\n');
    const tasks = Number(m.runCommand('ls -d /proc/[0-9]* | wc -l').output.trim());
    const out = { made: 0, err: 0 };
    run(m, (c) => fork_bomb(c, out));
    expect(out.err).toBe(-EAGAIN);
    // Every task counts, kernel threads and the test's own shell too; the bomb got the rest.
    expect(out.made).toBeGreaterThan(150 - tasks - 10);
    expect(out.made).toBeLessThan(150 - tasks + 5);
    expect(m.runCommand('echo 3756 > /proc/sys/kernel/threads-max; echo alive').output).toBe('alive\n');
  });

  it('pid_max: when every number below it is taken, fork fails with EAGAIN', () => {
    expect(m.runCommand('echo 300 > /proc/sys/kernel/pid_max; cat /proc/sys/kernel/pid_max').output).toContain('32768');
    m.runCommand('echo 400 > /proc/sys/kernel/pid_max');
    const out = { made: 0, err: 0 };
    run(m, (c) => fork_bomb(c, out));
    expect(out.err).toBe(-EAGAIN);
    // Numbers go up to pid_max - 1 and wrap to RESERVED_PIDS (300): fewer than 400 in all.
    expect(out.made).toBeLessThan(400);
    expect(out.made).toBeGreaterThan(50);
    expect(m.runCommand('echo 32768 > /proc/sys/kernel/pid_max; echo alive').output).toBe('alive\n');
  });

  it('an argument longer than MAX_ARG_STRLEN (128 KiB) or arguments past ARG_MAX (2 MiB) give E2BIG; 100 KiB arguments work', () => {
    const results: number[] = [];
    let status = -1;
    run(m, function* (c) {
      results.push(yield* c.execve('/bin/true', ['true', 'x'.repeat(1 << 20)]));
      results.push(yield* c.execve('/bin/true', ['true', ...Array.from({ length: 24 }, () => 'y'.repeat(100 << 10))]));
      results.push(yield* c.execve('/bin/true', ['true', 'z'.repeat((128 << 10) + 1)]));
      const pid = yield* c.fork(function* (cc) {
        const e = yield* cc.execve('/bin/true', ['true', 'a'.repeat(100 << 10), 'b'.repeat(100 << 10)]);
        return 100 - e;
      });
      const r = yield* c.waitpid(pid);
      status = typeof r === 'number' ? r : r[1] >> 8;
      return 0;
    });
    expect(results).toEqual([-E2BIG, -E2BIG, -E2BIG]);
    expect(status).toBe(0);
    expect(m.runCommand('echo ok').output).toBe('ok\n');
  });
});
