// Models GNU findutils xargs(1): items from stdin (quotes and backslashes, -0, -d), -n, -L, -I, -t, -r, -P 1; exit 123/124/125/126/127 as xargs reports.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { istream, usage_error } from '../../lib/stdio.ts';
import { spawn_wait } from '../../lib/spawn.ts';

function split_items(text: string): string[] | string {
  const items: string[] = [];
  let cur = '', started = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const e = text.indexOf(ch, i + 1);
      const nl = text.indexOf('\n', i + 1);
      if (e < 0 || (nl >= 0 && nl < e)) return `unmatched ${ch === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option`;
      cur += text.slice(i + 1, e); i = e; started = true; continue;
    }
    if (ch === '\\' && i + 1 < text.length) { cur += text[++i]; started = true; continue; }
    if (/\s/.test(ch)) { if (started) { items.push(cur); cur = ''; started = false; } continue; }
    cur += ch; started = true;
  }
  if (started) items.push(cur);
  return items;
}

export function* xargs_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: '0d:n:L:I:i::trxs:P:a:E:', long: { null: '0', 'delimiter=': 'd', 'max-args=': 'n', 'max-lines=': 'L', 'replace=': 'I', verbose: 't', 'no-run-if-empty': 'r', 'max-procs=': 'P', 'arg-file=': 'a' }, permute: false });
  if (p.error) return yield* usage_error(c, 'xargs', p.error);
  const cmd = p.args.length ? p.args : ['echo'];
  let fd = 0;
  const af = optval(p, 'a');
  if (af) { fd = yield* c.open(af, 0); if (fd < 0) { yield* c.write(2, `xargs: Cannot open input file '${af}': No such file or directory\n`); return 1; } }
  const text = new TextDecoder().decode(yield* new istream(c, fd).all());
  let items: string[];
  let lines: string[] | null = null;
  const d = optval(p, 'd');
  if (has(p, '0')) { items = text.split('\0'); if (items[items.length - 1] === '') items.pop(); }
  else if (d !== undefined) { const sep = d === '\\n' ? '\n' : d === '\\t' ? '\t' : d; items = text.split(sep); if (items[items.length - 1] === '' || (sep !== '\n' && items[items.length - 1] === '\n')) items.pop(); }
  else if (has(p, 'I') || has(p, 'i') || has(p, 'L')) {
    lines = text.split('\n').map((l) => l.replace(/^\s+/, '')).filter((l) => l !== '');
    items = lines;
  } else {
    const r = split_items(text);
    if (typeof r === 'string') { yield* c.write(2, `xargs: ${r}\n`); return 1; }
    items = r;
  }
  const eof = optval(p, 'E');
  if (eof !== undefined) { const k = items.indexOf(eof); if (k >= 0) items = items.slice(0, k); }
  const rep = optval(p, 'I') ?? (has(p, 'i') ? optval(p, 'i') || '{}' : undefined);
  const n = rep !== undefined ? 1 : optval(p, 'n') ? Number(optval(p, 'n')) : optval(p, 'L') ? Number(optval(p, 'L')) : Infinity;
  const batches: string[][] = [];
  if (rep !== undefined) for (const it of items) batches.push(cmd.map((a) => a.split(rep).join(it)));
  else if (has(p, 'L') && lines) {
    for (let i = 0; i < lines.length; i += n) batches.push([...cmd, ...lines.slice(i, i + n).flatMap((l) => { const r = split_items(l); return typeof r === 'string' ? [l] : r; })]);
  } else {
    for (let i = 0; i < items.length; i += n === Infinity ? Math.max(1, items.length) : n) batches.push([...cmd, ...items.slice(i, n === Infinity ? undefined : i + n)]);
  }
  if (!batches.length && !has(p, 'r') && rep === undefined) batches.push(cmd.slice());
  let status = 0;
  for (const b of batches) {
    if (has(p, 't')) yield* c.write(2, b.join(' ') + '\n');
    const r = yield* spawn_wait(c, b, 'xargs', function* (cc) {
      // The command's stdin is /dev/null, as xargs arranges.
      if (fd === 0) { const nul = yield* cc.open('/dev/null', 0); if (nul >= 0 && nul !== 0) { yield* cc.dup2(nul, 0); yield* cc.close(nul); } }
    });
    if (r === 127 || r === 126) return r;
    if (r === 255) { yield* c.write(2, `xargs: ${b[0]}: exited with status 255; aborting\n`); return 124; }
    if (r > 128) { yield* c.write(2, `xargs: ${b[0]}: terminated by signal ${r - 128}\n`); return 125; }
    if (r) status = 123;
  }
  return status;
}
