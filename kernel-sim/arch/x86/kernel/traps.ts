// Models the user-mode half of linux/arch/x86/kernel/traps.c and arch/x86/mm/fault.c for user programs compiled to wasm: a trap in the program is the fault the CPU would raise, delivered as force_sig_fault's signal.
import type { KGen } from '../../../include/linux/sched.ts';
import { SIGFPE, SIGILL, SIGSEGV, SIG_DFL } from '../../../include/uapi/signal.ts';
import { current } from '../../../kernel/sched/core.ts';
import { send_signal, get_signal } from '../../../kernel/signal.ts';
import { do_group_exit } from '../../../kernel/exit.ts';

/**
 * Which signal the x86 CPU's exception would end in for a wasm trap, or 0 when the exception is not the program's:
 * an access outside the address space or past the stack (the page fault of a bad address, the stack's guard gap)
 * is SIGSEGV, `unreachable` (what __builtin_trap compiles to, ud2 on x86) is SIGILL, and integer division by zero
 * or INT_MIN / -1 (#DE) is SIGFPE.
 */
export function wasm_trap_signal(err: unknown): number {
  if (err instanceof RangeError && /call stack/i.test(err.message)) return SIGSEGV;
  if (!(err instanceof WebAssembly.RuntimeError)) return 0;
  if (/unreachable/.test(err.message)) return SIGILL;
  if (/divide by zero|integer overflow|divide result unrepresentable/.test(err.message)) return SIGFPE;
  return SIGSEGV;
}

/**
 * force_sig_fault() and the way back to user mode: the signal is made deliverable (not blocked, not ignored) and the
 * task dies of it as get_signal decides (a core when RLIMIT_CORE allows). A handler cannot run for it here: the
 * program's frames are gone with the trap, so a caught fault signal kills the task as SIG_DFL would.
 */
export function* user_fault(sig: number): KGen<never> {
  const t = current();
  t.sighand.action[sig - 1] = { handler: SIG_DFL, flags: 0, mask: 0n, restorer: 0 };
  t.blocked &= ~(1n << BigInt(sig - 1));
  send_signal(sig, t, false);
  const o = yield* get_signal();
  return yield* do_group_exit(o.kind === 'fatal' ? o.sig | (o.core ? 0x80 : 0) : sig);
}
