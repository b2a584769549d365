// Models linux/ipc/Makefile: ipc/'s units in link order (System V IPC: util, msg, sem, shm; then ipc_init; POSIX message queues).
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import * as msg from './msg.ts';
import * as sem from './sem.ts';
import * as shm from './shm.ts';
import * as ipc_init from './ipc_init.ts';
import * as mqueue from './mqueue.ts';

export const obj_y: kbuild_obj[] = [msg, sem, shm, ipc_init, mqueue];
