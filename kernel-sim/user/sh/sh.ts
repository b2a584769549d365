// The workbench's POSIX-like shell (/bin/sh): pipelines, redirections and here-documents, and-or lists, compound commands, functions, variables, globbing, job control, builtins and an interactive line editor.
import { ulimit_builtin } from './ulimit.ts';
import { kill_main } from '../bin/procps/kill.ts';
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from '../lib/libc.ts';
import { strerror } from '../lib/libc.ts';
import { user_compute } from '../../kernel/sched/cputime.ts';
import { parse, ParseError, type AndOr, type Command, type List, type Pipeline, type Redirect, type SimpleCommand, type FunctionDef } from './parse.ts';
import { expand_word, expand_string, pattern_match, ExpandError, type ExpandEnv } from './expand.ts';
import { line_editor, INTERRUPT } from './readline.ts';
import { complete_line } from './complete.ts';
import { O_APPEND, O_CREAT, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, O_CLOEXEC, S_ISDIR, S_ISREG } from '../../include/uapi/stat.ts';
import { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGCONT, SIGCHLD, signal_descriptions } from '../../include/uapi/signal.ts';
import { ENOENT, EACCES, ENOEXEC, ECHILD, EINTR } from '../../include/uapi/asm-generic/errno.ts';

/** What one pass of a while/until loop costs ash in user mode (evaltree of the loop and its builtins): its share of CPU time, and where the tick can preempt a loop that makes no system call. */
const LOOP_ITERATION_NS = 1_000;

const TIOCSPGRP = 0x5410, TIOCGPGRP = 0x540f, TCGETS = 0x5401;
const WNOHANG = 1, WUNTRACED = 2;
const dec = new TextDecoder();

interface Job { id: number; pgid: number; pids: number[]; text: string; state: 'Running' | 'Stopped' | 'Done'; status: number }

export class ExitShell { constructor(readonly code: number) {} }
class ReturnSignal { constructor(readonly code: number) {} }
class LoopSignal { constructor(readonly kind: 'break' | 'continue', public n: number) {} }

/** Code that runs inside a forked child of the shell (one element of a pipeline). */
type ChildRunner = (sub: Shell) => KGen<number>;

export class Shell implements ExpandEnv {
  vars = new Map<string, string>();
  exported = new Set<string>();
  functions = new Map<string, FunctionDef>();
  positional: string[] = ['sh'];
  last_status = 0;
  pid = 0;
  last_bg = 0;
  interactive = false;
  jobs: Job[] = [];
  history: string[] = [];
  options = { errexit: false, xtrace: false, noglob: false };
  traps = new Map<string, string>();
  private locals: Map<string, string | undefined>[] = [];
  private loop_depth = 0;
  private condition = 0;
  private shell_pgid = 0;

