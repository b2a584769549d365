// Models linux/init/initramfs.c: unpacking the initramfs archive into rootfs (populate_rootfs).
import { S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, AT_FDCWD, O_WRONLY, O_CREAT, O_TRUNC } from '../include/uapi/stat.ts';
import { defineState } from '../kernel/state.ts';
import { pr_info, pr_err } from '../kernel/printk/printk.ts';
import { account_ns } from '../kernel/time/timekeeping.ts';
import { filename_parentat, vfs_mkdir, vfs_symlink, vfs_mknod, vfs_create } from '../fs/namei.ts';
import type { initcall_entry } from './link_vmlinux.ts';
import { free_initrd_mem } from '../mm/mem_init.ts';

/** One cpio member: a directory, a file with data, a symlink, or a device node. */
export interface initramfs_entry { path: string; mode: number; data?: Uint8Array; link?: string; rdev?: number; uid?: number; gid?: number }

const irState = defineState('initramfs', () => ({ image: [] as initramfs_entry[] }));

export function set_initramfs(image: initramfs_entry[]): void {
  irState().image = image;
}

/** Size of the image as the "Freeing initrd memory" line reports it. */
export function initramfs_size(): number {
  return irState().image.reduce((n, e) => n + 110 + e.path.length + (e.data?.length ?? 0) + (e.link?.length ?? 0), 0);
}

/** Creates every member under / (do_name/do_copy/do_symlink of initramfs.c). Returns an error message or null. */
export function unpack_to_rootfs(): string | null {
  for (const e of irState().image) {
    const r = filename_parentat(AT_FDCWD, e.path);
    if (typeof r === 'number') return `${e.path}: error ${r}`;
    if (r.existing) continue;
    const type = e.mode & S_IFMT;
    let err = 0;
    if (type === S_IFDIR) err = vfs_mkdir(r.parent, r.last, e.mode & 0o7777);
    else if (type === S_IFLNK) err = vfs_symlink(r.parent, r.last, e.link ?? '');
    else if (type === S_IFREG) {
      const d = vfs_create(r.parent, r.last, e.mode & 0o7777);
      if (typeof d === 'number') err = d;
      else {
        const ino = d.d_inode!;
        ino.i_mode = S_IFREG | (e.mode & 0o7777);
        ino.i_data = e.data ? e.data.slice() : new Uint8Array(0);
        ino.i_size = ino.i_data.length;
        ino.i_blocks = Math.ceil(ino.i_size / 512);
      }
    } else err = vfs_mknod(r.parent, r.last, e.mode, e.rdev ?? 0);
    if (err) return `${e.path}: error ${err}`;
  }
  return null;
}

/** populate_rootfs (a rootfs_initcall). */
export function populate_rootfs(): number {
  pr_info('Trying to unpack rootfs image as initramfs...');
  const err = unpack_to_rootfs();
  // Decompressing and copying a 5 MiB gzip'd cpio takes about half a second on a QEMU guest.
  account_ns(500_000_000);
  if (err) { pr_err(`Initramfs unpacking failed: ${err}`); return 0; }
  free_initrd_mem();
  return 0;
}

export { O_WRONLY, O_CREAT, O_TRUNC };

/** The members the machine was given (the root tree brd copies onto /dev/ram0). */
export function initramfs_image(): readonly initramfs_entry[] { return irState().image; }

export const initcalls: initcall_entry[] = [['rootfs', 'populate_rootfs', populate_rootfs, 10_000_000]];
