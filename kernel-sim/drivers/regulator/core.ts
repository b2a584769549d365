// Models linux/drivers/regulator/core.c: the regulator class (regulator.N with name/num_users/type/state/... files), providers (regulator_register), consumers (regulator_get with the dummy fallback, enable/disable, voltages) and the bulk helpers.
//
// Locking is left out: every path runs in the one kernel thread and a provider's ops may sleep only at their own
// yields, which never re-enter the same regulator. Debugfs (regulator/<name>/...) is not modelled.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { EBUSY, EINVAL, EIO, ENODEV, EPERM, EPROBE_DEFER } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { pr_err } from '../../kernel/printk/printk.ts';
import { __warn } from '../../lib/kobject_warn.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { sysfs_create_link_nowarn, sysfs_remove_link } from '../../fs/sysfs/symlink.ts';
import { type class_, type device, type device_attribute, type device_node, call_maybe_gen } from '../base/base.ts';
import { class_register } from '../base/class.ts';
import { dev_err, dev_name, dev_set_name, dev_warn, device_add, device_alloc, device_initialize, device_unregister, get_device, put_device } from '../base/core.ts';
import { devres_add, devres_alloc, devres_release } from '../base/devres.ts';
import { run_sync } from '../base/sync.ts';
import { of_find_node_by_phandle, of_get_property, of_node_put, of_root } from '../of/base.ts';

export const REGULATOR_VOLTAGE = 0, REGULATOR_CURRENT = 1;
/** regulation_constraints.valid_ops_mask bits (machine.h). */
export const REGULATOR_CHANGE_VOLTAGE = 0x1, REGULATOR_CHANGE_CURRENT = 0x2, REGULATOR_CHANGE_MODE = 0x4, REGULATOR_CHANGE_STATUS = 0x8;
export const REGULATOR_CHANGE_DRMS = 0x10, REGULATOR_CHANGE_BYPASS = 0x20;
/** regulator_get()'s kinds (internal.h's enum regulator_get_type). */
export const NORMAL_GET = 0, EXCLUSIVE_GET = 1, OPTIONAL_GET = 2;

/** regulator_ops: what a provider can do; every op may sleep (a bus transfer). */
export interface regulator_ops {
  enable?(rdev: regulator_dev): number | KGen<number>;
  disable?(rdev: regulator_dev): number | KGen<number>;
  is_enabled?(rdev: regulator_dev): number | KGen<number>;
  get_voltage?(rdev: regulator_dev): number | KGen<number>;
  set_voltage?(rdev: regulator_dev, min_uV: number, max_uV: number): number | KGen<number>;
}

export interface regulator_desc {
  name: string;
  id: number;
  type: number;
  ops: regulator_ops;
  owner?: string | null;
  /** A regulator with one fixed output (n_voltages 1): its voltage without a get_voltage op. */
  fixed_uV?: number;
  n_voltages?: number;
  /** The supply this regulator is fed from, looked up as a consumer of its parent device would be. */
  supply_name?: string | null;
}

/** regulation_constraints: what the board allows (machine.h); suspend states as state_*.enabled. */
export interface regulation_constraints {
  name?: string | null;
  min_uV: number;
  max_uV: number;
  valid_ops_mask: number;
  always_on: boolean;
  boot_on: boolean;
  state_standby: number;
  state_mem: number;
  state_disk: number;
}

/** regulator_consumer_supply: "this device's supply named X is this regulator" (board files, not DT). */
export interface regulator_consumer_supply { dev_name?: string | null; supply: string }

export interface regulator_init_data {
  supply_regulator?: string | null;
  constraints: Partial<regulation_constraints>;
  consumer_supplies?: regulator_consumer_supply[];
}

export interface regulator_config {
  dev: device | null;
  init_data?: regulator_init_data | null;
  driver_data?: unknown;
  of_node?: device_node | null;
}

export interface regulator_dev {
  desc: regulator_desc;
  constraints: regulation_constraints;
  dev: device;
  use_count: number;
  open_count: number;
  exclusive: boolean;
  consumer_list: regulator[];
  reg_data: unknown;
  supply: regulator | null;
  supply_name: string | null;
  of_node: device_node | null;
}

