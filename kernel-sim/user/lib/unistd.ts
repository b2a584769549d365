// More of the workbench libc: <unistd.h>, <termios.h>, <sys/klog.h>, <sys/reboot.h> and <pwd.h>/<grp.h> wrappers over system calls and /etc files.
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from './libc.ts';
import { encode_termios, decode_termios, TCGETS } from '../../drivers/tty/termios.ts';
import type { ktermios } from '../../include/linux/tty.ts';

export type termios = ktermios;
export const TIOCGWINSZ = 0x5413;

export function* getuid(c: Libc): KGen<number> { return yield* c.syscall('getuid'); }
export function* geteuid(c: Libc): KGen<number> { return yield* c.syscall('geteuid'); }
export function* getgid(c: Libc): KGen<number> { return yield* c.syscall('getgid'); }
export function* getegid(c: Libc): KGen<number> { return yield* c.syscall('getegid'); }

export function* getgroups(c: Libc): KGen<number[]> {
  const n = yield* c.syscall('getgroups', 0, 0);
  if (n <= 0) return [];
  const [r, b] = yield* c.scratch(function* () {
    const p = c.alloc(n * 4);
    const r = yield* c.syscall('getgroups', n, p);
    return [r, c.get(p, Math.max(0, r) * 4)] as [number, Uint8Array];
  });
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: number[] = [];
  for (let i = 0; i < r; i++) out.push(dv.getUint32(i * 4, true));
  return out;
}

export function* tcgetattr(c: Libc, fd: number): KGen<termios | number> {
  const [r, b] = yield* c.ioctl(fd, TCGETS, 0, 60);
  return r < 0 ? r : decode_termios(b);
}

/** cmd: TCSETS (now), TCSETSW (after output drains), TCSETSF (and flush input). */
export function* tcsetattr(c: Libc, fd: number, cmd: number, t: termios): KGen<number> {
  const [r] = yield* c.ioctl(fd, cmd, encode_termios(t));
  return r;
}

export function* isatty(c: Libc, fd: number): KGen<boolean> {
  const [r] = yield* c.ioctl(fd, TCGETS, 0, 60);
  return r === 0;
}

export function* get_winsize(c: Libc, fd: number): KGen<{ rows: number; cols: number } | null> {
  const [r, b] = yield* c.ioctl(fd, TIOCGWINSZ, 0, 8);
  if (r < 0) return null;
  const dv = new DataView(b.buffer, b.byteOffset, 8);
  return { rows: dv.getUint16(0, true), cols: dv.getUint16(2, true) };
}

/** syslog(2) with a buffer: returns the text read, or -errno. */
export function* klogctl(c: Libc, type: number, len = 0): KGen<string | number> {
  if (len <= 0) return yield* c.syscall('syslog', type, 0, len);
  return yield* c.scratch(function* () {
    const p = c.alloc(len);
    const r = yield* c.syscall('syslog', type, p, len);
    return r < 0 ? r : new TextDecoder().decode(c.get(p, r));
  });
}
export const SYSLOG_ACTION_READ_ALL = 3, SYSLOG_ACTION_READ_CLEAR = 4, SYSLOG_ACTION_CLEAR = 5;
export const SYSLOG_ACTION_CONSOLE_OFF = 6, SYSLOG_ACTION_CONSOLE_ON = 7, SYSLOG_ACTION_CONSOLE_LEVEL = 8, SYSLOG_ACTION_SIZE_BUFFER = 10;

export const LINUX_REBOOT_MAGIC1 = 0xfee1dead, LINUX_REBOOT_MAGIC2 = 672274793;
export const RB_AUTOBOOT = 0x01234567, RB_HALT_SYSTEM = 0xcdef0123, RB_POWER_OFF = 0x4321fedc;
export function* reboot(c: Libc, cmd: number): KGen<number> {
  return yield* c.syscall('reboot', LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, cmd, 0);
}

/** utimensat(AT_FDCWD, path, NULL, 0): sets both times to now. */
export function* utimensat_now(c: Libc, path: string): KGen<number> {
  return yield* c.scratch(function* () { return yield* c.syscall('utimensat', -100, c.cstr(path), 0, 0); });
}

export interface passwd { name: string; uid: number; gid: number; dir: string; shell: string }
export interface group { name: string; gid: number; members: string[] }

export function* getpwent_all(c: Libc): KGen<passwd[]> {
  const t = yield* c.read_text('/etc/passwd');
  if (typeof t === 'number') return [];
  return t.split('\n').filter(Boolean).map((l) => { const f = l.split(':'); return { name: f[0], uid: Number(f[2]), gid: Number(f[3]), dir: f[5] ?? '', shell: f[6] ?? '' }; });
}

export function* getgrent_all(c: Libc): KGen<group[]> {
  const t = yield* c.read_text('/etc/group');
  if (typeof t === 'number') return [];
  return t.split('\n').filter(Boolean).map((l) => { const f = l.split(':'); return { name: f[0], gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) }; });
}

/** A uid/gid to name cache for ls, ps and stat. */
export class idcache {
  private users = new Map<number, string>();
  private groups = new Map<number, string>();
  private loaded = false;
  constructor(private readonly c: Libc) {}
  *load(): KGen<void> {
    if (this.loaded) return;
    this.loaded = true;
    for (const p of yield* getpwent_all(this.c)) if (!this.users.has(p.uid)) this.users.set(p.uid, p.name);
    for (const g of yield* getgrent_all(this.c)) if (!this.groups.has(g.gid)) this.groups.set(g.gid, g.name);
  }
  user(uid: number): string { return this.users.get(uid) ?? String(uid); }
  group(gid: number): string { return this.groups.get(gid) ?? String(gid); }
  has_user(uid: number): boolean { return this.users.has(uid); }
  has_group(gid: number): boolean { return this.groups.has(gid); }
}

/** major()/minor() of a Linux dev_t (glibc's encoding). */
export const major = (dev: number): number => Number(((BigInt(dev) >> 8n) & 0xfffn) | ((BigInt(dev) >> 32n) & ~0xfffn));
export const minor = (dev: number): number => Number((BigInt(dev) & 0xffn) | ((BigInt(dev) >> 12n) & ~0xffn));
