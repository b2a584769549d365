// Shared by the I/O scheduler tests: a machine with a RAM-backed null_blk whose completions take virtual time, in-kernel job runs, and the block_rq_stages events of a run.
import { expect } from 'vitest';
import { boot, run, dmesg } from '../core/harness.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import { null_init, type null_blk_params } from '../../../kernel-sim/drivers/block/null_blk/main.ts';
import { trace_subscribe } from '../../../kernel-sim/kernel/trace/trace.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import type { MachineOptions } from '../../../kernel-sim/machine/types.ts';

export function load_null_blk(m: Machine, p: Partial<null_blk_params> = {}): void {
  const r = run(m, function* () { return yield* null_init(p); });
  expect(r.status, dmesg(m).slice(-30).join('\n')).toBe(0);
}

/** A machine with nullb0: RAM-backed, completions `completion_nsec` after dispatch through a timer, `depth` driver tags. */
export function nullb_machine(depth = 4, completion_nsec = 100_000, opts: MachineOptions = {}): Machine {
  const m = boot(opts);
  // As capture.sh begins: where the machine's kernel config makes virtio modules (the reference machine), vda appears
  // once they are loaded; elsewhere they are built in and modprobe -q finds nothing to load.
  m.runCommand('modprobe -q virtio_pci; modprobe -q virtio_blk');
  load_null_blk(m, { memory_backed: true, irqmode: 2, completion_nsec, hw_queue_depth: depth });
  return m;
}

/** Runs `fn` in a task of the guest and returns what it returned. */
export function inKernel<T>(m: Machine, fn: () => KGen<T>, timeoutNs?: number): T {
  let out: T | undefined;
  const r = run(m, function* () { out = yield* fn(); return 0; }, '', timeoutNs);
  expect(r.status, r.output).toBe(0);
  return out as T;
}

export interface stage_event {
  dev: string; sched: string; sector: number; nr_sector: number; rwbs: string; pid: number; comm: string; ioprio: number;
  alloc_ns: number; insert_ns: number; dispatch_ns: number; issue_ns: number; complete_ns: number; error: number;
}

/** Records block events (the ring wraps on long runs): `names` filters, `stop()` unsubscribes. */
export function record(m: Machine, names: readonly string[] = ['block_rq_stages']): { events: { name: string; args: Record<string, unknown> }[]; stop(): void } {
  const events: { name: string; args: Record<string, unknown> }[] = [];
  const stop = m.inspect(() => trace_subscribe((e) => { if (names.includes(e.name)) events.push({ name: e.name, args: (e.args ?? {}) as Record<string, unknown> }); }));
  return { events, stop: () => { m.inspect(() => stop()); } };
}

export const stages_of = (r: { events: { name: string; args: Record<string, unknown> }[] }): stage_event[] =>
  r.events.filter((e) => e.name === 'block_rq_stages').map((e) => e.args as unknown as stage_event);

export function sh(m: Machine, cmd: string): string {
  return m.runCommand(cmd).output;
}
