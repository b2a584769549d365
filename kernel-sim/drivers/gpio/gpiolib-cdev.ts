// Models linux/drivers/gpio/gpiolib-cdev.c: /dev/gpiochipN, its chip information and line information ioctls of the v1 and v2 uAPI (include/uapi/linux/gpio.h), and the line request ioctls (gpiolib-cdev-linereq.ts, gpiolib-cdev-v1.ts).
import type { KGen } from '../../include/linux/sched.ts';
import { EFAULT, EINVAL, ENODEV, ENOTTY } from '../../include/uapi/asm-generic/errno.ts';
import { MINOR } from '../../include/linux/fs_types.ts';
import type { file, file_operations, inode } from '../../include/linux/fs_types.ts';
import { cdev_add, cdev_del, cdev_init, type cdev } from '../../fs/char_dev.ts';
import { copy_from_user, copy_to_user } from '../../mm/uaccess.ts';
import { defineState } from '../../kernel/state.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import {
  GPIO_GET_CHIPINFO_IOCTL, GPIO_GET_LINEINFO_IOCTL, GPIO_V2_GET_LINE_IOCTL, GPIO_GET_LINEHANDLE_IOCTL, GPIO_GET_LINEEVENT_IOCTL, GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME, GPIO_V2_GET_LINEINFO_IOCTL, GPIO_MAX_NAME_SIZE, GPIO_V2_LINE_FLAG_USED, GPIO_V2_LINE_FLAG_ACTIVE_LOW, GPIO_V2_LINE_FLAG_INPUT, GPIO_V2_LINE_FLAG_OUTPUT, GPIO_V2_LINE_FLAG_EDGE_RISING, GPIO_V2_LINE_FLAG_EDGE_FALLING, GPIO_V2_LINE_FLAG_OPEN_DRAIN, GPIO_V2_LINE_FLAG_OPEN_SOURCE, GPIO_V2_LINE_FLAG_BIAS_PULL_UP, GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN, GPIO_V2_LINE_FLAG_BIAS_DISABLED, GPIOLINE_FLAG_KERNEL, GPIOLINE_FLAG_IS_OUT, GPIOLINE_FLAG_ACTIVE_LOW, GPIOLINE_FLAG_OPEN_DRAIN, GPIOLINE_FLAG_OPEN_SOURCE, GPIOLINE_FLAG_BIAS_PULL_UP, GPIOLINE_FLAG_BIAS_PULL_DOWN, GPIOLINE_FLAG_BIAS_DISABLE,
} from '../../include/uapi/linux/gpio.ts';
import { dev_name } from '../base/core.ts';
import {
  FLAG_ACTIVE_LOW, FLAG_BIAS_DISABLE, FLAG_EDGE_FALLING, FLAG_EDGE_RISING, FLAG_EXPORT, FLAG_IS_HOGGED, FLAG_IS_OUT, FLAG_OPEN_DRAIN, FLAG_OPEN_SOURCE,
  FLAG_EVENT_CLOCK_REALTIME, FLAG_PULL_DOWN, FLAG_PULL_UP, FLAG_REQUESTED, FLAG_SYSFS, FLAG_USED_AS_IRQ, gpio_devices, gpiochip_hooks, gpiod_get_direction, test_bit, type gpio_desc,
  type gpio_device,
} from './gpiolib.ts';
import { linereq_create } from './gpiolib-cdev-linereq.ts';
import { lineevent_create, linehandle_create } from './gpiolib-cdev-v1.ts';

const cdevs = defineState('gpiolib_cdev', () => ({ by_gdev: new Map<gpio_device, cdev>() }));

/** A NUL-padded char[32] (strscpy into the uAPI struct). */
function put_str(b: Uint8Array, off: number, s: string): void {
  const e = new TextEncoder().encode(s).subarray(0, GPIO_MAX_NAME_SIZE - 1);
  b.set(e, off);
}

/**
 * gpio_desc_to_lineinfo(): a line as user space sees it. A line is "used" when requested, hogged,
 * exported through sysfs or feeding an irq; the consumer is the request's label.
 */
export function gpio_desc_to_lineinfo(desc: gpio_desc): { name: string; consumer: string; flags: number } {
  const used = [FLAG_REQUESTED, FLAG_IS_HOGGED, FLAG_USED_AS_IRQ, FLAG_EXPORT, FLAG_SYSFS].some((f) => test_bit(f, desc));
  if (test_bit(FLAG_REQUESTED, desc)) gpiod_get_direction(desc);
  const bits: [number, number][] = [
    [FLAG_ACTIVE_LOW, GPIO_V2_LINE_FLAG_ACTIVE_LOW], [FLAG_OPEN_DRAIN, GPIO_V2_LINE_FLAG_OPEN_DRAIN], [FLAG_OPEN_SOURCE, GPIO_V2_LINE_FLAG_OPEN_SOURCE],
    [FLAG_PULL_UP, GPIO_V2_LINE_FLAG_BIAS_PULL_UP], [FLAG_PULL_DOWN, GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN], [FLAG_BIAS_DISABLE, GPIO_V2_LINE_FLAG_BIAS_DISABLED],
    [FLAG_EDGE_RISING, GPIO_V2_LINE_FLAG_EDGE_RISING], [FLAG_EDGE_FALLING, GPIO_V2_LINE_FLAG_EDGE_FALLING], [FLAG_EVENT_CLOCK_REALTIME, GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME],
  ];
  let flags = (used ? GPIO_V2_LINE_FLAG_USED : 0) | (test_bit(FLAG_IS_OUT, desc) ? GPIO_V2_LINE_FLAG_OUTPUT : GPIO_V2_LINE_FLAG_INPUT);
  for (const [f, v] of bits) if (test_bit(f, desc)) flags |= v;
  return { name: desc.name ?? '', consumer: used ? (desc.label ?? '') : '', flags };
}

