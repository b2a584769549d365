// The workbench's POSIX-like shell (/bin/sh): pipelines, redirections, and-or lists, variables, globbing, job control and builtins.
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from '../lib/libc.ts';
import { strerror } from '../lib/libc.ts';
import { parse, ParseError, type AndOr, type Command, type List, type Pipeline, type Redirect, type SimpleCommand } from './parse.ts';
import { expand_word, type ExpandEnv } from './expand.ts';
import { O_APPEND, O_CREAT, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, O_CLOEXEC, S_ISDIR } from '../../include/uapi/stat.ts';
import { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGCONT, SIGCHLD, signal_descriptions } from '../../include/uapi/signal.ts';
import { ENOENT, EACCES, ENOEXEC, ECHILD, EINTR } from '../../include/uapi/asm-generic/errno.ts';

const TIOCSPGRP = 0x5410, TIOCGPGRP = 0x540f, TCGETS = 0x5401;
const WNOHANG = 1, WUNTRACED = 2;
const dec = new TextDecoder();

interface Job { id: number; pgid: number; pids: number[]; text: string; state: 'Running' | 'Stopped' | 'Done'; status: number }

class ExitShell { constructor(readonly code: number) {} }

export class Shell implements ExpandEnv {
  vars = new Map<string, string>();
  exported = new Set<string>();
  positional: string[] = ['sh'];
  last_status = 0;
  pid = 0;
  last_bg = 0;
  interactive = false;
  jobs: Job[] = [];
  history: string[] = [];
  private shell_pgid = 0;

