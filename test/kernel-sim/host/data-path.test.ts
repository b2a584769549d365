// The typed data path: method tables (params and results validated, unknown methods), per-subscriber streams, VFS reads without a guest process, and interrupt history from boot.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KernelService } from '../../../kernel-sim/host/service.ts';
import { defineMethods } from '../../../kernel-sim/host/methods/define.ts';
import { methodSchemas } from '../../../kernel-sim/api/method-schema.ts';
import { methods } from '../../../kernel-sim/api/methods.ts';
import { METHOD_TABLES } from '../../../kernel-sim/host/methods/index.ts';
import type { IrqHistory } from '../../../kernel-sim/api/methods/irq.ts';
import type { ServerMessage } from '../../../kernel-sim/api/protocol.ts';
import { kernel_reasons } from '../../../kernel-sim/host/methods/module.ts';
import { serviceClient } from './helpers.ts';

describe('method tables', () => {
  const testApi = methodSchemas({
    'test.add': { params: z.object({ a: z.number(), b: z.number() }).strict(), result: z.object({ sum: z.number() }).strict() },
    'test.lie': { params: z.object({}).strict(), result: z.object({ sum: z.number() }).strict() },
  });
  const testTable = defineMethods(testApi, {
    'test.add': (p) => ({ sum: p.a + p.b }),
    // A handler whose result breaks its schema (the cast stands for a bug the types would otherwise catch).
    'test.lie': () => ({ sum: 'three' }) as unknown as { sum: number },
  });

  function tableClient() {
    const out: ServerMessage[] = [];
    const svc = new KernelService((m) => out.push(m), { tables: [testTable] });
    const call = (method: string, params?: unknown) => { svc.receive({ type: 'request', id: 1, method, params }); return out.pop(); };
    return { call };
  }

  it('serves a handler with parsed params', () => {
    expect(tableClient().call('test.add', { a: 2, b: 3 })).toEqual({ type: 'response', id: 1, ok: true, result: { sum: 5 } });
  });

  it('rejects bad params with EINVAL naming the field, without calling the handler', () => {
    const r = tableClient().call('test.add', { a: 2, b: 'three' }) as { ok: boolean; error: { code: string; message: string } };
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('EINVAL');
    expect(r.error.message).toMatch(/^bad params for test\.add: b: /);
    expect((tableClient().call('test.add', { a: 1, b: 2, c: 3 }) as { error: { message: string } }).error.message).toMatch(/bad params for test\.add/);
  });

  it('rejects a result that breaks its schema with EIO naming the field', () => {
    const r = tableClient().call('test.lie', {}) as { ok: boolean; error: { code: string; message: string } };
    expect(r).toMatchObject({ ok: false, error: { code: 'EIO' } });
    expect(r.error.message).toMatch(/^bad result from test\.lie: sum: /);
  });

  it('answers an unknown method with ENOSYS', () => {
    expect(tableClient().call('machine.info')).toMatchObject({ ok: false, error: { code: 'ENOSYS', message: 'unknown method: machine.info' } });
  });

  it('has exactly one handler for every method of the protocol', () => {
    const served = METHOD_TABLES.flatMap((t) => Object.keys(t));
    expect(new Set(served).size).toBe(served.length);
    expect([...served].sort()).toEqual(Object.keys(methods).sort());
  });
});

describe('events.subscribe and events.unsubscribe', () => {
  it('adds streams per subscriber and keeps a stream while any subscriber wants it', async () => {
    const c = serviceClient();
    expect(await c.result('events.subscribe', { subscriber: 'dmesg-view', streams: ['dmesg'] })).toEqual({ streams: ['console', 'dmesg', 'machine'] });
    expect(await c.result('events.subscribe', { subscriber: 'trace-view', streams: ['trace', 'dmesg'] })).toEqual({ streams: ['console', 'dmesg', 'machine', 'trace'] });
    // One subscriber leaving does not take the other's streams away.
    expect(await c.result('events.unsubscribe', { subscriber: 'dmesg-view' })).toEqual({ streams: ['console', 'dmesg', 'machine', 'trace'] });
    expect(await c.result('events.unsubscribe', { subscriber: 'trace-view', streams: ['dmesg'] })).toEqual({ streams: ['console', 'machine', 'trace'] });
    await c.result('machine.info');
    const before = c.out.length;
    await c.result('shell.run', { command: 'echo "<4>kwb: after unsubscribe" > /dev/kmsg' });
    const streams = new Set(c.out.slice(before).flatMap((m) => (m.type === 'event' ? [m.stream] : [])));
    expect(streams.has('dmesg')).toBe(false);
    expect(streams.has('trace')).toBe(true);
  });

  it('rejects an unknown stream name', async () => {
    const c = serviceClient();
    expect(await c.answer(c.call('events.subscribe', { streams: ['video'] }))).toMatchObject({ ok: false, error: { code: 'EINVAL' } });
  });
});