/** struct regulator: one consumer's handle on a regulator_dev. */
export interface regulator {
  rdev: regulator_dev;
  dev: device | null;
  supply_name: string;
  enable_count: number;
  uA_load: number;
  /** voltage[PM_SUSPEND_ON]: the range this consumer asked for (0, 0 until it asks). */
  min_uV: number;
  max_uV: number;
}

interface RegulatorState {
  cls: class_ | null;
  /** regulator_no: numbers are never reused (atomic_inc_return), so the dummy is regulator.0. */
  regulator_no: number;
  list: regulator_dev[];
  map: { dev_name: string | null; supply: string; rdev: regulator_dev }[];
  has_full_constraints: boolean;
  dummy: regulator_dev | null;
}
const regState = defineState<RegulatorState>('regulator', () => ({ cls: null, regulator_no: -1, list: [], map: [], has_full_constraints: false, dummy: null }));

/** The dummy regulator consumers get when nothing describes their supply (dummy.c sets it). */
export function set_dummy_regulator_rdev(rdev: regulator_dev | null): void { regState().dummy = rdev; }
/** regulator_has_full_constraints(): the board describes every supply, so missing ones get the dummy. */
export function regulator_has_full_constraints(): void { regState().has_full_constraints = true; }

/** have_full_constraints(): board code said so, or the machine has a device tree (of_have_populated_dt). */
const have_full_constraints = (): boolean => regState().has_full_constraints || of_root() !== null;

export function rdev_get_name(rdev: regulator_dev): string {
  return rdev.constraints.name || rdev.desc.name || '';
}
export const rdev_get_drvdata = (rdev: regulator_dev): unknown => rdev.reg_data;
export const rdev_get_id = (rdev: regulator_dev): number => rdev.desc.id;
const rdev_err = (rdev: regulator_dev, m: string): number => pr_err(`${rdev_get_name(rdev)}: ${m}`);

/** WARN(cond, msg) at a line of 6.1's core.c: true when it fired. */
function WARN(cond: boolean, line: number, func: string, msg = ''): boolean {
  if (cond) __warn('drivers/regulator/core.c', line, func, msg);
  return cond;
}

function regulator_ops_is_valid(rdev: regulator_dev, ops: number): boolean {
  return (rdev.constraints.valid_ops_mask & ops) !== 0;
}

// ---- sysfs -------------------------------------------------------------------------

const dev_to_rdev = (dev: device): regulator_dev => dev.container as regulator_dev;

function regulator_print_state(state: number): string {
  return state > 0 ? 'enabled\n' : state === 0 ? 'disabled\n' : 'unknown\n';
}

function* _regulator_is_enabled(rdev: regulator_dev): KGen<number> {
  // If we don't know then assume that the regulator is always on.
  if (!rdev.desc.ops.is_enabled) return 1;
  return yield* call_maybe_gen(rdev.desc.ops.is_enabled(rdev));
}

const ro = (name: string, show: (rdev: regulator_dev) => string | number | KGen<string | number>): device_attribute =>
  ({ name, mode: 0o444, show: (dev) => show(dev_to_rdev(dev)) });

const dev_attr_name = ro('name', (r) => `${rdev_get_name(r)}\n`);
const dev_attr_num_users = ro('num_users', (r) => `${r.use_count}\n`);
const dev_attr_type = ro('type', (r) => (r.desc.type === REGULATOR_VOLTAGE ? 'voltage\n' : r.desc.type === REGULATOR_CURRENT ? 'current\n' : 'unknown\n'));
const dev_attr_microvolts = ro('microvolts', function* (r) { return `${yield* regulator_get_voltage_rdev(r)}\n`; });
const dev_attr_state = ro('state', function* (r) { return regulator_print_state(yield* _regulator_is_enabled(r)); });
const dev_attr_requested_microamps = ro('requested_microamps', (r) => `${r.consumer_list.reduce((n, c) => n + (c.enable_count ? c.uA_load : 0), 0)}\n`);
const dev_attr_min_microvolts = ro('min_microvolts', (r) => `${r.constraints.min_uV}\n`);
const dev_attr_max_microvolts = ro('max_microvolts', (r) => `${r.constraints.max_uV}\n`);
const dev_attr_suspend_standby_state = ro('suspend_standby_state', (r) => regulator_print_state(r.constraints.state_standby));
const dev_attr_suspend_mem_state = ro('suspend_mem_state', (r) => regulator_print_state(r.constraints.state_mem));
const dev_attr_suspend_disk_state = ro('suspend_disk_state', (r) => regulator_print_state(r.constraints.state_disk));

