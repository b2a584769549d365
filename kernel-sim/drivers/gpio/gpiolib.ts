// Models linux/drivers/gpio/gpiolib.c and gpiolib.h: gpio_chip, gpio_device and its descriptors, the gpio bus with gpiochipN, the global GPIO numbers, requesting lines and their direction and value.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { EBUSY, EINVAL, EIO, ENODEV, ENOSPC, EPROBE_DEFER } from '../../include/uapi/asm-generic/errno.ts';
import { MAJOR, MKDEV } from '../../include/linux/fs_types.ts';
import { defineState } from '../../kernel/state.ts';
import { DEFINE_IDA, ida_alloc, ida_free, type ida } from '../../lib/idr.ts';
import { pr_err, pr_warn } from '../../kernel/printk/printk.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import { alloc_chrdev_region } from '../../fs/char_dev.ts';
import type { bus_type, device, device_driver } from '../base/base.ts';
import { bus_register } from '../base/bus.ts';
import { device_alloc, device_initialize, device_add, device_del, dev_set_name, dev_warn, put_device } from '../base/core.ts';
import { driver_register } from '../base/driver.ts';
import { run_sync } from '../base/sync.ts';

/** include/linux/gpio/driver.h: what get_direction answers. */
export const GPIO_LINE_DIRECTION_IN = 1;
export const GPIO_LINE_DIRECTION_OUT = 0;

/** gpiolib.h: bit numbers of gpio_desc.flags. */
export const FLAG_REQUESTED = 0, FLAG_IS_OUT = 1, FLAG_EXPORT = 2, FLAG_SYSFS = 3, FLAG_ACTIVE_LOW = 6, FLAG_OPEN_DRAIN = 7, FLAG_OPEN_SOURCE = 8;
export const FLAG_USED_AS_IRQ = 9, FLAG_IRQ_IS_ENABLED = 10, FLAG_IS_HOGGED = 11, FLAG_TRANSITORY = 12, FLAG_PULL_UP = 13, FLAG_PULL_DOWN = 14;
export const FLAG_BIAS_DISABLE = 15, FLAG_EDGE_RISING = 16, FLAG_EDGE_FALLING = 17, FLAG_EVENT_CLOCK_REALTIME = 18;

/** asm-generic/gpio.h: the global number space is 0..ARCH_NR_GPIOS-1; dynamic bases are taken from the top. */
export const ARCH_NR_GPIOS = 512;
export const GPIOCHIP_NAME = 'gpiochip';
const GPIO_DEV_MAX = 256;

/** The interrupt side of a chip (struct gpio_irq_chip), filled by the driver before gpiochip_add_data; gpiolib-irq.ts runs it. */
export interface gpio_irq_chip {
  chip: import('../../kernel/irq/irqdesc.ts').irq_chip;
  /** Flow handler of each line's irq (handle_edge_irq, handle_simple_irq). */
  handler: import('../../kernel/irq/irqdesc.ts').flow_handler;
  /** Line offset -> Linux irq, filled as lines are mapped (the irq domain's linear map). */
  domain: Map<number, number>;
}

/** struct gpio_chip: a driver's lines. Callbacks take the line's offset in the chip. */
export interface gpio_chip {
  label: string;
  parent: device | null;
  owner?: string | null;
  request?(gc: gpio_chip, offset: number): number;
  free?(gc: gpio_chip, offset: number): void;
  get_direction?(gc: gpio_chip, offset: number): number;
  direction_input?(gc: gpio_chip, offset: number): number;
  direction_output?(gc: gpio_chip, offset: number, value: number): number;
  get?(gc: gpio_chip, offset: number): number;
  set?(gc: gpio_chip, offset: number, value: number): void;
  to_irq?(gc: gpio_chip, offset: number): number;
  /** -1: gpiolib picks a base below ARCH_NR_GPIOS. */
  base: number;
  ngpio: number;
  /** Line names (gpio-line-names), "" or missing for unnamed lines. */
  names?: readonly string[] | null;
  can_sleep: boolean;
  irq?: gpio_irq_chip;
  gpiodev?: gpio_device;
}

