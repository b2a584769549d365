// Models linux/drivers/gpio/gpiolib-cdev.c's v2 line requests: GPIO_V2_GET_LINE_IOCTL (linereq_create), the line fd's get/set values and set config ioctls, edge detection through the line's irq (edge_irq_handler/edge_irq_thread) with the software debouncer, and the struct gpio_v2_line_event records read from the fd.
import type { KGen } from '../../include/linux/sched.ts';
import type { file, file_operations } from '../../include/linux/fs_types.ts';
import { EFAULT, EINVAL, ENODEV, ENXIO, EOPNOTSUPP, EPERM, EPROBE_DEFER } from '../../include/uapi/asm-generic/errno.ts';
import {
  GPIO_V2_LINE_ATTR_ID_DEBOUNCE, GPIO_V2_LINE_ATTR_ID_FLAGS, GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES, GPIO_V2_LINE_EVENT_FALLING_EDGE, GPIO_V2_LINE_EVENT_RISING_EDGE,
  GPIO_V2_LINE_FLAG_ACTIVE_LOW, GPIO_V2_LINE_FLAG_BIAS_DISABLED, GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN, GPIO_V2_LINE_FLAG_BIAS_PULL_UP, GPIO_V2_LINE_FLAG_EDGE_FALLING,
  GPIO_V2_LINE_FLAG_EDGE_RISING, GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE, GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME, GPIO_V2_LINE_FLAG_INPUT, GPIO_V2_LINE_FLAG_OPEN_DRAIN,
  GPIO_V2_LINE_FLAG_OPEN_SOURCE, GPIO_V2_LINE_FLAG_OUTPUT, GPIO_V2_LINE_GET_VALUES_IOCTL, GPIO_V2_LINE_NUM_ATTRS_MAX, GPIO_V2_LINE_SET_CONFIG_IOCTL,
  GPIO_V2_LINE_SET_VALUES_IOCTL, GPIO_V2_LINES_MAX, SIZEOF_GPIO_V2_LINE_CONFIG, SIZEOF_GPIO_V2_LINE_EVENT, SIZEOF_GPIO_V2_LINE_REQUEST, SIZEOF_GPIO_V2_LINE_VALUES,
} from '../../include/uapi/linux/gpio.ts';
import { copy_from_user, copy_to_user } from '../../mm/uaccess.ts';
import { wait_queue_head } from '../../kernel/sched/wait.ts';
import { hrtimer_cancel, hrtimer_create, hrtimer_start, ktime_get, ktime_get_real, NSEC_PER_USEC, type hrtimer } from '../../kernel/time/timekeeping.ts';
import { IRQ_HANDLED, IRQ_NONE, IRQ_WAKE_THREAD, IRQF_ONESHOT, IRQF_TRIGGER_FALLING, IRQF_TRIGGER_RISING } from '../../kernel/irq/irqdesc.ts';
import { free_irq, request_threaded_irq } from '../../kernel/irq/manage.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import { get_device, put_device } from '../base/core.ts';
import {
  FLAG_ACTIVE_LOW, FLAG_BIAS_DISABLE, FLAG_EDGE_FALLING, FLAG_EDGE_RISING, FLAG_EVENT_CLOCK_REALTIME, FLAG_IS_OUT, FLAG_OPEN_DRAIN, FLAG_OPEN_SOURCE,
  FLAG_PULL_DOWN, FLAG_PULL_UP, assign_bit, clear_bit, desc_to_gpio, gpio_chip_hwgpio, gpiochip_get_desc, gpiod_direction_input, gpiod_direction_output,
  gpiod_free, gpiod_get_raw_value_cansleep, gpiod_get_value_cansleep, gpiod_request, gpiod_set_value_cansleep, gpiod_to_irq, set_bit, test_bit,
  type gpio_desc, type gpio_device,
} from './gpiolib.ts';
import {
  anon_inode_getfd, fifo_poll, fifo_put, fifo_read, get_label, get_u32, get_u64, mem_is_zero, put_u32, put_u64, roundup_pow_of_two, type event_fifo,
} from './gpiolib-cdev-file.ts';

