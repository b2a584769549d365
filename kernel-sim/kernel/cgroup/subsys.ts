// Models linux/include/linux/cgroup_subsys.h: the controllers built into this kernel, in subsystem-id order.
import type { cgroup_subsys } from './cgroup-defs.ts';
import { cpuset_cgrp_subsys } from './cpuset.ts';
import { cpu_cgrp_subsys } from './cpu.ts';
import { io_cgrp_subsys } from './io.ts';
import { memory_cgrp_subsys } from './memcontrol.ts';
import { pids_cgrp_subsys } from './pids.ts';
import {
  cpuacct_cgrp_subsys, devices_cgrp_subsys, freezer_cgrp_subsys, net_cls_cgrp_subsys, perf_event_cgrp_subsys,
  net_prio_cgrp_subsys, hugetlb_cgrp_subsys, rdma_cgrp_subsys, misc_cgrp_subsys,
} from './misc.ts';

export const cgroup_subsys_table: readonly cgroup_subsys[] = [
  cpuset_cgrp_subsys, cpu_cgrp_subsys, cpuacct_cgrp_subsys, io_cgrp_subsys, memory_cgrp_subsys, devices_cgrp_subsys,
  freezer_cgrp_subsys, net_cls_cgrp_subsys, perf_event_cgrp_subsys, net_prio_cgrp_subsys, hugetlb_cgrp_subsys,
  pids_cgrp_subsys, rdma_cgrp_subsys, misc_cgrp_subsys,
];
