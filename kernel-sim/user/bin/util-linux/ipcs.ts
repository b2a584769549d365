// Models ipcs(1) and ipcrm(1) as busybox prints them and util-linux ipcmk(1): System V IPC objects of the caller's IPC namespace, from /proc/sysvipc and the msg/sem/shm system calls.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { usage_error } from '../../lib/stdio.ts';
import { idcache } from '../../lib/unistd.ts';

const IPC_CREAT = 0o1000, IPC_RMID = 0, EACCES = 13, EPERM = 1, EIDRM = 43;

/** The columns of one /proc/sysvipc file, by header name. */
function* sysvipc(c: Libc, kind: 'msg' | 'sem' | 'shm'): KGen<Record<string, number>[]> {
  const t = yield* c.read_text(`/proc/sysvipc/${kind}`);
  if (typeof t !== 'string') return [];
  const [head, ...rows] = t.split('\n').filter((l) => l.trim());
  const names = head.trim().split(/\s+/);
  return rows.map((r) => {
    const v = r.trim().split(/\s+/);
    return Object.fromEntries(names.map((n, i) => [n, n === 'perms' ? parseInt(v[i], 8) : Number(v[i])]));
  });
}

const hex_key = (k: number): string => `0x${(k >>> 0).toString(16).padStart(8, '0')}`;
const l = (s: string | number, w: number): string => String(s).padEnd(w);

/** busybox ipcs: each kind's standard table, messages, shared memory, then semaphores. */
export function* ipcs_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'qmsa' });
  if (p.error) return yield* usage_error(c, 'ipcs', p.error);
  const any = has(p, 'q') || has(p, 'm') || has(p, 's');
  const want = (ch: string): boolean => !any || has(p, ch) || has(p, 'a');
  const ids = new idcache(c);
  yield* ids.load();
  let out = '\n';
  if (want('q')) {
    out += `------ Message Queues --------\n${l('key', 10)} ${l('msqid', 10)} ${l('owner', 10)} ${l('perms', 10)} ${l('used-bytes', 12)} ${l('messages', 12)}\n`;
    for (const r of yield* sysvipc(c, 'msg')) {
      out += `${hex_key(r.key)} ${l(r.msqid, 10)} ${l(ids.user(r.uid).slice(0, 10), 10)} ${l((r.perms & 0o777).toString(8), 10)} ${l(r.cbytes, 12)} ${l(r.qnum, 12)}\n`;
    }
    out += '\n';
  }
  if (want('m')) {
    out += `------ Shared Memory Segments --------\n${l('key', 10)} ${l('shmid', 10)} ${l('owner', 10)} ${l('perms', 10)} ${l('bytes', 10)} ${l('nattch', 10)} ${l('status', 10)}\n`;
    for (const r of yield* sysvipc(c, 'shm')) {
      out += `${hex_key(r.key)} ${l(r.shmid, 10)} ${l(ids.user(r.uid).slice(0, 10), 10)} ${l((r.perms & 0o777).toString(8), 10)} ${l(r.size, 10)} ${l(r.nattch, 10)} ` +
        `${l(r.perms & 0o1000 ? 'dest' : ' ', 6)} ${l(r.perms & 0o2000 ? 'locked' : ' ', 6)}\n`;
    }
    out += '\n';
  }
  if (want('s')) {
    out += `------ Semaphore Arrays --------\n${l('key', 10)} ${l('semid', 10)} ${l('owner', 10)} ${l('perms', 10)} ${l('nsems', 10)}\n`;
    for (const r of yield* sysvipc(c, 'sem')) {
      out += `${hex_key(r.key)} ${l(r.semid, 10)} ${l(ids.user(r.uid).slice(0, 9), 9)} ${l((r.perms & 0o777).toString(8), 10)} ${l(r.nsems, 10)}\n`;
    }
    out += '\n';
  }
  yield* c.write(1, out);
  return 0;
}

/** A random key for ipcmk (util-linux takes random()). */
function* random_key(c: Libc): KGen<number> {
  const p = c.alloc(4);
  yield* c.syscall('getrandom', p, 4, 0);
  return new DataView(c.get(p, 4).buffer.slice(0)).getInt32(0, true) & 0x7fffffff;
}

/** util-linux ipcmk: -Q a message queue, -M SIZE a segment, -S N a semaphore array, with -p MODE (default 0644). */
export function* ipcmk_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'QM:S:p:', long: { queue: 'Q', 'shmem=': 'M', 'semaphore=': 'S', 'mode=': 'p' } });
  if (p.error) return yield* usage_error(c, 'ipcmk', p.error);
  const mode = parseInt(optval(p, 'p') ?? '644', 8);
  if (!Number.isInteger(mode)) return yield* usage_error(c, 'ipcmk', `failed to parse mode: '${optval(p, 'p')}'`);
  const size = optval(p, 'M'), nsems = optval(p, 'S');
  if (!has(p, 'Q') && size === undefined && nsems === undefined) return yield* usage_error(c, 'ipcmk', 'bad usage');
  let out = '';
  const made = function* (what: string, r: number): KGen<boolean> {
    if (r < 0) { yield* c.perror('ipcmk', `create ${what} failed`, -r); return false; }
    out += `${what[0].toUpperCase()}${what.slice(1)} id: ${r}\n`;
    return true;
  };
  if (size !== undefined && !(yield* made('shared memory', yield* c.syscall('shmget', yield* random_key(c), Number(size), IPC_CREAT | mode)))) return 1;
  if (has(p, 'Q') && !(yield* made('message queue', yield* c.syscall('msgget', yield* random_key(c), IPC_CREAT | mode)))) return 1;
  if (nsems !== undefined && !(yield* made('semaphore', yield* c.syscall('semget', yield* random_key(c), Number(nsems), IPC_CREAT | mode)))) return 1;
  yield* c.write(1, out);
  return 0;
}

/** busybox ipcrm: -q/-m/-s ID and -Q/-M/-S KEY remove the object; each failure is reported and counted. */
export function* ipcrm_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'q:m:s:Q:M:S:', permute: false });
  if (p.error) return yield* usage_error(c, 'ipcrm', p.error);
  let errors = 0;
  for (const [opt, arg] of p.opts) {
    const kind = opt.toLowerCase() as 'q' | 'm' | 's';
    const iskey = opt !== kind;
    const n = Number(arg);
    let id = n;
    let r = Number.isInteger(n) ? 0 : -22;
    if (!r && iskey) {
      id = kind === 'q' ? yield* c.syscall('msgget', n, 0) : kind === 'm' ? yield* c.syscall('shmget', n, 0, 0) : yield* c.syscall('semget', n, 0, 0);
      if (id < 0) r = id;
    }
    if (!r) r = kind === 'q' ? yield* c.syscall('msgctl', id, IPC_RMID, 0) : kind === 'm' ? yield* c.syscall('shmctl', id, IPC_RMID, 0) : yield* c.syscall('semctl', id, 0, IPC_RMID, 0);
    if (r < 0) {
      const what = iskey ? 'key' : 'id';
      const msg = -r === EACCES || -r === EPERM ? 'permission denied for' : -r === EIDRM ? 'already removed' : 'invalid';
      yield* c.write(2, `ipcrm: ${msg} ${what} (${arg})\n`);
      errors++;
    }
  }
  return errors ? 1 : 0;
}
