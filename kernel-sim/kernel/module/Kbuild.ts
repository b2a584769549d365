// Models linux/kernel/module/Makefile: the module loader's units in link order (its system calls, /proc/modules, the param_ops symbols).
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as syscalls from './syscalls.ts';
import * as params from './params.ts';
import * as procfs from './procfs.ts';
import * as kallsyms from './kallsyms.ts';

export const obj_y: kbuild_obj[] = [syscalls, params, procfs, kallsyms];