/** regulator_attr_is_visible(): only what the provider's ops can back, as 6.1 decides it. */
function regulator_attr_is_visible(rdev: regulator_dev, attr: device_attribute): number {
  const ops = rdev.desc.ops;
  if (attr === dev_attr_name || attr === dev_attr_num_users || attr === dev_attr_type) return attr.mode;
  if (attr === dev_attr_microvolts) return ops.get_voltage || (rdev.desc.fixed_uV && rdev.desc.n_voltages === 1) ? attr.mode : 0;
  if (attr === dev_attr_state) return ops.is_enabled ? attr.mode : 0;
  if (attr === dev_attr_min_microvolts || attr === dev_attr_max_microvolts) return ops.set_voltage ? attr.mode : 0;
  return attr.mode;
}

const regulator_dev_group: attribute_group = {
  attrs: [dev_attr_name, dev_attr_num_users, dev_attr_type, dev_attr_microvolts, dev_attr_state, dev_attr_requested_microamps,
    dev_attr_min_microvolts, dev_attr_max_microvolts, dev_attr_suspend_standby_state, dev_attr_suspend_mem_state, dev_attr_suspend_disk_state],
  is_visible: (kobj, attr) => regulator_attr_is_visible(dev_to_rdev(kobj.container as device), attr as device_attribute),
};

// ---- providers ---------------------------------------------------------------------

function* _regulator_do_enable(rdev: regulator_dev): KGen<number> {
  if (!rdev.desc.ops.enable) return -EINVAL;
  return yield* call_maybe_gen(rdev.desc.ops.enable(rdev));
}

/** set_machine_constraints(): a regulator nothing can switch is always on; always_on ones are enabled and counted once. */
function* set_machine_constraints(rdev: regulator_dev): KGen<number> {
  const c = rdev.constraints;
  if (!rdev.desc.ops.enable) {
    if (rdev.supply_name && !rdev.supply) return -EPROBE_DEFER;
    c.always_on = rdev.supply ? rdev.supply.rdev.constraints.always_on : true;
  }
  if (c.always_on || c.boot_on) {
    if (rdev.supply_name && !rdev.supply) return -EPROBE_DEFER;
    if (rdev.supply && (c.always_on || (yield* regulator_is_enabled(rdev.supply)) <= 0)) {
      const r = yield* regulator_enable(rdev.supply);
      if (r < 0) return r;
    }
    const ret = yield* _regulator_do_enable(rdev);
    if (ret < 0 && ret !== -EINVAL) { rdev_err(rdev, `failed to enable: ${ret}\n`); return ret; }
    if (c.always_on) rdev.use_count++;
  }
  return 0;
}

