// Models linux/drivers/hwmon/lm75.c (lm75.ko): the LM75 family on I2C — probe clears shutdown, hwmon temp1_input/temp1_max/temp1_max_hyst and update_interval through devm_hwmon_device_register_with_info.
import type { KGen } from '../../include/linux/sched.ts';
import { type i2c_client, type i2c_device_id, type i2c_driver, I2C_FUNC_SMBUS_BYTE_DATA, I2C_FUNC_SMBUS_WORD_DATA, i2c_check_functionality, i2c_set_clientdata } from '../../include/linux/i2c.ts';
import { EIO, EOPNOTSUPP } from '../../include/uapi/asm-generic/errno.ts';
import type { ts_module_def } from '../../kernel/module/obj_m.ts';
import type { device, of_device_id } from '../base/base.ts';
import { dev_info } from '../base/core.ts';
import { i2c_del_driver, i2c_register_driver } from '../i2c/i2c-core-base.ts';
import { i2c_smbus_read_byte_data, i2c_smbus_read_word_swapped, i2c_smbus_write_byte_data, i2c_smbus_write_word_swapped } from '../i2c/i2c-core-smbus.ts';
import {
  HWMON_C_UPDATE_INTERVAL, HWMON_T_INPUT, HWMON_T_MAX, HWMON_T_MAX_HYST, type hwmon_chip_info, devm_hwmon_device_register_with_info, hwmon_chip,
  hwmon_chip_update_interval, hwmon_dev_name, hwmon_temp, hwmon_temp_input, hwmon_temp_max, hwmon_temp_max_hyst,
} from './hwmon.ts';

/** The LM75 registers. */
const LM75_REG_TEMP = 0x00, LM75_REG_CONF = 0x01, LM75_REG_HYST = 0x02, LM75_REG_MAX = 0x03;
const LM75_SHUTDOWN = 0x01;
const LM75_TEMP_MIN = -55000, LM75_TEMP_MAX = 125000;

/** lm75_params: the chip's resolution and conversion time (all members of this family are 9-bit, 100 ms here). */
interface lm75_params { default_resolution: number; default_sample_time: number }
const LM75: lm75_params = { default_resolution: 9, default_sample_time: 100 };

interface lm75_data { client: i2c_client; orig_conf: number; resolution: number; sample_time: number; params: lm75_params }

/** lm75_reg_to_mc(): the left-aligned register to millidegrees at the chip's resolution. */
const lm75_reg_to_mc = (temp: number, resolution: number): number => ((((temp << 16) >> 16) >> (16 - resolution)) * 1000) >> (resolution - 8);

function* lm75_read(dev: device, type: number, attr: number, _channel: number): KGen<[number, number]> {
  const data = dev.driver_data as lm75_data;
  if (type === hwmon_chip) return attr === hwmon_chip_update_interval ? [0, data.sample_time] : [-EOPNOTSUPP, 0];
  if (type !== hwmon_temp) return [-EOPNOTSUPP, 0];
  const reg = attr === hwmon_temp_input ? LM75_REG_TEMP : attr === hwmon_temp_max ? LM75_REG_MAX : attr === hwmon_temp_max_hyst ? LM75_REG_HYST : -1;
  if (reg < 0) return [-EOPNOTSUPP, 0];
  const v = yield* i2c_smbus_read_word_swapped(data.client, reg);
  if (v < 0) return [v, 0];
  return [0, lm75_reg_to_mc(v, data.resolution)];
}

/** lm75_write_temp(): clamped, rounded to the resolution, left-aligned. */
function* lm75_write(dev: device, type: number, attr: number, _channel: number, temp: number): KGen<number> {
  const data = dev.driver_data as lm75_data;
  if (type !== hwmon_temp) return -EOPNOTSUPP;
  const reg = attr === hwmon_temp_max ? LM75_REG_MAX : attr === hwmon_temp_max_hyst ? LM75_REG_HYST : -1;
  if (reg < 0) return -EOPNOTSUPP;
  const res = data.resolution;
  const t = Math.max(LM75_TEMP_MIN, Math.min(LM75_TEMP_MAX, temp));
  const half = Math.round((t * (1 << (res - 8))) / 1000);
  const ret = yield* i2c_smbus_write_word_swapped(data.client, reg, (half << (16 - res)) & 0xffff);
  return ret < 0 ? ret : 0;
}

