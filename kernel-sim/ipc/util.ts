// Models linux/ipc/util.c and ipc/namespace.c: the per-namespace id tables of System V IPC (ipc_ids), ipcget, permission checks, and freeing a namespace's objects.
import type { ipc_namespace, pid_namespace, struct_pid, user_namespace } from '../include/linux/nsproxy.ts';
import { EACCES, EEXIST, EIDRM, EINVAL, ENOENT, ENOSPC, EPERM } from '../include/uapi/asm-generic/errno.ts';
import { current } from '../kernel/sched/core.ts';
import { ktime_get_real, NSEC_PER_SEC } from '../kernel/time/timekeeping.ts';
import { ns_capable, CAP_IPC_OWNER, CAP_SYS_ADMIN, cred_user_ns } from '../kernel/capability.ts';
import { from_kgid_munged, from_kuid_munged, make_kgid, make_kuid } from '../kernel/user_namespace.ts';
import { task_active_pid_ns, task_pid_numbers } from '../kernel/pid_namespace.ts';

/** include/uapi/linux/ipc.h */
export const IPC_PRIVATE = 0, IPC_CREAT = 0o1000, IPC_EXCL = 0o2000, IPC_NOWAIT = 0o4000;
export const IPC_RMID = 0, IPC_SET = 1, IPC_STAT = 2, IPC_INFO = 3, IPC_64 = 0x0100;
const S_IRUGO = 0o444, S_IWUGO = 0o222;
/** ipc/util.h: the id is seq << IPCMNI_SHIFT | idx; idr_alloc_cyclic searches below max(in_use*3/2, ipc_min_cycle). */
const IPCMNI_SHIFT = 15, IPCMNI = 1 << IPCMNI_SHIFT, ipc_min_cycle = 64, ipcid_seq_max = 0x7fffffff >> IPCMNI_SHIFT;

/** struct kern_ipc_perm: owner and creator as kernel ids, the mode's low 9 bits plus object flags. */
export interface kern_ipc_perm {
  key: number; id: number; seq: number;
  uid: number; gid: number; cuid: number; cgid: number;
  mode: number; deleted: boolean;
}

/** struct ipc_ids: one kind of object (sem, msg, shm) of one namespace. */
export interface ipc_ids<T extends kern_ipc_perm = kern_ipc_perm> {
  in_use: number; seq: number; last_idx: number; next_idx: number;
  objs: Map<number, T>;
}

/** What ipc/ keeps in an ipc_namespace (struct ipc_namespace's ids[] and limits). */
export interface ipc_ns_state {
  ids: { sem: ipc_ids; msg: ipc_ids; shm: ipc_ids };
  msg_ctlmax: number; msg_ctlmnb: number; msg_ctlmni: number;
  sem_ctls: [number, number, number, number];
  shm_ctlmax: number; shm_ctlall: number; shm_ctlmni: number; shm_tot: number;
}

const new_ids = (): ipc_ids => ({ in_use: 0, seq: 0, last_idx: -1, next_idx: 0, objs: new Map() });

/** The ipc/ side of a namespace, made on first use with the defaults of ipc/msg.c, sem.c and shm.c. */
export function ipc_ns_of(ns: ipc_namespace): ipc_ns_state {
  if (!ns.ids) {
    const st: ipc_ns_state = {
      ids: { sem: new_ids(), msg: new_ids(), shm: new_ids() },
      msg_ctlmax: 8192, msg_ctlmnb: 16384, msg_ctlmni: 32000,
      // SEMMSL, SEMMNS, SEMOPM, SEMMNI
      sem_ctls: [32000, 1024000000, 500, 32000],
      shm_ctlmax: Number.MAX_SAFE_INTEGER, shm_ctlall: Number.MAX_SAFE_INTEGER, shm_ctlmni: 4096, shm_tot: 0,
    };
    ns.ids = st;
  }
  return ns.ids as ipc_ns_state;
}

