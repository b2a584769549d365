// Models procps-ng 4 free(1): Mem and Swap lines from /proc/meminfo (used = total - available), -b -k -m -g -h --si -w -t.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has } from '../../lib/getopt.ts';
import { ostream, usage_error } from '../../lib/stdio.ts';
import { free_human } from '../../lib/human.ts';
import { mem_summary_of, read_meminfo } from './proc.ts';

export function* free_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'bkmghwtlvs:c:', long: { bytes: 'b', kibi: 'k', mebi: 'm', gibi: 'g', human: 'h', wide: 'w', total: 't', si: 'S', kilo: 'K', mega: 'M', giga: 'G' } });
  if (p.error) return yield* usage_error(c, 'free', p.error);
  const m = yield* read_meminfo(c);
  let mi: Map<string, number>;
  if (!m) {
    // Without /proc, sysinfo(2) still knows the totals.
    const s = yield* c.sysinfo();
    if (typeof s === 'number') { yield* c.write(2, 'free: Unable to create meminfo structure\n'); return 1; }
    const k = (v: number): number => Math.floor((v * s.mem_unit) / 1024);
    mi = new Map([['MemTotal', k(s.totalram)], ['MemFree', k(s.freeram)], ['Shmem', k(s.sharedram)], ['Buffers', k(s.bufferram)], ['SwapTotal', k(s.totalswap)], ['SwapFree', k(s.freeswap)]]);
  } else mi = m;
  const si = has(p, 'S');
  const { total, free, used, shared, buffers, cache, available, swap_total: stotal, swap_free: sfree } = mem_summary_of(mi);
  let unit: (kb: number) => string = (kb) => String(kb);
  for (const [k] of p.opts) {
    const base = si ? 1000 : 1024;
    if (k === 'b') unit = (kb) => String(kb * 1024);
    if (k === 'k') unit = (kb) => String(kb);
    if (k === 'm' || k === 'M') unit = (kb) => String(Math.floor((kb * 1024) / base ** 2));
    if (k === 'g' || k === 'G') unit = (kb) => String(Math.floor((kb * 1024) / base ** 3));
    if (k === 'h') unit = (kb) => free_human(kb, si);
  }
  const wide = has(p, 'w');
  const out = new ostream(c);
  const row = (label: string, vals: number[]): string => `${label.padEnd(9)}${vals.map((v, i) => (i === 0 ? unit(v).padStart(11) : ' ' + unit(v).padStart(11))).join('')}\n`;
  yield* out.write(wide
    ? '               total        used        free      shared     buffers       cache   available\n'
    : '               total        used        free      shared  buff/cache   available\n');
  yield* out.write(row('Mem:', wide ? [total, used, free, shared, buffers, cache, available] : [total, used, free, shared, buffers + cache, available]));
  yield* out.write(row('Swap:', [stotal, stotal - sfree, sfree]));
  if (has(p, 't')) yield* out.write(row('Total:', [total + stotal, used + stotal - sfree, free + sfree]));
  yield* out.flush();
  return 0;
}