  constructor(private readonly c: Libc) {
    for (const [k, v] of c.env) { this.vars.set(k, v); this.exported.add(k); }
    if (!this.vars.has('PATH')) { this.vars.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'); this.exported.add('PATH'); }
    if (!this.vars.has('HOME')) { this.vars.set('HOME', '/root'); this.exported.add('HOME'); }
    this.vars.set('IFS', ' \t\n');
  }

  environ(): string[] {
    return [...this.exported].filter((k) => this.vars.has(k)).map((k) => `${k}=${this.vars.get(k)}`);
  }

  *command_subst(src: string): KGen<string> {
    const c = this.c;
    const p = yield* c.pipe(O_CLOEXEC);
    if (typeof p === 'number') return '';
    const [r, w] = p;
    const self = this;
    const pid = yield* c.fork(function* (cc) {
      yield* cc.dup2(w, 1);
      const sub = new Shell(cc);
      sub.vars = new Map(self.vars); sub.exported = new Set(self.exported); sub.positional = self.positional.slice();
      sub.pid = self.pid;
      const code = yield* sub.run_source(src);
      return yield* cc.exit(code);
    });
    yield* c.close(w);
    const out = yield* c.read_all(r);
    yield* c.close(r);
    if (pid > 0) { const st = yield* c.waitpid(pid); if (typeof st !== 'number') this.last_status = decode_status(st[1]); }
    return typeof out === 'number' ? '' : dec.decode(out);
  }

  /** Parses and runs a piece of source; returns the last status. */
  *run_source(src: string): KGen<number> {
    let list: List;
    try { list = parse(src); } catch (e) {
      if (e instanceof ParseError) { yield* this.c.write(2, `sh: ${e.message}\n`); this.last_status = 2; return 2; }
      throw e;
    }
    return yield* this.run_list(list);
  }

  *run_list(list: List): KGen<number> {
    for (const ao of list) {
      if (ao.background) yield* this.run_background(ao);
      else this.last_status = yield* this.run_and_or(ao);
    }
    return this.last_status;
  }

  private *run_and_or(ao: AndOr): KGen<number> {
    let status = yield* this.run_pipeline(ao.first, ao.rest.length ? ao.text : ao.text, true);
    for (const [op, pl] of ao.rest) {
      if ((op === '&&' && status === 0) || (op === '||' && status !== 0)) status = yield* this.run_pipeline(pl, ao.text, true);
      this.last_status = status;
    }
    return status;
  }

  private *run_background(ao: AndOr): KGen<void> {
    const c = this.c;
    const self = this;
    const pid = yield* c.fork(function* (cc) {
      yield* cc.syscall('setpgid', 0, 0);
      if (!self.interactive) { yield* cc.signal(SIGINT, 1); yield* cc.signal(SIGQUIT, 1); }
      const sub = self.child_shell(cc);
      const code = yield* sub.run_and_or(ao);
      return yield* cc.exit(code);
    });
    if (pid < 0) { yield* c.write(2, `sh: fork: ${strerror(-pid)}\n`); return; }
    yield* c.syscall('setpgid', pid, pid);
    this.last_bg = pid;
    const job: Job = { id: this.next_job_id(), pgid: pid, pids: [pid], text: ao.text, state: 'Running', status: 0 };
    this.jobs.push(job);
    if (this.interactive) yield* c.write(2, `[${job.id}] ${pid}\n`);
  }

  private next_job_id(): number {
    let id = 1;
    while (this.jobs.some((j) => j.id === id)) id++;
    return id;
  }

  private child_shell(cc: Libc): Shell {
    const sub = new Shell(cc);
    sub.vars = new Map(this.vars); sub.exported = new Set(this.exported); sub.positional = this.positional.slice();
    sub.pid = this.pid; sub.last_status = this.last_status;
    return sub;
  }

  private *run_pipeline(pl: Pipeline, text: string, foreground: boolean): KGen<number> {
    const c = this.c;
    const only = pl.commands.length === 1 ? pl.commands[0] : null;
    if (only && only.kind === 'simple') {
      const words: string[] = [];
      for (const w of only.words) words.push(...(yield* expand_word(c, w, this)));
      if (words.length === 0 || BUILTINS.has(words[0])) {
        const st = yield* this.run_builtin_or_assign(only, words);
        return pl.negate ? (st === 0 ? 1 : 0) : st;
      }
    }
    const pids: number[] = [];
    let pgid = 0;
    let prev_read = -1;
    for (let k = 0; k < pl.commands.length; k++) {
      const cmd = pl.commands[k];
      const last = k === pl.commands.length - 1;
      let pipe: [number, number] | null = null;
      if (!last) {
        const p = yield* c.pipe(O_CLOEXEC);
        if (typeof p === 'number') { yield* c.write(2, `sh: pipe: ${strerror(-p)}\n`); return 1; }
        pipe = p;
      }
      const in_fd = prev_read;
      const self = this;
      const my_pgid = pgid;
      const pid = yield* c.fork(function* (cc) {
        if (self.interactive) {
          yield* cc.syscall('setpgid', 0, my_pgid);
          if (foreground) yield* self.tcsetpgrp(cc, my_pgid || (yield* cc.getpid()));
          for (const s of [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU]) yield* cc.signal(s, 0);
        }
        if (in_fd >= 0) { yield* cc.dup2(in_fd, 0); yield* cc.close(in_fd); }
        if (pipe) { yield* cc.dup2(pipe[1], 1); yield* cc.close(pipe[1]); yield* cc.close(pipe[0]); }
        const sub = self.child_shell(cc);
        return yield* cc.exit(yield* sub.exec_command(cmd));
      });
      if (pid < 0) { yield* c.write(2, `sh: fork: ${strerror(-pid)}\n`); return 1; }
      if (!pgid) pgid = pid;
      if (this.interactive) yield* c.syscall('setpgid', pid, pgid);
      pids.push(pid);
      if (in_fd >= 0) yield* c.close(in_fd);
      if (pipe) { yield* c.close(pipe[1]); prev_read = pipe[0]; }
    }
    if (this.interactive && foreground) yield* this.tcsetpgrp(c, pgid);
    const status = yield* this.wait_job({ id: 0, pgid, pids, text, state: 'Running', status: 0 });
    if (this.interactive) yield* this.tcsetpgrp(c, this.shell_pgid);
    return pl.negate ? (status === 0 ? 1 : 0) : status;
  }

  private *tcsetpgrp(c: Libc, pgid: number): KGen<void> {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, pgid, true);
    yield* c.ioctl(0, TIOCSPGRP, b);
  }

