// Block tracepoints are off until something enables them (ftrace's events/block/enable, events/iosched/block_rq_stages/enable): not recorded while nobody asks, complete and typed once a listener naming them, a listener of everything or trace_subsystem_enable() (blktrace's way) holds them.
import { describe, it, expect } from 'vitest';
import { boot, run } from '../core/harness.ts';
import { null_init } from '../../../kernel-sim/drivers/block/null_blk/main.ts';
import { trace_enabled, trace_events, trace_subscribe, trace_subsystem_enable } from '../../../kernel-sim/kernel/trace/trace.ts';
import { tracepoint_decl } from '../../../kernel-sim/kernel/trace/events.ts';
import type { TraceEvent } from '../../../kernel-sim/api/protocol.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

/** Reads 4 KiB from nullb0 with dd and returns the block events the ring got meanwhile. */
function dd_block_events(m: Machine): TraceEvent[] {
  const from = m.inspect(() => trace_events().length);
  expect(m.runCommand('dd if=/dev/nullb0 of=/dev/null bs=4096 count=2 iflag=direct 2>&1').status).toBe(0);
  return m.inspect(() => trace_events().slice(from).filter((e) => e.cat === 'block' || e.cat === 'iosched'));
}

const names = (ev: TraceEvent[]): string[] => [...new Set(ev.map((e) => e.name))].sort();

describe('block trace events, enabled on demand', () => {
  const m = boot();
  expect(run(m, function* () { return yield* null_init({}); }).status).toBe(0);

  it('are off while nobody listens: nothing recorded, the other subsystems still are', () => {
    expect(m.inspect(() => [trace_enabled('block'), trace_enabled('kyber'), trace_enabled('iosched', 'block_rq_stages'), trace_enabled('dma', 'dma_map')])).toEqual([false, false, false, false]);
    // Per-event keys: the rest of iosched and dma (elevator_switch, dma_alloc) and the interrupt events stay on from boot.
    expect(m.inspect(() => [trace_enabled('iosched'), trace_enabled('iosched', 'elevator_switch'), trace_enabled('dma', 'dma_alloc'), trace_enabled('irq')])).toEqual([true, true, true, true]);
    expect(dd_block_events(m)).toEqual([]);
    expect(m.inspect(() => trace_events().some((e) => e.cat === 'syscalls' || e.cat === 'device'))).toBe(true);
  });

  it('trace_subsystem_enable holds them on (nested) until every holder released them; the events validate against their schemas', () => {
    const a = m.inspect(() => trace_subsystem_enable('block')), b = m.inspect(() => trace_subsystem_enable('block'));
    const ev = dd_block_events(m);
    expect(names(ev)).toEqual(['block_bio_queue', 'block_getrq', 'block_rq_complete', 'block_rq_issue']);
    for (const e of ev) expect(tracepoint_decl(e.cat, e.name, e.ph)!.payload.safeParse(e.args).success).toBe(true);
    m.inspect(a);
    m.inspect(a); // releasing twice counts once
    expect(dd_block_events(m).length).toBeGreaterThan(0);
    m.inspect(b);
    expect(dd_block_events(m)).toEqual([]);
  });

  it('a listener naming a subsystem gets only its events and enables only it; a listener of everything enables all', () => {
    const got: string[] = [];
    const off = m.inspect(() => trace_subscribe((e) => got.push(`${e.cat}:${e.name}`), ['iosched']));
    const ev = dd_block_events(m);
    expect(names(ev)).toEqual(['block_rq_stages']);
    expect(got.length).toBe(2);
    expect(got.every((g) => g === 'iosched:block_rq_stages')).toBe(true);
    m.inspect(off);
    const one = m.inspect(() => trace_subsystem_enable('iosched/block_rq_stages'));
    expect(names(dd_block_events(m))).toEqual(['block_rq_stages']);
    m.inspect(one);
    const all = m.inspect(() => trace_subscribe(() => undefined));
    expect(names(dd_block_events(m))).toContain('block_rq_issue');
    m.inspect(all);
    expect(dd_block_events(m)).toEqual([]);
  });

  it('the Machine\'s listeners (the app\'s trace stream) get block events while attached', () => {
    const seen: string[] = [];
    const off = m.on((ev) => { if (ev.stream === 'trace') for (const e of ev.data) if (e.cat === 'block') seen.push(e.name); });
    m.runCommand('dd if=/dev/nullb0 of=/dev/null bs=4096 count=1 iflag=direct');
    off();
    expect(seen).toContain('block_rq_complete');
    expect(dd_block_events(m)).toEqual([]);
  });
});
