// Models GNU coreutils date(1): the default "%a %b %e %H:%M:%S %Z %Y", +FORMAT, -u, -d @SECONDS, -R, -I, from clock_gettime(CLOCK_REALTIME).
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { usage_error, quote } from '../../lib/stdio.ts';
import { gmtime, strftime, timegm } from '../../lib/time.ts';

const CLOCK_REALTIME = 0;

export function* date_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'ud:RI::r:', long: { utc: 'u', universal: 'u', 'date=': 'd', 'rfc-email': 'R', 'iso-8601': 'I', 'reference=': 'r' } });
  if (p.error) return yield* usage_error(c, 'date', p.error);
  let ns = yield* c.clock_gettime(CLOCK_REALTIME);
  const d = optval(p, 'd');
  if (d !== undefined) {
    const m = /^@(-?\d+(?:\.\d+)?)$/.exec(d.trim());
    if (m) ns = Number(m[1]) * 1e9;
    else if (d.trim() === 'now' || d.trim() === '') { /* now */ }
    else {
      const iso = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?$/.exec(d.trim());
      if (!iso) { yield* c.write(2, `date: invalid date ${quote(d)}\n`); return 1; }
      const [, y, mo, da, h, mi, s] = iso;
      ns = timegm({ year: Number(y), mon: Number(mo) - 1, mday: Number(da), hour: Number(h ?? 0), min: Number(mi ?? 0), sec: Number(s ?? 0), wday: 0, yday: 0, nsec: 0 }) * 1e9;
    }
  }
  const r = optval(p, 'r');
  if (r !== undefined) {
    const st = yield* c.stat(r);
    if (typeof st === 'number') { yield* c.write(2, `date: ${r}: No such file or directory\n`); return 1; }
    ns = st.mtime_ns;
  }
  const sec = Math.floor(ns / 1e9);
  const t = gmtime(sec, Math.round(ns - sec * 1e9));
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  if (has(p, 'R')) fmt = '%a, %d %b %Y %H:%M:%S %z';
  if (has(p, 'I')) { const v = optval(p, 'I') || 'date'; fmt = v === 'date' ? '%F' : v === 'hours' ? '%FT%H+00:00' : v === 'minutes' ? '%FT%H:%M+00:00' : v === 'ns' ? '%FT%T,%N+00:00' : '%FT%T+00:00'; }
  const plus = p.args.find((a) => a.startsWith('+'));
  const other = p.args.find((a) => !a.startsWith('+'));
  if (other !== undefined) {
    yield* c.write(2, `date: cannot set date: Operation not permitted\n`);
    return 1;
  }
  if (plus) fmt = plus.slice(1);
  yield* c.write(1, strftime(fmt, t) + '\n');
  return 0;
}