describe('fs.read, fs.readdir and fs.write', () => {
  it('reads /proc/interrupts as cat prints it, without starting a process', async () => {
    const c = serviceClient();
    const viaCat = (await c.result<{ output: string }>('shell.run', { command: 'cat /proc/interrupts' })).output;
    const pidsBefore = (await c.result<{ data: string }>('fs.read', { path: '/proc/loadavg' })).data.split(' ')[4];
    const r = await c.result<{ data: string; size: number; truncated: boolean; encoding: string }>('fs.read', { path: '/proc/interrupts' });
    const pidsAfter = (await c.result<{ data: string }>('fs.read', { path: '/proc/loadavg' })).data.split(' ')[4];
    // The local timer row counts virtual time, which moved on, and the root disk's request rows count the shell's IO
    // to the ext2 root that completed after cat printed; every other row is the same.
    const stable = (t: string) => t.split('\n').filter((l) => !/^\s*LOC:|virtio\d+-req/.test(l));
    expect(stable(r.data)).toEqual(stable(viaCat));
    expect(r.data).toMatch(/^\s+CPU0\s+CPU1\s*\n/);
    expect(r).toMatchObject({ encoding: 'utf8', truncated: false, size: new TextEncoder().encode(r.data).length });
    // /proc/loadavg's last field is the last pid handed out: reading made no process.
    expect(pidsAfter).toBe(pidsBefore);
  });

  it('reads a sysfs attribute as cat prints it, and lists a sysfs directory as ls does', async () => {
    const c = serviceClient();
    for (const path of ['/sys/class/tty/ttyS0/dev', '/sys/class/tty/ttyS0/uevent', '/sys/kernel/uevent_seqnum']) {
      const viaCat = (await c.result<{ output: string }>('shell.run', { command: `cat ${path}` })).output;
      expect((await c.result<{ data: string }>('fs.read', { path })).data).toBe(viaCat);
    }
    const ls = (await c.result<{ output: string }>('shell.run', { command: 'ls -1 /sys/bus' })).output.trim().split('\n');
    const dir = await c.result<{ entries: Array<{ name: string; type: string }> }>('fs.readdir', { path: '/sys/bus' });
    expect(dir.entries.map((e) => e.name).sort()).toEqual([...ls].sort());
    expect(dir.entries.every((e) => e.type === 'dir')).toBe(true);
  });

  it('reads a regular file byte for byte (base64) and writes a sysfs attribute', async () => {
    const c = serviceClient();
    await c.result('fs.put', { path: '/root/blob', data: 'AAEC/w==', encoding: 'base64' });
    expect(await c.result('fs.read', { path: '/root/blob', encoding: 'base64' })).toMatchObject({ data: 'AAEC/w==', size: 4 });
    expect((await c.result('fs.read', { path: '/root/blob', maxBytes: 2, encoding: 'base64' }))).toMatchObject({ data: 'AAE=', truncated: true });
    await c.result('fs.put', { path: '/root/note', data: 'hello\n' });
    expect(await c.result('fs.write', { path: '/root/note', data: 'J' })).toEqual({ written: 1 });
    expect((await c.result<{ data: string }>('fs.read', { path: '/root/note' })).data).toBe('Jello\n');
    expect(await c.result('fs.write', { path: '/proc/sys/kernel/hostname', data: 'workbench\n' })).toEqual({ written: 10 });
    expect((await c.result<{ output: string }>('shell.run', { command: 'hostname' })).output).toBe('workbench\n');
  });

  it('answers errors with the errno name', async () => {
    const c = serviceClient();
    const err = async (method: string, params: unknown) => (await c.answer(c.call(method, params))) as { ok: false; error: { code: string; message: string } };
    expect((await err('fs.read', { path: '/proc/no-such-file' })).error).toMatchObject({ code: 'ENOENT', message: '/proc/no-such-file: No such file or directory' });
    expect((await err('fs.read', { path: '/sys/bus' })).error.code).toBe('EISDIR');
    expect((await err('fs.readdir', { path: '/proc/version' })).error.code).toBe('ENOTDIR');
    expect((await err('fs.write', { path: '/sys/bus', data: 'x' })).error.code).toBe('EISDIR');
    expect((await err('fs.write', { path: '/root/missing/file', data: 'x' })).error.code).toBe('ENOENT');
    expect((await err('fs.read', { path: 'relative/path' })).error.code).toBe('EINVAL');
    // A device that would block at its end does not hold the request: the read is non-blocking (kmsg gives its records, then EAGAIN).
    const kmsg = await c.result<{ data: string }>('fs.read', { path: '/dev/kmsg' });
    expect(kmsg.data.split('\n')[0]).toMatch(/^5,0,\d+,-;Linux version 6\.1/);
  });
});

