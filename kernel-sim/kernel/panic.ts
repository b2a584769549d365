// Models linux/kernel/panic.c: panic(), the taint flags and their letters.
import { defineState } from './state.ts';
import { pr_emerg, printkState } from './printk/printk.ts';
import { current, runqueue } from './sched/core.ts';
import { rebootState } from './reboot.ts';
import { trace_event } from './trace/trace.ts';
import { UTS_RELEASE } from '../include/generated/utsrelease.ts';

/** Taint bits and letters in the order of taint_flags[] (kernel/panic.c). */
export const TAINT_PROPRIETARY_MODULE = 0, TAINT_FORCED_MODULE = 1, TAINT_CPU_OUT_OF_SPEC = 2, TAINT_FORCED_RMMOD = 3;
export const TAINT_MACHINE_CHECK = 4, TAINT_BAD_PAGE = 5, TAINT_USER = 6, TAINT_DIE = 7, TAINT_OVERRIDDEN_ACPI_TABLE = 8;
export const TAINT_WARN = 9, TAINT_CRAP = 10, TAINT_FIRMWARE_WORKAROUND = 11, TAINT_OOT_MODULE = 12, TAINT_UNSIGNED_MODULE = 13;
export const TAINT_SOFTLOCKUP = 14, TAINT_LIVEPATCH = 15, TAINT_AUX = 16, TAINT_RANDSTRUCT = 17, TAINT_TEST = 18;
const TAINT_LETTERS = 'PFSRMBUDAWCIOELKXTN';

interface PanicState {
  tainted_mask: number;
  /** panic= seconds: >0 reboot after that long, <0 at once, 0 never. */
  panic_timeout: number;
  panicked: boolean;
  panic_message: string;
}

export const panicState = defineState<PanicState>('panic', () => ({ tainted_mask: 0, panic_timeout: 0, panicked: false, panic_message: '' }));

export function add_taint(flag: number): void {
  panicState().tainted_mask |= 1 << flag;
}

export function test_taint(flag: number): boolean {
  return (panicState().tainted_mask & (1 << flag)) !== 0;
}

/** print_tainted(): "Tainted: " and one column per flag (TAINT_FLAGS_COUNT, 19 in 6.1), unset ones blank, so
 *  the field is always 28 characters wide and lines that carry it line up as Linux's do. */
export function print_tainted(): string {
  const m = panicState().tainted_mask;
  if (!m) return 'Not tainted';
  let s = 'Tainted: ';
  for (let i = 0; i < TAINT_LETTERS.length; i++) {
    const set = (m & (1 << i)) !== 0;
    s += set ? TAINT_LETTERS[i] : i === 0 ? 'G' : ' ';
  }
  return s;
}

/** Just the letters of set taints, as the status bar shows them. */
export function taint_letters(): string {
  const m = panicState().tainted_mask;
  let s = '';
  for (let i = 0; i < TAINT_LETTERS.length; i++) if (m & (1 << i)) s += TAINT_LETTERS[i];
  return s;
}

/** The "CPU: 0 PID: 1 Comm: swapper/0 Not tainted 6.1.0-kwb #1" line of dump_stack. */
export function dump_stack_header(): string {
  const t = current();
  return `CPU: ${t.cpu} PID: ${t.pid} Comm: ${t.comm} ${print_tainted()} ${UTS_RELEASE} #1`;
}

/** Who walks panic_notifier_list. Its notifier blocks live in module memory and are called through the C bridge
 *  (kapi/notifier.ts), which panic.c must not import, so the bridge hands its walker over when it is loaded: code
 *  wiring fixed at load, the same for every boot, not per-boot state. */
// kernel-static: the C bridge's walker, set once when kapi/notifier.ts loads; the list itself is in module memory.
const panic_notifier: { call_chain?: (msg: string) => void } = {};
export function set_panic_notifier_walker(fn: (msg: string) => void): void { panic_notifier.call_chain = fn; }

/** Stops the machine with a panic report; the host reboots it if panic= says so. */
export function panic(msg: string): void {
  const s = panicState();
  if (s.panicked) return;
  s.panicked = true;
  s.panic_message = msg;
  pr_emerg(`Kernel panic - not syncing: ${msg}`);
  pr_emerg(dump_stack_header());
  pr_emerg('Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014');
  pr_emerg('Call Trace:');
  pr_emerg(' <TASK>');
  pr_emerg(' dump_stack_lvl+0x44/0x5c');
  pr_emerg(' panic+0xf4/0x2c6');
  pr_emerg(' </TASK>');
  // kernel/panic.c: after the stack dump, atomic_notifier_call_chain(&panic_notifier_list, 0, buf).
  panic_notifier.call_chain?.(msg);
  if (s.panic_timeout > 0) pr_emerg(`Rebooting in ${s.panic_timeout} seconds..`);
  pr_emerg(`---[ end Kernel panic - not syncing: ${msg} ]---`);
  rebootState().system_state = 'panic';
  printkState();
  trace_event('power', 'panic', { msg });
  runqueue().stopped = true;
}
