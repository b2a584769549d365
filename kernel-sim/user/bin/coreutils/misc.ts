// Models small GNU coreutils programs: pwd, basename, dirname, readlink, sleep, yes, nproc, whoami, id (its full line as BusyBox prints it), hostname (net-tools), tty, sync, env, seq.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { ostream, usage_error, warn, quote, basename, dirname } from '../../lib/stdio.ts';
import { getuid, geteuid, getgid, getegid, getgroups, getpwent_all, getgrent_all, isatty } from '../../lib/unistd.ts';
import { S_ISLNK } from '../../../include/uapi/stat.ts';

export function* pwd_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'LP' });
  if (p.error) return yield* usage_error(c, 'pwd', p.error);
  const d = yield* c.getcwd();
  if (typeof d === 'number') { yield* warn(c, 'pwd', 'error retrieving current directory', d); return 1; }
  yield* c.write(1, d + '\n');
  return 0;
}

export function* basename_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'as:z', long: { multiple: 'a', 'suffix=': 's', zero: 'z' } });
  if (p.error) return yield* usage_error(c, 'basename', p.error);
  if (!p.args.length) return yield* usage_error(c, 'basename', 'missing operand');
  const suffix = optval(p, 's');
  const multiple = has(p, 'a') || suffix !== undefined;
  if (!multiple && p.args.length > 2) return yield* usage_error(c, 'basename', `extra operand ${quote(p.args[2])}`);
  const names = multiple ? p.args : [p.args[0]];
  const suf = multiple ? suffix : p.args[1];
  let out = '';
  for (const n of names) {
    let b = basename(n);
    if (suf && b !== suf && b.endsWith(suf)) b = b.slice(0, -suf.length);
    out += b + (has(p, 'z') ? '\0' : '\n');
  }
  yield* c.write(1, out);
  return 0;
}

export function* dirname_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'z', long: { zero: 'z' } });
  if (p.error) return yield* usage_error(c, 'dirname', p.error);
  if (!p.args.length) return yield* usage_error(c, 'dirname', 'missing operand');
  yield* c.write(1, p.args.map((a) => dirname(a) + (has(p, 'z') ? '\0' : '\n')).join(''));
  return 0;
}

/** Canonicalizes a path by resolving each symlink (readlink -f / realpath). */
export function* canonicalize(c: Libc, path: string, must_exist: 'all' | 'parent' | 'none'): KGen<string | number> {
  let cwd = '';
  if (!path.startsWith('/')) { const d = yield* c.getcwd(); if (typeof d === 'number') return d; cwd = d; }
  const todo = (cwd + '/' + path).split('/').filter(Boolean);
  const done: string[] = [];
  let links = 0;
  while (todo.length) {
    const comp = todo.shift()!;
    if (comp === '.') continue;
    if (comp === '..') { done.pop(); continue; }
    const p = '/' + [...done, comp].join('/');
    const st = yield* c.stat(p, false);
    if (typeof st === 'number') {
      if (must_exist === 'all' || (must_exist === 'parent' && todo.length)) return st;
      done.push(comp);
      continue;
    }
    if (S_ISLNK(st.mode)) {
      if (++links > 40) return -40;
      const t = yield* c.readlink(p);
      if (typeof t === 'number') return t;
      if (t.startsWith('/')) done.length = 0;
      todo.unshift(...t.split('/').filter(Boolean));
      continue;
    }
    done.push(comp);
  }
  return '/' + done.join('/');
}

export function* readlink_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'fenqsvz', long: { canonicalize: 'f', 'canonicalize-existing': 'e', 'no-newline': 'n' } });
  if (p.error) return yield* usage_error(c, 'readlink', p.error);
  if (!p.args.length) return yield* usage_error(c, 'readlink', 'missing operand');
  let status = 0;
  const nl = has(p, 'n') && p.args.length === 1 ? '' : '\n';
  for (const a of p.args) {
    let r: string | number;
    if (has(p, 'f') || has(p, 'e') || has(p, 'm')) r = yield* canonicalize(c, a, has(p, 'e') ? 'all' : 'parent');
    else r = yield* c.readlink(a);
    if (typeof r === 'number') { if (has(p, 'v')) yield* warn(c, 'readlink', a, r); status = 1; continue; }
    yield* c.write(1, r + nl);
  }
  return status;
}

