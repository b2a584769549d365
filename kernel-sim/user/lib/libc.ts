// The workbench's libc for its TypeScript programs: system calls through the syscall instruction, with arguments marshalled into the process's own memory as a C libc would.
//
// Programs are generators: `yield* c.write(1, 'hi\n')`. Every wrapper returns
// the kernel's result: a value >= 0, or -errno.
import type { KGen, UserEntry } from '../../include/linux/sched.ts';
import { do_syscall_64 } from '../../arch/x86/entry/common.ts';
import { __NR } from '../../arch/x86/entry/syscalls/syscall_64.tbl.ts';
import { current } from '../../kernel/sched/core.ts';
import { decode_stat, decode_dirents64, decode_utsname, decode_timespec, decode_rlimit, encode_rlimit, decode_sysinfo, STAT_SIZE, type kstat, type dirent64, type sysinfo_t } from '../../include/uapi/abi.ts';
import { AT_FDCWD, O_RDONLY, O_DIRECTORY, O_CLOEXEC } from '../../include/uapi/stat.ts';
import { SIGCHLD } from '../../include/uapi/signal.ts';
import { strerror } from '../../include/uapi/asm-generic/errno.ts';
import { PAGE_SIZE } from '../../include/linux/mm_types.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

export type SignalHandler = (sig: number) => KGen<void> | void;
export type Main = (c: Libc, argv: string[], envp: string[]) => KGen<number>;

/** Scratch space for marshalling starts after the guard page; the heap is above it. */
const SCRATCH_BASE = PAGE_SIZE;
const SCRATCH_SIZE = 256 * 1024;

export class Libc {
  /** Next free scratch byte; each wrapper releases what it used. */
  private sp = SCRATCH_BASE;
  /** Installed signal handlers by "address" (index). */
  private handlers: SignalHandler[] = [];
  env: Map<string, string>;

