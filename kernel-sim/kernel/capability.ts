// Models linux/kernel/capability.c and security/commoncap.c's cap_capable: capabilities relative to a user namespace, capget(2) and capset(2).
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import type { cred } from '../include/linux/cred.ts';
import { CAP_FULL_SET } from '../include/linux/cred.ts';
import type { ns_common, user_namespace } from '../include/linux/nsproxy.ts';
import type { task_struct } from '../include/linux/sched.ts';
import { EFAULT, EINVAL, EPERM, ESRCH } from '../include/uapi/asm-generic/errno.ts';
import { copy_from_user, copy_to_user } from '../mm/uaccess.ts';
import { current } from './sched/core.ts';
import { find_task_by_vpid } from './pid_namespace.ts';
import { init_user_ns } from './user_namespace.ts';

export const CAP_CHOWN = 0, CAP_DAC_OVERRIDE = 1, CAP_KILL = 5, CAP_SETGID = 6, CAP_SETUID = 7, CAP_SETPCAP = 8;
export const CAP_NET_ADMIN = 12, CAP_IPC_OWNER = 15, CAP_SYS_MODULE = 16, CAP_SYS_CHROOT = 18, CAP_SYS_PTRACE = 19;
export const CAP_SYS_ADMIN = 21, CAP_SYS_NICE = 23, CAP_SYS_RESOURCE = 24, CAP_SYS_TIME = 25, CAP_LAST_CAP = 40;

const _LINUX_CAPABILITY_VERSION_1 = 0x19980330, _LINUX_CAPABILITY_VERSION_2 = 0x20071026, _LINUX_CAPABILITY_VERSION_3 = 0x20080522;

/** The names capsh and libcap print, by number. */
export const cap_names = [
  'cap_chown', 'cap_dac_override', 'cap_dac_read_search', 'cap_fowner', 'cap_fsetid', 'cap_kill', 'cap_setgid', 'cap_setuid',
  'cap_setpcap', 'cap_linux_immutable', 'cap_net_bind_service', 'cap_net_broadcast', 'cap_net_admin', 'cap_net_raw',
  'cap_ipc_lock', 'cap_ipc_owner', 'cap_sys_module', 'cap_sys_rawio', 'cap_sys_chroot', 'cap_sys_ptrace', 'cap_sys_pacct',
  'cap_sys_admin', 'cap_sys_boot', 'cap_sys_nice', 'cap_sys_resource', 'cap_sys_time', 'cap_sys_tty_config', 'cap_mknod',
  'cap_lease', 'cap_audit_write', 'cap_audit_control', 'cap_setfcap', 'cap_mac_override', 'cap_mac_admin', 'cap_syslog',
  'cap_wake_alarm', 'cap_block_suspend', 'cap_audit_read', 'cap_perfmon', 'cap_bpf', 'cap_checkpoint_restore',
];

/** The user namespace of a cred (the initial one when unset). */
export const cred_user_ns = (c: cred): user_namespace => c.user_ns ?? init_user_ns();

/** The four sets of a cred; an old-style cred (no explicit sets) has all of them when euid is 0 in the initial namespace. */
export function cap_sets(c: cred): { eff: bigint; prm: bigint; inh: bigint; bnd: bigint; amb: bigint } {
  const root = c.euid === 0 || c.user_ns !== undefined;
  return {
    eff: c.cap_effective, prm: c.cap_permitted ?? (root ? c.cap_effective : 0n), inh: c.cap_inheritable ?? 0n,
    bnd: c.cap_bset ?? CAP_FULL_SET, amb: c.cap_ambient ?? 0n,
  };
}

/**
 * cap_capable(): does `c` hold `cap` in `target`? In its own namespace it needs the bit in the effective set (in the
 * initial namespace the simulation also asks for euid 0, as its other checks do); over a namespace it owns (created
 * by its euid from its namespace) it holds everything; below that the answer is walked up the parents.
 */
