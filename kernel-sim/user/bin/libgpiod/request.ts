// Models libgpiod 1.6 lib/core.c's line requests on the v1 uAPI: gpiod_line_request_bulk (one GPIO_GET_LINEHANDLE_IOCTL for values, one GPIO_GET_LINEEVENT_IOCTL per line for events), get/set values and gpiod_line_event_read.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import {
  GPIO_GET_LINEEVENT_IOCTL, GPIO_GET_LINEHANDLE_IOCTL, GPIOEVENT_EVENT_RISING_EDGE, GPIOEVENT_REQUEST_FALLING_EDGE, GPIOEVENT_REQUEST_RISING_EDGE,
  GPIOHANDLE_GET_LINE_VALUES_IOCTL, GPIOHANDLE_REQUEST_ACTIVE_LOW, GPIOHANDLE_REQUEST_BIAS_DISABLE, GPIOHANDLE_REQUEST_BIAS_PULL_DOWN, GPIOHANDLE_REQUEST_BIAS_PULL_UP,
  GPIOHANDLE_REQUEST_INPUT, GPIOHANDLE_REQUEST_OPEN_DRAIN, GPIOHANDLE_REQUEST_OPEN_SOURCE, GPIOHANDLE_REQUEST_OUTPUT, GPIOHANDLE_SET_LINE_VALUES_IOCTL,
  SIZEOF_GPIOEVENT_DATA, SIZEOF_GPIOEVENT_REQUEST, SIZEOF_GPIOHANDLE_DATA, SIZEOF_GPIOHANDLE_REQUEST,
} from '../../../include/uapi/linux/gpio.ts';
import type { gpiod_chip } from './core.ts';

/** GPIOD_LINE_REQUEST_FLAG_*: what the tools' -l, -B and -D options set. */
export const GPIOD_LINE_REQUEST_FLAG_OPEN_DRAIN = 1 << 0, GPIOD_LINE_REQUEST_FLAG_OPEN_SOURCE = 1 << 1, GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW = 1 << 2;
export const GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE = 1 << 3, GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN = 1 << 4, GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP = 1 << 5;

export type request_type = 'input' | 'output' | 'rising' | 'falling' | 'both';
export interface line_request { type: request_type; offsets: number[]; fds: number[] }
export interface gpiod_line_event { offset: number; rising: boolean; sec: number; nsec: number }

/** line_request_flag_to_gpio_handleflag(). */
function handleflags(flags: number): number {
  const map: [number, number][] = [
    [GPIOD_LINE_REQUEST_FLAG_OPEN_DRAIN, GPIOHANDLE_REQUEST_OPEN_DRAIN], [GPIOD_LINE_REQUEST_FLAG_OPEN_SOURCE, GPIOHANDLE_REQUEST_OPEN_SOURCE],
    [GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW, GPIOHANDLE_REQUEST_ACTIVE_LOW], [GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE, GPIOHANDLE_REQUEST_BIAS_DISABLE],
    [GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN, GPIOHANDLE_REQUEST_BIAS_PULL_DOWN], [GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP, GPIOHANDLE_REQUEST_BIAS_PULL_UP],
  ];
  return map.reduce((acc, [a, b]) => (flags & a ? acc | b : acc), 0);
}

const put_label = (b: Uint8Array, off: number, s: string): void => b.set(new TextEncoder().encode(s).subarray(0, 31), off);

/**
 * gpiod_line_request_bulk(): values through one line handle; events through
 * one event fd per line. -errno if the kernel refuses (a line in use: -EBUSY).
 */
