// Models linux/drivers/Makefile: tty/ before char/ before base/ before block/, as Linux links them.
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import * as serial8250 from './tty/serial/8250_core.ts';
import * as mem from './char/mem.ts';
import { obj_y as base_y } from './base/Kbuild.ts';
import * as brd from './block/brd.ts';

export const obj_y: kbuild_obj[] = [serial8250, mem, base_y, brd];
