// strace(1): traces a command's system calls with ptrace(2) and wait4(2), reading the tracee's memory with PTRACE_PEEKDATA, in strace's output format.
//
// Usage: strace [-f] [-o FILE] [-s STRSIZE] CMD [ARG...]
// Argument kinds come from the syscall table (the SYSCALL_DEFINE data), as
// strace's own syscallent tables drive its decoders.
import type { KGen } from '../../include/linux/sched.ts';
import type { ArgKind } from '../../include/linux/syscalls.ts';
import type { Libc } from '../lib/libc.ts';
import { syscall_def_of } from '../../arch/x86/entry/syscall_64.ts';
import { syscall_names } from '../../arch/x86/entry/syscalls/syscall_64.tbl.ts';
import { errname, strerror, ECHILD } from '../../include/uapi/asm-generic/errno.ts';
import { signal_names, SIGSTOP, SIGTRAP } from '../../include/uapi/signal.ts';
import { decode_stat, decode_utsname, STAT_SIZE } from '../../include/uapi/abi.ts';
import {
  O_CREAT, O_WRONLY, O_TRUNC, O_CLOEXEC, S_IFMT, S_IFREG, S_IFDIR, S_IFCHR, S_IFBLK, S_IFIFO, S_IFLNK, S_IFSOCK,
} from '../../include/uapi/stat.ts';

const PTRACE_TRACEME = 0, PTRACE_PEEKDATA = 2, PTRACE_SYSCALL = 24, PTRACE_SETOPTIONS = 0x4200, PTRACE_GET_SYSCALL_INFO = 0x420e;
const PTRACE_O_TRACESYSGOOD = 1, PTRACE_O_TRACEFORK = 2, PTRACE_O_TRACEVFORK = 4, PTRACE_O_TRACECLONE = 8, PTRACE_O_TRACEEXEC = 0x10;
const PTRACE_O_EXITKILL = 0x100000;
const __WALL = 0x40000000;
/** strace's default column for " = " (acolumn) and string size (-s). */
const ACOLUMN = 40;


