// Models linux/fs/configfs/mount.c: the configfs filesystem (configfs_init: its /sys/kernel/config mount point, then the type; configfs_exit undoes both) and configfs_pin_fs, the internal mount a registered subsystem keeps.
//
// configfs_init is a core_initcall when CONFIG_CONFIGFS_FS=y and configfs.ko's init when =m (Debian's build):
// there the module is loaded by the first module that uses it (null_blk), and the internal mount its subsystems
// pin holds the module (simple_pin_fs -> vfs_kern_mount -> get_filesystem -> __module_get), so lsmod shows
// configfs used twice by one holder.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { mount } from '../../include/linux/fs_types.ts';
import { kern_mount } from '../mount.ts';
import { kern_unmount } from '../namespace.ts';
import { register_filesystem, unregister_filesystem } from '../super.ts';
import { simple_fs_type } from '../simple_fs.ts';
import { sysfs_create_mount_point, sysfs_remove_mount_point } from '../sysfs/dir.ts';
import { kernel_kobj } from '../../drivers/base/init.ts';
import { defineState } from '../../kernel/state.ts';
import { module_put, try_module_get } from '../../kernel/module/main.ts';
import { find_module } from '../../kernel/module/list.ts';
import { pr_err } from '../../kernel/printk/printk.ts';
import { ENODEV } from '../../include/uapi/asm-generic/errno.ts';

export const CONFIGFS_MAGIC = 0x62656570;
export const configfs_fs_type = simple_fs_type('configfs', CONFIGFS_MAGIC, 0o755);

/** KBUILD_MODNAME: THIS_MODULE is configfs.ko's struct module when built as one, NULL when built in. */
const KBUILD_MODNAME = 'configfs';

/** simple_pin_fs's count of the internal mount (configfs_mnt_count). */
const configfsState = defineState('configfs', () => ({ mnt_count: 0, mnt: null as mount | null }));

export function configfs_init(): number {
  const kobj = kernel_kobj();
  const err = kobj ? sysfs_create_mount_point(kobj, 'config') : 0;
  if (err) return err;
  const r = register_filesystem(configfs_fs_type);
  if (r) {
    pr_err('Unable to register filesystem!');
    if (kobj) sysfs_remove_mount_point(kobj, 'config');
  }
  return r;
}

export function configfs_exit(): void {
  unregister_filesystem(configfs_fs_type);
  const kobj = kernel_kobj();
  if (kobj) sysfs_remove_mount_point(kobj, 'config');
}

/** configfs_pin_fs: the first pin mounts the filesystem internally, which takes a reference on its module. */
export function configfs_pin_fs(): number {
  const s = configfsState();
  if (s.mnt_count === 0) {
    if (!try_module_get(find_module(KBUILD_MODNAME) ?? null)) return -ENODEV;
    const m = kern_mount(configfs_fs_type);
    if (typeof m === 'number') { module_put(find_module(KBUILD_MODNAME) ?? null); return m; }
    s.mnt = m;
  }
  s.mnt_count++;
  return 0;
}

/** configfs_release_fs: the last unpin drops the internal mount and its module reference. */
export function configfs_release_fs(): void {
  const s = configfsState();
  if (s.mnt_count > 0 && --s.mnt_count === 0) {
    if (s.mnt) kern_unmount(s.mnt);
    s.mnt = null;
    module_put(find_module(KBUILD_MODNAME) ?? null);
  }
}

export const initcalls: initcall_entry[] = [['core', 'configfs_init', configfs_init, 4_000]];
