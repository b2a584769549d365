// Models linux/security/keys/keyctl.c, process_keys.c and request_key.c: add_key(2), request_key(2) without an upcall, and keyctl(2)'s GET_KEYRING_ID, REVOKE, DESCRIBE, CLEAR, LINK, UNLINK, SEARCH and READ with their errnos; the user keyrings a uid gets on first use.
//
// Process keyrings: a task has no thread, process or session keyring of its own here (nothing joins one), so the
// session keyring is the uid's user-session keyring, as lookup_user_key installs it for a process without one.
import { SYSCALL_DEFINE, type syscall_def } from '../../include/linux/syscalls.ts';
import { EACCES, EDQUOT, EFAULT, EINVAL, EKEYREVOKED, ENODEV, ENOENT, ENOKEY, ENOTDIR, EOPNOTSUPP, EPERM } from '../../include/uapi/asm-generic/errno.ts';
import { current } from '../../kernel/sched/core.ts';
import { copy_from_user, copy_to_user, strncpy_from_user } from '../../mm/uaccess.ts';
import {
  key_alloc, key_instantiate, key_link, key_lookup, key_type_keyring, key_type_lookup, key_user_lookup, keyring_alloc,
  KEY_POS_LINK, KEY_POS_READ, KEY_POS_SEARCH, KEY_POS_SETATTR, KEY_POS_VIEW, KEY_POS_WRITE, KEY_USR_VIEW,
  type key,
} from './key.ts';
import { defineState } from '../../kernel/state.ts';

export const KEY_SPEC_THREAD_KEYRING = -1, KEY_SPEC_PROCESS_KEYRING = -2, KEY_SPEC_SESSION_KEYRING = -3;
export const KEY_SPEC_USER_KEYRING = -4, KEY_SPEC_USER_SESSION_KEYRING = -5;
export const KEYCTL_GET_KEYRING_ID = 0, KEYCTL_REVOKE = 3, KEYCTL_DESCRIBE = 6, KEYCTL_CLEAR = 7, KEYCTL_LINK = 8;
export const KEYCTL_UNLINK = 9, KEYCTL_SEARCH = 10, KEYCTL_READ = 11;
/** The need bits of key_task_permission (KEY_NEED_*), as the possessor's bits shifted down. */
const NEED_VIEW = 0x01, NEED_READ = 0x02, NEED_WRITE = 0x04, NEED_SEARCH = 0x08, NEED_LINK = 0x10, NEED_SETATTR = 0x20;
/** user_preparse: a user key's data is 1 to 32767 bytes. */
const USER_KEY_MAX = 32767;
/** KEY_POS_ALL | KEY_USR_ALL: the user keyrings' permission. */
const USER_KEYRING_PERM = 0x3f3f0000;

const userKeyrings = defineState('user_keyrings', () => new Map<number, { user: key; session: key }>());

/** look_up_user_keyrings: "_uid.N" and "_uid_ses.N" (the session one linked to the user one), made on first use, in quota. */
function look_up_user_keyrings(uid: number): { user: key; session: key } {
  const m = userKeyrings();
  let r = m.get(uid);
  if (!r) {
    const gid = current().cred.fsgid;
    const user = keyring_alloc(`_uid.${uid}`, uid, gid, USER_KEYRING_PERM, 0, null);
    const session = keyring_alloc(`_uid_ses.${uid}`, uid, gid, USER_KEYRING_PERM, 0, null);
    key_link(session, user);
    r = { user, session };
    m.set(uid, r);
  }
  return r;
}

/** Keys reachable from the caller's keyrings are possessed (the possessor bits apply). */
function possessed(k: key): boolean {
  const { session } = look_up_user_keyrings(current().cred.fsuid);
  const seen = new Set<key>();
  const walk = (r: key): boolean => {
    if (r === k) return true;
    if (seen.has(r) || r.type !== key_type_keyring) return false;
    seen.add(r);
    return r.keys.some(walk);
  };
  return walk(session);
}

/** key_task_permission: possessor bits when possessed, else user bits for the owner, else other bits. */
function key_permission(k: key, need: number): number {
  const cred = current().cred;
  let perm = 0;
  if (possessed(k)) perm |= (k.perm >>> 24) & 0x3f;
  perm |= k.uid === cred.fsuid ? (k.perm >>> 16) & 0x3f : k.gid === cred.fsgid ? (k.perm >>> 8) & 0x3f : k.perm & 0x3f;
  return (perm & need) === need ? 0 : -EACCES;
}

