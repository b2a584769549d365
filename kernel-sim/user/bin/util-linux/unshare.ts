// Models util-linux unshare(1), nsenter(1), pivot_root(8) and coreutils chroot(8): entering new or existing namespaces, then running a command.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { usage_error } from '../../lib/stdio.ts';
import { strerror } from '../../lib/libc.ts';
import { execvp } from '../../lib/spawn.ts';
import { O_RDONLY, O_WRONLY } from '../../../include/uapi/stat.ts';
import { MS_PRIVATE, MS_REC, MS_SLAVE, MS_SHARED, MS_NOSUID, MS_NODEV, MS_NOEXEC } from '../../../fs/namespace.ts';
import {
  CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWPID, CLONE_NEWUSER, CLONE_NEWCGROUP, CLONE_NEWTIME,
} from '../../../kernel/nsproxy.ts';

/** The namespace options both tools take: letter, long name, /proc/PID/ns file, clone flag. */
const NS: [string, string, string, number][] = [
  ['m', 'mount', 'mnt', CLONE_NEWNS], ['u', 'uts', 'uts', CLONE_NEWUTS], ['i', 'ipc', 'ipc', CLONE_NEWIPC],
  ['n', 'net', 'net', CLONE_NEWNET], ['p', 'pid', 'pid', CLONE_NEWPID], ['U', 'user', 'user', CLONE_NEWUSER],
  ['C', 'cgroup', 'cgroup', CLONE_NEWCGROUP], ['T', 'time', 'time', CLONE_NEWTIME],
];

/** Writes a whole small file (the uid_map style files accept exactly one write). */
function* write_file(c: Libc, path: string, text: string): KGen<number> {
  const fd = yield* c.open(path, O_WRONLY);
  if (fd < 0) return fd;
  const r = yield* c.write(fd, text);
  yield* c.close(fd);
  return r < 0 ? r : 0;
}

/** Runs argv (or $SHELL) in place of this process; only returns with an exit status on failure. */
function* exec_or_shell(c: Libc, prog: string, args: string[]): KGen<number> {
  const argv = args.length ? args : [c.getenv('SHELL') ?? '/bin/sh'];
  const e = yield* execvp(c, argv);
  yield* c.write(2, `${prog}: failed to execute ${argv[0]}: ${strerror(-e)}\n`);
  return e === -2 ? 127 : 126;
}

/** Forks, runs the rest in the child, waits and passes on its status (a signal kills us the same way). */
function* fork_and_wait(c: Libc, prog: string, child: (cc: Libc) => KGen<number>): KGen<number> {
  const pid = yield* c.fork(child);
  if (pid < 0) { yield* c.write(2, `${prog}: fork failed: ${strerror(-pid)}\n`); return 1; }
  for (;;) {
    const r = yield* c.waitpid(pid);
    if (typeof r === 'number') { if (r === -4) continue; return 1; }
    const st = r[1];
    if ((st & 0x7f) === 0) return (st >> 8) & 0xff;
    yield* c.kill(yield* c.getpid(), st & 0x7f);
    return 128 + (st & 0x7f);
  }
}

const long_ns = (): Record<string, string> => Object.fromEntries(NS.map(([l, name]) => [name, l]));

/** Options with an optional attached value (--mount-proc[=DIR], --mount[=FILE]): taken out before getopt sees them. */
function optional_values(argv: string[], names: Record<string, string>): [string[], Map<string, string>] {
  const vals = new Map<string, string>();
  const out: string[] = [];
  let done = false;
  for (const a of argv) {
    const m = /^--([\w-]+)=(.*)$/.exec(a);
    if (!done && m && names[m[1]]) { vals.set(names[m[1]], m[2]); out.push(`--${m[1]}`); continue; }
    if (!done && out.length && !a.startsWith('-')) done = true;
    out.push(a);
  }
  return [out, vals];
}
const OPTIONAL: Record<string, string> = Object.fromEntries([...NS.map(([l, name]) => [name, l]), ['mount-proc', 'P'], ['root', 'r'], ['wd', 'w']]);

