// Models linux/ipc/mqueue.c: POSIX message queues per IPC namespace — mq_open, mq_unlink, mq_timedsend, mq_timedreceive, mq_notify, mq_getsetattr — the mqueue filesystem (one tree per namespace) and /proc/sys/fs/mqueue.
import type { KGen, task_struct } from '../include/linux/sched.ts';
import type { ipc_namespace } from '../include/linux/nsproxy.ts';
import type { file, file_operations, file_system_type, inode, super_block } from '../include/linux/fs_types.ts';
import { FMODE_READ, FMODE_WRITE } from '../include/linux/fs_types.ts';
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import {
  EACCES, EAGAIN, EBADF, EBUSY, EEXIST, EFAULT, EINVAL, EMSGSIZE, ENOENT, ENOSPC, ETIMEDOUT,
} from '../include/uapi/asm-generic/errno.ts';
import { O_ACCMODE, O_CLOEXEC, O_CREAT, O_EXCL, O_NONBLOCK, O_RDWR, O_WRONLY, S_IFREG, MAY_READ, MAY_WRITE } from '../include/uapi/stat.ts';
import { copy_from_user, copy_to_user, strncpy_from_user } from '../mm/uaccess.ts';
import { current } from '../kernel/sched/core.ts';
import { wait_queue_head, wait_event_interruptible_timeout, wake_up_all } from '../kernel/sched/wait.ts';
import { ktime_get_real } from '../kernel/time/timekeeping.ts';
import { capable, CAP_SYS_RESOURCE } from '../kernel/capability.ts';
import { send_signal } from '../kernel/signal.ts';
import { defineState } from '../kernel/state.ts';
import { alloc_fd, fd_install, fget } from '../fs/file.ts';
import { alloc_super, register_filesystem } from '../fs/super.ts';
import { kern_mount } from '../fs/mount.ts';
import { inode_permission } from '../fs/namei.ts';
import { simple_read_from_buffer } from '../fs/libfs.ts';
import { kernfs_create_file, kernfs_create_root, kernfs_get_inode, kernfs_remove, type kernfs_root } from '../fs/sysfs/kernfs.ts';
import { register_sysctl } from '../fs/proc/proc_sysctl.ts';
import { proc_dointvec_minmax, type ctl_table } from '../kernel/sysctl.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { current_ipc_ns } from './util.ts';

export const MQUEUE_MAGIC = 0x19800202;
/** include/linux/ipc_namespace.h defaults and ipc/mqueue.c's bounds. */
const DFLT_QUEUESMAX = 256, DFLT_MSG = 10, DFLT_MSGMAX = 10, DFLT_MSGSIZE = 8192, DFLT_MSGSIZEMAX = 8192;
const HARD_MSGMAX = 65536, HARD_MSGSIZEMAX = 16 * 1024 * 1024, MIN_MSGMAX = 1, MIN_MSGSIZEMAX = 128;
/** uapi/linux/mqueue.h */
const MQ_PRIO_MAX = 32768;
/** uapi/asm-generic/siginfo.h: sigev_notify */
const SIGEV_SIGNAL = 0, SIGEV_NONE = 1, SIGEV_THREAD = 2;
const _NSIG = 64;

interface mq_msg { prio: number; text: Uint8Array }
interface mq_notify_reg { owner: task_struct; pid: number; notify: number; signo: number }

/** struct mqueue_inode_info: the queue behind an mqueue inode. */
interface mqueue_inode_info {
  name: string;
  maxmsg: number;
  msgsize: number;
  /** Messages by priority, highest first, oldest first within a priority (the msg_tree). */
  msgs: mq_msg[];
  qsize: number;
  wq: wait_queue_head;
  notify: mq_notify_reg | null;
  ino: inode;
}

/** The mqueue side of an IPC namespace: its mount tree, queues and sysctls. */
interface mq_ns {
  root: kernfs_root;
  sb: super_block | null;
  queues: Map<string, mqueue_inode_info>;
  queues_count: number;
  queues_max: number; msg_max: number; msgsize_max: number; msg_default: number; msgsize_default: number;
}

const mqState = defineState('mqueue', () => ({ ns: new WeakMap<ipc_namespace, mq_ns>(), by_inode: new WeakMap<inode, mqueue_inode_info>() }));