  constructor(envp: string[] = []) {
    this.env = new Map(envp.map((e) => { const i = e.indexOf('='); return i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)]; }));
  }

  /** The process's own memory (this is its address space, not the kernel's). */
  mem(): Uint8Array {
    return current().mm!.memory();
  }

  /** Installs the task hooks the kernel calls back through (signal handlers, fork entry). */
  attach(): void {
    const self = this;
    current().user = {
      clone_entry: null,
      *handle_signal(sig: number, handler: number) {
        const h = self.handlers[handler - 2];
        if (!h) return;
        const r = h(sig);
        if (r && typeof (r as KGen<void>).next === 'function') yield* r as KGen<void>;
      },
    };
  }

  // Scratch memory for arguments.
  alloc(n: number): number {
    const p = this.sp;
    this.sp += (n + 15) & ~15;
    if (this.sp > SCRATCH_BASE + SCRATCH_SIZE) throw new Error('libc scratch overflow');
    return p;
  }
  private mark(): number { return this.sp; }
  private release(m: number): void { this.sp = m; }
  put(bytes: Uint8Array): number {
    const p = this.alloc(bytes.length);
    this.mem().set(bytes, p);
    return p;
  }
  cstr(s: string): number {
    return this.put(enc.encode(s + '\0'));
  }
  get(p: number, n: number): Uint8Array {
    return this.mem().slice(p, p + n);
  }

  /** The call itself, not a generator around it: a call that does not sleep then allocates no generator frame. */
  syscall(name: string, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): KGen<number> {
    return do_syscall_64(__NR[name], a0, a1, a2, a3, a4, a5);
  }

  /** Runs body with the scratch memory it allocates released afterwards (for wrappers outside this file). */
  *scratch<R>(body: () => KGen<R>): KGen<R> { return yield* this.scoped(body); }

  /** Runs body with scratch memory released afterwards. */
  private *scoped<R>(body: () => KGen<R>): KGen<R> {
    const m = this.mark();
    try { return yield* body(); } finally { this.release(m); }
  }

  *write(fd: number, data: string | Uint8Array): KGen<number> {
    const bytes = typeof data === 'string' ? enc.encode(data) : data;
    return yield* this.scoped(function* (this: Libc) {
      let off = 0;
      const CHUNK = 128 * 1024;
      while (off < bytes.length) {
        const n = Math.min(CHUNK, bytes.length - off);
        const m = this.mark();
        const p = this.put(bytes.subarray(off, off + n));
        const r = yield* this.syscall('write', fd, p, n);
        this.release(m);
        if (r < 0) return off > 0 ? off : r;
        off += r;
        if (r === 0) break;
      }
      return off;
    }.bind(this));
  }

  /** Reads up to n bytes; returns them, or -errno. */
  *read(fd: number, n = 131072): KGen<Uint8Array | number> {
    // A buffer larger than the scratch area comes from an anonymous mapping, as malloc serves large requests by mmap.
    if (n > SCRATCH_BASE + SCRATCH_SIZE - this.sp) return yield* this.read_mapped(fd, n);
    return yield* this.scoped(function* (this: Libc) {
      const p = this.alloc(n);
      const r = yield* this.syscall('read', fd, p, n);
      return r < 0 ? r : this.get(p, r);
    }.bind(this));
  }

  private *read_mapped(fd: number, n: number): KGen<Uint8Array | number> {
    const PROT_READ_WRITE = 3, MAP_PRIVATE_ANONYMOUS = 0x22;
    const p = yield* this.syscall('mmap', 0, n, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
    if (p < 0) return p;
    const r = yield* this.syscall('read', fd, p, n);
    const out = r < 0 ? r : this.get(p, r);
    yield* this.syscall('munmap', p, n);
    return out;
  }

  /** Reads to end of file. */
  *read_all(fd: number): KGen<Uint8Array | number> {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const r = yield* this.read(fd);
      if (typeof r === 'number') return r;
      if (r.length === 0) break;
      parts.push(r);
      total += r.length;
    }
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of parts) { out.set(p, o); o += p.length; }
    return out;
  }

  *open(path: string, flags = O_RDONLY, mode = 0o666): KGen<number> {
    return yield* this.scoped(function* (this: Libc) { return yield* this.syscall('openat', AT_FDCWD, this.cstr(path), flags, mode); }.bind(this));
  }

  *close(fd: number): KGen<number> { return yield* this.syscall('close', fd); }

  /** Reads a whole file by path. */
  *read_file(path: string): KGen<Uint8Array | number> {
    const fd = yield* this.open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fd;
    const r = yield* this.read_all(fd);
    yield* this.close(fd);
    return r;
  }

  *read_text(path: string): KGen<string | number> {
    const r = yield* this.read_file(path);
    return typeof r === 'number' ? r : dec.decode(r);
  }

  private *path_call(name: string, path: string, ...rest: number[]): KGen<number> {
    return yield* this.scoped(function* (this: Libc) { return yield* this.syscall(name, this.cstr(path), ...rest); }.bind(this));
  }

  *stat(path: string, follow = true): KGen<kstat | number> {
    return yield* this.scoped(function* (this: Libc) {
      const buf = this.alloc(STAT_SIZE);
      const r = yield* this.syscall('newfstatat', AT_FDCWD, this.cstr(path), buf, follow ? 0 : 0x100);
      return r < 0 ? r : decode_stat(this.get(buf, STAT_SIZE));
    }.bind(this));
  }

  *fstat(fd: number): KGen<kstat | number> {
    return yield* this.scoped(function* (this: Libc) {
      const buf = this.alloc(STAT_SIZE);
      const r = yield* this.syscall('fstat', fd, buf);
      return r < 0 ? r : decode_stat(this.get(buf, STAT_SIZE));
    }.bind(this));
  }

  *readdir(path: string): KGen<dirent64[] | number> {
    const fd = yield* this.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return fd;
    const out: dirent64[] = [];
    const r = yield* this.scoped(function* (this: Libc) {
      const buf = this.alloc(32768);
      for (;;) {
        const n = yield* this.syscall('getdents64', fd, buf, 32768);
        if (n < 0) return n;
        if (n === 0) return 0;
        out.push(...decode_dirents64(this.get(buf, n)));
      }
    }.bind(this));
    yield* this.close(fd);
    return r < 0 ? r : out;
  }

  *readlink(path: string): KGen<string | number> {
    return yield* this.scoped(function* (this: Libc) {
      const buf = this.alloc(4096);
      const r = yield* this.syscall('readlinkat', AT_FDCWD, this.cstr(path), buf, 4096);
      return r < 0 ? r : dec.decode(this.get(buf, r));
    }.bind(this));
  }

  *getcwd(): KGen<string | number> {
    return yield* this.scoped(function* (this: Libc) {
      const buf = this.alloc(4096);
      const r = yield* this.syscall('getcwd', buf, 4096);
      return r < 0 ? r : dec.decode(this.get(buf, r - 1));
    }.bind(this));
  }

  *chdir(path: string): KGen<number> { return yield* this.path_call('chdir', path); }
  *mkdir(path: string, mode = 0o777): KGen<number> { return yield* this.path_call('mkdir', path, mode); }
  *rmdir(path: string): KGen<number> { return yield* this.path_call('rmdir', path); }
  *unlink(path: string): KGen<number> { return yield* this.path_call('unlink', path); }
  *chmod(path: string, mode: number): KGen<number> { return yield* this.path_call('chmod', path, mode); }
  *chroot(path: string): KGen<number> { return yield* this.path_call('chroot', path); }
  *access(path: string, mode: number): KGen<number> { return yield* this.path_call('access', path, mode); }
  *truncate(path: string, len: number): KGen<number> { return yield* this.path_call('truncate', path, len); }
  *mknod(path: string, mode: number, dev: number): KGen<number> { return yield* this.path_call('mknod', path, mode, dev); }

  private *two_paths(name: string, a: string, b: string, ...rest: number[]): KGen<number> {
    return yield* this.scoped(function* (this: Libc) { return yield* this.syscall(name, this.cstr(a), this.cstr(b), ...rest); }.bind(this));
  }
  *rename(a: string, b: string): KGen<number> { return yield* this.two_paths('rename', a, b); }
  *link(a: string, b: string): KGen<number> { return yield* this.two_paths('link', a, b); }
  *symlink(target: string, path: string): KGen<number> { return yield* this.two_paths('symlink', target, path); }
  *pivot_root(a: string, b: string): KGen<number> { return yield* this.two_paths('pivot_root', a, b); }

  *mount(source: string, target: string, type: string, flags = 0, data = ''): KGen<number> {
    return yield* this.scoped(function* (this: Libc) {
      return yield* this.syscall('mount', this.cstr(source), this.cstr(target), type ? this.cstr(type) : 0, flags, data ? this.cstr(data) : 0);
    }.bind(this));
  }
  *umount(target: string, flags = 0): KGen<number> { return yield* this.path_call('umount2', target, flags); }
  *swapon(path: string, flags = 0): KGen<number> { return yield* this.path_call('swapon', path, flags); }
  *swapoff(path: string): KGen<number> { return yield* this.path_call('swapoff', path); }

  *dup(fd: number): KGen<number> { return yield* this.syscall('dup', fd); }
  *dup2(a: number, b: number): KGen<number> { return yield* this.syscall('dup2', a, b); }
  *lseek(fd: number, off: number, whence: number): KGen<number> { return yield* this.syscall('lseek', fd, off, whence); }

  *pipe(flags = 0): KGen<[number, number] | number> {
    return yield* this.scoped(function* (this: Libc) {
      const p = this.alloc(8);
      const r = yield* this.syscall('pipe2', p, flags);
      if (r < 0) return r;
      const dv = new DataView(this.mem().buffer, this.mem().byteOffset);
      return [dv.getInt32(p, true), dv.getInt32(p + 4, true)] as [number, number];
    }.bind(this));
  }

  /** ioctl with an optional in/out buffer of `size` bytes; returns [result, bytes after the call]. */
  *ioctl(fd: number, cmd: number, arg: number | Uint8Array = 0, size = 0): KGen<[number, Uint8Array]> {
    return yield* this.scoped(function* (this: Libc) {
      let p = typeof arg === 'number' ? arg : 0;
      if (arg instanceof Uint8Array) p = this.put(arg);
      else if (size) p = this.alloc(size);
      const r = yield* this.syscall('ioctl', fd, cmd, p);
      const n = arg instanceof Uint8Array ? arg.length : size;
      return [r, n ? this.get(p, n) : new Uint8Array(0)] as [number, Uint8Array];
    }.bind(this));
  }

  *uname(): KGen<ReturnType<typeof decode_utsname> | number> {
    return yield* this.scoped(function* (this: Libc) {
      const p = this.alloc(390);
      const r = yield* this.syscall('uname', p);
      return r < 0 ? r : decode_utsname(this.get(p, 390));
    }.bind(this));
  }

  *sethostname(name: string): KGen<number> {
    return yield* this.scoped(function* (this: Libc) { const b = enc.encode(name); return yield* this.syscall('sethostname', this.put(b), b.length); }.bind(this));
  }

  *clock_gettime(clock: number): KGen<number> {
    return yield* this.scoped(function* (this: Libc) {
      const p = this.alloc(16);
      const r = yield* this.syscall('clock_gettime', clock, p);
      if (r < 0) return r;
      const t = decode_timespec(this.get(p, 16));
      return t.sec * 1e9 + t.nsec;
    }.bind(this));
  }

  *nanosleep(ns: number): KGen<number> {
    return yield* this.scoped(function* (this: Libc) {
      const b = new Uint8Array(16);
      const dv = new DataView(b.buffer);
      dv.setBigInt64(0, BigInt(Math.floor(ns / 1e9)), true); dv.setBigInt64(8, BigInt(Math.floor(ns % 1e9)), true);
      return yield* this.syscall('nanosleep', this.put(b), 0);
    }.bind(this));
  }

  *sysinfo(): KGen<sysinfo_t | number> {
    return yield* this.scoped(function* (this: Libc) {
      const p = this.alloc(112);
      const r = yield* this.syscall('sysinfo', p);
      return r < 0 ? r : decode_sysinfo(this.get(p, 112));
    }.bind(this));
  }

  *getrlimit(resource: number): KGen<{ cur: number; max: number } | number> {
    return yield* this.scoped(function* (this: Libc) {
      const p = this.alloc(16);
      const r = yield* this.syscall('prlimit64', 0, resource, 0, p);
      return r < 0 ? r : decode_rlimit(this.get(p, 16));
    }.bind(this));
  }

  *setrlimit(resource: number, cur: number, max: number): KGen<number> {
    return yield* this.scoped(function* (this: Libc) { return yield* this.syscall('prlimit64', 0, resource, this.put(encode_rlimit(cur, max)), 0); }.bind(this));
  }

  *getpid(): KGen<number> { return yield* this.syscall('getpid'); }
  *getppid(): KGen<number> { return yield* this.syscall('getppid'); }
  *kill(pid: number, sig: number): KGen<number> { return yield* this.syscall('kill', pid, sig); }

  /**
   * fork(): the child starts in `child` with its own copy of this libc, as
   * fork returns 0 there. Returns the child's pid, or -errno.
   */
  *fork(child: (c: Libc) => KGen<number>, flags = SIGCHLD): KGen<number> {
    // The child's libc is a copy of this one as it is now (fork time), not when the child first runs.
    const snapshot = this.clone_for_child();
    const entry: UserEntry = function* () {
      const c = snapshot;
      c.attach();
      return yield* child(c);
    };
    current().user!.clone_entry = entry;
    return yield* this.syscall('clone', flags, 0, 0, 0, 0);
  }

  private clone_for_child(): Libc {
    const c = new Libc();
    c.env = new Map(this.env);
    c.handlers = this.handlers.slice();
    c.sp = this.sp;
    return c;
  }

  /** execve: does not return on success. */
  *execve(path: string, argv: string[], envp: string[] = this.environ()): KGen<number> {
    // The strings go to the kernel through this libc's scratch area: what cannot fit there is refused as the kernel
    // refuses what passes ARG_MAX (E2BIG), instead of overflowing it (a 1 MiB argument used to crash the caller).
    const bytes = [path, ...argv, ...envp].reduce((n, x) => n + ((enc.encode(x).length + 16) & ~15), 0) + ((argv.length + envp.length + 2) * 8 + 32);
    if (bytes > SCRATCH_BASE + SCRATCH_SIZE - this.sp) return -7; // -E2BIG
    return yield* this.scoped(function* (this: Libc) {
      const vec = (list: string[]): number => {
        const ptrs = list.map((s) => this.cstr(s));
        const b = new Uint8Array((ptrs.length + 1) * 8);
        const dv = new DataView(b.buffer);
        ptrs.forEach((p, i) => dv.setBigUint64(i * 8, BigInt(p), true));
        return this.put(b);
      };
      const p = this.cstr(path);
      return yield* this.syscall('execve', p, vec(argv), vec(envp));
    }.bind(this));
  }

  /** wait4: returns [pid, status] or -errno. */
  *waitpid(pid: number, options = 0): KGen<[number, number] | number> {
    return yield* this.scoped(function* (this: Libc) {
      const p = this.alloc(4);
      const r = yield* this.syscall('wait4', pid, p, options, 0);
      if (r <= 0) return r;
      return [r, new DataView(this.mem().buffer, this.mem().byteOffset).getInt32(p, true)] as [number, number];
    }.bind(this));
  }

  *exit(code: number): KGen<never> {
    yield* this.syscall('exit_group', code);
    throw new Error('exit_group returned');
  }

  /** sigaction with a JavaScript handler (or SIG_DFL=0 / SIG_IGN=1). */
  *signal(sig: number, handler: SignalHandler | 0 | 1, flags = 0x10000000): KGen<number> {
    let addr: number;
    if (typeof handler === 'number') addr = handler;
    else { this.handlers.push(handler); addr = this.handlers.length + 1; }
    return yield* this.scoped(function* (this: Libc) {
      const b = new Uint8Array(32);
      const dv = new DataView(b.buffer);
      dv.setBigUint64(0, BigInt(addr), true); dv.setBigUint64(8, BigInt(flags), true);
      return yield* this.syscall('rt_sigaction', sig, this.put(b), 0, 8);
    }.bind(this));
  }

  environ(): string[] {
    return [...this.env].map(([k, v]) => `${k}=${v}`);
  }

  getenv(k: string): string | undefined { return this.env.get(k); }

  /** Writes "prog: what: strerror" to stderr, as perror does. */
  *perror(prog: string, what: string, err: number): KGen<void> {
    yield* this.write(2, `${prog}: ${what}${what ? ': ' : ''}${strerror(-err)}\n`);
  }
}

export { strerror, type kstat, type dirent64 };