const OPEN_FLAGS: [number, string][] = [
  [0o100, 'O_CREAT'], [0o200, 'O_EXCL'], [0o400, 'O_NOCTTY'], [0o1000, 'O_TRUNC'], [0o2000, 'O_APPEND'], [0o4000, 'O_NONBLOCK'],
  [0o4010000, 'O_SYNC'], [0o10000, 'O_DSYNC'], [0o20000, 'O_ASYNC'], [0o40000, 'O_DIRECT'], [0o100000, 'O_LARGEFILE'],
  [0o200000, 'O_DIRECTORY'], [0o400000, 'O_NOFOLLOW'], [0o1000000, 'O_NOATIME'], [0o2000000, 'O_CLOEXEC'], [0o10000000, 'O_PATH'],
];
const AT_FLAGS: [number, string][] = [[0x100, 'AT_SYMLINK_NOFOLLOW'], [0x200, 'AT_REMOVEDIR'], [0x400, 'AT_SYMLINK_FOLLOW'], [0x800, 'AT_NO_AUTOMOUNT'], [0x1000, 'AT_EMPTY_PATH']];
const MS_FLAGS: [number, string][] = [
  [1, 'MS_RDONLY'], [2, 'MS_NOSUID'], [4, 'MS_NODEV'], [8, 'MS_NOEXEC'], [16, 'MS_SYNCHRONOUS'], [32, 'MS_REMOUNT'],
  [64, 'MS_MANDLOCK'], [128, 'MS_DIRSYNC'], [256, 'MS_NOSYMFOLLOW'], [1024, 'MS_NOATIME'], [2048, 'MS_NODIRATIME'], [4096, 'MS_BIND'],
  [8192, 'MS_MOVE'], [16384, 'MS_REC'], [32768, 'MS_SILENT'], [1 << 16, 'MS_POSIXACL'], [1 << 17, 'MS_UNBINDABLE'], [1 << 18, 'MS_PRIVATE'],
  [1 << 19, 'MS_SLAVE'], [1 << 20, 'MS_SHARED'], [1 << 21, 'MS_RELATIME'], [1 << 24, 'MS_STRICTATIME'], [1 << 25, 'MS_LAZYTIME'],
];
const CLONE_FLAGS: [number, string][] = [
  [0x100, 'CLONE_VM'], [0x200, 'CLONE_FS'], [0x400, 'CLONE_FILES'], [0x800, 'CLONE_SIGHAND'], [0x1000, 'CLONE_PIDFD'], [0x2000, 'CLONE_PTRACE'],
  [0x4000, 'CLONE_VFORK'], [0x8000, 'CLONE_PARENT'], [0x10000, 'CLONE_THREAD'], [0x20000, 'CLONE_NEWNS'], [0x40000, 'CLONE_SYSVSEM'],
  [0x80000, 'CLONE_SETTLS'], [0x100000, 'CLONE_PARENT_SETTID'], [0x200000, 'CLONE_CHILD_CLEARTID'], [0x400000, 'CLONE_DETACHED'],
  [0x800000, 'CLONE_UNTRACED'], [0x1000000, 'CLONE_CHILD_SETTID'], [0x2000000, 'CLONE_NEWCGROUP'], [0x4000000, 'CLONE_NEWUTS'],
  [0x8000000, 'CLONE_NEWIPC'], [0x10000000, 'CLONE_NEWUSER'], [0x20000000, 'CLONE_NEWPID'], [0x40000000, 'CLONE_NEWNET'], [0x80000000, 'CLONE_IO'],
];
const FCNTL_CMDS: Record<number, string> = {
  0: 'F_DUPFD', 1: 'F_GETFD', 2: 'F_SETFD', 3: 'F_GETFL', 4: 'F_SETFL', 5: 'F_GETLK', 6: 'F_SETLK', 7: 'F_SETLKW', 1030: 'F_DUPFD_CLOEXEC',
};
const WHENCE = ['SEEK_SET', 'SEEK_CUR', 'SEEK_END', 'SEEK_DATA', 'SEEK_HOLE'];
const IOCTLS: Record<number, string> = {
  0x5401: 'TCGETS', 0x5402: 'TCSETS', 0x5403: 'TCSETSW', 0x5404: 'TCSETSF', 0x540b: 'TCFLSH', 0x540e: 'TIOCSCTTY', 0x540f: 'TIOCGPGRP',
  0x5410: 'TIOCSPGRP', 0x5413: 'TIOCGWINSZ', 0x5414: 'TIOCSWINSZ', 0x541b: 'FIONREAD', 0x5421: 'FIONBIO', 0x5422: 'TIOCNOTTY', 0x5429: 'TIOCGSID',
};
const PTRACE_REQUESTS: Record<number, string> = {
  0: 'PTRACE_TRACEME', 1: 'PTRACE_PEEKTEXT', 2: 'PTRACE_PEEKDATA', 3: 'PTRACE_PEEKUSER', 4: 'PTRACE_POKETEXT', 5: 'PTRACE_POKEDATA',
  7: 'PTRACE_CONT', 8: 'PTRACE_KILL', 9: 'PTRACE_SINGLESTEP', 16: 'PTRACE_ATTACH', 17: 'PTRACE_DETACH', 24: 'PTRACE_SYSCALL',
  0x4200: 'PTRACE_SETOPTIONS', 0x4201: 'PTRACE_GETEVENTMSG', 0x4202: 'PTRACE_GETSIGINFO', 0x4206: 'PTRACE_SEIZE',
  0x4207: 'PTRACE_INTERRUPT', 0x4208: 'PTRACE_LISTEN', 0x420e: 'PTRACE_GET_SYSCALL_INFO',
};
const RLIMITS = ['RLIMIT_CPU', 'RLIMIT_FSIZE', 'RLIMIT_DATA', 'RLIMIT_STACK', 'RLIMIT_CORE', 'RLIMIT_RSS', 'RLIMIT_NPROC', 'RLIMIT_NOFILE',
  'RLIMIT_MEMLOCK', 'RLIMIT_AS', 'RLIMIT_LOCKS', 'RLIMIT_SIGPENDING', 'RLIMIT_MSGQUEUE', 'RLIMIT_NICE', 'RLIMIT_RTPRIO', 'RLIMIT_RTTIME'];
