// Runs a kernel path for the host in the machine's request thread (kernel/host_worker.ts) and turns -errno into a protocol error with the errno's name.
import type { KGen } from '../../include/linux/sched.ts';
import { errname, strerror } from '../../include/uapi/asm-generic/errno.ts';
import { ErrorCodeSchema, type ErrorCode } from '../../api/protocol.ts';
import { host_work_run } from '../../kernel/host_worker.ts';
import { Machine, MachineError } from '../../machine.ts';
import { NSEC_PER_SEC } from '../../kernel/time/timekeeping.ts';

/** Virtual time a host request may take in the kernel before it is given up. */
export const KERNEL_CALL_TIMEOUT_NS = 30 * NSEC_PER_SEC;

/** A protocol error for -errno: the code is the errno's name ("ENOENT"), its text strerror's. */
export function errno_error(errno: number, what: string): MachineError {
  const name = errname(errno);
  const code: ErrorCode = (ErrorCodeSchema.options as readonly string[]).includes(name) ? name as ErrorCode : 'EIO';
  return new MachineError(code, `${what}: ${strerror(errno)}`, { errno: name });
}

/** The machine, which must be running for the kernel to serve requests. */
export function running(m: Machine): Machine {
  const state = m.info().state;
  if (state !== 'running') throw new MachineError('EBUSY', `the machine is ${state}`);
  return m;
}

/** Runs fn in the kernel's request thread and waits for it; its own -errno results are the caller's to interpret. */
export function kernel_call<R>(m: Machine, what: string, fn: () => KGen<R>, timeout_ns = KERNEL_CALL_TIMEOUT_NS): R {
  const r = kernel_call_or_killed(m, what, fn, timeout_ns);
  if (r.killed) throw new MachineError('EIO', `${what}: an Oops killed the kernel thread doing it (see dmesg)`);
  return r.value;
}

/** As kernel_call, but an Oops that killed the thread is an outcome, not an error (a module's init that crashes). */
export function kernel_call_or_killed<R>(m: Machine, what: string, fn: () => KGen<R>, timeout_ns = KERNEL_CALL_TIMEOUT_NS): { killed: false; value: R } | { killed: true } {
  const r = running(m).inspect(() => host_work_run(fn, timeout_ns));
  if (r.ok) return { killed: false, value: r.value };
  if (r.killed) return { killed: true };
  throw errno_error(r.errno, what);
}

/** A kernel path's value, or its -errno as a protocol error. */
export function or_errno<R>(value: R | number, what: string): R {
  if (typeof value === 'number' && value < 0) throw errno_error(-value, what);
  return value as R;
}
