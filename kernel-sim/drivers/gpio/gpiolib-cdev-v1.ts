// Models linux/drivers/gpio/gpiolib-cdev.c's v1 uAPI (CONFIG_GPIO_CDEV_V1, what libgpiod 1.6 speaks): GPIO_GET_LINEHANDLE_IOCTL (linehandle_create, get/set values, set config) and GPIO_GET_LINEEVENT_IOCTL (lineevent_create, struct gpioevent_data read from the fd).
import type { KGen } from '../../include/linux/sched.ts';
import type { file, file_operations } from '../../include/linux/fs_types.ts';
import { EFAULT, EINVAL, ENODEV, EPERM } from '../../include/uapi/asm-generic/errno.ts';
import {
  GPIOEVENT_EVENT_FALLING_EDGE, GPIOEVENT_EVENT_RISING_EDGE, GPIOEVENT_REQUEST_FALLING_EDGE, GPIOEVENT_REQUEST_RISING_EDGE, GPIOHANDLE_GET_LINE_VALUES_IOCTL,
  GPIOHANDLE_REQUEST_ACTIVE_LOW, GPIOHANDLE_REQUEST_BIAS_DISABLE, GPIOHANDLE_REQUEST_BIAS_PULL_DOWN, GPIOHANDLE_REQUEST_BIAS_PULL_UP, GPIOHANDLE_REQUEST_INPUT,
  GPIOHANDLE_REQUEST_OPEN_DRAIN, GPIOHANDLE_REQUEST_OPEN_SOURCE, GPIOHANDLE_REQUEST_OUTPUT, GPIOHANDLE_SET_CONFIG_IOCTL, GPIOHANDLE_SET_LINE_VALUES_IOCTL,
  GPIOHANDLES_MAX, SIZEOF_GPIOEVENT_DATA, SIZEOF_GPIOEVENT_REQUEST, SIZEOF_GPIOHANDLE_CONFIG, SIZEOF_GPIOHANDLE_DATA, SIZEOF_GPIOHANDLE_REQUEST,
} from '../../include/uapi/linux/gpio.ts';
import { copy_from_user, copy_to_user } from '../../mm/uaccess.ts';
import { wait_queue_head } from '../../kernel/sched/wait.ts';
import { ktime_get } from '../../kernel/time/timekeeping.ts';
import { IRQ_HANDLED, IRQ_NONE, IRQ_WAKE_THREAD, IRQF_ONESHOT, IRQF_TRIGGER_FALLING, IRQF_TRIGGER_RISING } from '../../kernel/irq/irqdesc.ts';
import { free_irq, request_threaded_irq } from '../../kernel/irq/manage.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import { get_device, put_device } from '../base/core.ts';
import {
  FLAG_ACTIVE_LOW, FLAG_BIAS_DISABLE, FLAG_IS_OUT, FLAG_OPEN_DRAIN, FLAG_OPEN_SOURCE, FLAG_PULL_DOWN, FLAG_PULL_UP, assign_bit, desc_to_gpio, gpio_chip_hwgpio,
  gpiochip_get_desc, gpiod_direction_input, gpiod_direction_output, gpiod_free, gpiod_get_value_cansleep, gpiod_set_value_cansleep, gpiod_to_irq, test_bit,
  type gpio_desc, type gpio_device,
} from './gpiolib.ts';
import { anon_inode_getfd, fifo_poll, fifo_put, fifo_read, get_label, get_u32, put_u32, put_u64, type event_fifo } from './gpiolib-cdev-file.ts';
import { gpiod_request_user } from './gpiolib-cdev-linereq.ts';

const GPIOHANDLE_REQUEST_VALID_FLAGS = GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OUTPUT | GPIOHANDLE_REQUEST_ACTIVE_LOW | GPIOHANDLE_REQUEST_BIAS_PULL_UP
  | GPIOHANDLE_REQUEST_BIAS_PULL_DOWN | GPIOHANDLE_REQUEST_BIAS_DISABLE | GPIOHANDLE_REQUEST_OPEN_DRAIN | GPIOHANDLE_REQUEST_OPEN_SOURCE;
const GPIOHANDLE_REQUEST_DIRECTION_FLAGS = GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OUTPUT;
const GPIOHANDLE_REQUEST_BIAS_FLAGS = GPIOHANDLE_REQUEST_BIAS_PULL_UP | GPIOHANDLE_REQUEST_BIAS_PULL_DOWN | GPIOHANDLE_REQUEST_BIAS_DISABLE;
const GPIOEVENT_REQUEST_VALID_FLAGS = GPIOEVENT_REQUEST_RISING_EDGE | GPIOEVENT_REQUEST_FALLING_EDGE;

