// Models linux/block/Makefile: the block layer's units with initcalls, in link order (after fs/, before drivers/).
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import * as blk_core from './blk-core.ts';
import * as genhd_sysfs from './genhd_sysfs.ts';
import * as ioprio from './ioprio.ts';
import * as mq_deadline from './mq-deadline.ts';
import * as kyber_iosched from './kyber-iosched.ts';
import * as bfq_iosched from './bfq-iosched.ts';
import * as bsg from './bsg.ts';

export const obj_y: kbuild_obj[] = [blk_core, genhd_sysfs, ioprio, bsg, mq_deadline, kyber_iosched, bfq_iosched];