  constructor(readonly c: Libc) {
    for (const [k, v] of c.env) { this.vars.set(k, v); this.exported.add(k); }
    if (!this.vars.has('PATH')) { this.vars.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'); this.exported.add('PATH'); }
    if (!this.vars.has('HOME')) { this.vars.set('HOME', '/root'); this.exported.add('HOME'); }
    this.vars.set('IFS', ' \t\n');
  }

  environ(): string[] {
    return [...this.exported].filter((k) => this.vars.has(k)).map((k) => `${k}=${this.vars.get(k)}`);
  }

  /** A copy of this shell for a forked child (subshells, pipeline elements, $(...)). */
  child_shell(cc: Libc): Shell {
    const sub = new Shell(cc);
    sub.vars = new Map(this.vars); sub.exported = new Set(this.exported); sub.positional = this.positional.slice();
    sub.functions = new Map(this.functions);
    sub.pid = this.pid; sub.last_status = this.last_status; sub.options = { ...this.options };
    sub.loop_depth = this.loop_depth;
    return sub;
  }

  /** Runs `body` in a child process to completion: exit, return and errors end the child with their status. */
  private static *child_main(cc: Libc, sub: Shell, runner: ChildRunner): KGen<number> {
    let code: number;
    try { code = yield* runner(sub); }
    catch (e) {
      if (e instanceof ExitShell) code = e.code;
      else if (e instanceof ReturnSignal) code = e.code;
      else if (e instanceof LoopSignal) code = 0;
      else if (e instanceof ExpandError) { yield* cc.write(2, `sh: ${e.message}\n`); code = 2; }
      else throw e;
    }
    return yield* cc.exit(code);
  }

  *command_subst(src: string): KGen<string> {
    const c = this.c;
    const p = yield* c.pipe(O_CLOEXEC);
    if (typeof p === 'number') return '';
    const [r, w] = p;
    const self = this;
    const pid = yield* c.fork(function* (cc) {
      yield* cc.dup2(w, 1);
      const sub = self.child_shell(cc);
      // One simple command runs in the forked child itself (dash's and busybox's EV_EXIT): $(cat f) is one process.
      let only: List | null = null;
      try { only = parse(src); } catch { only = null; }
      const one = only?.length === 1 && !only[0].background && !only[0].rest.length && only[0].first.commands.length === 1 && !only[0].first.negate
        && only[0].first.commands[0].kind === 'simple' ? only[0] : null;
      return yield* Shell.child_main(cc, sub, (s) => (one ? s.run_command(one.first.commands[0], true, one.text) : s.run_source(src)));
    });
    yield* c.close(w);
    const out = yield* c.read_all(r);
    yield* c.close(r);
    if (pid > 0) {
      for (;;) {
        const st = yield* c.waitpid(pid);
        if (st === -EINTR) continue;
        if (typeof st !== 'number') this.last_status = decode_status(st[1]);
        break;
      }
    }
    return typeof out === 'number' ? '' : dec.decode(out);
  }

  /** Parses and runs a piece of source; returns the last status. */
  *run_source(src: string): KGen<number> {
    let list: List;
    try { list = parse(src); } catch (e) {
      if (e instanceof ParseError) { yield* this.c.write(2, `sh: ${e.message}\n`); this.last_status = 2; return 2; }
      throw e;
    }
    try {
      return yield* this.run_list(list);
    } catch (e) {
      if (e instanceof ExpandError) { yield* this.c.write(2, `sh: ${e.message}\n`); this.last_status = 2; if (!this.interactive) throw new ExitShell(2); return 2; }
      throw e;
    }
  }

  *run_list(list: List): KGen<number> {
    for (const ao of list) {
      if (ao.background) { yield* this.run_background(ao); this.last_status = 0; continue; }
      this.last_status = yield* this.run_and_or(ao);
    }
    return this.last_status;
  }

  /** Runs a list whose status is tested (if/while conditions): errexit does not apply inside. */
  private *run_condition(list: List): KGen<number> {
    this.condition++;
    try { return yield* this.run_list(list); } finally { this.condition--; }
  }

  private *run_and_or(ao: AndOr): KGen<number> {
    if (ao.rest.length) this.condition++;
    let status: number;
    try {
      status = yield* this.run_pipeline(ao.first, ao.text);
      for (let k = 0; k < ao.rest.length; k++) {
        const [op, pl] = ao.rest[k];
        this.last_status = status;
        if (k === ao.rest.length - 1) this.condition--;
        if ((op === '&&' && status === 0) || (op === '||' && status !== 0)) status = yield* this.run_pipeline(pl, ao.text);
        if (k === ao.rest.length - 1) this.condition++;
      }
    } finally { if (ao.rest.length) this.condition--; }
    this.last_status = status;
    if (this.options.errexit && status !== 0 && this.condition === 0 && !ao.first.negate) throw new ExitShell(status);
    return status;
  }

  private *run_background(ao: AndOr): KGen<void> {
    const c = this.c;
    const self = this;
    const pid = yield* c.fork(function* (cc) {
      yield* cc.syscall('setpgid', 0, 0);
      if (!self.interactive) { yield* cc.signal(SIGINT, 1); yield* cc.signal(SIGQUIT, 1); }
      else for (const s of [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU]) yield* cc.signal(s, 0);
      if (!self.interactive) {
        // Without job control, a background job's stdin is /dev/null (POSIX 2.9.3).
        const nul = yield* cc.open('/dev/null', O_RDONLY);
        if (nul >= 0 && nul !== 0) { yield* cc.dup2(nul, 0); yield* cc.close(nul); }
      }
      const sub = self.child_shell(cc);
      sub.interactive = false;
      // A lone simple command is exec'd by this child itself, as shells do.
      const only = !ao.rest.length && !ao.first.negate && ao.first.commands.length === 1 && ao.first.commands[0].kind === 'simple' ? ao.first.commands[0] : null;
      return yield* Shell.child_main(cc, sub, (s) => (only ? s.run_command(only, true, ao.text) : s.run_and_or({ ...ao, background: false })));
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

  private *run_pipeline(pl: Pipeline, text: string): KGen<number> {
    let st: number;
    if (pl.negate) this.condition++;
    try {
      if (pl.commands.length === 1) st = yield* this.run_command(pl.commands[0], false, text);
      else st = yield* this.spawn_job(pl.commands.map((cmd) => (sub: Shell) => sub.run_command(cmd, true, text)), text);
    } finally { if (pl.negate) this.condition--; }
    return pl.negate ? (st === 0 ? 1 : 0) : st;
  }

  /**
   * Runs one command in this shell. `in_child` is true inside a forked
   * pipeline element, where an external command replaces the process.
   */
  *run_command(cmd: Command, in_child: boolean, text = ''): KGen<number> {
    const c = this.c;
    switch (cmd.kind) {
      case 'simple': return yield* this.run_simple(cmd, in_child, text);
      case 'subshell':
        if (in_child) return yield* this.with_redirects(cmd.redirects, () => this.run_list(cmd.body));
        return yield* this.spawn_job([(sub) => sub.with_redirects(cmd.redirects, () => sub.run_list(cmd.body))], text);
      case 'function':
        this.functions.set(cmd.name, cmd);
        return 0;
      case 'group': return yield* this.with_redirects(cmd.redirects, () => this.run_list(cmd.body));
      case 'if': return yield* this.with_redirects(cmd.redirects, function* (this: Shell) {
        for (const [cond, body] of cmd.clauses) {
          if ((yield* this.run_condition(cond)) === 0) return yield* this.run_list(body);
        }
        if (cmd.else_body) return yield* this.run_list(cmd.else_body);
        return 0;
      }.bind(this));
      case 'while': case 'until': return yield* this.with_redirects(cmd.redirects, function* (this: Shell) {
        let status = 0;
        this.loop_depth++;
        try {
          for (;;) {
            yield* user_compute(LOOP_ITERATION_NS);
            const r = yield* this.run_condition(cmd.cond);
            if ((r === 0) !== (cmd.kind === 'while')) break;
            const s = yield* this.loop_body(cmd.body);
            if (s === 'break') break;
            status = this.last_status;
          }
        } finally { this.loop_depth--; }
        return status;
      }.bind(this));
      case 'for': return yield* this.with_redirects(cmd.redirects, function* (this: Shell) {
        const items: string[] = [];
        if (cmd.words === null) items.push(...this.positional.slice(1));
        else for (const w of cmd.words) items.push(...(yield* expand_word(c, w, this, { split: true, glob: !this.options.noglob })));
        let status = 0;
        this.loop_depth++;
        try {
          for (const it of items) {
            this.set_var(cmd.name, it);
            const s = yield* this.loop_body(cmd.body);
            status = this.last_status;
            if (s === 'break') break;
          }
        } finally { this.loop_depth--; }
        return status;
      }.bind(this));
      case 'case': return yield* this.with_redirects(cmd.redirects, function* (this: Shell) {
        const word = (yield* expand_word(c, cmd.word, this, { split: false, glob: false })).join(' ');
        for (const item of cmd.items) {
          for (const pw of item.patterns) {
            const pat = yield* this.pattern_text(pw);
            if (pattern_match(pat, word)) return yield* this.run_list(item.body);
          }
        }
        return 0;
      }.bind(this));
    }
  }

  /** A case pattern with its quoted characters escaped, so they match literally. */
  private *pattern_text(w: SimpleCommand['words'][0]): KGen<string> {
    let s = '';
    for (const part of w) {
      const v = part.quoted === 'single' ? part.text : (yield* expand_string(part.text, this, part.quoted === 'double'));
      s += part.quoted === 'none' ? v : v.replace(/[*?[\]\\]/g, '\\$&');
    }
    return s;
  }

  /** One iteration of a loop body; break/continue come back as a word. */
  private *loop_body(body: List): KGen<'break' | 'continue' | 'next'> {
    try { yield* this.run_list(body); return 'next'; } catch (e) {
      if (!(e instanceof LoopSignal)) throw e;
      if (e.n > 1) { e.n--; throw e; }
      return e.kind;
    }
  }

  private *run_simple(cmd: SimpleCommand, in_child: boolean, text: string): KGen<number> {
    const c = this.c;
    const words: string[] = [];
    for (const w of cmd.words) words.push(...(yield* expand_word(c, w, this, { split: true, glob: !this.options.noglob })));
    const assigned: [string, string][] = [];
    for (const [k, w] of cmd.assigns) assigned.push([k, (yield* expand_word(c, w, this, { split: false, glob: false })).join('')]);
    if (this.options.xtrace && (words.length || assigned.length)) yield* c.write(2, `+ ${[...assigned.map(([k, v]) => `${k}=${v}`), ...words].join(' ')}\n`);
    if (words.length === 0) {
      // Assignments only (they stay in this shell); redirections are performed and undone.
      for (const [k, v] of assigned) this.set_var(k, v);
      const st = yield* this.with_redirects(cmd.redirects, function* () { return 0; });
      return st !== 0 ? st : this.last_status_after_subst(cmd);
    }
    const name = words[0];
    const fn = this.functions.get(name);
    if (fn) {
      return yield* this.with_redirects(cmd.redirects, () => this.call_function(fn, words, assigned));
    }
    if (name === 'exec' && words.length === 1) {
      // exec with only redirections changes this shell's descriptors for good.
      const r = yield* this.apply_redirects(c, cmd.redirects, false);
      return typeof r === 'number' ? r : 0;
    }
    const b = BUILTINS.get(name);
    if (b) {
      const saved = assigned.map(([k]) => [k, this.vars.get(k)] as [string, string | undefined]);
      for (const [k, v] of assigned) this.vars.set(k, v);
      try { return yield* this.with_redirects(cmd.redirects, () => b(this, c, words)); }
      finally { if (!SPECIAL_BUILTINS.has(name)) for (const [k, v] of saved) { if (v === undefined) this.vars.delete(k); else this.vars.set(k, v); } }
    }
    const exec = function* (sub: Shell): KGen<number> {
      for (const [k, v] of assigned) { sub.vars.set(k, v); sub.exported.add(k); }
      const r = yield* sub.apply_redirects(sub.c, cmd.redirects, false);
      if (typeof r === 'number') return r;
      return yield* sub.execvp(words);
    };
    if (in_child) return yield* exec(this);
    return yield* this.spawn_job([exec], text || words.join(' '));
  }

  /** The status of a bare assignment is that of its last command substitution. */
  private last_status_after_subst(cmd: SimpleCommand): number {
    const has_subst = cmd.assigns.some(([, w]) => w.some((p) => p.quoted !== 'single' && /\$\(|`/.test(p.text) && !/\$\(\(/.test(p.text)));
    return has_subst ? this.last_status : 0;
  }

  private *call_function(fn: FunctionDef, words: string[], assigned: [string, string][]): KGen<number> {
    const saved_pos = this.positional;
    this.positional = [saved_pos[0], ...words.slice(1)];
    const scope = new Map<string, string | undefined>();
    for (const [k, v] of assigned) { scope.set(k, this.vars.get(k)); this.vars.set(k, v); }
    this.locals.push(scope);
    const saved_loop = this.loop_depth;
    this.loop_depth = 0;
    try {
      return yield* this.run_command(fn.body, false);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.code;
      throw e;
    } finally {
      this.loop_depth = saved_loop;
      this.positional = saved_pos;
      for (const [k, v] of this.locals.pop()!) { if (v === undefined) this.vars.delete(k); else this.vars.set(k, v); }
    }
  }

  set_var(k: string, v: string): void {
    this.vars.set(k, v);
  }

  make_local(k: string, v: string | undefined): void {
    const scope = this.locals[this.locals.length - 1];
    if (!scope) return;
    if (!scope.has(k)) scope.set(k, this.vars.get(k));
    if (v !== undefined) this.vars.set(k, v);
  }

  in_function(): boolean { return this.locals.length > 0; }
  in_loop(): number { return this.loop_depth; }

  /**
   * Forks one process per runner, connected by pipes; with job control they
   * share a process group that gets the terminal. Waits for the job.
   */
  *spawn_job(runners: ChildRunner[], text: string): KGen<number> {
    const c = this.c;
    const pids: number[] = [];
    let pgid = 0;
    let prev_read = -1;
    for (let k = 0; k < runners.length; k++) {
      const last = k === runners.length - 1;
      let pipe: [number, number] | null = null;
      if (!last) {
        const p = yield* c.pipe(O_CLOEXEC);
        if (typeof p === 'number') { yield* c.write(2, `sh: pipe: ${strerror(-p)}\n`); return 1; }
        pipe = p;
      }
      const in_fd = prev_read;
      const self = this;
      const my_pgid = pgid;
      const runner = runners[k];
      const pid = yield* c.fork(function* (cc) {
        if (self.interactive) {
          yield* cc.syscall('setpgid', 0, my_pgid);
          yield* self.tcsetpgrp(cc, my_pgid || (yield* cc.getpid()));
          for (const s of [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU]) yield* cc.signal(s, 0);
        }
        if (in_fd >= 0) { yield* cc.dup2(in_fd, 0); yield* cc.close(in_fd); }
        if (pipe) { yield* cc.dup2(pipe[1], 1); yield* cc.close(pipe[1]); yield* cc.close(pipe[0]); }
        const sub = self.child_shell(cc);
        return yield* Shell.child_main(cc, sub, runner);
      });
      if (pid < 0) { yield* c.write(2, `sh: fork: ${strerror(-pid)}\n`); return 1; }
      if (!pgid) pgid = pid;
      if (this.interactive) yield* c.syscall('setpgid', pid, pgid);
      pids.push(pid);
      if (in_fd >= 0) yield* c.close(in_fd);
      if (pipe) { yield* c.close(pipe[1]); prev_read = pipe[0]; }
    }
    if (this.interactive) yield* this.tcsetpgrp(c, pgid);
    const status = yield* this.wait_job({ id: 0, pgid, pids, text, state: 'Running', status: 0 });
    if (this.interactive) yield* this.tcsetpgrp(c, this.shell_pgid);
    return status;
  }

  private *tcsetpgrp(c: Libc, pgid: number): KGen<void> {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, pgid, true);
    yield* c.ioctl(0, TIOCSPGRP, b);
  }

  /** Waits for every process of a foreground job; a stop makes it a stopped job. */
  *wait_job(job: Job): KGen<number> {
    const c = this.c;
    let last_status = 0;
    const remaining = new Set(job.pids);
    while (remaining.size) {
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
      if (sig && pid === job.pids[job.pids.length - 1] && sig !== SIGINT && sig !== 13 && (st & 0xff) !== 0x7f) {
        yield* c.write(2, `${signal_descriptions[sig] ?? `Signal ${sig}`}${st & 0x80 ? ' (core dumped)' : ''}\n`);
      } else if (sig === SIGINT && this.interactive && pid === job.pids[job.pids.length - 1]) yield* c.write(2, '\n');
    }
    return last_status;
  }

  /** Runs body with the redirections applied, then puts the descriptors back. */
  *with_redirects(redirects: Redirect[], body: () => KGen<number>): KGen<number> {
    if (!redirects.length) return yield* body();
    const saved = yield* this.apply_redirects(this.c, redirects, true);
    if (typeof saved === 'number') return saved;
    try { return yield* body(); } finally { yield* this.restore(this.c, saved); }
  }

  *apply_redirects(c: Libc, redirects: Redirect[], save: boolean): KGen<[number, number][] | number> {
    const saved: [number, number][] = [];
    const fail = function* (self: Shell, msg: string): KGen<number> {
      yield* c.write(2, `sh: ${msg}\n`);
      if (save) yield* self.restore(c, saved);
      return 1;
    };
    for (const r of redirects) {
      if (save && !saved.some(([fd]) => fd === r.fd)) { const d = yield* c.syscall('fcntl', r.fd, 1030, 10); saved.push([r.fd, d]); }
      if (r.op === '<<') {
        const doc = r.heredoc ?? { body: '', quoted: true, strip_tabs: false };
        const body = doc.quoted ? doc.body : yield* expand_string(doc.body.replace(/\\\n/g, '').replace(/\\([^$`\\])/g, '\\\\$1'), this, true);
        const e = yield* this.heredoc_fd(c, body, r.fd);
        if (e < 0) return yield* fail(this, `cannot create here-document: ${strerror(-e)}`);
        continue;
      }
      const targets = yield* expand_word(c, r.target, this, { split: false, glob: false });
      const target = targets.join(' ');
      if (r.op === '>&' || r.op === '<&') {
        if (target === '-') { yield* c.close(r.fd); continue; }
        const src = Number(target);
        if (!/^\d+$/.test(target)) {
          if (r.op === '>&' && r.fd === 1) {
            // ">&file" is "&>file" in bash and ash.
            const fd = yield* c.open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
            if (fd < 0) return yield* fail(this, `${target}: ${strerror(-fd)}`);
            yield* c.dup2(fd, 1); yield* c.dup2(fd, 2); if (fd > 2) yield* c.close(fd);
            continue;
          }
          return yield* fail(this, `${target}: ambiguous redirect`);
        }
        const e = yield* c.dup2(src, r.fd);
        if (e < 0) return yield* fail(this, `${src}: Bad file descriptor`);
        continue;
      }
      const flags = r.op === '>' ? O_WRONLY | O_CREAT | O_TRUNC : r.op === '>>' ? O_WRONLY | O_CREAT | O_APPEND : r.op === '<>' ? O_RDWR | O_CREAT : O_RDONLY;
      const fd = yield* c.open(target, flags, 0o666);
      if (fd < 0) return yield* fail(this, `${r.op === '<' ? 'cannot open ' : 'cannot create '}${target}: ${strerror(-fd)}`);
      if (fd !== r.fd) { yield* c.dup2(fd, r.fd); yield* c.close(fd); }
    }
    return saved;
  }

  /** A here-document: its text on a pipe whose read end becomes `fd` (a writer child for long texts). */
  private *heredoc_fd(c: Libc, body: string, fd: number): KGen<number> {
    const p = yield* c.pipe(O_CLOEXEC);
    if (typeof p === 'number') return p;
    const [r, w] = p;
    const bytes = new TextEncoder().encode(body);
    if (bytes.length <= 32768) {
      yield* c.write(w, bytes);
    } else {
      const pid = yield* c.fork(function* (cc) { yield* cc.close(r); yield* cc.write(w, bytes); return yield* cc.exit(0); });
      if (pid < 0) { yield* c.close(r); yield* c.close(w); return pid; }
    }
    yield* c.close(w);
    if (r !== fd) { yield* c.dup2(r, fd); yield* c.close(r); }
    return 0;
  }

  private *restore(c: Libc, saved: [number, number][]): KGen<void> {
    for (const [fd, d] of saved.reverse()) {
      if (d >= 0) { yield* c.dup2(d, fd); yield* c.close(d); } else yield* c.close(fd);
    }
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
      if (e === -ENOEXEC) return yield* this.run_script(p, words);
    }
    if (err === -ENOENT) { yield* c.write(2, `sh: ${name}: not found\n`); return 127; }
    return yield* this.exec_failed(name, err);
  }

