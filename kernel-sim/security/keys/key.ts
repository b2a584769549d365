// Models linux/security/keys/key.c and keyring.c: key types, keys with random serials, the key_user quota records, keyrings and their links.
import { defineState } from '../../kernel/state.ts';
import { get_random_u32 } from '../../lib/machine_random.ts';
import { pr_notice } from '../../kernel/printk/printk.ts';

/** Permission bits (include/linux/key.h): possessor, user, group, other. */
export const KEY_POS_VIEW = 0x01000000, KEY_POS_READ = 0x02000000, KEY_POS_WRITE = 0x04000000, KEY_POS_SEARCH = 0x08000000;
export const KEY_POS_LINK = 0x10000000, KEY_POS_SETATTR = 0x20000000, KEY_POS_ALL = 0x3f000000;
export const KEY_USR_VIEW = 0x00010000, KEY_USR_READ = 0x00020000, KEY_USR_WRITE = 0x00040000, KEY_USR_SEARCH = 0x00080000;
export const KEY_ALLOC_NOT_IN_QUOTA = 0x0002;

export interface key_type { name: string; describe(key: key, out: string[]): void }

export interface key {
  serial: number;
  type: key_type;
  description: string;
  uid: number;
  gid: number;
  perm: number;
  usage: number;
  instantiated: boolean;
  revoked: boolean;
  in_quota: boolean;
  /** A keyring's links (keyring_ptr_to_key), in link order. */
  keys: key[];
  /** What a type's describe prints after the description (an asymmetric key's subtype and id). */
  payload_desc: string;
  /** A "user"/"logon" key's data. */
  payload: Uint8Array | null;
}

/** struct key_user: one per uid that owns keys. root_key_user starts with usage 3 and two keys counted (process_keys.c). */
export interface key_user { uid: number; usage: number; nkeys: number; nikeys: number; qnkeys: number; qnbytes: number }

/** keyring_describe: the description, then ": N" links or ": empty". */
export const key_type_keyring: key_type = {
  name: 'keyring',
  describe: (k, out) => { out.push(k.description || '[anon]'); if (k.instantiated) out.push(k.keys.length ? `: ${k.keys.length}` : ': empty'); },
};

/** user_describe: the description, then ": datalen" while instantiated. */
function user_describe(k: key, out: string[]): void {
  out.push(k.description);
  if (k.instantiated) out.push(`: ${k.payload?.length ?? 0}`);
}
export const key_type_user: key_type = { name: 'user', describe: user_describe };
export const key_type_logon: key_type = { name: 'logon', describe: user_describe };

export const key_type_request_key_auth: key_type = { name: '.request_key_auth', describe: () => undefined };

const keysState = defineState('keys', () => ({
  keys: [] as key[],
  users: new Map<number, key_user>([[0, { uid: 0, usage: 3, nkeys: 2, nikeys: 2, qnkeys: 0, qnbytes: 0 }]]),
  // key_init (start_kernel) lists keyring, .request_key_auth, user and logon without a message.
  types: [key_type_keyring, key_type_request_key_auth, key_type_user, key_type_logon] as key_type[],
}));

export function key_serial_tree(): key[] { return [...keysState().keys].sort((a, b) => a.serial - b.serial); }
export function key_user_tree(): key_user[] { return [...keysState().users.values()].sort((a, b) => a.uid - b.uid); }

export function key_type_lookup(name: string): key_type | null { return keysState().types.find((t) => t.name === name) ?? null; }
export function key_lookup(serial: number): key | null { return keysState().keys.find((k) => k.serial === serial) ?? null; }
export function key_user_lookup(uid: number): key_user | null { return keysState().users.get(uid) ?? null; }

/** register_key_type: "Key type NAME registered". */
export function register_key_type(t: key_type): number {
  const types = keysState().types;
  if (types.some((x) => x.name === t.name)) return -17; // -EEXIST
  types.push(t);
  pr_notice(`Key type ${t.name} registered`);
  return 0;
}

/** key_alloc_serial: a random serial of at least 3 not yet in use. */
function key_alloc_serial(): number {
  const used = new Set(keysState().keys.map((k) => k.serial));
  for (;;) {
    const s = get_random_u32() >>> 1;
    if (s >= 3 && !used.has(s)) return s;
  }
}

/** key_alloc + key_instantiate_and_link: the key's user record counts it (and in its quota unless NOT_IN_QUOTA). */
export function key_alloc(type: key_type, description: string, uid: number, gid: number, perm: number, flags: number, quotalen: number): key {
  const st = keysState();
  let u = st.users.get(uid);
  if (!u) { u = { uid, usage: 0, nkeys: 0, nikeys: 0, qnkeys: 0, qnbytes: 0 }; st.users.set(uid, u); }
  u.usage++;
  u.nkeys++;
  const in_quota = !(flags & KEY_ALLOC_NOT_IN_QUOTA);
  if (in_quota) { u.qnkeys++; u.qnbytes += quotalen; }
  const k: key = { serial: key_alloc_serial(), type, description, uid, gid, perm, usage: 1, instantiated: false, revoked: false, in_quota, keys: [], payload_desc: '', payload: null };
  st.keys.push(k);
  return k;
}

export function key_instantiate(k: key): void {
  if (k.instantiated) return;
  k.instantiated = true;
  keysState().users.get(k.uid)!.nikeys++;
}

/** asymmetric_key_describe: the description, ": " and the subtype's "X509.rsa", the last 4 bytes of its id, " []". */
export const key_type_asymmetric: key_type = {
  name: 'asymmetric',
  describe: (k, out) => { out.push(k.description); if (k.payload_desc) out.push(`: ${k.payload_desc} []`); },
};

/** key_link: the keyring holds a reference on the key. */
export function key_link(keyring: key, k: key): void {
  keyring.keys.push(k);
  k.usage++;
}

export function keyring_alloc(description: string, uid: number, gid: number, perm: number, flags: number, dest: key | null): key {
  const k = key_alloc(key_type_keyring, description, uid, gid, perm, flags, 0);
  key_instantiate(k);
  if (dest) key_link(dest, k);
  return k;
}

/** The built-in keyrings' permission: everything for the possessor but setattr; view, read and search for root. */
export const SYSTEM_KEYRING_PERM = (KEY_POS_ALL & ~KEY_POS_SETATTR) | KEY_USR_VIEW | KEY_USR_READ | KEY_USR_SEARCH;

/** A built-in keyring by description, for the certificate and integrity code that fills or links them. */
export function system_keyring(description: string): key | null {
  return keysState().keys.find((k) => k.type === key_type_keyring && k.description === description && k.uid === 0) ?? null;
}