/** lookup_user_key: a special id or a serial; revoked keys refuse all but view-free operations. */
function lookup_user_key(id: number, need: number, allow_revoked = false): key | number {
  const uid = current().cred.fsuid;
  let k: key | null;
  if (id === KEY_SPEC_USER_KEYRING) k = look_up_user_keyrings(uid).user;
  else if (id === KEY_SPEC_SESSION_KEYRING || id === KEY_SPEC_USER_SESSION_KEYRING) k = look_up_user_keyrings(uid).session;
  else if (id === KEY_SPEC_THREAD_KEYRING || id === KEY_SPEC_PROCESS_KEYRING) return -ENOKEY;
  else if (id > 0) k = key_lookup(id);
  else return -EINVAL;
  if (!k) return -ENOKEY;
  if (k.revoked && !allow_revoked) return -EKEYREVOKED;
  const r = key_permission(k, need);
  return r < 0 ? r : k;
}

const user_string = (p: number, max: number): string | number => strncpy_from_user(p, max);

/** add_key: a "user"/"logon" key with its payload, or a keyring; an existing key of that type and description in the keyring is updated. */
function sys_add_key(_type: number, _desc: number, _payload: number, plen: number, ringid: number): number {
  const tname = user_string(_type, 32);
  if (typeof tname === 'number') return tname;
  if (tname.startsWith('.')) return -EPERM;
  const desc = user_string(_desc, 4096);
  if (typeof desc === 'number') return desc;
  const type = key_type_lookup(tname);
  if (!type) return -ENODEV;
  let payload: Uint8Array | null = null;
  if (type === key_type_keyring) { if (plen) return -EINVAL; } else if (tname === 'user' || tname === 'logon') {
    if (plen <= 0 || plen > USER_KEY_MAX) return -EINVAL;
    payload = copy_from_user(_payload, plen);
    if (!payload) return -EFAULT;
  } else return -EOPNOTSUPP;
  const ring = lookup_user_key(ringid | 0, NEED_WRITE);
  if (typeof ring === 'number') return ring;
  if (ring.type !== key_type_keyring) return -EOPNOTSUPP;
  const old = ring.keys.find((k) => k.type === type && k.description === desc);
  if (old && type !== key_type_keyring) {
    if (key_permission(old, NEED_WRITE) < 0) return -EACCES;
    old.payload = payload;
    return old.serial;
  }
  const cred = current().cred;
  const u = key_user_lookup(cred.fsuid);
  if (u && cred.fsuid !== 0 && u.qnkeys >= 200) return -EDQUOT;
  // key_create_or_update's default permission: the possessor may view, search, link, setattr, read and write; the owner view.
  const perm = KEY_POS_VIEW | KEY_POS_SEARCH | KEY_POS_LINK | KEY_POS_SETATTR | KEY_POS_READ | KEY_POS_WRITE | KEY_USR_VIEW;
  const k = key_alloc(type, desc, cred.fsuid, cred.fsgid, perm, 0, payload?.length ?? 0);
  k.payload = payload;
  key_instantiate(k);
  key_link(ring, k);
  k.usage--;
  return k.serial;
}

function find_in(ring: key, type: string, desc: string, seen = new Set<key>()): key | null {
  if (seen.has(ring)) return null;
  seen.add(ring);
  for (const k of ring.keys) if (!k.revoked && k.type.name === type && k.description === desc && key_permission(k, NEED_SEARCH) === 0) return k;
  for (const k of ring.keys) if (k.type === key_type_keyring && key_permission(k, NEED_SEARCH) === 0) { const f = find_in(k, type, desc, seen); if (f) return f; }
  return null;
}

/** request_key: a search of the caller's keyrings; with no key found (and no /sbin/request-key upcall here) -ENOKEY. */
function sys_request_key(_type: number, _desc: number, _callout: number, dest: number): number {
  const type = user_string(_type, 32), desc = user_string(_desc, 4096);
  if (typeof type === 'number') return type;
  if (typeof desc === 'number') return desc;
  if (!key_type_lookup(type)) return -ENODEV;
  const k = find_in(look_up_user_keyrings(current().cred.fsuid).session, type, desc);
  if (!k) return -ENOKEY;
  if (dest) {
    const ring = lookup_user_key(dest | 0, NEED_WRITE);
    if (typeof ring !== 'number' && !ring.keys.includes(k)) key_link(ring, k);
  }
  return k.serial;
}