describe('irq.history', () => {
  it('has counts per line from boot, every 100 ms of virtual time, and later samples only after sinceNs', async () => {
    const c = serviceClient();
    await c.result('machine.info');
    const h = await c.result<IrqHistory>('irq.history');
    expect(h.intervalNs).toBe(100_000_000);
    expect(h.samples.length).toBeGreaterThan(0);
    expect(h.samples[0]!.t).toBe(h.intervalNs);
    h.samples.forEach((s, i) => expect(s.t).toBe((i + 1) * h.intervalNs));
    expect(h.samples.at(-1)!.t).toBeLessThanOrEqual(h.nowNs);
    expect(h.nowNs - h.samples.at(-1)!.t).toBeLessThan(h.intervalNs);
    // The timer line's boot-time count (from the i8254 before the local APIC took over) is there from the first samples.
    const timer = h.lines.findIndex((l) => l.irq === 0);
    expect(timer).toBeGreaterThanOrEqual(0);
    expect(h.lines[timer]!.label).toBe('timer');
    expect(h.samples.at(-1)!.counts[timer]).toBeGreaterThan(0);
    for (const s of h.samples) expect(s.counts).toHaveLength(h.lines.length);
    // Counts only grow, and the last sample agrees with /proc/interrupts.
    for (let i = 1; i < h.samples.length; i++) h.samples[i]!.counts.forEach((n, j) => expect(n).toBeGreaterThanOrEqual(h.samples[i - 1]!.counts[j]!));
    await c.result('shell.run', { command: 'sleep 1' });
    const later = await c.result<IrqHistory>('irq.history', { sinceNs: h.samples.at(-1)!.t });
    expect(later.samples[0]!.t).toBe(h.samples.at(-1)!.t + h.intervalNs);
    expect(later.samples.length).toBeGreaterThanOrEqual(10);
    const proc = (await c.result<{ data: string }>('fs.read', { path: '/proc/interrupts' })).data;
    const last = await c.result<IrqHistory>('irq.history');
    for (const [i, line] of last.lines.entries()) {
      const row = new RegExp(`^\\s*${line.irq}:\\s+(\\d+)\\s+(\\d+)`, 'm').exec(proc);
      expect(row, `line ${line.irq}`).not.toBeNull();
      expect(last.samples.at(-1)!.counts[i]).toBeLessThanOrEqual(Number(row![1]) + Number(row![2]));
    }
  });
});

describe('kernel_reasons', () => {
  const rec = (text: string, level = 4) => ({ seq: 0, tsNs: 0, level, facility: 0, text });
  it('keeps warnings and worse, skips the routine taint lines, and gives each report as its headline with the faulting line', () => {
    expect(kernel_reasons([
      rec('edu: loading out-of-tree module taints kernel.'),
      rec('edu: module verification failed: signature and/or required key missing - tainting kernel', 3),
      rec('edu 0000:00:02.0: enabling device (0000 -> 0003)', 6),
      rec('edu: probe of 0000:00:02.0 failed with error -12'),
      rec('BUG: kernel NULL pointer dereference, address: 0000000000000000', 1),
      rec('Oops: 0000 [#1] PREEMPT SMP NOPTI', 4),
      rec('RIP: 0010:crash_init+0x17/0x1a [crash] crash/crash.c:7', 4),
      rec('Call Trace:', 4),
      rec('---[ end trace 0000000000000000 ]---', 4),
      rec('needy: Unknown symbol kwb_x (err -2)'),
    ])).toEqual([
      'edu: probe of 0000:00:02.0 failed with error -12',
      'BUG: kernel NULL pointer dereference, address: 0000000000000000 at crash/crash.c:7',
      'needy: Unknown symbol kwb_x (err -2)',
    ]);
  });
});