  /** A file without a known binary format runs as a shell script, as execvp(3) arranges. */
  private *run_script(path: string, words: string[]): KGen<number> {
    const src = yield* this.c.read_text(path);
    if (typeof src === 'number') return yield* this.exec_failed(path, src);
    this.positional = [path, ...words.slice(1)];
    this.functions.clear();
    return yield* this.run_source(src);
  }

  private *exec_failed(name: string, e: number): KGen<number> {
    if (e === -ENOENT) { yield* this.c.write(2, `sh: ${name}: not found\n`); return 127; }
    if (e === -ENOEXEC) {
      const st = yield* this.c.stat(name);
      if (typeof st !== 'number' && S_ISREG(st.mode)) return yield* this.run_script(name, [name]);
    }
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
    if (this.vars.has('PS1')) return yield* expand_string(this.vars.get('PS1')!, this, true);
    const u = yield* c.uname();
    const host = typeof u === 'number' ? 'localhost' : u.nodename;
    let cwd = yield* c.getcwd();
    if (typeof cwd === 'number') cwd = '?';
    const home = this.vars.get('HOME');
    if (home && (cwd === home || cwd.startsWith(home + '/'))) cwd = '~' + cwd.slice(home.length);
    const uid = yield* c.syscall('geteuid');
    return `${uid === 0 ? 'root' : 'user'}@${host}:${cwd}${uid === 0 ? '#' : '$'} `;
  }

