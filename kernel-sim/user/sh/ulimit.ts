// Models dash's ulimit builtin (src/miscbltin.c): -a lists every limit, one letter picks one (default -f), -H/-S the hard or soft value, a number or "unlimited" sets it (both values when neither -H nor -S).
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from '../lib/libc.ts';
import { strerror } from '../lib/libc.ts';

/** dash's limits[]: name as -a prints it, RLIMIT number, unit factor, option letter. */
const LIMITS: [string, number, number, string][] = [
  ['time(seconds)', 0, 1, 't'], ['file(blocks)', 1, 512, 'f'], ['data(kbytes)', 2, 1024, 'd'], ['stack(kbytes)', 3, 1024, 's'],
  ['coredump(blocks)', 4, 512, 'c'], ['memory(kbytes)', 5, 1024, 'm'], ['locked memory(kbytes)', 8, 1024, 'l'], ['process', 6, 1, 'p'],
  ['nofiles', 7, 1, 'n'], ['vmemory(kbytes)', 9, 1024, 'v'], ['locks', 10, 1, 'w'], ['rtprio', 14, 1, 'r'],
];

export function* ulimit_builtin(c: Libc, argv: string[]): KGen<number> {
  let which: 'soft' | 'hard' | 'both' = 'both', all = false, pick = LIMITS[1];
  let i = 1;
  for (; i < argv.length && /^-[a-zA-Z]+$/.test(argv[i]); i++) {
    for (const ch of argv[i].slice(1)) {
      if (ch === 'H') which = 'hard';
      else if (ch === 'S') which = 'soft';
      else if (ch === 'a') all = true;
      else {
        const l = LIMITS.find((x) => x[3] === ch);
        if (!l) { yield* c.write(2, `sh: ulimit: Illegal option -${ch}\n`); return 2; }
        pick = l;
      }
    }
  }
  const value = argv[i];
  const get = function* (res: number): KGen<{ cur: number; max: number } | number> { return yield* c.getrlimit(res); };
  const fmt = (l: { cur: number; max: number }, f: number): string => {
    const v = which === 'hard' ? l.max : l.cur;
    return v === Infinity ? 'unlimited' : String(Math.floor(v / f));
  };
  if (all) {
    for (const [name, res, f] of LIMITS) {
      const l = yield* get(res);
      if (typeof l !== 'number') yield* c.write(1, `${name.padEnd(20)} ${fmt(l, f)}\n`);
    }
    return 0;
  }
  const [, res, f] = pick;
  const l = yield* get(res);
  if (typeof l === 'number') { yield* c.write(2, `sh: ulimit: ${strerror(-l)}\n`); return 2; }
  if (value === undefined) { yield* c.write(1, `${fmt(l, f)}\n`); return 0; }
  const v = value === 'unlimited' ? Infinity : /^\d+$/.test(value) ? Number(value) * f : NaN;
  if (Number.isNaN(v)) { yield* c.write(2, `sh: ulimit: bad number\n`); return 2; }
  const r = yield* c.setrlimit(res, which === 'hard' ? l.cur : v, which === 'soft' ? l.max : v);
  if (r < 0) { yield* c.write(2, `sh: ulimit: error setting limit (${strerror(-r)})\n`); return 2; }
  return 0;
}
