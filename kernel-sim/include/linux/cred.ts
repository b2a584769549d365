// Models linux/include/linux/cred.h: a task's credentials.
export interface cred {
  uid: number; gid: number;
  suid: number; sgid: number;
  euid: number; egid: number;
  fsuid: number; fsgid: number;
  groups: number[];
  /** Capabilities, effective set: all for root in this simulation. */
  cap_effective: bigint;
  /** Permitted, inheritable, bounding and ambient sets (capget/capset, /proc/PID/status); absent: derived from euid. */
  cap_permitted?: bigint;
  cap_inheritable?: bigint;
  cap_bset?: bigint;
  cap_ambient?: bigint;
  /** The user namespace the ids and capabilities belong to (absent: the initial one). */
  user_ns?: import('./nsproxy.ts').user_namespace;
}

export const CAP_FULL_SET = (1n << 41n) - 1n;

export function root_cred(): cred {
  // init_cred's group_info is init_groups: no supplementary groups (id on Linux's init shows none).
  return { uid: 0, gid: 0, suid: 0, sgid: 0, euid: 0, egid: 0, fsuid: 0, fsgid: 0, groups: [], cap_effective: CAP_FULL_SET };
}

export function copy_cred(c: cred): cred {
  return { ...c, groups: c.groups.slice() };
}
