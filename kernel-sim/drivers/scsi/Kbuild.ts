// Models linux/drivers/scsi/Makefile: scsi_mod (the mid layer) and sd_mod (the disk driver), both obj-m as Debian builds them.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as scsi from './scsi.ts';
import * as sd from './sd.ts';

export const obj_y: kbuild_obj[] = [scsi, sd];