/** Only one bias flag (linehandle_validate_flags and lineevent_create check the same). */
const one_bias = (f: number): boolean => [GPIOHANDLE_REQUEST_BIAS_PULL_UP, GPIOHANDLE_REQUEST_BIAS_PULL_DOWN, GPIOHANDLE_REQUEST_BIAS_DISABLE].filter((b) => f & b).length <= 1;

/** linehandle_validate_flags(). */
function linehandle_validate_flags(f: number): number {
  if (f & ~GPIOHANDLE_REQUEST_VALID_FLAGS) return -EINVAL;
  if (f & GPIOHANDLE_REQUEST_INPUT && f & GPIOHANDLE_REQUEST_OUTPUT) return -EINVAL;
  if (f & GPIOHANDLE_REQUEST_OPEN_DRAIN && f & GPIOHANDLE_REQUEST_OPEN_SOURCE) return -EINVAL;
  if (!(f & GPIOHANDLE_REQUEST_OUTPUT) && f & (GPIOHANDLE_REQUEST_OPEN_DRAIN | GPIOHANDLE_REQUEST_OPEN_SOURCE)) return -EINVAL;
  if (!(f & GPIOHANDLE_REQUEST_DIRECTION_FLAGS) && f & GPIOHANDLE_REQUEST_BIAS_FLAGS) return -EINVAL;
  return one_bias(f) ? 0 : -EINVAL;
}

/** linehandle_flags_to_desc_flags(). */
function linehandle_flags_to_desc_flags(f: number, desc: gpio_desc): void {
  const map: [number, number][] = [
    [FLAG_ACTIVE_LOW, GPIOHANDLE_REQUEST_ACTIVE_LOW], [FLAG_OPEN_DRAIN, GPIOHANDLE_REQUEST_OPEN_DRAIN], [FLAG_OPEN_SOURCE, GPIOHANDLE_REQUEST_OPEN_SOURCE],
    [FLAG_PULL_UP, GPIOHANDLE_REQUEST_BIAS_PULL_UP], [FLAG_PULL_DOWN, GPIOHANDLE_REQUEST_BIAS_PULL_DOWN], [FLAG_BIAS_DISABLE, GPIOHANDLE_REQUEST_BIAS_DISABLE],
  ];
  for (const [bit, v] of map) assign_bit(bit, desc, !!(f & v));
}

/** A direction from the flags: output with its default value, input, or "as is". */
function apply_direction(desc: gpio_desc, f: number, value: number): number {
  if (f & GPIOHANDLE_REQUEST_OUTPUT) return gpiod_direction_output(desc, value ? 1 : 0);
  if (f & GPIOHANDLE_REQUEST_INPUT) return gpiod_direction_input(desc);
  return 0;
}

// ---- line handles ----------------------------------------------------------------------

interface linehandle_state { gdev: gpio_device; label: string | null; descs: gpio_desc[] }

function linehandle_free(lh: linehandle_state): void {
  for (const d of lh.descs) gpiod_free(d);
  put_device(lh.gdev.dev);
}

/** linehandle_set_config(): lines must be reconfigured explicitly as input or output. */
function linehandle_set_config(lh: linehandle_state, ip: number): number {
  const b = copy_from_user(ip, SIZEOF_GPIOHANDLE_CONFIG);
  if (!b) return -EFAULT;
  const f = get_u32(b, 0);
  const ret = linehandle_validate_flags(f);
  if (ret) return ret;
  if (!(f & GPIOHANDLE_REQUEST_DIRECTION_FLAGS)) return -EINVAL;
  for (const [i, desc] of lh.descs.entries()) {
    linehandle_flags_to_desc_flags(f, desc);
    const r = apply_direction(desc, f, b[4 + i]!);
    if (r) return r;
  }
  return 0;
}

