// Models GNU coreutils test(1) and [(1): POSIX argument-count rules, file, string and integer primaries, !, -a, -o and parentheses.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc, kstat } from '../../lib/libc.ts';
import { S_ISDIR, S_ISREG, S_ISCHR, S_ISBLK, S_ISLNK, S_ISFIFO, S_ISSOCK, S_ISUID, S_ISGID, S_ISVTX } from '../../../include/uapi/stat.ts';

class test_error { constructor(readonly msg: string) {} }

const UNARY = new Set(['-e', '-f', '-d', '-c', '-b', '-L', '-h', '-p', '-S', '-r', '-w', '-x', '-s', '-z', '-n', '-t', '-u', '-g', '-k', '-O', '-G', '-N']);
const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '<', '>']);

/** Evaluates a test expression; throws test_error on a syntax error. Uses system calls for file tests. */
export function* eval_test(c: Libc, args: string[]): KGen<boolean> {
  let pos = 0;
  const q = (s: string): string => `'${s}'`;
  const int = (s: string): number => {
    const t = s.trim();
    if (!/^[-+]?\d+$/.test(t)) throw new test_error(`invalid integer ${q(s)}`);
    return Number(t);
  };
  function* file(path: string, follow = true): KGen<kstat | null> { const s = yield* c.stat(path, follow); return typeof s === 'number' ? null : s; }
  function* unary(op: string, a: string): KGen<boolean> {
    switch (op) {
      case '-z': return a.length === 0;
      case '-n': return a.length > 0;
      case '-t': { const [r] = yield* c.ioctl(int(a), 0x5401, 0, 60); return r === 0; }
      case '-L': case '-h': { const s = yield* file(a, false); return !!s && S_ISLNK(s.mode); }
      case '-r': return (yield* c.access(a, 4)) === 0;
      case '-w': return (yield* c.access(a, 2)) === 0;
      case '-x': return (yield* c.access(a, 1)) === 0;
    }
    const s = yield* file(a);
    if (!s) return false;
    switch (op) {
      case '-e': return true;
      case '-f': return S_ISREG(s.mode);
      case '-d': return S_ISDIR(s.mode);
      case '-c': return S_ISCHR(s.mode);
      case '-b': return S_ISBLK(s.mode);
      case '-p': return S_ISFIFO(s.mode);
      case '-S': return S_ISSOCK(s.mode);
      case '-s': return s.size > 0;
      case '-u': return (s.mode & S_ISUID) !== 0;
      case '-g': return (s.mode & S_ISGID) !== 0;
      case '-k': return (s.mode & S_ISVTX) !== 0;
      case '-O': return s.uid === (yield* c.syscall('geteuid'));
      case '-G': return s.gid === (yield* c.syscall('getegid'));
      case '-N': return s.mtime_ns > s.atime_ns;
    }
    return false;
  }
  function* binary(a: string, op: string, b: string): KGen<boolean> {
    switch (op) {
      case '=': case '==': return a === b;
      case '!=': return a !== b;
      case '<': return a < b;
      case '>': return a > b;
      case '-eq': return int(a) === int(b);
      case '-ne': return int(a) !== int(b);
      case '-lt': return int(a) < int(b);
      case '-le': return int(a) <= int(b);
      case '-gt': return int(a) > int(b);
      case '-ge': return int(a) >= int(b);
    }
    const sa = yield* file(a), sb = yield* file(b);
    if (op === '-ef') return !!sa && !!sb && sa.dev === sb.dev && sa.ino === sb.ino;
    if (op === '-nt') return !!sa && (!sb || sa.mtime_ns > sb.mtime_ns);
    if (op === '-ot') return !!sb && (!sa || sa.mtime_ns < sb.mtime_ns);
    return false;
  }
  // Recursive descent over args[pos..end).
  function* expr(end: number): KGen<boolean> {
    let v = yield* and_expr(end);
    while (pos < end && args[pos] === '-o') { pos++; const r = yield* and_expr(end); v = v || r; }
    return v;
  }
  function* and_expr(end: number): KGen<boolean> {
    let v = yield* not_expr(end);
    while (pos < end && args[pos] === '-a') { pos++; const r = yield* not_expr(end); v = v && r; }
    return v;
  }
  function* not_expr(end: number): KGen<boolean> {
    if (pos < end && args[pos] === '!' && end - pos > 1) { pos++; return !(yield* not_expr(end)); }
    return yield* primary(end);
  }
  function* primary(end: number): KGen<boolean> {
    if (pos >= end) throw new test_error(`argument expected`);
    const a = args[pos];
    if (a === '(' && end - pos > 1) {
      // "( x )" with a binary operator inside is still a group.
      pos++;
      const v = yield* expr(end);
      if (args[pos] !== ')') throw new test_error(pos < end ? `${q(')')} expected, found ${q(args[pos])}` : `${q(')')} expected`);
      pos++;
      return v;
    }
    if (end - pos >= 3 && BINARY.has(args[pos + 1])) { const r = yield* binary(a, args[pos + 1], args[pos + 2]); pos += 3; return r; }
    if (UNARY.has(a) && end - pos >= 2) { pos += 2; return yield* unary(a, args[pos - 1]); }
    if (UNARY.has(a) && end - pos === 1 && args.length > 1) throw new test_error(`missing argument after ${q(a)}`);
    pos++;
    return a.length > 0;
  }
  const n = args.length;
  // POSIX rules by argument count.
  if (n === 0) return false;
  if (n === 1) return args[0].length > 0;
  if (n === 2) {
    if (args[0] === '!') return args[1].length === 0;
    if (UNARY.has(args[0])) return yield* unary(args[0], args[1]);
    throw new test_error(`${q(args[0])}: unary operator expected`);
  }
  if (n === 3) {
    if (BINARY.has(args[1])) return yield* binary(args[0], args[1], args[2]);
    if (args[1] === '-a' || args[1] === '-o') { const a = args[0].length > 0, b = args[2].length > 0; return args[1] === '-a' ? a && b : a || b; }
    if (args[0] === '!') { const r = yield* eval_test(c, args.slice(1)); return !r; }
    if (args[0] === '(' && args[2] === ')') return args[1].length > 0;
    throw new test_error(`${q(args[1])}: binary operator expected`);
  }
  if (n === 4) {
    if (args[0] === '!') { const r = yield* eval_test(c, args.slice(1)); return !r; }
    if (args[0] === '(' && args[3] === ')') return yield* eval_test(c, args.slice(1, 3));
  }
  const v = yield* expr(n);
  if (pos < n) throw new test_error(`extra argument ${q(args[pos])}`);
  return v;
}

export function* test_main(c: Libc, argv: string[]): KGen<number> {
  const bracket = argv[0].endsWith('[');
  const prog = bracket ? '[' : 'test';
  let args = argv.slice(1);
  if (bracket) {
    if (args.length === 1 && (args[0] === '--help' || args[0] === '--version')) return 0;
    if (args[args.length - 1] !== ']') { yield* c.write(2, `[: missing ']'\n`); return 2; }
    args = args.slice(0, -1);
  }
  try {
    return (yield* eval_test(c, args)) ? 0 : 1;
  } catch (e) {
    if (e instanceof test_error) { yield* c.write(2, `${prog}: ${e.msg}\n`); return 2; }
    throw e;
  }
}
