// The tracepoint registry: every event the kernel emits is declared, with a payload matching its schema; names are unique; call sites are type-checked.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TRACEPOINTS, tracepoint_decl, tracepoints_affecting } from '../../../kernel-sim/api/tracepoints.ts';
import type { TraceEvent } from '../../../kernel-sim/api/protocol.ts';
import { trace_event } from '../../../kernel-sim/kernel/trace/trace.ts';
import { tracepoint_catalog } from '../../../kernel-sim/host/methods/trace.ts';
import { serviceClient } from '../host/helpers.ts';

describe('tracepoint registry', () => {
  it('validates every event of a boot and a busy shell against its declaration', async () => {
    const c = serviceClient();
    await c.result('events.subscribe', { streams: ['trace'] });
    await c.result('shell.run', { command: 'ls /sys/bus/pci/devices > /dev/null; cat /proc/interrupts > /dev/null; mount -t tmpfs none /mnt; touch /mnt/x; kill -0 1; sleep 1' });
    await c.result('irq.history');
    const live = c.out.flatMap((m) => (m.type === 'event' && m.stream === 'trace' ? m.data : []));
    const exported = (JSON.parse((await c.result<{ json: string }>('trace.export')).json).traceEvents as Array<{ cat: string; name: string; ph: TraceEvent['ph']; args?: unknown }>);
    const all = [...exported, ...live];
    expect(all.length).toBeGreaterThan(1000);
    const seen = new Set<string>();
    for (const e of all) {
      const decl = tracepoint_decl(e.cat, e.name, e.ph);
      expect(decl, `undeclared tracepoint ${e.cat}:${e.name} (${e.ph})`).toBeDefined();
      const parsed = decl!.payload.safeParse(e.args ?? {});
      expect(parsed.success, `${e.cat}:${e.name} ${JSON.stringify(e.args)}: ${parsed.error?.message}`).toBe(true);
      seen.add(`${e.cat}:${e.ph === 'X' ? '*' : e.name.startsWith('sys_') ? 'sys_*' : e.name}`);
    }
    for (const want of ['syscalls:sys_*', 'sched:sched_process_fork', 'device:device_add', 'initcall:*', 'fs:mount', 'irq:request_irq']) expect(seen).toContain(want);
  });

  it('declares each fixed name once per kind, and names the events that change the device snapshot', () => {
    const names = TRACEPOINTS.flatMap((d) => (d.match.kind === 'exact' ? d.match.names.map((n) => `${d.ph}:${n}`) : []));
    expect(new Set(names).size).toBe(names.length);
    expect(tracepoints_affecting('devices')).toEqual(expect.arrayContaining(['device_add', 'device_del', 'probe_end', 'unbind_end', 'driver_register', 'uevent']));
    expect(tracepoints_affecting('devices')).not.toContain('devres_add');
  });

  it('has a declaration for every tracepoint a lab check names, and the fields it matches on', () => {
    const labs = join(import.meta.dirname, '../../../labs');
    const checks: Array<{ lab: string; cat: string; name?: string; args?: Record<string, unknown> }> = [];
    const walk = (lab: string, v: unknown): void => {
      if (Array.isArray(v)) return v.forEach((x) => walk(lab, x));
      if (!v || typeof v !== 'object') return;
      const t = (v as { trace?: { cat?: string; name?: string; args?: Record<string, unknown> } }).trace;
      if (t && typeof t.cat === 'string') checks.push({ lab, cat: t.cat, name: t.name, args: t.args });
      Object.values(v).forEach((x) => walk(lab, x));
    };
    for (const lab of readdirSync(labs)) {
      try { walk(lab, parse(readFileSync(join(labs, lab, 'lab.yaml'), 'utf8'))); } catch (e) { if ((e as { code?: string }).code !== 'ENOENT' && (e as { code?: string }).code !== 'ENOTDIR') throw e; }
    }
    expect(checks.length).toBeGreaterThan(3);
    for (const c of checks) {
      const decl = c.name === undefined ? TRACEPOINTS.find((d) => d.subsystem === c.cat) : tracepoint_decl(c.cat, c.name, 'i') ?? tracepoint_decl(c.cat, c.name, 'X');
      expect(decl, `${c.lab}: trace check ${c.cat}:${c.name}`).toBeDefined();
      for (const field of Object.keys(c.args ?? {})) expect(Object.keys(decl!.payload.shape), `${c.lab}: ${c.cat}:${c.name} has no field ${field}`).toContain(field);
    }
  });

  it('lists every declaration with its fields in the catalog clients get', () => {
    const cat = tracepoint_catalog();
    expect(cat).toHaveLength(TRACEPOINTS.length);
    expect(cat.find((t) => t.names.includes('irq_handler_entry'))).toEqual({
      subsystem: 'irq', match: 'exact', names: ['irq_handler_entry'], ph: 'i', doc: expect.any(String), affects: [],
      fields: [{ name: 'irq', type: 'number', optional: false }, { name: 'name', type: 'string', optional: false }],
    });
    expect(cat.find((t) => t.match === 'prefix')).toMatchObject({ subsystem: 'syscalls', prefix: 'sys_' });
    expect(cat.find((t) => t.names.includes('device_add'))!.fields).toContainEqual({ name: 'bus', type: 'string | null', optional: false });
  });

  it('type-checks call sites against the declarations', () => {
    // Never called: the checks are the compiler's (tsc -p test), each line must fail to compile.
    const compileOnly = () => {
      // @ts-expect-error an undeclared name
      trace_event('irq', 'irq_handler_entered', { irq: 1, name: 'x' });
      // @ts-expect-error a declared name in the wrong subsystem
      trace_event('sched', 'irq_handler_entry', { irq: 1, name: 'x' });
      // @ts-expect-error a field of the wrong type
      trace_event('irq', 'irq_handler_entry', { irq: '1', name: 'x' });
      // @ts-expect-error a field the payload does not declare
      trace_event('irq', 'irq_handler_exit', { irq: 1, extra: true });
      // @ts-expect-error a missing payload
      trace_event('irq', 'irq_handler_exit');
      trace_event('boot', 'startup_64');
      trace_event('syscalls', 'sys_openat', { nr: 257, ret: 3, args: [1, 2, 3] });
    };
    expect(typeof compileOnly).toBe('function');
  });
});