const RESTART_ERRNOS: Record<number, [string, string]> = {
  512: ['ERESTARTSYS', 'To be restarted if SA_RESTART is set'], 513: ['ERESTARTNOINTR', 'To be restarted'],
  514: ['ERESTARTNOHAND', 'To be restarted if no handler'], 516: ['ERESTART_RESTARTBLOCK', 'Interrupted by signal'],
};
const FILE_TYPES: [number, string][] = [[S_IFREG, 'S_IFREG'], [S_IFDIR, 'S_IFDIR'], [S_IFCHR, 'S_IFCHR'], [S_IFBLK, 'S_IFBLK'], [S_IFIFO, 'S_IFIFO'], [S_IFLNK, 'S_IFLNK'], [S_IFSOCK, 'S_IFSOCK']];

const hex = (n: number): string => '0x' + (n < 0 ? BigInt.asUintN(64, BigInt(Math.trunc(n))) : BigInt(Math.trunc(n))).toString(16);
const octal = (n: number): string => '0' + (n >>> 0).toString(8).padStart(2, '0');
const signame = (s: number): string => signal_names[s] || (s >= 32 && s <= 64 ? (s === 32 ? 'SIGRTMIN' : `SIGRT_${s - 32}`) : String(s));

function flags(v: number, table: [number, string][], zero = '0'): string {
  const out: string[] = [];
  let rest = v >>> 0;
  for (const [bit, name] of table) {
    if ((rest & bit) === bit && bit !== 0) { out.push(name); rest &= ~bit >>> 0; }
  }
  if (rest) out.push(hex(rest));
  return out.length ? out.join('|') : zero;
}

function oflags(v: number): string {
  const acc = ['O_RDONLY', 'O_WRONLY', 'O_RDWR', '0x3'][v & 3];
  const rest = flags(v & ~3, OPEN_FLAGS, '');
  return rest ? `${acc}|${rest}` : acc;
}

/** strace's string quoting: C escapes, octal for other unprintables. */
function quote(b: Uint8Array): string {
  let s = '"';
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    const esc: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
    if (esc[c]) s += esc[c];
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else {
      const next = b[i + 1];
      const o = c.toString(8);
      s += '\\' + (next !== undefined && next >= 0x30 && next <= 0x37 ? o.padStart(3, '0') : o);
    }
  }
  return s + '"';
}

function errno_ret(ret: number): string {
  const e = -ret;
  const r = RESTART_ERRNOS[e];
  if (r) return `? ${r[0]} (${r[1]})`;
  const name = errname(e);
  return `-1 ${name} (${strerror(e)})`;
}

function wstatus(s: number): string {
  const sig = s & 0x7f;
  if (sig === 0) return `{WIFEXITED(s) && WEXITSTATUS(s) == ${(s >> 8) & 0xff}}`;
  if (sig === 0x7f) {
    if ((s & 0xffff) === 0xffff) return '{WIFCONTINUED(s)}';
    const ev = s >> 16;
    return `{WIFSTOPPED(s) && WSTOPSIG(s) == ${signame((s >> 8) & 0xff)}${ev ? ` && WSTOPEVENT(s) == ${ev}` : ''}}`;
  }
  return `{WIFSIGNALED(s) && WTERMSIG(s) == ${signame(sig)}${s & 0x80 ? ' && WCOREDUMP(s)' : ''}}`;
}

interface proc {
  pid: number;
  /** In a syscall (between the entry and exit stop): its name and what remains to print at exit. */
  insyscall: { nr: number; name: string; args: number[] } | null;
  /** The initial SIGSTOP of a new tracee has not been seen yet. */
  fresh: boolean;
}

