// Models linux/security/keys/proc.c: /proc/keys (the keys the reader may view, by serial) and /proc/key-users (each key_user's counts and quota).
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { proc_create_seq } from '../../fs/proc/generic.ts';
import { seq_puts } from '../../fs/seq_file.ts';
import { current } from '../../kernel/sched/core.ts';
import { key_serial_tree, key_user_tree, KEY_USR_VIEW, type key, type key_user } from './key.ts';

/** key_quota_root_maxkeys/maxbytes and the others' (key.c). */
const ROOT_MAXKEYS = 1000000, ROOT_MAXBYTES = 25000000, MAXKEYS = 200, MAXBYTES = 20000;

/** key_task_permission for KEY_NEED_VIEW as the owner: the user bits (the reader possesses none of the built-in keys). */
function may_view(k: key): boolean {
  const cred = current().cred;
  return k.uid === cred.fsuid && (k.perm & KEY_USR_VIEW) !== 0;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** proc_keys_show: serial, flags (I R D Q U N i), usage, timeout, perm, uid, gid, type, then the type's description. */
function proc_keys_show(k: key): string {
  const flags = `${k.instantiated ? 'I' : '-'}${k.revoked ? 'R' : '-'}-${k.in_quota ? 'Q' : '-'}---`;
  const desc: string[] = [];
  k.type.describe(k, desc);
  return `${hex8(k.serial)} ${flags} ${String(k.usage).padStart(5)} ${'perm'.padStart(4)} ${hex8(k.perm)} ${String(k.uid).padStart(5)} ${String(k.gid).padStart(5)} ${k.type.name.slice(0, 9).padEnd(9)} ${desc.join('')}\n`;
}

/** proc_key_users_show: "%5u: %5d %d/%d %d/%d %d/%d". */
function proc_key_users_show(u: key_user): string {
  const [maxkeys, maxbytes] = u.uid === 0 ? [ROOT_MAXKEYS, ROOT_MAXBYTES] : [MAXKEYS, MAXBYTES];
  return `${String(u.uid).padStart(5)}: ${String(u.usage).padStart(5)} ${u.nkeys}/${u.nikeys} ${u.qnkeys}/${maxkeys} ${u.qnbytes}/${maxbytes}\n`;
}

function list_ops<T>(items: () => T[], show: (v: T) => string): import('../../fs/seq_file.ts').seq_operations {
  return {
    start: (m, pos) => { const a = items(); m.private = a; return a[pos.pos] ?? null; },
    next: (m, _v, pos) => (m.private as T[])[++pos.pos] ?? null,
    show: (m, v) => { seq_puts(m, show(v as T)); },
  };
}

/** key_proc_init (__initcall). */
function key_proc_init(): number {
  proc_create_seq('keys', 0, null, list_ops(() => key_serial_tree().filter(may_view), proc_keys_show));
  proc_create_seq('key-users', 0, null, list_ops(key_user_tree, proc_key_users_show));
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'key_proc_init', key_proc_init, 2_000]];
