// The GPIO API for C modules (drivers/gpio/gpiolib.c, gpiolib-devres.c, gpiolib-legacy.c): struct gpio_desc handles, the gpiod_* consumer calls and the legacy integer calls.
//
// A `struct gpio_desc *` is opaque in C (include/linux/gpio/consumer.h declares it only): the kernel hands out a
// small allocation per line, made once, and maps it back; errors come back as ERR_PTR, optional misses as NULL.
import { kread_cstr } from '../../mm/kmem.ts';
import { kmalloc, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { defineState } from '../state.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import type { device } from '../../drivers/base/base.ts';
import {
  desc_to_gpio, gpio_to_desc, gpiod_cansleep, gpiod_direction_input, gpiod_direction_output, gpiod_direction_output_raw, gpiod_get_direction,
  gpiod_get_raw_value, gpiod_get_raw_value_cansleep, gpiod_get_value, gpiod_get_value_cansleep, gpiod_is_active_low, gpiod_set_consumer_name,
  gpiod_set_raw_value, gpiod_set_raw_value_cansleep, gpiod_set_value, gpiod_set_value_cansleep, gpiod_to_irq, gpiod_toggle_active_low, type gpio_desc,
} from '../../drivers/gpio/gpiolib.ts';
import { gpiod_get, gpiod_get_index, gpiod_get_index_optional, gpiod_get_optional, gpiod_put } from '../../drivers/gpio/gpiolib-get.ts';
import { devm_gpiod_get, devm_gpiod_get_index, devm_gpiod_get_index_optional, devm_gpiod_get_optional, devm_gpiod_put } from '../../drivers/gpio/gpiolib-devres.ts';
import { gpio_free, gpio_request, gpio_request_one } from '../../drivers/gpio/gpiolib-legacy.ts';
import { c_device, ERR_PTR } from './device.ts';
import { EXPORT_KAPI } from './registry.ts';

interface handles { by_addr: Map<number, gpio_desc>; by_desc: Map<gpio_desc, number> }
const st = defineState<handles>('kapi-gpio', () => ({ by_addr: new Map(), by_desc: new Map() }));

/** The C pointer of a descriptor; errno -> ERR_PTR, null -> NULL. */
function c_desc(d: gpio_desc | number | null): number {
  if (d === null) return 0;
  if (typeof d === 'number') return ERR_PTR(d);
  let a = st().by_desc.get(d);
  if (a === undefined) {
    a = kmalloc(16, __GFP_ZERO);
    disown(a);
    st().by_desc.set(d, a);
    st().by_addr.set(a, d);
  }
  return a;
}

/** A descriptor from C: NULL stays null (the calls treat it as "no line"), an unknown pointer too. */
const ts_desc = (a: number): gpio_desc | null => st().by_addr.get(a >>> 0) ?? null;
const str = (a: number): string | null => (a ? kread_cstr(a, 128) : null);
const dev = (a: number): device | null => c_device(a);
/** A consumer call that needs a device: one we do not know is -EINVAL. */
const with_dev = (a: number, f: (d: device) => gpio_desc | number | null): number => {
  const d = dev(a);
  return d ? c_desc(f(d)) : ERR_PTR(-EINVAL);
};

export const ksymtab = [
  ...EXPORT_KAPI({
    gpiod_get: (d: number, con: number, flags: number) => c_desc(gpiod_get(dev(d), str(con), flags)),
    gpiod_get_index: (d: number, con: number, idx: number, flags: number) => c_desc(gpiod_get_index(dev(d), str(con), idx, flags)),
    gpiod_get_optional: (d: number, con: number, flags: number) => c_desc(gpiod_get_optional(dev(d), str(con), flags)),
    gpiod_get_index_optional: (d: number, con: number, idx: number, flags: number) => c_desc(gpiod_get_index_optional(dev(d), str(con), idx, flags)),
    gpiod_put: (a: number) => gpiod_put(ts_desc(a)),
    devm_gpiod_get: (d: number, con: number, flags: number) => with_dev(d, (x) => devm_gpiod_get(x, str(con), flags)),
    devm_gpiod_get_index: (d: number, con: number, idx: number, flags: number) => with_dev(d, (x) => devm_gpiod_get_index(x, str(con), idx, flags)),
    devm_gpiod_get_optional: (d: number, con: number, flags: number) => with_dev(d, (x) => devm_gpiod_get_optional(x, str(con), flags)),
    devm_gpiod_get_index_optional: (d: number, con: number, idx: number, flags: number) => with_dev(d, (x) => devm_gpiod_get_index_optional(x, str(con), idx, flags)),
    devm_gpiod_put: (d: number, a: number) => { const x = dev(d); const desc = ts_desc(a); if (x && desc) devm_gpiod_put(x, desc); },
    gpiod_get_direction: (a: number) => { const d = ts_desc(a); return d ? gpiod_get_direction(d) : -EINVAL; },
    gpiod_direction_input: (a: number) => gpiod_direction_input(ts_desc(a)),
    gpiod_direction_output: (a: number, v: number) => gpiod_direction_output(ts_desc(a), v),
    gpiod_direction_output_raw: (a: number, v: number) => gpiod_direction_output_raw(ts_desc(a), v),
    gpiod_get_value: (a: number) => gpiod_get_value(ts_desc(a)),
    gpiod_set_value: (a: number, v: number) => gpiod_set_value(ts_desc(a), v),
    gpiod_get_raw_value: (a: number) => gpiod_get_raw_value(ts_desc(a)),
    gpiod_set_raw_value: (a: number, v: number) => gpiod_set_raw_value(ts_desc(a), v),
    gpiod_get_value_cansleep: (a: number) => gpiod_get_value_cansleep(ts_desc(a)),
    gpiod_set_value_cansleep: (a: number, v: number) => gpiod_set_value_cansleep(ts_desc(a), v),
    gpiod_get_raw_value_cansleep: (a: number) => gpiod_get_raw_value_cansleep(ts_desc(a)),
    gpiod_set_raw_value_cansleep: (a: number, v: number) => gpiod_set_raw_value_cansleep(ts_desc(a), v),
    gpiod_cansleep: (a: number) => (gpiod_cansleep(ts_desc(a)) ? 1 : 0),
    gpiod_to_irq: (a: number) => gpiod_to_irq(ts_desc(a)),
    gpiod_is_active_low: (a: number) => { const d = ts_desc(a); return d && gpiod_is_active_low(d) ? 1 : 0; },
    gpiod_toggle_active_low: (a: number) => { const d = ts_desc(a); if (d) gpiod_toggle_active_low(d); },
    gpiod_set_consumer_name: (a: number, name: number) => gpiod_set_consumer_name(ts_desc(a), str(name) ?? ''),
    desc_to_gpio: (a: number) => { const d = ts_desc(a); return d ? desc_to_gpio(d) : -EINVAL; },
    gpio_to_desc: (gpio: number) => c_desc(gpio_to_desc(gpio >>> 0)),
  }, true),
  ...EXPORT_KAPI({
    gpio_request: (gpio: number, label: number) => gpio_request(gpio >>> 0, str(label)),
    gpio_free: (gpio: number) => gpio_free(gpio >>> 0),
    gpio_request_one: (gpio: number, flags: number, label: number) => gpio_request_one(gpio >>> 0, flags >>> 0, str(label)),
  }),
];