function mq_ns_of(ns: ipc_namespace): mq_ns {
  let s = mqState().ns.get(ns);
  if (!s) {
    const root = kernfs_create_root();
    // The mqueue root is world-writable and sticky, as mqueue_fill_super makes it.
    root.kn.mode = 0o1777;
    s = {
      root, sb: null, queues: new Map(), queues_count: 0,
      queues_max: DFLT_QUEUESMAX, msg_max: DFLT_MSGMAX, msgsize_max: DFLT_MSGSIZEMAX, msg_default: DFLT_MSG, msgsize_default: DFLT_MSGSIZE,
    };
    mqState().ns.set(ns, s);
  }
  return s;
}

/** mq_sb(): the namespace's superblock (mq_init_ns mounts one per IPC namespace; `mount -t mqueue` shows the mounter's). */
function mq_sb(ns: mq_ns): super_block {
  if (!ns.sb) {
    const sb = alloc_super(mqueue_fs_type, MQUEUE_MAGIC, (s) => kernfs_get_inode(s, ns.root.kn));
    sb.s_op = { statfs: () => ({ f_type: MQUEUE_MAGIC, f_bsize: 4096, f_blocks: 0, f_bfree: 0, f_files: 0, f_ffree: 0 }) };
    ns.root.sb = sb;
    ns.sb = sb;
  }
  return ns.sb;
}

export const mqueue_fs_type: file_system_type = { name: 'mqueue', fs_flags: 0, mount: () => mq_sb(mq_ns_of(current_ipc_ns())) };

const enc = new TextEncoder();
const pad = (v: number, w: number): string => String(v).padEnd(w);

/** mqueue_read_file(): the queue's status line. */
function status_line(info: mqueue_inode_info): string {
  const n = info.notify;
  return `QSIZE:${pad(info.qsize, 10)} NOTIFY:${pad(n ? n.notify : 0, 5)} SIGNO:${pad(n && n.notify === SIGEV_SIGNAL ? n.signo : 0, 5)} NOTIFY_PID:${pad(n ? n.pid : 0, 6)}\n`;
}

const mqueue_file_operations: file_operations = {
  read: function* (f, buf, count, ppos) {
    const info = mqState().by_inode.get(f.f_inode);
    if (!info) return -EBADF;
    return simple_read_from_buffer(buf, count, ppos, enc.encode(status_line(info)));
  },
  /** mqueue_flush_file(): the owner closing any descriptor of the queue drops its notification. */
  flush: function* (f) {
    const info = mqState().by_inode.get(f.f_inode);
    if (info?.notify?.owner === current().group_leader) info.notify = null;
    return 0;
  },
};

/** The queue of an mqueue descriptor opened for `mode`, or -EBADF. */
function mq_file(mqdes: number, mode: number): [file, mqueue_inode_info] | number {
  const f = fget(mqdes);
  if (!f || f.f_op !== mqueue_file_operations) return -EBADF;
  const info = mqState().by_inode.get(f.f_inode);
  if (!info || (mode && !(f.f_mode & mode))) return -EBADF;
  return [f, info];
}

/** The queue name as lookup_one_len takes it: no '/', not empty, not '.' or '..'. */
function mq_name(u_name: number): string | number {
  const name = strncpy_from_user(u_name, 256);
  if (typeof name === 'number') return name;
  if (!name || name.includes('/') || name === '.' || name === '..') return -EACCES;
  return name;
}

/** mq_attr (x86_64): mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs as longs. */
function read_attr(u: number): { flags: number; maxmsg: number; msgsize: number } | number {
  const b = copy_from_user(u, 32);
  if (!b) return -EFAULT;
  const dv = new DataView(b.buffer, b.byteOffset);
  return { flags: Number(dv.getBigInt64(0, true)), maxmsg: Number(dv.getBigInt64(8, true)), msgsize: Number(dv.getBigInt64(16, true)) };
}