  /** The interactive loop: prompt, read an edited line, run it; EOF exits. */
  *interactive_loop(): KGen<number> {
    const c = this.c;
    this.interactive = true;
    const pid = yield* c.getpid();
    yield* c.syscall('setpgid', 0, 0);
    this.shell_pgid = pid;
    yield* this.tcsetpgrp(c, pid);
    for (const s of [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU]) yield* c.signal(s, 1);
    const editor = new line_editor(c, this.history, (line, cursor) => complete_line(this, line, cursor));
    let pending = '';
    for (;;) {
      yield* this.notify_jobs();
      const ps = pending ? (this.vars.get('PS2') ?? '> ') : yield* this.prompt();
      const r = yield* editor.read_line(ps);
      if (r === INTERRUPT) { pending = ''; this.last_status = 130; continue; }
      if (r === null) {
        if (pending) { pending = ''; continue; }
        yield* c.write(2, 'exit\n');
        return yield* this.exit_with(this.last_status);
      }
      const line = pending + r + '\n';
      try { parse(line); } catch (e) {
        if (e instanceof ParseError && e.incomplete) { pending = line; continue; }
      }
      pending = '';
      const entry = line.replace(/\n$/, '');
      if (entry.trim() && this.history[this.history.length - 1] !== entry) this.history.push(entry);
      try { yield* this.run_source(line); } catch (e) {
        if (e instanceof ExitShell) return yield* this.exit_with(e.code);
        if (e instanceof ReturnSignal || e instanceof LoopSignal) continue;
        throw e;
      }
    }
  }

