// Models the chip-configuration half of linux/drivers/gpio/gpiolib-of.c and gpio-mmio.c's bgpio_pdata: how many lines a bank has and their names, from the device tree (ngpios, gpio-line-names) or from board data.
import type { device, device_node } from '../base/base.ts';

/** struct bgpio_pdata (include/linux/gpio/driver.h): board code's description of a bank. */
export interface bgpio_pdata { label?: string; base?: number; ngpio?: number; names?: readonly string[] }

export interface gpiochip_config { ngpios: number | null; names: readonly string[] | null }

/** A property's raw value as the flattened tree holds it (struct property: big-endian cells, NUL-separated strings), or null. */
export function of_prop_value(np: device_node | null, name: string): Uint8Array | null {
  // struct device_node.properties is a list of { name, value } (drivers/of builds it from the FDT).
  const props = (np as { properties?: unknown } | null)?.properties;
  if (!Array.isArray(props)) return null;
  const p = (props as { name: string; value?: Uint8Array }[]).find((x) => x.name === name);
  return p?.value ?? null;
}

/** of_property_read_u32_array() over the whole property. */
export function of_prop_cells(np: device_node | null, name: string): number[] | null {
  const v = of_prop_value(np, name);
  if (!v || v.length % 4) return null;
  const dv = new DataView(v.buffer, v.byteOffset, v.byteLength);
  return Array.from({ length: v.length / 4 }, (_, i) => dv.getUint32(i * 4));
}

/** of_property_read_string_array(). */
export function of_prop_strings(np: device_node | null, name: string): string[] | null {
  const v = of_prop_value(np, name);
  if (!v) return null;
  const s = new TextDecoder().decode(v);
  return (s.endsWith('\0') ? s.slice(0, -1) : s).split('\0');
}

/** The bank's ngpios and gpio-line-names (of_gpiochip_add/devprop_gpiochip_set_names), else its platform data. */
export function gpiochip_of_config(dev: device): gpiochip_config {
  const pd = dev.platform_data as bgpio_pdata | null;
  const ngpios = of_prop_cells(dev.of_node, 'ngpios')?.[0] ?? pd?.ngpio ?? null;
  return { ngpios, names: of_prop_strings(dev.of_node, 'gpio-line-names') ?? pd?.names ?? null };
}

/** include/dt-bindings/gpio/gpio.h: the flags cell. */
export const GPIO_ACTIVE_LOW = 1, GPIO_OPEN_DRAIN = 2 | 4, GPIO_PULL_UP = 16, GPIO_PULL_DOWN = 32;

/** A line a consumer's node points at: the controller's phandle, the line and the flags cell. */
export interface of_gpio_spec { phandle: number; line: number; flags: number }

/**
 * of_find_gpio()'s property walk: "<con_id>-gpios" then "<con_id>-gpio" (or "gpios"/"gpio" without con_id),
 * entry `idx` of <&controller line flags> triples (#gpio-cells = 2 on the controllers gpiolib drives here).
 */
export function of_find_gpio_spec(np: device_node | null, con_id: string | null, idx: number): of_gpio_spec | null {
  for (const suffix of ['gpios', 'gpio']) {
    const cells = of_prop_cells(np, con_id ? `${con_id}-${suffix}` : suffix);
    if (!cells) continue;
    const at = idx * 3;
    if (at + 3 > cells.length) return null;
    return { phandle: cells[at]!, line: cells[at + 1]!, flags: cells[at + 2]! };
  }
  return null;
}

/** The phandle of a controller's node (its "phandle" property, as dtc writes it). */
export function of_node_phandle(np: device_node | null): number {
  const own = (np as { phandle?: number } | null)?.phandle;
  return typeof own === 'number' && own ? own : (of_prop_cells(np, 'phandle')?.[0] ?? 0);
}
