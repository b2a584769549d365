// Models the init and namespace parts of linux/ipc/util.c (ipc_init, ipc_init_proc_interface) and ipc/namespace.c (free_ipc_ns): /proc/sysvipc, freeing a namespace's objects, the exit hooks.
import type { initcall_entry } from '../init/link_vmlinux.ts';
import type { KGen, task_struct } from '../include/linux/sched.ts';
import type { ipc_namespace, ns_common } from '../include/linux/nsproxy.ts';
import { proc_create_single, proc_mkdir } from '../fs/proc/generic.ts';
import { proc_free_inum, put_ns, register_ns_type } from '../kernel/nsproxy.ts';
import { register_exit_hook } from '../kernel/exit.ts';
import { msg_exit_ns, sysvipc_msg_proc_show } from './msg.ts';
import { exit_sem, sem_exit_ns, sysvipc_sem_proc_show } from './sem.ts';
import { exit_shm, shm_exit_ns, sysvipc_shm_proc_show } from './shm.ts';

/** free_ipc_ns(): the last holder of an IPC namespace gone, its semaphores, queues and segments go with it. */
function free_ipc_ns(ns: ns_common): void {
  const ipc = ns as ipc_namespace;
  sem_exit_ns(ipc);
  msg_exit_ns(ipc);
  shm_exit_ns(ipc);
  proc_free_inum(ns.ns_inum);
  put_ns(ns.user_ns);
}

/** do_exit's exit_sem and exit_shm: SEM_UNDO adjustments are applied, attaches dropped. */
function* ipc_exit(t: task_struct): KGen<void> {
  if (t === t.group_leader) exit_sem(t);
  yield* exit_shm(t);
}

/** ipc_init(): /proc/sysvipc and the three files sem_init, msg_init and shm_init add, in that order. */
function ipc_init(): number {
  proc_mkdir('sysvipc', null);
  proc_create_single('sysvipc/sem', 0o444, null, sysvipc_sem_proc_show);
  proc_create_single('sysvipc/msg', 0o444, null, sysvipc_msg_proc_show);
  proc_create_single('sysvipc/shm', 0o444, null, sysvipc_shm_proc_show);
  register_ns_type('ipc', { release: free_ipc_ns });
  register_exit_hook(ipc_exit);
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'ipc_init', ipc_init, 20_000]];
