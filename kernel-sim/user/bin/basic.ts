// Small standard programs: echo, uname, true, false, as coreutils behaves.
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from '../lib/libc.ts';

export function* echo_main(c: Libc, argv: string[]): KGen<number> {
  let args = argv.slice(1);
  let newline = true, escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    for (const f of args[0].slice(1)) { if (f === 'n') newline = false; else if (f === 'e') escapes = true; else escapes = false; }
    args = args.slice(1);
  }
  let s = args.join(' ');
  if (escapes) {
    const cut = s.indexOf('\\c');
    if (cut >= 0) { s = s.slice(0, cut); newline = false; }
    s = s.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/g, (_m, e: string) => {
      const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', '\\': '\\' };
      if (e[0] === '0') return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
      if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
      return map[e] ?? '\\' + e;
    });
  }
  const r = yield* c.write(1, newline ? s + '\n' : s);
  return r < 0 ? 1 : 0;
}

const UNAME_FLAGS: Record<string, string> = { s: 'sysname', n: 'nodename', r: 'release', v: 'version', m: 'machine', p: 'processor', i: 'platform', o: 'os' };
const LONG: Record<string, string> = { '--kernel-name': 's', '--nodename': 'n', '--kernel-release': 'r', '--kernel-version': 'v', '--machine': 'm', '--processor': 'p', '--hardware-platform': 'i', '--operating-system': 'o', '--all': 'a' };

export function* uname_main(c: Libc, argv: string[]): KGen<number> {
  const want = new Set<string>();
  for (const a of argv.slice(1)) {
    if (LONG[a]) { want.add(LONG[a]); continue; }
    if (!/^-[snrvmpioa]+$/.test(a)) {
      yield* c.write(2, `uname: invalid option -- '${a.replace(/^-+/, '')[0] ?? a}'\nTry 'uname --help' for more information.\n`);
      return 1;
    }
    for (const f of a.slice(1)) want.add(f);
  }
  const u = yield* c.uname();
  if (typeof u === 'number') return 1;
  if (want.size === 0) want.add('s');
  const all = want.has('a');
  const fields: string[] = [];
  const v: Record<string, string> = { sysname: u.sysname, nodename: u.nodename, release: u.release, version: u.version, machine: u.machine, processor: 'unknown', platform: 'unknown', os: 'GNU/Linux' };
  for (const f of ['s', 'n', 'r', 'v', 'm', 'p', 'i', 'o']) {
    if (!(all || want.has(f))) continue;
    // -a omits processor and platform when unknown, as coreutils does.
    if (all && !want.has(f) && (f === 'p' || f === 'i') && v[UNAME_FLAGS[f]] === 'unknown') continue;
    fields.push(v[UNAME_FLAGS[f]]);
  }
  yield* c.write(1, fields.join(' ') + '\n');
  return 0;
}

export function* true_main(): KGen<number> { return 0; }
export function* false_main(): KGen<number> { return 1; }
