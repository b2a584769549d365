// Models linux/drivers/gpio/gpiolib-legacy.c and include/asm-generic/gpio.h: the integer GPIO API (gpio_request, gpio_free, gpio_request_one, gpio_direction_*, gpio_get/set_value, gpio_to_irq) over descriptors.
import { EINVAL, EPROBE_DEFER } from '../../include/uapi/asm-generic/errno.ts';
import {
  FLAG_ACTIVE_LOW, gpio_to_desc, gpiod_cansleep, gpiod_direction_input, gpiod_direction_output_raw, gpiod_free, gpiod_get_raw_value, gpiod_request,
  gpiod_set_raw_value, gpiod_to_irq, gpio_is_valid, set_bit,
} from './gpiolib.ts';

/** include/linux/gpio.h: gpio_request_one() flags. */
export const GPIOF_DIR_OUT = 0, GPIOF_DIR_IN = 1, GPIOF_INIT_LOW = 0, GPIOF_INIT_HIGH = 2, GPIOF_ACTIVE_LOW = 4;
export const GPIOF_IN = GPIOF_DIR_IN, GPIOF_OUT_INIT_LOW = GPIOF_DIR_OUT | GPIOF_INIT_LOW, GPIOF_OUT_INIT_HIGH = GPIOF_DIR_OUT | GPIOF_INIT_HIGH;

/** gpio_request(): a valid number with no chip yet defers (-EPROBE_DEFER), an invalid one is -EINVAL. */
export function gpio_request(gpio: number, label: string | null): number {
  const desc = gpio_to_desc(gpio);
  if (!desc && gpio_is_valid(gpio)) return -EPROBE_DEFER;
  if (!desc) return -EINVAL;
  return gpiod_request(desc, label);
}

export function gpio_free(gpio: number): void { gpiod_free(gpio_to_desc(gpio)); }

/** gpio_request_one(): request and configure in one call. */
export function gpio_request_one(gpio: number, flags: number, label: string | null): number {
  const err = gpio_request(gpio, label);
  if (err) return err;
  const desc = gpio_to_desc(gpio)!;
  if (flags & GPIOF_ACTIVE_LOW) set_bit(FLAG_ACTIVE_LOW, desc);
  const r = flags & GPIOF_DIR_IN ? gpiod_direction_input(desc) : gpiod_direction_output_raw(desc, flags & GPIOF_INIT_HIGH ? 1 : 0);
  if (r) gpiod_free(desc);
  return r;
}

// asm-generic/gpio.h's inlines: raw values on the descriptor of the number.
export const gpio_direction_input = (gpio: number): number => gpiod_direction_input(gpio_to_desc(gpio));
export const gpio_direction_output = (gpio: number, value: number): number => gpiod_direction_output_raw(gpio_to_desc(gpio), value);
export const gpio_get_value = (gpio: number): number => gpiod_get_raw_value(gpio_to_desc(gpio));
export const gpio_set_value = (gpio: number, value: number): void => gpiod_set_raw_value(gpio_to_desc(gpio), value);
export const gpio_cansleep = (gpio: number): number => (gpiod_cansleep(gpio_to_desc(gpio)) ? 1 : 0);
export const gpio_to_irq = (gpio: number): number => gpiod_to_irq(gpio_to_desc(gpio));
