// Models linux/kernel/user_namespace.c: user namespaces, uid_map/gid_map/setgroups and their write rules, id translation (make_kuid/from_kuid).
import type { user_namespace, uid_gid_map, uid_gid_extent } from '../include/linux/nsproxy.ts';
import type { cred } from '../include/linux/cred.ts';
import { CAP_FULL_SET } from '../include/linux/cred.ts';
import { EINVAL, EPERM, EUSERS } from '../include/uapi/asm-generic/errno.ts';
import { defineState } from './state.ts';

export const PROC_USER_INIT_INO = 0xEFFFFFFD;
/** UID_GID_MAP_MAX_EXTENTS, and the overflow ids an unmapped id reads as. */
export const UID_GID_MAP_MAX_EXTENTS = 340, overflowuid = 65534, overflowgid = 65534;
const MAX_USER_NS_LEVEL = 32;

const full_map = (): uid_gid_map => ({ extents: [{ first: 0, lower_first: 0, count: 4294967295 }], written: true });

const userNsState = defineState('user_namespace', () => ({
  init: {
    type: 'user', ns_inum: PROC_USER_INIT_INO, level: 0, parent: null, owner: 0, group: 0,
    uid_map: full_map(), gid_map: full_map(), setgroups_allowed: true, user_ns: null,
  } as user_namespace,
}));

export const init_user_ns = (): user_namespace => userNsState().init;

/** create_user_ns(): a child of the cred's namespace owned by its euid; the cred moves into it with every capability. */
export function create_user_ns(c: cred, inum: () => number): user_namespace | number {
  const parent = c.user_ns ?? init_user_ns();
  if (parent.level >= MAX_USER_NS_LEVEL) return -EUSERS;
  // The new owner's ids must be mapped in the parent (kuid_has_mapping).
  if (from_kid(parent.uid_map, c.euid) < 0 || from_kid(parent.gid_map, c.egid) < 0) return -EPERM;
  const ns: user_namespace = {
    type: 'user', ns_inum: inum(), level: parent.level + 1, parent, owner: c.euid, group: c.egid,
    uid_map: { extents: [], written: false }, gid_map: { extents: [], written: false },
    setgroups_allowed: parent.setgroups_allowed, user_ns: parent, count: 0,
  };
  c.user_ns = ns;
  c.cap_effective = CAP_FULL_SET; c.cap_permitted = CAP_FULL_SET; c.cap_bset = CAP_FULL_SET;
  c.cap_inheritable = 0n; c.cap_ambient = 0n;
  return ns;
}

/** map_id_down/map_id_up over one map's extents; -1 when the id has no mapping. */
function map_id(map: uid_gid_map, id: number, up: boolean): number {
  for (const e of map.extents) {
    const from = up ? e.lower_first : e.first, to = up ? e.first : e.lower_first;
    if (id >= from && id - from < e.count) return to + (id - from);
  }
  return -1;
}
const from_kid = (map: uid_gid_map, kid: number): number => map_id(map, kid, true);

/** make_kuid/make_kgid: an id inside ns to the kernel's (global) id, -1 if unmapped. */
export const make_kuid = (ns: user_namespace, uid: number): number => map_id(ns.uid_map, uid, false);
export const make_kgid = (ns: user_namespace, gid: number): number => map_id(ns.gid_map, gid, false);
/** from_kuid_munged/from_kgid_munged: a kernel id as ns sees it, the overflow id when it has no mapping there. */
export const from_kuid_munged = (ns: user_namespace, kuid: number): number => { const u = from_kid(ns.uid_map, kuid); return u < 0 ? overflowuid : u; };
export const from_kgid_munged = (ns: user_namespace, kgid: number): number => { const g = from_kid(ns.gid_map, kgid); return g < 0 ? overflowgid : g; };

/** Is `ns` the same as or a descendant of `ancestor` (in_userns)? */
export function in_userns(ancestor: user_namespace, ns: user_namespace): boolean {
  for (let x: user_namespace | null = ns; x; x = x.parent) if (x === ancestor) return true;
  return false;
}

