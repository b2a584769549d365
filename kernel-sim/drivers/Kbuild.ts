// Models linux/drivers/Makefile: virtio/ before tty/ before char/ before base/ before block/, as Linux links them.
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import * as serial8250 from './tty/serial/8250_core.ts';
import * as mem from './char/mem.ts';
import { obj_y as base_y } from './base/Kbuild.ts';
import * as brd from './block/brd.ts';
import * as virtio_blk from './block/virtio_blk.ts';
import { obj_m as null_blk_m } from './block/null_blk/Kbuild.ts';
import { obj_y as virtio_y } from './virtio/Kbuild.ts';
import { obj_y as net_y } from './net/Kbuild.ts';
import { obj_y as rtc_y } from './rtc/Kbuild.ts';
import { obj_y as gpio_y } from './gpio/Kbuild.ts';
import { obj_y as leds_y } from './leds/Kbuild.ts';
import { obj_y as of_y } from './of/Kbuild.ts';
import { obj_y as acpi_y } from './acpi/Kbuild.ts';
import { obj_y as pnp_y } from './pnp/Kbuild.ts';
import { obj_y as spi_y } from './spi/Kbuild.ts';
import { obj_y as scsi_y } from './scsi/Kbuild.ts';
import { obj_y as usb_y } from './usb/Kbuild.ts';
import { obj_y as serio_y } from './input/serio/Kbuild.ts';
import { obj_y as input_y } from './input/Kbuild.ts';
import { obj_y as hid_y } from './hid/Kbuild.ts';
import { obj_y as i2c_y } from './i2c/Kbuild.ts';
import { obj_y as hwmon_y } from './hwmon/Kbuild.ts';
import { obj_y as eeprom_y } from './misc/eeprom/Kbuild.ts';
import { obj_y as nvmem_y } from './nvmem/Kbuild.ts';

export const obj_y: kbuild_obj[] = [gpio_y, leds_y, acpi_y, pnp_y, virtio_y, serial8250, mem, base_y, of_y, brd, virtio_blk, spi_y, net_y, scsi_y, usb_y, serio_y, input_y, hid_y, rtc_y, i2c_y, hwmon_y, eeprom_y, nvmem_y, null_blk_m];