/** Copies `data` to a user buffer of `buflen` bytes, returning its full length (keyctl's read/describe rule). */
function copy_out(buf: number, buflen: number, data: Uint8Array): number {
  if (buf && buflen > 0 && copy_to_user(buf, data.subarray(0, Math.min(buflen, data.length))) !== 0) return -EFAULT;
  return data.length;
}

function sys_keyctl(cmd: number, a2: number, a3: number, a4: number, a5: number): number {
  const id = a2 | 0;
  switch (cmd) {
    case KEYCTL_GET_KEYRING_ID: { const k = lookup_user_key(id, 0); return typeof k === 'number' ? k : k.serial; }
    case KEYCTL_REVOKE: {
      // keyctl_revoke_key: write permission, or setattr.
      let k = lookup_user_key(id, NEED_WRITE);
      if (k === -EACCES) k = lookup_user_key(id, NEED_SETATTR);
      if (typeof k === 'number') return k;
      k.revoked = true;
      return 0;
    }
    case KEYCTL_DESCRIBE: {
      const k = lookup_user_key(id, NEED_VIEW, true);
      if (typeof k === 'number') return k;
      const s = `${k.type.name};${k.uid};${k.gid};${k.perm.toString(16).padStart(8, '0')};${k.description}\0`;
      return copy_out(a3, a4, new TextEncoder().encode(s));
    }
    case KEYCTL_CLEAR: {
      const r = lookup_user_key(id, NEED_WRITE);
      if (typeof r === 'number') return r;
      if (r.type !== key_type_keyring) return -ENOTDIR;
      for (const k of r.keys) k.usage--;
      r.keys = [];
      return 0;
    }
    case KEYCTL_LINK: case KEYCTL_UNLINK: {
      const k = lookup_user_key(id, cmd === KEYCTL_LINK ? NEED_LINK : 0, cmd === KEYCTL_UNLINK);
      if (typeof k === 'number') return k;
      const r = lookup_user_key(a3 | 0, NEED_WRITE);
      if (typeof r === 'number') return r;
      if (r.type !== key_type_keyring) return -ENOTDIR;
      const i = r.keys.indexOf(k);
      if (cmd === KEYCTL_LINK) { if (i < 0) key_link(r, k); return 0; }
      if (i < 0) return -ENOENT;
      r.keys.splice(i, 1);
      k.usage--;
      return 0;
    }
    case KEYCTL_SEARCH: {
      const r = lookup_user_key(id, NEED_SEARCH);
      if (typeof r === 'number') return r;
      if (r.type !== key_type_keyring) return -ENOTDIR;
      const type = user_string(a3, 32), desc = user_string(a4, 4096);
      if (typeof type === 'number') return type;
      if (typeof desc === 'number') return desc;
      const k = find_in(r, type, desc);
      if (!k) return -ENOKEY;
      if (a5) { const d = lookup_user_key(a5 | 0, NEED_WRITE); if (typeof d !== 'number' && !d.keys.includes(k)) key_link(d, k); }
      return k.serial;
    }
    case KEYCTL_READ: {
      const k = lookup_user_key(id, 0);
      if (typeof k === 'number') return k;
      // keyctl_read_key: READ permission, or SEARCH while possessed.
      if (key_permission(k, NEED_READ) < 0 && !(possessed(k) && key_permission(k, NEED_SEARCH) === 0)) return -EACCES;
      if (k.type === key_type_keyring) {
        const b = new Uint8Array(k.keys.length * 4);
        k.keys.forEach((x, i) => new DataView(b.buffer).setInt32(i * 4, x.serial, true));
        return copy_out(a3, a4, b);
      }
      if (k.type.name === 'logon' || !k.payload) return -EOPNOTSUPP;
      return copy_out(a3, a4, k.payload);
    }
    default: return -EOPNOTSUPP;
  }
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('add_key', ['str', 'str', 'ptr', 'size', 'int'], sys_add_key),
  SYSCALL_DEFINE('request_key', ['str', 'str', 'str', 'int'], sys_request_key),
  SYSCALL_DEFINE('keyctl', ['int', 'int', 'hex', 'hex', 'hex'], sys_keyctl),
];
