// Models the system calls of linux/kernel/module/main.c: init_module, finit_module, delete_module (CAP_SYS_MODULE only).
import type { KGen } from '../../include/linux/sched.ts';
import { SYSCALL_DEFINE, type syscall_def } from '../../include/linux/syscalls.ts';
import { EBADF, EFAULT, EINVAL, EPERM, ENOEXEC, EFBIG } from '../../include/uapi/asm-generic/errno.ts';
import { current } from '../sched/core.ts';
import { copy_from_user, strncpy_from_user } from '../../mm/uaccess.ts';
import { fget } from '../../fs/file.ts';
import { kernel_read } from '../../fs/kernel_read_file.ts';
import { load_module, delete_module } from './main.ts';

const MODULE_INIT_IGNORE_MODVERSIONS = 1, MODULE_INIT_IGNORE_VERMAGIC = 2;
const MAX_MODULE = 64 << 20;

function may_init_module(): number {
  return current().cred.euid === 0 ? 0 : -EPERM;
}

function* sys_init_module(umod: number, len: number, uargs: number): KGen<number> {
  const e = may_init_module();
  if (e) return e;
  if (len > MAX_MODULE) return -EFBIG;
  const image = copy_from_user(umod, len);
  if (!image) return -EFAULT;
  const args = strncpy_from_user(uargs, 4096);
  if (typeof args === 'number') return args;
  return yield* load_module(image, args);
}

function* sys_finit_module(fd: number, uargs: number, flags: number): KGen<number> {
  const e = may_init_module();
  if (e) return e;
  if (flags & ~(MODULE_INIT_IGNORE_MODVERSIONS | MODULE_INIT_IGNORE_VERMAGIC)) return -EINVAL;
  const f = fget(fd);
  if (!f) return -EBADF;
  const ino = f.f_inode;
  // kernel_read_file_from_fd: RAM files directly, a disk filesystem's (ext2 root) through its read.
  const image = ino.i_data ? ino.i_data.slice(0, ino.i_size) : f.f_op.read ? yield* kernel_read(f, ino.i_size, 0) : -ENOEXEC;
  if (typeof image === 'number') return image;
  const args = strncpy_from_user(uargs, 4096);
  if (typeof args === 'number') return args;
  return yield* load_module(image, args);
}

function* sys_delete_module(name_user: number, flags: number): KGen<number> {
  const e = may_init_module();
  if (e) return e;
  const name = strncpy_from_user(name_user, 64);
  if (typeof name === 'number') return name;
  return yield* delete_module(name, flags);
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('init_module', ['ptr', 'size', 'str'], sys_init_module),
  SYSCALL_DEFINE('finit_module', ['fd', 'str', 'hex'], sys_finit_module),
  SYSCALL_DEFINE('delete_module', ['str', 'oflags'], sys_delete_module),
];