/** The tracer: options, output and the set of tracees. */
class Tracer {
  readonly procs = new Map<number, proc>();
  /** Column of the last line strace printed (tracee output doesn't count, as in strace). */
  col = 0;
  /** The pid whose line is open (entry printed, exit not yet). */
  open: number | null = null;
  private word = 0;
  private info = 0;
  constructor(readonly c: Libc, readonly out: number, readonly follow: boolean, readonly strsize: number) {
    this.word = c.alloc(8);
    this.info = c.alloc(96);
  }

  *print(s: string): KGen<void> {
    if (!s) return;
    const nl = s.lastIndexOf('\n');
    this.col = nl < 0 ? this.col + s.length : s.length - nl - 1;
    yield* this.c.write(this.out, s);
  }

  prefix(pid: number): string {
    return this.follow && this.procs.size > 1 ? `[pid ${String(pid).padStart(5)}] ` : '';
  }

  /** Reads `len` bytes of the tracee's memory a word at a time (PTRACE_PEEKDATA); null if unreadable. */
  *peek(pid: number, addr: number, len: number): KGen<Uint8Array | null> {
    const out = new Uint8Array(len);
    for (let o = 0; o < len; o += 8) {
      const r = yield* this.c.syscall('ptrace', PTRACE_PEEKDATA, pid, addr + o, this.word);
      if (r < 0) {
        if (o === 0) return null;
        return out.subarray(0, o);
      }
      out.set(this.c.get(this.word, Math.min(8, len - o)), o);
    }
    return out;
  }

  /** A NUL-terminated string, as strace prints it (at most strsize bytes, then "..."). */
  *str(pid: number, addr: number): KGen<string> {
    if (addr === 0) return 'NULL';
    const bytes: number[] = [];
    for (let o = 0; bytes.length <= this.strsize; o += 8) {
      const w = yield* this.peek(pid, addr + o, 8);
      if (!w) { if (o === 0) return hex(addr); break; }
      const z = w.indexOf(0);
      bytes.push(...(z < 0 ? w : w.subarray(0, z)));
      if (z >= 0) break;
    }
    if (bytes.length > this.strsize) return quote(Uint8Array.from(bytes.slice(0, this.strsize))) + '...';
    return quote(Uint8Array.from(bytes));
  }

  *buf(pid: number, addr: number, len: number): KGen<string> {
    if (len <= 0) return '""';
    const n = Math.min(len, this.strsize);
    const b = yield* this.peek(pid, addr, n);
    if (!b) return hex(addr);
    return quote(b) + (len > this.strsize ? '...' : '');
  }

  *u64(pid: number, addr: number): KGen<number | null> {
    const b = yield* this.peek(pid, addr, 8);
    return b ? Number(new DataView(b.buffer, b.byteOffset).getBigUint64(0, true)) : null;
  }

  *argv(pid: number, addr: number): KGen<string> {
    if (addr === 0) return 'NULL';
    const items: string[] = [];
    for (let i = 0; i < 4096; i++) {
      const p = yield* this.u64(pid, addr + i * 8);
      if (p === null) return hex(addr);
      if (p === 0) break;
      items.push(yield* this.str(pid, p));
    }
    return `[${items.join(', ')}]`;
  }

  *envp(pid: number, addr: number): KGen<string> {
    if (addr === 0) return 'NULL';
    let n = 0;
    for (; n < 4096; n++) {
      const p = yield* this.u64(pid, addr + n * 8);
      if (p === null) return hex(addr);
      if (p === 0) break;
    }
    return `${hex(addr)} /* ${n} var${n === 1 ? '' : 's'} */`;
  }

  *stat(pid: number, addr: number): KGen<string> {
    const b = yield* this.peek(pid, addr, STAT_SIZE);
    if (!b || b.length < STAT_SIZE) return hex(addr);
    const st = decode_stat(b);
    const type = FILE_TYPES.find(([t]) => (st.mode & S_IFMT) === t)?.[1] ?? octal(st.mode & S_IFMT);
    const mode = `st_mode=${type}|${octal(st.mode & 0o7777)}`;
    if ((st.mode & S_IFMT) === S_IFCHR || (st.mode & S_IFMT) === S_IFBLK) {
      const major = (st.rdev >>> 8) & 0xfff, minor = (st.rdev & 0xff) | ((st.rdev >>> 12) & 0xfff00);
      return `{${mode}, st_rdev=makedev(${hex(major)}, ${hex(minor)}), ...}`;
    }
    return `{${mode}, st_size=${st.size}, ...}`;
  }

