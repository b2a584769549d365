// A long paste into the console shell: the line editor writes each pasted character once (autowrap carries it to the next row) instead of redrawing the whole line at every wrap, so its output grows linearly with the paste; the pasted line still runs as typed.
import { beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { Console } from './harness.ts';

let m: Machine;
let con: Console;
beforeAll(() => {
  m = new Machine({});
  con = new Console(m);
  m.boot();
  con.take();
});

describe('pasting a long line', () => {
  it('echoes 8 KiB pasted at once with about one byte of output per byte pasted, and runs it', () => {
    const word = 'abcdefghij';
    const arg = Array.from({ length: 819 }, (_, i) => `${word}${i % 10}`.slice(0, 10)).join('');
    const paste = `echo ${arg}`;
    expect(paste.length).toBeGreaterThan(8190);
    m.ttyInput('ttyS0', paste);
    m.runFor(2e9);
    const echoed = con.take();
    // Each character once, plus a line break at each of the ~100 wraps of an 80-column line: a redraw per wrap
    // (the old editor) wrote about 100 × 4 KiB on average, 50 times as much.
    expect(echoed.length).toBeLessThan(paste.length + 400);
    expect(Console.plain(echoed).replace(/\n/g, '')).toBe(paste);
    con.type('\r');
    m.runFor(1e9);
    const out = Console.plain(con.take());
    expect(out).toContain(`\n${arg}\n`);
  });
});