/** regulator_register(): regulator.N in the class below config.dev, its constraints applied, its consumer map added. */
export function* regulator_register(dev: device | null, desc: regulator_desc, config: regulator_config): KGen<regulator_dev | number> {
  const st = regState();
  if (!desc.name || !desc.ops) return -EINVAL;
  if (desc.type !== REGULATOR_VOLTAGE && desc.type !== REGULATOR_CURRENT) return -EINVAL;
  if (!st.cls) return -EPROBE_DEFER;
  const init = config.init_data ?? null;
  const rdev: regulator_dev = {
    desc, dev: device_alloc(null), use_count: 0, open_count: 0, exclusive: false, consumer_list: [], reg_data: config.driver_data ?? null,
    supply: null, supply_name: init?.supply_regulator ?? desc.supply_name ?? null, of_node: config.of_node ?? config.dev?.of_node ?? null,
    constraints: { name: null, min_uV: 0, max_uV: 0, valid_ops_mask: 0, always_on: false, boot_on: false, state_standby: 0, state_mem: 0, state_disk: 0, ...init?.constraints },
  };
  void dev;
  const d = rdev.dev;
  d.container = rdev;
  device_initialize(d);
  d.class = st.cls;
  d.parent = config.dev;
  d.of_node = rdev.of_node;
  dev_set_name(d, `regulator.${++st.regulator_no}`);
  // The supply, when named, must be there before the constraints can switch it on.
  if (rdev.supply_name) {
    const r = regulator_dev_lookup(config.dev, rdev.supply_name);
    if (typeof r !== 'number' && r !== rdev) rdev.supply = create_regulator(r, d, 'SUPPLY');
  }
  let ret = yield* set_machine_constraints(rdev);
  if (!ret) ret = yield* device_add(d);
  if (ret) {
    if (rdev.supply) destroy_regulator(rdev.supply);
    put_device(d);
    return ret;
  }
  for (const s of init?.consumer_supplies ?? []) st.map.push({ dev_name: s.dev_name ?? null, supply: s.supply, rdev });
  st.list.push(rdev);
  return rdev;
}

/** regulator_unregister(): consumers must have let go (WARN otherwise); its map entries and supply go with it. */
export function* regulator_unregister(rdev: regulator_dev | null): KGen<void> {
  if (!rdev) return;
  const st = regState();
  if (rdev.supply) {
    while (rdev.use_count-- > 0) yield* regulator_disable(rdev.supply);
    destroy_regulator(rdev.supply);
    rdev.supply = null;
  }
  WARN(rdev.open_count !== 0, 5800, 'regulator_unregister');
  st.map = st.map.filter((m) => m.rdev !== rdev);
  st.list = st.list.filter((r) => r !== rdev);
  yield* device_unregister(rdev.dev);
}

/** devm_regulator_register(): unregistered when the provider unbinds. */
export function* devm_regulator_register(dev: device, desc: regulator_desc, config: regulator_config): KGen<regulator_dev | number> {
  const rdev = yield* regulator_register(dev, desc, config);
  if (typeof rdev !== 'number') devres_add(dev, devres_alloc(() => run_sync(regulator_unregister(rdev), 'devm_rdev_release'), 0, 'devm_rdev_release', rdev));
  return rdev;
}

// ---- consumers ---------------------------------------------------------------------

/** of_get_regulator(): the node a "<supply>-supply" phandle in the consumer's node points at. */
function of_get_regulator(dev: device, supply: string): device_node | null {
  const v = of_get_property(dev.of_node, `${supply}-supply`);
  if (!v || v.length < 4) return null;
  return of_find_node_by_phandle(new DataView(v.buffer, v.byteOffset, 4).getUint32(0, false));
}

/** regulator_dev_lookup(): the DT supply property, then the board's consumer map, then a regulator of that name. */
function regulator_dev_lookup(dev: device | null, supply: string): regulator_dev | number {
  const st = regState();
  if (dev?.of_node) {
    const node = of_get_regulator(dev, supply);
    if (node) {
      const r = st.list.find((x) => x.of_node === node);
      of_node_put(node);
      // A node without its device yet: the provider has not registered.
      return r ?? -EPROBE_DEFER;
    }
  }
  const devname = dev ? dev_name(dev) : null;
  const m = st.map.find((x) => (!x.dev_name || x.dev_name === devname) && x.supply === supply);
  if (m) return m.rdev;
  return st.list.find((r) => rdev_get_name(r) === supply) ?? -ENODEV;
}

/** create_regulator(): the consumer's handle, and "<consumer>-<supply>" in the regulator's directory linking to it. */
function create_regulator(rdev: regulator_dev, dev: device | null, supply: string): regulator {
  const name = dev ? `${dev.kobj.name}-${supply}` : supply;
  const r: regulator = { rdev, dev, supply_name: name, enable_count: 0, uA_load: 0, min_uV: 0, max_uV: 0 };
  rdev.consumer_list.unshift(r);
  if (dev) sysfs_create_link_nowarn(rdev.dev.kobj, dev.kobj, name);
  return r;
}

