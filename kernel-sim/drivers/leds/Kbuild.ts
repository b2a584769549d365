// Models linux/drivers/leds/Makefile: the class and core, the LED drivers (leds-gpio), then trigger/.
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as led_class from './led-class.ts';
import * as leds_gpio from './leds-gpio.ts';
import * as ledtrig from './ledtrig.ts';

export const obj_y: kbuild_obj[] = [led_class, leds_gpio, ledtrig];
