// Models iproute2's ip/ipnetns.c: named network namespaces as bind mounts of /proc/self/ns/net under /var/run/netns, and running a command inside one.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { O_RDONLY, O_CLOEXEC, O_CREAT, O_EXCL } from '../../../include/uapi/stat.ts';

export const NETNS_RUN_DIR = '/var/run/netns';
const CLONE_NEWNET = 0x40000000, CLONE_NEWNS = 0x00020000;
const MS_BIND = 0x1000, MS_REC = 0x4000, MS_SLAVE = 0x80000, MNT_DETACH = 0x2;

function* err(c: Libc, msg: string, e: number): KGen<number> {
  yield* c.write(2, `${msg}: ${strerror(-e)}\n`);
  return 1;
}

/** netns_add(): a file under /var/run/netns, then a child that unshares the net namespace and bind-mounts it there. */
function* netns_add(c: Libc, name: string): KGen<number> {
  const path = `${NETNS_RUN_DIR}/${name}`;
  yield* c.mkdir('/var/run', 0o755);
  yield* c.mkdir(NETNS_RUN_DIR, 0o755);
  const fd = yield* c.open(path, O_RDONLY | O_CREAT | O_EXCL, 0);
  if (fd < 0) return yield* err(c, `Cannot create namespace file "${path}"`, fd);
  yield* c.close(fd);
  const pid = yield* c.fork(function* (cc) {
    const u = yield* cc.syscall('unshare', CLONE_NEWNET);
    if (u < 0) { yield* cc.write(2, `Failed to create a new network namespace "${name}": ${strerror(-u)}\n`); return 1; }
    const m = yield* cc.mount('/proc/self/ns/net', path, 'none', MS_BIND);
    if (m < 0) { yield* cc.write(2, `Bind /proc/self/ns/net -> ${path} failed: ${strerror(-m)}\n`); return 1; }
    return 0;
  });
  if (pid < 0) return yield* err(c, 'fork', pid);
  const w = yield* c.waitpid(pid);
  const ok = typeof w !== 'number' && (w[1] & 0xff7f) === 0;
  if (!ok) yield* c.unlink(path);
  return ok ? 0 : 1;
}

/** netns_exec(): setns into the named namespace, a private mount namespace, then exec the command. */
function* netns_exec(c: Libc, name: string, argv: string[]): KGen<number> {
  if (!argv.length) { yield* c.write(2, 'No command specified\n'); return 1; }
  const fd = yield* c.open(`${NETNS_RUN_DIR}/${name}`, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return yield* err(c, `Cannot open network namespace "${name}"`, fd);
  const r = yield* c.syscall('setns', fd, CLONE_NEWNET);
  yield* c.close(fd);
  if (r < 0) return yield* err(c, `setting the network namespace "${name}" failed`, r);
  if ((yield* c.syscall('unshare', CLONE_NEWNS)) === 0) yield* c.mount('', '/', '', MS_SLAVE | MS_REC);
  const prog = argv[0].includes('/') ? argv[0] : `/bin/${argv[0]}`;
  const e = yield* c.execve(prog, argv);
  const alt = argv[0].includes('/') ? e : yield* c.execve(`/sbin/${argv[0]}`, argv);
  return yield* err(c, `exec of "${argv[0]}" failed`, alt);
}

function* netns_list(c: Libc): KGen<number> {
  const d = yield* c.readdir(NETNS_RUN_DIR);
  if (typeof d === 'number') return 0;
  yield* c.write(1, d.map((e) => e.name).filter((n) => n !== '.' && n !== '..').map((n) => `${n}\n`).join(''));
  return 0;
}

function* netns_delete(c: Libc, name: string): KGen<number> {
  const path = `${NETNS_RUN_DIR}/${name}`;
  yield* c.umount(path, MNT_DETACH);
  const r = yield* c.unlink(path);
  return r < 0 ? yield* err(c, `Cannot remove namespace file "${path}"`, r) : 0;
}

export function* do_netns(c: Libc, argv: string[]): KGen<number> {
  const cmd = argv[0] ?? 'list';
  if (cmd === 'list' || cmd === 'show') return yield* netns_list(c);
  if (!argv[1]) { yield* c.write(2, 'No netns name specified\n'); return 1; }
  if (cmd === 'add') return yield* netns_add(c, argv[1]);
  if (cmd === 'delete' || cmd === 'del') return yield* netns_delete(c, argv[1]);
  if (cmd === 'exec') return yield* netns_exec(c, argv[1], argv.slice(2));
  yield* c.write(2, `Command "${cmd}" is unknown, try "ip netns help".\n`);
  return 1;
}
