// Handlers of the GPIO breadboard methods: the machine's GPIO controllers (hw/gpio) joined with gpiolib's descriptors of their lines (drivers/gpio), the LEDs wired to them, and driving an input pin with a little virtual time after it for the kernel's irq handlers and threads.
import { gpioApi, type GpioBank, type GpioBoard } from '../../api/methods/gpio.ts';
import { machine_hw } from '../../machine/hardware.ts';
import { MachineError } from '../../machine/types.ts';
import { ktime_get, NSEC_PER_MSEC } from '../../kernel/time/timekeeping.ts';
import { of_node_full_path } from '../../drivers/of/base.ts';
import { dev_name } from '../../drivers/base/core.ts';
import { gpio_devices, test_bit, desc_to_gpio, FLAG_ACTIVE_LOW, FLAG_IS_OUT, FLAG_USED_AS_IRQ, type gpio_device } from '../../drivers/gpio/gpiolib.ts';
import { gpio_desc_to_lineinfo } from '../../drivers/gpio/gpiolib-cdev.ts';
import { GPIO_V2_LINE_FLAG_USED } from '../../include/uapi/linux/gpio.ts';
import type { KwbGpioState } from '../../hw/gpio/kwb-gpio.ts';
import { defineMethods } from './define.ts';

/** Enough virtual time for the bank's interrupt, the line's irq thread and a reader it wakes. */
const SETTLE_NS = 2 * NSEC_PER_MSEC;

const bit = (v: number, i: number): 0 | 1 => ((v >>> i) & 1) as 0 | 1;

/** The gpio_device a driver registered for the controller at `path`, if any. */
const gdev_of = (path: string): gpio_device | undefined => gpio_devices().find((g) => {
  const np = g.chip?.parent?.of_node;
  return np ? of_node_full_path(np) === path : false;
});

function bank(path: string, compatible: string, hw: KwbGpioState): GpioBank {
  const gdev = gdev_of(path);
  const levels = hw.levels();
  return {
    path, compatible, chip: gdev ? dev_name(gdev.dev) : null, label: gdev?.label ?? null, base: gdev?.base ?? null,
    lines: Array.from({ length: hw.ngpios }, (_x, offset) => {
      const desc = gdev?.descs[offset];
      const info = desc ? gpio_desc_to_lineinfo(desc) : null;
      return {
        offset, name: info?.name || (gdev?.chip?.names?.[offset] ?? ''),
        kernel: desc && info ? {
          gpio: desc_to_gpio(desc), used: (info.flags & GPIO_V2_LINE_FLAG_USED) !== 0, consumer: info.consumer, output: test_bit(FLAG_IS_OUT, desc),
          active_low: test_bit(FLAG_ACTIVE_LOW, desc), irq: test_bit(FLAG_USED_AS_IRQ, desc),
        } : null,
        level: bit(levels, offset), driven: bit(hw.dirout, offset) === 1, input: bit(hw.inputs, offset), edges: hw.edges[offset] ?? 0,
      };
    }),
  };
}

/** The board as it is now (run inside the machine). */
function gpio_board(): GpioBoard {
  const hw = machine_hw();
  if (!hw) return { nowNs: ktime_get(), banks: [], leds: [] };
  const banks = [...hw.gpio_controllers].map(([path, g]) => bank(path, hw.devices.find((d) => d.path === path)?.compatible ?? '', g));
  const path_of = (g: KwbGpioState): string => [...hw.gpio_controllers].find(([, x]) => x === g)?.[0] ?? '';
  const leds = hw.leds.map((l) => ({
    path: l.path, label: l.label, bank: path_of(l.gpio), line: l.line, active_low: l.active_low, lit: (bit(l.gpio.levels(), l.line) === 1) !== l.active_low,
  }));
  return { nowNs: ktime_get(), banks, leds };
}

export const gpioMethods = defineMethods(gpioApi, {
  'gpio.board': (_params, ctx) => ctx.machine().inspect(gpio_board),
  'gpio.set_input': (params, ctx) => {
    const m = ctx.machine();
    const err = m.inspect(() => {
      const g = machine_hw()?.gpio_controllers.get(params.bank);
      if (!g) return `no GPIO controller at ${params.bank}`;
      if (params.line >= g.ngpios) return `${params.bank} has lines 0-${g.ngpios - 1}, not ${params.line}`;
      if (bit(g.dirout, params.line)) return `line ${params.line} of ${params.bank} is an output: the controller drives it, a button cannot`;
      g.set_input(params.line, params.level);
      return null;
    });
    if (err) throw new MachineError('EINVAL', err);
    m.runFor(SETTLE_NS);
    return m.inspect(gpio_board);
  },
});
