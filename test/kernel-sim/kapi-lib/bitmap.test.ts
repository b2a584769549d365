// linux/bitmap.h and lib/bitmap.c / lib/find_bit.c for modules, proved by the fixture bitmap-demo (builds with kbuild):
// every printed figure is what the definitions give for the bits the module sets (worked out in the comments).
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, machine, sh, dmesg } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  m = machine({ '/root/bitmap_demo.ko': await driver('bitmap-demo') });
  expect(sh(m, 'insmod /root/bitmap_demo.ko; echo rc=$?')).toBe('rc=0\n');
}, 300_000);

describe('bitmaps', () => {
  it('find, weigh, set, clear and combine bits as lib/bitmap.c defines them', () => {
    expect(dmesg(m).filter((l) => l.startsWith('bitmap_demo: ') && !l.includes('taint'))).toEqual([
      // An empty 100-bit map: no set bit is found (the size comes back).
      'bitmap_demo: empty 1 first 100 weight 0',
      // Bits 30..34, 70 and 96..105 set: past the size (100..105) they are never found nor counted.
      'bitmap_demo: set first 30 next(35) 70 last 99 weight 10',
      'bitmap_demo: first zero 0 next zero(30) 35 test 33 1 35 0',
      'bitmap_demo: set bits: 30 31 32 33 34 70 96 97 98 99',
      'bitmap_demo: cleared 31..33, weight 7, next(31) 34',
      // 4 clear bits at a multiple of 8: 0. 40 clear bits: 31..70 holds 34 and 70, 71..110 runs past the size: 111.
      'bitmap_demo: zero area of 4 from 0 aligned to 8: 0, of 40: 111',
      // a = 0..39, b = 32..71.
      'bitmap_demo: and 1 weight 8 first 32',
      'bitmap_demo: or weight 72 last 71',
      'bitmap_demo: xor weight 64',
      'bitmap_demo: andnot 1 weight 32 last 31',
      'bitmap_demo: complement weight 60 first 40',
      'bitmap_demo: equal 1 0 subset 0 1 intersects 1',
      'bitmap_demo: zalloc full 1 weight 100, first zero 100',
    ]);
    expect(sh(m, 'rmmod bitmap_demo; echo rc=$?')).toBe('rc=0\n');
  });
});