  /** Waits for every process of a foreground job; a stop makes it a stopped job. */
  private *wait_job(job: Job): KGen<number> {
    const c = this.c;
    let last_status = 0;
    const remaining = new Set(job.pids);
    while (remaining.size) {
      // Without job control the children share our process group: wait for them by pid.
      const r = yield* c.waitpid(this.interactive ? -job.pgid : [...remaining][0], this.interactive ? WUNTRACED : 0);
      if (typeof r === 'number') {
        if (r === -EINTR) continue;
        if (r === -ECHILD) break;
        break;
      }
      const [pid, st] = r;
      if ((st & 0xff) === 0x7f) {
        job.state = 'Stopped';
        if (!job.id) { job.id = this.next_job_id(); this.jobs.push(job); }
        yield* c.write(2, `\n[${job.id}]+  Stopped                 ${job.text}\n`);
        return 128 + ((st >> 8) & 0xff);
      }
      remaining.delete(pid);
      if (pid === job.pids[job.pids.length - 1]) last_status = decode_status(st);
      const sig = st & 0x7f;
      if (sig && pid === job.pids[job.pids.length - 1] && sig !== SIGINT && (st & 0xff) !== 0x7f) {
        yield* c.write(2, `${signal_descriptions[sig] ?? `Signal ${sig}`}${st & 0x80 ? ' (core dumped)' : ''}\n`);
      } else if (sig === SIGINT && this.interactive && pid === job.pids[job.pids.length - 1]) yield* c.write(2, '\n');
    }
    return last_status;
  }

  private *apply_redirects(c: Libc, redirects: Redirect[], save: boolean): KGen<[number, number][] | number> {
    const saved: [number, number][] = [];
    for (const r of redirects) {
      const targets = yield* expand_word(c, r.target, this, { split: false, glob: false });
      const target = targets.join(' ');
      if (save) { const d = yield* c.syscall('fcntl', r.fd, 1030, 10); saved.push([r.fd, d]); }
      if (r.op === '>&' || r.op === '<&') {
        if (target === '-') { yield* c.close(r.fd); continue; }
        const src = Number(target);
        if (!Number.isInteger(src)) { yield* c.write(2, `sh: ${target}: ambiguous redirect\n`); return 1; }
        const e = yield* c.dup2(src, r.fd);
        if (e < 0) { yield* c.write(2, `sh: ${src}: Bad file descriptor\n`); return 1; }
        continue;
      }
      const flags = r.op === '>' ? O_WRONLY | O_CREAT | O_TRUNC : r.op === '>>' ? O_WRONLY | O_CREAT | O_APPEND : r.op === '<>' ? O_RDWR | O_CREAT : O_RDONLY;
      const fd = yield* c.open(target, flags, 0o666);
      if (fd < 0) { yield* c.write(2, `sh: ${target}: ${strerror(-fd)}\n`); return 1; }
      if (fd !== r.fd) { yield* c.dup2(fd, r.fd); yield* c.close(fd); }
    }
    return saved;
  }

  private *restore(c: Libc, saved: [number, number][]): KGen<void> {
    for (const [fd, d] of saved.reverse()) {
      if (d >= 0) { yield* c.dup2(d, fd); yield* c.close(d); } else yield* c.close(fd);
    }
  }

  private *run_builtin_or_assign(cmd: SimpleCommand, words: string[]): KGen<number> {
    const c = this.c;
    const assigned: [string, string][] = [];
    for (const [k, w] of cmd.assigns) assigned.push([k, (yield* expand_word(c, w, this, { split: false, glob: false })).join(' ')]);
    const saved = yield* this.apply_redirects(c, cmd.redirects, true);
    if (typeof saved === 'number') return saved;
    try {
      if (words.length === 0) { for (const [k, v] of assigned) this.vars.set(k, v); return 0; }
      const b = BUILTINS.get(words[0])!;
      return yield* b(this, c, words);
    } finally {
      yield* this.restore(c, saved);
    }
  }

