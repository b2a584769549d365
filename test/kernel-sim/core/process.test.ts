// Processes: fork, exec, wait, zombies and reparenting to init.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot, run } from './harness.ts';
import { runqueue } from '../../../kernel-sim/kernel/sched/core.ts';
import { EXIT_ZOMBIE, TASK_DEAD } from '../../../kernel-sim/include/linux/sched.ts';
import { ECHILD, ENOENT } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';

let m: Machine;
beforeAll(() => { m = boot(); });

describe('fork and wait', () => {
  it('the child sees its parent; the parent gets the child pid and its exit status', () => {
    const seen: Record<string, number> = {};
    const r = run(m, function* (c) {
      const me = yield* c.getpid();
      const kid = yield* c.fork(function* (cc) {
        seen.ppid = yield* cc.getppid();
        seen.self = yield* cc.getpid();
        return 42;
      });
      seen.kid = kid;
      seen.me = me;
      const w = yield* c.waitpid(kid);
      if (typeof w !== 'number') { seen.waited = w[0]; seen.status = w[1]; }
      return 0;
    });
    expect(r.status).toBe(0);
    expect(seen.ppid).toBe(seen.me);
    expect(seen.self).toBe(seen.kid);
    expect(seen.waited).toBe(seen.kid);
    expect(seen.status).toBe(42 << 8);
  });

  it('wait4 without children is ECHILD; WNOHANG with a running child returns 0', () => {
    const rets: number[] = [];
    run(m, function* (c) {
      rets.push((yield* c.waitpid(-1)) as number);
      const kid = yield* c.fork(function* (cc) { yield* cc.nanosleep(5_000_000); return 0; });
      rets.push((yield* c.waitpid(kid, 1)) as number);
      yield* c.waitpid(kid);
      return 0;
    });
    expect(rets).toEqual([-ECHILD, 0]);
  });

  it('a dead child stays a zombie until its parent waits, then is gone', () => {
    const obs: { before?: [number, number]; after?: boolean } = {};
    run(m, function* (c) {
      const kid = yield* c.fork(function* () { return 0; });
      yield* c.nanosleep(1_000_000);
      const t = runqueue().tasks.get(kid);
      if (t) obs.before = [t.exit_state, t.__state];
      yield* c.waitpid(kid);
      obs.after = runqueue().tasks.has(kid);
      return 0;
    });
    expect(obs.before).toEqual([EXIT_ZOMBIE, TASK_DEAD]);
    expect(obs.after).toBe(false);
  });

  it('an orphan is reparented to init, which reaps it', () => {
    let ppidAfter = -1;
    let grandchild = -1;
    run(m, function* (c) {
      const kid = yield* c.fork(function* (cc) {
        grandchild = yield* cc.fork(function* (gc) {
          yield* gc.nanosleep(2_000_000);
          ppidAfter = yield* gc.getppid();
          return 0;
        });
        return 0; // exits at once, orphaning the grandchild
      });
      yield* c.waitpid(kid);
      yield* c.nanosleep(5_000_000);
      return 0;
    });
    m.runFor(10_000_000);
    expect(grandchild).toBeGreaterThan(0);
    expect(ppidAfter).toBe(1);
    expect(m.inspect(() => runqueue().tasks.has(grandchild))).toBe(false);
  });
});

describe('exec', () => {
  it('execve replaces the image: the child runs /bin/echo with its argv', () => {
    const r = run(m, function* (c) {
      const kid = yield* c.fork(function* (cc) {
        const e = yield* cc.execve('/bin/echo', ['echo', 'from', 'exec']);
        return 100 - e;
      });
      const w = yield* c.waitpid(kid);
      return typeof w === 'number' ? 99 : w[1] >> 8;
    });
    expect(r).toEqual({ output: 'from exec\n', status: 0 });
  });

  it('a failed execve returns ENOENT and the old image goes on', () => {
    let e = 0;
    const r = run(m, function* (c) {
      e = yield* c.execve('/bin/nosuch', ['nosuch']);
      yield* c.write(1, 'still here\n');
      return 0;
    });
    expect(e).toBe(-ENOENT);
    expect(r.output).toBe('still here\n');
  });

  it('exec keeps the pid and changes comm', () => {
    const r = m.runCommand('exec /bin/uname -s');
    expect(r).toEqual({ output: 'Linux\n', status: 0 });
  });
});
