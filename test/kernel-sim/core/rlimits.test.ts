// Resource limits are enforced: RLIMIT_NOFILE (EMFILE), RLIMIT_NPROC for a non-root user (EAGAIN), RLIMIT_FSIZE (SIGXFSZ/EFBIG), RLIMIT_STACK reported.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot, run } from './harness.ts';
import { RLIMIT_NOFILE, RLIMIT_NPROC, RLIMIT_FSIZE, RLIMIT_STACK } from '../../../kernel-sim/include/uapi/resource.ts';
import { EMFILE, EAGAIN, EFBIG, EPERM } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { SIGXFSZ, SIGKILL } from '../../../kernel-sim/include/uapi/signal.ts';
import { O_WRONLY, O_CREAT, O_TRUNC } from '../../../kernel-sim/include/uapi/stat.ts';
import { decode_rlimit, encode_rlimit } from '../../../kernel-sim/include/uapi/abi.ts';

let m: Machine;
beforeAll(() => { m = boot(); });

describe('RLIMIT_NOFILE', () => {
  it('opening past the limit fails with EMFILE; every fd is below the limit', () => {
    const fds: number[] = [];
    let err = 0;
    run(m, function* (c) {
      yield* c.setrlimit(RLIMIT_NOFILE, 8, 8);
      for (let i = 0; i < 20; i++) {
        const fd = yield* c.open('/dev/null');
        if (fd < 0) { err = fd; break; }
        fds.push(fd);
      }
      return 0;
    });
    expect(err).toBe(-EMFILE);
    expect(Math.max(...fds)).toBe(7);
    expect(fds.length).toBe(5); // 0, 1, 2 are taken
  });

  it('raising the hard limit needs privilege (EPERM for a user), dup2 past the limit is EBADF', () => {
    const rets: number[] = [];
    run(m, function* (c) {
      yield* c.setrlimit(RLIMIT_NOFILE, 16, 16);
      rets.push(yield* c.dup2(1, 20));
      yield* c.syscall('setuid', 1000);
      rets.push(yield* c.setrlimit(RLIMIT_NOFILE, 16, 32));
      return 0;
    });
    expect(rets).toEqual([-9, -EPERM]);
  });
});

describe('RLIMIT_NPROC', () => {
  it('a non-root user cannot fork past its process limit (EAGAIN); root is exempt', () => {
    const forks: number[] = [];
    let rootFork = 0;
    run(m, function* (c) {
      const kid = yield* c.fork(function* (cc) {
        yield* cc.setrlimit(RLIMIT_NPROC, 3, 3);
        yield* cc.syscall('setuid', 1000);
        const kids: number[] = [];
        for (let i = 0; i < 5; i++) {
          const k = yield* cc.fork(function* (g) { for (;;) yield* g.syscall('pause'); });
          forks.push(k);
          if (k < 0) break;
          kids.push(k);
        }
        for (const k of kids) { yield* cc.kill(k, SIGKILL); yield* cc.waitpid(k); }
        return 0;
      });
      yield* c.waitpid(kid);
      // Root with the same tiny limit still forks.
      yield* c.setrlimit(RLIMIT_NPROC, 1, 1);
      rootFork = yield* c.fork(function* () { return 0; });
      if (rootFork > 0) yield* c.waitpid(rootFork);
      return 0;
    });
    // The user has 1 process; two more fit under 3, the third fork fails.
    expect(forks.length).toBe(3);
    expect(forks.slice(0, 2).every((p) => p > 0)).toBe(true);
    expect(forks[2]).toBe(-EAGAIN);
    expect(rootFork).toBeGreaterThan(0);
  });
});

describe('RLIMIT_FSIZE', () => {
  it('a write is cut at the limit; the next write raises SIGXFSZ (which kills by default)', () => {
    let first = 0;
    let status = -1;
    run(m, function* (c) {
      const kid = yield* c.fork(function* (cc) {
        yield* cc.setrlimit(RLIMIT_FSIZE, 10, 10);
        const fd = yield* cc.open('/tmp/fsize-a', O_WRONLY | O_CREAT | O_TRUNC, 0o644);
        first = yield* cc.syscall('write', fd, cc.put(new Uint8Array(20)), 20);
        yield* cc.write(fd, 'more');
        return 0;
      });
      const w = yield* c.waitpid(kid);
      if (typeof w !== 'number') status = w[1];
      return 0;
    });
    expect(first).toBe(10);
    expect(status & 0x7f).toBe(SIGXFSZ);
  });

  it('with SIGXFSZ ignored the write fails with EFBIG', () => {
    let ret = 0;
    run(m, function* (c) {
      yield* c.signal(SIGXFSZ, 1);
      yield* c.setrlimit(RLIMIT_FSIZE, 4, 4);
      const fd = yield* c.open('/tmp/fsize-b', O_WRONLY | O_CREAT | O_TRUNC, 0o644);
      yield* c.write(fd, 'abcd');
      ret = yield* c.write(fd, 'e');
      return 0;
    });
    expect(ret).toBe(-EFBIG);
  });
});

describe('RLIMIT_STACK', () => {
  it('getrlimit and prlimit64 report 8 MiB soft / unlimited hard; a lowered limit is inherited and visible to others', () => {
    const seen: { cur: number; max: number }[] = [];
    run(m, function* (c) {
      const own = yield* c.getrlimit(RLIMIT_STACK);
      if (typeof own !== 'number') seen.push(own);
      // Old-style getrlimit(2) too.
      const p = c.alloc(16);
      if ((yield* c.syscall('getrlimit', RLIMIT_STACK, p)) === 0) seen.push(decode_rlimit(c.get(p, 16)));
      yield* c.syscall('prlimit64', 0, RLIMIT_STACK, c.put(encode_rlimit(1 << 20, Infinity)), 0);
      const kid = yield* c.fork(function* (cc) { yield* cc.nanosleep(2_000_000); return 0; });
      // Read the child's limit from the parent with prlimit64(pid).
      const q = c.alloc(16);
      if ((yield* c.syscall('prlimit64', kid, RLIMIT_STACK, 0, q)) === 0) seen.push(decode_rlimit(c.get(q, 16)));
      yield* c.waitpid(kid);
      return 0;
    });
    expect(seen).toEqual([
      { cur: 8 << 20, max: Infinity },
      { cur: 8 << 20, max: Infinity },
      { cur: 1 << 20, max: Infinity },
    ]);
  });
});
