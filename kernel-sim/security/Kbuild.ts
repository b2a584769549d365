// Models linux/security/Makefile: security/'s units in link order (after ipc/, before block/ and net/).
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import * as inode from './inode.ts';
import * as keys_proc from './keys/proc.ts';
import * as keyctl from './keys/keyctl.ts';
import * as integrity_keyrings from './integrity/keyrings.ts';
import * as apparmorfs from './apparmor/apparmorfs.ts';

export const obj_y: kbuild_obj[] = [inode, keyctl, keys_proc, apparmorfs, integrity_keyrings];
