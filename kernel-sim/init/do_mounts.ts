// Models linux/init/do_mounts.c: prepare_namespace — root= names the root device, mount_root mounts it on /root, then it moves to / and becomes init's root.
import type { dev_t } from '../include/linux/fs_types.ts';
import { MKDEV, MAJOR, MINOR } from '../include/linux/fs_types.ts';
import { EACCES, EINVAL } from '../include/uapi/asm-generic/errno.ts';
import { AT_FDCWD, S_IFBLK, S_IFDIR } from '../include/uapi/stat.ts';
import { printk, pr_info, KERN_INFO } from '../kernel/printk/printk.ts';
import { panic } from '../kernel/panic.ts';
import { current } from '../kernel/sched/core.ts';
import { filename_parentat, vfs_mknod, vfs_mkdir, vfs_unlink, user_path_at, LOOKUP_FOLLOW } from '../fs/namei.ts';
import { path_mount, MS_RDONLY, MS_SILENT, MS_MOVE } from '../fs/namespace.ts';
import { do_chdir, do_chroot } from '../fs/open.ts';
import { filesystems_proc_show } from '../fs/super.ts';
import { blk_lookup_devt, bdevname, all_disks, disk_devt, get_capacity } from '../block/genhd.ts';

/** name_to_dev_t: "/dev/ram0", "ram0", "MAJ:MIN" or a hex number; 0 when nothing matches. */
export function name_to_dev_t(name: string): dev_t {
  const mm = /^(\d+):(\d+)$/.exec(name);
  if (mm) return MKDEV(Number(mm[1]), Number(mm[2]));
  if (!name.startsWith('/dev/')) return /^[0-9a-fA-F]+$/.test(name) ? (() => { const v = parseInt(name, 16); return MKDEV(v >> 8, v & 0xff); })() : 0;
  return blk_lookup_devt(name.slice(5));
}

/** bdevt_str + printk_all_partitions: one line per disk, as the "available partitions" list shows them. */
function printk_all_partitions(): void {
  for (const d of all_disks()) {
    const dev = disk_devt(d);
    const devt = MAJOR(dev) <= 0xff && MINOR(dev) <= 0xff
      ? MAJOR(dev).toString(16).padStart(2, '0') + MINOR(dev).toString(16).padStart(2, '0')
      : `${MAJOR(dev).toString(16).padStart(3, '0')}:${MINOR(dev).toString(16).padStart(5, '0')}`;
    printk(`${devt} ${String(Math.floor(get_capacity(d) / 2)).padStart(10, ' ')} ${d.disk_name}  (driver?)`);
  }
}

/** create_dev: a block special file for the root device in rootfs (/dev/root). */
function create_dev(name: string, dev: dev_t): void {
  const dir = filename_parentat(AT_FDCWD, '/dev');
  if (typeof dir !== 'number' && !dir.existing) vfs_mkdir(dir.parent, dir.last, 0o755);
  const r = filename_parentat(AT_FDCWD, name);
  if (typeof r === 'number') return;
  if (r.existing) vfs_unlink(r.parent, r.existing);
  vfs_mknod(r.parent, r.last, S_IFBLK | 0o600, dev);
}

/** do_mount_root: mount on /root and chdir there; prints the "VFS: Mounted root" line. */
function do_mount_root(name: string, fs: string, flags: number, data: string): number {
  const target = user_path_at(AT_FDCWD, '/root', LOOKUP_FOLLOW);
  if (typeof target === 'number') return target;
  const r = path_mount(name, target, fs, flags, data);
  if (r) return r;
  do_chdir(AT_FDCWD, '/root');
  const sb = current().fs.pwd.dentry.d_sb;
  const ro = current().fs.pwd.mnt.mnt.mnt_flags & 0x40 ? ' readonly' : '';
  printk(`${KERN_INFO}VFS: Mounted root (${sb.s_type.name} filesystem)${ro} on device ${MAJOR(sb.s_dev)}:${MINOR(sb.s_dev)}.`);
  return 0;
}

/** Filesystems that need a device, in registration order (get_filesystem_list), or rootfstype='s list. */
function fs_names(rootfstype: string | null): string[] {
  if (rootfstype) return rootfstype.split(',').filter(Boolean);
  return filesystems_proc_show().split('\n').filter((l) => l && !l.startsWith('nodev')).map((l) => l.trim());
}

/** mount_block_root: try each filesystem; a device that cannot be opened panics the machine. Returns false after a panic. */
function mount_block_root(name: string, root_device_name: string, dev: dev_t, flags: number, rootfstype: string | null): boolean {
  const b = bdevname(dev);
  const names = fs_names(rootfstype);
  for (;;) {
    for (const fs of names) {
      const err = do_mount_root(name, fs, flags, '');
      if (err === 0) return true;
      if (err === -EACCES || err === -EINVAL || err === -19) continue;
      printk(`VFS: Cannot open root device "${root_device_name}" or ${b}: error ${err}`);
      printk('Please append a correct "root=" boot option; here are the available partitions:');
      printk_all_partitions();
      panic(`VFS: Unable to mount root fs on ${b}`);
      return false;
    }
    if (flags & MS_RDONLY) break;
    flags |= MS_RDONLY;
  }
  printk('List of all partitions:');
  printk_all_partitions();
  printk(`No filesystem could mount root, tried: ${names.map((n) => ' ' + n).join('')}`);
  panic(`VFS: Unable to mount root fs on ${b}`);
  return false;
}

/** prepare_namespace: mount root= on /root, move it over /, chroot into it. Returns false if the kernel panicked. */
export function prepare_namespace(root: string, rootfstype: string | null, cmdline: string): boolean {
  const args = cmdline.split(/\s+/);
  let flags = MS_RDONLY | MS_SILENT;
  for (const a of args) { if (a === 'rw') flags &= ~MS_RDONLY; if (a === 'ro') flags |= MS_RDONLY; }
  const dev = name_to_dev_t(root);
  const root_device_name = root.startsWith('/dev/') ? root.slice(5) : root;
  create_dev('/dev/root', dev);
  if (!mount_block_root('/dev/root', root_device_name, dev, flags, rootfstype)) return false;
  // init_mount(".", "/", NULL, MS_MOVE, NULL); init_chroot(".")
  const src = current().fs.pwd;
  const slash = user_path_at(AT_FDCWD, '/', 0);
  if (typeof slash === 'number') return true;
  const r = path_mount('', slash, '', MS_MOVE, '', src);
  if (r) pr_info(`VFS: moving the root mount failed (error ${r})`);
  do_chroot('.');
  return true;
}

export { S_IFDIR, EINVAL };
