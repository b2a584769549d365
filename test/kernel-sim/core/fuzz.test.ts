// Fuzz: 100,000 random system calls with random arguments from a user task; no host exception may escape and the kernel's invariants must hold.
//
// Numbers come from the whole x86_64 table plus invalid ones; arguments mix small
// integers, descriptors, valid user pointers (random bytes and path strings),
// bad pointers (first page, past the end, non-canonical) and huge values.
// Excluded, because they legitimately end the task or the machine:
//   exit, exit_group, execve, execveat, reboot.
// Rewritten so they can't hit other processes (kill of pid 1 / -1 / the process
// group, ptrace-attaching or prlimit-ing the test driver, init or kthreadd):
//   the pid argument of kill, tkill, tgkill, ptrace, prlimit64, setpgid,
//   rt_sigqueueinfo, rt_tgsigqueueinfo, pidfd_send_signal, process_vm_readv/writev
//   becomes 0 (self), the fuzzing task's own pid, or a pid that doesn't exist.
// Blocking calls (pause, reads of empty pipes, long sleeps, wait4 ...) are not
// excluded: a driver process watches the fuzzing child and, when it stops making
// progress, sends it SIGUSR2 and then SIGKILL; a stopped child is killed too. A
// child that dies is replaced by a fresh one, which goes on with the sequence.
import { describe, it, expect } from 'vitest';
import { boot, run, dmesg } from './harness.ts';
import { syscall_names, __NR } from '../../../kernel-sim/arch/x86/entry/syscalls/syscall_64.tbl.ts';
import { do_syscall_64 } from '../../../kernel-sim/arch/x86/entry/common.ts';
import { runqueue } from '../../../kernel-sim/kernel/sched/core.ts';
import { ktime_get } from '../../../kernel-sim/kernel/time/timekeeping.ts';
import { taint_letters } from '../../../kernel-sim/kernel/panic.ts';
import type { pipe_inode_info } from '../../../kernel-sim/fs/pipe.ts';
import type { file } from '../../../kernel-sim/include/linux/fs_types.ts';
import { SIGKILL, SIGUSR2 } from '../../../kernel-sim/include/uapi/signal.ts';
import { O_RDWR, O_CREAT } from '../../../kernel-sim/include/uapi/stat.ts';

const TOTAL = 100_000;
const EXCLUDED = new Set(['exit', 'exit_group', 'execve', 'execveat', 'reboot']);
/** Calls whose first argument is a pid (tgkill: the first two). */
const PID_ARG = new Set(['kill', 'tkill', 'ptrace', 'prlimit64', 'setpgid', 'rt_sigqueueinfo', 'pidfd_send_signal', 'process_vm_readv', 'process_vm_writev', 'getpgid', 'getsid']);

/** xorshift128+ as a seeded PRNG (the test's own randomness; the kernel keeps its own). */
function prng(seed: number): () => number {
  let s0 = BigInt(seed) | 1n, s1 = 0x9e3779b97f4a7c15n;
  return () => {
    let x = s0; const y = s1;
    s0 = y; x ^= (x << 23n) & 0xffffffffffffffffn; x ^= x >> 17n; x ^= y ^ (y >> 26n); s1 = x;
    return Number(((s0 + s1) & 0xffffffffffffffffn) >> 11n) / 2 ** 53;
  };
}

interface Invariants { problems: string[] }

/** The kernel's invariants, checked from inside it. */
function check_invariants(): Invariants {
  const problems: string[] = [];
  const rq = runqueue();
  // No task on the run queue twice, and on_rq agrees with the queue.
  const seen = new Set<unknown>();
  for (const t of rq.queue) {
    if (seen.has(t)) problems.push(`task ${t.pid} queued twice`);
    seen.add(t);
    if (!t.on_rq) problems.push(`task ${t.pid} queued with on_rq false`);
  }
  for (const t of rq.tasks.values()) if (t.on_rq && !seen.has(t)) problems.push(`task ${t.pid} on_rq but not queued`);
  // Files tables: every slot is empty or an open file with references; close-on-exec marks only real slots.
  const refs = new Map<file, number>();
  const tables = new Set<unknown>();
  for (const t of rq.tasks.values()) {
    if (t.exit_state) continue;
    if (tables.has(t.files)) continue;
    tables.add(t.files);
    t.files.fd.forEach((f, fd) => {
      if (f === null || f === undefined) return;
      if (!f.f_op || f.f_count <= 0) problems.push(`task ${t.pid} fd ${fd}: bad file (count ${f.f_count})`);
      refs.set(f, (refs.get(f) ?? 0) + 1);
    });
    for (const fd of t.files.close_on_exec) if (!t.files.fd[fd]) problems.push(`task ${t.pid}: close_on_exec on empty fd ${fd}`);
  }
  for (const [f, n] of refs) {
    if (f.f_count < n) problems.push(`${f.f_name}: f_count ${f.f_count} < ${n} table references`);
    const p = f.f_inode?.i_pipe as pipe_inode_info | undefined;
    if (p && (p.readers < 0 || p.writers < 0 || p.len < 0 || p.len > p.buf.length)) problems.push(`${f.f_name}: readers ${p.readers} writers ${p.writers} len ${p.len}`);
  }
  return { problems };
}

