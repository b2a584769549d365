// Models linux/drivers/pps/pps.c's pps_init (subsys_initcall, CONFIG_PPS=y as Debian builds it): the pps class and its character major, with the two lines the core prints. No PPS source (a GPS's pulse line, a serial port's DCD with the pps-ldisc) exists on these machines, so the class stays empty and opening a minor finds none.
import type { file_operations } from '../../include/linux/fs_types.ts';
import { ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { pr_err, pr_info } from '../../kernel/printk/printk.ts';
import { __register_chrdev } from '../../fs/char_dev.ts';
import { class_create, class_destroy } from '../base/class.ts';

export const PPS_API_VERS = 1;
export const PPS_VERSION = '5.3.6';
/** PPS_MAX_SOURCES (pps_kernel.h): minors of the major. */
export const PPS_MAX_SOURCES = 16;

/** pps_cdev_open: the minor names a registered source (pps_idr); none is ever registered here. */
const pps_cdev_fops: file_operations = {
  open: function* () { return -ENODEV; },
};

function pps_init(): number {
  const cls = class_create('pps');
  if (typeof cls === 'number') { pr_err('pps_core: failed to allocate class'); return cls; }
  const major = __register_chrdev(0, 0, PPS_MAX_SOURCES, 'pps', pps_cdev_fops);
  if (major < 0) { pr_err('pps_core: failed to allocate char device region'); class_destroy(cls); return major; }
  pr_info(`pps_core: LinuxPPS API ver. ${PPS_API_VERS} registered`);
  pr_info(`pps_core: Software ver. ${PPS_VERSION} - Copyright 2005-2007 Rodolfo Giometti <giometti@linux.it>`);
  return 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'pps_init', pps_init, 8_000]];
