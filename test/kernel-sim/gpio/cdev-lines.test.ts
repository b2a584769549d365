// Line requests on /dev/gpiochip0 (v2 GPIO_V2_GET_LINE_IOCTL and v1 line handles/events) and the libgpiod 1.6 tools gpioget, gpioset and gpiomon on the default machine's kwb bank.
import { describe, expect, it, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import type { KwbGpioState } from '../../../kernel-sim/hw/gpio/kwb-gpio.ts';
import { ktime_get, NSEC_PER_MSEC } from '../../../kernel-sim/kernel/time/timekeeping.ts';
import {
  GPIO_V2_GET_LINE_IOCTL, GPIO_V2_GET_LINEINFO_IOCTL, GPIO_V2_LINE_ATTR_ID_DEBOUNCE, GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES, GPIO_V2_LINE_FLAG_ACTIVE_LOW,
  GPIO_V2_LINE_FLAG_EDGE_FALLING, GPIO_V2_LINE_FLAG_EDGE_RISING, GPIO_V2_LINE_FLAG_INPUT, GPIO_V2_LINE_FLAG_OUTPUT, GPIO_V2_LINE_FLAG_USED,
  GPIO_V2_LINE_GET_VALUES_IOCTL, GPIO_V2_LINE_SET_CONFIG_IOCTL, GPIO_V2_LINE_SET_VALUES_IOCTL, GPIO_GET_LINEEVENT_IOCTL, GPIOHANDLE_GET_LINE_VALUES_IOCTL,
  GPIOEVENT_REQUEST_BOTH_EDGES, GPIOHANDLE_REQUEST_INPUT, SIZEOF_GPIO_V2_LINE_CONFIG, SIZEOF_GPIO_V2_LINE_REQUEST,
} from '../../../kernel-sim/include/uapi/linux/gpio.ts';
import { bootWithBank, sh } from './harness.ts';
import { run } from '../core/harness.ts';

let m: Machine;
let hw: KwbGpioState;
beforeAll(() => { ({ m, hw } = bootWithBank()); });

/** Drives an input pin of the bank `ms` milliseconds of virtual time from now, as a button would. */
function inputAt(ms: number, line: number, level: number): void {
  m.inspect(() => {
    const t = hw.ctx.clock.timer_new_ns(() => hw.set_input(line, level));
    hw.ctx.clock.timer_mod(t, ktime_get() + ms * NSEC_PER_MSEC);
  });
}

interface attr { id: number; value: bigint; mask: bigint }
/** struct gpio_v2_line_config: flags, num_attrs, attrs (16-byte attribute + 8-byte mask each). */
function config(flags: number, attrs: attr[] = []): Uint8Array {
  const b = new Uint8Array(SIZEOF_GPIO_V2_LINE_CONFIG);
  const dv = new DataView(b.buffer);
  dv.setBigUint64(0, BigInt(flags), true);
  dv.setUint32(8, attrs.length, true);
  attrs.forEach((a, i) => { dv.setUint32(32 + i * 24, a.id, true); dv.setBigUint64(40 + i * 24, a.value, true); dv.setBigUint64(48 + i * 24, a.mask, true); });
  return b;
}
/** struct gpio_v2_line_request for `offsets` with one config. */
function request(offsets: number[], consumer: string, cfg: Uint8Array, event_buffer_size = 0): Uint8Array {
  const b = new Uint8Array(SIZEOF_GPIO_V2_LINE_REQUEST);
  const dv = new DataView(b.buffer);
  offsets.forEach((o, i) => dv.setUint32(i * 4, o, true));
  b.set(new TextEncoder().encode(consumer), 256);
  b.set(cfg, 288);
  dv.setUint32(560, offsets.length, true);
  dv.setUint32(564, event_buffer_size, true);
  return b;
}
const values = (bits: bigint, mask: bigint): Uint8Array => {
  const b = new Uint8Array(16);
  new DataView(b.buffer).setBigUint64(0, bits, true);
  new DataView(b.buffer).setBigUint64(8, mask, true);
  return b;
};
const bits_of = (b: Uint8Array): bigint => new DataView(b.buffer, b.byteOffset).getBigUint64(0, true);

describe('GPIO_V2_GET_LINE_IOCTL', () => {
  it('requests output lines, sets and reads values through the line fd, and frees them on close', () => {
    const r = run(m, function* (c) {
      const chip = yield* c.open('/dev/gpiochip0');
      const cfg = config(GPIO_V2_LINE_FLAG_OUTPUT, [{ id: GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES, value: 0b10n, mask: 0b11n }]);
      const [r1, out] = yield* c.ioctl(chip, GPIO_V2_GET_LINE_IOCTL, request([2, 3], 'v2-test', cfg), SIZEOF_GPIO_V2_LINE_REQUEST);
      const fd = new DataView(out.buffer, out.byteOffset).getInt32(588, true);
      const [r2, got] = yield* c.ioctl(fd, GPIO_V2_LINE_GET_VALUES_IOCTL, values(0n, 0b11n), 16);
      const [r3] = yield* c.ioctl(fd, GPIO_V2_LINE_SET_VALUES_IOCTL, values(0b01n, 0b11n), 16);
      const [r4, got2] = yield* c.ioctl(fd, GPIO_V2_LINE_GET_VALUES_IOCTL, values(0n, 0b11n), 16);
      const [r5] = yield* c.ioctl(fd, GPIO_V2_LINE_GET_VALUES_IOCTL, values(0n, 0n), 16);
      const info = new Uint8Array(256);
      new DataView(info.buffer).setUint32(64, 2, true);
      const [, li] = yield* c.ioctl(chip, GPIO_V2_GET_LINEINFO_IOCTL, info, 256);
      const consumer = new TextDecoder().decode(li.subarray(32, 39));
      const link = yield* c.readlink(`/proc/self/fd/${fd}`);
      yield* c.write(1, `${[r1, r2, bits_of(got), r3, r4, bits_of(got2), r5, consumer, new DataView(li.buffer, li.byteOffset).getUint32(72, true), link].join(' ')}\n`);
      yield* c.close(fd);
      const [, li2] = yield* c.ioctl(chip, GPIO_V2_GET_LINEINFO_IOCTL, info, 256);
      yield* c.write(1, `${new DataView(li2.buffer, li2.byteOffset).getUint32(72, true)}\n`);
      return 0;
    });
    expect(r.output).toBe(`0 0 2 0 0 1 -22 v2-test ${GPIO_V2_LINE_FLAG_USED | GPIO_V2_LINE_FLAG_OUTPUT} anon_inode:gpio-line\n${GPIO_V2_LINE_FLAG_OUTPUT}\n`);
    // The pins followed: line 2 high, line 3 low after the set.
    expect(m.inspect(() => (hw.levels() >> 2) & 3)).toBe(0b01);
  });

  it('refuses what 6.1 refuses: a busy line (EBUSY), an offset past the chip (EINVAL), edges without input (EINVAL), setting an input (EPERM)', () => {
    const r = run(m, function* (c) {
      const chip = yield* c.open('/dev/gpiochip0');
      const [busy] = yield* c.ioctl(chip, GPIO_V2_GET_LINE_IOCTL, request([0], 'x', config(GPIO_V2_LINE_FLAG_INPUT)), SIZEOF_GPIO_V2_LINE_REQUEST);
      const [range] = yield* c.ioctl(chip, GPIO_V2_GET_LINE_IOCTL, request([8], 'x', config(GPIO_V2_LINE_FLAG_INPUT)), SIZEOF_GPIO_V2_LINE_REQUEST);
      const [edge] = yield* c.ioctl(chip, GPIO_V2_GET_LINE_IOCTL, request([3], 'x', config(GPIO_V2_LINE_FLAG_EDGE_RISING)), SIZEOF_GPIO_V2_LINE_REQUEST);
      const [r0, out] = yield* c.ioctl(chip, GPIO_V2_GET_LINE_IOCTL, request([3], 'x', config(GPIO_V2_LINE_FLAG_INPUT)), SIZEOF_GPIO_V2_LINE_REQUEST);
      const fd = new DataView(out.buffer, out.byteOffset).getInt32(588, true);
      const [perm] = yield* c.ioctl(fd, GPIO_V2_LINE_SET_VALUES_IOCTL, values(1n, 1n), 16);
      yield* c.write(1, `${busy} ${range} ${edge} ${r0} ${perm}\n`);
      return 0;
    });
    expect(r.output).toBe('-16 -22 -22 0 -1\n');
  });

  it('reads edge events with CLOCK_MONOTONIC timestamps in virtual time, ids, offsets and sequence numbers', () => {
    inputAt(20, 4, 1);
    inputAt(40, 4, 0);
    inputAt(60, 5, 1);
    const r = run(m, function* (c) {
      const chip = yield* c.open('/dev/gpiochip0');
      const cfg = config(GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_RISING | GPIO_V2_LINE_FLAG_EDGE_FALLING);
      const [r0, out] = yield* c.ioctl(chip, GPIO_V2_GET_LINE_IOCTL, request([4, 5], 'watcher', cfg), SIZEOF_GPIO_V2_LINE_REQUEST);
      const fd = new DataView(out.buffer, out.byteOffset).getInt32(588, true);
      let text = `${r0}\n`;
      for (let n = 0; n < 3;) {
        const b = yield* c.read(fd, 48 * 4);
        if (typeof b === 'number') return 1;
        const dv = new DataView(b.buffer, b.byteOffset);
        for (let o = 0; o < b.length; o += 48, n++) {
          text += `${dv.getBigUint64(o, true)} id=${dv.getUint32(o + 8, true)} offset=${dv.getUint32(o + 12, true)} seqno=${dv.getUint32(o + 16, true)} line_seqno=${dv.getUint32(o + 20, true)}\n`;
        }
      }
      yield* c.write(1, text);
      return 0;
    });
    const lines = r.output.trim().split('\n');
    expect(lines[0]).toBe('0');
    expect(lines.slice(1).map((l) => l.replace(/^\d+ /, ''))).toEqual([
      'id=1 offset=4 seqno=1 line_seqno=1', 'id=2 offset=4 seqno=2 line_seqno=2', 'id=1 offset=5 seqno=3 line_seqno=1',
    ]);
    const ts = lines.slice(1).map((l) => Number(l.split(' ')[0]));
    // 20 ms of virtual time between the edges, as the pins were driven.
    expect(ts[1]! - ts[0]!).toBe(20 * NSEC_PER_MSEC);
    expect(ts[2]! - ts[1]!).toBe(20 * NSEC_PER_MSEC);
    m.inspect(() => { hw.set_input(5, 0); });
  });

  it('reconfigures a line with GPIO_V2_LINE_SET_CONFIG_IOCTL (active-low input, then output) and debounces in software', () => {
    // Bounces shorter than the 5 ms debounce period are swallowed: one rising event.
    inputAt(10, 4, 1); inputAt(11, 4, 0); inputAt(12, 4, 1);
    const r = run(m, function* (c) {
      const chip = yield* c.open('/dev/gpiochip0');
      const cfg = config(GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_RISING, [{ id: GPIO_V2_LINE_ATTR_ID_DEBOUNCE, value: 5000n, mask: 1n }]);
      const [r0, out] = yield* c.ioctl(chip, GPIO_V2_GET_LINE_IOCTL, request([4], 'deb', cfg), SIZEOF_GPIO_V2_LINE_REQUEST);
      const fd = new DataView(out.buffer, out.byteOffset).getInt32(588, true);
      const b = yield* c.read(fd, 48 * 4);
      const n = typeof b === 'number' ? b : b.length / 48;
      const [r1] = yield* c.ioctl(fd, GPIO_V2_LINE_SET_CONFIG_IOCTL, config(GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_ACTIVE_LOW), SIZEOF_GPIO_V2_LINE_CONFIG);
      const [, v] = yield* c.ioctl(fd, GPIO_V2_LINE_GET_VALUES_IOCTL, values(0n, 1n), 16);
      yield* c.write(1, `${r0} events=${n} set_config=${r1} value=${bits_of(v)}\n`);
      return 0;
    });
    expect(r.output).toBe('0 events=1 set_config=0 value=0\n');
    m.inspect(() => { hw.set_input(4, 0); });
  });
});

describe('the v1 uAPI', () => {
  it('GPIO_GET_LINEEVENT_IOCTL: an event fd that reads struct gpioevent_data and answers GPIOHANDLE_GET_LINE_VALUES_IOCTL', () => {
    inputAt(5, 5, 1);
    const r = run(m, function* (c) {
      const chip = yield* c.open('/dev/gpiochip0');
      const req = new Uint8Array(48);
      const dv = new DataView(req.buffer);
      dv.setUint32(0, 5, true); dv.setUint32(4, GPIOHANDLE_REQUEST_INPUT, true); dv.setUint32(8, GPIOEVENT_REQUEST_BOTH_EDGES, true);
      req.set(new TextEncoder().encode('v1'), 12);
      const [r0, out] = yield* c.ioctl(chip, GPIO_GET_LINEEVENT_IOCTL, req, 48);
      const fd = new DataView(out.buffer, out.byteOffset).getInt32(44, true);
      const b = yield* c.read(fd, 64);
      if (typeof b === 'number') return 1;
      const [r1, v] = yield* c.ioctl(fd, GPIOHANDLE_GET_LINE_VALUES_IOCTL, new Uint8Array(64), 64);
      yield* c.write(1, `${r0} ${b.length} id=${new DataView(b.buffer, b.byteOffset).getUint32(8, true)} ${r1} ${v[0]}\n`);
      return 0;
    });
    expect(r.output).toBe('0 16 id=1 0 1\n');
    m.inspect(() => { hw.set_input(5, 0); });
  });
});

describe('gpioget, gpioset and gpiomon (libgpiod 1.6)', () => {
  it('gpioget prints the values of the lines asked for, as inputs', () => {
    m.inspect(() => { hw.set_input(5, 1); });
    expect(sh(m, 'gpioget gpiochip0 4 5 7')).toBe('0 1 0\n');
    expect(sh(m, 'gpioget --active-low 0 4 5')).toBe('1 0\n');
    m.inspect(() => { hw.set_input(5, 0); });
  });

  it('gpioset drives output lines (and they stay driven after it exits)', () => {
    expect(sh(m, 'gpioset gpiochip0 6=1 7=0; echo rc=$?')).toBe('rc=0\n');
    expect(m.inspect(() => (hw.levels() >> 6) & 3)).toBe(0b01);
    expect(sh(m, 'gpioset -l gpiochip0 6=1; gpioget gpiochip0 6')).toBe('0\n');
  });

  it('gpioset --mode=time holds the lines (used, consumer gpioset) and releases them after the wait', () => {
    const out = sh(m, 'gpioset --mode=time --usec=200000 gpiochip0 7=1 & sleep 0.1; gpioinfo gpiochip0 | grep "line   7"; wait; gpioinfo gpiochip0 | grep "line   7"');
    expect(out).toBe('\tline   7:      unnamed    "gpioset"  output  active-high [used]\n\tline   7:      unnamed       unused  output  active-high \n');
  });

  it('gpiomon prints events in libgpiod 1.6\'s format and stops after -n events; --format substitutes %e %o %s %n', () => {
    inputAt(30, 4, 1);
    inputAt(50, 4, 0);
    const out = sh(m, 'gpiomon -n 2 gpiochip0 4');
    expect(out).toMatch(/^event: {2}RISING EDGE offset: 4 timestamp: \[ +\d+\.\d{9}\]\nevent: FALLING EDGE offset: 4 timestamp: \[ +\d+\.\d{9}\]\n$/);
    inputAt(30, 5, 1);
    inputAt(50, 5, 0);
    expect(sh(m, 'gpiomon -r -n 1 --format="%e %o %% %x" gpiochip0 5')).toBe('1 5 % %x\n');
  });

  it('gives libgpiod\'s errors and exit status 1', () => {
    expect(sh(m, 'gpioget; echo rc=$?')).toBe('gpioget: gpiochip must be specified\nrc=1\n');
    expect(sh(m, 'gpioget gpiochip0 2>&1; gpioget gpiochip0 9 2>&1; gpioget gpiochip0 0 2>&1; gpioget gpiochip0 3 3 2>&1')).toBe(
      'gpioget: at least one GPIO line offset must be specified\ngpioget: unable to retrieve GPIO lines from chip: Invalid argument\n'
      + 'gpioget: unable to request lines: Device or resource busy\ngpioget: unable to request lines: Device or resource busy\n');
    expect(sh(m, 'gpioset gpiochip0 0=c 2>&1; gpioset gpiochip0 3=3 2>&1; gpioset --mode=exit --sec=1 gpiochip0 3=1 2>&1; gpioset -B bad gpiochip0 3=1 2>&1')).toBe(
      'gpioset: invalid offset<->value mapping: 0=c\ngpioset: value must be 0 or 1: 3=3\ngpioset: can\'t specify wait time in this mode\ngpioset: invalid bias: bad\n');
    expect(sh(m, 'gpiomon gpiochip0 2>&1; gpiomon gpiochip0 0 2>&1; gpiomon -x 2>&1')).toBe(
      'gpiomon: GPIO line offset must be specified\ngpiomon: unable to request GPIO lines for events: Device or resource busy\n'
      + 'gpiomon: invalid option -- \'x\'\ngpiomon: try gpiomon --help\n');
  });
});
