// Models the generic algorithms Debian's 6.1 config builds into the kernel (crypto/dh.c, rsa.c, crypto_null.c, md5.c, sha1_generic.c, sha256_generic.c, aes_generic.c, deflate.c, lzo.c, lzo-rle.c, drbg.c; each a subsys_initcall) with the properties their sources give, and kdf_sp800108's self-test, whose hmac(sha256) instance stays registered.
import { crypto_register_alg, crypto_register_algs, type alg_template } from './api.ts';
import { pr_info } from '../kernel/printk/printk.ts';

const shash = (name: string, driver: string, priority: number, blocksize: number, digestsize: number): alg_template =>
  ({ cra_name: name, cra_driver_name: driver, cra_priority: priority, cra_blocksize: blocksize, type: { kind: 'shash', digestsize } });
const comp = (name: string, driver: string): alg_template[] => [
  { cra_name: name, cra_driver_name: `${driver}-generic`, cra_priority: 0, cra_blocksize: 1, type: { kind: 'compression' } },
];
const scomp = (name: string, driver: string): alg_template => ({ cra_name: name, cra_driver_name: driver, cra_priority: 0, cra_blocksize: 1, type: { kind: 'scomp' } });

/** drbg_cores with CONFIG_CRYPTO_DRBG_CTR, _HASH and _HMAC: the name each core gives its drivers. */
const drbg_cores = ['ctr_aes128', 'ctr_aes192', 'ctr_aes256', 'sha1', 'sha384', 'sha512', 'sha256', 'hmac_sha1', 'hmac_sha384', 'hmac_sha512', 'hmac_sha256'];

/** In crypto/Makefile's order; within a file, its init's order. */
const builtin: (() => number)[] = [
  () => crypto_register_alg({ cra_name: 'dh', cra_driver_name: 'dh-generic', cra_priority: 100, cra_blocksize: 0, type: { kind: 'kpp' } }),
  () => crypto_register_alg({ cra_name: 'rsa', cra_driver_name: 'rsa-generic', cra_priority: 100, cra_blocksize: 0, type: { kind: 'akcipher' } }),
  () => crypto_register_algs([
    { cra_name: 'cipher_null', cra_driver_name: 'cipher_null-generic', cra_priority: 0, cra_blocksize: 1, type: { kind: 'cipher', min_keysize: 0, max_keysize: 0 } },
    { cra_name: 'compress_null', cra_driver_name: 'compress_null-generic', cra_priority: 0, cra_blocksize: 1, type: { kind: 'compression' } },
    shash('digest_null', 'digest_null-generic', 0, 1, 0),
    { cra_name: 'ecb(cipher_null)', cra_driver_name: 'ecb-cipher_null', cra_priority: 100, cra_blocksize: 1, type: { kind: 'skcipher', min_keysize: 0, max_keysize: 0, ivsize: 0, async: false } },
  ]),
  () => crypto_register_alg(shash('md5', 'md5-generic', 0, 64, 16)),
  () => crypto_register_alg(shash('sha1', 'sha1-generic', 100, 64, 20)),
  () => crypto_register_algs([shash('sha256', 'sha256-generic', 100, 64, 32), shash('sha224', 'sha224-generic', 100, 64, 28)]),
  () => crypto_register_alg({ cra_name: 'aes', cra_driver_name: 'aes-generic', cra_priority: 100, cra_blocksize: 16, type: { kind: 'cipher', min_keysize: 16, max_keysize: 32 } }),
  () => crypto_register_algs([...comp('deflate', 'deflate'), scomp('deflate', 'deflate-scomp'), scomp('zlib-deflate', 'zlib-deflate-scomp')]),
  () => crypto_register_algs([...comp('lzo', 'lzo'), scomp('lzo', 'lzo-scomp')]),
  () => crypto_register_algs([...comp('lzo-rle', 'lzo-rle'), scomp('lzo-rle', 'lzo-rle-scomp')]),
  // drbg_init: the prediction-resistant variants of every core, then the others; priorities 200 up (fips_enabled is 0).
  () => crypto_register_algs([...drbg_cores.map((c) => `drbg_pr_${c}`), ...drbg_cores.map((c) => `drbg_nopr_${c}`)].map((d, i) =>
    ({ cra_name: 'stdrng', cra_driver_name: d, cra_priority: 200 + i, cra_blocksize: 0, type: { kind: 'rng', seedsize: 0 } }))),
];

/** The generic algorithms' subsys_initcalls, in link order. */
export function crypto_generic_init(): number {
  for (const f of builtin) { const r = f(); if (r) return r; }
  return 0;
}

/** kdf_sp800108.c's crypto_kdf108_init (module_init): its self-test instantiates hmac(sha256) and passes. */
export function crypto_kdf108_init(): number {
  crypto_register_alg(shash('hmac(sha256)', 'hmac(sha256-generic)', 100, 64, 32));
  pr_info('alg: self-tests for CTR-KDF (hmac(sha256)) passed');
  return 0;
}