export function* unshare_main(c: Libc, args: string[]): KGen<number> {
  const [argv, vals] = optional_values(args, { 'mount-proc': 'P' });
  const p = getopt(argv, {
    short: '+muinpUCTfrR:w:',
    long: { ...long_ns(), fork: 'f', 'map-root-user': 'r', 'mount-proc': 'P', 'propagation=': 'X', 'root=': 'R', 'wd=': 'w', 'kill-child': 'K', 'setgroups=': 'G', 'monotonic=': 'M', 'boottime=': 'B' },
    permute: false,
  });
  if (p.error) return yield* usage_error(c, 'unshare', p.error);
  let flags = 0;
  for (const [l, , , f] of NS) if (has(p, l)) flags |= f;
  const map_root = has(p, 'r');
  const mount_proc = has(p, 'P');
  if (map_root) flags |= CLONE_NEWUSER;
  if (mount_proc) flags |= CLONE_NEWNS;
  const prop = optval(p, 'X') ?? 'private';
  const prop_flag: Record<string, number> = { private: MS_PRIVATE | MS_REC, slave: MS_SLAVE | MS_REC, shared: MS_SHARED | MS_REC, unchanged: 0 };
  if (!(prop in prop_flag)) return yield* usage_error(c, 'unshare', `unsupported propagation mode: ${prop}`);
  const uid = yield* c.syscall('geteuid'), gid = yield* c.syscall('getegid');
  const r = yield* c.syscall('unshare', flags);
  if (r < 0) { yield* c.write(2, `unshare: unshare failed: ${strerror(-r)}\n`); return 1; }
  if (map_root) {
    // Linux lets an unprivileged process map only its own ids, and gid_map only after setgroups is denied.
    const steps: [string, string][] = [['/proc/self/setgroups', 'deny'], ['/proc/self/uid_map', `0 ${uid} 1`], ['/proc/self/gid_map', `0 ${gid} 1`]];
    for (const [f, text] of steps) {
      const e = yield* write_file(c, f, text);
      if (e < 0 && !(f.endsWith('setgroups') && e === -2)) { yield* c.write(2, `unshare: write failed ${f}: ${strerror(-e)}\n`); return 1; }
    }
  }
  if (has(p, 'G')) {
    const e = yield* write_file(c, '/proc/self/setgroups', optval(p, 'G')!);
    if (e < 0) { yield* c.write(2, `unshare: write failed /proc/self/setgroups: ${strerror(-e)}\n`); return 1; }
  }
  // --monotonic/--boottime: the new time namespace's offsets, written before any task enters it.
  const offs = [['monotonic', optval(p, 'M')], ['boottime', optval(p, 'B')]].filter(([, v]) => v !== undefined);
  if (offs.length) {
    const e = yield* write_file(c, '/proc/self/timens_offsets', offs.map(([k, v]) => `${k} ${v} 0\n`).join(''));
    if (e < 0) { yield* c.write(2, `unshare: failed to write to /proc/self/timens_offsets: ${strerror(-e)}\n`); return 1; }
  }
  if ((flags & CLONE_NEWNS) && prop_flag[prop]) {
    const e = yield* c.mount('none', '/', '', prop_flag[prop]);
    if (e < 0) { yield* c.write(2, `unshare: cannot change root filesystem propagation: ${strerror(-e)}\n`); return 1; }
  }
  const rest = function* (cc: Libc): KGen<number> {
    if (mount_proc) {
      const dir = vals.get('P') || '/proc';
      const e = yield* cc.mount('proc', dir, 'proc', MS_NOSUID | MS_NODEV | MS_NOEXEC);
      if (e < 0) { yield* cc.write(2, `unshare: mount ${dir} failed: ${strerror(-e)}\n`); return 1; }
    }
    const root = optval(p, 'R');
    if (root) { const e = yield* cc.chroot(root); if (e < 0) { yield* cc.write(2, `unshare: cannot change root directory to '${root}': ${strerror(-e)}\n`); return 1; } yield* cc.chdir('/'); }
    const wd = optval(p, 'w');
    if (wd) { const e = yield* cc.chdir(wd); if (e < 0) { yield* cc.write(2, `unshare: cannot chdir to '${wd}': ${strerror(-e)}\n`); return 1; } }
    return yield* exec_or_shell(cc, 'unshare', p.args);
  };
  if (has(p, 'f')) return yield* fork_and_wait(c, 'unshare', rest);
  return yield* rest(c);
}

