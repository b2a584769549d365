// Models linux/fs/proc_namespace.c: /proc/PID/mounts and /proc/PID/mountinfo, each from that task's mount namespace and root.
import type { mount, path } from '../../include/linux/fs_types.ts';
import { MAJOR, MINOR } from '../../include/linux/fs_types.ts';
import type { task_struct } from '../../include/linux/sched.ts';
import { MNT_READONLY, MNT_NOSUID, MNT_NODEV, MNT_NOEXEC, MNT_NOATIME, MNT_NODIRATIME, MNT_RELATIME, is_path_reachable } from '../namespace.ts';
import { d_path } from '../dcache.ts';
import { mountinfo_propagation } from '../pnode.ts';
import { seq_puts, type seq_file } from '../seq_file.ts';

/** Escapes space, tab, newline and backslash as octal (mangle / seq_escape). */
export function mangle(s: string): string {
  return s.replace(/[ \t\n\\]/g, (c) => '\\' + c.charCodeAt(0).toString(8).padStart(3, '0'));
}

/** The per-mount flags after rw/ro (show_mnt_opts). */
function show_mnt_opts(m: mount): string {
  const f = m.mnt.mnt_flags;
  const table: [number, string][] = [
    [MNT_NOSUID, ',nosuid'], [MNT_NODEV, ',nodev'], [MNT_NOEXEC, ',noexec'], [MNT_NOATIME, ',noatime'],
    [MNT_NODIRATIME, ',nodiratime'], [MNT_RELATIME, ',relatime'],
  ];
  return table.filter(([bit]) => f & bit).map(([, s]) => s).join('');
}

const ro = (m: mount): string => (m.mnt.mnt_flags & MNT_READONLY ? 'ro' : 'rw');
const sb_opts = (m: mount): string => m.mnt.mnt_sb.s_op.show_options?.(m.mnt.mnt_sb) ?? m.mnt_opts;

/** Whether a mount is visible from `root` (mounts outside a chroot are hidden). */
const reachable = (m: mount, root: path): boolean => is_path_reachable({ mnt: m, dentry: m.mnt.mnt_root }, root);

function visible_mounts(t: task_struct): mount[] {
  const root = t.fs.root;
  return t.nsproxy.mnt_ns.mounts.filter((m) => reachable(m, root));
}

/** "/proc/mounts": device mountpoint type options 0 0 (show_vfsmnt). */
export function show_vfsmnt(m: seq_file, t: task_struct): number {
  let out = '';
  for (const mnt of visible_mounts(t)) {
    const mp = d_path({ mnt, dentry: mnt.mnt.mnt_root }, t.fs.root);
    const opts = sb_opts(mnt);
    out += `${mangle(mnt.mnt_devname)} ${mangle(mp)} ${mnt.mnt.mnt_sb.s_type.name} ${ro(mnt)}${show_mnt_opts(mnt)}${opts ? ',' + opts : ''} 0 0\n`;
  }
  seq_puts(m, out);
  return 0;
}

/** The path of a mount's root inside its own filesystem (the 4th mountinfo field). */
function root_in_sb(mnt: mount): string {
  const parts: string[] = [];
  for (let d = mnt.mnt.mnt_root; d.d_parent !== d; d = d.d_parent) parts.push(d.d_name);
  return '/' + parts.reverse().join('/');
}

/** "/proc/PID/mountinfo": id parent major:minor root mountpoint opts - type source superopts (show_mountinfo). */
export function show_mountinfo(m: seq_file, t: task_struct): number {
  let out = '';
  for (const mnt of visible_mounts(t)) {
    const sb = mnt.mnt.mnt_sb;
    const mp = d_path({ mnt, dentry: mnt.mnt.mnt_root }, t.fs.root);
    const opts = sb_opts(mnt);
    out += `${mnt.mnt_id} ${mnt.mnt_parent.mnt_id} ${MAJOR(sb.s_dev)}:${MINOR(sb.s_dev)} ${mangle(root_in_sb(mnt))} ${mangle(mp)} `;
    // The super options carry the superblock's own ro/rw (a read-only bind mount of a writable filesystem shows "rw" there).
    out += `${ro(mnt)}${show_mnt_opts(mnt)}${mountinfo_propagation(mnt)} - ${sb.s_type.name} ${mangle(mnt.mnt_devname)} ${sb.s_flags & 1 ? 'ro' : 'rw'}${opts ? ',' + opts : ''}\n`;
  }
  seq_puts(m, out);
  return 0;
}