  *utsname(pid: number, addr: number): KGen<string> {
    const b = yield* this.peek(pid, addr, 390);
    if (!b || b.length < 390) return hex(addr);
    const u = decode_utsname(b);
    return `{sysname=${JSON.stringify(u.sysname)}, nodename=${JSON.stringify(u.nodename)}, ...}`;
  }

  *timespec(pid: number, addr: number): KGen<string> {
    if (addr === 0) return 'NULL';
    const b = yield* this.peek(pid, addr, 16);
    if (!b || b.length < 16) return hex(addr);
    const dv = new DataView(b.buffer, b.byteOffset);
    return `{tv_sec=${dv.getBigInt64(0, true)}, tv_nsec=${dv.getBigInt64(8, true)}}`;
  }

  *pipefds(pid: number, addr: number): KGen<string> {
    const b = yield* this.peek(pid, addr, 8);
    if (!b || b.length < 8) return hex(addr);
    const dv = new DataView(b.buffer, b.byteOffset);
    return `[${dv.getInt32(0, true)}, ${dv.getInt32(4, true)}]`;
  }

  /** One argument. `ret` is the call's result when printing at exit. */
  *arg(pid: number, name: string, kind: ArgKind, args: number[], i: number, ret: number | null): KGen<string> {
    const v = args[i];
    const failed = ret !== null && ret < 0;
    // Per-call decoders, as strace has them.
    if (kind === 'struct_out' || kind === 'ptr') {
      if (v === 0) return 'NULL';
      if (failed) return hex(v);
      if (/^(newfstatat|fstat|stat|lstat)$/.test(name)) return yield* this.stat(pid, v);
      if (name === 'uname') return yield* this.utsname(pid, v);
      if (name === 'clock_gettime' || name === 'clock_getres') return yield* this.timespec(pid, v);
      if (name === 'pipe2' || name === 'pipe') return yield* this.pipefds(pid, v);
      if (name === 'getdents64' && ret !== null) return `${hex(v)} /* ${ret} bytes */`;
      return hex(v);
    }
    switch (kind) {
      case 'int':
        if (name === 'fcntl' && i === 1) return FCNTL_CMDS[v] ?? String(v);
        if ((name === 'getrlimit' || name === 'setrlimit' || name === 'prlimit64') && i === (name === 'prlimit64' ? 1 : 0)) return RLIMITS[v] ?? String(v);
        return String(Number.isSafeInteger(v) && Math.abs(v) < 2 ** 32 ? v | 0 : v);
      case 'uint': case 'size': return String(v < 0 ? BigInt.asUintN(64, BigInt(Math.trunc(v))) : v);
      case 'hex':
        if (name === 'fcntl' && i === 2 && (args[1] === 0 || args[1] === 1030)) return String(v);
        if (name === 'fcntl' && i === 2 && args[1] === 2) return v & 1 ? 'FD_CLOEXEC' : String(v);
        if (name === 'fcntl' && i === 2 && args[1] === 4) return oflags(v);
        return v === 0 ? '0' : hex(v);
      case 'fd': return String(v | 0);
      case 'dirfd': return (v | 0) === -100 ? 'AT_FDCWD' : String(v | 0);
      case 'path': case 'str': return yield* this.str(pid, v);
      case 'oflags': return name === 'pipe2' || name === 'dup3' ? flags(v, OPEN_FLAGS) : oflags(v);
      case 'mode': return octal(v);
      case 'signal': return v === 0 ? '0' : signame(v);
      case 'whence': return WHENCE[v] ?? String(v);
      case 'atflags': return flags(v, AT_FLAGS);
      case 'mflags': return flags(v, MS_FLAGS);
      case 'clone_flags': return `flags=${flags(v & ~0xff, CLONE_FLAGS, '')}${v & ~0xff && v & 0xff ? '|' : ''}${v & 0xff ? signame(v & 0xff) : ''}` || 'flags=0';
      case 'ioctl': return IOCTLS[v >>> 0] ?? hex(v >>> 0);
      case 'ptrace_request': return PTRACE_REQUESTS[v] ?? hex(v);
      case 'argv': return yield* this.argv(pid, v);
      case 'envp': return yield* this.envp(pid, v);
      case 'struct_in':
        if (v === 0) return 'NULL';
        if (name === 'nanosleep' || name === 'clock_nanosleep') return yield* this.timespec(pid, v);
        return hex(v);
      case 'wstatus': {
        if (v === 0) return 'NULL';
        if (failed || ret === 0) return hex(v);
        const b = yield* this.peek(pid, v, 4);
        return b && b.length >= 4 ? `[${wstatus(new DataView(b.buffer, b.byteOffset).getInt32(0, true))}]` : hex(v);
      }
      default: {
        const m = /^buf_(in|out):(\d+)$/.exec(kind);
        if (m) {
          if (m[1] === 'in') return yield* this.buf(pid, v, args[Number(m[2])]);
          if (failed) return hex(v);
          return yield* this.buf(pid, v, ret ?? 0);
        }
        return hex(v);
      }
    }
  }

