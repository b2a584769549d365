// Models linux/lib/Makefile: lib/'s units in link order (the top Kbuild links lib/ after block/, before drivers/).
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import { dynamic_debug_init_control } from './dynamic_debug.ts';

export const obj_y: kbuild_obj[] = [{ initcalls: [['fs', 'dynamic_debug_init_control', dynamic_debug_init_control, 2_000]] }];