function lm75_is_visible(_data: unknown, type: number, attr: number): number {
  if (type === hwmon_chip) return attr === hwmon_chip_update_interval ? 0o444 : 0;
  if (type === hwmon_temp) return attr === hwmon_temp_input ? 0o444 : attr === hwmon_temp_max || attr === hwmon_temp_max_hyst ? 0o644 : 0;
  return 0;
}

const lm75_chip_info: hwmon_chip_info = {
  ops: { is_visible: lm75_is_visible, read: lm75_read, write: lm75_write },
  info: [{ type: hwmon_chip, config: [HWMON_C_UPDATE_INTERVAL] }, { type: hwmon_temp, config: [HWMON_T_INPUT | HWMON_T_MAX | HWMON_T_MAX_HYST] }],
};

/** lm75_probe(): needs byte and word data; leaves shutdown; registers hwmon and says so. */
function* lm75_probe(client: i2c_client): KGen<number> {
  const dev = client.dev;
  if (!i2c_check_functionality(client.adapter, I2C_FUNC_SMBUS_BYTE_DATA | I2C_FUNC_SMBUS_WORD_DATA)) return -EIO;
  const data: lm75_data = { client, orig_conf: 0, resolution: LM75.default_resolution, sample_time: LM75.default_sample_time, params: LM75 };
  i2c_set_clientdata(client, data);
  const status = yield* i2c_smbus_read_byte_data(client, LM75_REG_CONF);
  if (status < 0) return status;
  data.orig_conf = status;
  const conf = status & ~LM75_SHUTDOWN;
  if (conf !== status) {
    const r = yield* i2c_smbus_write_byte_data(client, LM75_REG_CONF, conf);
    if (r < 0) return r;
  }
  const hw = yield* devm_hwmon_device_register_with_info(dev, client.name, data, lm75_chip_info, null);
  if (typeof hw === 'number') return hw;
  dev_info(dev, `${hwmon_dev_name(hw)}: sensor '${client.name}'`);
  return 0;
}

/** lm75_remove(): the chip goes back to its original configuration. */
function* lm75_remove(client: i2c_client): KGen<void> {
  const data = client.dev.driver_data as lm75_data;
  yield* i2c_smbus_write_byte_data(client, LM75_REG_CONF, data.orig_conf);
}

const lm75_ids: i2c_device_id[] = [
  { name: 'lm75' }, { name: 'lm75a' }, { name: 'lm75b' }, { name: 'ds75' }, { name: 'tmp75' }, { name: 'tcn75' }, { name: 'stds75' },
];
const lm75_of_match: of_device_id[] = [
  { compatible: 'national,lm75' }, { compatible: 'national,lm75a' }, { compatible: 'national,lm75b' }, { compatible: 'maxim,ds75' },
  { compatible: 'ti,tmp75' }, { compatible: 'microchip,tcn75' }, { compatible: 'st,stds75' },
];

export const lm75_driver: i2c_driver = { driver: { name: 'lm75', of_match_table: lm75_of_match }, probe_new: lm75_probe, remove: lm75_remove, id_table: lm75_ids };

/** obj-m: lm75.ko (CONFIG_SENSORS_LM75=m); udev loads it from the client's of: or i2c: modalias. */
export const obj_m: readonly ts_module_def[] = [{
  name: 'lm75',
  path: 'kernel/drivers/hwmon/lm75.ko',
  description: 'LM75 driver',
  license: 'GPL',
  author: 'Frodo Looijaard <frodol@dds.nl>',
  alias: [
    ...lm75_of_match.flatMap((m) => [`of:N*T*C${m.compatible}C*`, `of:N*T*C${m.compatible}`]),
    ...lm75_ids.map((id) => `i2c:${id.name}`),
  ],
  size: 28672,
  init: () => i2c_register_driver('lm75', lm75_driver),
  exit: () => i2c_del_driver(lm75_driver),
}];