/** Parses sleep's NUMBER[SUFFIX] (fractional seconds allowed). */
export function parse_duration(s: string): number | null {
  const m = /^(\d*\.?\d*(?:[eE][-+]?\d+)?)([smhd]?)$/.exec(s);
  if (!m || m[1] === '' || m[1] === '.') return null;
  const v = Number(m[1]);
  if (!Number.isFinite(v)) return s.startsWith('inf') ? Infinity : null;
  return v * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]];
}

export function* sleep_main(c: Libc, argv: string[]): KGen<number> {
  const args = argv.slice(1).filter((a) => a !== '--');
  if (!args.length) return yield* usage_error(c, 'sleep', 'missing operand');
  let total = 0;
  for (const a of args) {
    const v = a === 'inf' || a === 'infinity' ? Infinity : parse_duration(a);
    if (v === null) return yield* usage_error(c, 'sleep', `invalid time interval ${quote(a)}`);
    total += v;
  }
  let ns = total === Infinity ? Number.MAX_SAFE_INTEGER : Math.round(total * 1e9);
  while (ns > 0) {
    const chunk = Math.min(ns, 1e9 * 86400 * 365);
    const r = yield* c.nanosleep(chunk);
    if (r < 0) return 1;
    ns -= chunk;
  }
  return 0;
}

/** GNU yes: fills one buffer (BUFSIZ) with copies of the line once, then writes that buffer for ever (full_write). */
export function* yes_main(c: Libc, argv: string[]): KGen<number> {
  const line = (argv.length > 1 ? argv.slice(1).join(' ') : 'y') + '\n';
  const block = new TextEncoder().encode(line.repeat(Math.max(1, Math.floor(8192 / line.length))));
  const buf = c.put(block);
  for (;;) {
    for (let off = 0; off < block.length;) {
      const r = yield* c.syscall('write', 1, buf + off, block.length - off);
      if (r < 0) { yield* warn(c, 'yes', 'standard output', r); return 1; }
      off += r;
    }
  }
}

export function* nproc_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: '', long: { all: 'a', 'ignore=': 'i' } });
  if (p.error) return yield* usage_error(c, 'nproc', p.error);
  // sched_getaffinity is not there: count the CPUs /sys or /proc list.
  let n = 0;
  const online = yield* c.read_text('/sys/devices/system/cpu/online');
  if (typeof online === 'string' && online.trim()) {
    for (const r of online.trim().split(',')) { const [a, b] = r.split('-').map(Number); n += b === undefined ? 1 : b - a + 1; }
  } else {
    const ci = yield* c.read_text('/proc/cpuinfo');
    if (typeof ci === 'string') n = (ci.match(/^processor\s*:/gm) ?? []).length;
  }
  if (!n) n = 1;
  const ign = Number(optval(p, 'i') ?? 0);
  yield* c.write(1, `${Math.max(1, n - ign)}\n`);
  return 0;
}

export function* whoami_main(c: Libc, argv: string[]): KGen<number> {
  if (argv.length > 1) return yield* usage_error(c, 'whoami', `extra operand ${quote(argv[1])}`);
  const uid = yield* geteuid(c);
  const pw = (yield* getpwent_all(c)).find((x) => x.uid === uid);
  if (!pw) { yield* c.write(2, `whoami: cannot find name for user ID ${uid}\n`); return 1; }
  yield* c.write(1, pw.name + '\n');
  return 0;
}