  /** In a forked child: redirections, then a builtin or execve. Returns the exit status. */
  *exec_command(cmd: Command): KGen<number> {
    const c = this.c;
    if (cmd.kind === 'subshell') {
      const r = yield* this.apply_redirects(c, cmd.redirects, false);
      if (typeof r === 'number') return r;
      return yield* this.run_list(cmd.body);
    }
    const words: string[] = [];
    for (const w of cmd.words) words.push(...(yield* expand_word(c, w, this)));
    for (const [k, w] of cmd.assigns) { this.vars.set(k, (yield* expand_word(c, w, this, { split: false, glob: false })).join(' ')); this.exported.add(k); }
    const r = yield* this.apply_redirects(c, cmd.redirects, false);
    if (typeof r === 'number') return r;
    if (words.length === 0) return 0;
    if (BUILTINS.has(words[0])) return yield* BUILTINS.get(words[0])!(this, c, words);
    return yield* this.execvp(words);
  }

  /** PATH search and execve; prints the errors sh prints. */
  *execvp(words: string[]): KGen<number> {
    const c = this.c;
    const name = words[0];
    const env = this.environ();
    if (name.includes('/')) {
      const e = yield* c.execve(name, words, env);
      return yield* this.exec_failed(name, e);
    }
    let err = -ENOENT;
    for (const dir of (this.vars.get('PATH') ?? '').split(':')) {
      const p = `${dir || '.'}/${name}`;
      const e = yield* c.execve(p, words, env);
      if (e === -EACCES || e === -ENOEXEC) err = e;
    }
    if (err === -ENOENT) { yield* c.write(2, `sh: ${name}: not found\n`); return 127; }
    return yield* this.exec_failed(name, err);
  }

  private *exec_failed(name: string, e: number): KGen<number> {
    if (e === -ENOENT) { yield* this.c.write(2, `sh: ${name}: not found\n`); return 127; }
    const st = yield* this.c.stat(name);
    if (typeof st !== 'number' && S_ISDIR(st.mode)) { yield* this.c.write(2, `sh: ${name}: Is a directory\n`); return 126; }
    yield* this.c.write(2, `sh: ${name}: ${strerror(-e)}\n`);
    return 126;
  }

  /** Reports background jobs that finished since the last prompt. */
  *notify_jobs(): KGen<void> {
    const c = this.c;
    for (;;) {
      const r = yield* c.waitpid(-1, WNOHANG | WUNTRACED);
      if (typeof r === 'number' || r[0] <= 0) break;
      const [pid, st] = r;
      const job = this.jobs.find((j) => j.pids.includes(pid));
      if (!job) continue;
      if ((st & 0xff) === 0x7f) { job.state = 'Stopped'; continue; }
      job.pids = job.pids.filter((p) => p !== pid);
      if (job.pids.length === 0) { job.state = 'Done'; job.status = decode_status(st); }
    }
    for (const j of this.jobs.filter((x) => x.state === 'Done')) {
      const what = j.status === 0 ? 'Done' : j.status > 128 ? signal_descriptions[j.status - 128] ?? 'Killed' : `Exit ${j.status}`;
      if (this.interactive) yield* c.write(2, `[${j.id}]+  ${what.padEnd(24)}${j.text}\n`);
    }
    this.jobs = this.jobs.filter((x) => x.state !== 'Done');
  }

  *prompt(): KGen<string> {
    const c = this.c;
    if (this.vars.has('PS1')) return (yield* expand_word(c, [{ text: this.vars.get('PS1')!, quoted: 'double' }], this))[0] ?? '';
    const u = yield* c.uname();
    const host = typeof u === 'number' ? 'localhost' : u.nodename;
    let cwd = yield* c.getcwd();
    if (typeof cwd === 'number') cwd = '?';
    const home = this.vars.get('HOME');
    if (home && (cwd === home || cwd.startsWith(home + '/'))) cwd = '~' + cwd.slice(home.length);
    return `root@${host}:${cwd}# `;
  }

