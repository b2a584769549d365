// Models awk's I/O streams: print's `> file`, `>> file` and `| command`, getline's `< file` and `command |`, close(), fflush() and system(), over the guest's system calls.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { istream, ostream } from '../../lib/stdio.ts';
import { execvp } from '../../lib/spawn.ts';
import { O_WRONLY, O_CREAT, O_TRUNC, O_APPEND, O_RDONLY } from '../../../include/uapi/stat.ts';

interface out_stream { out: ostream; fd: number; pid: number }
interface in_stream { in: istream; fd: number; pid: number; text?: string[] }

/** Runs `sh -c cmd` with one end of a pipe as its stdin (dir 'w') or stdout (dir 'r'); our end's fd and the pid. */
function* popen(c: Libc, cmd: string, dir: 'r' | 'w'): KGen<{ fd: number; pid: number } | number> {
  const p = yield* c.pipe();
  if (typeof p === 'number') return p;
  const [rd, wr] = p;
  const pid = yield* c.fork(function* (cc) {
    if (dir === 'w') yield* cc.syscall('dup2', rd, 0); else yield* cc.syscall('dup2', wr, 1);
    yield* cc.close(rd); yield* cc.close(wr);
    yield* execvp(cc, ['/bin/sh', '-c', cmd]);
    return yield* cc.exit(127);
  });
  if (pid < 0) { yield* c.close(rd); yield* c.close(wr); return pid; }
  yield* c.close(dir === 'w' ? rd : wr);
  return { fd: dir === 'w' ? wr : rd, pid };
}

function* wait_status(c: Libc, pid: number): KGen<number> {
  for (;;) {
    const r = yield* c.waitpid(pid);
    if (typeof r === 'number') { if (r === -4) continue; return -1; }
    const st = r[1];
    return (st & 0x7f) === 0 ? (st >> 8) & 0xff : 256 + (st & 0x7f);
  }
}

export class awk_io {
  readonly stdout: ostream;
  private readonly outs = new Map<string, out_stream>();
  private readonly ins = new Map<string, in_stream>();

  constructor(private readonly c: Libc) { this.stdout = new ostream(c, 1, 4096); }

  /** The stream print writes to for a redirection, opened on first use; null with the error when it cannot be. */
  *output(op: '>' | '>>' | '|', name: string): KGen<ostream | string> {
    const have = this.outs.get(name);
    if (have) return have.out;
    if (name === '/dev/stdout' || name === '-') return this.stdout;
    let fd: number, pid = 0;
    if (op === '|') {
      yield* this.flush_all();
      const r = yield* popen(this.c, name, 'w');
      if (typeof r === 'number') return `can't open pipe "${name}"`;
      ({ fd, pid } = r);
    } else {
      fd = name === '/dev/stderr' ? 2 : yield* this.c.open(name, O_WRONLY | O_CREAT | (op === '>>' ? O_APPEND : O_TRUNC), 0o666);
      if (fd < 0) return `can't redirect to "${name}"`;
    }
    const s: out_stream = { out: new ostream(this.c, fd, 4096), fd, pid };
    this.outs.set(name, s);
    return s.out;
  }

  /** The input stream for getline < file or cmd | getline, opened on first use; null when it cannot be. */
  *input(kind: 'file' | 'cmd', name: string): KGen<istream | null> {
    const key = (kind === 'cmd' ? '|' : '<') + name;
    const have = this.ins.get(key);
    if (have) return have.in;
    let fd: number, pid = 0;
    if (kind === 'cmd') {
      yield* this.flush_all();
      const r = yield* popen(this.c, name, 'r');
      if (typeof r === 'number') return null;
      ({ fd, pid } = r);
    } else {
      fd = name === '-' || name === '/dev/stdin' ? 0 : yield* this.c.open(name, O_RDONLY);
      if (fd < 0) return null;
    }
    const s: in_stream = { in: new istream(this.c, fd), fd, pid };
    this.ins.set(key, s);
    return s.in;
  }

  /** close(name): the exit status of a command, 0 for a file, -1 when nothing of that name is open. */
  *close(name: string): KGen<number> {
    let status = -1;
    const o = this.outs.get(name);
    if (o) {
      yield* o.out.flush();
      this.outs.delete(name);
      if (o.fd > 2) yield* this.c.close(o.fd);
      status = o.pid ? yield* wait_status(this.c, o.pid) : 0;
    }
    for (const key of ['<' + name, '|' + name]) {
      const i = this.ins.get(key);
      if (!i) continue;
      this.ins.delete(key);
      if (i.fd > 2) yield* this.c.close(i.fd);
      status = i.pid ? yield* wait_status(this.c, i.pid) : 0;
    }
    return status;
  }

  *flush_all(): KGen<void> {
    yield* this.stdout.flush();
    for (const o of this.outs.values()) yield* o.out.flush();
  }

  /** system(cmd): output so far is flushed first, as awk does, then sh -c runs with our stdio. */
  *system(cmd: string): KGen<number> {
    yield* this.flush_all();
    const pid = yield* this.c.fork(function* (cc) {
      yield* execvp(cc, ['/bin/sh', '-c', cmd]);
      return yield* cc.exit(127);
    });
    if (pid < 0) return -1;
    return yield* wait_status(this.c, pid);
  }

  /** At exit: everything flushed, every pipe closed and its command waited for. */
  *close_all(): KGen<void> {
    yield* this.stdout.flush();
    for (const name of [...this.outs.keys()]) yield* this.close(name);
    for (const key of [...this.ins.keys()]) yield* this.close(key.slice(1));
  }
}