  /** Runs the EXIT trap, then gives the status back. */
  *exit_with(code: number): KGen<number> {
    const t = this.traps.get('EXIT');
    if (t) { this.traps.delete('EXIT'); try { yield* this.run_source(t); } catch (e) { if (!(e instanceof ExitShell)) throw e; } }
    return code;
  }

  builtin_names(): string[] { return [...BUILTINS.keys()]; }
}

export function decode_status(st: number): number {
  if ((st & 0x7f) === 0) return (st >> 8) & 0xff;
  if ((st & 0xff) === 0x7f) return 128 + ((st >> 8) & 0xff);
  return 128 + (st & 0x7f);
}

type Builtin = (sh: Shell, c: Libc, argv: string[]) => KGen<number>;

/** POSIX special builtins: variable assignments before them stay in the shell. */
const SPECIAL_BUILTINS = new Set([':', '.', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'trap', 'unset', 'break', 'continue']);

// kernel-static: the shell's builtin table, completed at load ('source' = '.'), the same for every boot
const BUILTINS: Map<string, Builtin> = new Map<string, Builtin>([
  [':', function* () { return 0; }],
  ['true', function* () { return 0; }],
  ['false', function* () { return 1; }],
  ['ulimit', function* (_sh, c, argv) { return yield* ulimit_builtin(c, argv); }],
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
  ['exit', function* (sh, c, argv) {
    if (argv[1] !== undefined && !/^-?\d+$/.test(argv[1])) { yield* c.write(2, `sh: exit: ${argv[1]}: numeric argument required\n`); throw new ExitShell(2); }
    throw new ExitShell(argv[1] !== undefined ? Number(argv[1]) & 0xff : sh.last_status);
  }],
  ['return', function* (sh, c, argv) {
    if (!sh.in_function()) { yield* c.write(2, 'sh: return: can only `return\' from a function or sourced script\n'); return 1; }
    throw new ReturnSignal(argv[1] !== undefined ? Number(argv[1]) & 0xff : sh.last_status);
  }],
  ['break', function* (sh, c, argv) {
    const n = Number(argv[1] ?? 1);
    if (!(n >= 1)) { yield* c.write(2, `sh: break: ${argv[1]}: loop count out of range\n`); return 1; }
    if (!sh.in_loop()) return 0;
    throw new LoopSignal('break', Math.min(n, sh.in_loop()));
  }],
  ['continue', function* (sh, c, argv) {
    const n = Number(argv[1] ?? 1);
    if (!(n >= 1)) { yield* c.write(2, `sh: continue: ${argv[1]}: loop count out of range\n`); return 1; }
    if (!sh.in_loop()) return 0;
    throw new LoopSignal('continue', Math.min(n, sh.in_loop()));
  }],
  ['local', function* (sh, c, argv) {
    if (!sh.in_function()) { yield* c.write(2, 'sh: local: can only be used in a function\n'); return 1; }
    for (const a of argv.slice(1)) {
      const i = a.indexOf('=');
      if (i >= 0) sh.make_local(a.slice(0, i), a.slice(i + 1)); else sh.make_local(a, undefined);
    }
    return 0;
  }],
  ['export', function* (sh, c, argv) {
    const args = argv.slice(1).filter((a) => a !== '-p');
    if (args.length === 0) { for (const k of [...sh.exported].sort()) if (sh.vars.has(k)) yield* c.write(1, `export ${k}='${sh.vars.get(k)!.replace(/'/g, "'\\''")}'\n`); return 0; }
    for (const a of args) {
      const i = a.indexOf('=');
      if (i >= 0) { sh.vars.set(a.slice(0, i), a.slice(i + 1)); sh.exported.add(a.slice(0, i)); } else sh.exported.add(a);
    }
    return 0;
  }],
  ['readonly', function* (sh, _c, argv) {
    for (const a of argv.slice(1)) { const i = a.indexOf('='); if (i >= 0) sh.vars.set(a.slice(0, i), a.slice(i + 1)); }
    return 0;
  }],
  ['unset', function* (sh, _c, argv) {
    const fn = argv[1] === '-f';
    for (const a of argv.slice(1).filter((x) => x !== '-f' && x !== '-v')) { if (fn) sh.functions.delete(a); else { sh.vars.delete(a); sh.exported.delete(a); } }
    return 0;
  }],
  ['set', function* (sh, c, argv) {
    if (argv.length === 1) { for (const [k, v] of [...sh.vars].sort((a, b) => (a[0] < b[0] ? -1 : 1))) yield* c.write(1, `${k}='${v.replace(/'/g, "'\\''")}'\n`); return 0; }
    let i = 1;
    for (; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--') { sh.positional = [sh.positional[0], ...argv.slice(i + 1)]; return 0; }
      if (a === '-o' || a === '+o') { const o = argv[++i]; const on = a === '-o'; if (o === 'errexit') sh.options.errexit = on; else if (o === 'xtrace') sh.options.xtrace = on; else if (o === 'noglob') sh.options.noglob = on; continue; }
      if (/^[-+][exf]+$/.test(a)) {
        for (const f of a.slice(1)) { const on = a[0] === '-'; if (f === 'e') sh.options.errexit = on; if (f === 'x') sh.options.xtrace = on; if (f === 'f') sh.options.noglob = on; }
        continue;
      }
      if (/^[-+]/.test(a) && a.length > 1) { yield* c.write(2, `sh: set: ${a}: invalid option\n`); return 2; }
      break;
    }
    if (i < argv.length) sh.positional = [sh.positional[0], ...argv.slice(i)];
    return 0;
  }],
  ['shift', function* (sh, c, argv) {
    const n = Number(argv[1] ?? 1);
    if (n > sh.positional.length - 1) { yield* c.write(2, `sh: shift: can't shift that many\n`); return 1; }
    sh.positional.splice(1, n);
    return 0;
  }],
  ['eval', function* (sh, _c, argv) { return yield* sh.run_source(argv.slice(1).join(' ')); }],
  ['trap', function* (sh, c, argv) {
    if (argv.length === 1) { for (const [k, v] of sh.traps) yield* c.write(1, `trap -- '${v}' ${k}\n`); return 0; }
    const action = argv[1];
    for (const s of argv.slice(2)) { const name = s === '0' ? 'EXIT' : s.replace(/^SIG/, ''); if (action === '-') sh.traps.delete(name); else sh.traps.set(name, action); }
    return 0;
  }],
  ['umask', function* (_sh, c, argv) {
    if (argv[1] === undefined) { const m = yield* c.syscall('umask', 0o022); yield* c.syscall('umask', m); yield* c.write(1, m.toString(8).padStart(4, '0') + '\n'); return 0; }
    if (!/^[0-7]+$/.test(argv[1])) { yield* c.write(2, `sh: umask: ${argv[1]}: invalid symbolic mode operator\n`); return 1; }
    yield* c.syscall('umask', parseInt(argv[1], 8));
    return 0;
  }],
  ['type', function* (sh, c, argv) {
    let status = 0;
    for (const n of argv.slice(1)) {
      const r = yield* describe(sh, c, n);
      if (r === null) { yield* c.write(2, `sh: type: ${n}: not found\n`); status = 1; continue; }
      yield* c.write(1, r[1] === 'file' ? `${n} is ${r[0]}\n` : `${n} is a ${r[1]}\n`);
    }
    return status;
  }],
  ['command', function* (sh, c, argv): KGen<number> {
    if (argv[1] === '-v' || argv[1] === '-V') {
      let status = 0;
      for (const n of argv.slice(2)) {
        const r = yield* describe(sh, c, n);
        if (r === null) { status = 1; if (argv[1] === '-V') yield* c.write(2, `sh: command: ${n}: not found\n`); continue; }
        yield* c.write(1, argv[1] === '-v' ? `${r[1] === 'file' ? r[0] : n}\n` : r[1] === 'file' ? `${n} is ${r[0]}\n` : `${n} is a ${r[1]}\n`);
      }
      return status;
    }
    if (argv.length < 2) return 0;
    const b: Builtin | undefined = BUILTINS.get(argv[1]);
    if (b) return yield* b(sh, c, argv.slice(1));
    const words = argv.slice(1);
    return yield* sh.spawn_job([(sub) => sub.execvp(words)], words.join(' '));
  }],
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
    const st = yield* sh.wait_job(job);
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
  // kill is a builtin so that a job spec names the job's process group, as BusyBox ash's killcmd rewrites %N before kill_main.
  ['kill', function* (sh, c, argv) {
    const args = argv.slice(1);
    if (!args.some((a) => a.startsWith('%'))) return yield* kill_main(c, argv);
    const first = args.findIndex((a, k) => a.startsWith('%') || (/^\d+$/.test(a) && !['-s', '-n', '--signal'].includes(args[k - 1] ?? '')));
    const targets: string[] = [];
    for (const a of args.slice(first)) {
      if (!a.startsWith('%')) { targets.push(a); continue; }
      const job = pick_job(sh, a);
      if (!job) { yield* c.write(2, `sh: kill: ${a}: no such job\n`); return 1; }
      targets.push(String(-job.pgid));
    }
    return yield* kill_main(c, ['kill', ...args.slice(0, first).filter((a) => a !== '--'), '--', ...targets]);
  }],
  ['wait', function* (sh, c, argv) {
    if (argv[1]) {
      const job = argv[1].startsWith('%') ? pick_job(sh, argv[1]) : undefined;
      if (argv[1].startsWith('%') && !job) { yield* c.write(2, `sh: wait: ${argv[1]}: no such job\n`); return 127; }
      const pid = job ? job.pids[job.pids.length - 1] : Number(argv[1]);
      if (job) sh.jobs = sh.jobs.filter((j) => j !== job);
      for (;;) { const r = yield* c.waitpid(pid); if (r === -EINTR) continue; return typeof r === 'number' ? 127 : decode_status(r[1]); }
    }
    for (;;) { const r = yield* c.waitpid(-1); if (r === -EINTR) continue; if (typeof r === 'number') break; }
    sh.jobs = [];
    return 0;
  }],
  ['history', function* (sh, c, argv) {
    if (argv[1] === '-c') { sh.history.length = 0; return 0; }
    const n = argv[1] !== undefined ? Number(argv[1]) : sh.history.length;
    const start = Math.max(0, sh.history.length - n);
    let s = '';
    for (let i = start; i < sh.history.length; i++) s += `${String(i + 1).padStart(5)}  ${sh.history[i]}\n`;
    yield* c.write(1, s);
    return 0;
  }],
  ['exec', function* (sh, c, argv) {
    if (argv.length < 2) return 0;
    yield* c.syscall('getpid');
    throw new ExitShell(yield* sh.execvp(argv.slice(1)));
  }],
  ['.', function* (sh, c, argv) {
    if (!argv[1]) { yield* c.write(2, 'sh: .: filename argument required\n'); return 2; }
    let path = argv[1];
    if (!path.includes('/')) {
      for (const d of (sh.vars.get('PATH') ?? '').split(':')) { const st = yield* c.stat(`${d}/${path}`); if (typeof st !== 'number' && S_ISREG(st.mode)) { path = `${d}/${path}`; break; } }
    }
    const src = yield* c.read_text(path);
    if (typeof src === 'number') { yield* c.write(2, `sh: .: ${argv[1]}: ${strerror(-src)}\n`); return 1; }
    try { return yield* sh.run_source(src); } catch (e) { if (e instanceof ReturnSignal) return e.code; throw e; }
  }],
  ['read', function* (sh, c, argv) {
    let raw = false;
    const names: string[] = [];
    for (let i = 1; i < argv.length; i++) {
      if (argv[i] === '-r') raw = true;
      else if (argv[i] === '-p') yield* c.write(2, argv[++i] ?? '');
      else names.push(argv[i]);
    }
    let line = '';
    let got = false;
    for (;;) {
      const r = yield* c.read(0, 1);
      if (r === -EINTR) continue;
      if (typeof r === 'number' || r.length === 0) break;
      got = true;
      const ch = dec.decode(r);
      if (ch === '\n') { got = true; line += '\n'; break; }
      if (ch === '\\' && !raw) { const n = yield* c.read(0, 1); if (typeof n !== 'number' && n.length && dec.decode(n) !== '\n') line += dec.decode(n); continue; }
      line += ch;
    }
    const ended = line.endsWith('\n');
    line = line.replace(/\n$/, '');
    if (!names.length) names.push('REPLY');
    const ifs = sh.vars.get('IFS') ?? ' \t\n';
    const ws = [...ifs].filter((ch) => ' \t\n'.includes(ch)).join('');
    let rest = ws ? line.replace(new RegExp(`^[${ws.replace(/\t/, '\\t').replace(/\n/, '\\n')}]+`), '') : line;
    names.forEach((n, i) => {
      if (i === names.length - 1) { sh.vars.set(n, ws ? rest.replace(new RegExp(`[${ws.replace(/\t/, '\\t').replace(/\n/, '\\n')}]+$`), '') : rest); return; }
      let k = 0;
      while (k < rest.length && !ifs.includes(rest[k])) k++;
      sh.vars.set(n, rest.slice(0, k));
      rest = rest.slice(k + 1);
      if (ws) rest = rest.replace(new RegExp(`^[${ws.replace(/\t/, '\\t').replace(/\n/, '\\n')}]+`), '');
    });
    return got && ended ? 0 : got ? 1 : 1;
  }],
  ['pwd', function* (_sh, c) { const d = yield* c.getcwd(); if (typeof d === 'number') return 1; yield* c.write(1, `${d}\n`); return 0; }],
]);
BUILTINS.set('source', BUILTINS.get('.')!);