function* linehandle_ioctl(filp: file, cmd: number, arg: number): KGen<number> {
  const lh = filp.private_data as linehandle_state;
  if (!lh.gdev.chip) return -ENODEV;
  switch (cmd >>> 0) {
    case GPIOHANDLE_GET_LINE_VALUES_IOCTL: {
      // It's okay to read values of output lines.
      const ghd = new Uint8Array(SIZEOF_GPIOHANDLE_DATA);
      for (const [i, d] of lh.descs.entries()) {
        const v = gpiod_get_value_cansleep(d);
        if (v < 0) return v;
        ghd[i] = v;
      }
      return copy_to_user(arg, ghd) ? -EFAULT : 0;
    }
    case GPIOHANDLE_SET_LINE_VALUES_IOCTL: {
      // All lines were requested with the same flags: the first tells whether they are outputs.
      if (!test_bit(FLAG_IS_OUT, lh.descs[0]!)) return -EPERM;
      const ghd = copy_from_user(arg, SIZEOF_GPIOHANDLE_DATA);
      if (!ghd) return -EFAULT;
      for (const [i, d] of lh.descs.entries()) gpiod_set_value_cansleep(d, ghd[i] ? 1 : 0);
      return 0;
    }
    case GPIOHANDLE_SET_CONFIG_IOCTL:
      return linehandle_set_config(lh, arg);
    default:
      return -EINVAL;
  }
}

// kernel-static: the handle fd's operations are code
const linehandle_fileops: file_operations = {
  unlocked_ioctl: linehandle_ioctl,
  release: function* (_inode, filp) { linehandle_free(filp.private_data as linehandle_state); return 0; },
};

/** linehandle_create(): GPIO_GET_LINEHANDLE_IOCTL. */
export function* linehandle_create(gdev: gpio_device, ip: number): KGen<number> {
  const req = copy_from_user(ip, SIZEOF_GPIOHANDLE_REQUEST);
  if (!req) return -EFAULT;
  const lines = get_u32(req, 356);
  if (lines === 0 || lines > GPIOHANDLES_MAX) return -EINVAL;
  const f = get_u32(req, 256);
  const ret = linehandle_validate_flags(f);
  if (ret) return ret;
  get_device(gdev.dev);
  const lh: linehandle_state = { gdev, label: get_label(req, 324), descs: [] };
  for (let i = 0; i < lines; i++) {
    const desc = gpiochip_get_desc(gdev.chip!, get_u32(req, i * 4));
    if (typeof desc === 'number') { linehandle_free(lh); return desc; }
    let r = gpiod_request_user(desc, lh.label);
    if (r) { linehandle_free(lh); return r; }
    lh.descs.push(desc);
    linehandle_flags_to_desc_flags(f, desc);
    r = apply_direction(desc, f, req[260 + i]!);
    if (r) { linehandle_free(lh); return r; }
  }
  return yield* anon_inode_getfd('gpio-linehandle', linehandle_fileops, lh, (fd) => {
    put_u32(req, 360, fd);
    return copy_to_user(ip, req);
  }, function* () { linehandle_free(lh); });
}

// ---- line events -------------------------------------------------------------------------

interface lineevent_state { gdev: gpio_device; label: string | null; desc: gpio_desc | null; eflags: number; irq: number; fifo: event_fifo; timestamp: number }

function lineevent_free(le: lineevent_state): void {
  if (le.irq) free_irq(le.irq, le);
  if (le.desc) gpiod_free(le.desc);
  put_device(le.gdev.dev);
}

/** lineevent_irq_handler(): the timestamp, CLOCK_MONOTONIC, in hard irq context. */
function lineevent_irq_handler(_irq: number, p: unknown): number {
  (p as lineevent_state).timestamp = ktime_get();
  return IRQ_WAKE_THREAD;
}

/** lineevent_irq_thread(): the event's id; a full FIFO (16 events) drops the new one. */
function lineevent_irq_thread(_irq: number, p: unknown): number {
  const le = p as lineevent_state;
  const ts = le.timestamp || ktime_get();
  le.timestamp = 0;
  let id: number;
  if (le.eflags & GPIOEVENT_REQUEST_RISING_EDGE && le.eflags & GPIOEVENT_REQUEST_FALLING_EDGE) {
    id = gpiod_get_value_cansleep(le.desc) ? GPIOEVENT_EVENT_RISING_EDGE : GPIOEVENT_EVENT_FALLING_EDGE;
  } else if (le.eflags & GPIOEVENT_REQUEST_RISING_EDGE) id = GPIOEVENT_EVENT_RISING_EDGE;
  else if (le.eflags & GPIOEVENT_REQUEST_FALLING_EDGE) id = GPIOEVENT_EVENT_FALLING_EDGE;
  else return IRQ_NONE;
  if (le.fifo.events.length >= le.fifo.size) return IRQ_HANDLED;
  const ge = new Uint8Array(SIZEOF_GPIOEVENT_DATA);
  put_u64(ge, 0, BigInt(ts));
  put_u32(ge, 8, id);
  trace_event('gpio', 'gpio_line_event', { gpio: desc_to_gpio(le.desc!), offset: gpio_chip_hwgpio(le.desc!), rising: id === GPIOEVENT_EVENT_RISING_EDGE, timestamp_ns: ts });
  fifo_put(le.fifo, ge);
  return IRQ_HANDLED;
}