/** struct gpio_desc: one line. */
export interface gpio_desc {
  gdev: gpio_device;
  flags: number;
  /** Consumer label while requested. */
  label: string | null;
  /** Line name from the chip. */
  name: string | null;
}

/** struct gpio_device: the chip's device on the gpio bus (gpiochipN), alive as long as it is referenced. */
export interface gpio_device {
  id: number;
  dev: device;
  chip: gpio_chip | null;
  descs: gpio_desc[];
  base: number;
  ngpio: number;
  label: string;
  data: unknown;
  owner: string | null;
}

interface GpioState {
  /** gpio_devices, sorted by base. */
  devices: gpio_device[];
  devt: number;
  /** gpio_ida: gpiochipN's N. */
  ids: ida;
  /** Hooks run when a chip comes and goes: the character device, sysfs class, UI history. */
  on_add: ((gdev: gpio_device) => KGen<void>)[];
  on_remove: ((gdev: gpio_device) => KGen<void>)[];
  initialized: boolean;
}
export const gpioState = defineState<GpioState>('gpiolib', () => ({ devices: [], devt: 0, ids: DEFINE_IDA(), on_add: [], on_remove: [], initialized: false }));

export const test_bit = (nr: number, desc: gpio_desc): boolean => (desc.flags & (1 << nr)) !== 0;
export const set_bit = (nr: number, desc: gpio_desc): void => { desc.flags |= 1 << nr; };
export const clear_bit = (nr: number, desc: gpio_desc): void => { desc.flags &= ~(1 << nr); };
export const assign_bit = (nr: number, desc: gpio_desc, on: boolean): void => (on ? set_bit(nr, desc) : clear_bit(nr, desc));

export const gpio_is_valid = (n: number): boolean => n >= 0 && n < ARCH_NR_GPIOS;
export const gpio_chip_hwgpio = (desc: gpio_desc): number => desc.gdev.descs.indexOf(desc);
export const desc_to_gpio = (desc: gpio_desc): number => desc.gdev.base + gpio_chip_hwgpio(desc);
export const gpiod_to_chip = (desc: gpio_desc | null): gpio_chip | null => desc?.gdev.chip ?? null;
export const gpiochip_get_data = (gc: gpio_chip): unknown => gc.gpiodev?.data ?? null;
export const gpio_devices = (): readonly gpio_device[] => gpioState().devices;

/** gpiod_err() and friends: "gpio-N (label): ...". */
export function gpiod_err(desc: gpio_desc, msg: string): void { pr_err(`gpio-${desc_to_gpio(desc)} (${desc.label ?? '?'}): ${msg}`); }
export function gpiod_warn(desc: gpio_desc, msg: string): void { pr_warn(`gpio-${desc_to_gpio(desc)} (${desc.label ?? '?'}): ${msg}`); }

/** gpio_to_desc(): the descriptor of a global number, or null. */
export function gpio_to_desc(gpio: number): gpio_desc | null {
  for (const gdev of gpioState().devices) if (gpio >= gdev.base && gpio < gdev.base + gdev.ngpio) return gdev.descs[gpio - gdev.base]!;
  if (!gpio_is_valid(gpio)) pr_warn(`invalid GPIO ${gpio}`);
  return null;
}

/** gpiochip_get_desc(): a chip's line by offset. */
export function gpiochip_get_desc(gc: gpio_chip, hwnum: number): gpio_desc | number {
  const gdev = gc.gpiodev;
  if (!gdev || hwnum < 0 || hwnum >= gdev.ngpio) return -EINVAL;
  return gdev.descs[hwnum]!;
}

/** gpiochip_find_base(): the highest free range below ARCH_NR_GPIOS. */
function gpiochip_find_base(ngpio: number): number {
  let base = ARCH_NR_GPIOS - ngpio;
  for (const gdev of [...gpioState().devices].reverse()) {
    if (gdev.base + gdev.ngpio <= base) break;
    base = gdev.base - ngpio;
  }
  if (gpio_is_valid(base)) return base;
  pr_err('gpiochip_find_base: cannot find free range');
  return -ENOSPC;
}