export const current_ipc_ns = (): ipc_namespace => current().nsproxy.ipc_ns;
export const ipc_now = (): number => Math.floor(ktime_get_real() / NSEC_PER_SEC);

/** ipc_idr_alloc(): the next index cyclically below the cycle bound; wrapping bumps the sequence number. */
function ipc_idr_alloc(ids: ipc_ids, max_idx: number): number {
  for (let n = 0; n < max_idx; n++) {
    const idx = (ids.next_idx + n) % max_idx;
    if (!ids.objs.has(idx)) {
      if (idx <= ids.last_idx) { ids.seq++; if (ids.seq >= ipcid_seq_max) ids.seq = 0; }
      ids.last_idx = idx;
      ids.next_idx = idx + 1;
      return idx;
    }
  }
  return -1;
}

/** ipc_addid(): files a new object under the lowest cyclic index; its owner and creator are the caller. */
export function ipc_addid<T extends kern_ipc_perm>(ids: ipc_ids, obj: T, limit: number): number {
  if (ids.in_use >= Math.min(limit, IPCMNI)) return -ENOSPC;
  const idx = ipc_idr_alloc(ids, Math.min(Math.max(Math.floor(ids.in_use * 3 / 2), ipc_min_cycle), IPCMNI));
  if (idx < 0) return -ENOSPC;
  const c = current().cred;
  obj.uid = obj.cuid = c.euid;
  obj.gid = obj.cgid = c.egid;
  obj.seq = ids.seq;
  obj.id = (ids.seq << IPCMNI_SHIFT) + idx;
  ids.objs.set(idx, obj);
  ids.in_use++;
  return obj.id;
}

/** ipc_rmid(): the object leaves the table; holders that look it up again get EIDRM/EINVAL. */
export function ipc_rmid(ids: ipc_ids, perm: kern_ipc_perm): void {
  ids.objs.delete(perm.id & (IPCMNI - 1));
  ids.in_use--;
  perm.deleted = true;
}

/** ipcperms(): the owner, group or other bits the request needs, or CAP_IPC_OWNER over the namespace. */
export function ipcperms(ns: ipc_namespace, perm: kern_ipc_perm, flag: number): number {
  const c = current().cred;
  const requested = (flag >> 6) | (flag >> 3) | flag;
  let granted = perm.mode;
  if (c.euid === perm.cuid || c.euid === perm.uid) granted >>= 6;
  else if (c.egid === perm.cgid || c.egid === perm.gid || (c.groups ?? []).includes(perm.gid)) granted >>= 3;
  if ((requested & ~granted & 0o7) && !ns_capable(ns.user_ns, CAP_IPC_OWNER)) return -EACCES;
  return 0;
}

/** ipc_obtain_object_check(): the object an id names, EINVAL for a stale sequence or an empty slot. */
export function ipc_obtain_object_check<T extends kern_ipc_perm>(ids: ipc_ids, id: number): T | number {
  if (id < 0) return -EINVAL;
  const obj = ids.objs.get(id & (IPCMNI - 1)) as T | undefined;
  if (!obj) return -EINVAL;
  if (obj.seq !== id >> IPCMNI_SHIFT) return -EINVAL;
  if (obj.deleted) return -EIDRM;
  return obj;
}

/**
 * ipcget(): IPC_PRIVATE always makes a new object; a key finds an existing one (EEXIST with IPC_CREAT|IPC_EXCL,
 * then the permission and the kind's own checks) or, with IPC_CREAT, makes one; ENOENT otherwise.
 */
export function ipcget<T extends kern_ipc_perm>(ns: ipc_namespace, ids: ipc_ids, key: number, flg: number,
  newfn: () => number, more_checks: (obj: T) => number = () => 0): number {
  if (key !== IPC_PRIVATE) {
    const found = [...ids.objs.values()].find((o) => o.key === key && !o.deleted) as T | undefined;
    if (found) {
      if ((flg & IPC_CREAT) && (flg & IPC_EXCL)) return -EEXIST;
      const e = ipcperms(ns, found, flg) || more_checks(found);
      return e || found.id;
    }
    if (!(flg & IPC_CREAT)) return -ENOENT;
  }
  return newfn();
}

