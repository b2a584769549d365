// Models linux/drivers/hwmon/hwmon.c and include/linux/hwmon.h: the hwmon class (hwmonN below the sensor's device), sysfs attributes generated from hwmon_chip_info (tempN_input, tempN_max ...), and the register/unregister API with its devm forms.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { EINVAL, ENOMEM, EOPNOTSUPP } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import type { attribute, attribute_group } from '../../fs/sysfs/sysfs.ts';
import type { class_, device, device_attribute } from '../base/base.ts';
import { call_maybe_gen } from '../base/base.ts';
import { class_register } from '../base/class.ts';
import { dev_name, dev_set_name, dev_warn, device_add, device_alloc, device_initialize, device_unregister, put_device } from '../base/core.ts';
import { devres_add, devres_alloc } from '../base/devres.ts';
import { run_sync } from '../base/sync.ts';

/** enum hwmon_sensor_types. */
export const hwmon_chip = 0, hwmon_temp = 1, hwmon_in = 2, hwmon_curr = 3, hwmon_power = 4, hwmon_energy = 5, hwmon_humidity = 6, hwmon_fan = 7, hwmon_pwm = 8, hwmon_intrusion = 9;
/** Attribute templates per type, indexed by the attribute enum (include/linux/hwmon.h order); a bit per attribute in the config words. */
const CHIP_ATTRS = ['temp_reset_history', 'in_reset_history', 'curr_reset_history', 'power_reset_history', null, 'update_interval', 'alarms', 'samples', 'curr_samples', 'in_samples', 'power_samples', 'temp_samples'];
const TEMP_ATTRS = ['enable', 'input', 'type', 'lcrit', 'lcrit_hyst', 'min', 'min_hyst', 'max', 'max_hyst', 'crit', 'crit_hyst', 'emergency', 'emergency_hyst',
  'alarm', 'lcrit_alarm', 'min_alarm', 'max_alarm', 'crit_alarm', 'emergency_alarm', 'fault', 'offset', 'label', 'lowest', 'highest', 'reset_history', 'rated_min', 'rated_max'];
const IN_ATTRS = ['enable', 'input', 'min', 'max', 'lcrit', 'crit', 'average', 'lowest', 'highest', 'reset_history', 'label', 'alarm', 'min_alarm', 'max_alarm',
  'lcrit_alarm', 'crit_alarm', 'rated_min', 'rated_max'];
const FAN_ATTRS = ['enable', 'input', 'label', 'min', 'max', 'div', 'pulses', 'target', 'alarm', 'min_alarm', 'max_alarm', 'fault'];
const HUMIDITY_ATTRS = ['enable', 'input', 'label', 'min', 'min_hyst', 'max', 'max_hyst', 'alarm', 'fault', 'rated_min', 'rated_max'];
const PWM_ATTRS = ['', 'enable', 'mode', 'freq', 'auto_channels_temp'];
const TEMPLATES: Readonly<Record<number, { prefix: string; attrs: ReadonlyArray<string | null> }>> = {
  [hwmon_chip]: { prefix: '', attrs: CHIP_ATTRS }, [hwmon_temp]: { prefix: 'temp', attrs: TEMP_ATTRS }, [hwmon_in]: { prefix: 'in', attrs: IN_ATTRS },
  [hwmon_fan]: { prefix: 'fan', attrs: FAN_ATTRS }, [hwmon_humidity]: { prefix: 'humidity', attrs: HUMIDITY_ATTRS }, [hwmon_pwm]: { prefix: 'pwm', attrs: PWM_ATTRS },
};
/** Attributes shown as strings (read_string). */
const LABELS = new Set(['label']);

export const HWMON_T_INPUT = 1 << 1, HWMON_T_MAX = 1 << 7, HWMON_T_MAX_HYST = 1 << 8, HWMON_T_MIN = 1 << 5, HWMON_T_CRIT = 1 << 9, HWMON_T_ALARM = 1 << 13;
export const HWMON_T_LABEL = 1 << 21, HWMON_C_UPDATE_INTERVAL = 1 << 5, HWMON_I_INPUT = 1 << 1, HWMON_F_INPUT = 1 << 1;
export const hwmon_temp_input = 1, hwmon_temp_max = 7, hwmon_temp_max_hyst = 8, hwmon_temp_alarm = 13, hwmon_chip_update_interval = 5;

