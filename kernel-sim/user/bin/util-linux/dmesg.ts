// Models util-linux dmesg(1): the kernel ring buffer via syslog(2) SYSLOG_ACTION_READ_ALL, -r -l -f -k -u -x -t -c -C -n -s, and -w following /dev/kmsg.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { ostream, usage_error } from '../../lib/stdio.ts';
import { klogctl, SYSLOG_ACTION_READ_ALL, SYSLOG_ACTION_READ_CLEAR, SYSLOG_ACTION_CLEAR, SYSLOG_ACTION_CONSOLE_LEVEL, SYSLOG_ACTION_CONSOLE_OFF, SYSLOG_ACTION_CONSOLE_ON, SYSLOG_ACTION_SIZE_BUFFER } from '../../lib/unistd.ts';
import { O_RDONLY } from '../../../include/uapi/stat.ts';

export const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];
export const FACILITIES = ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'res0', 'res1', 'res2', 'res3', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'];

interface record { fac: number; level: number; usec: number; text: string; raw_prefix: string }

/** Splits syslog(2) text ("<6>[    0.000000] text" lines) into records. */
function parse_syslog(text: string): record[] {
  const out: record[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const m = /^<(\d+)>(?:\[\s*(\d+)\.(\d+)\] ?)?(.*)$/.exec(line);
    if (!m) { if (out.length) out[out.length - 1].text += '\n' + line; continue; }
    const pri = Number(m[1]);
    out.push({ fac: pri >> 3, level: pri & 7, usec: m[2] !== undefined ? Number(m[2]) * 1e6 + Number(m[3].padEnd(6, '0').slice(0, 6)) : -1, text: m[4], raw_prefix: `<${m[1]}>` });
  }
  return out;
}

