// KernelService methods the workbench UI uses: dmesg.read and the batched dmesg stream, and build (clang diagnostics in, a .ko out).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KernelService, type ModuleBuilder } from '../../../kernel-sim/host/service.ts';
import type { BuildResult, DmesgRecord, ServerMessage } from '../../../kernel-sim/api/protocol.ts';

const EDU = join(import.meta.dirname, '../../fixtures/drivers/edu');

function service(builder?: ModuleBuilder) {
  const out: ServerMessage[] = [];
  const svc = new KernelService((m) => out.push(m), builder ? { builder: () => builder } : {});
  let id = 1;
  const call = (method: string, params: unknown = {}) => {
    const rid = id++;
    svc.receive({ type: 'request', id: rid, method, params });
    return rid;
  };
  const answer = async (rid: number) => {
    for (let i = 0; i < 2000; i++) {
      const r = out.find((m) => m.type === 'response' && m.id === rid);
      if (r) return r as Extract<ServerMessage, { type: 'response' }>;
      await new Promise((ok) => setTimeout(ok, 5));
    }
    throw new Error(`no answer to request ${rid}`);
  };
  return { svc, out, call, answer };
}

describe('dmesg', () => {
  it('reads the boot log from the ring buffer, in seq order, with levels', async () => {
    const { call, answer } = service();
    const r = await answer(call('dmesg.read'));
    expect(r.ok).toBe(true);
    const records = (r as { result: { records: DmesgRecord[] } }).result.records;
    expect(records.length).toBeGreaterThan(10);
    expect(records[0]!.seq).toBe(0);
    expect(records[0]!.text).toMatch(/^Linux version 6\.1\.0/);
    for (let i = 1; i < records.length; i++) expect(records[i]!.seq).toBe(records[i - 1]!.seq + 1);
    expect(records.every((x) => x.level >= 0 && x.level <= 7)).toBe(true);
    const later = await answer(call('dmesg.read', { sinceSeq: 5 }));
    expect((later as { result: { records: DmesgRecord[] } }).result.records[0]!.seq).toBe(5);
  });

  it('streams new records in batches to a subscribed client, before the response of the request that logged them', async () => {
    const { out, call, answer } = service();
    await answer(call('events.subscribe', { streams: ['console', 'machine', 'dmesg'] }));
    const before = out.length;
    const rid = call('shell.run', { command: 'echo "<3>kwb: hello from userspace" > /dev/kmsg' });
    const resp = await answer(rid);
    expect(resp.ok).toBe(true);
    const events = out.slice(before).filter((m) => m.type === 'event' && m.stream === 'dmesg') as Array<{ data: DmesgRecord[] }>;
    const all = events.flatMap((e) => e.data);
    const rec = all.find((x) => x.text.includes('hello from userspace'));
    expect(rec, JSON.stringify(all)).toBeDefined();
    expect(rec!.level).toBe(3);
    expect(out.indexOf(resp)).toBeGreaterThan(out.indexOf(events[0] as unknown as ServerMessage));
  });

  it('sends no dmesg events to a client that did not ask for them', async () => {
    const { out, call, answer } = service();
    await answer(call('shell.run', { command: 'echo hi > /dev/kmsg' }));
    expect(out.some((m) => m.type === 'event' && m.stream === 'dmesg')).toBe(false);
  });
});

describe('build', () => {
  it('hands the sources to the toolchain and returns its diagnostics and the .ko as base64', async () => {
    const seen: unknown[] = [];
    const fake: ModuleBuilder = {
      async build(req) {
        seen.push(req);
        return { ok: true, wasm: new Uint8Array([0, 97, 115, 109]), log: '', diagnostics: [] };
      },
    };
    const { call, answer } = service(fake);
    const r = await answer(call('build', { files: [{ path: 'edu/edu.c', text: 'int x;' }, { path: 'edu/edu.h', text: '' }] }));
    expect(r).toMatchObject({ ok: true, result: { ok: true, modname: 'edu', ko: 'AGFzbQ==', diagnostics: [] } });
    expect(seen[0]).toMatchObject({ mode: 'kernel', modname: 'edu', sources: [{ path: 'edu/edu.c' }], extraFiles: [{ path: 'edu/edu.h' }] });
  });

  it('refuses absolute paths, .. and a file list without C sources', async () => {
    const { call, answer } = service({ build: async () => { throw new Error('not reached'); } });
    expect(await answer(call('build', { files: [{ path: '/etc/passwd', text: '' }] }))).toMatchObject({ ok: false, error: { code: 'EINVAL' } });
    expect(await answer(call('build', { files: [{ path: 'a/../b.c', text: '' }] }))).toMatchObject({ ok: false, error: { code: 'EINVAL' } });
    expect(await answer(call('build', { files: [{ path: 'a.h', text: '' }] }))).toMatchObject({ ok: false, error: { code: 'EINVAL', message: /no C source/ } });
  });

  it('answers a toolchain failure with EIO and keeps serving', async () => {
    const { call, answer } = service({ build: async () => { throw new Error('clang exploded'); } });
    expect(await answer(call('build', { files: [{ path: 'x.c', text: '' }] }))).toMatchObject({ ok: false, error: { code: 'EIO', message: /clang exploded/ } });
    expect(await answer(call('ping'))).toMatchObject({ ok: true });
  });

  it('compiles the edu driver with real clang: an error with file:line:column, then a module once fixed', async () => {
    const { call, answer } = service();
    const c = readFileSync(join(EDU, 'edu.c'), 'utf8');
    const h = readFileSync(join(EDU, 'edu.h'), 'utf8');
    const broken = c.replace('module_pci_driver(edu_driver);', 'module_pci_driver(edu_drvier);');
    const line = broken.split('\n').findIndex((l) => l.includes('edu_drvier')) + 1;
    const bad = await answer(call('build', { files: [{ path: 'edu/edu.c', text: broken }, { path: 'edu/edu.h', text: h }] }));
    const badResult = (bad as { result: BuildResult }).result;
    expect(badResult.ok).toBe(false);
    expect(badResult.ko).toBeUndefined();
    const err = badResult.diagnostics.find((d) => d.severity === 'error');
    expect(err).toMatchObject({ file: 'edu/edu.c', line });
    expect(err!.message).toMatch(/edu_drvier/);
    const good = await answer(call('build', { files: [{ path: 'edu/edu.c', text: c }, { path: 'edu/edu.h', text: h }] }));
    const goodResult = (good as { result: BuildResult }).result;
    expect(goodResult.ok).toBe(true);
    const ko = Uint8Array.from(atob(goodResult.ko!), (ch) => ch.charCodeAt(0));
    expect([...ko.subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
  }, 120_000);
});
