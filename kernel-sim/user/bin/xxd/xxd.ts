// Models xxd(1) from vim: "00000000: 6865 6c6c 6f0a  hello." lines, -c -g -l -s -p -u -i.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { ostream, usage_error } from '../../lib/stdio.ts';
import { read_inputs } from '../util-linux/hexdump.ts';

export function* xxd_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'c:g:l:s:puiEr', long: {} });
  if (p.error) { yield* c.write(2, `xxd: ${p.error}\n`); return 1; }
  if (has(p, 'r')) return yield* usage_error(c, 'xxd', '-r is not supported', 1);
  const plain = has(p, 'p');
  const cols = Number(optval(p, 'c') ?? (plain ? 30 : has(p, 'i') ? 12 : 16));
  const group = Number(optval(p, 'g') ?? 2);
  const skip = Number(optval(p, 's') ?? 0);
  const len = optval(p, 'l') !== undefined ? Number(optval(p, 'l')) : Infinity;
  const files = p.args.slice(0, 1);
  const { data, status } = yield* read_inputs(c, 'xxd', files, skip, len);
  if (status) return 2;
  const out = new ostream(c);
  const hx = (b: number): string => { const s = b.toString(16).padStart(2, '0'); return has(p, 'u') ? s.toUpperCase() : s; };
  if (plain) {
    for (let off = 0; off < data.length; off += cols) yield* out.write(Array.from(data.subarray(off, off + cols), hx).join('') + '\n');
  } else if (has(p, 'i')) {
    const name = (files[0] ?? '').replace(/[^A-Za-z0-9]/g, '_');
    if (files[0]) yield* out.write(`unsigned char ${name}[] = {\n`);
    const lines: string[] = [];
    for (let off = 0; off < data.length; off += cols) lines.push('  ' + Array.from(data.subarray(off, off + cols), (b) => `0x${hx(b)}`).join(', '));
    yield* out.write(lines.join(',\n') + (lines.length ? '\n' : ''));
    if (files[0]) yield* out.write(`};\nunsigned int ${name}_len = ${data.length};\n`);
  } else {
    const width = cols * 2 + (group > 0 ? Math.ceil(cols / group) - 1 : 0);
    for (let off = 0; off < data.length; off += cols) {
      const row = data.subarray(off, off + cols);
      let hex = '';
      for (let i = 0; i < row.length; i++) { if (group > 0 && i > 0 && i % group === 0) hex += ' '; hex += hx(row[i]); }
      const ascii = Array.from(row, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
      yield* out.write(`${(skip + off).toString(16).padStart(8, '0')}: ${hex.padEnd(width)}  ${ascii}\n`);
    }
  }
  yield* out.flush();
  return 0;
}