/** The v1 flags (lineinfo_get_v1 converts from v2). */
function v1_flags(v2: number): number {
  const map: [number, number][] = [
    [GPIO_V2_LINE_FLAG_USED, GPIOLINE_FLAG_KERNEL], [GPIO_V2_LINE_FLAG_OUTPUT, GPIOLINE_FLAG_IS_OUT], [GPIO_V2_LINE_FLAG_ACTIVE_LOW, GPIOLINE_FLAG_ACTIVE_LOW],
    [GPIO_V2_LINE_FLAG_OPEN_DRAIN, GPIOLINE_FLAG_OPEN_DRAIN], [GPIO_V2_LINE_FLAG_OPEN_SOURCE, GPIOLINE_FLAG_OPEN_SOURCE],
    [GPIO_V2_LINE_FLAG_BIAS_PULL_UP, GPIOLINE_FLAG_BIAS_PULL_UP], [GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN, GPIOLINE_FLAG_BIAS_PULL_DOWN],
    [GPIO_V2_LINE_FLAG_BIAS_DISABLED, GPIOLINE_FLAG_BIAS_DISABLE],
  ];
  return map.reduce((acc, [a, b]) => (v2 & a ? acc | b : acc), 0);
}

const u32 = (b: Uint8Array, off: number): number => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(off, true);
const put_u32 = (b: Uint8Array, off: number, v: number): void => new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(off, v >>> 0, true);

/** The line a lineinfo ioctl names (its offset field), or -EINVAL. */
function line_of(gdev: gpio_device, offset: number): gpio_desc | number {
  return offset < gdev.ngpio ? gdev.descs[offset]! : -EINVAL;
}

/** gpio_ioctl(): the chip fd's ioctls. */
function* gpio_ioctl(filp: file, cmd: number, arg: number): KGen<number> {
  const gdev = filp.private_data as gpio_device;
  if (!gdev.chip) return -ENODEV;
  switch (cmd >>> 0) {
    case GPIO_GET_CHIPINFO_IOCTL: {
      const b = new Uint8Array(68);
      put_str(b, 0, dev_name(gdev.dev));
      put_str(b, 32, gdev.label);
      put_u32(b, 64, gdev.ngpio);
      return copy_to_user(arg, b) ? -EFAULT : 0;
    }
    case GPIO_GET_LINEINFO_IOCTL: {
      const b = copy_from_user(arg, 72);
      if (!b) return -EFAULT;
      const desc = line_of(gdev, u32(b, 0));
      if (typeof desc === 'number') return desc;
      const info = gpio_desc_to_lineinfo(desc);
      const out = new Uint8Array(72);
      put_u32(out, 0, u32(b, 0));
      put_u32(out, 4, v1_flags(info.flags));
      put_str(out, 8, info.name);
      put_str(out, 40, info.consumer);
      return copy_to_user(arg, out) ? -EFAULT : 0;
    }
    case GPIO_V2_GET_LINEINFO_IOCTL: {
      const b = copy_from_user(arg, 256);
      if (!b) return -EFAULT;
      // The padding (gpio_v2_line_info's last 16 bytes) must be zero, as lineinfo_get checks.
      if (b.subarray(240, 256).some((x) => x !== 0)) return -EINVAL;
      const desc = line_of(gdev, u32(b, 64));
      if (typeof desc === 'number') return desc;
      const info = gpio_desc_to_lineinfo(desc);
      const out = new Uint8Array(256);
      put_str(out, 0, info.name);
      put_str(out, 32, info.consumer);
      put_u32(out, 64, u32(b, 64));
      put_u32(out, 72, info.flags);
      return copy_to_user(arg, out) ? -EFAULT : 0;
    }
    case GPIO_V2_GET_LINE_IOCTL:
      return yield* linereq_create(gdev, arg);
    case GPIO_GET_LINEHANDLE_IOCTL:
      return yield* linehandle_create(gdev, arg);
    case GPIO_GET_LINEEVENT_IOCTL:
      return yield* lineevent_create(gdev, arg);
    default:
      return -ENOTTY;
  }
}

/** gpio_chrdev_open(): the fd belongs to the gpio_device of the minor. */
function* gpio_chrdev_open(inode: inode, filp: file): KGen<number> {
  const gdev = gpio_devices().find((g) => g.id === MINOR(inode.i_rdev));
  if (!gdev?.chip) return -ENODEV;
  filp.private_data = gdev;
  return 0;
}

// kernel-static: the file operations are code, shared by every chip of every boot
const gpio_fileops: file_operations = { open: gpio_chrdev_open, unlocked_ioctl: gpio_ioctl, release: function* () { return 0; } };

/** gpiolib_cdev_register()/unregister(): /dev/gpiochipN follows its gpio_device. */
function* gpiolib_cdev_register(gdev: gpio_device): KGen<void> {
  const c = cdev_init(gpio_fileops);
  cdev_add(c, gdev.dev.devt, 1);
  cdevs().by_gdev.set(gdev, c);
}
function* gpiolib_cdev_unregister(gdev: gpio_device): KGen<void> {
  const c = cdevs().by_gdev.get(gdev);
  if (c) cdev_del(c);
  cdevs().by_gdev.delete(gdev);
}

function gpiolib_cdev_init(): number {
  gpiochip_hooks(gpiolib_cdev_register, gpiolib_cdev_unregister);
  return 0;
}

export const initcalls: initcall_entry[] = [['core', 'gpiolib_cdev_init', gpiolib_cdev_init, 100]];
