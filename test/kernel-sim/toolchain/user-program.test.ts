// A user test program runs against the libc with a stub system call layer: open/read/ioctl/write/exit reach __syscall.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeToolchain, ROOT } from './helpers.ts';

let program: Uint8Array;
beforeAll(async () => {
  const tc = makeToolchain();
  const p = 'test/fixtures/user/edu-test.c';
  const r = await tc.build({
    mode: 'user', sources: [{ path: p, text: readFileSync(join(ROOT, p)) }],
    extraFiles: [{ path: 'test/fixtures/drivers/edu/edu.h', text: readFileSync(join(ROOT, 'test/fixtures/drivers/edu/edu.h')) }],
  });
  expect(r.diagnostics).toEqual([]);
  program = r.wasm!;
}, 120_000);

class Exit { constructor(readonly code: number) {} }

function fact32(n: number): number {
  let r = 1;
  for (let i = 2; i <= n; i++) r = Math.imul(r, i) >>> 0;
  return r;
}

function run(argv: string[], dmaOk: boolean): { code: number; stdout: string; calls: string[] } {
  const h = {} as { memory: WebAssembly.Memory };
  let stdout = '';
  const calls: string[] = [];
  const dv = (): DataView => new DataView(h.memory.buffer);
  const str = (p: number): string => { const b = new Uint8Array(h.memory.buffer); let e = p; while (b[e]) e++; return new TextDecoder().decode(b.subarray(p, e)); };
  const env = {
    __kwb_argv: (buf: number, size: number): number => {
      const bytes = new TextEncoder().encode(argv.map((a) => a + '\0').join(''));
      if (bytes.length > size) return -bytes.length;
      new Uint8Array(h.memory.buffer).set(bytes, buf);
      return argv.length;
    },
    __syscall: (n: number, a: number, b: number, c: number): number => {
      switch (n) {
        case 2: calls.push(`open(${str(a)}, ${b})`); return str(a) === '/dev/edu' ? 3 : -2;
        case 0: { const s = new TextEncoder().encode('0x010000ed\n'); new Uint8Array(h.memory.buffer).set(s, b); calls.push('read'); return s.length; }
        case 1: stdout += new TextDecoder().decode(new Uint8Array(h.memory.buffer, b, c)); return c;
        case 3: calls.push('close'); return 0;
        case 16: {
          const nr = b & 0xff;
          calls.push(`ioctl(${a}, ${nr})`);
          if (nr === 1 || nr === 2) { dv().setUint32(c + 4, fact32(dv().getUint32(c, true)), true); return 0; }
          if (nr === 3) return dmaOk ? 0 : -5;
          return -25;
        }
        case 231: throw new Exit(a);
        default: return -38;
      }
    },
  };
  const inst = new WebAssembly.Instance(new WebAssembly.Module(program as BufferSource), { env });
  h.memory = inst.exports.memory as WebAssembly.Memory;
  try {
    (inst.exports._start as () => void)();
  } catch (e) {
    if (e instanceof Exit) return { code: e.code, stdout, calls };
    throw e;
  }
  throw new Error('program returned without exit_group');
}

describe('user program edu-test', () => {
  it('prints results through printf and exits 0 when the device answers right', () => {
    const r = run(['edu-test'], true);
    expect(r.stdout).toBe([
      'id: 0x010000ed', 'poll: 0! = 1', 'poll: 4! = 24', 'poll: 8! = 40320', 'poll: 12! = 479001600', 'irq: 10! = 3628800',
      'dma: round trip ok', 'PASS', '',
    ].join('\n'));
    expect(r.code).toBe(0);
    expect(r.calls[0]).toBe('open(/dev/edu, 2)');
    expect(r.calls.at(-1)).toBe('close');
  });

  it('reports errno text and exits 1 when a call fails; argv reaches main', () => {
    const r = run(['edu-test', '/dev/missing'], true);
    expect(r.code).toBe(1);
    expect(r.calls).toEqual(['open(/dev/missing, 2)']);
    const d = run(['edu-test'], false);
    expect(d.stdout).toContain('dma: failed: Input/output error\n');
    expect(d.stdout.endsWith('FAIL\n')).toBe(true);
    expect(d.code).toBe(1);
  });
});
