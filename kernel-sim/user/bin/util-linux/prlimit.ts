// Models util-linux prlimit(1): a process's resource limits as a table (RESOURCE DESCRIPTION SOFT HARD UNITS), and setting them, on a pid or on a command it runs.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { usage_error } from '../../lib/stdio.ts';
import { strerror } from '../../lib/libc.ts';
import { execvp } from '../../lib/spawn.ts';
import { encode_rlimit, decode_rlimit } from '../../../include/uapi/abi.ts';

/** prlimit's resources in its output order: name, description, unit, RLIMIT number. */
const RESOURCES: [string, string, string, number][] = [
  ['AS', 'address space limit', 'bytes', 9], ['CORE', 'max core file size', 'bytes', 4], ['CPU', 'CPU time', 'seconds', 0],
  ['DATA', 'max data size', 'bytes', 2], ['FSIZE', 'max file size', 'bytes', 1], ['LOCKS', 'max number of file locks held', 'locks', 10],
  ['MEMLOCK', 'max locked-in-memory address space', 'bytes', 8], ['MSGQUEUE', 'max bytes in POSIX mqueues', 'bytes', 12],
  ['NICE', 'max nice prio allowed to raise', '', 13], ['NOFILE', 'max number of open files', 'files', 7],
  ['NPROC', 'max number of processes', 'processes', 6], ['RSS', 'max resident set size', 'bytes', 5],
  ['RTPRIO', 'max real-time priority', '', 14], ['RTTIME', 'timeout for real-time tasks', 'microsecs', 15],
  ['SIGPENDING', 'max number of pending signals', 'signals', 11], ['STACK', 'max stack size', 'bytes', 3],
];

/** prlimit64(2) on any pid (0: the caller): the old limit, after setting the new one if given. */
export function* prlimit64(c: Libc, pid: number, res: number, set?: [number, number]): KGen<{ cur: number; max: number } | number> {
  return yield* c.scratch(function* () {
    const old = c.alloc(16);
    const r = yield* c.syscall('prlimit64', pid, res, set ? c.put(encode_rlimit(set[0], set[1])) : 0, old);
    return r < 0 ? r : decode_rlimit(c.get(old, 16));
  });
}

const show = (v: number): string => (v === Infinity ? 'unlimited' : String(v));
const parse = (s: string): number | null => (s === 'unlimited' || s === 'infinity' ? Infinity : /^\d+$/.test(s) ? Number(s) : null);

export function* prlimit_main(c: Libc, argv: string[]): KGen<number> {
  const long: Record<string, string> = { 'pid=': 'p', noheadings: 'N', raw: 'R', 'output=': 'o' };
  // --nofile shows a limit, --nofile=soft:hard sets it: the attached values are taken out before getopt.
  for (const [name] of RESOURCES) long[name.toLowerCase()] = name;
  const vals = new Map<string, string>();
  const args = argv.filter((a, i) => {
    const m = /^--(\w+)=(.*)$/.exec(a);
    if (i > 0 && m && RESOURCES.some(([n]) => n.toLowerCase() === m[1])) { vals.set(m[1].toUpperCase(), m[2]); return false; }
    return true;
  });
  const p = getopt(args, { short: '+p:o:', long, permute: false });
  if (p.error) return yield* usage_error(c, 'prlimit', p.error);
  const pid = Number(optval(p, 'p') ?? 0);
  const picked = RESOURCES.filter(([n]) => has(p, n) || vals.has(n));
  for (const [n, , , res] of picked) {
    const v = vals.get(n);
    if (v === undefined) continue;
    const [s, h = s] = v.split(':');
    const old = yield* prlimit64(c, pid, res);
    if (typeof old === 'number') { yield* c.write(2, `prlimit: failed to get the ${n} resource limit: ${strerror(-old)}\n`); return 1; }
    const soft = s === '' ? old.cur : parse(s), hard = h === '' ? old.max : parse(h);
    if (soft === null || hard === null) return yield* usage_error(c, 'prlimit', `failed to parse ${n} limit`);
    const r = yield* prlimit64(c, pid, res, [soft, hard]);
    if (typeof r === 'number') { yield* c.write(2, `prlimit: failed to set the ${n} resource limit: ${strerror(-r)}\n`); return 1; }
  }
  if (p.args.length) {
    const e = yield* execvp(c, p.args);
    yield* c.write(2, `prlimit: failed to execute ${p.args[0]}: ${strerror(-e)}\n`);
    return 127;
  }
  if (picked.some(([n]) => vals.has(n))) return 0;
  const rows: string[][] = [];
  for (const [n, d, u, res] of picked.length ? picked : RESOURCES) {
    const l = yield* prlimit64(c, pid, res);
    if (typeof l === 'number') { yield* c.write(2, `prlimit: failed to get the ${n} resource limit: ${strerror(-l)}\n`); return 1; }
    rows.push([n, d, show(l.cur), show(l.max), u]);
  }
  const head = ['RESOURCE', 'DESCRIPTION', 'SOFT', 'HARD', 'UNITS'];
  const all = has(p, 'N') ? rows : [head, ...rows];
  if (has(p, 'R')) { yield* c.write(1, all.map((r) => r.join(' ')).join('\n') + '\n'); return 0; }
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const right = [false, false, true, true, false];
  const line = (r: string[]): string => r.map((v, i) => (i === r.length - 1 ? v : right[i] ? v.padStart(w[i]) : v.padEnd(w[i]))).join(' ').trimEnd();
  yield* c.write(1, all.map(line).join('\n') + '\n');
  return 0;
}
