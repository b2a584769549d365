// System V IPC: message queues, semaphores and shared memory between processes, /proc/sysvipc, the IPC namespace isolating them, and ipcmk/ipcs/ipcrm.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import { boot, run } from '../core/harness.ts';

let m: Machine;
beforeAll(() => { m = boot(); });

const IPC_PRIVATE = 0, IPC_CREAT = 0o1000, IPC_NOWAIT = 0o4000, IPC_RMID = 0;
const MSG_NOERROR = 0o10000, SEM_UNDO = 0x1000, GETVAL = 12, GETPID = 11, GETNCNT = 14, SETVAL = 16;
const ENOMSG = 42, E2BIG = 7, EIDRM = 43, EAGAIN = 11, ENOENT = 2, EINVAL = 22;
const enc = new TextEncoder(), dec = new TextDecoder();

/** struct msgbuf: a long mtype, then the text. */
function msgbuf(c: Libc, type: number, text: string): [number, number] {
  const b = new Uint8Array(8 + text.length);
  new DataView(b.buffer).setBigInt64(0, BigInt(type), true);
  b.set(enc.encode(text), 8);
  return [c.put(b), text.length];
}
function* rcv(c: Libc, id: number, type: number, size = 64, flg = 0): KGen<string | number> {
  const p = c.alloc(8 + size);
  const n = yield* c.syscall('msgrcv', id, p, size, type, flg);
  if (n < 0) return n;
  const b = c.get(p, 8 + n);
  return `${new DataView(b.buffer).getBigInt64(0, true)}:${dec.decode(b.subarray(8))}`;
}
/** struct sembuf array: (sem_num, sem_op, sem_flg) triples. */
function sembufs(c: Libc, ops: [number, number, number][]): number {
  const b = new Uint8Array(ops.length * 6), dv = new DataView(b.buffer);
  ops.forEach(([n, op, f], i) => { dv.setUint16(i * 6, n, true); dv.setInt16(i * 6 + 2, op, true); dv.setInt16(i * 6 + 4, f, true); });
  return c.put(b);
}
const cat = (path: string): string[] => m.runCommand(`cat ${path}`).output.replace(/\n$/, '').split('\n');

describe('message queues', () => {
  it('msgrcv picks by type (first, exact, lowest up to |type|), waits for a sender, and reports E2BIG/ENOMSG; /proc/sysvipc/msg counts', () => {
    const log: (string | number)[] = [];
    run(m, function* (c) {
      const id = yield* c.syscall('msgget', IPC_PRIVATE, IPC_CREAT | 0o600);
      log.push(id);
      const child = yield* c.fork(function* (cc) {
        // Sleeps until the parent sends a type-5 message.
        log.push(`child ${yield* rcv(cc, id, 5)}`);
        return 0;
      });
      yield* c.nanosleep(10_000_000);
      log.push('parent sends');
      for (const [t, s] of [[3, 'three'], [1, 'one'], [5, 'five'], [2, 'two']] as const) yield* c.syscall('msgsnd', id, ...msgbuf(c, t, s), 0);
      yield* c.waitpid(child);
      log.push(yield* rcv(c, id, -2));
      log.push(yield* rcv(c, id, 0, 2));
      log.push(yield* rcv(c, id, 0, 2, MSG_NOERROR));
      log.push(yield* rcv(c, id, 0));
      log.push(yield* rcv(c, id, 0, 64, IPC_NOWAIT));
      yield* c.syscall('msgsnd', id, ...msgbuf(c, 9, 'kept'), 0);
      return 0;
    });
    expect(log).toEqual([0, 'parent sends', 'child 5:five', '1:one', -E2BIG, '3:th', '2:two', -ENOMSG]);
    const proc = cat('/proc/sysvipc/msg');
    expect(proc[0]).toBe('       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime');
    expect(proc[1]).toMatch(/^ {9}0 {10}0 {3}600 {11}4 {10}1 +\d+ +\d+ {5}0 {5}0 {5}0 {5}0 +\d+ +\d+ +\d+$/);
    expect(m.runCommand('ipcrm -q 0; echo $?; cat /proc/sysvipc/msg | wc -l').output).toBe('0\n1\n');
  });

  it('IPC_RMID wakes a blocked receiver with EIDRM', () => {
    const log: (string | number)[] = [];
    run(m, function* (c) {
      const id = yield* c.syscall('msgget', IPC_PRIVATE, 0o600);
      const child = yield* c.fork(function* (cc) { log.push(yield* rcv(cc, id, 0)); return 0; });
      yield* c.nanosleep(10_000_000);
      log.push(yield* c.syscall('msgctl', id, IPC_RMID, 0));
      yield* c.waitpid(child);
      log.push(yield* c.syscall('msgsnd', id, ...msgbuf(c, 1, 'x'), 0));
      return 0;
    });
    expect(log).toEqual([0, -EIDRM, -EINVAL]);
  });
});

