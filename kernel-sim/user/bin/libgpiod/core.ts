// Models libgpiod 1.6 lib/core.c and lib/iter.c (Debian 12's libgpiod2): chips opened by name, number or path, their info and lines through the v1 character-device ioctls.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { O_CLOEXEC, O_RDWR } from '../../../include/uapi/stat.ts';
import { GPIO_GET_CHIPINFO_IOCTL, GPIO_GET_LINEINFO_IOCTL, GPIOLINE_FLAG_ACTIVE_LOW, GPIOLINE_FLAG_BIAS_DISABLE, GPIOLINE_FLAG_BIAS_PULL_DOWN,
  GPIOLINE_FLAG_BIAS_PULL_UP, GPIOLINE_FLAG_IS_OUT, GPIOLINE_FLAG_KERNEL, GPIOLINE_FLAG_OPEN_DRAIN, GPIOLINE_FLAG_OPEN_SOURCE } from '../../../include/uapi/linux/gpio.ts';

export interface gpiod_line { offset: number; name: string | null; consumer: string | null; flags: number }
export interface gpiod_chip { fd: number; name: string; label: string; num_lines: number }

const cstr = (b: Uint8Array, off: number, n: number): string => {
  const s = b.subarray(off, off + n);
  const z = s.indexOf(0);
  return new TextDecoder().decode(z < 0 ? s : s.subarray(0, z));
};

export const gpiod_line_is_used = (l: gpiod_line): boolean => (l.flags & GPIOLINE_FLAG_KERNEL) !== 0;
export const gpiod_line_is_output = (l: gpiod_line): boolean => (l.flags & GPIOLINE_FLAG_IS_OUT) !== 0;
export const gpiod_line_is_active_low = (l: gpiod_line): boolean => (l.flags & GPIOLINE_FLAG_ACTIVE_LOW) !== 0;
export const gpiod_line_is_open_drain = (l: gpiod_line): boolean => (l.flags & GPIOLINE_FLAG_OPEN_DRAIN) !== 0;
export const gpiod_line_is_open_source = (l: gpiod_line): boolean => (l.flags & GPIOLINE_FLAG_OPEN_SOURCE) !== 0;
export const line_bias_is_pullup = (l: gpiod_line): boolean => (l.flags & GPIOLINE_FLAG_BIAS_PULL_UP) !== 0;
export const line_bias_is_pulldown = (l: gpiod_line): boolean => (l.flags & GPIOLINE_FLAG_BIAS_PULL_DOWN) !== 0;
export const line_bias_is_disabled = (l: gpiod_line): boolean => (l.flags & GPIOLINE_FLAG_BIAS_DISABLE) !== 0;

/** gpiod_chip_open(): a path to a GPIO character device; its chip info. -errno when it is none. */
export function* gpiod_chip_open(c: Libc, path: string): KGen<gpiod_chip | number> {
  const fd = yield* c.open(path, O_RDWR | O_CLOEXEC);
  if (fd < 0) return fd;
  const [r, b] = yield* c.ioctl(fd, GPIO_GET_CHIPINFO_IOCTL, 0, 68);
  if (r < 0) { yield* c.close(fd); return r; }
  return { fd, name: cstr(b, 0, 32), label: cstr(b, 32, 32) || 'unknown', num_lines: new DataView(b.buffer, b.byteOffset).getUint32(64, true) };
}

/** gpiod_chip_open_lookup(): "gpiochip0", "0" or "/dev/gpiochip0". */
export function* gpiod_chip_open_lookup(c: Libc, desc: string): KGen<gpiod_chip | number> {
  const path = desc.startsWith('/') ? desc : /^\d+$/.test(desc) ? `/dev/gpiochip${desc}` : `/dev/${desc}`;
  return yield* gpiod_chip_open(c, path);
}

export function* gpiod_chip_close(c: Libc, chip: gpiod_chip): KGen<void> { yield* c.close(chip.fd); }

/** gpiod_chip_get_line() + the lineinfo refresh. */
export function* gpiod_chip_get_line(c: Libc, chip: gpiod_chip, offset: number): KGen<gpiod_line | number> {
  const arg = new Uint8Array(72);
  new DataView(arg.buffer).setUint32(0, offset, true);
  const [r, b] = yield* c.ioctl(chip.fd, GPIO_GET_LINEINFO_IOCTL, arg, 72);
  if (r < 0) return r;
  const name = cstr(b, 8, 32), consumer = cstr(b, 40, 32);
  return { offset, name: name || null, consumer: consumer || null, flags: new DataView(b.buffer, b.byteOffset).getUint32(4, true) };
}

/** gpiod_chip_iter_new(): /dev's gpiochip devices in alphasort order (scandir), each checked against /sys/bus/gpio. */
export function* gpiod_chip_iter(c: Libc): KGen<gpiod_chip[] | number> {
  const ents = yield* c.readdir('/dev');
  if (typeof ents === 'number') return ents;
  const names = ents.map((e) => e.name).filter((n) => n.startsWith('gpiochip')).sort();
  const out: gpiod_chip[] = [];
  for (const n of names) {
    const chip = yield* gpiod_chip_open(c, `/dev/${n}`);
    if (typeof chip === 'number') return chip;
    out.push(chip);
  }
  return out;
}