  /** Argument kinds of a call; unknown calls print their raw arguments. */
  kinds(nr: number): ArgKind[] {
    const def = syscall_def_of(nr);
    if (def) return def.args;
    return ['hex', 'hex', 'hex', 'hex', 'hex', 'hex'];
  }

  /** Which arguments are printed after the call (outputs), as strace decodes them on exiting. */
  static is_out(name: string, kind: ArgKind): boolean {
    if (kind === 'struct_out' || kind === 'wstatus' || kind.startsWith('buf_out')) return true;
    if (kind === 'ptr' && /^(pipe2?|getdents64|readlinkat)$/.test(name)) return true;
    return false;
  }

  /** Arguments to print: openat's mode only with O_CREAT/O_TMPFILE, as strace does. */
  static nargs(name: string, kinds: ArgKind[], args: number[]): number {
    if (name === 'fcntl' && [1, 3].includes(args[1])) return 2;
    if ((name === 'openat' || name === 'open') && !(args[name === 'open' ? 1 : 2] & (O_CREAT | 0o20000000))) return kinds.length - 1;
    return kinds.length;
  }

  *syscall_entry(p: proc, nr: number, args: number[]): KGen<void> {
    yield* this.close_open_line(p.pid);
    const name = syscall_names[nr] || `syscall_${hex(nr)}`;
    const kinds = this.kinds(nr);
    const n = Tracer.nargs(name, kinds, args);
    let s = `${this.prefix(p.pid)}${name}(`;
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      if (Tracer.is_out(name, kinds[i])) break;
      if (name === 'clone' && i === 0) { parts.push('child_stack=NULL', yield* this.arg(p.pid, name, kinds[i], args, i, null)); continue; }
      if (name === 'clone' && i > 0) break;
      parts.push(yield* this.arg(p.pid, name, kinds[i], args, i, null));
    }
    s += parts.join(', ');
    // strace prints the separator before an output argument at entry: "read(3, ".
    if (name !== 'clone' && parts.length > 0 && parts.length < n) s += ', ';
    p.insyscall = { nr, name, args };
    (p as proc & { printed: number }).printed = parts.length - (name === 'clone' ? 1 : 0);
    this.open = p.pid;
    yield* this.print(s);
  }

  /** Another tracee's event interrupts an open line: " <unfinished ...>". */
  *close_open_line(pid: number): KGen<void> {
    if (this.open !== null && this.open !== pid) {
      yield* this.print(' <unfinished ...>\n');
      const other = this.procs.get(this.open);
      if (other?.insyscall) (other as proc & { resumed: boolean }).resumed = true;
    }
    this.open = null;
  }

  *syscall_exit(p: proc, ret: number): KGen<void> {
    const sc = p.insyscall;
    if (!sc) return;
    const pp = p as proc & { printed: number; resumed?: boolean };
    let s = '';
    if (this.open !== p.pid) {
      yield* this.close_open_line(p.pid);
      s += `${this.prefix(p.pid)}<... ${sc.name} resumed>`;
      pp.resumed = false;
    }
    const kinds = this.kinds(sc.nr);
    const n = Tracer.nargs(sc.name, kinds, sc.args);
    const rest: string[] = [];
    if (sc.name !== 'clone') {
      for (let i = pp.printed; i < n; i++) rest.push(yield* this.arg(p.pid, sc.name, kinds[i], sc.args, i, ret));
    }
    s += rest.join(', ') + ') ';
    const padded = this.col + s.length < ACOLUMN ? s + ' '.repeat(ACOLUMN - this.col - s.length) : s;
    const value = ret < 0 && ret >= -4095 ? errno_ret(ret) : /^(mmap|brk|mremap)$/.test(sc.name) ? hex(ret) : String(ret);
    yield* this.print(`${padded}= ${value}\n`);
    p.insyscall = null;
    this.open = null;
  }

  /** A tracee exited while in a syscall (exit_group): "= ?". */
  *finish_exit(p: proc): KGen<void> {
    if (!p.insyscall) return;
    let s = '';
    if (this.open !== p.pid) {
      yield* this.close_open_line(p.pid);
      s += `${this.prefix(p.pid)}<... ${p.insyscall.name} resumed>`;
    }
    s += ') ';
    const padded = this.col + s.length < ACOLUMN ? s + ' '.repeat(ACOLUMN - this.col - s.length) : s;
    yield* this.print(`${padded}= ?\n`);
    p.insyscall = null;
    this.open = null;
  }

  /** PTRACE_GET_SYSCALL_INFO: [op, nr, args] at entry, [op, rval] at exit. */
  *syscall_info(pid: number): KGen<{ op: number; nr: number; args: number[]; rval: number } | null> {
    const r = yield* this.c.syscall('ptrace', PTRACE_GET_SYSCALL_INFO, pid, 88, this.info);
    if (r < 0) return null;
    const b = this.c.get(this.info, 88);
    const dv = new DataView(b.buffer);
    const op = b[0];
    const s64 = (o: number): number => Number(dv.getBigInt64(o, true));
    return { op, nr: op === 1 ? s64(24) : 0, args: op === 1 ? [0, 1, 2, 3, 4, 5].map((i) => s64(32 + i * 8)) : [], rval: op === 2 ? s64(24) : 0 };
  }
}

