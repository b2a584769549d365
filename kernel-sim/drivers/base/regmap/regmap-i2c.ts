// Models linux/drivers/base/regmap/regmap-i2c.c: regmap_get_i2c_bus picks plain I2C transfers when the adapter has I2C_FUNC_I2C, else SMBus word (16-bit values, swapped for big-endian chips) or byte data (8-bit).
import type { KGen } from '../../../include/linux/sched.ts';
import { EIO, ENOTSUPP } from '../../../include/uapi/asm-generic/errno.ts';
import {
  I2C_FUNC_I2C, I2C_FUNC_SMBUS_BYTE_DATA, I2C_FUNC_SMBUS_WORD_DATA, I2C_M_RD, i2c_check_functionality, type i2c_client,
} from '../../../include/linux/i2c.ts';
import { i2c_transfer } from '../../i2c/i2c-core-base.ts';
import {
  i2c_smbus_read_byte_data, i2c_smbus_write_byte_data, i2c_smbus_read_word_data, i2c_smbus_write_word_data, i2c_smbus_read_word_swapped,
  i2c_smbus_write_word_swapped,
} from '../../i2c/i2c-core-smbus.ts';
import { __devm_regmap_init, __regmap_init, type regmap, type regmap_bus, type regmap_config } from './regmap.ts';

interface i2c_ctx { client: i2c_client; reg_bytes: number; val_bytes: number }

const value = (r: number): number | { err: number } => (r < 0 ? { err: r } : r);
const be = (v: number, n: number): number[] => Array.from({ length: n }, (_, i) => (v >>> (8 * (n - 1 - i))) & 0xff);

const smbus = (name: string, read: (c: i2c_client, reg: number) => KGen<number>, write: (c: i2c_client, reg: number, val: number) => KGen<number>): regmap_bus => ({
  name,
  *reg_read(ctx, reg) { return value(yield* read((ctx as i2c_ctx).client, reg)); },
  *reg_write(ctx, reg, val) { return yield* write((ctx as i2c_ctx).client, reg, val); },
});

const regmap_smbus_byte = smbus('smbus-byte', i2c_smbus_read_byte_data, i2c_smbus_write_byte_data);
const regmap_smbus_word = smbus('smbus-word', i2c_smbus_read_word_data, i2c_smbus_write_word_data);
const regmap_smbus_word_swapped = smbus('smbus-word-swapped', i2c_smbus_read_word_swapped, i2c_smbus_write_word_swapped);

/** regmap_i2c: a register read is a write of the register then a read with a repeated start; a write is one message. */
const regmap_i2c: regmap_bus = {
  name: 'i2c',
  *reg_read(ctx, reg) {
    const c = ctx as i2c_ctx;
    const buf = new Uint8Array(c.val_bytes);
    const r = yield* i2c_transfer(c.client.adapter, [
      { addr: c.client.addr, flags: 0, len: c.reg_bytes, buf: Uint8Array.from(be(reg, c.reg_bytes)) },
      { addr: c.client.addr, flags: I2C_M_RD, len: c.val_bytes, buf },
    ]);
    if (r !== 2) return { err: r < 0 ? r : -EIO };
    return buf.reduce((v, b) => v * 256 + b, 0);
  },
  *reg_write(ctx, reg, val) {
    const c = ctx as i2c_ctx;
    const buf = Uint8Array.from([...be(reg, c.reg_bytes), ...be(val, c.val_bytes)]);
    const r = yield* i2c_transfer(c.client.adapter, [{ addr: c.client.addr, flags: 0, len: buf.length, buf }]);
    return r === 1 ? 0 : r < 0 ? r : -EIO;
  },
};

/** regmap_get_i2c_bus(); values default to big-endian (regmap_get_val_endian without a bus). */
function regmap_get_i2c_bus(client: i2c_client, config: regmap_config): regmap_bus | number {
  const a = client.adapter;
  if (i2c_check_functionality(a, I2C_FUNC_I2C)) return regmap_i2c;
  if (config.val_bits === 16 && config.reg_bits === 8 && i2c_check_functionality(a, I2C_FUNC_SMBUS_WORD_DATA)) {
    return config.val_format_endian === 'little' ? regmap_smbus_word : regmap_smbus_word_swapped;
  }
  if (config.val_bits === 8 && config.reg_bits === 8 && i2c_check_functionality(a, I2C_FUNC_SMBUS_BYTE_DATA)) return regmap_smbus_byte;
  return -ENOTSUPP;
}

const ctx_of = (client: i2c_client, config: regmap_config): i2c_ctx => ({ client, reg_bytes: config.reg_bits / 8, val_bytes: config.val_bits / 8 });

export function regmap_init_i2c(client: i2c_client, config: regmap_config): regmap | number {
  const bus = regmap_get_i2c_bus(client, config);
  return typeof bus === 'number' ? bus : __regmap_init(client.dev, bus, ctx_of(client, config), config);
}

export function devm_regmap_init_i2c(client: i2c_client, config: regmap_config): regmap | number {
  const bus = regmap_get_i2c_bus(client, config);
  return typeof bus === 'number' ? bus : __devm_regmap_init(client.dev, bus, ctx_of(client, config), config);
}
