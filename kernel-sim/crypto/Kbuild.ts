// Models linux/crypto/Makefile: crypto/'s units in link order (after security/, before block/).
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import { crypto_algapi_init } from './api.ts';
import { crypto_boot_instances, crypto_generic_init } from './generic.ts';

export const obj_y: kbuild_obj[] = [{
  initcalls: [
    ['subsys', 'crypto_generic_init', crypto_generic_init, 2_000],
    ['late', 'crypto_algapi_init', crypto_algapi_init, 2_000],
    ['late', 'crypto_kdf108_init', crypto_boot_instances, 2_000],
  ],
}];
