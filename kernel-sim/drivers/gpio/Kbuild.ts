// Models linux/drivers/gpio/Makefile: gpiolib (core, debugfs) first, then the controller drivers.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as gpiolib from './gpiolib.ts';
import * as gpiolib_debugfs from './gpiolib-debugfs.ts';
import * as gpiolib_cdev from './gpiolib-cdev.ts';
import * as gpio_kwb_bank from './gpio-kwb-bank.ts';

export const obj_y: kbuild_obj[] = [gpiolib, gpiolib_cdev, gpiolib_debugfs, gpio_kwb_bank];