/** gpiodev_add_to_list(): keeps the list sorted by base; overlapping ranges are refused. */
function gpiodev_add_to_list(gdev: gpio_device): number {
  const list = gpioState().devices;
  for (const o of list) if (gdev.base < o.base + o.ngpio && o.base < gdev.base + gdev.ngpio) return -EBUSY;
  list.push(gdev);
  list.sort((a, b) => a.base - b.base);
  return 0;
}

function alloc_id(): number {
  return ida_alloc(gpioState().ids);
}

/** gpiodevice_release(): the last reference to gpiochipN is gone. */
function gpiodevice_release(dev: device): void {
  const gdev = dev.driver_data as gpio_device;
  ida_free(gpioState().ids, gdev.id);
}

/**
 * gpiochip_add_data(): registers a chip: a base in the global number space,
 * one descriptor per line (directions read back from the hardware), the
 * gpiochipN device with its character device number, then the hooks.
 */
export function* gpiochip_add_data(gc: gpio_chip, data: unknown): KGen<number> {
  const st = gpioState();
  if (!st.initialized) return -EPROBE_DEFER;
  if (gc.ngpio <= 0) {
    pr_err(`gpiochip_add_data_with_key: tried to insert a GPIO chip with zero lines`);
    return -EINVAL;
  }
  const id = alloc_id();
  const dev = device_alloc();
  device_initialize(dev);
  const gdev: gpio_device = { id, dev, chip: gc, descs: [], base: 0, ngpio: gc.ngpio, label: gc.label || 'unknown', data, owner: gc.owner ?? null };
  dev.driver_data = gdev;
  dev.container = gdev;
  dev.bus = gpio_bus_type;
  dev.parent = gc.parent;
  dev.release = gpiodevice_release;
  dev_set_name(dev, `${GPIOCHIP_NAME}${id}`);
  gc.gpiodev = gdev;
  let base = gc.base;
  if (base < 0) {
    base = gpiochip_find_base(gc.ngpio);
    if (base < 0) { put_device(dev); gc.gpiodev = undefined; return base; }
    gc.base = base;
  }
  gdev.base = base;
  for (let i = 0; i < gc.ngpio; i++) {
    const desc: gpio_desc = { gdev, flags: 0, label: null, name: gc.names?.[i] || null };
    gdev.descs.push(desc);
    // The hardware's direction at registration (gpiochip_add_data_with_key asks get_direction when it can).
    if (gc.get_direction) assign_bit(FLAG_IS_OUT, desc, gc.get_direction(gc, i) === GPIO_LINE_DIRECTION_OUT);
    else assign_bit(FLAG_IS_OUT, desc, !gc.direction_input);
  }
  const r = gpiodev_add_to_list(gdev);
  if (r) {
    pr_err(`gpiochip_add_data_with_key: GPIO integer space overlap, cannot add chip`);
    put_device(dev);
    gc.gpiodev = undefined;
    return r;
  }
  // gpiochip_setup_dev(): the character device's number, then the device on the gpio bus.
  dev.devt = MKDEV(MAJOR(st.devt), id);
  const ret = yield* device_add(dev);
  if (ret) {
    st.devices.splice(st.devices.indexOf(gdev), 1);
    put_device(dev);
    gc.gpiodev = undefined;
    return ret;
  }
  for (const h of st.on_add) yield* h(gdev);
  return 0;
}

/** gpiochip_remove(): the chip goes; requested lines stay as dangling descriptors ("REMOVING GPIOCHIP WITH GPIOS STILL REQUESTED"). */
export function* gpiochip_remove(gc: gpio_chip): KGen<void> {
  const gdev = gc.gpiodev;
  if (!gdev) return;
  const st = gpioState();
  for (const h of [...st.on_remove].reverse()) yield* h(gdev);
  if (gdev.descs.some((d) => test_bit(FLAG_REQUESTED, d))) dev_warn(gdev.dev, 'REMOVING GPIOCHIP WITH GPIOS STILL REQUESTED');
  gdev.chip = null;
  st.devices.splice(st.devices.indexOf(gdev), 1);
  yield* device_del(gdev.dev);
  put_device(gdev.dev);
}

/** gpiochip_add_hooks: units that follow every chip (cdev, sysfs, the breadboard history). */
export function gpiochip_hooks(on_add: (gdev: gpio_device) => KGen<void>, on_remove: (gdev: gpio_device) => KGen<void>): void {
  gpioState().on_add.push(on_add);
  gpioState().on_remove.push(on_remove);
}

