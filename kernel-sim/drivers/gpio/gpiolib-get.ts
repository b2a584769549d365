// Models linux/drivers/gpio/gpiolib.c's consumer lookup: gpiod_get_index (device tree first, then board lookup tables), gpiod_configure_flags, gpiod_put, with gpiolib-of.c's of_find_gpio.
import { EBUSY, EINVAL, ENOENT, EPROBE_DEFER } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import type { device } from '../base/base.ts';
import { dev_info, dev_name } from '../base/core.ts';
import { devres_add, devres_alloc } from '../base/devres.ts';
import {
  FLAG_ACTIVE_LOW, FLAG_OPEN_DRAIN, FLAG_PULL_DOWN, FLAG_PULL_UP, gpio_devices, gpiod_direction_input, gpiod_direction_output, gpiod_free, gpiod_request,
  set_bit, type gpio_desc,
} from './gpiolib.ts';
import { GPIO_ACTIVE_LOW, GPIO_OPEN_DRAIN, GPIO_PULL_DOWN, GPIO_PULL_UP, of_find_gpio_spec, of_node_phandle } from './gpiolib-of.ts';

/** include/linux/gpio/consumer.h: enum gpiod_flags. */
export const GPIOD_FLAGS_BIT_DIR_SET = 1, GPIOD_FLAGS_BIT_DIR_OUT = 2, GPIOD_FLAGS_BIT_DIR_VAL = 4, GPIOD_FLAGS_BIT_OPEN_DRAIN = 8, GPIOD_FLAGS_BIT_NONEXCLUSIVE = 16;
export const GPIOD_ASIS = 0, GPIOD_IN = 1, GPIOD_OUT_LOW = 3, GPIOD_OUT_HIGH = 7;

/** include/linux/gpio/machine.h: struct gpiod_lookup (board files) — the chip by label, the line, the consumer's con_id/idx, lookup flags. */
export interface gpiod_lookup { key: string; chip_hwnum: number; con_id: string | null; idx: number; flags: number }
export interface gpiod_lookup_table { dev_id: string | null; table: gpiod_lookup[] }

const lookups = defineState('gpio_lookup', () => ({ tables: [] as gpiod_lookup_table[] }));
export function gpiod_add_lookup_table(t: gpiod_lookup_table): void { lookups().tables.push(t); }
export function gpiod_remove_lookup_table(t: gpiod_lookup_table): void {
  const l = lookups().tables;
  const i = l.indexOf(t);
  if (i >= 0) l.splice(i, 1);
}

/** A found line and its lookup flags (GPIO_ACTIVE_LOW ... as the DT flags cell has them). */
type found = { desc: gpio_desc; lflags: number } | number;

/** of_find_gpio(): the consumer node's <con_id>-gpios entry; a controller not registered yet defers the probe. */
function of_find_gpio(dev: device, con_id: string | null, idx: number): found {
  return of_spec_desc(of_find_gpio_spec(dev.of_node, con_id, idx));
}

/** The line an <&controller line flags> entry names: the controller is the chip whose parent device has that node. */
function of_spec_desc(spec: ReturnType<typeof of_find_gpio_spec>): found {
  if (!spec) return -ENOENT;
  const gdev = gpio_devices().find((g) => g.chip?.parent && of_node_phandle(g.chip.parent.of_node) === spec.phandle);
  if (!gdev) return -EPROBE_DEFER;
  if (spec.line >= gdev.ngpio) return -EINVAL;
  return { desc: gdev.descs[spec.line]!, lflags: spec.flags };
}

/** gpiod_find(): the board's lookup tables for this device. */
function gpiod_find(dev: device | null, con_id: string | null, idx: number): found {
  const name = dev ? dev_name(dev) : null;
  const t = lookups().tables.find((x) => x.dev_id === null || x.dev_id === name);
  const p = t?.table.find((e) => e.idx === idx && (!e.con_id || !con_id || e.con_id === con_id) && (e.con_id === con_id || !e.con_id === !con_id));
  if (!p) return -ENOENT;
  const gdev = gpio_devices().find((g) => g.label === p.key);
  if (!gdev) return -EPROBE_DEFER;
  if (p.chip_hwnum >= gdev.ngpio) return -EINVAL;
  return { desc: gdev.descs[p.chip_hwnum]!, lflags: p.flags };
}