/** mqueue_create_attr(): the queue's limits from the caller's attr (bounded unless CAP_SYS_RESOURCE) or the defaults. */
function create_queue(ns: mq_ns, name: string, mode: number, u_attr: number): mqueue_inode_info | number {
  let maxmsg = Math.min(ns.msg_default, ns.msg_max), msgsize = Math.min(ns.msgsize_default, ns.msgsize_max);
  if (u_attr) {
    const a = read_attr(u_attr);
    if (typeof a === 'number') return a;
    if (a.maxmsg <= 0 || a.msgsize <= 0) return -EINVAL;
    if (capable(CAP_SYS_RESOURCE)) {
      if (a.maxmsg > HARD_MSGMAX || a.msgsize > HARD_MSGSIZEMAX) return -EINVAL;
    } else if (a.maxmsg > ns.msg_max || a.msgsize > ns.msgsize_max) return -EINVAL;
    maxmsg = a.maxmsg; msgsize = a.msgsize;
  }
  if (ns.queues_count >= ns.queues_max && !capable(CAP_SYS_RESOURCE)) return -ENOSPC;
  const info = { name, maxmsg, msgsize, msgs: [], qsize: 0, wq: new wait_queue_head('mqueue'), notify: null } as unknown as mqueue_inode_info;
  const kn = kernfs_create_file(ns.root.kn, name, mode & 0o7777, { fops: mqueue_file_operations }, info);
  if (typeof kn === 'number') return kn;
  const cred = current().cred;
  kn.uid = cred.fsuid; kn.gid = cred.fsgid;
  info.ino = kernfs_get_inode(mq_sb(ns), kn);
  info.ino.i_mode = S_IFREG | (mode & 0o7777);
  mqState().by_inode.set(info.ino, info);
  ns.queues.set(name, info);
  ns.queues_count++;
  return info;
}

/** do_mq_open(): look the name up in the namespace's tree, create it with O_CREAT, check access, and give a close-on-exec fd. */
function* do_mq_open(u_name: number, oflag: number, mode: number, u_attr: number): KGen<number> {
  const name = mq_name(u_name);
  if (typeof name === 'number') return name;
  const ns = mq_ns_of(current_ipc_ns());
  let info = ns.queues.get(name);
  if (info && oflag & O_CREAT && oflag & O_EXCL) return -EEXIST;
  if (!info) {
    if (!(oflag & O_CREAT)) return -ENOENT;
    const r = create_queue(ns, name, mode & ~current().fs.umask, u_attr);
    if (typeof r === 'number') return r;
    info = r;
  } else {
    const acc = oflag & O_ACCMODE;
    if (acc === (O_RDWR | O_WRONLY)) return -EINVAL;
    const e = inode_permission(info.ino, acc === O_RDWR ? MAY_READ | MAY_WRITE : acc === O_WRONLY ? MAY_WRITE : MAY_READ);
    if (e) return e;
  }
  const acc = oflag & O_ACCMODE;
  if (acc === (O_RDWR | O_WRONLY)) return -EINVAL;
  const fd = alloc_fd(0, O_CLOEXEC);
  if (fd < 0) return fd;
  const f_mode = acc === O_RDWR ? FMODE_READ | FMODE_WRITE : acc === O_WRONLY ? FMODE_WRITE : FMODE_READ;
  fd_install(fd, {
    f_path: { mnt: null as never, dentry: mq_sb(ns).s_root }, f_inode: info.ino, f_op: mqueue_file_operations,
    f_flags: oflag & (O_ACCMODE | O_NONBLOCK), f_mode, f_pos: 0, f_count: 1, private_data: info, f_name: `/${name}`,
  });
  return fd;
}

/** mq_unlink(): the name goes; the queue lives on for the descriptors still open on it. */
function* do_mq_unlink(u_name: number): KGen<number> {
  const name = mq_name(u_name);
  if (typeof name === 'number') return name;
  const ns = mq_ns_of(current_ipc_ns());
  const info = ns.queues.get(name);
  if (!info) return -ENOENT;
  const e = inode_permission(mq_sb(ns).s_root.d_inode!, MAY_WRITE);
  if (e) return e;
  const kn = ns.root.kn.children.get(name) ?? null;
  kernfs_remove(kn);
  ns.queues.delete(name);
  ns.queues_count--;
  return 0;
}