/** validate_desc(): 1 for a line with a live chip, 0 for none, -errno. */
function validate_desc(desc: gpio_desc | null, func: string): number {
  if (!desc) return 0;
  if (!desc.gdev.chip) {
    dev_warn(desc.gdev.dev, `${func}: backing chip is gone`);
    return 0;
  }
  return 1;
}

/** gpiod_request(): takes the line for `label`; -EBUSY when someone has it. */
export function gpiod_request(desc: gpio_desc | null, label: string | null): number {
  const v = validate_desc(desc, 'gpiod_request');
  if (v <= 0) return v === 0 ? -EPROBE_DEFER : v;
  const d = desc!;
  if (test_bit(FLAG_REQUESTED, d)) return -EBUSY;
  set_bit(FLAG_REQUESTED, d);
  d.label = label ?? '?';
  const gc = d.gdev.chip!;
  const offset = gpio_chip_hwgpio(d);
  const ret = gc.request ? gc.request(gc, offset) : 0;
  if (ret) {
    clear_bit(FLAG_REQUESTED, d);
    d.label = null;
    return ret;
  }
  if (gc.get_direction) gpiod_get_direction(d);
  return 0;
}

/** gpiod_free(): releases the line and clears its consumer flags. */
export function gpiod_free(desc: gpio_desc | null): void {
  if (!desc || !test_bit(FLAG_REQUESTED, desc)) {
    if (desc) pr_warn(`gpiod_free: line ${desc_to_gpio(desc)} was not requested`);
    return;
  }
  const gc = desc.gdev.chip;
  if (gc?.free) gc.free(gc, gpio_chip_hwgpio(desc));
  desc.label = null;
  for (const f of [FLAG_REQUESTED, FLAG_ACTIVE_LOW, FLAG_OPEN_DRAIN, FLAG_OPEN_SOURCE, FLAG_PULL_UP, FLAG_PULL_DOWN, FLAG_BIAS_DISABLE,
    FLAG_EDGE_RISING, FLAG_EDGE_FALLING, FLAG_IS_HOGGED, FLAG_EXPORT]) clear_bit(f, desc);
}

/** gpiod_get_direction(): 0 output, 1 input (and FLAG_IS_OUT refreshed from the chip). */
export function gpiod_get_direction(desc: gpio_desc): number {
  const gc = desc.gdev.chip;
  if (!gc) return -ENODEV;
  if (!gc.get_direction) return -ENOTSUPP_GPIO;
  const r = gc.get_direction(gc, gpio_chip_hwgpio(desc));
  if (r < 0) return r;
  assign_bit(FLAG_IS_OUT, desc, r === GPIO_LINE_DIRECTION_OUT);
  return r;
}
/** ENOTSUPP (include/linux/errno.h, kernel-internal). */
const ENOTSUPP_GPIO = 524;

/** gpiod_direction_input(). */
export function gpiod_direction_input(desc: gpio_desc | null): number {
  const v = validate_desc(desc, 'gpiod_direction_input');
  if (v <= 0) return v;
  const d = desc!;
  const gc = d.gdev.chip!;
  const offset = gpio_chip_hwgpio(d);
  let ret = 0;
  if (!gc.get && gc.direction_input) {
    gpiod_warn(d, 'gpiod_direction_input: missing get() but have direction_input()');
    return -EIO;
  }
  if (gc.direction_input) ret = gc.direction_input(gc, offset);
  else if (gc.get_direction && gc.get_direction(gc, offset) !== GPIO_LINE_DIRECTION_IN) {
    gpiod_warn(d, 'gpiod_direction_input: no direction_input() for an output line');
    return -EIO;
  }
  if (ret === 0) clear_bit(FLAG_IS_OUT, d);
  trace_event('gpio', 'gpio_direction', { gpio: desc_to_gpio(d), in: true, err: ret });
  return ret;
}

