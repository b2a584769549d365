// tracefs's events tree (kernel/trace/trace_events.c): events/<subsys>/enable switches the tracepoints on and off, reads 0/1/X as Linux's, set_event and available_events name them, and debugfs's tracing/ shows the same files.
import { describe, it, expect } from 'vitest';
import { boot, run } from '../core/harness.ts';
import { null_init } from '../../../kernel-sim/drivers/block/null_blk/main.ts';
import { trace_enabled, trace_events } from '../../../kernel-sim/kernel/trace/trace.ts';

const T = '/sys/kernel/tracing';

describe('tracefs events files', () => {
  const m = boot();
  expect(run(m, function* () { return yield* null_init({}); }).status).toBe(0);
  const sh = (cmd: string): { status: number; out: string } => {
    const r = m.runCommand(`${cmd} 2>&1`);
    return { status: r.status, out: r.output };
  };
  const block_events_of_dd = (): number => {
    const from = m.inspect(() => trace_events().length);
    expect(sh('dd if=/dev/nullb0 of=/dev/null bs=4096 count=2 iflag=direct').status).toBe(0);
    return m.inspect(() => trace_events().slice(from).filter((e) => e.cat === 'block').length);
  };

  it('lays out events/, events/<subsys>/ and events/<subsys>/<event>/ with enable files, modes as 6.1', () => {
    mount_tracefs();
    expect(sh(`ls ${T}/events/block`).out.split(/\s+/)).toEqual(expect.arrayContaining(['enable', 'block_rq_issue', 'block_bio_queue']));
    expect(sh(`ls ${T}/events/block/block_rq_issue`).out.trim()).toBe('enable');
    expect(sh(`stat -c %a ${T}/events/block/enable ${T}/available_events ${T}/events`).out.split(/\s+/).filter(Boolean)).toEqual(['640', '440', '750']);
    expect(sh(`cat ${T}/available_events`).out.split('\n')).toEqual(expect.arrayContaining(['block:block_rq_issue', 'irq:irq_handler_entry']));
  });

  it('echo 1 > events/block/enable records block events, 0 stops them; reads 0, 1 or X', () => {
    expect(sh(`cat ${T}/events/block/enable ${T}/events/block/block_rq_issue/enable ${T}/events/irq/enable`).out).toBe('0\n0\n1\n');
    expect(block_events_of_dd()).toBe(0);
    expect(sh(`echo 1 > ${T}/events/block/enable`).status).toBe(0);
    expect(m.inspect(() => trace_enabled('block'))).toBe(true);
    expect(block_events_of_dd()).toBeGreaterThan(0);
    expect(sh(`cat ${T}/events/block/enable ${T}/events/block/block_rq_issue/enable`).out).toBe('1\n1\n');
    expect(sh(`echo 0 > ${T}/events/block/block_rq_issue/enable; cat ${T}/events/block/enable ${T}/events/block/block_rq_issue/enable`).out).toBe('X\n0\n');
    expect(m.inspect(() => [trace_enabled('block', 'block_rq_issue'), trace_enabled('block', 'block_rq_complete')])).toEqual([false, true]);
    expect(sh(`echo 0 > ${T}/events/block/enable; cat ${T}/events/block/enable`).out).toBe('0\n');
    expect(block_events_of_dd()).toBe(0);
  });

  it('rejects values other than 0 and 1 with EINVAL', () => {
    expect(sh(`echo 2 > ${T}/events/block/enable`).status).toBe(1);
    expect(sh(`echo on > ${T}/events/enable`).status).toBe(1);
    expect(sh(`cat ${T}/events/block/enable`).out).toBe('0\n');
  });

  it('set_event enables by "sys:event", "sys:*" and clears with "!"; lists what is on', () => {
    expect(sh(`cat ${T}/set_event`).out).not.toContain('block:');
    expect(sh(`echo block:block_rq_issue > ${T}/set_event; cat ${T}/set_event`).out.split('\n')).toEqual(expect.arrayContaining(['block:block_rq_issue', 'irq:irq_handler_entry']));
    expect(sh(`cat ${T}/events/block/enable`).out).toBe('X\n');
    expect(sh(`echo 'block:*' > ${T}/set_event; cat ${T}/events/block/enable`).out).toBe('1\n');
    expect(sh(`echo '!block:*' > ${T}/set_event; cat ${T}/events/block/enable`).out).toBe('0\n');
    expect(sh(`echo nosuch:event > ${T}/set_event`).status).toBe(1);
  });

  it('debugfs tracing/ shows the same switches', () => {
    sh('mount -t debugfs none /sys/kernel/debug');
    expect(sh(`echo 1 > /sys/kernel/debug/tracing/events/block/enable; cat ${T}/events/block/enable`).out).toBe('1\n');
    expect(sh(`echo 0 > ${T}/events/block/enable; cat /sys/kernel/debug/tracing/events/block/enable`).out).toBe('0\n');
  });

  function mount_tracefs(): void {
    if (!sh(`ls ${T}/events`).status) return;
    expect(sh(`mount -t tracefs nodev ${T}`).status).toBe(0);
  }
});