  /** The interactive loop: prompt, read a line, run it; EOF exits. */
  *interactive_loop(): KGen<number> {
    const c = this.c;
    this.interactive = true;
    const pid = yield* c.getpid();
    yield* c.syscall('setpgid', 0, 0);
    this.shell_pgid = pid;
    yield* this.tcsetpgrp(c, pid);
    for (const s of [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU]) yield* c.signal(s, 1);
    let pending = '';
    for (;;) {
      yield* this.notify_jobs();
      yield* c.write(2, pending ? '> ' : yield* this.prompt());
      const r = yield* c.read(0, 4096);
      if (typeof r === 'number') { if (r === -EINTR) continue; return this.last_status; }
      if (r.length === 0) {
        if (pending) { pending = ''; continue; }
        yield* c.write(2, 'exit\n');
        return this.last_status;
      }
      const line = pending + dec.decode(r);
      try { parse(line); } catch (e) {
        if (e instanceof ParseError && /unterminated|unexpected end|EOF/.test(e.message)) { pending = line; continue; }
      }
      pending = '';
      if (line.trim()) this.history.push(line.replace(/\n$/, ''));
      try { yield* this.run_source(line); } catch (e) { if (e instanceof ExitShell) return e.code; throw e; }
    }
  }
}

export function decode_status(st: number): number {
  if ((st & 0x7f) === 0) return (st >> 8) & 0xff;
  if ((st & 0xff) === 0x7f) return 128 + ((st >> 8) & 0xff);
  return 128 + (st & 0x7f);
}

type Builtin = (sh: Shell, c: Libc, argv: string[]) => KGen<number>;

const BUILTINS = new Map<string, Builtin>([
  [':', function* () { return 0; }],
  ['cd', function* (sh, c, argv) {
    const dir = argv[1] === '-' ? sh.vars.get('OLDPWD') ?? '' : argv[1] ?? sh.vars.get('HOME') ?? '/';
    const old = yield* c.getcwd();
    const r = yield* c.chdir(dir);
    if (r < 0) { yield* c.write(2, `sh: cd: ${dir}: ${strerror(-r)}\n`); return 1; }
    if (typeof old === 'string') sh.vars.set('OLDPWD', old);
    const now = yield* c.getcwd();
    if (typeof now === 'string') sh.vars.set('PWD', now);
    if (argv[1] === '-') yield* c.write(1, `${now}\n`);
    return 0;
  }],
  ['exit', function* (sh, _c, argv) { throw new ExitShell(argv[1] !== undefined ? Number(argv[1]) & 0xff : sh.last_status); }],
  ['export', function* (sh, c, argv) {
    if (argv.length === 1) { for (const k of [...sh.exported].sort()) if (sh.vars.has(k)) yield* c.write(1, `export ${k}='${sh.vars.get(k)}'\n`); return 0; }
    for (const a of argv.slice(1)) {
      const i = a.indexOf('=');
      if (i >= 0) { sh.vars.set(a.slice(0, i), a.slice(i + 1)); sh.exported.add(a.slice(0, i)); } else sh.exported.add(a);
    }
    return 0;
  }],
  ['unset', function* (sh, _c, argv) { for (const a of argv.slice(1)) { sh.vars.delete(a); sh.exported.delete(a); } return 0; }],
  ['set', function* (sh, c, argv) {
    if (argv.length === 1) { for (const [k, v] of [...sh.vars].sort()) yield* c.write(1, `${k}='${v}'\n`); return 0; }
    if (argv[1] === '--') sh.positional = [sh.positional[0], ...argv.slice(2)];
    return 0;
  }],
  ['shift', function* (sh, _c, argv) { const n = Number(argv[1] ?? 1); sh.positional.splice(1, n); return 0; }],
  ['jobs', function* (sh, c) {
    yield* sh.notify_jobs();
    for (const j of sh.jobs) yield* c.write(1, `[${j.id}]${j === sh.jobs[sh.jobs.length - 1] ? '+' : '-'}  ${j.state.padEnd(24)}${j.text}\n`);
    return 0;
  }],
  ['fg', function* (sh, c, argv) {
    const job = pick_job(sh, argv[1]);
    if (!job) { yield* c.write(2, `sh: fg: ${argv[1] ?? 'current'}: no such job\n`); return 1; }
    yield* c.write(1, `${job.text}\n`);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, job.pgid, true);
    yield* c.ioctl(0, TIOCSPGRP, b);
    yield* c.kill(-job.pgid, SIGCONT);
    job.state = 'Running';
    sh.jobs = sh.jobs.filter((j) => j !== job);
    const st = yield* (sh as unknown as { wait_job(j: Job): KGen<number> }).wait_job(job);
    const me = new Uint8Array(4);
    new DataView(me.buffer).setInt32(0, yield* c.getpid(), true);
    yield* c.ioctl(0, TIOCSPGRP, me);
    return st;
  }],
  ['bg', function* (sh, c, argv) {
    const job = pick_job(sh, argv[1]);
    if (!job) { yield* c.write(2, `sh: bg: ${argv[1] ?? 'current'}: no such job\n`); return 1; }
    yield* c.kill(-job.pgid, SIGCONT);
    job.state = 'Running';
    yield* c.write(1, `[${job.id}]+ ${job.text} &\n`);
    return 0;
  }],
  ['wait', function* (sh, c, argv) {
    if (argv[1]) { const r = yield* c.waitpid(Number(argv[1])); return typeof r === 'number' ? 127 : decode_status(r[1]); }
    for (;;) { const r = yield* c.waitpid(-1); if (typeof r === 'number') break; }
    sh.jobs = [];
    return 0;
  }],
  ['history', function* (sh, c) {
    let i = 1;
    for (const h of sh.history) yield* c.write(1, `${String(i++).padStart(5)}  ${h}\n`);
    return 0;
  }],
  ['exec', function* (sh, _c, argv) { if (argv.length < 2) return 0; return yield* sh.execvp(argv.slice(1)); }],
  ['.', function* (sh, c, argv) {
    const src = yield* c.read_text(argv[1] ?? '');
    if (typeof src === 'number') { yield* c.write(2, `sh: .: ${argv[1]}: ${strerror(-src)}\n`); return 1; }
    return yield* sh.run_source(src);
  }],
  ['read', function* (sh, c, argv) {
    let line = '';
    for (;;) {
      const r = yield* c.read(0, 1);
      if (typeof r === 'number' || r.length === 0) { if (!line) return 1; break; }
      const ch = dec.decode(r);
      if (ch === '\n') break;
      line += ch;
    }
    const names = argv.slice(1).filter((a) => !a.startsWith('-'));
    if (!names.length) names.push('REPLY');
    const fields = line.trim().split(/[ \t]+/);
    names.forEach((n, i) => sh.vars.set(n, i === names.length - 1 ? fields.slice(i).join(' ') : fields[i] ?? ''));
    return 0;
  }],
  ['pwd', function* (_sh, c) { const d = yield* c.getcwd(); if (typeof d === 'number') return 1; yield* c.write(1, `${d}\n`); return 0; }],
]);
BUILTINS.set('source', BUILTINS.get('.')!);

