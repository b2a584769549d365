// Models linux/crypto/Makefile: crypto/'s units in link order (after security/, before block/).
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import { crypto_algapi_init } from './api.ts';
import { crypto_generic_init, crypto_kdf108_init } from './generic.ts';
import * as asymmetric_keys from './asymmetric_keys/asymmetric_type.ts';

// crypto/Makefile: the algorithms, algapi's /proc/crypto (late), asymmetric_keys/, then kdf_sp800108.o near the end.
export const obj_y: kbuild_obj[] = [
  { initcalls: [['subsys', 'crypto_generic_init', crypto_generic_init, 2_000], ['late', 'crypto_algapi_init', crypto_algapi_init, 2_000]] },
  asymmetric_keys,
  { initcalls: [['device', 'crypto_kdf108_init', crypto_kdf108_init, 2_000]] },
];
