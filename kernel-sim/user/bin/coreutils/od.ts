// Models GNU coreutils od(1): -A d|o|x|n, -t a c d o u x with sizes, -c -x -o -d -b, -N -j -v, and "*" for repeated lines.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { ostream, usage_error } from '../../lib/stdio.ts';
import { read_inputs } from '../util-linux/hexdump.ts';
import { parse_size } from './text.ts';

interface fmt { kind: string; size: number; width: number }

const NAMED = ['nul', 'soh', 'stx', 'etx', 'eot', 'enq', 'ack', 'bel', 'bs', 'ht', 'nl', 'vt', 'ff', 'cr', 'so', 'si', 'dle', 'dc1', 'dc2', 'dc3', 'dc4', 'nak', 'syn', 'etb', 'can', 'em', 'sub', 'esc', 'fs', 'gs', 'rs', 'us', 'sp'];
const C_ESC: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

function parse_type(t: string): fmt[] | null {
  const out: fmt[] = [];
  const re = /([acdoux])(\d+|[CSIL])?/g;
  let m: RegExpExecArray | null;
  let used = 0;
  while ((m = re.exec(t))) {
    if (m.index !== used) return null;
    used = m.index + m[0].length;
    const kind = m[1];
    let size = kind === 'a' || kind === 'c' ? 1 : 4;
    if (m[2]) size = ({ C: 1, S: 2, I: 4, L: 8 } as Record<string, number>)[m[2]] ?? Number(m[2]);
    if (![1, 2, 4, 8].includes(size)) return null;
    const max = 2 ** (8 * size) - 1;
    const digits = kind === 'o' ? max.toString(8).length : kind === 'x' ? size * 2 : kind === 'u' ? String(max).length : kind === 'd' ? String(-(2 ** (8 * size - 1))).length : 3;
    out.push({ kind, size, width: digits + 1 });
  }
  return used === t.length ? out : null;
}

function cell(f: fmt, b: Uint8Array, i: number): string {
  if (f.kind === 'c') {
    const x = b[i];
    const s = C_ESC[x] ?? (x >= 32 && x < 127 ? String.fromCharCode(x) : x.toString(8).padStart(3, '0'));
    return s.padStart(4);
  }
  if (f.kind === 'a') { const x = b[i] & 0x7f; return (x === 127 ? 'del' : x <= 32 ? NAMED[x] : String.fromCharCode(x)).padStart(4); }
  let v = 0n;
  for (let k = f.size - 1; k >= 0; k--) v = (v << 8n) | BigInt(b[i + k] ?? 0);
  if (f.kind === 'd' && v >= 1n << BigInt(8 * f.size - 1)) v -= 1n << BigInt(8 * f.size);
  const s = f.kind === 'o' ? v.toString(8).padStart(f.width - 1, '0') : f.kind === 'x' ? v.toString(16).padStart(f.width - 1, '0') : v.toString();
  return s.padStart(f.width);
}

export function* od_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'A:t:N:j:vcxodbw::s', long: { 'address-radix=': 'A', 'format=': 't', 'read-bytes=': 'N', 'skip-bytes=': 'j', 'output-duplicates': 'v', 'width=': 'w' } });
  if (p.error) return yield* usage_error(c, 'od', p.error);
  const fmts: fmt[] = [];
  for (const [k, v] of p.opts) {
    const t = k === 't' ? v : k === 'c' ? 'c' : k === 'x' ? 'x2' : k === 'o' ? 'o2' : k === 'd' ? 'u2' : k === 'b' ? 'o1' : k === 's' ? 'd2' : null;
    if (t === null) continue;
    const f = parse_type(t);
    if (!f) { yield* c.write(2, `od: invalid type string ${`'${v}'`}\n`); return 1; }
    fmts.push(...f);
  }
  if (!fmts.length) fmts.push(...parse_type('o2')!);
  const radix = optval(p, 'A') ?? 'o';
  if (!'doxn'.includes(radix) || radix.length !== 1) { yield* c.write(2, `od: invalid output address radix '${radix}'; it must be one character from [doxn]\n`); return 1; }
  const skip = parse_size(optval(p, 'j') ?? '0') ?? 0;
  const len = optval(p, 'N') !== undefined ? parse_size(optval(p, 'N')!) ?? 0 : Infinity;
  const { data, status } = yield* read_inputs(c, 'od', p.args, skip, len);
  const width = optval(p, 'w') !== undefined ? Number(optval(p, 'w') || 32) : 16;
  const addr = (n: number): string => (radix === 'n' ? '' : radix === 'd' ? String(n).padStart(7, '0') : radix === 'x' ? n.toString(16).padStart(6, '0') : n.toString(8).padStart(7, '0'));
  // Field widths line up across types, as od does: each byte gets the widest per-byte share.
  const per_byte = Math.max(...fmts.map((f) => f.width / f.size));
  const out = new ostream(c);
  let prev: string | null = null, starred = false;
  const out_lines: string[] = [];
  for (let off = 0; off < data.length; off += width) {
    const row = data.subarray(off, off + width);
    const key = Array.from(row).join(',');
    if (!has(p, 'v') && row.length === width && key === prev) { if (!starred) yield* out.write('*\n'); starred = true; continue; }
    prev = key; starred = false;
    fmts.forEach((f, fi) => {
      let line = fi === 0 ? addr(skip + off) : ' '.repeat(addr(0).length);
      const padded = new Uint8Array(Math.ceil(row.length / f.size) * f.size);
      padded.set(row);
      for (let i = 0; i < row.length; i += f.size) line += cell(f, padded, i).padStart(per_byte * f.size);
      out_lines.push(line);
    });
    for (const l of out_lines.splice(0)) yield* out.write(l + '\n');
  }
  if (radix !== 'n') yield* out.write(addr(skip + data.length) + '\n');
  yield* out.flush();
  return status;
}
