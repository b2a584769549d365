// Models linux/include/linux/syscalls.h: SYSCALL_DEFINEn, declared as data with argument kinds for tracing.
import type { KGen } from './sched.ts';

/**
 * How strace prints an argument. `buf_in:N`/`buf_out:N` name the argument holding
 * the length (out buffers print the returned length after the call).
 */
export type ArgKind =
  | 'int' | 'uint' | 'hex' | 'ptr' | 'fd' | 'dirfd' | 'path' | 'str' | 'size'
  | `buf_in:${number}` | `buf_out:${number}` | 'oflags' | 'mode' | 'signal' | 'ioctl' | 'clone_flags'
  | 'whence' | 'atflags' | 'argv' | 'envp' | 'struct_out' | 'struct_in' | 'wstatus' | 'mflags'
  | 'ptrace_request';

export type SyscallFn = (a0: number, a1: number, a2: number, a3: number, a4: number, a5: number) => number | KGen<number>;

export interface syscall_def {
  name: string;
  args: ArgKind[];
  fn: SyscallFn;
  /** True when fn is a generator (the call may sleep). */
  sleeps: boolean;
}

const GeneratorFunction = Object.getPrototypeOf(function* () { /* marker */ }).constructor;

export function SYSCALL_DEFINE(name: string, args: ArgKind[], fn: (...a: number[]) => number | KGen<number>): syscall_def {
  return { name, args, fn: fn as SyscallFn, sleeps: fn instanceof GeneratorFunction };
}
