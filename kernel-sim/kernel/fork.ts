// Models linux/kernel/fork.c: copy_process, kernel_clone and kernel threads.
import {
  PF_FORKNOEXEC, PF_KTHREAD, TASK_RUNNING,
  type KGen, type task_struct, type UserEntry,
} from '../include/linux/sched.ts';
import { EAGAIN, EINVAL, ENOSYS, EPERM } from '../include/uapi/asm-generic/errno.ts';
import { SIGCHLD } from '../include/uapi/signal.ts';
import { copy_cred } from '../include/linux/cred.ts';
import { current, runqueue, wake_up_new_task } from './sched/core.ts';
import { ktime_get } from './time/timekeeping.ts';
import { alloc_pid_numbers, attach_pid, pidLimits } from './pid.ts';
import { TaskExit, do_exit } from './exit.ts';
import { ExecImage } from './exec_image.ts';
import { dup_fd, copy_fs_struct } from '../fs/file.ts';
import { dup_mm } from '../mm/mmap.ts';
import { __vm_enough_memory } from '../mm/util.ts';
import { THREAD_SIZE } from '../mm/meminfo.ts';
import { copy_namespaces, get_task_namespaces, proc_alloc_inum, CLONE_NEWTIME } from './nsproxy.ts';
import { init_pid_ns, task_active_pid_ns, task_pid_nr_ns } from './pid_namespace.ts';
import { create_user_ns } from './user_namespace.ts';
import { ns_capable, CAP_SYS_ADMIN } from './capability.ts';
import { RLIMIT_NPROC } from '../include/uapi/resource.ts';
import { trace_event } from './trace/trace.ts';
import { cgroup_fork } from './cgroup/hooks.ts';

export const CLONE_VM = 0x00000100, CLONE_FS = 0x00000200, CLONE_FILES = 0x00000400, CLONE_SIGHAND = 0x00000800;
export const CLONE_PIDFD = 0x00001000, CLONE_PTRACE = 0x00002000, CLONE_VFORK = 0x00004000, CLONE_PARENT = 0x00008000;
export const CLONE_THREAD = 0x00010000, CLONE_NEWNS = 0x00020000, CLONE_SYSVSEM = 0x00040000, CLONE_SETTLS = 0x00080000;
export const CLONE_PARENT_SETTID = 0x00100000, CLONE_CHILD_CLEARTID = 0x00200000, CLONE_DETACHED = 0x00400000;
export const CLONE_UNTRACED = 0x00800000, CLONE_CHILD_SETTID = 0x01000000, CLONE_NEWCGROUP = 0x02000000;
export const CLONE_NEWUTS = 0x04000000, CLONE_NEWIPC = 0x08000000, CLONE_NEWUSER = 0x10000000;
export const CLONE_NEWPID = 0x20000000, CLONE_NEWNET = 0x40000000, CLONE_IO = 0x80000000;
export const CSIGNAL = 0x000000ff;

export interface kernel_clone_args {
  flags: number;
  exit_signal: number;
  /** A kernel thread's function. */
  fn?: () => KGen<number | void>;
  /** Where a user child starts. */
  user_entry?: UserEntry;
  name?: string;
}

/** The code every user task runs: its current image, replaced on execve, until it exits. */
export function* ret_from_fork(t: task_struct, entry: UserEntry): KGen<void> {
  let e: UserEntry = entry;
  for (;;) {
    try {
      const code = yield* e();
      yield* do_exit(((code & 0xff) << 8) >>> 0);
    } catch (x) {
      if (x instanceof ExecImage) { e = t.next_entry!; t.next_entry = null; continue; }
      if (x instanceof TaskExit) return;
      throw x;
    }
  }
}

function* kthread_main(t: task_struct, fn: () => KGen<number | void>): KGen<void> {
  try {
    const r = yield* fn();
    yield* do_exit(typeof r === 'number' ? r : 0);
  } catch (x) {
    if (x instanceof TaskExit) return;
    if (x instanceof ExecImage) {
      // kernel_init becoming /sbin/init: a kernel thread turns into a user process.
      t.flags &= ~PF_KTHREAD;
      const e = t.next_entry!;
      t.next_entry = null;
      yield* ret_from_fork(t, e);
      return;
    }
    throw x;
  }
}

