// Shared helpers of the GPIO tests: a booted default machine with the kwb,gpio-bank bound (registered by hand until DT nodes become devices), and the bank's hardware.
import { kcall, sh, dmesg } from '../driver-model/harness.ts';
import { Machine } from '../../../kernel-sim/machine.ts';
import { machineSource } from '../hw/machine-harness.ts';
import {
  IORESOURCE_IRQ, IORESOURCE_MEM, PLATFORM_DEVID_NONE, platform_device_add, platform_device_add_data, platform_device_add_resources, platform_device_alloc,
} from '../../../kernel-sim/drivers/base/platform.ts';
import { gpio_devices, type gpio_chip } from '../../../kernel-sim/drivers/gpio/gpiolib.ts';
import { hwState } from '../../../kernel-sim/machine/hardware.ts';
import type { KwbGpioState } from '../../../kernel-sim/hw/gpio/kwb-gpio.ts';

export { kcall, sh, dmesg };

/** The bank's chip: the one of_platform_populate made from /gpio@fed80000, or one registered here as board code would. */
export function bank_chip(m: Machine): gpio_chip {
  const find = (): gpio_chip | undefined => m.inspect(() => gpio_devices().find((g) => g.label === 'fed80000.gpio')?.chip ?? undefined);
  if (!find()) {
    // Board code's way: the device by name with its resources and bgpio_pdata, bound to the driver through driver_override.
    const r = kcall(m, function* () {
      const pdev = platform_device_alloc('fed80000.gpio', PLATFORM_DEVID_NONE);
      platform_device_add_resources(pdev, [{ start: 0xfed80000, end: 0xfed80fff, flags: IORESOURCE_MEM }, { start: 6, end: 6, flags: IORESOURCE_IRQ }]);
      platform_device_add_data(pdev, { ngpio: 8, names: ['LED0', 'LED1', '', '', 'BTN0', 'BTN1', '', ''] });
      pdev.dev.driver_override = 'gpio-kwb-bank';
      return yield* platform_device_add(pdev);
    });
    if (r) throw new Error(`registering the bank: ${r}`);
  }
  return find()!;
}

export function bootWithBank(): { m: Machine; gc: gpio_chip; hw: KwbGpioState } {
  const m = new Machine({ dts: machineSource('default.dts'), dtsName: 'default.dts' });
  m.boot();
  const gc = bank_chip(m);
  const hw = m.inspect(() => hwState().machine!.gpio_controllers.get('/gpio@fed80000')!);
  return { m, gc, hw };
}
