// Models linux/drivers/video/fbdev/core/fbmem.c's fbmem_init (subsys_initcall, CONFIG_FB=y as Debian builds it): /proc/fb, the fb character major 29 and the graphics class, which frame buffer drivers register into. The workbench has no frame buffer driver, so the list stays empty and opening a minor finds none.
import type { file_operations } from '../../../../include/linux/fs_types.ts';
import { ENODEV, ENOMEM } from '../../../../include/uapi/asm-generic/errno.ts';
import type { initcall_entry } from '../../../../init/link_vmlinux.ts';
import { register_chrdev, unregister_chrdev } from '../../../../fs/char_dev.ts';
import { proc_create_single } from '../../../../fs/proc/generic.ts';
import { class_create } from '../../../base/class.ts';
import { printk, pr_warn } from '../../../../kernel/printk/printk.ts';

export const FB_MAJOR = 29;

/** fb_open: the minor names a registered frame buffer (registered_fb[]); none is ever registered here. */
const fb_fops: file_operations = {
  open: function* () { return -ENODEV; },
};

function fbmem_init(): number {
  // /proc/fb lists "%d %s" per registered frame buffer: none.
  if (!proc_create_single('fb', 0, null, () => {})) return -ENOMEM;
  const ret = register_chrdev(FB_MAJOR, 'fb', fb_fops);
  if (ret) { printk(`unable to get major ${FB_MAJOR} for fb devs`); return ret; }
  const cls = class_create('graphics');
  if (typeof cls === 'number') {
    pr_warn(`Unable to create fb class; errno = ${cls}`);
    unregister_chrdev(FB_MAJOR, 'fb');
    return cls;
  }
  return 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'fbmem_init', fbmem_init, 10_000]];
