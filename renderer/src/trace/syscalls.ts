// System call tracepoints (syscalls:sys_NAME with nr, ret and the raw argument words) decoded the way strace prints them: argument names by kind, flag words as FLAG|FLAG, AT_FDCWD, NULL and addresses, -1 ENOENT for an error return.
/** How one argument word reads. */
type Kind = 'fd' | 'dirfd' | 'ptr' | 'path' | 'int' | 'uint' | 'hex' | 'oflags' | 'mode' | 'atflags' | 'prot' | 'mapflags' | 'whence' | 'signal' | 'clone' | 'unshare' | 'ioctl' | 'fcntl';

/** The argument kinds of the system calls a learner meets (x86_64 names); a pathname or buffer is a user pointer (the tracepoint carries no strings). */
const SIGNATURES: Record<string, Kind[]> = {
  read: ['fd', 'ptr', 'uint'], write: ['fd', 'ptr', 'uint'], pread64: ['fd', 'ptr', 'uint', 'int'], pwrite64: ['fd', 'ptr', 'uint', 'int'],
  readv: ['fd', 'ptr', 'int'], writev: ['fd', 'ptr', 'int'],
  open: ['path', 'oflags', 'mode'], openat: ['dirfd', 'path', 'oflags', 'mode'], creat: ['path', 'mode'], close: ['fd'],
  stat: ['path', 'ptr'], lstat: ['path', 'ptr'], fstat: ['fd', 'ptr'], newfstatat: ['dirfd', 'path', 'ptr', 'atflags'], statx: ['dirfd', 'path', 'atflags', 'hex', 'ptr'],
  lseek: ['fd', 'int', 'whence'], mmap: ['ptr', 'uint', 'prot', 'mapflags', 'fd', 'hex'], mprotect: ['ptr', 'uint', 'prot'], munmap: ['ptr', 'uint'], brk: ['ptr'],
  ioctl: ['fd', 'ioctl', 'hex'], fcntl: ['fd', 'fcntl', 'hex'], access: ['path', 'int'], faccessat: ['dirfd', 'path', 'int'], faccessat2: ['dirfd', 'path', 'int', 'atflags'],
  pipe: ['ptr'], pipe2: ['ptr', 'oflags'], dup: ['fd'], dup2: ['fd', 'fd'], dup3: ['fd', 'fd', 'oflags'],
  poll: ['ptr', 'uint', 'int'], ppoll: ['ptr', 'uint', 'ptr', 'ptr', 'uint'], select: ['int', 'ptr', 'ptr', 'ptr', 'ptr'], pselect6: ['int', 'ptr', 'ptr', 'ptr', 'ptr', 'ptr'],
  getdents64: ['fd', 'ptr', 'uint'], getcwd: ['ptr', 'uint'], chdir: ['path'], fchdir: ['fd'], chroot: ['path'],
  mkdir: ['path', 'mode'], mkdirat: ['dirfd', 'path', 'mode'], rmdir: ['path'], unlink: ['path'], unlinkat: ['dirfd', 'path', 'atflags'],
  rename: ['path', 'path'], renameat: ['dirfd', 'path', 'dirfd', 'path'], renameat2: ['dirfd', 'path', 'dirfd', 'path', 'hex'],
  readlink: ['path', 'ptr', 'uint'], readlinkat: ['dirfd', 'path', 'ptr', 'uint'], symlink: ['path', 'path'], symlinkat: ['path', 'dirfd', 'path'], link: ['path', 'path'],
  mknod: ['path', 'mode', 'hex'], mknodat: ['dirfd', 'path', 'mode', 'hex'], chmod: ['path', 'mode'], fchmod: ['fd', 'mode'], fchmodat: ['dirfd', 'path', 'mode'],
  truncate: ['path', 'int'], ftruncate: ['fd', 'int'], fsync: ['fd'], sync: [], umask: ['mode'],
  execve: ['path', 'ptr', 'ptr'], exit: ['int'], exit_group: ['int'], wait4: ['int', 'ptr', 'hex', 'ptr'], kill: ['int', 'signal'], tkill: ['int', 'signal'], tgkill: ['int', 'int', 'signal'],
  clone: ['clone', 'ptr', 'ptr', 'ptr', 'hex'], fork: [], vfork: [], getpid: [], getppid: [], gettid: [], getuid: [], geteuid: [], getgid: [], getegid: [],
  setpgid: ['int', 'int'], getpgid: ['int'], setsid: [], set_tid_address: ['ptr'], arch_prctl: ['hex', 'ptr'], prlimit64: ['int', 'int', 'ptr', 'ptr'],
  rt_sigaction: ['signal', 'ptr', 'ptr', 'uint'], rt_sigprocmask: ['int', 'ptr', 'ptr', 'uint'], rt_sigreturn: [], pause: [],
  nanosleep: ['ptr', 'ptr'], clock_nanosleep: ['int', 'int', 'ptr', 'ptr'], clock_gettime: ['int', 'ptr'], gettimeofday: ['ptr', 'ptr'],
  uname: ['ptr'], sysinfo: ['ptr'], sethostname: ['ptr', 'uint'], reboot: ['hex', 'hex', 'hex', 'ptr'],
  mount: ['path', 'path', 'ptr', 'hex', 'ptr'], umount2: ['path', 'hex'], pivot_root: ['path', 'path'], unshare: ['unshare'], setns: ['fd', 'unshare'],
  socket: ['int', 'int', 'int'], connect: ['fd', 'ptr', 'uint'], bind: ['fd', 'ptr', 'uint'], listen: ['fd', 'int'], accept: ['fd', 'ptr', 'ptr'], accept4: ['fd', 'ptr', 'ptr', 'oflags'],
  sendto: ['fd', 'ptr', 'uint', 'hex', 'ptr', 'uint'], recvfrom: ['fd', 'ptr', 'uint', 'hex', 'ptr', 'ptr'], sendmsg: ['fd', 'ptr', 'hex'], recvmsg: ['fd', 'ptr', 'hex'],
  init_module: ['ptr', 'uint', 'ptr'], finit_module: ['fd', 'ptr', 'hex'], delete_module: ['ptr', 'oflags'],
  epoll_create1: ['oflags'], epoll_ctl: ['fd', 'int', 'fd', 'ptr'], epoll_wait: ['fd', 'ptr', 'int', 'int'], eventfd2: ['uint', 'oflags'],
};

