// Models util-linux rtcwake(8): set the RTC's wake alarm (-s seconds from now, -t an epoch time) through /sys/class/rtc/rtcN/wakealarm, then suspend (-m mem|freeze|disk), or only set it (-m no), show it (-m show) or clear it (-m disable).
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { usage_error } from '../../lib/stdio.ts';
import { gmtime, strftime } from '../../lib/time.ts';
import { O_TRUNC, O_WRONLY } from '../../../include/uapi/stat.ts';

const SYS_POWER_STATE = '/sys/power/state';
const suspend_modes = ['mem', 'freeze', 'disk', 'standby'];
const ctime = (t: number): string => strftime('%a %b %e %H:%M:%S %Y', gmtime(t));

function* write_str(c: Libc, path: string, s: string): KGen<number> {
  const fd = yield* c.open(path, O_WRONLY | O_TRUNC);
  if (fd < 0) return fd;
  const r = yield* c.write(fd, s);
  yield* c.close(fd);
  return r < 0 ? r : 0;
}

export function* rtcwake_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, {
    short: 'd:m:s:t:nuvlA:',
    long: { 'device=': 'd', 'mode=': 'm', 'seconds=': 's', 'time=': 't', dry_run: 'n', 'dry-run': 'n', utc: 'u', local: 'l', verbose: 'v', 'adjfile=': 'A' },
  });
  if (p.error) return yield* usage_error(c, 'rtcwake', p.error);
  const err = function* (msg: string): KGen<number> { yield* c.write(2, `rtcwake: ${msg}\n`); return 1; };
  const dev = (optval(p, 'd') ?? 'rtc0').replace(/^\/dev\//, '');
  const mode = optval(p, 'm') ?? 'standby';
  const sys = `/sys/class/rtc/${dev}`;
  const wakealarm = `${sys}/wakealarm`;
  if (![...suspend_modes, 'no', 'on', 'off', 'disable', 'show'].includes(mode)) return yield* err(`unrecognized suspend state '${mode}'`);
  const since = yield* c.read_text(`${sys}/since_epoch`);
  if (typeof since === 'number') return yield* err(`/dev/${dev}: unable to find device: ${strerror(-since)}`);
  const now = Number(since.trim());
  if (mode === 'show') {
    const a = yield* c.read_text(wakealarm);
    const t = typeof a === 'string' ? a.trim() : '';
    yield* c.write(1, t ? `alarm: on  ${ctime(Number(t))}\n` : 'alarm: off\n');
    return 0;
  }
  if (mode === 'disable') return (yield* write_str(c, wakealarm, '0')) ? 1 : 0;
  const secs = optval(p, 's');
  const at = optval(p, 't');
  if (secs === undefined && at === undefined) return yield* err('must provide wake time (see --seconds, --time and --date options)');
  const alarm = at !== undefined ? Number(at) : now + Number(secs);
  if (!Number.isFinite(alarm) || alarm <= now) return yield* err('time doesn\'t go backward');
  const states = yield* c.read_text(SYS_POWER_STATE);
  if (suspend_modes.includes(mode) && (typeof states === 'number' || !states.split(/\s+/).includes(mode))) {
    return yield* err(`suspend to "${mode}" unavailable`);
  }
  yield* c.write(1, 'rtcwake: assuming RTC uses UTC ...\n'); // no /etc/adjtime
  yield* c.write(1, `rtcwake: wakeup ${suspend_modes.includes(mode) ? `from "${mode}" ` : ''}using /dev/${dev} at ${ctime(alarm)}\n`);
  if (has(p, 'n')) return 0;
  // RTC_WKALM_SET replaces an armed alarm: clear it first, as the sysfs file refuses to clobber one.
  let r = yield* write_str(c, wakealarm, '0');
  if (!r) r = yield* write_str(c, wakealarm, String(alarm));
  if (r) return yield* err(`set rtc wake alarm failed: ${strerror(-r)}`);
  if (!suspend_modes.includes(mode)) return 0;
  r = yield* write_str(c, SYS_POWER_STATE, mode);
  yield* write_str(c, wakealarm, '0'); // RTC_AIE_OFF after resume
  if (r) return yield* err(`write error: ${strerror(-r)}`);
  return 0;
}