export function* gpiod_line_request_bulk(c: Libc, chip: gpiod_chip, offsets: number[], type: request_type, consumer: string, flags: number,
  defaults: number[] = []): KGen<line_request | number> {
  if (type === 'input' || type === 'output') {
    const req = new Uint8Array(SIZEOF_GPIOHANDLE_REQUEST);
    const dv = new DataView(req.buffer);
    offsets.forEach((o, i) => dv.setUint32(i * 4, o, true));
    dv.setUint32(256, handleflags(flags) | (type === 'output' ? GPIOHANDLE_REQUEST_OUTPUT : GPIOHANDLE_REQUEST_INPUT), true);
    defaults.forEach((v, i) => { req[260 + i] = v; });
    put_label(req, 324, consumer);
    dv.setUint32(356, offsets.length, true);
    const [r, out] = yield* c.ioctl(chip.fd, GPIO_GET_LINEHANDLE_IOCTL, req, SIZEOF_GPIOHANDLE_REQUEST);
    if (r < 0) return r;
    return { type, offsets, fds: [new DataView(out.buffer, out.byteOffset).getInt32(360, true)] };
  }
  const eventflags = type === 'rising' ? GPIOEVENT_REQUEST_RISING_EDGE : type === 'falling' ? GPIOEVENT_REQUEST_FALLING_EDGE : GPIOEVENT_REQUEST_RISING_EDGE | GPIOEVENT_REQUEST_FALLING_EDGE;
  const fds: number[] = [];
  for (const o of offsets) {
    const req = new Uint8Array(SIZEOF_GPIOEVENT_REQUEST);
    const dv = new DataView(req.buffer);
    dv.setUint32(0, o, true);
    dv.setUint32(4, handleflags(flags) | GPIOHANDLE_REQUEST_INPUT, true);
    dv.setUint32(8, eventflags, true);
    put_label(req, 12, consumer);
    const [r, out] = yield* c.ioctl(chip.fd, GPIO_GET_LINEEVENT_IOCTL, req, SIZEOF_GPIOEVENT_REQUEST);
    if (r < 0) {
      for (const fd of fds) yield* c.close(fd);
      return r;
    }
    fds.push(new DataView(out.buffer, out.byteOffset).getInt32(44, true));
  }
  return { type, offsets, fds };
}

export function* gpiod_line_release_bulk(c: Libc, req: line_request): KGen<void> {
  for (const fd of req.fds) yield* c.close(fd);
}

/** gpiod_line_get_value_bulk(): the logical values, in request order. */
export function* gpiod_line_get_value_bulk(c: Libc, req: line_request): KGen<number[] | number> {
  const [r, b] = yield* c.ioctl(req.fds[0]!, GPIOHANDLE_GET_LINE_VALUES_IOCTL, new Uint8Array(SIZEOF_GPIOHANDLE_DATA), SIZEOF_GPIOHANDLE_DATA);
  return r < 0 ? r : req.offsets.map((_o, i) => b[i]!);
}

export function* gpiod_line_set_value_bulk(c: Libc, req: line_request, values: number[]): KGen<number> {
  const b = new Uint8Array(SIZEOF_GPIOHANDLE_DATA);
  values.forEach((v, i) => { b[i] = v; });
  const [r] = yield* c.ioctl(req.fds[0]!, GPIOHANDLE_SET_LINE_VALUES_IOCTL, b, SIZEOF_GPIOHANDLE_DATA);
  return r;
}

/** gpiod_line_event_read_multiple(): up to 16 struct gpioevent_data from one line's fd. */
export function* gpiod_line_event_read_multiple(c: Libc, fd: number, offset: number): KGen<gpiod_line_event[] | number> {
  const b = yield* c.read(fd, SIZEOF_GPIOEVENT_DATA * 16);
  if (typeof b === 'number') return b;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: gpiod_line_event[] = [];
  for (let off = 0; off + SIZEOF_GPIOEVENT_DATA <= b.length; off += SIZEOF_GPIOEVENT_DATA) {
    const ts = dv.getBigUint64(off, true);
    out.push({ offset, rising: dv.getUint32(off + 8, true) === GPIOEVENT_EVENT_RISING_EDGE, sec: Number(ts / 1_000_000_000n), nsec: Number(ts % 1_000_000_000n) });
  }
  return out;
}