/** /dev/kmsg's "prio,seq,usec,flags;text" (continuation lines start with a space). */
function parse_kmsg(line: string): record | null {
  const semi = line.indexOf(';');
  if (semi < 0) return null;
  const f = line.slice(0, semi).split(',');
  const pri = Number(f[0]);
  const text = line.slice(semi + 1).split('\n')[0].replace(/\\x([0-9a-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return { fac: pri >> 3, level: pri & 7, usec: Number(f[2]), text, raw_prefix: `<${pri}>` };
}

function parse_list(s: string, names: string[], what: string): Set<number> | string {
  const set = new Set<number>();
  for (const x of s.split(',')) {
    const i = /^\d+$/.test(x) ? Number(x) : names.indexOf(x.replace(/^\+|\+$/g, ''));
    if (i < 0 || i >= names.length) return `unknown ${what}: ${x}`;
    if (x.startsWith('+')) { for (let k = 0; k <= i; k++) set.add(k); } else if (x.endsWith('+')) { for (let k = i; k < names.length; k++) set.add(k); } else set.add(i);
  }
  return set;
}

function ts(usec: number): string {
  return `[${String(Math.floor(usec / 1e6)).padStart(5)}.${String(usec % 1e6).padStart(6, '0')}]`;
}

export function* dmesg_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, {
    short: 'CcDdEFf:hkl:n:rSs:TtuwWxL::H',
    long: { clear: 'C', 'read-clear': 'c', 'console-off': 'D', 'console-on': 'E', 'facility=': 'f', kernel: 'k', 'level=': 'l', 'console-level=': 'n', raw: 'r', 'buffer-size=': 's', notime: 't', userspace: 'u', follow: 'w', 'follow-new': 'W', decode: 'x', 'color=': 'L', color: 'L', 'time-format=': 'o', 'nopager': 'P', syslog: 'S' },
  });
  if (p.error) return yield* usage_error(c, 'dmesg', p.error);
  const fail = function* (what: string, r: number): KGen<number> { yield* c.write(2, `dmesg: ${what} failed: ${strerror(-r)}\n`); return 1; };
  if (has(p, 'C')) { const r = yield* klogctl(c, SYSLOG_ACTION_CLEAR); return typeof r === 'number' && r < 0 ? yield* fail('clear kernel buffer', r) : 0; }
  if (has(p, 'D')) { const r = yield* klogctl(c, SYSLOG_ACTION_CONSOLE_OFF); return typeof r === 'number' && r < 0 ? yield* fail('klogctl', r) : 0; }
  if (has(p, 'E')) { const r = yield* klogctl(c, SYSLOG_ACTION_CONSOLE_ON); return typeof r === 'number' && r < 0 ? yield* fail('klogctl', r) : 0; }
  const n = optval(p, 'n');
  if (n !== undefined) {
    const lv = /^\d+$/.test(n) ? Number(n) : LEVELS.indexOf(n) + 1;
    if (lv <= 0 || lv > 8) { yield* c.write(2, `dmesg: unknown level '${n}'\n`); return 1; }
    const r = yield* klogctl(c, SYSLOG_ACTION_CONSOLE_LEVEL, lv);
    return typeof r === 'number' && r < 0 ? yield* fail('klogctl', r) : 0;
  }
  let levels: Set<number> | null = null, facs: Set<number> | null = null;
  const l = optval(p, 'l');
  if (l !== undefined) { const r = parse_list(l, LEVELS, 'level'); if (typeof r === 'string') { yield* c.write(2, `dmesg: ${r}\n`); return 1; } levels = r; }
  const f = optval(p, 'f');
  if (f !== undefined) { const r = parse_list(f, FACILITIES, 'facility'); if (typeof r === 'string') { yield* c.write(2, `dmesg: ${r}\n`); return 1; } facs = r; }
  if (has(p, 'k')) facs = new Set([0]);
  if (has(p, 'u')) facs = new Set(FACILITIES.map((_, i) => i).filter((i) => i !== 0));
  const raw = has(p, 'r'), decode = has(p, 'x'), notime = has(p, 't');
  const out = new ostream(c);
  const show = function* (r: record): KGen<void> {
    if (levels && !levels.has(r.level)) return;
    if (facs && !facs.has(r.fac)) return;
    const lines = r.text.split('\n');
    for (const text of lines) {
      if (raw) { yield* out.write(`${r.raw_prefix}${r.usec >= 0 ? ts(r.usec) + ' ' : ''}${text}\n`); continue; }
      let s = '';
      if (decode) s += `${(FACILITIES[r.fac] ?? '').padEnd(6)}:${LEVELS[r.level].padEnd(6)}: `;
      if (!notime && r.usec >= 0) s += ts(r.usec) + ' ';
      yield* out.write(s + text + '\n');
    }
  };
  const follow = has(p, 'w') || has(p, 'W');
  if (follow) {
    const fd = yield* c.open('/dev/kmsg', O_RDONLY);
    if (fd < 0) { yield* c.write(2, `dmesg: cannot open /dev/kmsg: ${strerror(-fd)}\n`); return 1; }
    if (has(p, 'W')) yield* c.lseek(fd, 0, 2);
    for (;;) {
      const b = yield* c.read(fd, 8192);
      if (typeof b === 'number') { if (b === -32) continue; if (b === -4) continue; break; }
      if (!b.length) break;
      const r = parse_kmsg(new TextDecoder().decode(b));
      if (r) yield* show(r);
      if ((yield* out.flush()) < 0) break;
    }
    return 0;
  }
  const size = Number(optval(p, 's') ?? 0) || (yield* klogctl(c, SYSLOG_ACTION_SIZE_BUFFER)) as number;
  const text = yield* klogctl(c, has(p, 'c') ? SYSLOG_ACTION_READ_CLEAR : SYSLOG_ACTION_READ_ALL, size > 0 ? size : 1 << 17);
  if (typeof text === 'number') return yield* fail('read kernel buffer', text);
  for (const r of parse_syslog(text)) yield* show(r);
  yield* out.flush();
  return 0;
}
