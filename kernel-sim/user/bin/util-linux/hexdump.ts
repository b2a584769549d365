// Models util-linux hexdump(1) (bsdextrautils on Debian): the default 16-bit word format and -C canonical hex+ASCII, with -n, -s, -v and "*" for repeated lines.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { ostream, istream, usage_error, warn, open_input, concat } from '../../lib/stdio.ts';
import { parse_size } from '../coreutils/text.ts';

const hex2 = (b: number): string => b.toString(16).padStart(2, '0');
const printable = (b: number): string => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.');

/** Reads the named inputs (or stdin) as one stream, honouring skip and length. */
export function* read_inputs(c: Libc, prog: string, files: string[], skip: number, length: number): KGen<{ data: Uint8Array; status: number }> {
  const parts: Uint8Array[] = [];
  let status = 0;
  let total = 0;
  for (const f of files.length ? files : ['-']) {
    const fd = yield* open_input(c, f);
    if (fd < 0) { yield* warn(c, prog, f, fd); status = 1; continue; }
    const inp = new istream(c, fd);
    for (;;) {
      if (total >= skip + length) break;
      const b = yield* inp.chunk();
      if (!b) break;
      parts.push(b.slice()); total += b.length;
    }
    if (inp.err) { yield* warn(c, prog, f, inp.err); status = 1; }
    if (fd) yield* c.close(fd);
  }
  const all = concat(parts);
  return { data: all.subarray(Math.min(skip, all.length), Math.min(all.length, skip + length)), status };
}

export function* hexdump_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'Cbcdoxn:s:ve:f:L::', long: { canonical: 'C', 'length=': 'n', 'skip=': 's', 'no-squeezing': 'v' } });
  if (p.error) return yield* usage_error(c, 'hexdump', p.error);
  const skip = parse_size(optval(p, 's') ?? '0') ?? 0;
  const len = optval(p, 'n') !== undefined ? parse_size(optval(p, 'n')!) ?? 0 : Infinity;
  const { data, status } = yield* read_inputs(c, 'hexdump', p.args, skip, len);
  const canonical = has(p, 'C');
  const out = new ostream(c);
  let prev: string | null = null, starred = false;
  for (let off = 0; off < data.length; off += 16) {
    const row = data.subarray(off, off + 16);
    const key = Array.from(row).join(',');
    if (!has(p, 'v') && row.length === 16 && key === prev) { if (!starred) yield* out.write('*\n'); starred = true; continue; }
    prev = key; starred = false;
    const addr = skip + off;
    if (canonical) {
      let hex = '';
      for (let i = 0; i < 16; i++) { hex += i < row.length ? hex2(row[i]) + ' ' : '   '; if (i === 7) hex += ' '; }
      yield* out.write(`${addr.toString(16).padStart(8, '0')}  ${hex} |${Array.from(row, printable).join('')}|\n`);
    } else {
      const words: string[] = [];
      for (let i = 0; i < row.length; i += 2) words.push(((row[i + 1] ?? 0) << 8 | row[i]).toString(16).padStart(4, '0'));
      yield* out.write(`${addr.toString(16).padStart(7, '0')} ${words.join(' ')}`.replace(/\s+$/, '') + '\n');
    }
  }
  if (data.length || skip) yield* out.write((skip + data.length).toString(16).padStart(canonical ? 8 : 7, '0') + '\n');
  yield* out.flush();
  return status;
}