export interface hwmon_ops {
  is_visible(drvdata: unknown, type: number, attr: number, channel: number): number;
  /** 0 with the value, or -errno. */
  read?(dev: device, type: number, attr: number, channel: number): [number, number] | KGen<[number, number]>;
  read_string?(dev: device, type: number, attr: number, channel: number): string | number;
  write?(dev: device, type: number, attr: number, channel: number, val: number): number | KGen<number>;
}
/** hwmon_channel_info: one word of HWMON_*_ bits per channel. */
export interface hwmon_channel_info { type: number; config: number[] }
export interface hwmon_chip_info { ops: hwmon_ops; info: hwmon_channel_info[] }

/** struct hwmon_device: the class device and what its attributes call. */
export interface hwmon_device { name: string; dev: device; chip: hwmon_chip_info | null; drvdata: unknown; parent: device | null }

interface HwmonState { cls: class_ | null; ids: Set<number> }
const hwmonState = defineState<HwmonState>('hwmon', () => ({ cls: null, ids: new Set() }));

const to_hwmon = (dev: device): hwmon_device => dev.container as hwmon_device;
export const hwmon_get_drvdata = (dev: device): unknown => to_hwmon(dev).drvdata;

const dev_attr_name: device_attribute = { name: 'name', mode: 0o444, show: (dev) => `${to_hwmon(dev).name}\n` };

/** hwmon_attr_base(): in and intrusion count from 0, everything else from 1. */
const hwmon_attr_base = (type: number): number => (type === hwmon_in || type === hwmon_intrusion ? 0 : 1);

/** hwmon_genattr(): one sysfs file for (type, attr, channel) that calls the chip's read/write. */
function hwmon_genattr(hw: hwmon_device, type: number, attr: number, channel: number, mode: number): device_attribute | null {
  const t = TEMPLATES[type];
  const what = t?.attrs[attr];
  if (!t || what === null || what === undefined) return null;
  const name = type === hwmon_chip ? what : what ? `${t.prefix}${channel + hwmon_attr_base(type)}_${what}` : `${t.prefix}${channel + hwmon_attr_base(type)}`;
  const ops = hw.chip!.ops;
  const is_string = LABELS.has(what);
  const a: device_attribute = {
    name, mode,
    *show(dev: device) {
      if (is_string) {
        const s = ops.read_string?.(dev, type, attr, channel) ?? -EOPNOTSUPP;
        return typeof s === 'number' ? s : `${s}\n`;
      }
      if (!ops.read) return -EOPNOTSUPP;
      const [err, val] = yield* call_maybe_gen(ops.read(dev.parent!, type, attr, channel));
      return err < 0 ? err : `${val}\n`;
    },
    *store(dev: device, _a: device_attribute, buf: string) {
      const v = /^\s*(-?\d+)\s*$/.exec(buf);
      if (!v) return -EINVAL;
      if (!ops.write) return -EOPNOTSUPP;
      const err = yield* call_maybe_gen(ops.write(dev.parent!, type, attr, channel, Number(v[1])));
      return err < 0 ? err : buf.length;
    },
  };
  return a;
}

/** __hwmon_create_attrs(): every attribute the config words name and is_visible allows. */
function hwmon_create_attrs(hw: hwmon_device): attribute[] {
  const out: attribute[] = [];
  for (const info of hw.chip!.info) {
    info.config.forEach((word, channel) => {
      for (let attr = 0; attr < 32; attr++) {
        if (!(word & (1 << attr))) continue;
        const mode = hw.chip!.ops.is_visible(hw.drvdata, info.type, attr, channel);
        if (!mode) continue;
        const a = hwmon_genattr(hw, info.type, attr, channel, mode);
        if (a) out.push(a);
      }
    });
  }
  return out;
}