const GPIO_V2_LINE_EDGE_FLAGS = GPIO_V2_LINE_FLAG_EDGE_RISING | GPIO_V2_LINE_FLAG_EDGE_FALLING;
const GPIO_V2_LINE_DIRECTION_FLAGS = GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_OUTPUT;
const GPIO_V2_LINE_DRIVE_FLAGS = GPIO_V2_LINE_FLAG_OPEN_DRAIN | GPIO_V2_LINE_FLAG_OPEN_SOURCE;
const GPIO_V2_LINE_BIAS_FLAGS = GPIO_V2_LINE_FLAG_BIAS_PULL_UP | GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN | GPIO_V2_LINE_FLAG_BIAS_DISABLED;
const GPIO_V2_LINE_EDGE_DETECTOR_FLAGS = GPIO_V2_LINE_EDGE_FLAGS | GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME | GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE;
const GPIO_V2_LINE_VALID_FLAGS = GPIO_V2_LINE_FLAG_ACTIVE_LOW | GPIO_V2_LINE_DIRECTION_FLAGS | GPIO_V2_LINE_DRIVE_FLAGS | GPIO_V2_LINE_EDGE_FLAGS
  | GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME | GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE | GPIO_V2_LINE_BIAS_FLAGS;

/** struct line: one requested line, its edge detector and debouncer. */
interface line {
  desc: gpio_desc | null;
  req: linereq;
  irq: number;
  edflags: number;
  timestamp_ns: number;
  req_seqno: number;
  line_seqno: number;
  /** The debouncer's delayed work, as an hrtimer in virtual time. */
  work: hrtimer | null;
  debounce_period_us: number;
  sw_debounced: boolean;
  /** The debounced physical level. */
  level: number;
}

/** struct linereq: what GPIO_V2_GET_LINE_IOCTL returns an fd for. */
export interface linereq {
  gdev: gpio_device;
  label: string | null;
  num_lines: number;
  event_buffer_size: number;
  fifo: event_fifo;
  seqno: number;
  lines: line[];
}

/** The v2 line config, decoded: flags, num_attrs and the attrs with their masks (u64 bitmaps over the request's lines). */
interface line_config {
  flags: number;
  attrs: { id: number; padding: number; value: bigint; mask: bigint }[];
  raw: Uint8Array;
}

function decode_config(b: Uint8Array, off: number): line_config {
  const raw = b.subarray(off, off + SIZEOF_GPIO_V2_LINE_CONFIG);
  const n = get_u32(raw, 8);
  const attrs = [];
  for (let i = 0; i < Math.min(n, GPIO_V2_LINE_NUM_ATTRS_MAX); i++) {
    const a = 32 + i * 24;
    attrs.push({ id: get_u32(raw, a), padding: get_u32(raw, a + 4), value: get_u64(raw, a + 8), mask: get_u64(raw, a + 16) });
  }
  return { flags: Number(get_u64(raw, 0) & 0xffffffffn), attrs, raw };
}
const num_attrs = (lc: line_config): number => get_u32(lc.raw, 8);
const bit = (i: number): bigint => 1n << BigInt(i);

/** gpio_v2_line_config_flags(): a FLAGS attribute naming the line wins over the config's flags. */
function gpio_v2_line_config_flags(lc: line_config, i: number): number {
  const a = lc.attrs.find((x) => x.id === GPIO_V2_LINE_ATTR_ID_FLAGS && x.mask & bit(i));
  return a ? Number(a.value & 0xffffffffn) : lc.flags;
}
function gpio_v2_line_config_output_value(lc: line_config, i: number): number {
  const a = lc.attrs.find((x) => x.id === GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES && x.mask & bit(i));
  return a && a.value & bit(i) ? 1 : 0;
}
const gpio_v2_line_config_debounced = (lc: line_config, i: number): boolean => lc.attrs.some((x) => x.id === GPIO_V2_LINE_ATTR_ID_DEBOUNCE && x.mask & bit(i));
function gpio_v2_line_config_debounce_period(lc: line_config, i: number): number {
  const a = lc.attrs.find((x) => x.id === GPIO_V2_LINE_ATTR_ID_DEBOUNCE && x.mask & bit(i));
  return a ? Number(a.value & 0xffffffffn) : 0;
}