export function* id_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'ugGnr', long: { user: 'u', group: 'g', groups: 'G', name: 'n', real: 'r' } });
  if (p.error) return yield* usage_error(c, 'id', p.error);
  const users = yield* getpwent_all(c);
  const groups = yield* getgrent_all(c);
  let uid = yield* getuid(c), euid = yield* geteuid(c), gid = yield* getgid(c), egid = yield* getegid(c);
  let sup = yield* getgroups(c);
  if (p.args.length) {
    const u = users.find((x) => x.name === p.args[0] || String(x.uid) === p.args[0]);
    if (!u) { yield* c.write(2, `id: ${quote(p.args[0])}: no such user\n`); return 1; }
    uid = euid = u.uid; gid = egid = u.gid;
    sup = [u.gid, ...groups.filter((g) => g.members.includes(u.name)).map((g) => g.gid)];
  }
  const uname = (n: number): string => users.find((x) => x.uid === n)?.name ?? String(n);
  const gname = (n: number): string => groups.find((x) => x.gid === n)?.name ?? String(n);
  const name = has(p, 'n');
  if (has(p, 'u')) { const v = has(p, 'r') ? uid : euid; yield* c.write(1, (name ? uname(v) : String(v)) + '\n'); return 0; }
  if (has(p, 'g')) { const v = has(p, 'r') ? gid : egid; yield* c.write(1, (name ? gname(v) : String(v)) + '\n'); return 0; }
  const all = [egid, ...sup.filter((g) => g !== egid)];
  if (has(p, 'G')) { yield* c.write(1, all.map((g) => (name ? gname(g) : String(g))).join(' ') + '\n'); return 0; }
  const fmt = (n: number, nm: string): string => `${n}(${nm})`;
  let s = `uid=${fmt(uid, uname(uid))} gid=${fmt(gid, gname(gid))}`;
  if (euid !== uid) s += ` euid=${fmt(euid, uname(euid))}`;
  if (egid !== gid) s += ` egid=${fmt(egid, gname(egid))}`;
  // BusyBox's id (the reference machine's): the groups are getgroups()'s list (getgrouplist()'s, primary first, for a
  // named user) as it is, and no "groups=" at all when it is empty, as it is for init's children (no setgroups).
  if (sup.length) s += ` groups=${sup.map((g) => fmt(g, gname(g))).join(',')}`;
  yield* c.write(1, s + '\n');
  return 0;
}

export function* hostname_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'sfF:', long: { short: 's', fqdn: 'f', 'file=': 'F' } });
  if (p.error) return yield* usage_error(c, 'hostname', p.error);
  let set: string | undefined = p.args[0];
  const file = optval(p, 'F');
  if (file) { const t = yield* c.read_text(file); if (typeof t === 'number') { yield* warn(c, 'hostname', file, t); return 1; } set = t.split('\n').find((l) => l.trim() && !l.startsWith('#'))?.trim(); }
  if (set !== undefined) {
    const r = yield* c.sethostname(set);
    if (r === -1) { yield* c.write(2, 'hostname: you must be root to change the host name\n'); return 1; }
    if (r < 0) { yield* c.write(2, `hostname: ${strerror(-r)}\n`); return 1; }
    return 0;
  }
  const u = yield* c.uname();
  if (typeof u === 'number') return 1;
  yield* c.write(1, (has(p, 's') ? u.nodename.split('.')[0] : u.nodename) + '\n');
  return 0;
}

export function* tty_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 's', long: { silent: 's', quiet: 's' } });
  if (p.error) return yield* usage_error(c, 'tty', p.error, 2);
  if (!(yield* isatty(c, 0))) { if (!has(p, 's')) yield* c.write(1, 'not a tty\n'); return 1; }
  const name = yield* c.readlink('/proc/self/fd/0');
  if (has(p, 's')) return 0;
  if (typeof name === 'string') { yield* c.write(1, name + '\n'); return 0; }
  // Without /proc: find the terminal by its device number.
  const st = yield* c.fstat(0);
  if (typeof st !== 'number') {
    for (const dir of ['/dev', '/dev/pts']) {
      const ents = yield* c.readdir(dir);
      if (typeof ents === 'number') continue;
      for (const e of ents) {
        const s = yield* c.stat(`${dir}/${e.name}`, false);
        if (typeof s !== 'number' && s.rdev === st.rdev && (s.mode & 0o170000) === (st.mode & 0o170000) && e.name !== 'console' && e.name !== 'tty') { yield* c.write(1, `${dir}/${e.name}\n`); return 0; }
      }
    }
  }
  yield* c.write(1, '/dev/console\n');
  return 0;
}

export function* sync_main(c: Libc): KGen<number> {
  yield* c.syscall('sync');
  return 0;
}