/** Creates a new task as a copy of current (fork/clone/kernel_thread). Returns it or -errno. */
export function copy_process(args: kernel_clone_args): task_struct | number {
  const parent = current();
  const flags = args.flags;
  if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND)) return -EINVAL;
  if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM)) return -EINVAL;
  const kthread = args.fn !== undefined;
  if (!kthread && !args.user_entry) return -ENOSYS;
  const rq = runqueue();
  // threads-max binds everyone, root too (nr_threads counts every task until it is reaped): a fork bomb gets EAGAIN.
  if (rq.tasks.size >= pidLimits().max_threads) return -EAGAIN;
  // The child's kernel stack and, without CLONE_VM, its copy of the address space must fit in the machine's RAM.
  const vm_err = __vm_enough_memory(THREAD_SIZE + (!kthread && !(flags & CLONE_VM) && parent.mm ? parent.mm.memory().length : 0));
  if (vm_err) return vm_err;
  // RLIMIT_NPROC: processes of this user, unless root (CAP_SYS_RESOURCE/CAP_SYS_ADMIN).
  if (!kthread && parent.cred.uid !== 0) {
    const n = [...rq.tasks.values()].filter((x) => x.cred.uid === parent.cred.uid && !x.exit_state).length;
    if (n >= parent.signal.rlim[RLIMIT_NPROC].rlim_cur) return -EAGAIN;
  }
  // Namespaces: CLONE_NEWUSER first (the child's cred moves into it), then the others owned by that namespace.
  const NEW_NS = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME;
  if ((flags & (CLONE_NEWNS | CLONE_FS)) === (CLONE_NEWNS | CLONE_FS)) return -EINVAL;
  if ((flags & CLONE_THREAD) && (flags & (CLONE_NEWUSER | CLONE_NEWPID))) return -EINVAL;
  const cred = copy_cred(parent.cred);
  if (flags & CLONE_NEWUSER) {
    const u = create_user_ns(cred, proc_alloc_inum);
    if (typeof u === 'number') return u;
  }
  if ((flags & NEW_NS) && !(flags & CLONE_NEWUSER ? true : ns_capable(cred.user_ns, CAP_SYS_ADMIN))) return -EPERM;
  const fs = flags & CLONE_FS ? parent.fs : copy_fs_struct(parent.fs);
  const ns = copy_namespaces(flags, { ...parent, cred } as task_struct, fs);
  if (typeof ns === 'number') return ns;
  // Kernel threads live in the initial pid namespace whoever asks for them (kthreadd's children).
  const pids = alloc_pid_numbers(kthread ? init_pid_ns() : ns.pid_ns_for_children);
  if (typeof pids === 'number') return pids;
  const pid = pids.numbers[0].nr;
  const thread = (flags & CLONE_THREAD) !== 0;
  const t: task_struct = {
    pid,
    tgid: thread ? parent.tgid : pid,
    comm: args.name ?? parent.comm,
    flags: (parent.flags & ~PF_KTHREAD) | PF_FORKNOEXEC | (kthread ? PF_KTHREAD : 0),
    __state: TASK_RUNNING,
    exit_state: 0,
    exit_code: 0,
    exit_signal: thread ? -1 : args.exit_signal,
    real_parent: (flags & (CLONE_PARENT | CLONE_THREAD)) ? parent.real_parent : parent,
    parent: parent,
    children: [],
    group_leader: null as unknown as task_struct,
    thread_group: [],
    mm: kthread ? null : (flags & CLONE_VM ? parent.mm : dup_mm(parent.mm)),
    fs,
    files: flags & CLONE_FILES ? parent.files : dup_fd(parent.files),
    cred,
    nsproxy: ns,
    thread_pid: pids.level ? pids : undefined,
    signal: thread ? parent.signal : {
      ...parent.signal,
      shared_pending: { signal: 0n },
      rlim: parent.signal.rlim.map((r) => ({ ...r })),
      leader: false, group_exit_code: 0, flags: 0, cutime: 0, cstime: 0, live: 1, stopped: false, leader_task: null,
    },
    sighand: flags & CLONE_SIGHAND ? parent.sighand : { action: parent.sighand.action.map((a) => ({ ...a })) },
    pending: { signal: 0n },
    blocked: parent.blocked,
    cpu: 0,
    prio: 120,
    static_prio: parent.static_prio,
    start_time: ktime_get(),
    utime: 0, stime: 0, nvcsw: 0, nivcsw: 0, last_switch_count: 0, last_switch_time: ktime_get(),
    wchan: '',
    ptrace: 0,
    tracer: null,
    gen: null,
    on_rq: false,
    exe_path: parent.exe_path,
    next_entry: null,
    user: parent.user ? { ...parent.user, clone_entry: null } : null,
    clear_child_tid: 0,
  };
  const cg_err = cgroup_fork(t, parent); // cgroup_can_fork/cgroup_post_fork: pids.max may refuse
  if (cg_err) return cg_err;
  if (flags & CLONE_FS) parent.fs.users++;
  if (flags & CLONE_FILES) parent.files.count++;
  if (t.mm && flags & CLONE_VM) t.mm.users++;
  if (thread) {
    t.group_leader = parent.group_leader;
    t.thread_group = parent.thread_group;
    t.thread_group.push(t);
    t.signal.live++;
  } else {
    t.group_leader = t;
    t.thread_group = [t];
    t.signal.leader_task = t;
  }
  t.real_parent.children.push(t);
  rq.tasks.set(pid, t);
  attach_pid(t, pids);
  get_task_namespaces(t);
  t.gen = kthread ? kthread_main(t, args.fn!) : ret_from_fork(t, args.user_entry!);
  trace_event('sched', 'sched_process_fork', { parent_comm: parent.comm, parent_pid: parent.pid, child_comm: t.comm, child_pid: pid });
  return t;
}

/** fork/vfork/clone: creates the task and makes it runnable; returns the child's pid or -errno. */
export function kernel_clone(args: kernel_clone_args): number {
  const t = copy_process(args);
  if (typeof t === 'number') return t;
  wake_up_new_task(t);
  // The child's number as the parent sees it (pid_vnr): its pid in the caller's own namespace.
  return args.fn ? t.pid : task_pid_nr_ns(t, task_active_pid_ns(current()));
}

/** Starts a kernel thread running fn; returns its pid. */
export function kernel_thread(fn: () => KGen<number | void>, name: string, flags = CLONE_FS | CLONE_FILES): number {
  return kernel_clone({ flags: flags | CLONE_VM, exit_signal: SIGCHLD, fn, name });
}