function pick_job(sh: Shell, spec?: string): Job | undefined {
  if (!spec || spec === '%' || spec === '%+') return sh.jobs[sh.jobs.length - 1];
  const n = Number(spec.replace(/^%/, ''));
  return sh.jobs.find((j) => j.id === n);
}

/** /bin/sh: `sh -c CMD [ARG0 ARGS]`, `sh FILE [ARGS]`, or interactive when stdin is a terminal. */
export function* sh_main(c: Libc, argv: string[]): KGen<number> {
  const sh = new Shell(c);
  sh.pid = yield* c.getpid();
  try {
    if (argv[1] === '-c') {
      if (argv[2] === undefined) { yield* c.write(2, 'sh: -c: option requires an argument\n'); return 2; }
      sh.positional = [argv[3] ?? argv[0], ...argv.slice(4)];
      return yield* sh.run_source(argv[2]);
    }
    const file = argv.slice(1).find((a) => !a.startsWith('-'));
    if (file) {
      const src = yield* c.read_text(file);
      if (typeof src === 'number') { yield* c.write(2, `sh: ${file}: ${strerror(-src)}\n`); return 127; }
      sh.positional = argv.slice(argv.indexOf(file));
      return yield* sh.run_source(src);
    }
    const [istty] = yield* c.ioctl(0, TCGETS, 0, 60);
    if (istty === 0) return yield* sh.interactive_loop();
    const all = yield* c.read_all(0);
    return typeof all === 'number' ? 1 : yield* sh.run_source(dec.decode(all));
  } catch (e) {
    if (e instanceof ExitShell) return e.code;
    throw e;
  }
}

export { TIOCGPGRP, SIGCHLD };