/** gpio_v2_line_flags_validate(): the combinations the uAPI refuses. */
function gpio_v2_line_flags_validate(flags: number): number {
  if (flags & ~GPIO_V2_LINE_VALID_FLAGS) return -EINVAL;
  if (flags & GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE) return -EOPNOTSUPP; // CONFIG_HTE is off
  if (flags & GPIO_V2_LINE_FLAG_INPUT && flags & GPIO_V2_LINE_FLAG_OUTPUT) return -EINVAL;
  if (flags & GPIO_V2_LINE_EDGE_FLAGS && !(flags & GPIO_V2_LINE_FLAG_INPUT)) return -EINVAL;
  if (flags & GPIO_V2_LINE_FLAG_OPEN_DRAIN && flags & GPIO_V2_LINE_FLAG_OPEN_SOURCE) return -EINVAL;
  if (flags & GPIO_V2_LINE_DRIVE_FLAGS && !(flags & GPIO_V2_LINE_FLAG_OUTPUT)) return -EINVAL;
  if (flags & GPIO_V2_LINE_BIAS_FLAGS && !(flags & GPIO_V2_LINE_DIRECTION_FLAGS)) return -EINVAL;
  const bias = [GPIO_V2_LINE_FLAG_BIAS_PULL_UP, GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN, GPIO_V2_LINE_FLAG_BIAS_DISABLED].filter((f) => flags & f).length;
  return bias > 1 ? -EINVAL : 0;
}

/** gpio_v2_line_config_validate(): attribute count, zero padding, every line's flags; debounce needs input. */
function gpio_v2_line_config_validate(lc: line_config, num_lines: number): number {
  const n = num_attrs(lc);
  if (n > GPIO_V2_LINE_NUM_ATTRS_MAX) return -EINVAL;
  if (!mem_is_zero(lc.raw, 12, 20)) return -EINVAL;
  if (lc.attrs.some((a) => a.padding !== 0)) return -EINVAL;
  if (!mem_is_zero(lc.raw, 32 + n * 24, (GPIO_V2_LINE_NUM_ATTRS_MAX - n) * 24)) return -EINVAL;
  for (let i = 0; i < num_lines; i++) {
    const flags = gpio_v2_line_config_flags(lc, i);
    const ret = gpio_v2_line_flags_validate(flags);
    if (ret) return ret;
    if (gpio_v2_line_config_debounced(lc, i) && !(flags & GPIO_V2_LINE_FLAG_INPUT)) return -EINVAL;
  }
  return 0;
}

/** gpio_v2_line_config_flags_to_desc_flags(). */
function flags_to_desc_flags(flags: number, desc: gpio_desc): void {
  assign_bit(FLAG_ACTIVE_LOW, desc, !!(flags & GPIO_V2_LINE_FLAG_ACTIVE_LOW));
  if (flags & GPIO_V2_LINE_FLAG_OUTPUT) set_bit(FLAG_IS_OUT, desc);
  else if (flags & GPIO_V2_LINE_FLAG_INPUT) clear_bit(FLAG_IS_OUT, desc);
  const map: [number, number][] = [
    [FLAG_EDGE_RISING, GPIO_V2_LINE_FLAG_EDGE_RISING], [FLAG_EDGE_FALLING, GPIO_V2_LINE_FLAG_EDGE_FALLING], [FLAG_OPEN_DRAIN, GPIO_V2_LINE_FLAG_OPEN_DRAIN],
    [FLAG_OPEN_SOURCE, GPIO_V2_LINE_FLAG_OPEN_SOURCE], [FLAG_PULL_UP, GPIO_V2_LINE_FLAG_BIAS_PULL_UP], [FLAG_PULL_DOWN, GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN],
    [FLAG_BIAS_DISABLE, GPIO_V2_LINE_FLAG_BIAS_DISABLED], [FLAG_EVENT_CLOCK_REALTIME, GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME],
  ];
  for (const [f, v] of map) assign_bit(f, desc, !!(flags & v));
}