/** The wait for an absolute CLOCK_REALTIME timeout (struct __kernel_timespec), in ns from now; Infinity for none. */
function timeout_of(u: number): number {
  if (!u) return Infinity;
  const b = copy_from_user(u, 16);
  if (!b) return -EFAULT;
  const dv = new DataView(b.buffer, b.byteOffset);
  const sec = Number(dv.getBigInt64(0, true)), nsec = Number(dv.getBigInt64(8, true));
  if (sec < 0 || nsec < 0 || nsec >= 1e9) return -EINVAL;
  return Math.max(0, sec * 1e9 + nsec - ktime_get_real());
}

/** wq_sleep(): until `cond`, a signal (-ERESTARTSYS) or the timeout (-ETIMEDOUT). */
function* wq_sleep(info: mqueue_inode_info, cond: () => boolean, timeout: number): KGen<number> {
  const r = yield* wait_event_interruptible_timeout(info.wq, cond, timeout === Infinity ? Number.MAX_SAFE_INTEGER : timeout);
  return r < 0 ? r : r === 0 ? -ETIMEDOUT : 0;
}

/** __do_notify(): the registered process is told once (its signal, or nothing for SIGEV_NONE), then the registration goes. */
function do_notify(info: mqueue_inode_info): void {
  const n = info.notify;
  if (!n) return;
  if (n.notify === SIGEV_SIGNAL && n.signo) send_signal(n.signo, n.owner);
  info.notify = null;
}

function* do_mq_timedsend(mqdes: number, u_msg: number, msg_len: number, msg_prio: number, u_timeout: number): KGen<number> {
  if (msg_prio >= MQ_PRIO_MAX) return -EINVAL;
  const timeout = timeout_of(u_timeout);
  if (timeout < 0) return timeout;
  const q = mq_file(mqdes, FMODE_WRITE);
  if (typeof q === 'number') return q;
  const [f, info] = q;
  if (msg_len > info.msgsize) return -EMSGSIZE;
  const text = copy_from_user(u_msg, msg_len);
  if (!text) return -EFAULT;
  if (info.msgs.length >= info.maxmsg) {
    if (f.f_flags & O_NONBLOCK) return -EAGAIN;
    const r = yield* wq_sleep(info, () => info.msgs.length < info.maxmsg, timeout);
    if (r) return r;
  }
  const at = info.msgs.findIndex((m) => m.prio < msg_prio);
  info.msgs.splice(at < 0 ? info.msgs.length : at, 0, { prio: msg_prio, text: text.slice() });
  info.qsize += msg_len;
  if (info.msgs.length === 1) do_notify(info);
  wake_up_all(info.wq);
  return 0;
}

function* do_mq_timedreceive(mqdes: number, u_msg: number, msg_len: number, u_prio: number, u_timeout: number): KGen<number> {
  const timeout = timeout_of(u_timeout);
  if (timeout < 0) return timeout;
  const q = mq_file(mqdes, FMODE_READ);
  if (typeof q === 'number') return q;
  const [f, info] = q;
  if (msg_len < info.msgsize) return -EMSGSIZE;
  if (!info.msgs.length) {
    if (f.f_flags & O_NONBLOCK) return -EAGAIN;
    const r = yield* wq_sleep(info, () => info.msgs.length > 0, timeout);
    if (r) return r;
  }
  const m = info.msgs.shift()!;
  info.qsize -= m.text.length;
  wake_up_all(info.wq);
  if (u_prio) { const p = new Uint8Array(4); new DataView(p.buffer).setUint32(0, m.prio, true); if (copy_to_user(u_prio, p)) return -EFAULT; }
  if (copy_to_user(u_msg, m.text)) return -EFAULT;
  return m.text.length;
}

/** mq_notify(): register (one process per queue, -EBUSY for a second) or, with NULL, drop the caller's registration. */
function* do_mq_notify(mqdes: number, u_notification: number): KGen<number> {
  let reg: { notify: number; signo: number } | null = null;
  if (u_notification) {
    const b = copy_from_user(u_notification, 16);
    if (!b) return -EFAULT;
    const dv = new DataView(b.buffer, b.byteOffset);
    reg = { signo: dv.getInt32(8, true), notify: dv.getInt32(12, true) };
    if (reg.notify !== SIGEV_NONE && reg.notify !== SIGEV_SIGNAL && reg.notify !== SIGEV_THREAD) return -EINVAL;
    if (reg.notify === SIGEV_SIGNAL && (reg.signo <= 0 || reg.signo > _NSIG)) return -EINVAL;
    // SIGEV_THREAD is glibc's, over a netlink socket this kernel does not model.
    if (reg.notify === SIGEV_THREAD) return -EINVAL;
  }
  const q = mq_file(mqdes, 0);
  if (typeof q === 'number') return q;
  const info = q[1];
  const me = current().group_leader;
  if (!reg) {
    if (info.notify?.owner === me) info.notify = null;
    return 0;
  }
  if (info.notify) return -EBUSY;
  info.notify = { owner: me, pid: me.tgid, ...reg };
  return 0;
}