/** gpiod_direction_output_raw_commit(): drive `value` (physical) and mark the line an output. */
function gpiod_direction_output_raw_commit(desc: gpio_desc, value: number): number {
  const gc = desc.gdev.chip!;
  const offset = gpio_chip_hwgpio(desc);
  let ret = 0;
  if (!gc.set || !gc.direction_output) {
    gpiod_warn(desc, 'gpiod_direction_output_raw_commit: missing set() or direction_output() operations');
    return -EIO;
  }
  ret = gc.direction_output(gc, offset, value ? 1 : 0);
  if (!ret) set_bit(FLAG_IS_OUT, desc);
  trace_event('gpio', 'gpio_value', { gpio: desc_to_gpio(desc), get: false, value: value ? 1 : 0 });
  trace_event('gpio', 'gpio_direction', { gpio: desc_to_gpio(desc), in: false, err: ret });
  return ret;
}

export function gpiod_direction_output_raw(desc: gpio_desc | null, value: number): number {
  const v = validate_desc(desc, 'gpiod_direction_output_raw');
  if (v <= 0) return v;
  return gpiod_direction_output_raw_commit(desc!, value);
}

/** gpiod_direction_output(): `value` is logical (active-low lines are inverted); lines feeding an enabled IRQ refuse. */
export function gpiod_direction_output(desc: gpio_desc | null, value: number): number {
  const v = validate_desc(desc, 'gpiod_direction_output');
  if (v <= 0) return v;
  const d = desc!;
  const phys = test_bit(FLAG_ACTIVE_LOW, d) ? (value ? 0 : 1) : value ? 1 : 0;
  if (test_bit(FLAG_USED_AS_IRQ, d) && test_bit(FLAG_IRQ_IS_ENABLED, d)) {
    gpiod_err(d, 'gpiod_direction_output: tried to set a GPIO tied to an IRQ as output');
    return -EIO;
  }
  return gpiod_direction_output_raw_commit(d, phys);
}

/** gpiod_get_raw_value_commit(): the pin's level from the chip. */
function gpio_chip_get_value(desc: gpio_desc): number {
  const gc = desc.gdev.chip!;
  const r = gc.get ? gc.get(gc, gpio_chip_hwgpio(desc)) : -EIO;
  const value = r < 0 ? r : r ? 1 : 0;
  trace_event('gpio', 'gpio_value', { gpio: desc_to_gpio(desc), get: true, value });
  return value;
}

function gpio_chip_set_value(desc: gpio_desc, value: number): void {
  const gc = desc.gdev.chip!;
  trace_event('gpio', 'gpio_value', { gpio: desc_to_gpio(desc), get: false, value: value ? 1 : 0 });
  gc.set?.(gc, gpio_chip_hwgpio(desc), value ? 1 : 0);
}

/** WARN_ON(desc->gdev->chip->can_sleep) of the atomic accessors: a sleeping chip needs the _cansleep calls. */
function warn_if_sleeps(desc: gpio_desc, func: string): void {
  if (desc.gdev.chip?.can_sleep) gpiod_warn(desc, `${func}: called on a chip that can sleep; use ${func}_cansleep`);
}

export function gpiod_get_raw_value(desc: gpio_desc | null): number {
  const v = validate_desc(desc, 'gpiod_get_raw_value');
  if (v <= 0) return v;
  warn_if_sleeps(desc!, 'gpiod_get_raw_value');
  return gpio_chip_get_value(desc!);
}

/** gpiod_get_value(): the logical value (active-low inverted). */
export function gpiod_get_value(desc: gpio_desc | null): number {
  const v = validate_desc(desc, 'gpiod_get_value');
  if (v <= 0) return v;
  warn_if_sleeps(desc!, 'gpiod_get_value');
  return gpiod_get_value_cansleep(desc);
}

export function gpiod_get_value_cansleep(desc: gpio_desc | null): number {
  const v = validate_desc(desc, 'gpiod_get_value_cansleep');
  if (v <= 0) return v;
  const value = gpio_chip_get_value(desc!);
  if (value < 0) return value;
  return test_bit(FLAG_ACTIVE_LOW, desc!) ? value ^ 1 : value;
}

export function gpiod_get_raw_value_cansleep(desc: gpio_desc | null): number {
  const v = validate_desc(desc, 'gpiod_get_raw_value_cansleep');
  return v <= 0 ? v : gpio_chip_get_value(desc!);
}