// ---- edge events ------------------------------------------------------------------------

/** linereq_put_event(): a full FIFO drops its oldest event to keep the newest. */
function linereq_put_event(lr: linereq, le: Uint8Array): void {
  if (lr.fifo.events.length >= lr.fifo.size) lr.fifo.events.shift();
  fifo_put(lr.fifo, le);
}

/** line_event_timestamp(): CLOCK_MONOTONIC unless the line asked for CLOCK_REALTIME. */
const line_event_timestamp = (l: line): number => (test_bit(FLAG_EVENT_CLOCK_REALTIME, l.desc!) ? ktime_get_real() : ktime_get());
const line_event_id = (level: number): number => (level ? GPIO_V2_LINE_EVENT_RISING_EDGE : GPIO_V2_LINE_EVENT_FALLING_EDGE);

/** Builds and queues one struct gpio_v2_line_event (48 bytes: timestamp_ns, id, offset, seqno, line_seqno, padding). */
function emit_event(l: line, id: number, timestamp_ns: number, seqno: number): void {
  const lr = l.req;
  l.line_seqno++;
  const le = new Uint8Array(SIZEOF_GPIO_V2_LINE_EVENT);
  put_u64(le, 0, BigInt(timestamp_ns));
  put_u32(le, 8, id);
  put_u32(le, 12, gpio_chip_hwgpio(l.desc!));
  put_u32(le, 16, lr.num_lines === 1 ? l.line_seqno : seqno);
  put_u32(le, 20, l.line_seqno);
  trace_event('gpio', 'gpio_line_event', { gpio: desc_to_gpio(l.desc!), offset: gpio_chip_hwgpio(l.desc!), rising: id === GPIO_V2_LINE_EVENT_RISING_EDGE, timestamp_ns });
  linereq_put_event(lr, le);
}

/** edge_irq_handler(): the timestamp in hard irq context, as close to the edge as possible. */
function edge_irq_handler(_irq: number, p: unknown): number {
  const l = p as line;
  l.timestamp_ns = line_event_timestamp(l);
  if (l.req.num_lines !== 1) l.req_seqno = ++l.req.seqno;
  return IRQ_WAKE_THREAD;
}

/** edge_irq_thread(): which edge (read back when both are watched), then the event. */
function edge_irq_thread(_irq: number, p: unknown): number {
  const l = p as line;
  const ts = l.timestamp_ns || line_event_timestamp(l);
  l.timestamp_ns = 0;
  let id: number;
  switch (l.edflags & GPIO_V2_LINE_EDGE_FLAGS) {
    case GPIO_V2_LINE_EDGE_FLAGS: id = line_event_id(gpiod_get_value_cansleep(l.desc)); break;
    case GPIO_V2_LINE_FLAG_EDGE_RISING: id = GPIO_V2_LINE_EVENT_RISING_EDGE; break;
    case GPIO_V2_LINE_FLAG_EDGE_FALLING: id = GPIO_V2_LINE_EVENT_FALLING_EDGE; break;
    default: return IRQ_NONE;
  }
  emit_event(l, id, ts, l.req_seqno);
  return IRQ_HANDLED;
}

/** debounced_value(): the debounced level as the consumer sees it (active-low inverted). */
const debounced_value = (l: line): number => (test_bit(FLAG_ACTIVE_LOW, l.desc!) ? l.level ^ 1 : l.level);

/** debounce_irq_handler(): every edge restarts the period; the work reads the line once it has been stable that long. */
function debounce_irq_handler(_irq: number, p: unknown): number {
  const l = p as line;
  hrtimer_start(l.work!, ktime_get() + l.debounce_period_us * NSEC_PER_USEC);
  return IRQ_HANDLED;
}