function* find_in_path(c: Libc, cmd: string): KGen<string | null> {
  if (cmd.includes('/')) return cmd;
  for (const dir of (c.getenv('PATH') ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':')) {
    const p = `${dir || '.'}/${cmd}`;
    const st = yield* c.stat(p);
    if (typeof st !== 'number' && (st.mode & S_IFMT) === S_IFREG) return p;
  }
  return null;
}

const USAGE = 'Usage: strace [-f] [-o FILE] [-s STRSIZE] PROG [ARGS]\n';

export function* strace_main(c: Libc, argv: string[]): KGen<number> {
  let follow = false, outfile = '', strsize = 32;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-f') follow = true;
    else if (a === '-o' || a === '-s') {
      const v = argv[++i];
      if (v === undefined) { yield* c.write(2, `strace: option requires an argument -- '${a[1]}'\n${USAGE}`); return 1; }
      if (a === '-o') outfile = v; else strsize = Math.max(0, Number(v) | 0);
    } else if (/^-o./.test(a)) outfile = a.slice(2);
    else { yield* c.write(2, `strace: invalid option -- '${a.slice(1)}'\n${USAGE}`); return 1; }
  }
  const cmd = argv.slice(i);
  if (cmd.length === 0) { yield* c.write(2, `strace: must have PROG [ARGS] or -p PID\n${USAGE}`); return 1; }
  const path = yield* find_in_path(c, cmd[0]);
  if (!path) { yield* c.write(2, `strace: Can't stat '${cmd[0]}': No such file or directory\n`); return 1; }
  let out = 2;
  if (outfile) {
    out = yield* c.open(outfile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666);
    if (out < 0) { yield* c.write(2, `strace: Can't fopen '${outfile}': ${strerror(-out)}\n`); return 1; }
  }
  const env = c.environ();
  const child = yield* c.fork(function* (cc) {
    // The child asks to be traced, stops so the tracer can set options, then execs the command.
    yield* cc.syscall('ptrace', PTRACE_TRACEME, 0, 0, 0);
    yield* cc.kill(yield* cc.getpid(), SIGSTOP);
    const e = yield* cc.execve(path, cmd, env);
    yield* cc.write(2, `strace: exec: ${strerror(-e)}\n`);
    return 1;
  });
  if (child < 0) { yield* c.write(2, `strace: fork: ${strerror(-child)}\n`); return 1; }
  const tr = new Tracer(c, out, follow, strsize);
  tr.procs.set(child, { pid: child, insyscall: null, fresh: true });
  const options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL | (follow ? PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE : 0);
  let status = 0;
  for (;;) {
    const w = yield* c.waitpid(-1, __WALL);
    if (typeof w === 'number') {
      if (w === -ECHILD) break;
      continue;
    }
    const [pid, st] = w;
    let p = tr.procs.get(pid);
    if (!p) { p = { pid, insyscall: null, fresh: true }; tr.procs.set(pid, p); }
    const sig = st & 0x7f;
    if (sig === 0 || (sig !== 0x7f && sig !== 0)) {
      // Exited or killed.
      yield* tr.finish_exit(p);
      yield* tr.close_open_line(pid);
      const msg = sig === 0 ? `+++ exited with ${(st >> 8) & 0xff} +++` : `+++ killed by ${signame(sig)}${st & 0x80 ? ' (core dumped)' : ''} +++`;
      yield* tr.print(`${tr.prefix(pid)}${msg}\n`);
      tr.procs.delete(pid);
      if (pid === child) status = sig === 0 ? (st >> 8) & 0xff : 128 + sig;
      continue;
    }
    const stopsig = (st >> 8) & 0xff;
    const event = st >> 16;
    let inject = 0;
    if (p.fresh) {
      // The first stop of a tracee (its SIGSTOP): set the options and start tracing its syscalls.
      p.fresh = false;
      yield* c.syscall('ptrace', PTRACE_SETOPTIONS, pid, 0, options);
    } else if (stopsig === (SIGTRAP | 0x80)) {
      const info = yield* tr.syscall_info(pid);
      if (info?.op === 1) yield* tr.syscall_entry(p, info.nr, info.args);
      else if (info?.op === 2) yield* tr.syscall_exit(p, info.rval);
    } else if (event) {
      // A fork/vfork/clone event stop names the new tracee (PTRACE_GETEVENTMSG): strace counts it from here, so the
      // parent's next line already has its [pid N] prefix even when the parent runs before the child's first stop.
      if (event >= 1 && event <= 3) {
        const msg = c.alloc(8);
        if ((yield* c.syscall('ptrace', 0x4201, pid, 0, msg)) === 0) {
          const np = new DataView(c.mem().buffer, c.mem().byteOffset + msg, 8).getUint32(0, true);
          if (np > 0 && !tr.procs.has(np)) tr.procs.set(np, { pid: np, insyscall: null, fresh: true });
        }
      }
    } else {
      yield* tr.close_open_line(pid);
      yield* tr.print(`${tr.prefix(pid)}--- ${signame(stopsig)} {si_signo=${signame(stopsig)}} ---\n`);
      inject = stopsig;
    }
    yield* c.syscall('ptrace', PTRACE_SYSCALL, pid, 0, inject);
  }
  if (out !== 2) yield* c.close(out);
  return status;
}