export function* nsenter_main(c: Libc, args: string[]): KGen<number> {
  const [argv, vals] = optional_values(args, OPTIONAL);
  const p = getopt(argv, {
    short: '+at:muinpUCTr::w::F',
    long: { ...long_ns(), all: 'a', 'target=': 't', root: 'r', wd: 'w', 'no-fork': 'F' },
    permute: false,
  });
  if (p.error) return yield* usage_error(c, 'nsenter', p.error);
  const target = optval(p, 't');
  const all = has(p, 'a');
  const wanted = NS.filter(([l]) => all || has(p, l));
  if (!wanted.length) return yield* usage_error(c, 'nsenter', 'neither filename nor target pid supplied for ns/' + 'mnt');
  // Open every namespace first (the mount namespace switch would change what /proc shows), user namespace first.
  const order = ['user', 'cgroup', 'ipc', 'uts', 'net', 'pid', 'mnt', 'time'];
  const fds: [string, number, number][] = [];
  for (const ty of order) {
    const e = wanted.find(([, , f]) => f === ty);
    if (!e) continue;
    const file = vals.get(e[0]) ?? (target ? `/proc/${target}/ns/${ty}` : '');
    if (!file) return yield* usage_error(c, 'nsenter', `neither filename nor target pid supplied for ns/${ty}`);
    const fd = yield* c.open(file, O_RDONLY);
    if (fd < 0) { yield* c.write(2, `nsenter: cannot open ${file}: ${strerror(-fd)}\n`); return 1; }
    fds.push([ty, fd, e[3]]);
  }
  const rootfd = has(p, 'r') && target ? yield* c.open(`/proc/${target}/root`, O_RDONLY | 0o200000) : -1;
  const me = yield* c.readlink('/proc/self/ns/user');
  for (const [ty, fd, f] of fds) {
    const r = yield* c.syscall('setns', fd, f);
    // Joining one's own user namespace is refused by the kernel; nsenter -a skips it as util-linux does.
    if (r < 0 && !(ty === 'user' && all && typeof me === 'string' && r === -22)) { yield* c.write(2, `nsenter: reassociate to namespace 'ns/${ty}' failed: ${strerror(-r)}\n`); return 1; }
    yield* c.close(fd);
  }
  if (rootfd >= 0) { yield* c.syscall('fchdir', rootfd); yield* c.chroot('.'); yield* c.close(rootfd); yield* c.chdir('/'); }
  if (fds.some(([ty]) => ty === 'pid') && !has(p, 'F')) return yield* fork_and_wait(c, 'nsenter', (cc) => exec_or_shell(cc, 'nsenter', p.args));
  return yield* exec_or_shell(c, 'nsenter', p.args);
}

export function* pivot_root_main(c: Libc, argv: string[]): KGen<number> {
  if (argv.length !== 3) return yield* usage_error(c, 'pivot_root', argv.length < 3 ? 'bad usage' : 'bad usage');
  const r = yield* c.pivot_root(argv[1], argv[2]);
  if (r < 0) { yield* c.write(2, `pivot_root: failed to change root from \`${argv[1]}' to \`${argv[2]}': ${strerror(-r)}\n`); return 1; }
  return 0;
}

export function* chroot_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: '+', long: { 'skip-chdir': 'S' }, permute: false });
  if (p.error) return yield* usage_error(c, 'chroot', p.error, 125);
  if (!p.args.length) return yield* usage_error(c, 'chroot', 'missing operand', 125);
  const dir = p.args[0];
  const r = yield* c.chroot(dir);
  if (r < 0) { yield* c.write(2, `chroot: cannot change root directory to '${dir}': ${strerror(-r)}\n`); return 125; }
  if (!has(p, 'S')) yield* c.chdir('/');
  const cmd = p.args.length > 1 ? p.args.slice(1) : [c.getenv('SHELL') ?? '/bin/sh', '-i'];
  const e = yield* execvp(c, cmd);
  yield* c.write(2, `chroot: failed to run command '${cmd[0]}': ${strerror(-e)}\n`);
  return e === -2 ? 127 : 126;
}
