// /init: the first user process, a small init like busybox's: mounts the kernel filesystems and keeps a shell on the console.
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from '../lib/libc.ts';
import { strerror } from '../lib/libc.ts';
import { O_RDWR } from '../../include/uapi/stat.ts';
import { SIGCHLD } from '../../include/uapi/signal.ts';
import { MS_RELATIME } from '../../fs/namespace.ts';

const TIOCSCTTY = 0x540e;

/** Filesystems init mounts, as an initramfs /init script would (skipped when the kernel lacks them). */
const MOUNTS: [string, string, string, number, string][] = [
  // As the reference system's init mounts them: `mount -t proc proc /proc` with no flags.
  ['proc', '/proc', 'proc', MS_RELATIME, ''],
  ['sysfs', '/sys', 'sysfs', MS_RELATIME, ''],
  ['devtmpfs', '/dev', 'devtmpfs', MS_RELATIME, ''],
  // No devpts: the reference system's init mounts none. The workbench's terminals and `kwb run` open their pty slaves
  // from the master (drivers/tty/pty.ts pty_open_peer); a guest program that wants /dev/ptmx mounts devpts itself.
  ['cgroup2', '/sys/fs/cgroup', 'cgroup2', MS_RELATIME, ''],
  ['tmpfs', '/tmp', 'tmpfs', MS_RELATIME, ''],
];

export function* init_main(c: Libc, argv: string[], envp: string[]): KGen<number> {
  const pid = yield* c.getpid();
  if (pid !== 1) { yield* c.write(2, `${argv[0]}: must be run as PID 1\n`); return 1; }
  for (const [src, dir, type, flags, data] of MOUNTS) {
    const r = yield* c.mount(src, dir, type, flags, data);
    if (r < 0 && r !== -19) yield* c.write(2, `init: mount ${dir}: ${strerror(-r)}\n`); // ENODEV: not in this kernel yet
  }
  const hostname = yield* c.read_text('/etc/hostname');
  if (typeof hostname === 'string' && hostname.trim()) yield* c.sethostname(hostname.trim());
  // udevd in the background when the system has one (it picks up uevents from here on).
  if ((yield* c.access('/sbin/udevd', 1)) === 0) {
    yield* c.fork(function* (cc) { yield* cc.syscall('setsid'); const e = yield* cc.execve('/sbin/udevd', ['udevd'], envp); return e < 0 ? 127 : 0; }, SIGCHLD);
  }
  // Reap orphans; restart the console shell when it exits (respawn, like inittab's askfirst).
  const env = ['HOME=/root', 'TERM=linux', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...envp.filter((e) => !/^(HOME|TERM|PATH)=/.test(e))];
  for (;;) {
    const shell = yield* c.fork(function* (cc) {
      yield* cc.syscall('setsid');
      const fd = yield* cc.open('/dev/console', O_RDWR);
      if (fd < 0) return 1;
      yield* cc.ioctl(fd, TIOCSCTTY, 1);
      for (const n of [0, 1, 2]) if (fd !== n) yield* cc.dup2(fd, n);
      if (fd > 2) yield* cc.close(fd);
      yield* cc.chdir('/root');
      const e = yield* cc.execve('/bin/sh', ['-sh'], env);
      yield* cc.write(2, `init: exec /bin/sh: ${strerror(-e)}\n`);
      return 127;
    }, SIGCHLD);
    if (shell < 0) return 1;
    let status = -1;
    for (;;) {
      const r = yield* c.waitpid(-1);
      if (typeof r === 'number') break;
      if (r[0] === shell) { status = r[1]; break; }
    }
    // busybox init: "Don't consume all CPU time - sleep a bit" before respawning. Without it a shell that cannot
    // start (no usable console: the kernel printed "Warning: unable to open an initial console.") respawns forever
    // in no time, and the boot never goes idle. A shell the user left (exit, Ctrl-D) comes back at once.
    if (status !== 0) yield* c.nanosleep(1_000_000_000);
  }
}