function* lineevent_ioctl(filp: file, cmd: number, arg: number): KGen<number> {
  const le = filp.private_data as lineevent_state;
  if (!le.gdev.chip) return -ENODEV;
  // The value of an event line can be read but not set: it is an input by definition.
  if ((cmd >>> 0) !== GPIOHANDLE_GET_LINE_VALUES_IOCTL) return -EINVAL;
  const v = gpiod_get_value_cansleep(le.desc);
  if (v < 0) return v;
  const ghd = new Uint8Array(SIZEOF_GPIOHANDLE_DATA);
  ghd[0] = v;
  return copy_to_user(arg, ghd) ? -EFAULT : 0;
}

// kernel-static: the event fd's operations are code
const lineevent_fileops: file_operations = {
  read: function* (filp, buf, count) {
    const le = filp.private_data as lineevent_state;
    return yield* fifo_read(filp, le.fifo, le.gdev, buf, count, SIZEOF_GPIOEVENT_DATA, 'lineevent_read');
  },
  poll: function* (filp, wait) { const le = filp.private_data as lineevent_state; return fifo_poll(filp, le.fifo, le.gdev, wait); },
  unlocked_ioctl: lineevent_ioctl,
  release: function* (_inode, filp) { lineevent_free(filp.private_data as lineevent_state); return 0; },
};

/** lineevent_create(): GPIO_GET_LINEEVENT_IOCTL — an input line with a threaded irq on the edges asked for. */
export function* lineevent_create(gdev: gpio_device, ip: number): KGen<number> {
  const req = copy_from_user(ip, SIZEOF_GPIOEVENT_REQUEST);
  if (!req) return -EFAULT;
  const lflags = get_u32(req, 4), eflags = get_u32(req, 8);
  const desc = gpiochip_get_desc(gdev.chip!, get_u32(req, 0));
  if (typeof desc === 'number') return desc;
  if (lflags & ~GPIOHANDLE_REQUEST_VALID_FLAGS || eflags & ~GPIOEVENT_REQUEST_VALID_FLAGS) return -EINVAL;
  // This is just wrong: we don't look for events on output lines.
  if (lflags & (GPIOHANDLE_REQUEST_OUTPUT | GPIOHANDLE_REQUEST_OPEN_DRAIN | GPIOHANDLE_REQUEST_OPEN_SOURCE)) return -EINVAL;
  if (!one_bias(lflags)) return -EINVAL;
  get_device(gdev.dev);
  const le: lineevent_state = { gdev, label: get_label(req, 12), desc: null, eflags, irq: 0, fifo: { events: [], size: 16, wait: new wait_queue_head() }, timestamp: 0 };
  let ret = gpiod_request_user(desc, le.label);
  if (ret) { lineevent_free(le); return ret; }
  le.desc = desc;
  linehandle_flags_to_desc_flags(lflags, desc);
  ret = gpiod_direction_input(desc);
  if (ret) { lineevent_free(le); return ret; }
  const irq = gpiod_to_irq(desc);
  if (irq <= 0) { lineevent_free(le); return -ENODEV; }
  const al = test_bit(FLAG_ACTIVE_LOW, desc);
  let irqflags = IRQF_ONESHOT;
  if (eflags & GPIOEVENT_REQUEST_RISING_EDGE) irqflags |= al ? IRQF_TRIGGER_FALLING : IRQF_TRIGGER_RISING;
  if (eflags & GPIOEVENT_REQUEST_FALLING_EDGE) irqflags |= al ? IRQF_TRIGGER_RISING : IRQF_TRIGGER_FALLING;
  ret = request_threaded_irq(irq, lineevent_irq_handler, lineevent_irq_thread, irqflags, le.label ?? '', le);
  if (ret) { lineevent_free(le); return ret; }
  le.irq = irq;
  return yield* anon_inode_getfd('gpio-event', lineevent_fileops, le, (fd) => {
    put_u32(req, 44, fd);
    return copy_to_user(ip, req);
  }, function* () { lineevent_free(le); });
}