/** mq_getsetattr(): O_NONBLOCK is the only settable flag; the old attributes come back with the message count. */
function* do_mq_getsetattr(mqdes: number, u_new: number, u_old: number): KGen<number> {
  const q = mq_file(mqdes, 0);
  if (typeof q === 'number') return q;
  const [f, info] = q;
  let flags: number | null = null;
  if (u_new) {
    const a = read_attr(u_new);
    if (typeof a === 'number') return a;
    if (a.flags & ~O_NONBLOCK) return -EINVAL;
    flags = a.flags;
  }
  if (u_old) {
    const b = new Uint8Array(64), dv = new DataView(b.buffer);
    dv.setBigInt64(0, BigInt(f.f_flags & O_NONBLOCK), true);
    dv.setBigInt64(8, BigInt(info.maxmsg), true);
    dv.setBigInt64(16, BigInt(info.msgsize), true);
    dv.setBigInt64(24, BigInt(info.msgs.length), true);
    if (copy_to_user(u_old, b)) return -EFAULT;
  }
  if (flags !== null) f.f_flags = (f.f_flags & ~O_NONBLOCK) | (flags & O_NONBLOCK);
  return 0;
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('mq_open', ['str', 'oflags', 'mode', 'ptr'], do_mq_open),
  SYSCALL_DEFINE('mq_unlink', ['str'], do_mq_unlink),
  SYSCALL_DEFINE('mq_timedsend', ['int', 'ptr', 'size', 'int', 'ptr'], do_mq_timedsend),
  SYSCALL_DEFINE('mq_timedreceive', ['int', 'ptr', 'size', 'ptr', 'ptr'], do_mq_timedreceive),
  SYSCALL_DEFINE('mq_notify', ['int', 'ptr'], do_mq_notify),
  SYSCALL_DEFINE('mq_getsetattr', ['int', 'ptr', 'ptr'], do_mq_getsetattr),
];

/** mq_sysctls: /proc/sys/fs/mqueue, each knob the reader's IPC namespace's, within ipc/mq_sysctl.c's bounds. */
function knob(procname: 'queues_max' | 'msg_max' | 'msgsize_max' | 'msg_default' | 'msgsize_default', min?: number, max?: number): ctl_table {
  return {
    procname, mode: 0o644, proc_handler: proc_dointvec_minmax, extra1: min, extra2: max,
    data: { get: () => mq_ns_of(current_ipc_ns())[procname], set: (v) => { mq_ns_of(current_ipc_ns())[procname] = (v as number[])[0]!; } },
  };
}

/** init_mqueue_fs(): the sysctls and the filesystem type (device_initcall). */
function init_mqueue_fs(): number {
  const r = register_sysctl('fs', [{
    procname: 'mqueue', mode: 0o555, proc_handler: () => -EINVAL,
    child: [knob('queues_max', 0), knob('msg_max', MIN_MSGMAX, HARD_MSGMAX), knob('msgsize_max', MIN_MSGSIZEMAX, HARD_MSGSIZEMAX),
      knob('msg_default', MIN_MSGMAX, HARD_MSGMAX), knob('msgsize_default', MIN_MSGSIZEMAX, HARD_MSGSIZEMAX)],
  }]);
  if (r) return r;
  const err = register_filesystem(mqueue_fs_type);
  if (err) return err;
  // mq_init_ns(&init_ipc_ns): the initial IPC namespace's mqueue superblock, on its internal mount (ns->mq_mnt).
  const m = kern_mount(mqueue_fs_type);
  return typeof m === 'number' ? m : 0;
}

export const initcalls: initcall_entry[] = [['device', 'init_mqueue_fs', init_mqueue_fs, 10_000]];