/** debounce_work_func(): a stable new level is an edge; reported if the line watches that edge. */
function debounce_work_func(l: line): void {
  const level = gpiod_get_raw_value_cansleep(l.desc);
  if (level < 0 || level === l.level) return;
  l.level = level;
  const edflags = l.edflags;
  if (!(edflags & GPIO_V2_LINE_EDGE_FLAGS)) return;
  const value = debounced_value(l);
  if ((edflags & GPIO_V2_LINE_EDGE_FLAGS) === GPIO_V2_LINE_FLAG_EDGE_RISING && !value) return;
  if ((edflags & GPIO_V2_LINE_EDGE_FLAGS) === GPIO_V2_LINE_FLAG_EDGE_FALLING && value) return;
  const seqno = l.req.num_lines !== 1 ? ++l.req.seqno : 0;
  emit_event(l, line_event_id(value), line_event_timestamp(l), seqno);
}

/**
 * debounce_setup(): the kwb bank has no hardware debounce (no set_config), so
 * gpiolib debounces in software: an irq on both edges restarts a timer.
 */
function debounce_setup(l: line, period_us: number): number {
  if (!period_us) return 0;
  const level = gpiod_get_raw_value_cansleep(l.desc);
  if (level < 0) return level;
  l.level = level;
  const irq = gpiod_to_irq(l.desc);
  if (irq < 0) return -ENXIO;
  l.work = hrtimer_create('debounce_work_func', () => debounce_work_func(l));
  const ret = request_threaded_irq(irq, debounce_irq_handler, null, IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING, l.req.label ?? '', l);
  if (ret) return ret;
  l.sw_debounced = true;
  l.irq = irq;
  return 0;
}

/** edge_detector_stop(). */
function edge_detector_stop(l: line): void {
  if (l.irq) { free_irq(l.irq, l); l.irq = 0; }
  if (l.work) hrtimer_cancel(l.work);
  l.sw_debounced = false;
  l.edflags = 0;
  l.debounce_period_us = 0;
}

/** edge_detector_setup(): the FIFO on first use, the debouncer, or a threaded irq on the edges asked for (inverted for active-low lines). */
function edge_detector_setup(l: line, lc: line_config, idx: number, edflags: number): number {
  const eflags = edflags & GPIO_V2_LINE_EDGE_FLAGS;
  if (gpio_v2_line_config_debounced(lc, idx)) {
    const period = gpio_v2_line_config_debounce_period(lc, idx);
    const ret = debounce_setup(l, period);
    if (ret) return ret;
    l.debounce_period_us = period;
  }
  if (!eflags || l.sw_debounced) return 0;
  const irq = gpiod_to_irq(l.desc);
  if (irq < 0) return -ENXIO;
  const al = test_bit(FLAG_ACTIVE_LOW, l.desc!);
  let irqflags = 0;
  if (eflags & GPIO_V2_LINE_FLAG_EDGE_RISING) irqflags |= al ? IRQF_TRIGGER_FALLING : IRQF_TRIGGER_RISING;
  if (eflags & GPIO_V2_LINE_FLAG_EDGE_FALLING) irqflags |= al ? IRQF_TRIGGER_RISING : IRQF_TRIGGER_FALLING;
  const ret = request_threaded_irq(irq, edge_irq_handler, edge_irq_thread, irqflags | IRQF_ONESHOT, l.req.label ?? '', l);
  if (ret) return ret;
  l.irq = irq;
  return 0;
}

/** edge_detector_update(): nothing changed, a new debounce period, or stop and set up again. */
function edge_detector_update(l: line, lc: line_config, idx: number, edflags: number): number {
  const period = gpio_v2_line_config_debounce_period(lc, idx);
  if (l.edflags === edflags && l.debounce_period_us === period) return 0;
  if (period && l.sw_debounced) { l.debounce_period_us = period; return 0; }
  if ((l.irq && !l.sw_debounced) || (!period && l.sw_debounced)) edge_detector_stop(l);
  return edge_detector_setup(l, lc, idx, edflags);
}

