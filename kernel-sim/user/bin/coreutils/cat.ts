// Models cat(1): concatenates files to stdout, with GNU's -n -b -s -E -A -v -T; a failed read is reported as BusyBox's cat (the reference machine's) words it.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has } from '../../lib/getopt.ts';
import { ostream, istream, usage_error, warn, open_input } from '../../lib/stdio.ts';
import { S_ISDIR } from '../../../include/uapi/stat.ts';
import { EISDIR } from '../../../include/uapi/asm-generic/errno.ts';

const LONG = { number: 'n', 'number-nonblank': 'b', 'squeeze-blank': 's', 'show-ends': 'E', 'show-all': 'A', 'show-nonprinting': 'v', 'show-tabs': 'T' };

function visible(b: number, tabs: boolean): string {
  if (b === 9) return tabs ? '^I' : '\t';
  if (b === 10) return '\n';
  let s = '';
  if (b >= 128) { s = 'M-'; b -= 128; }
  if (b < 32) return s + '^' + String.fromCharCode(b + 64);
  if (b === 127) return s + '^?';
  return s + String.fromCharCode(b);
}

export function* cat_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'nbsEAvTeut', long: LONG });
  if (p.error) return yield* usage_error(c, 'cat', p.error);
  const nonblank = has(p, 'b'), squeeze = has(p, 's');
  let number = has(p, 'n'), ends = false, tabs = false, nonprint = false;
  for (const [k] of p.opts) {
    if (k === 'A') { nonprint = ends = tabs = true; }
    if (k === 'E') ends = true;
    if (k === 'T') tabs = true;
    if (k === 'v') nonprint = true;
    if (k === 'e') { nonprint = ends = true; }
    if (k === 't') { nonprint = tabs = true; }
  }
  if (nonblank) number = false;
  const plain = !number && !nonblank && !squeeze && !ends && !tabs && !nonprint;
  let status = 0;
  let lineno = 0, blank_run = 0;
  const out = new ostream(c, 1, 65536);
  for (const name of p.args.length ? p.args : ['-']) {
    const fd = yield* open_input(c, name);
    if (fd < 0) { yield* out.flush(); yield* warn(c, 'cat', name, fd); status = 1; continue; }
    const st = yield* c.fstat(fd);
    if (typeof st !== 'number' && S_ISDIR(st.mode)) { yield* out.flush(); yield* warn(c, 'cat', name, -EISDIR); status = 1; if (fd) yield* c.close(fd); continue; }
    const inp = new istream(c, fd);
    if (plain) {
      for (;;) {
        const b = yield* inp.chunk();
        if (!b) break;
        // Unbuffered like cat: what arrives goes out at once (matters for terminals and pipes).
        yield* out.write(b.slice());
        if ((yield* out.flush()) < 0) break;
      }
    } else {
      for (;;) {
        const lb = yield* inp.line_bytes();
        if (!lb) break;
        const has_nl = lb[lb.length - 1] === 10;
        const body = has_nl ? lb.subarray(0, lb.length - 1) : lb;
        if (body.length === 0 && has_nl) {
          blank_run++;
          if (squeeze && blank_run > 1) continue;
        } else blank_run = 0;
        let s = '';
        if (number || (nonblank && body.length)) s += `${String(++lineno).padStart(6)}\t`;
        if (nonprint || tabs) for (const b of body) s += nonprint ? visible(b, tabs) : b === 9 ? '^I' : String.fromCharCode(b);
        else s += new TextDecoder().decode(body);
        if (has_nl) s += (ends ? '$' : '') + '\n';
        yield* out.write(s);
      }
      yield* out.flush();
    }
    // BusyBox's bb_copyfd_eof (libbb/copyfd.c) reports a failed read without the file's name: "cat: read error: ...".
    if (inp.err) { yield* warn(c, 'cat', 'read error', inp.err); status = 1; }
    if (fd) yield* c.close(fd);
  }
  yield* out.flush();
  return status;
}