/** What a name is: [path or name, 'shell builtin' | 'function' | 'shell keyword' | 'file'], or null. */
function* describe(sh: Shell, c: Libc, n: string): KGen<[string, string] | null> {
  if (['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', '{', '}', '!', 'in'].includes(n)) return [n, 'shell keyword'];
  if (sh.functions.has(n)) return [n, 'function'];
  if (BUILTINS.has(n)) return [n, SPECIAL_BUILTINS.has(n) ? 'special shell builtin' : 'shell builtin'];
  const cands = n.includes('/') ? [n] : (sh.vars.get('PATH') ?? '').split(':').map((d) => `${d || '.'}/${n}`);
  for (const p of cands) {
    const st = yield* c.stat(p);
    if (typeof st !== 'number' && S_ISREG(st.mode) && (yield* c.access(p, 1)) === 0) return [p, 'file'];
  }
  return null;
}

function pick_job(sh: Shell, spec?: string): Job | undefined {
  if (!spec || spec === '%' || spec === '%%' || spec === '%+') return sh.jobs[sh.jobs.length - 1];
  const n = Number(spec.replace(/^%/, ''));
  return sh.jobs.find((j) => j.id === n);
}

/** /bin/sh: `sh -c CMD [ARG0 ARGS]`, `sh FILE [ARGS]`, or interactive when stdin is a terminal. */
export function* sh_main(c: Libc, argv: string[]): KGen<number> {
  const sh = new Shell(c);
  sh.pid = yield* c.getpid();
  let args = argv.slice(1);
  // Leading option flags: -e -x -f, and -i (interactive), -s (read stdin).
  let force_interactive = false;
  while (args.length && /^[-+][exfis]+$/.test(args[0]) && args[0] !== '-c') {
    for (const f of args[0].slice(1)) { const on = args[0][0] === '-'; if (f === 'e') sh.options.errexit = on; if (f === 'x') sh.options.xtrace = on; if (f === 'f') sh.options.noglob = on; if (f === 'i') force_interactive = on; }
    args = args.slice(1);
  }
  try {
    if (args[0] === '-c') {
      if (args[1] === undefined) { yield* c.write(2, 'sh: -c: option requires an argument\n'); return 2; }
      sh.positional = [args[2] ?? argv[0], ...args.slice(3)];
      return yield* sh.exit_with(yield* sh.run_source(args[1]));
    }
    const file = args.find((a) => !a.startsWith('-'));
    if (file) {
      const src = yield* c.read_text(file);
      if (typeof src === 'number') { yield* c.write(2, `sh: 0: cannot open ${file}: ${strerror(-src)}\n`); return 2; }
      sh.positional = args.slice(args.indexOf(file));
      return yield* sh.exit_with(yield* sh.run_source(src));
    }
    const [istty] = yield* c.ioctl(0, TCGETS, 0, 60);
    if (istty === 0 || force_interactive) return yield* sh.interactive_loop();
    const all = yield* c.read_all(0);
    return yield* sh.exit_with(typeof all === 'number' ? 1 : yield* sh.run_source(dec.decode(all)));
  } catch (e) {
    if (e instanceof ExitShell) return yield* sh.exit_with(e.code);
    if (e instanceof ReturnSignal) return e.code;
    if (e instanceof LoopSignal) return 0;
    throw e;
  }
}

export { TIOCGPGRP, SIGCHLD };