describe('syscall fuzzer', () => {
  it(`${TOTAL} random system calls: no host exception, invariants hold, the machine still works`, () => {
    const m = boot({ seed: 3 });
    const rand = prng(20260101);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
    const numbers = syscall_names.map((n, i) => [n, i] as const).filter(([n]) => n && !EXCLUDED.has(n)).map(([, i]) => i);
    const invalid = [-1, 335, 400, 547, 1000, 2 ** 31, 2 ** 32 + 1, -(2 ** 31)];
    let done = 0;
    let children = 0;
    let killedStuck = 0;
    let lastTime = 0;
    let timeWentBack = false;
    const perCall = new Map<string, number>();
    const history: string[] = [];

    const r = run(m, function* (c) {
      yield* c.mkdir('/tmp/fuzz');
      while (done < TOTAL) {
        children++;
        const kid = yield* c.fork(function* (cc) {
          const self = yield* cc.getpid();
          yield* cc.chdir('/tmp/fuzz');
          const nul = yield* cc.open('/dev/null', O_RDWR);
          yield* cc.dup2(nul, 1); yield* cc.dup2(nul, 2);
          yield* cc.open('file', O_RDWR | O_CREAT, 0o644);
          yield* cc.pipe();
          // Valid pointers: a pool of random bytes and NUL-terminated strings.
          const pool = cc.alloc(65536);
          const mem = cc.mem();
          for (let i = 0; i < 65536; i++) mem[pool + i] = Math.floor(rand() * 256);
          const strings = ['file', 'dir', 'dir/sub', 'fifo', 'link', '.', '..', '/dev/null', '/dev/zero', '/proc/self/status', '/tmp/fuzz/x',
            'tmpfs', 'proc', 'ramfs', 'nosuchfs', '', 'a'.repeat(300)].map((s) => cc.cstr(s));
          const end = mem.length;
          const smallInt = (): number => Math.floor(rand() * 80) - 8;
          const fd = (): number => pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 64, -1, -100, 1023, 1 << 20]);
          const goodPtr = (): number => (rand() < 0.4 ? pick(strings) : pool + Math.floor(rand() * 65536) - (rand() < 0.1 ? 0 : 0));
          const badPtr = (): number => pick([0, 1, 0xfff, 4095, end - 1, end - 3, end, end + 4096, 2 ** 47, 2 ** 48 + 5, -1, -4096, 2 ** 64 - 1]);
          const huge = (): number => pick([2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 63, 2 ** 64 - 1, -(2 ** 31), -(2 ** 63), 0x7ffff000]);
          const arg = (): number => {
            const x = rand();
            return x < 0.3 ? smallInt() : x < 0.45 ? fd() : x < 0.7 ? goodPtr() : x < 0.85 ? badPtr() : huge();
          };
          while (done < TOTAL) {
            const nr = rand() < 0.97 ? pick(numbers) : pick(invalid);
            const name = syscall_names[nr] ?? `nr${nr}`;
            const a = [arg(), arg(), arg(), arg(), arg(), arg()];
            if (PID_ARG.has(name)) a[0] = pick([0, self, 77777]);
            if (name === 'tgkill' || name === 'rt_tgsigqueueinfo') { a[0] = pick([self, 77777]); a[1] = pick([self, 77777]); }
            if (name === 'kill' && a[0] === 0) a[0] = self; // 0 is the whole process group, the driver included
            history.push(`${name}(${a.join(', ')})`);
            if (history.length > 20) history.shift();
            perCall.set(name, (perCall.get(name) ?? 0) + 1);
            done++;
            yield* do_syscall_64(nr, ...a);
            const now = ktime_get();
            if (now < lastTime) timeWentBack = true;
            lastTime = now;
          }
          return 0;
        });
        if (kid < 0) return 1;
        // Watch the child: no progress for a while means it is blocked.
        let last = done, idle = 0;
        for (;;) {
          const w = yield* c.waitpid(kid, 1 | 2);
          if (typeof w !== 'number' && (w[1] & 0xff) !== 0x7f) break; // exited or killed
          if (typeof w !== 'number') { yield* c.kill(kid, SIGKILL); continue; } // stopped
          yield* c.nanosleep(20_000_000);
          if (done === last) {
            idle++;
            yield* c.kill(kid, idle === 1 ? SIGUSR2 : SIGKILL);
            if (idle === 1) killedStuck++;
          } else idle = 0;
          last = done;
        }
      }
      return 0;
    }, '', 3600e9);

    const bugs = dmesg(m).filter((l) => /kernel BUG|^BUG:|invalid opcode/.test(l));
    expect(bugs, `last calls: ${history.join('\n')}`).toEqual([]);
    expect(m.inspect(() => taint_letters())).not.toContain('D');
    expect(r.status).toBe(0);
    expect(done).toBe(TOTAL);
    expect(timeWentBack).toBe(false);
    expect(perCall.size).toBeGreaterThan(250);
    expect(m.inspect(() => check_invariants()).problems).toEqual([]);
    // The machine still runs commands afterwards.
    expect(m.runCommand('echo alive; uname -s')).toEqual({ output: 'alive\nLinux\n', status: 0 });
    expect(m.info().state).toBe('running');
    expect(children).toBeGreaterThanOrEqual(1);
    expect(killedStuck).toBeGreaterThanOrEqual(0);
    expect(__NR.exit_group).toBe(231);
  });
});
