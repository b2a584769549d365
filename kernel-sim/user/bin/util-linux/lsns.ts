// Models util-linux lsns(8): every namespace the processes in /proc are in, by nsfs inode: NS TYPE NPROCS PID USER COMMAND (the lowest pid stands for the namespace), with -t TYPE, -p PID, -n and -r.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { usage_error } from '../../lib/stdio.ts';
import { idcache } from '../../lib/unistd.ts';
import { list_pids } from '../procps/proc.ts';

const TYPES = ['mnt', 'net', 'pid', 'uts', 'ipc', 'user', 'cgroup', 'time'];

interface ns_row { ino: number; type: string; pids: number[] }

/** The command line of a process as lsns shows it (its comm when the command line is empty). */
function* command_of(c: Libc, pid: number): KGen<string> {
  const cmd = yield* c.read_text(`/proc/${pid}/cmdline`);
  if (typeof cmd === 'string' && cmd.length) return cmd.replace(/\0$/, '').split('\0').join(' ');
  const comm = yield* c.read_text(`/proc/${pid}/comm`);
  return typeof comm === 'string' ? comm.trim() : '';
}

export function* lsns_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 't:p:nrl', long: { 'type=': 't', 'task=': 'p', noheadings: 'n', raw: 'r', list: 'l' } });
  if (p.error) return yield* usage_error(c, 'lsns', p.error);
  const type = optval(p, 't');
  if (type && !TYPES.includes(type)) return yield* usage_error(c, 'lsns', `unknown namespace type: ${type}`);
  const pids = yield* list_pids(c);
  if (typeof pids === 'number') { yield* c.write(2, 'lsns: cannot read /proc\n'); return 1; }
  const rows = new Map<number, ns_row>();
  const only = optval(p, 'p');
  const wanted = new Set<number>();
  for (const pid of pids) {
    for (const t of type ? [type] : TYPES) {
      const l = yield* c.readlink(`/proc/${pid}/ns/${t}`);
      if (typeof l !== 'string') continue;
      const ino = Number(/\[(\d+)\]/.exec(l)?.[1]);
      const r = rows.get(ino) ?? { ino, type: t, pids: [] };
      r.pids.push(pid);
      rows.set(ino, r);
      if (only && Number(only) === pid) wanted.add(ino);
    }
  }
  const ids = new idcache(c);
  yield* ids.load();
  const table: string[][] = [];
  for (const r of [...rows.values()].sort((a, b) => a.ino - b.ino)) {
    if (only && !wanted.has(r.ino)) continue;
    const pid = Math.min(...r.pids);
    const st = yield* c.stat(`/proc/${pid}`);
    const user = typeof st === 'number' ? '?' : ids.user(st.uid);
    table.push([String(r.ino), r.type, String(r.pids.length), String(pid), user, yield* command_of(c, pid)]);
  }
  const head = ['NS', 'TYPE', 'NPROCS', 'PID', 'USER', 'COMMAND'];
  const all = has(p, 'n') ? table : [head, ...table];
  if (has(p, 'r')) { yield* c.write(1, all.map((r) => r.join(' ')).join('\n') + (all.length ? '\n' : '')); return 0; }
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const right = [true, false, true, true, false, false];
  const line = (r: string[]): string => r.map((v, i) => (i === r.length - 1 ? v : right[i] ? v.padStart(w[i]) : v.padEnd(w[i]))).join(' ').trimEnd();
  yield* c.write(1, all.map(line).join('\n') + (all.length ? '\n' : ''));
  return 0;
}
