// linux/idr.h and lib/idr.c for modules, proved by the fixture idr-demo (builds with kbuild): lowest-free IDs in a
// range, -ENOSPC when it is full, reuse after remove, replace, iteration in ID order, a base, cyclic allocation that
// wraps, and IDA ranges; ida_free of an ID never allocated is lib/idr.c's WARN.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, machine, sh, dmesg } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  m = machine({ '/root/idr_demo.ko': await driver('idr-demo') });
  expect(sh(m, 'insmod /root/idr_demo.ko; echo rc=$?')).toBe('rc=0\n');
}, 300_000);

describe('IDR and IDA', () => {
  it('allocate, find, replace and iterate as lib/idr.c does', () => {
    expect(dmesg(m).filter((l) => l.startsWith('idr_demo: ') && !l.includes('taint'))).toEqual([
      'idr_demo: empty 1 1',
      'idr_demo: alloc 0 1 5 -28, full -28, empty 0',
      'idr_demo: removed one, reused 1, find(5) two, find(9) null 1',
      'idr_demo: replaced two, missing -2',
      'idr_demo: entry 0=zero', 'idr_demo: entry 1=one', 'idr_demo: entry 5=zero', 'idr_demo: entry 7=two',
      'idr_demo: each 0=zero', 'idr_demo: each 1=one', 'idr_demo: each 5=zero', 'idr_demo: each 7=two',
      'idr_demo: for_each stopped with 42',
      'idr_demo: destroyed, empty 1',
      'idr_demo: base 1: 1, cyclic 2 3 1',
      'idr_demo: ida 0 10 11 -28, empty 0',
      'idr_demo: ida after free 1',
      'idr_demo: ida destroyed, empty 1',
    ]);
  });

  it('ida_free of an ID that is not allocated warns as Linux does', () => {
    expect(sh(m, 'rmmod idr_demo; echo rc=$?')).toBe('rc=0\n');
    const log = dmesg(m);
    expect(log).toContain('ida_free called for id=3 which is not allocated.');
    expect(log.some((l) => /^WARNING: CPU: \d+ PID: \d+ at lib\/idr\.c:527 ida_free/.test(l))).toBe(true);
  });
});