function destroy_regulator(r: regulator): void {
  if (r.dev) sysfs_remove_link(r.rdev.dev.kobj, r.supply_name);
  r.rdev.consumer_list = r.rdev.consumer_list.filter((x) => x !== r);
  r.rdev.open_count--;
  r.rdev.exclusive = false;
}

/** _regulator_get(): the supply's regulator, or the dummy for a normal get on a board that describes every supply. */
export function* _regulator_get(dev: device | null, id: string | null, get_type: number): KGen<regulator | number> {
  if (id === null) { pr_err('get() with no identifier\n'); return -EINVAL; }
  let rdev = regulator_dev_lookup(dev, id);
  if (typeof rdev === 'number') {
    if (rdev !== -ENODEV) return rdev;
    if (!have_full_constraints()) {
      if (dev) dev_warn(dev, 'incomplete constraints, dummy supplies not allowed\n');
      return -ENODEV;
    }
    if (get_type !== NORMAL_GET) {
      if (get_type === EXCLUSIVE_GET && dev) dev_warn(dev, 'dummy supplies not allowed for exclusive requests\n');
      return -ENODEV;
    }
    const dummy = regState().dummy;
    if (!dummy) return -EPROBE_DEFER;
    if (dev) dev_warn(dev, `supply ${id} not found, using dummy regulator\n`);
    rdev = dummy;
  }
  if (rdev.exclusive) return -EPERM;
  if (get_type === EXCLUSIVE_GET && rdev.open_count) return -EBUSY;
  get_device(rdev.dev);
  const regulator = create_regulator(rdev, dev, id);
  rdev.open_count++;
  if (get_type === EXCLUSIVE_GET) {
    rdev.exclusive = true;
    const on = (yield* _regulator_is_enabled(rdev)) > 0;
    rdev.use_count = regulator.enable_count = on ? 1 : 0;
  }
  return regulator;
}

export const regulator_get = (dev: device | null, id: string | null): KGen<regulator | number> => _regulator_get(dev, id, NORMAL_GET);
export const regulator_get_exclusive = (dev: device | null, id: string | null): KGen<regulator | number> => _regulator_get(dev, id, EXCLUSIVE_GET);
export const regulator_get_optional = (dev: device | null, id: string | null): KGen<regulator | number> => _regulator_get(dev, id, OPTIONAL_GET);

/** regulator_put(): a consumer still holding it enabled is a bug (WARN_ON(regulator->enable_count)). */
export function regulator_put(r: regulator | null): void {
  if (!r) return;
  WARN(r.enable_count !== 0, 2430, '_regulator_put');
  destroy_regulator(r);
  put_device(r.rdev.dev);
}

/** devm_regulator_get*(): put when the consumer unbinds. */
export function* _devm_regulator_get(dev: device, id: string, get_type: number): KGen<regulator | number> {
  const r = yield* _regulator_get(dev, id, get_type);
  if (typeof r !== 'number') devres_add(dev, devres_alloc(() => regulator_put(r), 0, 'devm_regulator_release', r));
  return r;
}

/** devm_regulator_put(): the managed put done early. */
export function devm_regulator_put(r: regulator): void {
  // devres_release() finds the managed get or the caller put something it never got managed.
  if (r.dev && devres_release(r.dev, (n) => n.data === r) === 0) return;
  __warn('drivers/regulator/devres.c', 171, 'devm_regulator_put', '');
}

/** _regulator_enable(): the supply first; the hardware switched on by the first user; use_count per enabled consumer. */
function* _regulator_enable(regulator: regulator): KGen<number> {
  const rdev = regulator.rdev;
  if (rdev.supply) {
    const r = yield* _regulator_enable(rdev.supply);
    if (r) return r;
  }
  regulator.enable_count++;
  let ret = 0;
  if (rdev.use_count === 0) {
    ret = yield* _regulator_is_enabled(rdev);
    if (ret === -EINVAL || ret === 0) {
      if (!regulator_ops_is_valid(rdev, REGULATOR_CHANGE_STATUS)) ret = -EPERM;
      else ret = yield* _regulator_do_enable(rdev);
    } else if (ret < 0) {
      rdev_err(rdev, `is_enabled() failed: ${ret}\n`);
    } else ret = 0;
  }
  if (ret < 0) {
    regulator.enable_count--;
    if (rdev.supply) yield* _regulator_disable(rdev.supply);
    return ret;
  }
  if (regulator.enable_count === 1) rdev.use_count++;
  return 0;
}

