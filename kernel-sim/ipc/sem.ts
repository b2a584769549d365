// Models linux/ipc/sem.c: System V semaphore arrays (semget, semop/semtimedop applied all-or-nothing, semctl, SEM_UNDO at exit) per IPC namespace, and /proc/sysvipc/sem.
import type { KGen, task_struct } from '../include/linux/sched.ts';
import type { ipc_namespace, struct_pid } from '../include/linux/nsproxy.ts';
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import { E2BIG, EAGAIN, EFAULT, EFBIG, EIDRM, EINVAL, ERANGE, ERESTARTNOHAND } from '../include/uapi/asm-generic/errno.ts';
import { copy_from_user, copy_to_user } from '../mm/uaccess.ts';
import { wait_queue_head, wait_event_interruptible, wait_event_interruptible_timeout, wake_up_all } from '../kernel/sched/wait.ts';
import { current } from '../kernel/sched/core.ts';
import { NSEC_PER_SEC } from '../kernel/time/timekeeping.ts';
import type { seq_file } from '../fs/seq_file.ts';
import { seq_puts } from '../fs/seq_file.ts';
import { defineState } from '../kernel/state.ts';
import {
  IPC_64, IPC_NOWAIT, IPC_RMID, IPC_SET, IPC_STAT, IPC_READ, IPC_WRITE, type kern_ipc_perm,
  current_ipc_ns, current_tgid, encode_ipc64_perm, ipc_addid, ipc_now, ipc_ns_of, ipc_objects, ipc_obtain_object_check,
  ipc_rmid, ipcctl_may_change, ipcget, ipcperms, ipc_update_perm, munged_ids, new_perm, pid_nr_ns,
} from './util.ts';

/** include/uapi/linux/sem.h */
export const GETPID = 11, GETVAL = 12, GETALL = 13, GETNCNT = 14, GETZCNT = 15, SETVAL = 16, SETALL = 17;
export const SEM_UNDO = 0x1000, SEMVMX = 32767;

interface sem { semval: number; sempid: struct_pid | null }
/** One sleeping semop: which semaphore it waits on, and whether for zero (semzcnt) or for an increase (semncnt). */
interface sem_waiter { sem_num: number; zero: boolean }

/** struct sem_array. */
export interface sem_array extends kern_ipc_perm {
  sems: sem[]; sem_otime: number; sem_ctime: number;
  waiters: Set<sem_waiter>;
  wq: wait_queue_head;
}

/** struct sem_undo: what a task's SEM_UNDO operations add up to, per array id and semaphore (undone at exit). */
const undoState = defineState('sem_undo', () => ({ by_task: new Map<task_struct, Map<number, { ns: ipc_namespace; adj: number[] }>>() }));

const sem_ids = (ns: ipc_namespace) => ipc_ns_of(ns).ids.sem;
const array_of = (ns: ipc_namespace, id: number): sem_array | number => ipc_obtain_object_check<sem_array>(sem_ids(ns), id);

/** newary(): nsems semaphores at zero. */
function newary(ns: ipc_namespace, key: number, nsems: number, flg: number): number {
  const [semmsl, , , semmni] = ipc_ns_of(ns).sem_ctls;
  if (!nsems || nsems > semmsl) return -EINVAL;
  const a: sem_array = {
    ...new_perm(key, flg), sems: Array.from({ length: nsems }, () => ({ semval: 0, sempid: null })),
    sem_otime: 0, sem_ctime: ipc_now(), waiters: new Set(), wq: new wait_queue_head('sem_array'),
  };
  return ipc_addid(sem_ids(ns), a, semmni);
}

function ksys_semget(key: number, nsems: number, flg: number): number {
  const ns = current_ipc_ns();
  if ((nsems | 0) < 0 || nsems > ipc_ns_of(ns).sem_ctls[0]) return -EINVAL;
  return ipcget<sem_array>(ns, sem_ids(ns), key | 0, flg, () => newary(ns, key | 0, nsems, flg),
    (a) => (nsems > a.sems.length ? -EINVAL : 0));
}

interface sembuf { sem_num: number; sem_op: number; sem_flg: number }

/**
 * perform_atomic_semop(): every operation or none. Returns 0 when applied, 1 when one must wait (with the waiter
 * it would sleep as), or -errno (ERANGE past SEMVMX, EAGAIN for an IPC_NOWAIT operation that would block).
 */
function perform_atomic_semop(a: sem_array, sops: sembuf[]): number | sem_waiter {
  const vals = a.sems.map((s) => s.semval);
  for (const op of sops) {
    const v = vals[op.sem_num];
    if (op.sem_op === 0 ? v !== 0 : v + op.sem_op < 0) {
      return op.sem_flg & IPC_NOWAIT ? -EAGAIN : { sem_num: op.sem_num, zero: op.sem_op === 0 };
    }
    if (v + op.sem_op > SEMVMX) return -ERANGE;
    vals[op.sem_num] = v + op.sem_op;
  }
  const pid = current_tgid();
  vals.forEach((v, i) => { a.sems[i].semval = v; });
  for (const op of sops) a.sems[op.sem_num].sempid = pid;
  return 0;
}

