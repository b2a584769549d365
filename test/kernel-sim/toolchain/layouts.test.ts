// One source of truth for struct layouts: generated headers and offsets are current, and clang agrees with every offset and size.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, INCLUDE, makeToolchain, buildSource } from './helpers.ts';
import type { Toolchain } from '../../../kernel-sim/toolchain/build.ts';
import { planGeneratedFiles } from '../../../kernel-sim/toolchain/layouts/generate.ts';
import { ALL_LAYOUTS, LAYOUT_CONSTANTS } from '../../../kernel-sim/toolchain/layouts/index.ts';
import { computeLayouts } from '../../../kernel-sim/toolchain/layouts/compute.ts';
import { layoutKey } from '../../../kernel-sim/toolchain/layouts/spec.ts';
import { LAYOUTS } from '../../../kernel-sim/toolchain/layouts/offsets.generated.ts';
import { offsetOf, sizeOf } from '../../../kernel-sim/toolchain/layouts/access.ts';

let tc: Toolchain;
beforeAll(() => { tc = makeToolchain(); });

function assertionsSource(mutate?: (struct: string, field: string, off: number) => number): string {
  const headers = [...new Set(ALL_LAYOUTS.map((s) => s.header))];
  const lines = headers.map((h) => `#include <${h}>`);
  for (const s of ALL_LAYOUTS) {
    const key = layoutKey(s);
    const ctype = s.tag ? `struct ${s.tag}` : s.typedef!;
    const l = (LAYOUTS as Record<string, { size: number; align: number; fields: readonly { name: string; offset: number; bits?: number }[] }>)[key]!;
    lines.push(`_Static_assert(sizeof(${ctype}) == ${l.size}, "sizeof ${ctype}");`);
    lines.push(`_Static_assert(_Alignof(${ctype}) == ${l.align}, "alignof ${ctype}");`);
    for (const f of l.fields) {
      // offsetof() of a bitfield is not C; the members after a run of bitfields check its packing.
      if (f.bits !== undefined) continue;
      const off = mutate ? mutate(key, f.name, f.offset) : f.offset;
      lines.push(`_Static_assert(__builtin_offsetof(${ctype}, ${f.name}) == ${off}, "offsetof ${ctype}.${f.name}");`);
    }
  }
  for (const [name, value] of Object.entries(LAYOUT_CONSTANTS)) lines.push(`_Static_assert(${name} == ${value}, "${name}");`);
  return lines.join('\n') + '\n';
}

describe('struct layouts', () => {
  it('generated header blocks and offsets module are up to date (run scripts/gen-headers.ts)', () => {
    const files = planGeneratedFiles((rel) => readFileSync(join(INCLUDE, rel), 'utf8'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(readFileSync(join(ROOT, f.path), 'utf8'), f.path).toBe(f.text);
  });

  it('the offsets module equals a fresh computation from the layout data', () => {
    const fresh = computeLayouts(ALL_LAYOUTS);
    expect(Object.keys(LAYOUTS).sort()).toEqual([...fresh.keys()].sort());
    for (const [k, l] of fresh) expect(JSON.parse(JSON.stringify((LAYOUTS as Record<string, unknown>)[k]))).toEqual(JSON.parse(JSON.stringify(l)));
  });

  it('clang (wasm32) agrees with every offset, size, alignment and array-length constant', async () => {
    const src = assertionsSource();
    expect(src.split('\n').length).toBeGreaterThan(400);
    const r = await buildSource(tc, 'layout_check.c', src);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('the clang check catches a wrong offset (control)', async () => {
    const r = await buildSource(tc, 'layout_check_bad.c', assertionsSource((s, f, off) => (s === 'pci_dev' && f === 'irq' ? off + 4 : off)));
    expect(r.ok).toBe(false);
    expect(r.diagnostics.some((d) => d.severity === 'error' && d.message.includes('offsetof struct pci_dev.irq'))).toBe(true);
  });

  it('typed accessors read the generated numbers', () => {
    expect(offsetOf('list_head', 'prev')).toBe(4);
    expect(sizeOf('list_head')).toBe(8);
    expect(offsetOf('miscdevice', 'minor')).toBe(0);
    expect(offsetOf('pci_device_id', 'driver_data')).toBe(24);
    expect(sizeOf('pci_device_id')).toBe(32);
    expect(offsetOf('file', 'private_data')).toBeGreaterThan(offsetOf('file', 'f_pos'));
    expect(() => offsetOf('file', 'nope' as never)).toThrow(/no field/);
  });
});
