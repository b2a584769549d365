// Models linux/drivers/gpio/gpiolib.c's debugfs file: /sys/kernel/debug/gpio (gpiolib_seq_show, gpiolib_dbg_show).
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { debugfs_create_file } from '../../fs/debugfs/inode.ts';
import { dev_name } from '../base/core.ts';
import { FLAG_ACTIVE_LOW, FLAG_IS_OUT, FLAG_REQUESTED, FLAG_USED_AS_IRQ, gpio_chip_hwgpio, gpio_devices, gpiod_get_direction, test_bit, type gpio_device } from './gpiolib.ts';

/** C's %-N.Ns: left-aligned, cut at N. */
const field = (s: string, n: number): string => s.slice(0, n).padEnd(n);
/** C's %-3d. */
const num3 = (n: number): string => String(n).padEnd(3);

/** gpiolib_dbg_show(): one row per requested line (and per named free line). */
function gpiolib_dbg_show(gdev: gpio_device): string {
  const gc = gdev.chip!;
  let out = '';
  for (const desc of gdev.descs) {
    const gpio = gdev.base + gpio_chip_hwgpio(desc);
    if (test_bit(FLAG_REQUESTED, desc)) {
      gpiod_get_direction(desc);
      const is_out = test_bit(FLAG_IS_OUT, desc);
      const r = gc.get ? gc.get(gc, gpio_chip_hwgpio(desc)) : -1;
      const value = r < 0 ? '?  ' : r ? 'hi' : 'lo';
      out += ` gpio-${num3(gpio)} (${field(desc.name ?? '', 20)}|${field(desc.label ?? '', 20)}) ${is_out ? 'out' : 'in '} ${value} `
        + `${test_bit(FLAG_USED_AS_IRQ, desc) ? 'IRQ ' : ''}${test_bit(FLAG_ACTIVE_LOW, desc) ? 'ACTIVE LOW' : ''}\n`;
    } else if (desc.name) {
      out += ` gpio-${num3(gpio)} (${field(desc.name, 20)})\n`;
    }
  }
  return out;
}

/** gpiolib_seq_show(): a header per chip ("gpiochip0: GPIOs 504-511, parent: platform/fed80000.gpio, fed80000.gpio:"), chips separated by a blank line. */
export function gpiolib_show(): string {
  return gpio_devices().map((gdev, i) => {
    const sep = i ? '\n' : '';
    const gc = gdev.chip;
    if (!gc) return `${sep}${dev_name(gdev.dev)}: (dangling chip)`;
    let s = `${sep}${dev_name(gdev.dev)}: GPIOs ${gdev.base}-${gdev.base + gdev.ngpio - 1}`;
    if (gc.parent) s += `, parent: ${gc.parent.bus?.name ?? 'no-bus'}/${dev_name(gc.parent)}`;
    if (gc.label) s += `, ${gc.label}`;
    if (gc.can_sleep) s += ', can sleep';
    return `${s}:\n${gpiolib_dbg_show(gdev)}`;
  }).join('');
}

/** gpiolib_debugfs_init(). */
function gpiolib_debugfs_init(): number {
  const r = debugfs_create_file('gpio', 0o444, null, { show: () => gpiolib_show() });
  return typeof r === 'number' ? r : 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'gpiolib_debugfs_init', gpiolib_debugfs_init, 1_000]];