describe('semaphores', () => {
  it('semop waits until it can apply; GETNCNT counts the sleeper, GETPID names the last process; operations apply all or none', () => {
    const log: (string | number)[] = [];
    let childpid = 0;
    run(m, function* (c) {
      const id = yield* c.syscall('semget', IPC_PRIVATE, 2, IPC_CREAT | 0o600);
      childpid = yield* c.fork(function* (cc) {
        log.push(`child ${yield* cc.syscall('semop', id, sembufs(cc, [[0, -1, 0]]), 1)}`);
        return 0;
      });
      yield* c.nanosleep(10_000_000);
      log.push(`ncnt ${yield* c.syscall('semctl', id, 0, GETNCNT, 0)}`);
      log.push(`post ${yield* c.syscall('semop', id, sembufs(c, [[0, 1, 0]]), 1)}`);
      yield* c.waitpid(childpid);
      log.push(`val ${yield* c.syscall('semctl', id, 0, GETVAL, 0)}`, `pid ${yield* c.syscall('semctl', id, 0, GETPID, 0)}`);
      // sem 1 is 0: the decrement would block, so IPC_NOWAIT refuses both and sem 0 stays 0.
      log.push(yield* c.syscall('semop', id, sembufs(c, [[0, 1, 0], [1, -1, IPC_NOWAIT]]), 2));
      log.push(`val ${yield* c.syscall('semctl', id, 0, GETVAL, 0)}`);
      yield* c.syscall('semctl', id, 0, IPC_RMID, 0);
      return 0;
    });
    expect(log).toEqual(['ncnt 1', 'post 0', 'child 0', 'val 0', `pid ${childpid}`, -EAGAIN, 'val 0']);
  });

  it('SEM_UNDO operations are reverted when the process exits', () => {
    const log: number[] = [];
    run(m, function* (c) {
      const id = yield* c.syscall('semget', IPC_PRIVATE, 1, 0o600);
      yield* c.syscall('semctl', id, 0, SETVAL, 5);
      const child = yield* c.fork(function* (cc) {
        yield* cc.syscall('semop', id, sembufs(cc, [[0, -2, SEM_UNDO]]), 1);
        yield* cc.syscall('semop', id, sembufs(cc, [[0, -1, 0]]), 1);
        return 0;
      });
      yield* c.waitpid(child);
      log.push(yield* c.syscall('semctl', id, 0, GETVAL, 0));
      yield* c.syscall('semctl', id, 0, IPC_RMID, 0);
      return 0;
    });
    // 5 - 2 - 1, then the -2 undone at exit.
    expect(log).toEqual([4]);
  });
});

