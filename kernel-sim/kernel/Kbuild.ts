// Models linux/kernel/Makefile: kernel/'s units and sub-folders in link order.
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import * as process_syscalls from './process_syscalls.ts';
import * as softirq from './softirq.ts';
import * as iomem_inode from './iomem_inode.ts';
import * as sched_stats from './sched/stats.ts';
import * as kallsyms from './kallsyms.ts';
import * as ptrace from './ptrace.ts';
import * as sys from './sys.ts';
import * as reboot from './reboot.ts';
import { obj_y as module_y } from './module/Kbuild.ts';
import { obj_y as kapi_y } from './kapi/Kbuild.ts';
import * as hung_task from './hung_task.ts';
import * as clocksource from './time/clocksource.ts';
import * as jiffies_cs from './time/jiffies.ts';
import * as timer_list from './time/timer_list.ts';
import * as clockevents from './time/clockevents.ts';
import * as capability from './capability.ts';
import * as ns_syscalls from './ns_syscalls.ts';
import { obj_y as power_y } from './power/Kbuild.ts';
import * as cpu_hotplug from './cpu_hotplug.ts';
import * as blktrace from './trace/blktrace.ts';
import * as trace_events_fs from './trace/trace_events_fs.ts';
import * as bpf_inode from './bpf/inode.ts';
import * as dma from './dma.ts';
import * as exec_domain from './exec_domain.ts';
import * as psi from './cgroup/psi.ts';

export const obj_y: kbuild_obj[] = [softirq, iomem_inode, sched_stats, process_syscalls, ptrace, sys, reboot, cpu_hotplug, module_y, kapi_y, clocksource, jiffies_cs, timer_list, clockevents, hung_task, power_y, capability, ns_syscalls, blktrace, trace_events_fs, bpf_inode, dma, exec_domain, kallsyms, psi];
