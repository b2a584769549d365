// Models linux/drivers/cpufreq/Makefile with kernel/sched's schedutil: the core and the built-in governors (schedutil, the default, and performance), the modular ones Debian builds (powersave, userspace, ondemand, conservative), then the scaling driver.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as schedutil from './schedutil.ts';
import * as cpufreq from './cpufreq.ts';
import * as performance from './cpufreq_performance.ts';
import * as powersave from './cpufreq_powersave.ts';
import * as userspace from './cpufreq_userspace.ts';
import * as ondemand from './cpufreq_ondemand.ts';
import * as conservative from './cpufreq_conservative.ts';
import * as acpi_cpufreq from './acpi-cpufreq.ts';

export const obj_y: kbuild_obj[] = [schedutil, cpufreq, performance, powersave, userspace, ondemand, conservative, acpi_cpufreq];
