// Fuzz: hundreds of seeded malformed protocol messages to a kernel service with a booted machine; each is answered exactly once (a cancel: never), with a known error code when refused.
import { describe, expect, it } from 'vitest';
import { KernelService } from '../../../kernel-sim/host/service.ts';
import { ClientMessageSchema, ErrorCodeSchema } from '../../../kernel-sim/api/protocol.ts';
import { mutant, prng } from './mutate.ts';

const COUNT = 400;
/** Cheap requests once the machine runs; a boot config that cannot build anything, so a mutant of it never boots. */
const TEMPLATES = [
  { type: 'request', id: 1, method: 'ping' },
  { type: 'request', id: 2, method: 'machine.info', params: {} },
  { type: 'request', id: 3, method: 'events.subscribe', params: { streams: ['console', 'dmesg'], subscriber: 'panel' } },
  { type: 'request', id: 4, method: 'dmesg.read', params: { sinceSeq: 5 } },
  { type: 'request', id: 5, method: 'fs.read', params: { path: '/proc/version' } },
  { type: 'request', id: 6, method: 'tty.resize', params: { tty: 'ttyS0', cols: 80, rows: 24 } },
  { type: 'request', id: 7, method: 'machine.boot', params: { dts: '/dts-v1/;\n/ {\nmodel = "x";\n{\n};\n', dtsName: 'm.dts' } },
  { type: 'cancel', id: 9 },
];
const CODES = new Set<string>(ErrorCodeSchema.options);

describe('protocol fuzz', () => {
  it(`${COUNT} seeded malformed messages are each answered (errors with known codes), and the service still works`, async () => {
    const out: any[] = [];
    const svc = new KernelService((m) => out.push(m), { pace: false });
    const settle = async (want: (m: any) => boolean) => {
      // Handlers may answer asynchronously: turn the event loop until the answer is there (a count, not a clock).
      for (let turn = 0; turn < 100_000 && !out.some(want); turn++) await new Promise((r) => setImmediate(r));
    };
    svc.receive(JSON.stringify({ type: 'request', id: 0, method: 'machine.boot', params: {} }));
    await settle((m) => m.type === 'response' && m.id === 0);
    expect(out.find((m) => m.type === 'response' && m.id === 0)).toMatchObject({ ok: true });

    const rng = prng(0x70726f);
    const problems: string[] = [];
    let refused = 0;
    for (let i = 0; i < COUNT; i++) {
      const template = TEMPLATES[i % TEMPLATES.length]!;
      const { text, ops } = mutant(JSON.stringify(template), rng);
      let parsed: unknown;
      try { parsed = JSON.parse(text); } catch { parsed = undefined; }
      const valid = ClientMessageSchema.safeParse(parsed);
      const silent = valid.success && valid.data.type === 'cancel';
      out.length = 0;
      try {
        svc.receive(text);
      } catch (e) {
        problems.push(`message ${i} (${ops.join('+')}): receive threw ${String(e)}`);
        continue;
      }
      if (silent) {
        if (out.some((m) => m.type === 'response')) problems.push(`message ${i}: a cancel was answered`);
        continue;
      }
      await settle((m) => m.type === 'response');
      const answers = out.filter((m) => m.type === 'response');
      if (answers.length !== 1) {
        problems.push(`message ${i} (${ops.join('+')}): ${answers.length} answers to ${JSON.stringify(text.slice(0, 120))}`);
        continue;
      }
      const a = answers[0];
      if (!a.ok) {
        refused++;
        if (!CODES.has(a.error?.code) || typeof a.error?.message !== 'string') problems.push(`message ${i}: bad error ${JSON.stringify(a.error)}`);
        if (/\/work\/|\/home\/|\/tmp\//.test(a.error.message)) problems.push(`message ${i}: error names a host path: ${a.error.message}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(refused).toBeGreaterThan(COUNT / 2);
    // The service survived all of it: a clean request still works, and no cancel mark was kept.
    out.length = 0;
    svc.receive(JSON.stringify({ type: 'request', id: 99, method: 'machine.info', params: {} }));
    await settle((m) => m.type === 'response');
    expect(out.find((m) => m.type === 'response')).toMatchObject({ id: 99, ok: true, result: { state: 'running' } });
    expect(svc.pending()).toEqual({ inflight: 0, cancelled: 0 });
    svc.dispose();
  });

  it('cancel marks are kept only for requests in flight: 10,000 stray cancels hold nothing', () => {
    const svc = new KernelService(() => {}, { pace: false });
    for (let id = 0; id < 10_000; id++) svc.receive({ type: 'cancel', id });
    expect(svc.pending()).toEqual({ inflight: 0, cancelled: 0 });
    svc.dispose();
  });
});
