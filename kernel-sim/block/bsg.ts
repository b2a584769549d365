// Models linux/block/bsg.c's bsg_init (device_initcall, CONFIG_BLK_DEV_BSG=y as Debian builds it): the bsg class and its character region, with the line it prints. SCSI queues register /dev/bsg/H:C:T:L nodes into it (bsg_register_queue); that half is not modelled, so the class stays empty.
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { MAJOR } from '../include/linux/fs_types.ts';
import { printk, KERN_INFO } from '../kernel/printk/printk.ts';
import { alloc_chrdev_region } from '../fs/char_dev.ts';
import { class_create, class_destroy } from '../drivers/base/class.ts';

const BSG_DESCRIPTION = 'Block layer SCSI generic (bsg) driver';
const BSG_VERSION = '0.4';
/** BSG_MAX_DEVS (bsg.c): minors of the region. */
export const BSG_MAX_DEVS = 32768;

function bsg_init(): number {
  const cls = class_create('bsg');
  if (typeof cls === 'number') return cls;
  const devid = alloc_chrdev_region(0, BSG_MAX_DEVS, 'bsg');
  if (devid < 0) { class_destroy(cls); return devid; }
  printk(`${KERN_INFO}${BSG_DESCRIPTION} version ${BSG_VERSION} loaded (major ${MAJOR(devid)})`);
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'bsg_init', bsg_init, 10_000]];