export function cap_capable(c: cred, target: ns_common | null | undefined, cap: number): boolean {
  const mine = cred_user_ns(c);
  for (let ns = (target ?? init_user_ns()) as user_namespace; ; ns = ns.parent!) {
    if (ns === mine) {
      const has = (c.cap_effective & (1n << BigInt(cap))) !== 0n;
      return mine === init_user_ns() ? has && c.euid === 0 : has;
    }
    if (ns.level <= mine.level || !ns.parent) return false;
    if (ns.parent === mine && ns.owner === c.euid) return true;
  }
}

export const ns_capable = (target: ns_common | null | undefined, cap: number): boolean => cap_capable(current().cred, target, cap);
export const capable = (cap: number): boolean => ns_capable(init_user_ns(), cap);

const lo = (v: bigint): number => Number(v & 0xffffffffn);
const hi = (v: bigint): number => Number((v >> 32n) & 0xffffffffn);

/** cap_validate_magic: the header's version decides 1 or 2 data words; a wrong one is written back with EINVAL. */
function read_header(hdr: number): { pid: number; words: number } | number {
  const b = copy_from_user(hdr, 8);
  if (!b) return -EFAULT;
  const dv = new DataView(b.buffer);
  const v = dv.getUint32(0, true);
  if (v !== _LINUX_CAPABILITY_VERSION_1 && v !== _LINUX_CAPABILITY_VERSION_2 && v !== _LINUX_CAPABILITY_VERSION_3) {
    const o = new Uint8Array(4);
    new DataView(o.buffer).setUint32(0, _LINUX_CAPABILITY_VERSION_3, true);
    return copy_to_user(hdr, o) ? -EFAULT : -EINVAL;
  }
  return { pid: dv.getInt32(4, true), words: v === _LINUX_CAPABILITY_VERSION_1 ? 1 : 2 };
}

function sys_capget(hdr: number, data: number): number {
  const h = read_header(hdr);
  if (typeof h === 'number') return h;
  if (h.pid < 0) return -EINVAL;
  const t: task_struct | undefined = h.pid === 0 ? current() : find_task_by_vpid(h.pid);
  if (!t) return -ESRCH;
  if (!data) return 0;
  const s = cap_sets(t.cred);
  const out = new Uint8Array(12 * h.words);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < h.words; i++) {
    const w = i ? hi : lo;
    dv.setUint32(i * 12, w(s.eff), true); dv.setUint32(i * 12 + 4, w(s.prm), true); dv.setUint32(i * 12 + 8, w(s.inh), true);
  }
  return copy_to_user(data, out) ? -EFAULT : 0;
}

/** capset(): only on oneself; the new permitted set may only shrink, effective stays within permitted. */
function sys_capset(hdr: number, data: number): number {
  const h = read_header(hdr);
  if (typeof h === 'number') return h;
  if (h.pid !== 0 && find_task_by_vpid(h.pid) !== current()) return -EPERM;
  const b = copy_from_user(data, 12 * h.words);
  if (!b) return -EFAULT;
  const dv = new DataView(b.buffer);
  const word = (off: number): bigint => BigInt(dv.getUint32(off, true)) | (h.words > 1 ? BigInt(dv.getUint32(12 + off, true)) << 32n : 0n);
  const eff = word(0), prm = word(4), inh = word(8);
  const c = current().cred;
  const old = cap_sets(c);
  if (prm & ~old.prm) return -EPERM;
  if (eff & ~prm) return -EPERM;
  if (inh & ~(old.inh | old.prm) & ~(old.inh | old.bnd)) return -EPERM;
  c.cap_effective = eff; c.cap_permitted = prm; c.cap_inheritable = inh;
  c.cap_ambient = (c.cap_ambient ?? 0n) & prm & inh;
  return 0;
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('capget', ['struct_out', 'struct_out'], sys_capget),
  SYSCALL_DEFINE('capset', ['struct_in', 'struct_in'], sys_capset),
];
