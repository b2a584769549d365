// Models awk(1) as Debian 12 installs it (mawk's command line and messages): -F, -v, -f, the program text, ARGV operands, and exit status 2 on errors.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { isatty } from '../../lib/unistd.ts';
import { awk_parse } from './parse.ts';
import { awk_interp } from './interp.ts';
import { unescape_awk } from './lex.ts';
import { AwkFatal, strnum } from './value.ts';

const USAGE = 'usage: awk [-F value] [-v var=value] [--] \'program text\' [file ...]\nusage: awk [-F value] [-v var=value] [-f program-file] [--] [file ...]\n';

interface options { fs: string | null; assigns: string[]; progfiles: string[]; rest: string[] }

/** awk's options come before the program; the first operand that is not an option ends them. */
function parse_options(argv: string[]): options | string {
  const o: options = { fs: null, assigns: [], progfiles: [], rest: [] };
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (a.length < 2 || a[0] !== '-') break;
    const opt = a[1]!;
    if (!'Fvf'.includes(opt)) return `not an option: ${a}`;
    const val = a.length > 2 ? a.slice(2) : argv[++i];
    if (val === undefined) return `option requires an argument -- ${opt}`;
    if (opt === 'F') o.fs = val;
    else if (opt === 'v') o.assigns.push(val);
    else o.progfiles.push(val);
  }
  o.rest = argv.slice(i);
  return o;
}

export function* awk_main(c: Libc, argv: string[]): KGen<number> {
  const o = parse_options(argv);
  if (typeof o === 'string') { yield* c.write(2, `awk: ${o}\n${USAGE}`); return 2; }
  let src: string;
  if (o.progfiles.length) {
    const texts: string[] = [];
    for (const f of o.progfiles) {
      const t = yield* c.read_text(f);
      if (typeof t === 'number') { yield* c.write(2, `awk: couldn't open file ${f}\n`); return 2; }
      texts.push(t);
    }
    src = texts.join('\n');
  } else {
    const p = o.rest.shift();
    if (p === undefined) { yield* c.write(2, USAGE); return 2; }
    src = p;
  }
  const parsed = awk_parse(src);
  if (!parsed.ok) { yield* c.write(2, `awk: line ${parsed.line}: ${parsed.message}\n`); return 2; }
  const it = new awk_interp(c, parsed.program);
  // -Ft is a tab, as POSIX allows; otherwise the value's escapes are processed like a string literal.
  if (o.fs !== null) it.globals.set('FS', o.fs === 't' ? '\t' : unescape_awk(o.fs));
  for (const a of o.assigns) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
    if (!m) { yield* c.write(2, `awk: improper assignment: -v ${a}\n`); return 2; }
    it.globals.set(m[1]!, new strnum(unescape_awk(m[2]!)));
  }
  const args = it.get_array('ARGV');
  ['awk', ...o.rest].forEach((a, k) => args.set(String(k), new strnum(a)));
  it.globals.set('ARGC', o.rest.length + 1);
  const env = it.get_array('ENVIRON');
  for (const kv of c.environ()) {
    const eq = kv.indexOf('=');
    if (eq > 0) env.set(kv.slice(0, eq), new strnum(kv.slice(eq + 1)));
  }
  it.interactive = yield* isatty(c, 1);
  try {
    return yield* it.run();
  } catch (x) {
    if (!(x instanceof AwkFatal)) throw x;
    yield* it.io.flush_all();
    const g = (k: string): string => it.str(it.get_var(k));
    yield* c.write(2, `awk: run time error: ${x.message}\n\tFILENAME="${g('FILENAME')}" FNR=${g('FNR')} NR=${g('NR')}\n`);
    return 2;
  }
}