/** _regulator_disable(): the last user of a switchable, not always-on regulator switches it off; then the supply. */
function* _regulator_disable(regulator: regulator): KGen<number> {
  const rdev = regulator.rdev;
  if (WARN(regulator.enable_count === 0, 3038, '_regulator_disable', `unbalanced disables for ${rdev_get_name(rdev)}`)) return -EIO;
  if (regulator.enable_count === 1) {
    if (rdev.use_count === 1 && !rdev.constraints.always_on) {
      if (regulator_ops_is_valid(rdev, REGULATOR_CHANGE_STATUS) && rdev.desc.ops.disable) {
        const ret = yield* call_maybe_gen(rdev.desc.ops.disable(rdev));
        if (ret < 0) { rdev_err(rdev, `failed to disable: ${ret}\n`); return ret; }
      }
      rdev.use_count = 0;
    } else if (rdev.use_count > 1) rdev.use_count--;
  }
  regulator.enable_count--;
  return rdev.supply ? yield* _regulator_disable(rdev.supply) : 0;
}

export const regulator_enable = (r: regulator): KGen<number> => _regulator_enable(r);
export const regulator_disable = (r: regulator): KGen<number> => _regulator_disable(r);

/** regulator_is_enabled(): the hardware's state (an exclusive user sees its own count). */
export function* regulator_is_enabled(r: regulator): KGen<number> {
  if (r.rdev.exclusive && r.rdev.constraints.always_on) return r.enable_count;
  return yield* _regulator_is_enabled(r.rdev);
}

/** regulator_get_voltage_rdev(): the op, a fixed output, else the supply's voltage; -EINVAL when nothing knows. */
export function* regulator_get_voltage_rdev(rdev: regulator_dev): KGen<number> {
  if (rdev.desc.ops.get_voltage) return yield* call_maybe_gen(rdev.desc.ops.get_voltage(rdev));
  if (rdev.desc.fixed_uV && rdev.desc.n_voltages === 1) return rdev.desc.fixed_uV;
  if (rdev.supply) return yield* regulator_get_voltage_rdev(rdev.supply.rdev);
  return -EINVAL;
}
export const regulator_get_voltage = (r: regulator): KGen<number> => regulator_get_voltage_rdev(r.rdev);

/** regulator_check_voltage(): clamp to the constraints; refused when the board does not allow voltage changes. */
function regulator_check_voltage(rdev: regulator_dev, range: { min: number; max: number }): number {
  if (!regulator_ops_is_valid(rdev, REGULATOR_CHANGE_VOLTAGE)) { rdev_err(rdev, 'voltage operation not allowed\n'); return -EPERM; }
  if (range.max > rdev.constraints.max_uV) range.max = rdev.constraints.max_uV;
  if (range.min < rdev.constraints.min_uV) range.min = rdev.constraints.min_uV;
  if (range.min > range.max) { rdev_err(rdev, `unsupportable voltage range: ${range.min}-${range.max}uV\n`); return -EINVAL; }
  return 0;
}

/** regulator_check_consumers(): the range every enabled consumer's request allows. */
function regulator_check_consumers(rdev: regulator_dev, range: { min: number; max: number }): number {
  for (const c of rdev.consumer_list) {
    if (!c.enable_count || (!c.min_uV && !c.max_uV)) continue;
    if (range.max > c.max_uV) range.max = c.max_uV;
    if (range.min < c.min_uV) range.min = c.min_uV;
  }
  if (range.min > range.max) { rdev_err(rdev, `Restricting voltage, ${range.min}-${range.max}uV\n`); return -EINVAL; }
  return 0;
}

