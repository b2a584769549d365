// Models linux/net/Makefile: net/'s units in link order.
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import * as netlink from './netlink/syscalls.ts';

export const obj_y: kbuild_obj[] = [netlink];
