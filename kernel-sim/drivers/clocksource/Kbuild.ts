// Models linux/drivers/clocksource/Makefile: the clocksource drivers x86 builds in (the ACPI PM timer).
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as acpi_pm from './acpi_pm.ts';

export const obj_y: kbuild_obj[] = [acpi_pm];
