// Signals: default actions, handlers through the libc, SIGCHLD, job control with wait4 WUNTRACED/WCONTINUED, SIGPIPE, EINTR vs SA_RESTART.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import { boot, run } from './harness.ts';
import { SIGINT, SIGTERM, SIGKILL, SIGUSR1, SIGCHLD, SIGSTOP, SIGCONT, SIGPIPE, SA_RESTART } from '../../../kernel-sim/include/uapi/signal.ts';
import { EINTR, EPIPE } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';

const WUNTRACED = 2, WCONTINUED = 8;
let m: Machine;
beforeAll(() => { m = boot(); });

/** A child that sleeps in pause() until a signal ends it. */
function* pauser(c: Libc): Generator<void, number, void> {
  for (;;) yield* c.syscall('pause');
}

describe('default actions', () => {
  for (const [name, sig] of [['SIGINT', SIGINT], ['SIGTERM', SIGTERM], ['SIGKILL', SIGKILL]] as const) {
    it(`${name} terminates a process; wait4 reports WTERMSIG == ${name}`, () => {
      let status = -1;
      const r = run(m, function* (c) {
        const kid = yield* c.fork(pauser);
        yield* c.nanosleep(1_000_000);
        yield* c.kill(kid, sig);
        const w = yield* c.waitpid(kid);
        if (typeof w !== 'number') status = w[1];
        return 0;
      });
      expect(r.status).toBe(0);
      expect(status & 0x7f).toBe(sig);
      expect(status & 0x80).toBe(0); // no core dump for these
    });
  }

  it('SIGKILL cannot be caught: a handler for it is refused with EINVAL', () => {
    let ret = 0;
    run(m, function* (c) { ret = yield* c.signal(SIGKILL, () => {}); return 0; });
    expect(ret).toBe(-22);
  });
});

describe('handlers', () => {
  it('a handler installed through the libc runs when the signal arrives, and the process goes on', () => {
    const got: number[] = [];
    const r = run(m, function* (c) {
      yield* c.signal(SIGUSR1, (sig) => { got.push(sig); });
      yield* c.kill(yield* c.getpid(), SIGUSR1);
      yield* c.kill(yield* c.getpid(), SIGUSR1);
      yield* c.write(1, 'after\n');
      return 7;
    });
    expect(got).toEqual([SIGUSR1, SIGUSR1]);
    expect(r).toEqual({ output: 'after\n', status: 7 });
  });

  it('SIGTERM with a handler does not kill; SIGKILL still does', () => {
    const got: number[] = [];
    let status = -1;
    run(m, function* (c) {
      const kid = yield* c.fork(function* (cc) {
        yield* cc.signal(SIGTERM, (s) => { got.push(s); });
        for (;;) yield* cc.syscall('pause');
      });
      yield* c.nanosleep(1_000_000);
      yield* c.kill(kid, SIGTERM);
      yield* c.nanosleep(1_000_000);
      yield* c.kill(kid, SIGKILL);
      const w = yield* c.waitpid(kid);
      if (typeof w !== 'number') status = w[1];
      return 0;
    });
    expect(got).toEqual([SIGTERM]);
    expect(status & 0x7f).toBe(SIGKILL);
  });

  it('SIGCHLD reaches the parent when a child exits', () => {
    const got: number[] = [];
    let status = -1;
    run(m, function* (c) {
      yield* c.signal(SIGCHLD, (s) => { got.push(s); });
      const kid = yield* c.fork(function* () { return 3; });
      const w = yield* c.waitpid(kid);
      if (typeof w !== 'number') status = w[1];
      return 0;
    });
    expect(got).toEqual([SIGCHLD]);
    expect(status).toBe(3 << 8);
  });
});

describe('job control', () => {
  it('SIGSTOP and SIGCONT are reported by wait4 with WUNTRACED and WCONTINUED', () => {
    const statuses: number[] = [];
    const r = run(m, function* (c) {
      const kid = yield* c.fork(pauser);
      yield* c.nanosleep(1_000_000);
      yield* c.kill(kid, SIGSTOP);
      let w = yield* c.waitpid(kid, WUNTRACED);
      if (typeof w !== 'number') statuses.push(w[1]);
      // Stopped: WNOHANG finds nothing more to report.
      statuses.push((yield* c.waitpid(kid, 1 | WUNTRACED)) as number);
      yield* c.kill(kid, SIGCONT);
      w = yield* c.waitpid(kid, WCONTINUED);
      if (typeof w !== 'number') statuses.push(w[1]);
      yield* c.kill(kid, SIGKILL);
      w = yield* c.waitpid(kid);
      if (typeof w !== 'number') statuses.push(w[1]);
      return 0;
    });
    expect(r.status).toBe(0);
    expect(statuses).toEqual([(SIGSTOP << 8) | 0x7f, 0, 0xffff, SIGKILL]);
  });
});

describe('SIGPIPE', () => {
  it('writing to a pipe without readers kills with SIGPIPE by default', () => {
    let status = -1;
    run(m, function* (c) {
      const kid = yield* c.fork(function* (cc) {
        const p = yield* cc.pipe();
        if (typeof p === 'number') return 1;
        yield* cc.close(p[0]);
        yield* cc.write(p[1], 'x');
        return 0;
      });
      const w = yield* c.waitpid(kid);
      if (typeof w !== 'number') status = w[1];
      return 0;
    });
    expect(status & 0x7f).toBe(SIGPIPE);
  });

  it('with SIGPIPE ignored the write fails with EPIPE', () => {
    let ret = 0;
    const r = run(m, function* (c) {
      yield* c.signal(SIGPIPE, 1);
      const p = yield* c.pipe();
      if (typeof p === 'number') return 1;
      yield* c.close(p[0]);
      ret = yield* c.write(p[1], 'x');
      return 0;
    });
    expect(r.status).toBe(0);
    expect(ret).toBe(-EPIPE);
  });
});

describe('interrupted system calls', () => {
  /** read() on an empty pipe while a child sends SIGUSR1 and then writes "x". */
  function readWithSignal(flags: number): { ret: number | string; handled: number } {
    let ret: number | string = 0;
    let handled = 0;
    run(m, function* (c) {
      yield* c.signal(SIGUSR1, () => { handled++; }, flags);
      const p = yield* c.pipe();
      if (typeof p === 'number') return 1;
      const parent = yield* c.getpid();
      const kid = yield* c.fork(function* (cc) {
        yield* cc.nanosleep(1_000_000);
        yield* cc.kill(parent, SIGUSR1);
        yield* cc.nanosleep(1_000_000);
        yield* cc.write(p[1], 'x');
        return 0;
      });
      const r = yield* c.read(p[0], 10);
      ret = typeof r === 'number' ? r : new TextDecoder().decode(r);
      yield* c.waitpid(kid);
      return 0;
    });
    return { ret, handled };
  }

  it('without SA_RESTART a blocked read returns EINTR after the handler', () => {
    expect(readWithSignal(0)).toEqual({ ret: -EINTR, handled: 1 });
  });

  it('with SA_RESTART the read is restarted and returns the data', () => {
    expect(readWithSignal(SA_RESTART)).toEqual({ ret: 'x', handled: 1 });
  });
});
