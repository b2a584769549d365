// Models linux/drivers/ptp/ptp_clock.c's ptp_init (subsys_initcall, CONFIG_PTP_1588_CLOCK=y as Debian builds it): the ptp class and its character region, which a NIC with a hardware clock registers /dev/ptpN into. No modelled NIC has one (virtio-net and e1000 register no PTP clock), so the class stays empty.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { MINORMASK } from '../../include/linux/fs_types.ts';
import { pr_err, pr_info } from '../../kernel/printk/printk.ts';
import { alloc_chrdev_region } from '../../fs/char_dev.ts';
import { class_create, class_destroy } from '../base/class.ts';

function ptp_init(): number {
  const cls = class_create('ptp');
  if (typeof cls === 'number') { pr_err('ptp: failed to allocate class'); return cls; }
  const devt = alloc_chrdev_region(0, MINORMASK + 1, 'ptp');
  if (devt < 0) { pr_err('ptp: failed to allocate device region'); class_destroy(cls); return devt; }
  pr_info('PTP clock support registered');
  return 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'ptp_init', ptp_init, 8_000]];
