// POSIX message queues (ipc/mqueue.c): mq_open/mq_timedsend/mq_timedreceive by priority, limits and errors, a receiver
// sleeping until a sender comes, mq_notify's signal, mq_getsetattr, the mqueue filesystem at /dev/mqueue with each
// queue's status line, /proc/sys/fs/mqueue, and one set of queues per IPC namespace.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import { boot, run } from '../core/harness.ts';

let m: Machine;
beforeAll(() => { m = boot(); });

const O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0o100, O_EXCL = 0o200, O_NONBLOCK = 0o4000;
const EEXIST = 17, ENOENT = 2, EAGAIN = 11, EMSGSIZE = 90, EINVAL = 22, EBADF = 9, EBUSY = 16, ETIMEDOUT = 110, EACCES = 13;
const SIGUSR1 = 10, SIGEV_SIGNAL = 0, CLONE_NEWIPC = 0x08000000;
const enc = new TextEncoder(), dec = new TextDecoder();

/** struct mq_attr (x86_64 longs): flags, maxmsg, msgsize, curmsgs. */
function attr(c: Libc, maxmsg: number, msgsize: number, flags = 0): number {
  const b = new Uint8Array(64), dv = new DataView(b.buffer);
  dv.setBigInt64(0, BigInt(flags), true); dv.setBigInt64(8, BigInt(maxmsg), true); dv.setBigInt64(16, BigInt(msgsize), true);
  return c.put(b);
}
function* send(c: Libc, fd: number, text: string, prio: number): KGen<number> {
  return yield* c.syscall('mq_timedsend', fd, c.put(enc.encode(text)), text.length, prio, 0);
}
function* recv(c: Libc, fd: number, size = 64, timeout = 0): KGen<string | number> {
  const p = c.alloc(size), pr = c.alloc(4);
  const n = yield* c.syscall('mq_timedreceive', fd, p, size, pr, timeout);
  if (n < 0) return n;
  return `${new DataView(c.get(pr, 4).buffer).getUint32(0, true)}:${dec.decode(c.get(p, n))}`;
}

