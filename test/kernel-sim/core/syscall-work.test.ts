// The machine's syscall work flags: a default machine's system calls take the path with none (the null-syscall figure), and whatever needs the slow path sets its flag while it lasts.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot, run } from './harness.ts';
import {
  syscall_work, SYSCALL_WORK_SYSCALL_TRACE, SYSCALL_WORK_SYSCALL_TRACEPOINT, SYSCALL_WORK_SHM_SYNC, SYSCALL_WORK_CGROUP,
} from '../../../kernel-sim/kernel/entry/syscall_work.ts';
import { trace_subscribe } from '../../../kernel-sim/kernel/trace/trace.ts';

const PTRACE_TRACEME = 0, PTRACE_CONT = 7;
const SIGSTOP = 19;

let m: Machine;
beforeAll(() => { m = boot(); });
const work = (): number => m.inspect(() => syscall_work());

describe('syscall work', () => {
  it('is none on a booted default machine, with the listeners the workbench keeps from boot (power history)', () => {
    m.runCommand('true');
    expect(work()).toBe(0);
  });

  it('a syscalls listener sets SYSCALL_TRACEPOINT until it unsubscribes (from outside the kernel); a power listener does not', () => {
    const offPower = m.inspect(() => trace_subscribe(() => {}, ['power']));
    expect(work()).toBe(0);
    const off = m.inspect(() => trace_subscribe(() => {}, ['syscalls']));
    expect(work()).toBe(SYSCALL_WORK_SYSCALL_TRACEPOINT);
    off();
    offPower();
    expect(work()).toBe(0);
    const offAll = m.inspect(() => trace_subscribe(() => {}));
    expect(work()).toBe(SYSCALL_WORK_SYSCALL_TRACEPOINT);
    offAll();
    expect(work()).toBe(0);
  });

  it('a live cgroup below the root sets CGROUP; its rmdir clears it', () => {
    expect(m.runCommand('mkdir /sys/fs/cgroup/a /sys/fs/cgroup/a/b').status).toBe(0);
    expect(work()).toBe(SYSCALL_WORK_CGROUP);
    expect(m.runCommand('rmdir /sys/fs/cgroup/a/b').status).toBe(0);
    expect(work()).toBe(SYSCALL_WORK_CGROUP);
    expect(m.runCommand('rmdir /sys/fs/cgroup/a').status).toBe(0);
    expect(work()).toBe(0);
  });

  it('a System V segment sets SHM_SYNC while it exists', () => {
    const r = m.runCommand('ipcmk -M 4096');
    expect(r.status).toBe(0);
    expect(work()).toBe(SYSCALL_WORK_SHM_SYNC);
    const id = /(\d+)/.exec(r.output)![1];
    expect(m.runCommand(`ipcrm -m ${id}`).status).toBe(0);
    expect(work()).toBe(0);
  });

  it('a ptrace tracee sets SYSCALL_TRACE while it is traced', () => {
    const seen: number[] = [];
    const r = run(m, function* (c) {
      const kid = yield* c.fork(function* (cc) {
        yield* cc.syscall('ptrace', PTRACE_TRACEME, 0, 0, 0);
        yield* cc.kill(yield* cc.getpid(), SIGSTOP);
        return 0;
      });
      const w = yield* c.waitpid(kid);
      if (typeof w === 'number') return 1;
      seen.push(syscall_work());
      yield* c.syscall('ptrace', PTRACE_CONT, kid, 0, 0);
      const e = yield* c.waitpid(kid);
      return typeof e === 'number' ? 2 : 0;
    });
    expect(r.status).toBe(0);
    expect(seen).toEqual([SYSCALL_WORK_SYSCALL_TRACE]);
    expect(work()).toBe(0);
  });
});
