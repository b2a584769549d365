// Models linux/fs/Makefile: fs/'s units and filesystems in link order (filesystems register, and /proc/filesystems lists them, in this order).
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import * as exec from './exec.ts';
import * as binfmt_kwb from './binfmt_kwb.ts';
import * as pipe from './pipe.ts';
import * as anon_inodes from './anon_inodes.ts';
import * as ramfs from './ramfs/inode.ts';
import * as syscalls from './syscalls.ts';
import * as proc from './proc/root.ts';
import * as binfmt_wasm from './binfmt_wasm.ts';
import * as configfs from './configfs/mount.ts';
import * as devpts from './devpts/init.ts';
import * as romfs from './romfs/super.ts';
import * as ext2 from './ext2/super.ts';
import * as sync from './sync.ts';
import * as aio from './aio.ts';
import * as drop_caches from './drop_caches.ts';
import * as debugfs from './debugfs/inode.ts';
import * as tracefs from './tracefs/inode.ts';
import * as hugetlbfs from './hugetlbfs/inode.ts';
import * as pstore from './pstore/inode.ts';
import * as namespace from './namespace.ts';

export const obj_y: kbuild_obj[] = [exec, binfmt_kwb, pipe, anon_inodes, ramfs, hugetlbfs, syscalls, proc, binfmt_wasm, configfs, devpts, romfs, ext2, sync, aio, drop_caches, debugfs, tracefs, pstore, namespace];