export function gpiod_set_raw_value_cansleep(desc: gpio_desc | null, value: number): void {
  if (validate_desc(desc, 'gpiod_set_raw_value_cansleep') > 0) gpio_chip_set_value(desc!, value);
}

export function gpiod_set_raw_value(desc: gpio_desc | null, value: number): void {
  if (validate_desc(desc, 'gpiod_set_raw_value') <= 0) return;
  warn_if_sleeps(desc!, 'gpiod_set_raw_value');
  gpio_chip_set_value(desc!, value);
}

/** gpiod_set_value(): logical value; only an output line is driven (Linux sets anyway and the chip ignores it: so does ours). */
export function gpiod_set_value(desc: gpio_desc | null, value: number): void {
  if (validate_desc(desc, 'gpiod_set_value') <= 0) return;
  warn_if_sleeps(desc!, 'gpiod_set_value');
  gpiod_set_value_cansleep(desc, value);
}

export function gpiod_set_value_cansleep(desc: gpio_desc | null, value: number): void {
  if (validate_desc(desc, 'gpiod_set_value_cansleep') <= 0) return;
  const d = desc!;
  const phys = test_bit(FLAG_ACTIVE_LOW, d) ? (value ? 0 : 1) : value ? 1 : 0;
  gpio_chip_set_value(d, phys);
}

export const gpiod_cansleep = (desc: gpio_desc | null): boolean => !!desc?.gdev.chip?.can_sleep;
export const gpiod_is_active_low = (desc: gpio_desc): boolean => test_bit(FLAG_ACTIVE_LOW, desc);
export function gpiod_toggle_active_low(desc: gpio_desc): void { desc.flags ^= 1 << FLAG_ACTIVE_LOW; }
export const desc_to_gpio_or = (desc: gpio_desc | null): number => (desc ? desc_to_gpio(desc) : -EINVAL);

/** gpiod_set_consumer_name(). */
export function gpiod_set_consumer_name(desc: gpio_desc | null, name: string): number {
  if (validate_desc(desc, 'gpiod_set_consumer_name') <= 0) return -EINVAL;
  desc!.label = name;
  return 0;
}

/** gpiod_to_irq(): the Linux irq of a line, mapping it in the chip's irq domain on first use. */
export function gpiod_to_irq(desc: gpio_desc | null): number {
  if (!desc || !desc.gdev.chip) return -EINVAL;
  const gc = desc.gdev.chip;
  const offset = gpio_chip_hwgpio(desc);
  if (gc.to_irq) {
    const r = gc.to_irq(gc, offset);
    return r === 0 ? -ENXIO_GPIO : r;
  }
  return -ENXIO_GPIO;
}
const ENXIO_GPIO = 6;

// ---- the gpio bus -------------------------------------------------------------------

/** gpio_bus_match(): gpio_stub_drv only takes devices firmware links wait for; ours are never such. */
// kernel-static: the bus's description; bus_register adds its per-boot part
const gpio_bus_type: bus_type = { name: 'gpio', match: () => 0 };
// kernel-static: the stub driver's description; registered per machine in gpiolib_dev_init
const gpio_stub_drv: device_driver = { name: 'gpio_stub_drv', bus: gpio_bus_type, suppress_bind_attrs: true, probe: () => 0 };

/** gpiolib_dev_init(): the gpio bus, its stub driver and the gpiochip character device range. */
function* __gpiolib_dev_init(): KGen<number> {
  const st = gpioState();
  let r = bus_register(gpio_bus_type);
  if (r) { pr_err('gpiolib: could not register GPIO bus type'); return r; }
  r = yield* driver_register(gpio_stub_drv);
  if (r) return r;
  const devt = alloc_chrdev_region(0, GPIO_DEV_MAX, GPIOCHIP_NAME);
  if (devt < 0) { pr_err('gpiolib: failed to allocate char dev region'); return devt; }
  st.devt = devt;
  st.initialized = true;
  return 0;
}

function gpiolib_dev_init(): number {
  return run_sync(__gpiolib_dev_init(), 'gpiolib_dev_init');
}

export const initcalls: initcall_entry[] = [['core', 'gpiolib_dev_init', gpiolib_dev_init, 2_000]];
