// Models util-linux mount(8) and umount(8): listing /proc/mounts as "SRC on DIR type T (OPTS)", mount -t TYPE -o OPTS SRC DIR, --bind, remount, --make-{shared,slave,private,unbindable}, umount -l -f, and their messages and exit code 32.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { ostream, usage_error } from '../../lib/stdio.ts';
import { strerror } from '../../lib/libc.ts';
import { MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_SYNCHRONOUS, MS_REMOUNT, MS_DIRSYNC, MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_MOVE, MS_REC, MS_PRIVATE, MS_SLAVE, MS_SHARED, MS_RELATIME, MS_STRICTATIME, MS_LAZYTIME, MS_UNBINDABLE, MNT_FORCE, MNT_DETACH } from '../../../fs/namespace.ts';
import { S_ISDIR } from '../../../include/uapi/stat.ts';
import { EPERM, ENODEV, ENOENT, EBUSY, EINVAL, ENOTDIR, EACCES, ENOTBLK } from '../../../include/uapi/asm-generic/errno.ts';

const MOUNT_EX_FAIL = 32, MOUNT_EX_USAGE = 1;

/** Mount options that are flags (set, or cleared with the "no"/"rw" forms); the rest go to the filesystem as data. */
const FLAG_OPTS: Record<string, [number, boolean]> = {
  ro: [MS_RDONLY, true], rw: [MS_RDONLY, false], nosuid: [MS_NOSUID, true], suid: [MS_NOSUID, false], nodev: [MS_NODEV, true], dev: [MS_NODEV, false],
  noexec: [MS_NOEXEC, true], exec: [MS_NOEXEC, false], sync: [MS_SYNCHRONOUS, true], async: [MS_SYNCHRONOUS, false], remount: [MS_REMOUNT, true],
  dirsync: [MS_DIRSYNC, true], noatime: [MS_NOATIME, true], atime: [MS_NOATIME, false], nodiratime: [MS_NODIRATIME, true], diratime: [MS_NODIRATIME, false],
  bind: [MS_BIND, true], rbind: [MS_BIND | MS_REC, true], move: [MS_MOVE, true], private: [MS_PRIVATE, true], rprivate: [MS_PRIVATE | MS_REC, true],
  slave: [MS_SLAVE, true], rslave: [MS_SLAVE | MS_REC, true], shared: [MS_SHARED, true], rshared: [MS_SHARED | MS_REC, true],
  unbindable: [MS_UNBINDABLE, true], runbindable: [MS_UNBINDABLE | MS_REC, true],
  relatime: [MS_RELATIME, true], norelatime: [MS_RELATIME, false], strictatime: [MS_STRICTATIME, true], lazytime: [MS_LAZYTIME, true],
  defaults: [0, true], auto: [0, true], noauto: [0, true], user: [0, true], nouser: [0, true],
};

export function parse_mount_opts(s: string): { flags: number; data: string } {
  let flags = 0;
  const data: string[] = [];
  for (const o of s.split(',').filter(Boolean)) {
    const f = FLAG_OPTS[o];
    if (f) { if (f[1]) flags |= f[0]; else flags &= ~f[0]; } else data.push(o);
  }
  return { flags, data: data.join(',') };
}

const unescape = (s: string): string => s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));

export function* mount_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'at:o:rwvnfliBMR', long: { 'types=': 't', 'options=': 'o', 'read-only': 'r', rw: 'w', 'read-write': 'w', bind: 'B', move: 'M', rbind: 'R', verbose: 'v', 'make-private': 'P', 'make-rprivate': 'Q', 'make-shared': 'S', 'make-rshared': 'T', 'make-slave': 'U', 'make-rslave': 'V', 'make-unbindable': 'W', 'make-runbindable': 'Y' } });
  if (p.error) return yield* usage_error(c, 'mount', p.error, MOUNT_EX_USAGE);
  const type = optval(p, 't');
  if (!p.args.length && !has(p, 'a')) {
    const t = yield* c.read_text('/proc/self/mounts');
    const text = typeof t === 'string' ? t : yield* c.read_text('/proc/mounts');
    if (typeof text === 'number') { yield* c.write(2, `mount: failed to read mtab: ${strerror(-text)}\n`); return MOUNT_EX_FAIL; }
    const out = new ostream(c);
    for (const line of text.split('\n')) {
      const f = line.split(' ');
      if (f.length < 4) continue;
      if (type && !type.split(',').includes(f[2])) continue;
      yield* out.write(`${unescape(f[0])} on ${unescape(f[1])} type ${f[2]} (${f[3]})\n`);
    }
    yield* out.flush();
    return 0;
  }
  if (has(p, 'a')) return 0;
  let { flags, data } = parse_mount_opts(p.opts.filter(([k]) => k === 'o').map(([, v]) => v).join(','));
  if (has(p, 'r')) flags |= MS_RDONLY;
  if (has(p, 'w')) flags &= ~MS_RDONLY;
  if (has(p, 'B')) flags |= MS_BIND;
  if (has(p, 'R')) flags |= MS_BIND | MS_REC;
  if (has(p, 'M')) flags |= MS_MOVE;
  const prop: Record<string, number> = { P: MS_PRIVATE, Q: MS_PRIVATE | MS_REC, S: MS_SHARED, T: MS_SHARED | MS_REC, U: MS_SLAVE, V: MS_SLAVE | MS_REC, W: MS_UNBINDABLE, Y: MS_UNBINDABLE | MS_REC };
  let prop_only = false;
  for (const [k] of p.opts) if (prop[k]) { flags |= prop[k]; prop_only = true; }
  if (flags & (MS_PRIVATE | MS_SHARED | MS_SLAVE | MS_UNBINDABLE)) prop_only = true;
  let src: string, dir: string;
  if (p.args.length === 1) {
    if (prop_only || flags & MS_REMOUNT) { src = 'none'; dir = p.args[0]; }
    else {
      const fstab = yield* c.read_text('/etc/fstab');
      const hit = typeof fstab === 'string' ? fstab.split('\n').map((l) => l.trim().split(/\s+/)).find((f) => f.length >= 3 && !f[0].startsWith('#') && (f[0] === p.args[0] || f[1] === p.args[0])) : undefined;
      if (!hit) { yield* c.write(2, `mount: ${p.args[0]}: can't find in /etc/fstab.\n`); return MOUNT_EX_USAGE; }
      src = hit[0]; dir = hit[1];
      const o = parse_mount_opts(hit[3] ?? '');
      flags |= o.flags; data = data || o.data;
      return yield* do_mount(c, src, dir, type ?? hit[2], flags, data, has(p, 'v'));
    }
  } else if (p.args.length === 2) { [src, dir] = p.args; }
  else return yield* usage_error(c, 'mount', 'bad usage', MOUNT_EX_USAGE);
  return yield* do_mount(c, src, dir, type ?? (flags & (MS_BIND | MS_MOVE | MS_REMOUNT) || prop_only ? '' : 'auto'), flags, data, has(p, 'v'));
}

