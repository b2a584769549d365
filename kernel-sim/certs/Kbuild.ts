// Models linux/certs/Makefile: certs/ links after kernel/, before mm/ (the top Kbuild).
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import * as system_keyring from './system_keyring.ts';

export const obj_y: kbuild_obj[] = [system_keyring];
