// gpiolib on the default machine's bank: gpiochip0 on the gpio bus, /sys/kernel/debug/gpio in Linux's format, the consumer calls on real registers, and line interrupts through the bank's irq_chip.
import { describe, expect, it, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import {
  gpio_to_desc, gpiod_request, gpiod_free, gpiod_direction_output, gpiod_direction_input, gpiod_get_value, gpiod_set_value, gpiod_to_irq,
  gpiod_toggle_active_low, desc_to_gpio, type gpio_chip, type gpio_desc,
} from '../../../kernel-sim/drivers/gpio/gpiolib.ts';
import { request_irq, free_irq } from '../../../kernel-sim/kernel/irq/manage.ts';
import { IRQ_HANDLED, IRQF_TRIGGER_RISING } from '../../../kernel-sim/kernel/irq/irqdesc.ts';
import type { KwbGpioState } from '../../../kernel-sim/hw/gpio/kwb-gpio.ts';
import { EBUSY, EIO } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { bootWithBank, sh, dmesg } from './harness.ts';

let m: Machine, gc: gpio_chip, hw: KwbGpioState;
beforeAll(() => { ({ m, gc, hw } = bootWithBank()); });
const desc = (n: number): gpio_desc => m.inspect(() => gpio_to_desc(n)!);
/** The outside world drives a pin (inside the running kernel: an edge may interrupt it). */
const press = (line: number, level: number): void => m.inspect(() => hw.set_input(line, level));

describe('gpiolib core', () => {
  it('registers the bank as gpiochip0 with a dynamic base below 512, on the gpio bus', () => {
    expect(gc.base).toBe(504);
    expect(gc.ngpio).toBe(8);
    expect(sh(m, 'ls /sys/bus/gpio/devices /sys/bus/gpio/drivers')).toBe('/sys/bus/gpio/devices:\ngpiochip0\n\n/sys/bus/gpio/drivers:\ngpio_stub_drv\n');
    expect(sh(m, 'readlink /sys/bus/gpio/devices/gpiochip0')).toBe('../../../devices/platform/fed80000.gpio/gpiochip0\n');
    expect(sh(m, 'cat /sys/bus/gpio/devices/gpiochip0/dev')).toMatch(/^\d+:0\n$/);
    expect(sh(m, 'grep gpiochip /proc/devices')).toMatch(/^\d+ gpiochip\n$/);
  });

  it('lists requested lines (the LEDs, taken by leds-gpio) with consumer, direction and level, and the named free ones, in /sys/kernel/debug/gpio', () => {
    sh(m, 'mount -t debugfs debugfs /sys/kernel/debug');
    expect(sh(m, 'cat /sys/kernel/debug/gpio')).toBe([
      'gpiochip0: GPIOs 504-511, parent: platform/fed80000.gpio, fed80000.gpio:',
      ' gpio-504 (LED0                |kwb:green:heartbeat ) out lo ',
      ' gpio-505 (LED1                |kwb:amber:disk      ) out lo ',
      ' gpio-508 (BTN0                )',
      ' gpio-509 (BTN1                )',
      '',
    ].join('\n'));
  });

  it('drives an output through the DAT/SET/CLR/DIROUT registers; logical values follow active-low', () => {
    const d = desc(506);
    expect(m.inspect(() => gpiod_request(d, 'test-out'))).toBe(0);
    expect(m.inspect(() => gpiod_request(d, 'other'))).toBe(-EBUSY);
    expect(m.inspect(() => gpiod_direction_output(d, 1))).toBe(0);
    expect((hw.levels() >> 2) & 1).toBe(1);
    expect(hw.dirout & 4).toBe(4);
    m.inspect(() => gpiod_set_value(d, 0));
    expect((hw.levels() >> 2) & 1).toBe(0);
    m.inspect(() => { gpiod_toggle_active_low(d); gpiod_set_value(d, 1); });
    expect((hw.levels() >> 2) & 1).toBe(0);
    expect(m.inspect(() => gpiod_get_value(d))).toBe(1);
    expect(sh(m, 'grep gpio-506 /sys/kernel/debug/gpio')).toBe(' gpio-506 (                    |test-out            ) out lo ACTIVE LOW\n');
    m.inspect(() => gpiod_free(d));
    expect(sh(m, 'grep -c gpio-506 /sys/kernel/debug/gpio')).toBe('0\n');
  });

  it('reads an input the hardware drives', () => {
    const d = desc(desc_to_gpio(desc(507)));
    m.inspect(() => { gpiod_request(d, 'test-in'); gpiod_direction_input(d); });
    press(3, 1);
    expect(m.inspect(() => gpiod_get_value(d))).toBe(1);
    press(3, 0);
    expect(m.inspect(() => gpiod_get_value(d))).toBe(0);
    m.inspect(() => gpiod_free(d));
  });

  it('maps a line to an irq; a rising edge on the pin runs its handler through I/O APIC pin 6', () => {
    const d = desc(508);
    let hits = 0;
    const irq = m.inspect(() => { gpiod_request(d, 'button'); gpiod_direction_input(d); return gpiod_to_irq(d); });
    expect(irq).toBeGreaterThanOrEqual(24);
    expect(m.inspect(() => gpiod_to_irq(d))).toBe(irq);
    expect(m.inspect(() => request_irq(irq, () => { hits++; return IRQ_HANDLED; }, IRQF_TRIGGER_RISING, 'test-button', d))).toBe(0);
    press(4, 1);
    press(4, 0);
    press(4, 1);
    expect(hits).toBe(2);
    expect(sh(m, 'grep gpio-508 /sys/kernel/debug/gpio')).toBe(' gpio-508 (BTN0                |button              ) in  hi IRQ \n');
    const row = sh(m, `grep test-button /proc/interrupts`);
    expect(row).toMatch(new RegExp(`^ *${irq}: +\\d+ +\\d+ +kwb-gpio-bank +4 +test-button\\n$`));
    expect(sh(m, 'grep fed80000.gpio /proc/interrupts')).toMatch(/^ +6: .* fed80000\.gpio\n$/);
    // A line feeding an enabled irq is not turned into an output.
    expect(m.inspect(() => gpiod_direction_output(d, 0))).toBe(-EIO);
    expect(dmesg(m)).toContain('gpio-508 (button): gpiod_direction_output: tried to set a GPIO tied to an IRQ as output');
    m.inspect(() => { free_irq(irq, d); gpiod_free(d); });
    press(4, 0);
    press(4, 1);
    expect(hits).toBe(2);
  });
});
