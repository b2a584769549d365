// Models linux/drivers/gpio/gpiolib-devres.c: devm_gpiod_get and friends, the lines given back when the driver unbinds.
import type { device } from '../base/base.ts';
import { devres_add, devres_alloc, devres_release } from '../base/devres.ts';
import { gpiod_get_index, gpiod_put } from './gpiolib-get.ts';
import type { gpio_desc } from './gpiolib.ts';
import { ENOENT } from '../../include/uapi/asm-generic/errno.ts';

const NAME = 'devm_gpiod_release';

/** devm_gpiod_get_index(): a devres node holds the descriptor; unbinding puts it. */
export function devm_gpiod_get_index(dev: device, con_id: string | null, idx: number, flags: number): gpio_desc | number {
  const desc = gpiod_get_index(dev, con_id, idx, flags);
  if (typeof desc === 'number') return desc;
  const dr = devres_alloc((_d, data) => gpiod_put(data as gpio_desc), 8, NAME, desc);
  devres_add(dev, dr);
  return desc;
}
export const devm_gpiod_get = (dev: device, con_id: string | null, flags: number): gpio_desc | number => devm_gpiod_get_index(dev, con_id, 0, flags);

export function devm_gpiod_get_index_optional(dev: device, con_id: string | null, idx: number, flags: number): gpio_desc | number | null {
  const d = devm_gpiod_get_index(dev, con_id, idx, flags);
  return d === -ENOENT ? null : d;
}
export const devm_gpiod_get_optional = (dev: device, con_id: string | null, flags: number): gpio_desc | number | null => devm_gpiod_get_index_optional(dev, con_id, 0, flags);

/** devm_gpiod_put(): give the line back now (WARN if it was not a devm one). */
export function devm_gpiod_put(dev: device, desc: gpio_desc): void {
  devres_release(dev, (n) => n.name === NAME && n.data === desc);
}