describe('POSIX message queues', () => {
  it('mq_open creates, O_EXCL refuses a second create; messages come out highest priority first, FIFO within one', () => {
    const log: (string | number)[] = [];
    run(m, function* (c) {
      const fd = yield* c.syscall('mq_open', c.cstr('q1'), O_RDWR | O_CREAT, 0o600, attr(c, 4, 64));
      log.push(fd >= 0 ? 'fd' : fd);
      log.push(yield* c.syscall('mq_open', c.cstr('q1'), O_RDWR | O_CREAT | O_EXCL, 0o600, 0));
      log.push(yield* c.syscall('mq_open', c.cstr('nope'), O_RDONLY, 0, 0));
      log.push(yield* c.syscall('mq_open', c.cstr('a/b'), O_RDWR | O_CREAT, 0o600, 0));
      for (const [t, p] of [['low', 1], ['high', 9], ['mid', 5], ['high2', 9]] as const) yield* send(c, fd, t, p);
      log.push(yield* send(c, fd, 'x'.repeat(65), 1));
      log.push(yield* c.syscall('mq_timedsend', fd, c.put(enc.encode('x')), 1, 32768, 0));
      // Full (maxmsg 4) and non-blocking after mq_getsetattr sets O_NONBLOCK.
      log.push(yield* c.syscall('mq_getsetattr', fd, attr(c, 0, 0, O_NONBLOCK), 0));
      log.push(yield* send(c, fd, 'more', 1));
      const old = c.alloc(64);
      yield* c.syscall('mq_getsetattr', fd, 0, old);
      const dv = new DataView(c.get(old, 64).buffer);
      log.push([0, 8, 16, 24].map((o) => Number(dv.getBigInt64(o, true))).join(','));
      log.push(yield* recv(c, fd, 63));
      for (let i = 0; i < 4; i++) log.push(yield* recv(c, fd));
      log.push(yield* recv(c, fd));
      log.push(yield* c.syscall('mq_unlink', c.cstr('q1')));
      log.push(yield* c.syscall('mq_unlink', c.cstr('q1')));
      return 0;
    });
    expect(log).toEqual(['fd', -EEXIST, -ENOENT, -EACCES, -EMSGSIZE, -EINVAL, 0, -EAGAIN, `${O_NONBLOCK},4,64,4`, -EMSGSIZE,
      '9:high', '9:high2', '5:mid', '1:low', -EAGAIN, 0, -ENOENT]);
  });

  it('a receiver sleeps until a sender comes; a receive with a timeout that passes gets ETIMEDOUT; descriptors opened for one direction refuse the other', () => {
    const log: (string | number)[] = [];
    run(m, function* (c) {
      const fd = yield* c.syscall('mq_open', c.cstr('q2'), O_RDWR | O_CREAT, 0o600, 0);
      const child = yield* c.fork(function* (cc) { log.push(`child ${yield* recv(cc, fd, 8192)}`); return 0; });
      yield* c.nanosleep(10_000_000);
      log.push('parent sends');
      yield* send(c, fd, 'wake', 3);
      yield* c.waitpid(child);
      // An absolute CLOCK_REALTIME deadline already past.
      const ts = new Uint8Array(16);
      log.push(yield* recv(c, fd, 8192, c.put(ts)));
      const wr = yield* c.syscall('mq_open', c.cstr('q2'), O_WRONLY, 0, 0);
      log.push(yield* recv(c, wr, 8192));
      log.push(yield* c.syscall('mq_timedsend', 0, c.put(enc.encode('x')), 1, 0, 0));
      yield* c.syscall('mq_unlink', c.cstr('q2'));
      return 0;
    });
    expect(log).toEqual(['parent sends', 'child 3:wake', -ETIMEDOUT, -EBADF, -EBADF]);
  });

  it('mq_notify signals the registered process when a message reaches the empty queue, once; /dev/mqueue shows the status line', () => {
    expect(m.runCommand('mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue; echo rc=$?; grep mqueue /proc/mounts').output)
      .toBe('rc=0\nnone /dev/mqueue mqueue rw,relatime 0 0\n');
    const log: (string | number)[] = [];
    run(m, function* (c) {
      yield* c.signal(SIGUSR1, () => { log.push('SIGUSR1'); });
      const fd = yield* c.syscall('mq_open', c.cstr('q3'), O_RDWR | O_CREAT, 0o640, 0);
      const sev = new Uint8Array(64), dv = new DataView(sev.buffer);
      dv.setInt32(8, SIGUSR1, true); dv.setInt32(12, SIGEV_SIGNAL, true);
      const p = c.put(sev);
      log.push(yield* c.syscall('mq_notify', fd, p));
      log.push(yield* c.syscall('mq_notify', fd, p));
      // Another process reads the status (the owner closing a descriptor of the queue would drop its registration).
      const status = function* (): KGen<void> {
        const pid = yield* c.fork(function* (cc) {
          const st = yield* cc.read_text('/dev/mqueue/q3');
          log.push(typeof st === 'string' ? st.replace(/NOTIFY_PID:\d+ */, 'NOTIFY_PID:N') : st);
          return 0;
        });
        yield* c.waitpid(pid);
      };
      yield* status();
      yield* send(c, fd, 'hi', 1);
      yield* c.nanosleep(1_000_000);
      yield* send(c, fd, 'again', 1);
      yield* c.nanosleep(1_000_000);
      yield* status();
      return 0;
    });
    expect(log).toEqual([0, -EBUSY, 'QSIZE:0          NOTIFY:0     SIGNO:10    NOTIFY_PID:N\n', 'SIGUSR1',
      'QSIZE:7          NOTIFY:0     SIGNO:0     NOTIFY_PID:N\n']);
    expect(m.runCommand('ls -l /dev/mqueue').output).toMatch(/^total 0\n-rw-r-----    1 root     root             0 .* q3\n$/);
  });

  it('/proc/sys/fs/mqueue holds the limits, within the bounds ipc/mq_sysctl.c gives them', () => {
    expect(m.runCommand('ls /proc/sys/fs/mqueue; cat /proc/sys/fs/mqueue/msg_max /proc/sys/fs/mqueue/msgsize_max /proc/sys/fs/mqueue/queues_max').output)
      .toBe('msg_default\nmsg_max\nmsgsize_default\nmsgsize_max\nqueues_max\n10\n8192\n256\n');
    expect(m.runCommand('echo 0 > /proc/sys/fs/mqueue/msg_max; echo rc=$?; echo 20 > /proc/sys/fs/mqueue/msg_max; cat /proc/sys/fs/mqueue/msg_max').output)
      .toMatch(/rc=1\n20\n$/);
  });

  it('each IPC namespace has its own queues: a new one does not see q3; the old mount still shows it, a new mount does not', () => {
    const log: (string | number)[] = [];
    run(m, function* (c) {
      const child = yield* c.fork(function* (cc) {
        log.push(yield* cc.syscall('unshare', CLONE_NEWIPC));
        log.push(yield* cc.syscall('mq_open', cc.cstr('q3'), O_RDONLY, 0, 0));
        log.push((yield* cc.syscall('mq_open', cc.cstr('inner'), O_RDWR | O_CREAT, 0o600, 0)) >= 0 ? 'inner' : 'failed');
        return 0;
      });
      yield* c.waitpid(child);
      return 0;
    });
    expect(log).toEqual([0, -ENOENT, 'inner']);
    expect(m.runCommand('ls /dev/mqueue; unshare -i -m sh -c "mount -t mqueue none /dev/mqueue; ls /dev/mqueue | wc -l"').output).toBe('q3\n0\n');
    // The limit set in the first namespace is its own: the inner one started from the defaults and did not change it.
    expect(m.runCommand('cat /proc/sys/fs/mqueue/msg_max').output).toBe('20\n');
  });
});
