// Models linux/fs/pnode.c: mount propagation: peer groups (shared:N), slaves (master:N), unbindable mounts, and which mounts a mount or umount event reaches.
import type { mount } from '../include/linux/fs_types.ts';
import { defineState } from '../kernel/state.ts';
import { DEFINE_IDA, ida_alloc_min, ida_free } from '../lib/idr.ts';

export const MS_UNBINDABLE = 1 << 17, MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20;

/** mnt_group_ida: peer group ids, lowest free first from 1. */
const pnodeState = defineState('pnode', () => ({ mnt_group_ida: DEFINE_IDA() }));

function mnt_alloc_group_id(m: mount): void {
  m.mnt_group_id = ida_alloc_min(pnodeState().mnt_group_ida, 1);
}
function mnt_release_group_id(m: mount): void {
  if (m.mnt_group_id) ida_free(pnodeState().mnt_group_ida, m.mnt_group_id);
  m.mnt_group_id = 0;
}

export const IS_MNT_SHARED = (m: mount): boolean => !!m.mnt_share;
export const IS_MNT_SLAVE = (m: mount): boolean => !!m.mnt_master;

/** The peers of m other than itself. */
const peers = (m: mount): mount[] => (m.mnt_share ? [...m.mnt_share].filter((x) => x !== m) : []);

/** Leaves the peer group; the group id goes once nobody holds it (do_make_slave's first half). */
function leave_peers(m: mount): mount | null {
  const others = peers(m);
  if (m.mnt_share) m.mnt_share.delete(m);
  if (!others.length) mnt_release_group_id(m);
  m.mnt_share = null;
  m.mnt_group_id = 0;
  return others[0] ?? null;
}

/** The slaves of m move to a remaining peer, else to m's own master (transfer_propagation). */
function transfer_slaves(m: mount, to: mount | null): void {
  for (const s of m.mnt_slave_list ?? []) {
    s.mnt_master = to;
    if (to) (to.mnt_slave_list ??= []).push(s);
  }
  m.mnt_slave_list = [];
}

function leave_master(m: mount): void {
  const ms = m.mnt_master;
  if (ms?.mnt_slave_list) ms.mnt_slave_list.splice(ms.mnt_slave_list.indexOf(m), 1);
  m.mnt_master = null;
}

/** change_mnt_propagation(): one mount becomes shared, private, slave or unbindable. */
export function change_mnt_propagation(m: mount, type: number): void {
  if (type === MS_SHARED) {
    if (!m.mnt_share) { mnt_alloc_group_id(m); m.mnt_share = new Set([m]); }
    m.mnt_unbindable = false;
    return;
  }
  const was_shared = IS_MNT_SHARED(m);
  const peer = was_shared ? leave_peers(m) : null;
  const master = peer ?? m.mnt_master ?? null;
  transfer_slaves(m, master);
  if (type === MS_SLAVE) {
    // A shared mount becomes a slave of its peer group; a slave stays a slave of its master.
    if (peer) { leave_master(m); m.mnt_master = peer; (peer.mnt_slave_list ??= []).push(m); }
    m.mnt_unbindable = false;
    return;
  }
  leave_master(m);
  m.mnt_unbindable = type === MS_UNBINDABLE;
}

/** The mounts that receive events on m: its peers, and recursively their slaves and slaves' peers (propagation_next). */
export function propagation_targets(m: mount): mount[] {
  const out: mount[] = [];
  const seen = new Set<mount>([m]);
  const visit = (x: mount): void => {
    for (const p of [x, ...peers(x)]) {
      if (!seen.has(p)) { seen.add(p); out.push(p); }
      for (const s of p.mnt_slave_list ?? []) if (!seen.has(s)) { seen.add(s); out.push(s); visit(s); }
    }
  };
  visit(m);
  return out;
}

/** clone_mnt's propagation part: a copy is a peer of a shared original, or its slave (CL_SLAVE / CL_SHARED_TO_SLAVE). */
export function clone_propagation(old: mount, m: mount, slave: boolean): void {
  m.mnt_unbindable = old.mnt_unbindable;
  if (slave && IS_MNT_SHARED(old)) {
    m.mnt_master = old;
    (old.mnt_slave_list ??= []).push(m);
    return;
  }
  if (IS_MNT_SHARED(old)) { m.mnt_group_id = old.mnt_group_id; m.mnt_share = old.mnt_share; m.mnt_share!.add(m); }
  if (IS_MNT_SLAVE(old)) { m.mnt_master = old.mnt_master; old.mnt_master!.mnt_slave_list!.push(m); }
}

/** A mount leaves propagation when it is unmounted. */
export function umount_propagation(m: mount): void {
  change_mnt_propagation(m, MS_PRIVATE);
}

/** The optional fields of /proc/PID/mountinfo (show_mountinfo): shared:N master:N propagate_from:N unbindable. */
export function mountinfo_propagation(m: mount): string {
  let s = '';
  if (IS_MNT_SHARED(m)) s += ` shared:${m.mnt_group_id}`;
  if (IS_MNT_SLAVE(m)) s += ` master:${m.mnt_master!.mnt_group_id}`;
  if (m.mnt_unbindable) s += ' unbindable';
  return s;
}
