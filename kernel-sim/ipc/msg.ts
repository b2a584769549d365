// Models linux/ipc/msg.c: System V message queues (msgget, msgsnd, msgrcv, msgctl) per IPC namespace, and /proc/sysvipc/msg.
import type { KGen } from '../include/linux/sched.ts';
import type { ipc_namespace, struct_pid } from '../include/linux/nsproxy.ts';
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import { E2BIG, EAGAIN, EFAULT, EIDRM, EINVAL, ENOMSG, EPERM, ERESTARTNOHAND } from '../include/uapi/asm-generic/errno.ts';
import { copy_from_user, copy_to_user } from '../mm/uaccess.ts';
import { wait_queue_head, wait_event_interruptible, wake_up_all } from '../kernel/sched/wait.ts';
import { ns_capable, CAP_SYS_RESOURCE } from '../kernel/capability.ts';
import type { seq_file } from '../fs/seq_file.ts';
import { seq_puts } from '../fs/seq_file.ts';
import {
  IPC_64, IPC_NOWAIT, IPC_RMID, IPC_SET, IPC_STAT, IPC_READ, IPC_WRITE, type kern_ipc_perm,
  current_ipc_ns, current_tgid, encode_ipc64_perm, ipc_addid, ipc_now, ipc_ns_of, ipc_objects, ipc_obtain_object_check,
  ipc_rmid, ipcctl_may_change, ipcget, ipcperms, ipc_update_perm, munged_ids, new_perm, pid_nr_ns,
} from './util.ts';

export const MSG_NOERROR = 0o10000, MSG_EXCEPT = 0o20000, MSG_COPY = 0o40000;

interface msg_msg { m_type: number; text: Uint8Array }

/** struct msg_queue. */
export interface msg_queue extends kern_ipc_perm {
  q_stime: number; q_rtime: number; q_ctime: number;
  q_cbytes: number; q_qnum: number; q_qbytes: number;
  q_lspid: struct_pid | null; q_lrpid: struct_pid | null;
  q_messages: msg_msg[];
  /** Senders waiting for room and receivers waiting for a message (q_senders, q_receivers). */
  wq: wait_queue_head;
}

const msg_ids = (ns: ipc_namespace) => ipc_ns_of(ns).ids.msg;

/** newque(): an empty queue of msg_ctlmnb bytes. */
function newque(ns: ipc_namespace, key: number, flg: number): number {
  const st = ipc_ns_of(ns);
  const q: msg_queue = {
    ...new_perm(key, flg), q_stime: 0, q_rtime: 0, q_ctime: ipc_now(), q_cbytes: 0, q_qnum: 0, q_qbytes: st.msg_ctlmnb,
    q_lspid: null, q_lrpid: null, q_messages: [], wq: new wait_queue_head('msg_queue'),
  };
  return ipc_addid(msg_ids(ns), q, st.msg_ctlmni);
}

function ksys_msgget(key: number, flg: number): number {
  const ns = current_ipc_ns();
  return ipcget(ns, msg_ids(ns), key | 0, flg, () => newque(ns, key | 0, flg));
}

/** freeque(): the queue goes with its messages; sleepers wake to EIDRM. */
function freeque(ns: ipc_namespace, q: msg_queue): void {
  ipc_rmid(msg_ids(ns), q);
  q.q_messages = [];
  wake_up_all(q.wq);
}

const queue_of = (ns: ipc_namespace, id: number): msg_queue | number => ipc_obtain_object_check<msg_queue>(msg_ids(ns), id);