/** /proc/PID/uid_map and gid_map as a reader in `seq_ns` sees them (map_seq_show: "%10u %10u %10u"). */
export function map_show(ns: user_namespace, which: 'uid' | 'gid', seq_ns: user_namespace): string {
  const map = which === 'uid' ? ns.uid_map : ns.gid_map;
  let lower_ns = seq_ns;
  if (lower_ns === ns && lower_ns.parent) lower_ns = lower_ns.parent;
  const lmap = which === 'uid' ? lower_ns.uid_map : lower_ns.gid_map;
  const u = (n: number): string => String(n >>> 0).padStart(10);
  return map.extents.map((e) => `${u(e.first)} ${u(from_kid(lmap, e.lower_first))} ${u(e.count)}\n`).join('');
}

/**
 * map_write(): the one write a map accepts. The writer's namespace must be ns or its parent; lines are
 * "first lower count" (at most 340, no overlap, count > 0); lower ids are the writer's parent-side ids and must be
 * mapped there. Without CAP_SETUID/CAP_SETGID over the parent only the owner's own id may be mapped (and for
 * gid_map only once setgroups is "deny"). `capable_in_parent` is that capability check, made by the caller.
 */
export function map_write(ns: user_namespace, which: 'uid' | 'gid', text: string, writer: cred, capable_in_parent: boolean): number {
  const map = which === 'uid' ? ns.uid_map : ns.gid_map;
  if (map.written) return -EPERM;
  const wns = writer.user_ns ?? init_user_ns();
  if (wns !== ns && wns !== ns.parent) return -EPERM;
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (!lines.length) return -EINVAL;
  const ext: uid_gid_extent[] = [];
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    if (f.length !== 3 || !f.every((x) => /^\d+$/.test(x))) return -EINVAL;
    const [first, lower_first, count] = f.map(Number);
    if (count === 0 || first + count - 1 > 0xfffffffe || lower_first + count - 1 > 0xfffffffe) return -EINVAL;
    if (ext.some((e) => first < e.first + e.count && e.first < first + count)) return -EINVAL;
    if (ext.some((e) => lower_first < e.lower_first + e.count && e.lower_first < lower_first + count)) return -EINVAL;
    ext.push({ first, lower_first, count });
  }
  if (ext.length > UID_GID_MAP_MAX_EXTENTS) return -EINVAL;
  const parent = ns.parent!;
  const pmap = which === 'uid' ? parent.uid_map : parent.gid_map;
  // new_idmap_permitted: mapping the owner's own id needs no capability (gid: only with setgroups denied).
  const own = which === 'uid' ? writer.euid : writer.egid;
  const self_map = ext.length === 1 && ext[0].count === 1 && make_kid(pmap, ext[0].lower_first) === own
    && (which === 'uid' ? own === ns.owner : !ns.setgroups_allowed);
  if (!self_map && !capable_in_parent) return -EPERM;
  // Lower ids become kernel ids through the parent's map; each must be mapped there.
  const kernel: uid_gid_extent[] = [];
  for (const e of ext) {
    const lo = make_kid(pmap, e.lower_first), hi = make_kid(pmap, e.lower_first + e.count - 1);
    if (lo < 0 || hi < 0 || hi - lo !== e.count - 1) return -EPERM;
    kernel.push({ first: e.first, lower_first: lo, count: e.count });
  }
  map.extents = kernel;
  map.written = true;
  return 0;
}
const make_kid = (map: uid_gid_map, id: number): number => map_id(map, id, false);

/** /proc/PID/setgroups: "allow" or "deny"; fixed once gid_map is written, and "deny" is for good (proc_setgroups_write). */
export function setgroups_write(ns: user_namespace, text: string): number {
  const v = text.trim();
  if (v !== 'allow' && v !== 'deny') return -EINVAL;
  if (v === 'allow' && !ns.setgroups_allowed) return -EPERM;
  if (ns.gid_map.written && (v === 'deny') === ns.setgroups_allowed) return -EPERM;
  if (ns === init_user_ns() && v === 'deny') return -EPERM;
  ns.setgroups_allowed = v === 'allow';
  return 0;
}
