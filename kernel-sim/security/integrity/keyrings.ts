// Models linux/security/integrity/platform_certs/platform_keyring.c and machine_keyring.c (integrity_init_keyring): the .platform and .machine keyrings Debian's config builds (CONFIG_INTEGRITY_PLATFORM_KEYRING, _MACHINE_KEYRING); the machine keyring is linked into the secondary trusted keyring.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { pr_info } from '../../kernel/printk/printk.ts';
import { key_link, keyring_alloc, system_keyring, KEY_ALLOC_NOT_IN_QUOTA, KEY_USR_WRITE, SYSTEM_KEYRING_PERM } from '../keys/key.ts';

function platform_keyring_init(): number {
  keyring_alloc('.platform', 0, 0, SYSTEM_KEYRING_PERM | KEY_USR_WRITE, KEY_ALLOC_NOT_IN_QUOTA, null);
  pr_info('integrity: Platform Keyring initialized');
  return 0;
}

function machine_keyring_init(): number {
  const machine = keyring_alloc('.machine', 0, 0, SYSTEM_KEYRING_PERM | KEY_USR_WRITE, KEY_ALLOC_NOT_IN_QUOTA, null);
  // set_machine_trusted_keys: the secondary trusted keyring links the machine keyring.
  const secondary = system_keyring('.secondary_trusted_keys');
  if (secondary) key_link(secondary, machine);
  pr_info('integrity: Machine keyring initialized');
  return 0;
}

export const initcalls: initcall_entry[] = [
  ['device', 'platform_keyring_init', platform_keyring_init, 2_000],
  ['device', 'machine_keyring_init', machine_keyring_init, 2_000],
];