/** do_msgsnd(): the message goes in when both its bytes and one more message fit q_qbytes, else the sender waits. */
function* do_msgsnd(msqid: number, msgp: number, msgsz: number, msgflg: number): KGen<number> {
  const ns = current_ipc_ns();
  if (msgsz > ipc_ns_of(ns).msg_ctlmax || (msgsz | 0) < 0 || (msqid | 0) < 0) return -EINVAL;
  const hdr = copy_from_user(msgp, 8);
  const body = copy_from_user(msgp + 8, msgsz);
  if (!hdr || !body) return -EFAULT;
  const mtype = Number(new DataView(hdr.buffer, hdr.byteOffset).getBigInt64(0, true));
  if (mtype < 1) return -EINVAL;
  for (;;) {
    const q = queue_of(ns, msqid);
    if (typeof q === 'number') return q;
    const e = ipcperms(ns, q, IPC_WRITE);
    if (e) return e;
    if (msgsz + q.q_cbytes <= q.q_qbytes && 1 + q.q_qnum <= q.q_qbytes) {
      q.q_messages.push({ m_type: mtype, text: body.slice() });
      q.q_cbytes += msgsz; q.q_qnum++;
      q.q_lspid = current_tgid(); q.q_stime = ipc_now();
      wake_up_all(q.wq);
      return 0;
    }
    if (msgflg & IPC_NOWAIT) return -EAGAIN;
    const r = yield* wait_event_interruptible(q.wq, () => q.deleted || msgsz + q.q_cbytes <= q.q_qbytes, 'do_msgsnd');
    if (q.deleted) return -EIDRM;
    if (r) return -ERESTARTNOHAND;
  }
}

/** find_msg(): 0 takes the first, >0 the first of that type (or of another with MSG_EXCEPT), <0 the lowest type up to -msgtyp. */
function find_msg(q: msg_queue, msgtyp: number, msgflg: number): number {
  if (msgtyp === 0) return q.q_messages.length ? 0 : -1;
  if (msgtyp > 0) return q.q_messages.findIndex((m) => (msgflg & MSG_EXCEPT ? m.m_type !== msgtyp : m.m_type === msgtyp));
  let best = -1;
  q.q_messages.forEach((m, i) => { if (m.m_type <= -msgtyp && (best < 0 || m.m_type < q.q_messages[best].m_type)) best = i; });
  return best;
}

/** do_msgrcv(): a matching message is copied out (mtype then text) and dequeued, or the receiver waits. */
function* do_msgrcv(msqid: number, msgp: number, msgsz: number, msgtyp: number, msgflg: number): KGen<number> {
  const ns = current_ipc_ns();
  if ((msqid | 0) < 0 || (msgsz | 0) < 0) return -EINVAL;
  if (msgflg & MSG_COPY) return -EINVAL; // MSG_COPY is CONFIG_CHECKPOINT_RESTORE's, off here
  for (;;) {
    const q = queue_of(ns, msqid);
    if (typeof q === 'number') return q;
    const e = ipcperms(ns, q, IPC_READ);
    if (e) return e;
    const i = find_msg(q, msgtyp | 0, msgflg);
    if (i >= 0) {
      const m = q.q_messages[i];
      if (m.text.length > msgsz && !(msgflg & MSG_NOERROR)) return -E2BIG;
      const n = Math.min(m.text.length, msgsz);
      const out = new Uint8Array(8 + n);
      new DataView(out.buffer).setBigInt64(0, BigInt(m.m_type), true);
      out.set(m.text.subarray(0, n), 8);
      if (copy_to_user(msgp, out)) return -EFAULT;
      q.q_messages.splice(i, 1);
      q.q_cbytes -= m.text.length; q.q_qnum--;
      q.q_lrpid = current_tgid(); q.q_rtime = ipc_now();
      wake_up_all(q.wq);
      return n;
    }
    if (msgflg & IPC_NOWAIT) return -ENOMSG;
    const r = yield* wait_event_interruptible(q.wq, () => q.deleted || find_msg(q, msgtyp | 0, msgflg) >= 0, 'do_msgrcv');
    if (q.deleted) return -EIDRM;
    if (r) return -ERESTARTNOHAND;
  }
}