describe('shared memory', () => {
  it('a segment attached before fork is shared: each process sees the other\'s writes; IPC_RMID waits for the last detach', () => {
    const log: string[] = [];
    run(m, function* (c) {
      const id = yield* c.syscall('shmget', IPC_PRIVATE, 4096, IPC_CREAT | 0o600);
      const a = yield* c.syscall('shmat', id, 0, 0);
      c.mem().set(enc.encode('hello'), a);
      const child = yield* c.fork(function* (cc) {
        log.push(`child sees ${dec.decode(cc.get(a, 5))}`);
        cc.mem().set(enc.encode('world'), a + 8);
        yield* cc.syscall('getpid');
        yield* cc.nanosleep(20_000_000);
        log.push(`child sees ${dec.decode(cc.get(a, 5))}`);
        return 0;
      });
      yield* c.nanosleep(10_000_000);
      log.push(`parent sees ${dec.decode(c.get(a + 8, 5))}`);
      c.mem().set(enc.encode('HELLO'), a);
      yield* c.syscall('shmctl', id, IPC_RMID, 0);
      yield* c.waitpid(child);
      log.push((yield* c.read_text('/proc/sysvipc/shm')) as string);
      log.push(String(yield* c.syscall('shmdt', a)));
      log.push((yield* c.read_text('/proc/sysvipc/shm')) as string);
      return 0;
    });
    expect(log.slice(0, 3)).toEqual(['child sees hello', 'parent sees world', 'child sees HELLO']);
    const line = log[3].split('\n')[1];
    // key 0 after IPC_RMID, SHM_DEST in the mode, still attached once, one page written.
    expect(line).toMatch(/^ {9}0 {10}0  1600 {18}4096 +\d+ +\d+ {6}1 {5}0 {5}0 {5}0 {5}0 +\d+ +\d+ +\d+ {18}4096 {21}0$/);
    expect(log[4]).toBe('0');
    expect(log[5].split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('ipcs lists a segment with its attach count and dest status; /proc/PID/maps names the attach /SYSV<key> (deleted)', () => {
    let maps = '';
    run(m, function* (c) {
      const id = yield* c.syscall('shmget', 0x1234, 8192, IPC_CREAT | 0o640);
      yield* c.syscall('shmat', id, 0, 0);
      maps = (yield* c.read_text('/proc/self/maps')) as string;
      yield* c.syscall('shmctl', id, IPC_RMID, 0);
      return 0;
    });
    expect(maps).toMatch(/ rw-s 00000000 00:00 0 +\/SYSV00001234 \(deleted\)$/m);
    expect(m.runCommand('ipcs -m').output).toBe('\n------ Shared Memory Segments --------\nkey        shmid      owner      perms      bytes      nattch     status    \n\n');
  });
});

describe('IPC namespaces', () => {
  it('objects live in the namespace that made them: invisible outside, freed with it', () => {
    const out = m.runCommand([
      'ipcmk -Q -p 600 >/dev/null',
      `unshare -i sh -c 'ipcmk -M 100 -S 2 >/dev/null; ipcs -q | tail -n +4 | wc -l; ipcs -m | tail -n +4 | head -1 | tr -s " " | cut -d" " -f2-5; readlink /proc/self/ns/ipc'`,
      'ipcs -m | tail -n +4 | wc -l; cat /proc/sysvipc/sem | wc -l; ipcs -q | tail -n +4 | head -1 | tr -s " " | cut -d" " -f3-5',
    ].join('\n')).output.split('\n');
    // Inside: no message queue (the outer one is not there), the segment as id 0.
    expect(out[0]).toBe('1');
    expect(out[1]).toBe('0 root 644 100');
    expect(out[2]).toMatch(/^ipc:\[\d+\]$/);
    expect(out[2]).not.toBe('ipc:[4026531839]');
    // Outside again: the inner namespace died with its last process and took the segment and the array along.
    expect(out.slice(3, 5)).toEqual(['1', '1']);
    expect(out[5]).toBe('root 600 0');
    run(m, function* (c) {
      const key_outside = yield* c.syscall('msgget', 0x5151, IPC_CREAT | 0o600);
      expect(key_outside).toBeGreaterThanOrEqual(0);
      expect(yield* c.syscall('unshare', 0x08000000)).toBe(0);
      expect(yield* c.syscall('msgget', 0x5151, 0)).toBe(-ENOENT);
      return 0;
    });
  });

  it('ipcrm: each bad id or key is reported and the status is 1', () => {
    const r = m.runCommand('ipcrm -m 77 -Q 0x4242; echo status=$?');
    expect(r.output).toBe('ipcrm: invalid id (77)\nipcrm: invalid key (0x4242)\nstatus=1\n');
  });
});