const ERRNO = ['', 'EPERM', 'ENOENT', 'ESRCH', 'EINTR', 'EIO', 'ENXIO', 'E2BIG', 'ENOEXEC', 'EBADF', 'ECHILD', 'EAGAIN', 'ENOMEM', 'EACCES', 'EFAULT', 'ENOTBLK', 'EBUSY', 'EEXIST', 'EXDEV', 'ENODEV',
  'ENOTDIR', 'EISDIR', 'EINVAL', 'ENFILE', 'EMFILE', 'ENOTTY', 'ETXTBSY', 'EFBIG', 'ENOSPC', 'ESPIPE', 'EROFS', 'EMLINK', 'EPIPE', 'EDOM', 'ERANGE', 'EDEADLK', 'ENAMETOOLONG', 'ENOLCK', 'ENOSYS', 'ENOTEMPTY', 'ELOOP'];
const ERRNO_MORE: Record<number, string> = { 61: 'ENODATA', 62: 'ETIME', 75: 'EOVERFLOW', 95: 'EOPNOTSUPP', 110: 'ETIMEDOUT', 512: 'ERESTARTSYS', 516: 'ERESTART_RESTARTBLOCK', 517: 'EPROBE_DEFER' };
export const errnoOf = (n: number): string => ERRNO[n] ?? ERRNO_MORE[n] ?? `errno ${n}`;

