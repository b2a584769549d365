// Models linux/init/Makefile: init/'s units in link order.
import type { kbuild_obj } from './link_vmlinux.ts';
import * as initramfs from './initramfs.ts';

export const obj_y: kbuild_obj[] = [initramfs];