// ---- the line fd ----------------------------------------------------------------------

/** linereq_get_values(): the masked lines' logical values (debounced ones from the debouncer). */
function linereq_get_values(lr: linereq, ip: number): number {
  const lv = copy_from_user(ip, SIZEOF_GPIO_V2_LINE_VALUES);
  if (!lv) return -EFAULT;
  const mask = get_u64(lv, 8);
  let bits = 0n, n = 0;
  for (let i = 0; i < lr.num_lines; i++) {
    if (!(mask & bit(i))) continue;
    n++;
    const l = lr.lines[i]!;
    const v = l.sw_debounced ? debounced_value(l) : gpiod_get_value_cansleep(l.desc);
    if (v < 0) return v;
    if (v) bits |= bit(i);
  }
  if (!n) return -EINVAL;
  put_u64(lv, 0, bits);
  return copy_to_user(ip, lv) ? -EFAULT : 0;
}

/** linereq_set_values_unlocked(): only output lines may be set (-EPERM otherwise); an empty mask is -EINVAL. */
function linereq_set_values(lr: linereq, ip: number): number {
  const lv = copy_from_user(ip, SIZEOF_GPIO_V2_LINE_VALUES);
  if (!lv) return -EFAULT;
  const bits = get_u64(lv, 0), mask = get_u64(lv, 8);
  const set: [gpio_desc, number][] = [];
  for (let i = 0; i < lr.num_lines; i++) {
    if (!(mask & bit(i))) continue;
    const desc = lr.lines[i]!.desc!;
    if (!test_bit(FLAG_IS_OUT, desc)) return -EPERM;
    set.push([desc, bits & bit(i) ? 1 : 0]);
  }
  if (!set.length) return -EINVAL;
  for (const [desc, v] of set) gpiod_set_value_cansleep(desc, v);
  return 0;
}

/** linereq_set_config_unlocked(): lines named input or output are reconfigured; others stay as they are. */
function linereq_set_config(lr: linereq, ip: number): number {
  const b = copy_from_user(ip, SIZEOF_GPIO_V2_LINE_CONFIG);
  if (!b) return -EFAULT;
  const lc = decode_config(b, 0);
  const v = gpio_v2_line_config_validate(lc, lr.num_lines);
  if (v) return v;
  for (let i = 0; i < lr.num_lines; i++) {
    const l = lr.lines[i]!;
    const desc = l.desc!;
    const flags = gpio_v2_line_config_flags(lc, i);
    if (!(flags & GPIO_V2_LINE_DIRECTION_FLAGS)) continue;
    flags_to_desc_flags(flags, desc);
    const edflags = flags & GPIO_V2_LINE_EDGE_DETECTOR_FLAGS;
    let ret: number;
    if (flags & GPIO_V2_LINE_FLAG_OUTPUT) {
      edge_detector_stop(l);
      ret = gpiod_direction_output(desc, gpio_v2_line_config_output_value(lc, i));
    } else {
      ret = gpiod_direction_input(desc);
      if (!ret) ret = edge_detector_update(l, lc, i, edflags);
    }
    if (ret) return ret;
    l.edflags = edflags;
  }
  return 0;
}

function* linereq_ioctl(filp: file, cmd: number, arg: number): KGen<number> {
  const lr = filp.private_data as linereq;
  if (!lr.gdev.chip) return -ENODEV;
  switch (cmd >>> 0) {
    case GPIO_V2_LINE_GET_VALUES_IOCTL: return linereq_get_values(lr, arg);
    case GPIO_V2_LINE_SET_VALUES_IOCTL: return linereq_set_values(lr, arg);
    case GPIO_V2_LINE_SET_CONFIG_IOCTL: return linereq_set_config(lr, arg);
    default: return -EINVAL;
  }
}

function* linereq_read(filp: file, buf: number, count: number): KGen<number> {
  const lr = filp.private_data as linereq;
  return yield* fifo_read(filp, lr.fifo, lr.gdev, buf, count, SIZEOF_GPIO_V2_LINE_EVENT, 'linereq_read');
}

