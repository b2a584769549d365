// The gpio-demo C fixture: a platform driver built by the workbench binds to the default machine's kwb,gpio-demo node, gets its LED and button through devm_gpiod_get, and a button press toggles the LED from the line's interrupt.
import { describe, expect, it, beforeAll } from 'vitest';
import { driver, sh, dmesg } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import type { KwbGpioState } from '../../../kernel-sim/hw/gpio/kwb-gpio.ts';
import { bootWithBank } from './harness.ts';

let ko: Uint8Array;
beforeAll(async () => { ko = await driver('gpio-demo'); }, 180_000);

describe('kwb_gpio_demo.ko', () => {
  it('binds to gpio-demo, drives the LED line and counts button presses through gpiod_to_irq', () => {
    const { m, hw }: { m: Machine; hw: KwbGpioState } = bootWithBank();
    m.putFile('/root/kwb_gpio_demo.ko', ko);
    expect(sh(m, 'cat /sys/bus/platform/devices/gpio-demo/modalias')).toBe('of:Ngpio-demoT(null)Ckwb,gpio-demo\n');
    expect(sh(m, 'insmod /root/kwb_gpio_demo.ko; echo rc=$?; readlink /sys/bus/platform/devices/gpio-demo/driver')).toBe('rc=0\n../../../bus/platform/drivers/kwb-gpio-demo\n');
    const log = dmesg(m).join('\n');
    expect(log).toMatch(/kwb-gpio-demo gpio-demo: LED on GPIO 506, button on GPIO 510 \(IRQ \d+\)/);
    expect(sh(m, 'gpioinfo gpiochip0 | grep -E "line +(2|6):"')).toBe(
      '\tline   2:      unnamed        "led"  output  active-high [used]\n\tline   6:      unnamed     "button"   input  active-high [used]\n');
    const press = (): void => m.inspect(() => { hw.set_input(6, 1); hw.set_input(6, 0); });
    expect((hw.levels() >> 2) & 1).toBe(0);
    press();
    expect((hw.levels() >> 2) & 1).toBe(1);
    press();
    press();
    expect((hw.levels() >> 2) & 1).toBe(1);
    expect(sh(m, 'grep kwb-gpio-demo /proc/interrupts')).toMatch(/^ *\d+: +3 +0 +kwb-gpio-bank +6 +kwb-gpio-demo\n$/);
    expect(sh(m, 'rmmod kwb_gpio_demo; echo rc=$?; gpioinfo gpiochip0 | grep -c "\\[used\\]"')).toBe('rc=0\n2\n'); // the two LEDs stay
    expect(dmesg(m).join('\n')).toContain('kwb-gpio-demo gpio-demo: 3 presses');
  });
});