/** gpiod_configure_flags(): lookup flags onto the descriptor, then the direction `dflags` asks for. */
export function gpiod_configure_flags(desc: gpio_desc, lflags: number, dflags: number): number {
  if (lflags & GPIO_ACTIVE_LOW) set_bit(FLAG_ACTIVE_LOW, desc);
  if ((lflags & GPIO_OPEN_DRAIN) === GPIO_OPEN_DRAIN || dflags & GPIOD_FLAGS_BIT_OPEN_DRAIN) set_bit(FLAG_OPEN_DRAIN, desc);
  if (lflags & GPIO_PULL_UP) set_bit(FLAG_PULL_UP, desc);
  if (lflags & GPIO_PULL_DOWN) set_bit(FLAG_PULL_DOWN, desc);
  if (!(dflags & GPIOD_FLAGS_BIT_DIR_SET)) return 0;
  if (dflags & GPIOD_FLAGS_BIT_DIR_OUT) return gpiod_direction_output(desc, dflags & GPIOD_FLAGS_BIT_DIR_VAL ? 1 : 0);
  return gpiod_direction_input(desc);
}

/** gpiod_get_index(): the idx'th line of function con_id, requested with con_id (or the device name) as its label. */
export function gpiod_get_index(dev: device | null, con_id: string | null, idx: number, flags: number): gpio_desc | number {
  const devname = dev ? dev_name(dev) : '?';
  let f: found = dev?.of_node ? of_find_gpio(dev, con_id, idx) : -ENOENT;
  if (f === -ENOENT) f = gpiod_find(dev, con_id, idx);
  if (typeof f === 'number') return f;
  const { desc, lflags } = f;
  const ret = gpiod_request(desc, con_id ?? devname);
  if (ret) {
    if (!(ret === -EBUSY && flags & GPIOD_FLAGS_BIT_NONEXCLUSIVE)) return ret;
    if (dev) dev_info(dev, `nonexclusive access to GPIO for ${con_id ?? devname}`);
    return desc;
  }
  const r = gpiod_configure_flags(desc, lflags, flags);
  if (r < 0) {
    gpiod_free(desc);
    return r;
  }
  return desc;
}

export const gpiod_get = (dev: device | null, con_id: string | null, flags: number): gpio_desc | number => gpiod_get_index(dev, con_id, 0, flags);

/** gpiod_get_index_optional(): null when the function has no line (-ENOENT); other errors pass. */
export function gpiod_get_index_optional(dev: device | null, con_id: string | null, idx: number, flags: number): gpio_desc | number | null {
  const d = gpiod_get_index(dev, con_id, idx, flags);
  return d === -ENOENT ? null : d;
}
export const gpiod_get_optional = (dev: device | null, con_id: string | null, flags: number): gpio_desc | number | null => gpiod_get_index_optional(dev, con_id, 0, flags);

/** gpiod_put(). */
export function gpiod_put(desc: gpio_desc | null): void { if (desc) gpiod_free(desc); }

/** gpiod_count(): how many lines the function has. */
export function gpiod_count(dev: device, con_id: string | null): number {
  let n = 0;
  while (dev.of_node && of_find_gpio_spec(dev.of_node, con_id, n)) n++;
  return n || -ENOENT;
}

/**
 * devm_fwnode_gpiod_get_index(): a line named by a child node of the device (an LED, a button), requested
 * with `label`; given back when the device unbinds.
 */
export function devm_fwnode_gpiod_get(dev: device, np: import('../base/base.ts').device_node, con_id: string | null, flags: number, label: string): gpio_desc | number {
  const f = of_spec_desc(of_find_gpio_spec(np, con_id, 0));
  if (typeof f === 'number') return f;
  const { desc, lflags } = f;
  const ret = gpiod_request(desc, label);
  if (ret) return ret;
  const r = gpiod_configure_flags(desc, lflags, flags);
  if (r < 0) { gpiod_free(desc); return r; }
  devres_add(dev, devres_alloc(() => gpiod_free(desc), 8, 'devm_gpiod_release', desc));
  return desc;
}
