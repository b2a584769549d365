// Bitfields in the layout data: packed into their type's storage units as clang packs them for wasm32, declared with their widths in the headers, and read and written by the generated views without touching their neighbours.
import { describe, it, expect } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { computeLayouts } from '../../../kernel-sim/toolchain/layouts/compute.ts';
import { renderStruct } from '../../../kernel-sim/toolchain/layouts/render.ts';
import type { StructSpec } from '../../../kernel-sim/toolchain/layouts/spec.ts';
import { sk_buff_view, struct_sk_buff } from '../../../kernel-sim/toolchain/layouts/views.generated.ts';
import { kmalloc, kfree, __GFP_ZERO } from '../../../kernel-sim/mm/slab.ts';
import { kread_u8, kwrite_u8 } from '../../../kernel-sim/mm/kmem.ts';

const spec: StructSpec = { tag: 'bf', header: 'x.h', members: [
  { name: 'a', type: '__u16' },
  { name: 'x', type: '__u8', bits: 3 },
  { name: 'y', type: '__u8', bits: 4 },
  { name: 'z', type: '__u8', bits: 2 }, // 3 + 4 + 2 > 8: starts the next byte
  { name: 'b', type: '__u8' },
  { name: 'w', type: 'unsigned int', bits: 30 },
  { name: 'v', type: 'unsigned int', bits: 4 }, // would cross the 32-bit unit: the next one
] };

describe('layout bitfields', () => {
  it('packs runs into storage units, starts a new unit where a field would cross one, and aligns the struct to its units', () => {
    const l = computeLayouts([spec]).get('bf')!;
    const at = (n: string): [number, number | undefined] => { const f = l.fields.find((x) => x.name === n)!; return [f.offset, f.bit]; };
    expect([at('x'), at('y'), at('z'), at('b'), at('w'), at('v')]).toEqual([[2, 0], [2, 3], [3, 0], [4, undefined], [8, 0], [12, 0]]);
    expect([l.size, l.align]).toEqual([16, 4]);
    expect(renderStruct(spec)).toContain('\t__u8 z:2;\n\t__u8 b;\n\tunsigned int w:30;');
  });

  it('sk_buff: ip_summed and pkt_type share a byte; setting one keeps the other and the byte\'s other bits', () => {
    const m = new Machine({});
    m.boot();
    m.inspect(() => {
      const a = kmalloc(struct_sk_buff.SIZE, __GFP_ZERO);
      const v = sk_buff_view(a);
      expect(struct_sk_buff.OFF.pkt_type).toBe(struct_sk_buff.OFF.ip_summed);
      kwrite_u8(a + struct_sk_buff.OFF.pkt_type, 0x80); // ooo_okay, the byte's top bit
      v.pkt_type = 3;
      v.ip_summed = 1;
      expect(kread_u8(a + struct_sk_buff.OFF.pkt_type)).toBe(0x80 | (1 << 5) | 3);
      v.ip_summed = 7; // wider than 2 bits: cut to the field
      expect([v.pkt_type, v.ip_summed, v.ooo_okay]).toEqual([3, 3, 1]);
      kfree(a);
    });
  });
});