/** struct msqid64_ds (x86_64, 120 bytes) for IPC_STAT. */
function encode_msqid64(q: msg_queue): Uint8Array {
  const b = new Uint8Array(120), dv = new DataView(b.buffer);
  encode_ipc64_perm(dv, 0, q);
  const put = (off: number, v: number): void => dv.setBigUint64(off, BigInt(v), true);
  put(48, q.q_stime); put(56, q.q_rtime); put(64, q.q_ctime); put(72, q.q_cbytes); put(80, q.q_qnum); put(88, q.q_qbytes);
  dv.setInt32(96, pid_nr_ns(q.q_lspid), true);
  dv.setInt32(100, pid_nr_ns(q.q_lrpid), true);
  return b;
}

/** ksys_msgctl(): IPC_STAT, IPC_SET (owner, mode, msg_qbytes: raising it past msgmnb needs CAP_SYS_RESOURCE), IPC_RMID. */
function ksys_msgctl(msqid: number, cmd: number, buf: number): number {
  const ns = current_ipc_ns();
  if ((msqid | 0) < 0 || (cmd | 0) < 0) return -EINVAL;
  const q = queue_of(ns, msqid);
  if (typeof q === 'number') return q;
  switch (cmd & ~IPC_64) {
    case IPC_STAT: {
      const e = ipcperms(ns, q, IPC_READ);
      if (e) return e;
      return copy_to_user(buf, encode_msqid64(q)) ? -EFAULT : 0;
    }
    case IPC_SET: {
      const e = ipcctl_may_change(ns, q);
      if (e) return e;
      const b = copy_from_user(buf, 120);
      if (!b) return -EFAULT;
      const dv = new DataView(b.buffer, b.byteOffset);
      const qbytes = Number(dv.getBigUint64(88, true));
      if (qbytes > ipc_ns_of(ns).msg_ctlmnb && !ns_capable(ns.user_ns, CAP_SYS_RESOURCE)) return -EPERM;
      const r = ipc_update_perm(q, dv.getUint32(4, true), dv.getUint32(8, true), dv.getUint32(20, true));
      if (r) return r;
      q.q_qbytes = qbytes; q.q_ctime = ipc_now();
      wake_up_all(q.wq);
      return 0;
    }
    case IPC_RMID: {
      const e = ipcctl_may_change(ns, q);
      if (e) return e;
      freeque(ns, q);
      return 0;
    }
    default: return -EINVAL;
  }
}

/** msg_exit_ns(): a dying namespace frees its queues. */
export function msg_exit_ns(ns: ipc_namespace): void {
  for (const q of ipc_objects<msg_queue>(msg_ids(ns))) freeque(ns, q);
}

/** sysvipc_msg_proc_show(): one line per queue of the reader's namespace. */
export function sysvipc_msg_proc_show(m: seq_file): void {
  seq_puts(m, '       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n');
  for (const q of ipc_objects<msg_queue>(msg_ids(current_ipc_ns()))) {
    const [uid, gid, cuid, cgid] = munged_ids(q);
    const d = (n: number, w: number): string => String(n).padStart(w);
    seq_puts(m, `${d(q.key, 10)} ${d(q.id, 10)}  ${q.mode.toString(8).padStart(4)}  ${d(q.q_cbytes, 10)} ${d(q.q_qnum, 10)} ` +
      `${d(pid_nr_ns(q.q_lspid), 5)} ${d(pid_nr_ns(q.q_lrpid), 5)} ${d(uid, 5)} ${d(gid, 5)} ${d(cuid, 5)} ${d(cgid, 5)} ` +
      `${d(q.q_stime, 10)} ${d(q.q_rtime, 10)} ${d(q.q_ctime, 10)}\n`);
  }
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('msgget', ['hex', 'hex'], ksys_msgget),
  SYSCALL_DEFINE('msgsnd', ['int', 'ptr', 'size', 'hex'], do_msgsnd),
  SYSCALL_DEFINE('msgrcv', ['int', 'ptr', 'size', 'int', 'hex'], do_msgrcv),
  SYSCALL_DEFINE('msgctl', ['int', 'int', 'ptr'], ksys_msgctl),
];
