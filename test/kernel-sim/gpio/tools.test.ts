// /dev/gpiochipN and the libgpiod 1.6 tools on the default machine: gpiodetect and gpioinfo through the chip and line info ioctls.
import { describe, expect, it, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { gpio_to_desc, gpiod_direction_output, gpiod_request, gpiod_toggle_active_low } from '../../../kernel-sim/drivers/gpio/gpiolib.ts';
import { bootWithBank, sh } from './harness.ts';
import { run } from '../core/harness.ts';
import { GPIO_V2_GET_LINEINFO_IOCTL, GPIO_V2_LINE_FLAG_ACTIVE_LOW, GPIO_V2_LINE_FLAG_OUTPUT, GPIO_V2_LINE_FLAG_USED } from '../../../kernel-sim/include/uapi/linux/gpio.ts';

let m: Machine;
beforeAll(() => { ({ m } = bootWithBank()); });

describe('gpiodetect and gpioinfo', () => {
  it('/dev/gpiochip0 is the chip\'s character device', () => {
    expect(sh(m, 'ls -l /dev/gpiochip0 | cut -c1')).toBe('c\n');
    expect(sh(m, 'cat /sys/bus/gpio/devices/gpiochip0/dev') === `${sh(m, 'stat -c %t:%T /dev/gpiochip0').trim().split(':').map((h) => parseInt(h, 16)).join(':')}\n`).toBe(true);
  });

  it('gpiodetect lists the chip with its label and line count', () => {
    expect(sh(m, 'gpiodetect')).toBe('gpiochip0 [fed80000.gpio] (8 lines)\n');
  });

  it('gpioinfo prints each line as libgpiod 1.6 does: names, consumers, direction, active state, flags (prinfo: right-aligned in 3/12/12/8/13 columns)', () => {
    m.inspect(() => {
      const d = gpio_to_desc(506)!;
      gpiod_request(d, 'blinker');
      gpiod_toggle_active_low(d);
      gpiod_direction_output(d, 0);
    });
    expect(sh(m, 'gpioinfo gpiochip0')).toBe([
      'gpiochip0 - 8 lines:',
      '\tline   0:       "LED0" "kwb:green:heartbeat" output active-high [used]',
      '\tline   1:       "LED1" "kwb:amber:disk" output active-high [used]',
      '\tline   2:      unnamed    "blinker"  output   active-low [used]',
      '\tline   3:      unnamed       unused   input  active-high ',
      '\tline   4:       "BTN0"       unused   input  active-high ',
      '\tline   5:       "BTN1"       unused   input  active-high ',
      '\tline   6:      unnamed       unused   input  active-high ',
      '\tline   7:      unnamed       unused   input  active-high ',
      '',
    ].join('\n'));
    expect(sh(m, 'gpioinfo 0 | head -1; gpioinfo /dev/gpiochip0 | head -1; gpioinfo gpiochip7; echo rc=$?')).toBe(
      'gpiochip0 - 8 lines:\ngpiochip0 - 8 lines:\ngpioinfo: looking up chip gpiochip7: No such file or directory\nrc=1\n');
  });

  it('answers GPIO_V2_GET_LINEINFO_IOCTL with name, consumer, offset and v2 flags; non-zero padding is -EINVAL', () => {
    const r = run(m, function* (c) {
      const fd = yield* c.open('/dev/gpiochip0');
      const arg = new Uint8Array(256);
      new DataView(arg.buffer).setUint32(64, 2, true);
      const [r1, b] = yield* c.ioctl(fd, GPIO_V2_GET_LINEINFO_IOCTL, arg, 256);
      const dv = new DataView(b.buffer, b.byteOffset);
      const consumer = new TextDecoder().decode(b.subarray(32, 39));
      const flags = dv.getUint32(72, true);
      arg[250] = 1;
      const [r2] = yield* c.ioctl(fd, GPIO_V2_GET_LINEINFO_IOCTL, arg, 256);
      yield* c.close(fd);
      const want = GPIO_V2_LINE_FLAG_USED | GPIO_V2_LINE_FLAG_ACTIVE_LOW | GPIO_V2_LINE_FLAG_OUTPUT;
      return r1 === 0 && consumer === 'blinker' && dv.getUint32(64, true) === 2 && flags === want && r2 === -22 ? 0 : 1;
    });
    expect(r.status).toBe(0);
  });
});
