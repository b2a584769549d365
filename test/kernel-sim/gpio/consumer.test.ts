// The consumer API over the bank: gpiod_get through a board lookup table with flags and labels, _optional, devm lines given back at unbind, and the legacy integer calls.
import { describe, expect, it, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import type { KwbGpioState } from '../../../kernel-sim/hw/gpio/kwb-gpio.ts';
import { PLATFORM_DEVID_NONE, __platform_driver_register, platform_device_register_simple, platform_device_unregister, type platform_device } from '../../../kernel-sim/drivers/base/platform.ts';
import { GPIOD_IN, GPIOD_OUT_HIGH, gpiod_add_lookup_table, gpiod_get, gpiod_get_optional, gpiod_put } from '../../../kernel-sim/drivers/gpio/gpiolib-get.ts';
import { devm_gpiod_get } from '../../../kernel-sim/drivers/gpio/gpiolib-devres.ts';
import { gpio_free, gpio_request, gpio_request_one, gpio_get_value, gpio_set_value, gpio_direction_output, gpio_to_irq, GPIOF_OUT_INIT_HIGH } from '../../../kernel-sim/drivers/gpio/gpiolib-legacy.ts';
import { gpiod_get_value, gpiod_set_value, desc_to_gpio, type gpio_desc } from '../../../kernel-sim/drivers/gpio/gpiolib.ts';
import { GPIO_ACTIVE_LOW } from '../../../kernel-sim/drivers/gpio/gpiolib-of.ts';
import { EBUSY, EINVAL, ENOENT, EPROBE_DEFER } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { bootWithBank, kcall, sh } from './harness.ts';

let m: Machine, hw: KwbGpioState;
beforeAll(() => { ({ m, hw } = bootWithBank()); });
const bit = (line: number): number => (hw.levels() >> line) & 1;

describe('gpiod_get and friends', () => {
  it('finds lines through the board lookup table by con_id and index, applies flags, labels them with con_id', () => {
    m.inspect(() => gpiod_add_lookup_table({ dev_id: 'kwb-board', table: [
      { key: 'fed80000.gpio', chip_hwnum: 2, con_id: 'led', idx: 0, flags: GPIO_ACTIVE_LOW },
      { key: 'fed80000.gpio', chip_hwnum: 6, con_id: 'reset', idx: 0, flags: 0 },
      { key: 'gpiochip-nope', chip_hwnum: 0, con_id: 'later', idx: 0, flags: 0 },
    ] }));
    const pdev = kcall(m, () => platform_device_register_simple('kwb-board', PLATFORM_DEVID_NONE)) as platform_device;
    const led = m.inspect(() => gpiod_get(pdev.dev, 'led', GPIOD_OUT_HIGH)) as gpio_desc;
    expect(desc_to_gpio(led)).toBe(506);
    expect(bit(2)).toBe(0); // logical high on an active-low line drives the pin low
    m.inspect(() => gpiod_set_value(led, 0));
    expect(bit(2)).toBe(1);
    expect(m.inspect(() => gpiod_get(pdev.dev, 'led', GPIOD_IN))).toBe(-EBUSY);
    expect(m.inspect(() => gpiod_get(pdev.dev, 'enable', GPIOD_IN))).toBe(-ENOENT);
    expect(m.inspect(() => gpiod_get_optional(pdev.dev, 'enable', GPIOD_IN))).toBeNull();
    expect(m.inspect(() => gpiod_get(pdev.dev, 'later', GPIOD_IN))).toBe(-EPROBE_DEFER);
    sh(m, 'mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null');
    expect(sh(m, 'grep gpio-506 /sys/kernel/debug/gpio')).toBe(' gpio-506 (                    |led                 ) out hi ACTIVE LOW\n');
    m.inspect(() => gpiod_put(led));
    expect(sh(m, 'grep -c gpio-506 /sys/kernel/debug/gpio')).toBe('0\n');
  });

  it('devm_gpiod_get lines are freed when the driver unbinds', () => {
    let got: gpio_desc | number = 0;
    m.inspect(() => gpiod_add_lookup_table({ dev_id: 'kwb-devm', table: [{ key: 'fed80000.gpio', chip_hwnum: 7, con_id: null, idx: 0, flags: 0 }] }));
    kcall(m, () => __platform_driver_register({ driver: { name: 'kwb-devm' }, probe: (p) => { got = devm_gpiod_get(p.dev, null, GPIOD_IN); return typeof got === 'number' ? got : 0; } }));
    const pdev = kcall(m, () => platform_device_register_simple('kwb-devm', PLATFORM_DEVID_NONE)) as platform_device;
    expect(sh(m, 'grep gpio-511 /sys/kernel/debug/gpio')).toBe(' gpio-511 (                    |kwb-devm            ) in  lo \n');
    kcall(m, () => platform_device_unregister(pdev));
    expect(sh(m, 'grep -c gpio-511 /sys/kernel/debug/gpio')).toBe('0\n');
    expect(typeof got).toBe('object');
  });
});

describe('the legacy integer API', () => {
  it('gpio_request/gpio_direction_output/gpio_set_value/gpio_get_value/gpio_free on global numbers', () => {
    expect(m.inspect(() => gpio_request(507, 'legacy'))).toBe(0);
    expect(m.inspect(() => gpio_direction_output(507, 1))).toBe(0);
    expect(bit(3)).toBe(1);
    m.inspect(() => gpio_set_value(507, 0));
    expect(m.inspect(() => gpio_get_value(507))).toBe(0);
    m.inspect(() => gpio_free(507));
    expect(m.inspect(() => gpio_request_one(507, GPIOF_OUT_INIT_HIGH, 'one'))).toBe(0);
    expect(bit(3)).toBe(1);
    expect(m.inspect(() => gpio_to_irq(507))).toBeGreaterThanOrEqual(24);
    m.inspect(() => gpio_free(507));
    expect(m.inspect(() => gpio_request(600, 'x'))).toBe(-EINVAL);
    expect(m.inspect(() => gpio_request(100, 'x'))).toBe(-EPROBE_DEFER);
    expect(m.inspect(() => gpiod_get_value(null))).toBe(0);
  });
});