export function* env_main(c: Libc, argv: string[], envp: string[]): KGen<number> {
  const env = new Map(envp.map((e) => { const i = e.indexOf('='); return [e.slice(0, i), e.slice(i + 1)] as [string, string]; }));
  let i = 1;
  let nul = false;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-i' || a === '-' || a === '--ignore-environment') { env.clear(); continue; }
    if (a === '-0' || a === '--null') { nul = true; continue; }
    if (a === '-u' || a === '--unset') { env.delete(argv[++i] ?? ''); continue; }
    if (a.startsWith('-u')) { env.delete(a.slice(2)); continue; }
    if (a === '--') { i++; break; }
    if (a.startsWith('-') && a.length > 1) return yield* usage_error(c, 'env', `invalid option -- '${a[1]}'`, 125);
    break;
  }
  for (; i < argv.length && argv[i].includes('='); i++) { const a = argv[i]; const k = a.indexOf('='); env.set(a.slice(0, k), a.slice(k + 1)); }
  const list = [...env].map(([k, v]) => `${k}=${v}`);
  if (i >= argv.length) {
    yield* c.write(1, list.map((e) => e + (nul ? '\0' : '\n')).join(''));
    return 0;
  }
  const cmd = argv[i];
  const path = cmd.includes('/') ? [cmd] : (env.get('PATH') ?? '/usr/bin:/bin').split(':').map((d) => `${d || '.'}/${cmd}`);
  let err = -2;
  for (const p of path) { const r = yield* c.execve(p, argv.slice(i), list); if (r !== -2) err = r; }
  yield* warn(c, 'env', quote(cmd), err);
  return err === -2 ? 127 : 126;
}

export function* seq_main(c: Libc, argv: string[]): KGen<number> {
  let sep = '\n', fmt: string | undefined, equal = false;
  const nums: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-s') { sep = argv[++i] ?? ''; continue; }
    if (a.startsWith('-s') && !/^-\d/.test(a)) { sep = a.slice(2); continue; }
    if (a === '-f') { fmt = argv[++i]; continue; }
    if (a === '-w') { equal = true; continue; }
    if (a.startsWith('-') && a.length > 1 && !/^-[\d.]/.test(a)) return yield* usage_error(c, 'seq', `invalid option -- '${a[1]}'`);
    nums.push(a);
  }
  if (!nums.length) return yield* usage_error(c, 'seq', 'missing operand');
  if (nums.length > 3) return yield* usage_error(c, 'seq', `extra operand ${quote(nums[3])}`);
  for (const n of nums) if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(n)) return yield* usage_error(c, 'seq', `invalid floating point argument: ${quote(n)}`);
  const [first, incr, last] = nums.length === 1 ? ['1', '1', nums[0]] : nums.length === 2 ? [nums[0], '1', nums[1]] : nums;
  const dec = (s: string): number => (s.includes('.') && !/[eE]/.test(s) ? s.split('.')[1].length : 0);
  const prec = Math.max(dec(first), dec(incr));
  const a = Number(first), d = Number(incr), b = Number(last);
  if (d === 0) { yield* c.write(2, `seq: invalid Zero increment value: ${quote(incr)}\nTry 'seq --help' for more information.\n`); return 1; }
  const width = equal ? Math.max(a.toFixed(prec).length, b.toFixed(prec).length) : 0;
  const out = new ostream(c);
  let first_out = true;
  for (let k = 0; ; k++) {
    const v = a + k * d;
    if (d > 0 ? v > b + 1e-12 : v < b - 1e-12) break;
    let s = fmt ? fmt.replace(/%(-?\d*(?:\.\d+)?)([gfe])/, (_m, w: string, ch: string) => { const pr = /\.(\d+)/.exec(w); const r = ch === 'f' ? v.toFixed(pr ? Number(pr[1]) : 6) : String(v); return r.padStart(Number(w.split('.')[0]) || 0); }) : v.toFixed(prec);
    if (equal && !fmt) s = s.startsWith('-') ? '-' + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0');
    yield* out.write((first_out ? '' : sep) + s);
    first_out = false;
    if (out.err) return 1;
  }
  if (!first_out) yield* out.write('\n');
  yield* out.flush();
  return 0;
}