/** A fresh kern_ipc_perm for key and the low 9 mode bits of flg (ipc_addid fills owner and id). */
export const new_perm = (key: number, flg: number): kern_ipc_perm => ({
  key, id: 0, seq: 0, uid: 0, gid: 0, cuid: 0, cgid: 0, mode: flg & 0o777, deleted: false,
});

/** ipcctl_obtain_check() for IPC_SET/IPC_RMID: only the owner, the creator or CAP_SYS_ADMIN over the namespace. */
export function ipcctl_may_change(ns: ipc_namespace, perm: kern_ipc_perm): number {
  const euid = current().cred.euid;
  return euid === perm.cuid || euid === perm.uid || ns_capable(ns.user_ns, CAP_SYS_ADMIN) ? 0 : -EPERM;
}

/** ipc_update_perm() for IPC_SET: owner ids as the caller's namespace names them, and the mode's low 9 bits. */
export function ipc_update_perm(perm: kern_ipc_perm, uid: number, gid: number, mode: number): number {
  const ns = cred_user_ns(current().cred);
  const kuid = make_kuid(ns, uid), kgid = make_kgid(ns, gid);
  if (kuid < 0 || kgid < 0) return -EINVAL;
  perm.uid = kuid; perm.gid = kgid;
  perm.mode = (perm.mode & ~0o777) | (mode & 0o777);
  return 0;
}

/** The read/write permission an operation needs, as the callers pass it to ipcperms. */
export const IPC_READ = S_IRUGO, IPC_WRITE = S_IWUGO;

/** struct ipc64_perm as IPC_STAT copies it out (48 bytes, x86_64): ids as the caller's user namespace sees them. */
export function encode_ipc64_perm(dv: DataView, off: number, p: kern_ipc_perm): void {
  const ns = cred_user_ns(current().cred) as user_namespace;
  dv.setInt32(off, p.key, true);
  dv.setUint32(off + 4, from_kuid_munged(ns, p.uid), true);
  dv.setUint32(off + 8, from_kgid_munged(ns, p.gid), true);
  dv.setUint32(off + 12, from_kuid_munged(ns, p.cuid), true);
  dv.setUint32(off + 16, from_kgid_munged(ns, p.cgid), true);
  dv.setUint32(off + 20, p.mode, true);
  dv.setUint16(off + 24, p.seq, true);
}

/** The reader's view of an object's ids for /proc/sysvipc (seq_user_ns) and of a task's pid (pid_nr_ns). */
export const munged_ids = (p: kern_ipc_perm): [number, number, number, number] => {
  const ns = cred_user_ns(current().cred) as user_namespace;
  return [from_kuid_munged(ns, p.uid), from_kgid_munged(ns, p.gid), from_kuid_munged(ns, p.cuid), from_kgid_munged(ns, p.cgid)];
};
export function pid_nr_ns(p: struct_pid | null, ns: pid_namespace = task_active_pid_ns(current())): number {
  return p && ns.level <= p.level && p.numbers[ns.level].ns === ns ? p.numbers[ns.level].nr : 0;
}
/** task_tgid(current): the caller's thread-group pid, kept as lspid/lrpid/sempid/cpid/lpid are. */
export const current_tgid = (): struct_pid => task_pid_numbers(current().group_leader);

/** The objects of one kind in index order (what /proc/sysvipc/* and *_INFO walk). */
export const ipc_objects = <T extends kern_ipc_perm>(ids: ipc_ids): T[] =>
  [...ids.objs.entries()].sort((a, b) => a[0] - b[0]).map(([, o]) => o as T);