/** regulator_set_voltage(): the consumer's request, clamped by the constraints and the other consumers', then the op. */
export function* regulator_set_voltage(r: regulator, min_uV: number, max_uV: number): KGen<number> {
  const rdev = r.rdev;
  if (r.min_uV === min_uV && r.max_uV === max_uV) return 0;
  if (!regulator_ops_is_valid(rdev, REGULATOR_CHANGE_VOLTAGE)) {
    const cur = yield* regulator_get_voltage_rdev(rdev);
    if (min_uV <= cur && cur <= max_uV) { r.min_uV = min_uV; r.max_uV = max_uV; return 0; }
  }
  if (!rdev.desc.ops.set_voltage) return -EINVAL;
  const range = { min: min_uV, max: max_uV };
  let ret = regulator_check_voltage(rdev, range);
  if (ret) return ret;
  const old = { min: r.min_uV, max: r.max_uV };
  r.min_uV = range.min; r.max_uV = range.max;
  const need = { min: range.min, max: range.max };
  ret = regulator_check_consumers(rdev, need);
  if (!ret) ret = yield* call_maybe_gen(rdev.desc.ops.set_voltage(rdev, need.min, need.max));
  if (ret < 0) { r.min_uV = old.min; r.max_uV = old.max; }
  return ret < 0 ? ret : 0;
}

// ---- bulk --------------------------------------------------------------------------

/** regulator_bulk_data: the supply name in, the consumer out. */
export interface regulator_bulk_data { supply: string; consumer: regulator | null; ret: number }

/** regulator_bulk_get(): every supply or none; the failing one named. */
export function* regulator_bulk_get(dev: device, consumers: regulator_bulk_data[], devm = false): KGen<number> {
  for (const c of consumers) c.consumer = null;
  for (let i = 0; i < consumers.length; i++) {
    const r = devm ? yield* _devm_regulator_get(dev, consumers[i]!.supply, NORMAL_GET) : yield* regulator_get(dev, consumers[i]!.supply);
    if (typeof r === 'number') {
      if (r !== -EPROBE_DEFER) dev_err(dev, `Failed to get supply '${consumers[i]!.supply}': ${r}\n`);
      for (let j = 0; j < i; j++) { if (devm) devm_regulator_put(consumers[j]!.consumer!); else regulator_put(consumers[j]!.consumer); consumers[j]!.consumer = null; }
      return r;
    }
    consumers[i]!.consumer = r;
  }
  return 0;
}

/** regulator_bulk_enable(): all or none (the ones enabled are disabled again on a failure). */
export function* regulator_bulk_enable(consumers: regulator_bulk_data[]): KGen<number> {
  for (const c of consumers) c.ret = yield* regulator_enable(c.consumer!);
  const bad = consumers.find((c) => c.ret < 0);
  if (!bad) return 0;
  for (const c of consumers) {
    if (c.ret < 0) pr_err(`Failed to enable ${c.supply}: ${c.ret}\n`);
    else yield* regulator_disable(c.consumer!);
  }
  return bad.ret;
}

/** regulator_bulk_disable(): in reverse; a failure re-enables the ones already off. */
export function* regulator_bulk_disable(consumers: regulator_bulk_data[]): KGen<number> {
  for (let i = consumers.length - 1; i >= 0; i--) {
    const ret = yield* regulator_disable(consumers[i]!.consumer!);
    if (ret) {
      pr_err(`Failed to disable ${consumers[i]!.supply}: ${ret}\n`);
      for (++i; i < consumers.length; ++i) yield* regulator_enable(consumers[i]!.consumer!);
      return ret;
    }
  }
  return 0;
}

export function regulator_bulk_free(consumers: regulator_bulk_data[]): void {
  for (const c of consumers) { regulator_put(c.consumer); c.consumer = null; }
}

// ---- init --------------------------------------------------------------------------

/** regulator_init(): the class, then the dummy (regulator_dummy_init); core_initcall. */
function regulator_init(): number {
  const cls: class_ = { name: 'regulator', dev_groups: [regulator_dev_group] };
  const r = class_register(cls);
  if (r) return r;
  regState().cls = cls;
  return 0;
}

export const initcalls: initcall_entry[] = [['core', 'regulator_init', regulator_init, 3_000]];
