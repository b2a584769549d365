// Models linux/Makefile's vmlinux link order (init-y, core-y, drivers-y, net-y) and the image link_vmlinux makes of it.
//
// The only place that knows every subsystem: a new subsystem adds its folder's
// obj_y here (or its unit to its folder's Kbuild.ts) and nothing else.
import { link_vmlinux, type kbuild_obj } from './init/link_vmlinux.ts';
import { obj_y as init_y } from './init/Kbuild.ts';
import { obj_y as arch_y, drivers_y as arch_drivers_y } from './arch/x86/Kbuild.ts';
import { obj_y as kernel_y } from './kernel/Kbuild.ts';
import { obj_y as certs_y } from './certs/Kbuild.ts';
import { obj_y as mm_y } from './mm/Kbuild.ts';
import { obj_y as fs_y } from './fs/Kbuild.ts';
import { obj_y as ipc_y } from './ipc/Kbuild.ts';
import { obj_y as security_y } from './security/Kbuild.ts';
import { obj_y as crypto_y } from './crypto/Kbuild.ts';
import { obj_y as block_y } from './block/Kbuild.ts';
import { obj_y as lib_y } from './lib/Kbuild.ts';
import { obj_y as drivers_y } from './drivers/Kbuild.ts';
import { obj_y as net_y } from './net/Kbuild.ts';

export const vmlinux_objs: readonly kbuild_obj[] = [init_y, arch_y, kernel_y, certs_y, mm_y, fs_y, ipc_y, security_y, crypto_y, block_y, lib_y, drivers_y, net_y, arch_drivers_y];

/** The linked kernel every machine boots (the sections are data; each boot installs them in its own state). */
export const vmlinux = link_vmlinux(vmlinux_objs);
