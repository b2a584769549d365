// Models procps-ng uptime(1) (sprint_uptime): " 00:00:05 up 0 min,  0 users,  load average: 0.00, 0.00, 0.00", -p and -s.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has } from '../../lib/getopt.ts';
import { usage_error } from '../../lib/stdio.ts';
import { gmtime, strftime } from '../../lib/time.ts';
import { read_uptime, read_loadavg } from './proc.ts';

/** Users logged in: utmp entries of USER_PROCESS type (the workbench keeps no utmp, so none unless /var/run/utmp says so). */
function* count_users(c: Libc): KGen<number> {
  const b = yield* c.read_file('/var/run/utmp');
  if (typeof b === 'number') return 0;
  let n = 0;
  for (let off = 0; off + 384 <= b.length; off += 384) if ((b[off] | (b[off + 1] << 8)) === 7) n++;
  return n;
}

/** sprint_uptime: " 00:00:05 up 0 min,  0 users,  load average: 0.00, 0.00, 0.00" (no newline), as uptime and top's first line print it. */
export function* sprint_uptime(c: Libc, now: number, up: number): KGen<string> {
  const secs = Math.floor(up);
  const days = Math.floor(secs / 86400), hours = Math.floor((secs % 86400) / 3600), mins = Math.floor((secs % 3600) / 60);
  let s = ` ${strftime('%H:%M:%S', gmtime(Math.floor(now)))} up `;
  if (days) s += `${days} day${days === 1 ? '' : 's'}, `;
  if (hours) s += `${String(hours).padStart(2)}:${String(mins).padStart(2, '0')}, `;
  else s += `${mins} min, `;
  const users = yield* count_users(c);
  s += `${String(users).padStart(2)} user${users === 1 ? '' : 's'}, `;
  const [a, b, l] = yield* read_loadavg(c);
  return `${s} load average: ${a.toFixed(2)}, ${b.toFixed(2)}, ${l.toFixed(2)}`;
}

export function* uptime_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'psV', long: { pretty: 'p', since: 's' } });
  if (p.error) return yield* usage_error(c, 'uptime', p.error);
  const up = yield* read_uptime(c);
  const now = (yield* c.clock_gettime(0)) / 1e9;
  if (has(p, 's')) { yield* c.write(1, strftime('%Y-%m-%d %H:%M:%S', gmtime(Math.floor(now - up))) + '\n'); return 0; }
  const secs = Math.floor(up);
  const days = Math.floor(secs / 86400), hours = Math.floor((secs % 86400) / 3600), mins = Math.floor((secs % 3600) / 60);
  if (has(p, 'p')) {
    const parts: string[] = [];
    const years = Math.floor(days / 365), weeks = Math.floor((days % 365) / 7), d = (days % 365) % 7;
    const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
    if (years) parts.push(plural(years, 'year'));
    if (weeks) parts.push(plural(weeks, 'week'));
    if (d) parts.push(plural(d, 'day'));
    if (hours) parts.push(plural(hours, 'hour'));
    if (mins || !parts.length) parts.push(plural(mins, 'minute'));
    yield* c.write(1, `up ${parts.join(', ')}\n`);
    return 0;
  }
  yield* c.write(1, (yield* sprint_uptime(c, now, up)) + '\n');
  return 0;
}