function* linereq_poll(filp: file, wait: { qproc: ((f: file, wq: wait_queue_head) => void) | null }): KGen<number> {
  const lr = filp.private_data as linereq;
  return fifo_poll(filp, lr.fifo, lr.gdev, wait);
}

/** linereq_free(): edge detectors stopped, lines freed, the chip's reference dropped. */
function linereq_free(lr: linereq): void {
  for (const l of lr.lines) {
    if (!l.desc) continue;
    edge_detector_stop(l);
    gpiod_free(l.desc);
  }
  put_device(lr.gdev.dev);
}

// kernel-static: the line fd's operations are code, shared by every request
const line_fileops: file_operations = {
  read: linereq_read, poll: linereq_poll, unlocked_ioctl: linereq_ioctl,
  release: function* (_inode, filp) { linereq_free(filp.private_data as linereq); return 0; },
};

/** gpiod_request_user(): a chip not there yet is -ENODEV to user space. */
export function gpiod_request_user(desc: gpio_desc, label: string | null): number {
  const ret = gpiod_request(desc, label);
  return ret === -EPROBE_DEFER ? -ENODEV : ret;
}

/** linereq_create(): GPIO_V2_GET_LINE_IOCTL on the chip fd. */
export function* linereq_create(gdev: gpio_device, ip: number): KGen<number> {
  const ulr = copy_from_user(ip, SIZEOF_GPIO_V2_LINE_REQUEST);
  if (!ulr) return -EFAULT;
  const num_lines = get_u32(ulr, 560);
  if (num_lines === 0 || num_lines > GPIO_V2_LINES_MAX) return -EINVAL;
  if (!mem_is_zero(ulr, 568, 20)) return -EINVAL;
  const lc = decode_config(ulr, 288);
  let ret = gpio_v2_line_config_validate(lc, num_lines);
  if (ret) return ret;
  get_device(gdev.dev);
  const requested = get_u32(ulr, 564);
  const event_buffer_size = requested === 0 ? num_lines * 16 : Math.min(requested, GPIO_V2_LINES_MAX * 16);
  const lr: linereq = {
    gdev, label: get_label(ulr, 256), num_lines, event_buffer_size, seqno: 0, lines: [],
    fifo: { events: [], size: roundup_pow_of_two(event_buffer_size), wait: new wait_queue_head() },
  };
  for (let i = 0; i < num_lines; i++) {
    lr.lines.push({ desc: null, req: lr, irq: 0, edflags: 0, timestamp_ns: 0, req_seqno: 0, line_seqno: 0, work: null, debounce_period_us: 0, sw_debounced: false, level: 0 });
  }
  for (let i = 0; i < num_lines; i++) {
    const desc = gpiochip_get_desc(gdev.chip!, get_u32(ulr, i * 4));
    if (typeof desc === 'number') { linereq_free(lr); return desc; }
    ret = gpiod_request_user(desc, lr.label);
    if (ret) { linereq_free(lr); return ret; }
    const l = lr.lines[i]!;
    l.desc = desc;
    const flags = gpio_v2_line_config_flags(lc, i);
    flags_to_desc_flags(flags, desc);
    const edflags = flags & GPIO_V2_LINE_EDGE_DETECTOR_FLAGS;
    // Lines have to be requested explicitly for input or output, else the line is treated "as is".
    if (flags & GPIO_V2_LINE_FLAG_OUTPUT) ret = gpiod_direction_output(desc, gpio_v2_line_config_output_value(lc, i));
    else if (flags & GPIO_V2_LINE_FLAG_INPUT) {
      ret = gpiod_direction_input(desc);
      if (!ret) ret = edge_detector_setup(l, lc, i, edflags);
    }
    if (ret) { linereq_free(lr); return ret; }
    l.edflags = edflags;
  }
  return yield* anon_inode_getfd('gpio-line', line_fileops, lr, (fd) => {
    put_u32(ulr, 588, fd);
    return copy_to_user(ip, ulr);
  }, function* () { linereq_free(lr); });
}
