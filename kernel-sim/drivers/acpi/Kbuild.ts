// Models linux/drivers/acpi/Makefile: the ACPI core (acpi_init, which scans the namespace); tables, scan, glue and the handlers are reached from it.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as scan_init from './scan_init.ts';
import * as processor_idle from './processor_idle.ts';

export const obj_y: kbuild_obj[] = [scan_init, processor_idle];