/** __hwmon_device_register(): hwmonN in the hwmon class, below `dev`. */
function* __hwmon_device_register(dev: device | null, name: string | null, drvdata: unknown, chip: hwmon_chip_info | null, groups: attribute_group[] | null): KGen<hwmon_device | number> {
  const st = hwmonState();
  if (!st.cls) return -ENOMEM;
  if (name && (!name.length || /[-* \t\n]/.test(name))) dev_warn(dev!, `hwmon: '${name}' is not a valid name attribute, please fix`);
  let id = 0;
  while (st.ids.has(id)) id++;
  st.ids.add(id);
  const hdev = device_alloc(null);
  const hw: hwmon_device = { name: name ?? '', dev: hdev, chip, drvdata, parent: dev };
  hdev.container = hw;
  device_initialize(hdev);
  hdev.class = st.cls;
  hdev.parent = dev;
  hdev.driver_data = drvdata;
  const own: attribute[] = [...(name ? [dev_attr_name] : []), ...(chip ? hwmon_create_attrs(hw) : [])];
  hdev.groups = [{ attrs: own }, ...(groups ?? [])];
  hdev.release = () => { hwmonState().ids.delete(id); };
  dev_set_name(hdev, `hwmon${id}`);
  const r = yield* device_add(hdev);
  if (r) {
    put_device(hdev);
    return r;
  }
  return hw;
}

/** hwmon_device_register_with_info(): a chip described by hwmon_chip_info (the modern API). */
export function* hwmon_device_register_with_info(dev: device | null, name: string, drvdata: unknown, chip: hwmon_chip_info | null, extra_groups: attribute_group[] | null): KGen<hwmon_device | number> {
  if (!name) return -EINVAL;
  if (chip && (!chip.ops || !chip.ops.is_visible || !chip.info)) return -EINVAL;
  if (chip && !dev) return -EINVAL;
  return yield* __hwmon_device_register(dev, name, drvdata, chip, extra_groups);
}

/** hwmon_device_register_with_groups(): the driver's own attribute groups, with "name". */
export function* hwmon_device_register_with_groups(dev: device | null, name: string, drvdata: unknown, groups: attribute_group[] | null): KGen<hwmon_device | number> {
  if (!name) return -EINVAL;
  return yield* __hwmon_device_register(dev, name, drvdata, null, groups);
}

export function* hwmon_device_unregister(hw: hwmon_device): KGen<void> {
  yield* device_unregister(hw.dev);
}

/** devm_*: unregistered when the parent's driver unbinds. */
function* devm_register(dev: device, r: hwmon_device | number): KGen<hwmon_device | number> {
  if (typeof r === 'number') return r;
  // devm_hwmon_release(): unregistering a class device does not sleep unless a lock is contended.
  devres_add(dev, devres_alloc(() => run_sync(device_unregister(r.dev), 'devm_hwmon_release'), 0, 'devm_hwmon_release', r));
  yield* [];
  return r;
}
export function* devm_hwmon_device_register_with_info(dev: device, name: string, drvdata: unknown, chip: hwmon_chip_info | null, extra_groups: attribute_group[] | null): KGen<hwmon_device | number> {
  return yield* devm_register(dev, yield* hwmon_device_register_with_info(dev, name, drvdata, chip, extra_groups));
}
export function* devm_hwmon_device_register_with_groups(dev: device, name: string, drvdata: unknown, groups: attribute_group[] | null): KGen<hwmon_device | number> {
  return yield* devm_register(dev, yield* hwmon_device_register_with_groups(dev, name, drvdata, groups));
}

/** The hwmon device's sysfs name, for drivers' log lines ("hwmon0"). */
export const hwmon_dev_name = (hw: hwmon_device): string => dev_name(hw.dev);

/** hwmon_init(): the class; subsys_initcall. */
function hwmon_init(): number {
  const cls: class_ = { name: 'hwmon' };
  const r = class_register(cls);
  if (r) return r;
  hwmonState().cls = cls;
  return 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'hwmon_init', hwmon_init, 20_000]];