/** The caller's undo record for an array: SEM_UNDO operations are reverted when it exits. */
function record_undo(ns: ipc_namespace, a: sem_array, sops: sembuf[]): void {
  const t = current().group_leader;
  const all = undoState().by_task;
  const mine = all.get(t) ?? new Map();
  all.set(t, mine);
  const u = mine.get(a.id) ?? { ns, adj: new Array(a.sems.length).fill(0) };
  mine.set(a.id, u);
  for (const op of sops) if (op.sem_flg & SEM_UNDO) u.adj[op.sem_num] -= op.sem_op;
}

/** do_semtimedop(): applies the operations at once, sleeping until they can be (or the timeout, a signal, IPC_RMID). */
function* do_semtimedop(semid: number, tsops: number, nsops: number, timeout_ns: number | null): KGen<number> {
  const ns = current_ipc_ns();
  if ((nsops | 0) < 1 || (semid | 0) < 0) return -EINVAL;
  if (nsops > ipc_ns_of(ns).sem_ctls[2]) return -E2BIG;
  const raw = copy_from_user(tsops, nsops * 6);
  if (!raw) return -EFAULT;
  const dv = new DataView(raw.buffer, raw.byteOffset);
  const sops: sembuf[] = Array.from({ length: nsops }, (_, i) => ({
    sem_num: dv.getUint16(i * 6, true), sem_op: dv.getInt16(i * 6 + 2, true), sem_flg: dv.getInt16(i * 6 + 4, true),
  }));
  const alter = sops.some((s) => s.sem_op !== 0);
  const undos = sops.some((s) => s.sem_flg & SEM_UNDO);
  for (;;) {
    const a = array_of(ns, semid);
    if (typeof a === 'number') return a;
    if (sops.some((s) => s.sem_num >= a.sems.length)) return -EFBIG;
    const e = ipcperms(ns, a, alter ? IPC_WRITE : IPC_READ);
    if (e) return e;
    const r = perform_atomic_semop(a, sops);
    if (r === 0) {
      if (undos) record_undo(ns, a, sops);
      a.sem_otime = ipc_now();
      if (alter) wake_up_all(a.wq);
      return 0;
    }
    if (typeof r === 'number') return r;
    a.waiters.add(r);
    const ready = (): boolean => a.deleted || typeof perform_atomic_semop({ ...a, sems: a.sems.map((s) => ({ ...s })) }, sops) !== 'object';
    const w = timeout_ns === null
      ? yield* wait_event_interruptible(a.wq, ready, 'do_semtimedop')
      : yield* wait_event_interruptible_timeout(a.wq, ready, timeout_ns);
    a.waiters.delete(r);
    if (a.deleted) return -EIDRM;
    if (timeout_ns !== null && w === 0 && !ready()) return -EAGAIN; // semtimedop's timeout is EAGAIN
    if (w < 0) return -ERESTARTNOHAND;
  }
}

function* ksys_semtimedop(semid: number, tsops: number, nsops: number, timeout: number): KGen<number> {
  let ns: number | null = null;
  if (timeout) {
    const b = copy_from_user(timeout, 16);
    if (!b) return -EFAULT;
    const dv = new DataView(b.buffer, b.byteOffset);
    const sec = Number(dv.getBigInt64(0, true)), nsec = Number(dv.getBigInt64(8, true));
    if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC) return -EINVAL;
    ns = sec * NSEC_PER_SEC + nsec;
  }
  return yield* do_semtimedop(semid, tsops, nsops, ns);
}

/** struct semid64_ds (x86_64, 104 bytes) for IPC_STAT. */
function encode_semid64(a: sem_array): Uint8Array {
  const b = new Uint8Array(104), dv = new DataView(b.buffer);
  encode_ipc64_perm(dv, 0, a);
  dv.setBigUint64(48, BigInt(a.sem_otime), true);
  dv.setBigUint64(64, BigInt(a.sem_ctime), true);
  dv.setBigUint64(80, BigInt(a.sems.length), true);
  return b;
}

/** freeary(): the array goes; sleepers wake to EIDRM. */
function freeary(ns: ipc_namespace, a: sem_array): void {
  ipc_rmid(sem_ids(ns), a);
  wake_up_all(a.wq);
}

const count_waiters = (a: sem_array, semnum: number, zero: boolean): number =>
  [...a.waiters].filter((w) => w.sem_num === semnum && w.zero === zero).length;

