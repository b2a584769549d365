// Models linux/drivers/leds/leds-gpio.c: the "gpio-leds" node's children as LEDs on GPIO lines (label, gpios, linux,default-trigger, default-state).
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import type { device_node } from '../base/base.ts';
import { dev_err } from '../base/core.ts';
import { run_sync } from '../base/sync.ts';
import { __platform_driver_register, platform_get_drvdata, platform_set_drvdata, type platform_device, type platform_driver } from '../base/platform.ts';
import { gpiod_set_value_cansleep, type gpio_desc } from '../gpio/gpiolib.ts';
import { GPIOD_ASIS, devm_fwnode_gpiod_get } from '../gpio/gpiolib-get.ts';
import { gpiod_direction_output } from '../gpio/gpiolib.ts';
import { of_prop_strings } from '../gpio/gpiolib-of.ts';
import { LED_OFF, led_classdev_register, led_classdev_unregister, type led_classdev } from './led-class.ts';

const child_nodes = (np: device_node | null): device_node[] => ((np as { child?: device_node[] } | null)?.child ?? []);
const prop_str = (np: device_node, name: string): string | null => of_prop_strings(np, name)?.[0] ?? null;

/** gpio_led_probe(): one led_classdev per child node, driving its line; the default state before the default trigger. */
function* gpio_led_probe(pdev: platform_device): KGen<number> {
  const dev = pdev.dev;
  const children = child_nodes(dev.of_node);
  if (!children.length) return -ENODEV;
  const leds: led_classdev[] = [];
  for (const child of children) {
    const label = prop_str(child, 'label') ?? child.name;
    const gpiod = devm_fwnode_gpiod_get(dev, child, null, GPIOD_ASIS, label);
    if (typeof gpiod === 'number') { dev_err(dev, `Failed to get GPIO '${child.full_name}'`); return gpiod; }
    const state = prop_str(child, 'default-state');
    const cdev: led_classdev = {
      name: label, brightness: state === 'on' ? 1 : LED_OFF, max_brightness: 1, default_trigger: prop_str(child, 'linux,default-trigger'),
      trigger: null, trigger_data: null, blink_brightness: 0, dev: null,
      brightness_set: (_c, v) => gpiod_set_value_cansleep(gpiod as gpio_desc, v ? 1 : 0),
    };
    const r0 = gpiod_direction_output(gpiod, cdev.brightness);
    if (r0) return r0;
    const r = yield* led_classdev_register(dev, cdev);
    if (r) return r;
    leds.push(cdev);
  }
  platform_set_drvdata(pdev, leds);
  return 0;
}

function* gpio_led_remove(pdev: platform_device): KGen<void> {
  for (const c of platform_get_drvdata(pdev) as led_classdev[]) yield* led_classdev_unregister(c);
}

// kernel-static: the driver's description; registered per machine by its initcall
const gpio_led_driver: platform_driver = {
  driver: { name: 'leds-gpio', of_match_table: [{ compatible: 'gpio-leds' }], suppress_bind_attrs: false },
  probe: gpio_led_probe,
  remove: gpio_led_remove,
};

function gpio_led_init(): number {
  return run_sync(__platform_driver_register(gpio_led_driver, null), 'gpio_led_init');
}

export const initcalls: initcall_entry[] = [['device', 'gpio_led_init', gpio_led_init, 2_000]];
