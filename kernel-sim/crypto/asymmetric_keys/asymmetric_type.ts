// Models linux/crypto/asymmetric_keys/asymmetric_type.c and x509_public_key.c's module_inits: the asymmetric key type and the X.509 parser registered with it.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { pr_notice } from '../../kernel/printk/printk.ts';
import { key_type_asymmetric, register_key_type } from '../../security/keys/key.ts';

function asymmetric_key_init(): number { return register_key_type(key_type_asymmetric); }

/** register_asymmetric_key_parser: "Asymmetric key parser 'x509' registered". */
function x509_key_init(): number {
  pr_notice("Asymmetric key parser 'x509' registered");
  return 0;
}

export const initcalls: initcall_entry[] = [
  ['device', 'asymmetric_key_init', asymmetric_key_init, 2_000],
  ['device', 'x509_key_init', x509_key_init, 2_000],
];
