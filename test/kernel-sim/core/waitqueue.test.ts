// Sleeping and waking: two readers blocked on one pipe woken in order by a writer, and wait-queue wake-ups (exclusive vs non-exclusive, FIFO).
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot, run } from './harness.ts';
import { runqueue } from '../../../kernel-sim/kernel/sched/core.ts';
import { kernel_thread } from '../../../kernel-sim/kernel/fork.ts';
import {
  wait_queue_head, wait_event_interruptible, wait_event_interruptible_exclusive, wake_up, wake_up_all, __wake_up,
} from '../../../kernel-sim/kernel/sched/wait.ts';
import { TASK_INTERRUPTIBLE, TASK_NORMAL } from '../../../kernel-sim/include/linux/sched.ts';

let m: Machine;
beforeAll(() => { m = boot(); });

describe('pipe readers', () => {
  it('two readers block on one pipe and a writer wakes them in the order they slept', () => {
    const got: [string, string][] = [];
    const states: { state: number; wchan: string }[] = [];
    const r = run(m, function* (c) {
      const p = yield* c.pipe();
      if (typeof p === 'number') return 1;
      const [rfd, wfd] = p;
      const reader = (name: string) => function* (cc: typeof c) {
        yield* cc.close(wfd);
        const data = yield* cc.read(rfd, 100);
        got.push([name, typeof data === 'number' ? `err ${data}` : new TextDecoder().decode(data)]);
        return 0;
      };
      const r1 = yield* c.fork(reader('R1'));
      yield* c.nanosleep(1_000_000);
      const r2 = yield* c.fork(reader('R2'));
      yield* c.nanosleep(1_000_000);
      // Both are asleep in pipe_read now (as /proc/PID/stat would show: S, wchan pipe_read).
      for (const pid of [r1, r2]) {
        const t = runqueue().tasks.get(pid)!;
        states.push({ state: t.__state, wchan: t.wchan });
      }
      yield* c.write(wfd, 'first');
      yield* c.nanosleep(1_000_000);
      yield* c.write(wfd, 'second');
      yield* c.waitpid(r1);
      yield* c.waitpid(r2);
      return 0;
    });
    expect(r.status).toBe(0);
    expect(states).toEqual([{ state: TASK_INTERRUPTIBLE, wchan: 'pipe_read' }, { state: TASK_INTERRUPTIBLE, wchan: 'pipe_read' }]);
    expect(got).toEqual([['R1', 'first'], ['R2', 'second']]);
  });

  it('a reader blocked on a pipe whose last writer closes gets end of file', () => {
    let n: number | Uint8Array = -1;
    const r = run(m, function* (c) {
      const p = yield* c.pipe();
      if (typeof p === 'number') return 1;
      const kid = yield* c.fork(function* (cc) { yield* cc.nanosleep(2_000_000); return 0; });
      yield* c.close(p[1]); // the child still holds a writer until it exits
      n = yield* c.read(p[0], 10);
      yield* c.waitpid(kid);
      return 0;
    });
    expect(r.status).toBe(0);
    expect(n).toEqual(new Uint8Array(0));
  });
});

describe('wait queues', () => {
  it('wake_up wakes every non-exclusive waiter and one exclusive waiter, exclusive ones in FIFO order', () => {
    const wq = new wait_queue_head('test');
    const log: string[] = [];
    let tokens = 0;
    let flag = false;
    const woken: number[] = [];
    m.inspect(() => {
      const excl = (name: string) => function* () {
        yield* wait_event_interruptible_exclusive(wq, () => tokens > 0);
        tokens--;
        log.push(name);
      };
      kernel_thread(excl('E1'), 'E1');
      kernel_thread(function* () { yield* wait_event_interruptible(wq, () => flag); log.push('N1'); }, 'N1');
      kernel_thread(excl('E2'), 'E2');
      kernel_thread(excl('E3'), 'E3');
    });
    m.runFor(1_000_000);
    expect(m.inspect(() => wq.head.length)).toBe(4);
    m.inspect(() => { tokens = 1; woken.push(wake_up(wq)); });
    m.runFor(1_000_000);
    expect(log).toEqual(['E1']);
    m.inspect(() => { tokens = 2; woken.push(__wake_up(wq, TASK_NORMAL, 2)); });
    m.runFor(1_000_000);
    expect(log).toEqual(['E1', 'E2', 'E3']);
    m.inspect(() => { flag = true; woken.push(wake_up_all(wq)); });
    m.runFor(1_000_000);
    expect(log).toEqual(['E1', 'E2', 'E3', 'N1']);
    // E1 + N1 (N1 slept after E1 but is non-exclusive), then E2 + E3 + N1, then N1.
    expect(woken).toEqual([2, 3, 1]);
    expect(m.inspect(() => wq.head.length)).toBe(0);
  });

  it('a woken waiter whose condition is false goes back to sleep and is not lost', () => {
    const wq = new wait_queue_head('test2');
    let ready = false;
    const log: string[] = [];
    m.inspect(() => { kernel_thread(function* () { yield* wait_event_interruptible(wq, () => ready); log.push('done'); }, 'W'); });
    m.runFor(1_000_000);
    m.inspect(() => wake_up(wq));
    m.runFor(1_000_000);
    expect(log).toEqual([]);
    expect(m.inspect(() => wq.head.length)).toBe(1);
    m.inspect(() => { ready = true; wake_up(wq); });
    m.runFor(1_000_000);
    expect(log).toEqual(['done']);
  });
});