/** ksys_semctl(): the per-semaphore and whole-array commands, IPC_STAT/IPC_SET/IPC_RMID. */
function ksys_semctl(semid: number, semnum: number, cmd: number, arg: number): number {
  const ns = current_ipc_ns();
  if ((semid | 0) < 0) return -EINVAL;
  const a = array_of(ns, semid);
  if (typeof a === 'number') return a;
  const c = cmd & ~IPC_64;
  const one = (): number => ((semnum | 0) < 0 || semnum >= a.sems.length ? -EINVAL : 0);
  const need = (flag: number): number => ipcperms(ns, a, flag);
  switch (c) {
    case GETVAL: case GETPID: case GETNCNT: case GETZCNT: {
      const e = need(IPC_READ) || one();
      if (e) return e;
      const s = a.sems[semnum];
      return c === GETVAL ? s.semval : c === GETPID ? pid_nr_ns(s.sempid) : count_waiters(a, semnum, c === GETZCNT);
    }
    case GETALL: {
      const e = need(IPC_READ);
      if (e) return e;
      const out = new Uint8Array(a.sems.length * 2), dv = new DataView(out.buffer);
      a.sems.forEach((s, i) => dv.setUint16(i * 2, s.semval, true));
      return copy_to_user(arg, out) ? -EFAULT : 0;
    }
    case SETVAL: case SETALL: {
      const e = need(IPC_WRITE) || (c === SETVAL ? one() : 0);
      if (e) return e;
      let vals: number[];
      if (c === SETVAL) vals = [arg | 0];
      else {
        const b = copy_from_user(arg, a.sems.length * 2);
        if (!b) return -EFAULT;
        const dv = new DataView(b.buffer, b.byteOffset);
        vals = a.sems.map((_, i) => dv.getUint16(i * 2, true));
      }
      if (vals.some((v) => v < 0 || v > SEMVMX)) return -ERANGE;
      // Setting a value clears every task's undo adjustment for it (sem_undo's semadj = 0).
      for (const undos of undoState().by_task.values()) {
        const u = undos.get(a.id);
        if (u) { if (c === SETVAL) u.adj[semnum] = 0; else u.adj.fill(0); }
      }
      const pid = current_tgid();
      if (c === SETVAL) { a.sems[semnum].semval = vals[0]; a.sems[semnum].sempid = pid; } else vals.forEach((v, i) => { a.sems[i].semval = v; a.sems[i].sempid = pid; });
      a.sem_ctime = ipc_now();
      wake_up_all(a.wq);
      return 0;
    }
    case IPC_STAT: {
      const e = need(IPC_READ);
      if (e) return e;
      return copy_to_user(arg, encode_semid64(a)) ? -EFAULT : 0;
    }
    case IPC_SET: {
      const e = ipcctl_may_change(ns, a);
      if (e) return e;
      const b = copy_from_user(arg, 104);
      if (!b) return -EFAULT;
      const dv = new DataView(b.buffer, b.byteOffset);
      const r = ipc_update_perm(a, dv.getUint32(4, true), dv.getUint32(8, true), dv.getUint32(20, true));
      if (!r) a.sem_ctime = ipc_now();
      return r;
    }
    case IPC_RMID: {
      const e = ipcctl_may_change(ns, a);
      if (e) return e;
      freeary(ns, a);
      return 0;
    }
    default: return -EINVAL;
  }
}

/** exit_sem(): a task's SEM_UNDO adjustments are applied to the arrays that still exist, clamped at 0 and SEMVMX. */
export function exit_sem(t: task_struct): void {
  const all = undoState().by_task;
  const mine = all.get(t);
  if (!mine) return;
  all.delete(t);
  for (const [id, u] of mine) {
    const a = ipc_obtain_object_check<sem_array>(sem_ids(u.ns), id);
    if (typeof a === 'number') continue;
    u.adj.forEach((d, i) => { if (d) a.sems[i].semval = Math.min(SEMVMX, Math.max(0, a.sems[i].semval + d)); });
    wake_up_all(a.wq);
  }
}

/** sem_exit_ns(): a dying namespace frees its arrays. */
export function sem_exit_ns(ns: ipc_namespace): void {
  for (const a of ipc_objects<sem_array>(sem_ids(ns))) freeary(ns, a);
}

/** sysvipc_sem_proc_show(): one line per array of the reader's namespace. */
export function sysvipc_sem_proc_show(m: seq_file): void {
  seq_puts(m, '       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n');
  for (const a of ipc_objects<sem_array>(sem_ids(current_ipc_ns()))) {
    const [uid, gid, cuid, cgid] = munged_ids(a);
    const d = (n: number, w: number): string => String(n).padStart(w);
    seq_puts(m, `${d(a.key, 10)} ${d(a.id, 10)}  ${a.mode.toString(8).padStart(4)} ${d(a.sems.length, 10)} ` +
      `${d(uid, 5)} ${d(gid, 5)} ${d(cuid, 5)} ${d(cgid, 5)} ${d(a.sem_otime, 10)} ${d(a.sem_ctime, 10)}\n`);
  }
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('semget', ['hex', 'int', 'hex'], ksys_semget),
  SYSCALL_DEFINE('semop', ['int', 'ptr', 'uint'], function* (id: number, sops: number, n: number) { return yield* do_semtimedop(id, sops, n, null); }),
  SYSCALL_DEFINE('semtimedop', ['int', 'ptr', 'uint', 'ptr'], ksys_semtimedop),
  SYSCALL_DEFINE('semctl', ['int', 'int', 'int', 'hex'], ksys_semctl),
];