const SIGNALS = ['0', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1', 'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS'];

type Flags = Array<[number, string]>;
const O_FLAGS: Flags = [[0o100, 'O_CREAT'], [0o200, 'O_EXCL'], [0o400, 'O_NOCTTY'], [0o1000, 'O_TRUNC'], [0o2000, 'O_APPEND'], [0o4000, 'O_NONBLOCK'], [0o10000, 'O_DSYNC'], [0o40000, 'O_DIRECT'],
  [0o100000, 'O_LARGEFILE'], [0o200000, 'O_DIRECTORY'], [0o400000, 'O_NOFOLLOW'], [0o1000000, 'O_NOATIME'], [0o2000000, 'O_CLOEXEC'], [0o10000000, 'O_PATH'], [0o20000000, 'O_TMPFILE']];
const AT_FLAGS: Flags = [[0x100, 'AT_SYMLINK_NOFOLLOW'], [0x200, 'AT_REMOVEDIR'], [0x400, 'AT_SYMLINK_FOLLOW'], [0x800, 'AT_NO_AUTOMOUNT'], [0x1000, 'AT_EMPTY_PATH']];
const PROT: Flags = [[1, 'PROT_READ'], [2, 'PROT_WRITE'], [4, 'PROT_EXEC']];
const MAP: Flags = [[1, 'MAP_SHARED'], [2, 'MAP_PRIVATE'], [0x10, 'MAP_FIXED'], [0x20, 'MAP_ANONYMOUS'], [0x100, 'MAP_GROWSDOWN'], [0x800, 'MAP_DENYWRITE'], [0x2000, 'MAP_LOCKED'],
  [0x4000, 'MAP_NORESERVE'], [0x8000, 'MAP_POPULATE'], [0x10000, 'MAP_NONBLOCK'], [0x20000, 'MAP_STACK'], [0x100000, 'MAP_FIXED_NOREPLACE']];
const CLONE: Flags = [[0x100, 'CLONE_VM'], [0x200, 'CLONE_FS'], [0x400, 'CLONE_FILES'], [0x800, 'CLONE_SIGHAND'], [0x1000, 'CLONE_PIDFD'], [0x2000, 'CLONE_PTRACE'], [0x4000, 'CLONE_VFORK'],
  [0x8000, 'CLONE_PARENT'], [0x10000, 'CLONE_THREAD'], [0x20000, 'CLONE_NEWNS'], [0x40000, 'CLONE_SYSVSEM'], [0x80000, 'CLONE_SETTLS'], [0x100000, 'CLONE_PARENT_SETTID'],
  [0x200000, 'CLONE_CHILD_CLEARTID'], [0x400000, 'CLONE_DETACHED'], [0x800000, 'CLONE_UNTRACED'], [0x1000000, 'CLONE_CHILD_SETTID'], [0x2000000, 'CLONE_NEWCGROUP'],
  [0x4000000, 'CLONE_NEWUTS'], [0x8000000, 'CLONE_NEWIPC'], [0x10000000, 'CLONE_NEWUSER'], [0x20000000, 'CLONE_NEWPID'], [0x40000000, 'CLONE_NEWNET'], [0x80000000, 'CLONE_IO']];
const WHENCE = ['SEEK_SET', 'SEEK_CUR', 'SEEK_END', 'SEEK_DATA', 'SEEK_HOLE'];
const FCNTL = ['F_DUPFD', 'F_GETFD', 'F_SETFD', 'F_GETFL', 'F_SETFL', 'F_GETLK', 'F_SETLK', 'F_SETLKW'];
const IOCTL: Record<number, string> = { 0x5401: 'TCGETS', 0x5402: 'TCSETS', 0x5403: 'TCSETSW', 0x540f: 'TIOCGPGRP', 0x5410: 'TIOCSPGRP', 0x5413: 'TIOCGWINSZ', 0x5414: 'TIOCSWINSZ', 0x541b: 'FIONREAD', 0x5421: 'FIONBIO' };

const hex = (n: number): string => `0x${(n < 0 ? n + 2 ** 64 : n).toString(16)}`;

/** A flag word as strace prints it: known flags joined by |, the unknown rest in hex, 0 as 0. */
export function flagWord(v: number, table: Flags, base?: string): string {
  const out: string[] = base ? [base] : [];
  let rest = Number(BigInt.asUintN(32, BigInt(Math.trunc(v))));
  for (const [bit, name] of table) if (bit && ((rest & bit) >>> 0) === bit) { out.push(name); rest = (rest & ~bit) >>> 0; }
  if (rest) out.push(hex(rest));
  return out.length ? out.join('|') : '0';
}

function arg(kind: Kind, v: number): string {
  switch (kind) {
    case 'fd': case 'int': case 'uint': return String(v);
    case 'dirfd': return v === -100 ? 'AT_FDCWD' : String(v);
    case 'ptr': case 'path': return v === 0 ? 'NULL' : hex(v);
    case 'hex': return v === 0 ? '0' : hex(v);
    case 'oflags': return flagWord(v & ~3, O_FLAGS, ['O_RDONLY', 'O_WRONLY', 'O_RDWR', 'O_ACCMODE'][v & 3]);
    case 'mode': return `0${(v >>> 0).toString(8)}`;
    case 'atflags': return flagWord(v, AT_FLAGS);
    case 'prot': return v === 0 ? 'PROT_NONE' : flagWord(v, PROT);
    case 'mapflags': return flagWord(v, MAP);
    case 'whence': return WHENCE[v] ?? String(v);
    case 'signal': return SIGNALS[v] ?? String(v);
    case 'clone': { const sig = v & 0xff; return flagWord(v & ~0xff, CLONE, sig ? SIGNALS[sig] ?? String(sig) : undefined); }
    case 'unshare': return flagWord(v, CLONE);
    case 'ioctl': return IOCTL[v] ?? hex(v);
    case 'fcntl': return FCNTL[v] ?? String(v);
  }
}

/** A return value: -1 ERRNO for an error (as strace shows it), an address for mmap/brk, else the number. */
export function syscallReturn(name: string, ret: number): string {
  if (ret < 0 && ret > -4096) return `-1 ${errnoOf(-ret)}`;
  if (name === 'mmap' || name === 'brk') return hex(ret);
  return String(ret);
}

/** `openat(AT_FDCWD, 0x7ffd1000, O_RDONLY|O_CLOEXEC) = 3` from a syscalls tracepoint's name and args; null for other events. */
export function decodeSyscall(cat: string, name: string, args: Record<string, unknown> | undefined): string | null {
  if (cat !== 'syscalls' || !args || !Array.isArray(args.args)) return null;
  const call = name.replace(/^sys_/, '');
  const words = (args.args as unknown[]).map((x) => Number(x));
  const sig = SIGNATURES[call];
  const shown = sig ? words.slice(0, sig.length).map((w, i) => arg(sig[i]!, w)) : words.map((w) => String(w));
  const ret = typeof args.ret === 'number' ? ` = ${syscallReturn(call, args.ret)}` : '';
  return `${call}(${shown.join(', ')})${ret}`;
}
