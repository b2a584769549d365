// The kernel API modules link against, unit by unit in link order: each exports its __ksymtab entries as `ksymtab`.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as printk from './printk.ts';
import * as slab from './slab.ts';
import * as string from './string.ts';
import * as sched from './sched.ts';
import * as device from './device.ts';
import * as chrdev from './chrdev.ts';
import * as debug from './debug.ts';
import * as pci from './pci.ts';
import * as procfs from './procfs.ts';
import * as sysfs from './sysfs.ts';
import * as timers from './timers.ts';
import * as platform from './platform.ts';
import * as of from './of.ts';
import * as kmod from './kmod.ts';
import * as io from './io.ts';
import * as acpi from './acpi.ts';
import * as scanf from './scanf.ts';
import * as debugfs from './debugfs.ts';
import * as pm from './pm.ts';
import * as jump_label from './jump_label.ts';
import * as string2 from './string2.ts';
import * as usb from './usb.ts';
import * as spi from './spi.ts';
import * as regmap from './regmap.ts';
import * as gpio from './gpio.ts';

export const obj_y: kbuild_obj[] = [printk, slab, string, sched, device, chrdev, debug, pci, procfs, sysfs, timers, platform, of, kmod, io, acpi, scanf, debugfs, pm, jump_label, string2, gpio, spi, regmap, usb];
