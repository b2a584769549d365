// Models the controllers the workbench lists but does not meter: hugetlb (mm/hugetlb_cgroup.c), rdma (kernel/cgroup/rdma.c), misc (kernel/cgroup/misc.c) and the v1-only ones /proc/cgroups names.
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { CFTYPE_NOT_ON_ROOT, CFTYPE_ONLY_ON_ROOT, ssid, type cftype, type cgroup_subsys } from './cgroup-defs.ts';

const zero = (): string => '0\n';
const max = (): string => 'max\n';
/** A limit knob that accepts "max" or a number and keeps nothing (no resource of its kind exists in the machine). */
const limit = (name: string): cftype => ({ name, flags: CFTYPE_NOT_ON_ROOT, seq_show: max, write: (_cg, b) => (/^(max|\d+)\s*$/.test(b) ? 0 : -EINVAL) });

/** hugetlb: one file set per huge page size (2MB on x86_64); no huge pages are reserved, so all read 0. */
export const hugetlb_cgrp_subsys: cgroup_subsys = {
  id: ssid.hugetlb, name: 'hugetlb', legacy_name: 'hugetlb', dfl: true,
  dfl_cftypes: [
    limit('hugetlb.2MB.max'), limit('hugetlb.2MB.rsvd.max'),
    { name: 'hugetlb.2MB.current', flags: CFTYPE_NOT_ON_ROOT, seq_show: zero },
    { name: 'hugetlb.2MB.rsvd.current', flags: CFTYPE_NOT_ON_ROOT, seq_show: zero },
    { name: 'hugetlb.2MB.events', flags: CFTYPE_NOT_ON_ROOT, seq_show: () => 'max 0\n' },
    { name: 'hugetlb.2MB.events.local', flags: CFTYPE_NOT_ON_ROOT, seq_show: () => 'max 0\n' },
    { name: 'hugetlb.2MB.numa_stat', flags: CFTYPE_NOT_ON_ROOT, seq_show: () => 'total=0 N0=0\n' },
  ],
};

/** rdma: no RDMA device, so both files are empty. */
export const rdma_cgrp_subsys: cgroup_subsys = {
  id: ssid.rdma, name: 'rdma', legacy_name: 'rdma', dfl: true,
  dfl_cftypes: [
    { name: 'rdma.max', flags: CFTYPE_NOT_ON_ROOT, seq_show: () => '', write: (_cg, b) => (b.trim() ? -EINVAL : 0) },
    { name: 'rdma.current', flags: CFTYPE_NOT_ON_ROOT, seq_show: () => '' },
  ],
};

/** misc: no misc resource (SEV ASIDs ...) has a capacity on this machine. */
export const misc_cgrp_subsys: cgroup_subsys = {
  id: ssid.misc, name: 'misc', legacy_name: 'misc', dfl: true,
  dfl_cftypes: [
    { name: 'misc.capacity', flags: CFTYPE_ONLY_ON_ROOT, seq_show: () => '' },
    { name: 'misc.current', flags: CFTYPE_NOT_ON_ROOT, seq_show: () => '' },
    { name: 'misc.max', flags: CFTYPE_NOT_ON_ROOT, seq_show: () => '', write: (_cg, b) => (b.trim() ? -EINVAL : 0) },
  ],
};

/** The controllers of cgroup v1 only (no dfl_cftypes: inhibited on cgroup2, still counted in /proc/cgroups). */
const v1_only = (id: ssid, name: string, implicit = false): cgroup_subsys => ({ id, name, legacy_name: name, dfl: implicit, implicit_on_dfl: implicit, dfl_cftypes: [] });
export const cpuacct_cgrp_subsys = v1_only(ssid.cpuacct, 'cpuacct');
export const devices_cgrp_subsys = v1_only(ssid.devices, 'devices');
export const freezer_cgrp_subsys = v1_only(ssid.freezer, 'freezer');
export const net_cls_cgrp_subsys = v1_only(ssid.net_cls, 'net_cls');
/** perf_event is implicit on cgroup2: on in every cgroup, never in cgroup.controllers. */
export const perf_event_cgrp_subsys = v1_only(ssid.perf_event, 'perf_event', true);
export const net_prio_cgrp_subsys = v1_only(ssid.net_prio, 'net_prio');
