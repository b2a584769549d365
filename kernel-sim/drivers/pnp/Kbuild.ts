// Models linux/drivers/pnp/Makefile: the PnP core with its ACPI protocol.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as pnpacpi from './pnpacpi.ts';

export const obj_y: kbuild_obj[] = [pnpacpi];
