// linux/kfifo.h and lib/kfifo.c for modules: the fixture kfifo-demo (builds with kbuild) checks a typed fifo that
// wraps, a record fifo, a byte fifo handed out as a scatterlist, and a record fifo behind a proc file filled and
// drained from user space with kfifo_from_user/kfifo_to_user, with the figures Linux's lib/kfifo.c gives.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, machine, sh, dmesg } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  m = machine({ '/root/kfifo_demo.ko': await driver('kfifo-demo') });
  expect(sh(m, 'insmod /root/kfifo_demo.ko; echo rc=$?')).toBe('rc=0\n');
}, 300_000);

describe('kfifo', () => {
  it('typed, record and DMA fifos give the lengths, records and scatterlists of lib/kfifo.c', () => {
    expect(dmesg(m).filter((l) => l.startsWith('kfifo_demo:') && !l.includes('taint'))).toEqual([
      'kfifo_demo: put 8 refused, full at 8',
      'kfifo_demo: put 9 refused, full at 8',
      'kfifo_demo: ints size 8 len 7 avail 1 peek 5 sum 10',
      'kfifo_demo: recs first 1 bytes, then "bb", len 9 avail 54',
      'kfifo_demo: in sg[0] offset 30 length 2 last 0 buf ok',
      'kfifo_demo: in sg[1] offset 0 length 14 last 0 buf ok',
      'kfifo_demo: out nents 1 length 8 len 26',
      'kfifo_demo: test passed',
    ]);
  });

  it('a record fifo filled and drained from user space returns one record per read, oldest first', () => {
    expect(sh(m, "printf hello > /proc/kfifo-demo; printf 'world!' > /proc/kfifo-demo; dd if=/proc/kfifo-demo bs=100 count=1 2>/dev/null; echo; cat /proc/kfifo-demo; echo; cat /proc/kfifo-demo | wc -c"))
      .toBe('hello\nworld!\n0\n');
  });

  it('the fifo buffer goes back on rmmod: no leak reported', () => {
    expect(sh(m, 'rmmod kfifo_demo; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m).filter((l) => /leak|BUG|WARNING/i.test(l))).toEqual([]);
  });
});