function* do_mount(c: Libc, src: string, dir: string, type: string, flags: number, data: string, verbose: boolean): KGen<number> {
  let r: number;
  if (type === 'auto') {
    // No blkid here: try the filesystems the kernel knows, as libmount does with /proc/filesystems.
    const fs = yield* c.read_text('/proc/filesystems');
    const cands = typeof fs === 'string' ? fs.split('\n').filter((l) => l && !l.startsWith('nodev')).map((l) => l.trim()) : [];
    r = -EINVAL;
    for (const t of cands) { r = yield* c.mount(src, dir, t, flags, data); if (r === 0) break; }
    if (r < 0 && !cands.length) { yield* c.write(2, `mount: ${dir}: can't find in /etc/fstab.\n`); return MOUNT_EX_USAGE; }
  } else r = yield* c.mount(src, dir, type, flags, data);
  if (r === 0) { if (verbose) yield* c.write(1, `mount: ${src} mounted on ${dir}.\n`); return 0; }
  const st = yield* c.stat(dir);
  let msg: string;
  if (r === -EPERM || r === -EACCES) msg = `${dir}: must be superuser to use mount.`;
  else if (r === -ENODEV) msg = `${dir}: unknown filesystem type '${type}'.`;
  else if (typeof st === 'number') msg = `${dir}: mount point does not exist.`;
  else if (r === -ENOTDIR || !S_ISDIR(st.mode)) msg = `${dir}: mount point is not a directory.`;
  else if (r === -ENOENT) msg = `${dir}: special device ${src} does not exist.`;
  else if (r === -EBUSY) msg = `${dir}: ${src} already mounted or mount point busy.`;
  else if (r === -ENOTBLK) msg = `${dir}: ${src} is not a block device.`;
  else if (r === -EINVAL) msg = flags & MS_REMOUNT ? `${dir}: mount point not mounted or bad option.` : `${dir}: wrong fs type, bad option, bad superblock on ${src}, missing codepage or helper program, or other error.`;
  else msg = `${dir}: ${strerror(-r)}.`;
  yield* c.write(2, `mount: ${msg}\n`);
  return MOUNT_EX_FAIL;
}

export function* umount_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'lfRrvnatid', long: { lazy: 'l', force: 'f', recursive: 'R', verbose: 'v', 'read-only': 'r' } });
  if (p.error) return yield* usage_error(c, 'umount', p.error, MOUNT_EX_USAGE);
  if (!p.args.length) return yield* usage_error(c, 'umount', 'bad usage', MOUNT_EX_USAGE);
  const flags = (has(p, 'l') ? MNT_DETACH : 0) | (has(p, 'f') ? MNT_FORCE : 0);
  let status = 0;
  for (const target of p.args) {
    const r = yield* c.umount(target, flags);
    if (r === 0) { if (has(p, 'v')) yield* c.write(1, `umount: ${target} unmounted\n`); continue; }
    let msg: string;
    if (r === -EINVAL) msg = `${target}: not mounted.`;
    else if (r === -EBUSY) msg = `${target}: target is busy.`;
    else if (r === -ENOENT) msg = `${target}: no mount point specified.`;
    else if (r === -EPERM) msg = `${target}: must be superuser to unmount.`;
    else msg = `${target}: ${strerror(-r)}.`;
    yield* c.write(2, `umount: ${msg}\n`);
    status = MOUNT_EX_FAIL;
  }
  return status;
}
