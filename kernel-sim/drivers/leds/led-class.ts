// Models linux/drivers/leds/led-class.c, led-core.c and led-triggers.c: the leds class (/sys/class/leds/<name>/{brightness,max_brightness,trigger}), led_classdev and the trigger list.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { sysfs_create_group, sysfs_remove_group } from '../../fs/sysfs/group.ts';
import type { class_, device, device_attribute } from '../base/base.ts';
import { class_register } from '../base/class.ts';
import { device_create_with_groups, device_unregister } from '../base/core.ts';

export const LED_OFF = 0, LED_ON = 1, LED_FULL = 255;

/** struct led_classdev: one LED; brightness_set drives the hardware (a GPIO line for leds-gpio). */
export interface led_classdev {
  name: string;
  brightness: number;
  max_brightness: number;
  brightness_set(cdev: led_classdev, value: number): void;
  default_trigger: string | null;
  trigger: led_trigger | null;
  /** The trigger's per-LED state (heartbeat phase, timer delays). */
  trigger_data: unknown;
  blink_brightness: number;
  dev: device | null;
}

/** struct led_trigger: activate/deactivate per LED, with extra attributes in the LED's directory while active. */
export interface led_trigger {
  name: string;
  activate(cdev: led_classdev): void;
  deactivate(cdev: led_classdev): void;
  groups?: attribute_group[];
}

const leds = defineState('leds', () => ({ triggers: [] as led_trigger[], devices: [] as led_classdev[] }));

/** led_set_brightness_nosleep(): clamp and drive. */
export function led_set_brightness(cdev: led_classdev, value: number): void {
  cdev.brightness = Math.min(Math.max(0, value), cdev.max_brightness);
  cdev.brightness_set(cdev, cdev.brightness);
}

/** led_trigger_set(): the old trigger's attributes go, the new one's come, then it runs. */
export function led_trigger_set(cdev: led_classdev, trig: led_trigger | null): void {
  const old = cdev.trigger;
  if (old) {
    old.deactivate(cdev);
    if (cdev.dev) for (const g of old.groups ?? []) sysfs_remove_group(cdev.dev.kobj, g);
    cdev.trigger = null;
    cdev.trigger_data = null;
    led_set_brightness(cdev, LED_OFF);
  }
  if (!trig) return;
  cdev.trigger = trig;
  if (cdev.dev) for (const g of trig.groups ?? []) sysfs_create_group(cdev.dev.kobj, g);
  trig.activate(cdev);
}

export const led_trigger_remove = (cdev: led_classdev): void => led_trigger_set(cdev, null);

/** led_trigger_register(): LEDs whose default trigger has this name take it now. */
export function led_trigger_register(trig: led_trigger): number {
  const st = leds();
  if (st.triggers.some((t) => t.name === trig.name)) return -EINVAL;
  st.triggers.push(trig);
  for (const c of st.devices) if (!c.trigger && c.default_trigger === trig.name) led_trigger_set(c, trig);
  return 0;
}

/** led_trigger_format(): "none" first, the active trigger in brackets. */
function led_trigger_format(cdev: led_classdev): string {
  const names = leds().triggers.map((t) => (t === cdev.trigger ? `[${t.name}]` : t.name));
  return `${cdev.trigger ? 'none' : '[none]'}${names.map((n) => ` ${n}`).join('')}\n`;
}

/** led_trigger_write(): "none" removes, a known name sets, anything else is -EINVAL. */
function led_trigger_write(cdev: led_classdev, buf: string): number {
  const name = buf.trim();
  if (name === 'none') { led_trigger_remove(cdev); return buf.length; }
  const t = leds().triggers.find((x) => x.name === name);
  if (!t) return -EINVAL;
  if (t !== cdev.trigger) led_trigger_set(cdev, t);
  return buf.length;
}

export const led_of = (dev: device): led_classdev => dev.driver_data as led_classdev;
const led_attrs: device_attribute[] = [
  {
    name: 'brightness', mode: 0o644, show: (d) => `${led_of(d).brightness}\n`,
    store: (d, _a, buf) => {
      if (!/^\s*\d+\s*$/.test(buf)) return -EINVAL;
      const v = Number(buf.trim());
      if (v === LED_OFF) led_trigger_remove(led_of(d));
      led_set_brightness(led_of(d), v);
      return buf.length;
    },
  },
  { name: 'max_brightness', mode: 0o444, show: (d) => `${led_of(d).max_brightness}\n` },
  { name: 'trigger', mode: 0o644, show: (d) => led_trigger_format(led_of(d)), store: (d, _a, buf) => led_trigger_write(led_of(d), buf) },
];
const led_groups: attribute_group[] = [{ attrs: led_attrs }];
// kernel-static: the class's description; registered per machine in leds_init
const leds_class: class_ = { name: 'leds' };

/** led_classdev_register(): /sys/class/leds/<name> under the parent; the default trigger if it is registered. */
export function* led_classdev_register(parent: device | null, cdev: led_classdev): KGen<number> {
  const dev = yield* device_create_with_groups(leds_class, parent, 0, cdev, led_groups, cdev.name);
  if (typeof dev === 'number') return dev;
  cdev.dev = dev;
  leds().devices.push(cdev);
  const t = leds().triggers.find((x) => x.name === cdev.default_trigger);
  if (t) led_trigger_set(cdev, t);
  return 0;
}

export function* led_classdev_unregister(cdev: led_classdev): KGen<void> {
  led_trigger_remove(cdev);
  const st = leds();
  st.devices.splice(st.devices.indexOf(cdev), 1);
  if (cdev.dev) yield* device_unregister(cdev.dev);
  cdev.dev = null;
}

export const led_classdevs = (): readonly led_classdev[] => leds().devices;

function leds_init(): number {
  return class_register(leds_class);
}

export const initcalls: initcall_entry[] = [['subsys', 'leds_init', leds_init, 1_000]];
