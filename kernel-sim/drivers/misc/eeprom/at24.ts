// Models linux/drivers/misc/eeprom/at24.c (at24.ko): I2C EEPROMs of the 24cXX family — geometry from the chip table and "pagesize", reads and page-bounded writes over SMBus byte data, the nvmem device and the legacy "eeprom" file.
import type { KGen } from '../../../include/linux/sched.ts';
import {
  I2C_FUNC_I2C, I2C_FUNC_SMBUS_BYTE_DATA, I2C_FUNC_SMBUS_WRITE_I2C_BLOCK, type i2c_client, type i2c_device_id, type i2c_driver,
  i2c_check_functionality, i2c_set_clientdata,
} from '../../../include/linux/i2c.ts';
import { ENODEV, EPFNOSUPPORT } from '../../../include/uapi/asm-generic/errno.ts';
import type { ts_module_def } from '../../../kernel/module/obj_m.ts';
import type { of_device_id } from '../../base/base.ts';
import { dev_err, dev_info } from '../../base/core.ts';
import { be32, of_find_property } from '../../of/base.ts';
import { i2c_del_driver, i2c_match_id, i2c_register_driver } from '../../i2c/i2c-core-base.ts';
import { i2c_of_match_device } from '../../i2c/i2c-core-of.ts';
import { i2c_smbus_read_byte_data, i2c_smbus_write_byte_data } from '../../i2c/i2c-core-smbus.ts';
import { NVMEM_DEVID_AUTO, NVMEM_TYPE_EEPROM, devm_nvmem_register } from '../../nvmem/core.ts';

const AT24_FLAG_READONLY = 1 << 6, AT24_FLAG_IRUGO = 1 << 5;
/** at24_chip_data: size in bytes and flags (AT24_CHIP_DATA(name, bits / 8, flags)). */
interface at24_chip_data { byte_len: number; flags: number }
const at24_data_24c01: at24_chip_data = { byte_len: 1024 / 8, flags: AT24_FLAG_IRUGO };
const at24_data_24c02: at24_chip_data = { byte_len: 2048 / 8, flags: AT24_FLAG_IRUGO };

interface at24_data { client: i2c_client; byte_len: number; page_size: number; write_max: number; flags: number }

/** at24_read(): byte-data reads (what regmap's SMBus byte bus does on an adapter without I2C block writes). */
function* at24_read(priv: unknown, offset: number, buf: Uint8Array): KGen<number> {
  const at24 = priv as at24_data;
  if (offset + buf.length > at24.byte_len) return -22;
  for (let i = 0; i < buf.length; i++) {
    const v = yield* i2c_smbus_read_byte_data(at24.client, offset + i);
    if (v < 0) return v;
    buf[i] = v;
  }
  return 0;
}

/** at24_write(): chunks no longer than write_max that never cross a page (the chip's address rolls over inside a page). */
function* at24_write(priv: unknown, offset: number, data: Uint8Array): KGen<number> {
  const at24 = priv as at24_data;
  if (offset + data.length > at24.byte_len) return -22;
  let done = 0;
  while (done < data.length) {
    const off = offset + done;
    const next_page = (Math.floor(off / at24.page_size) + 1) * at24.page_size;
    const count = Math.min(data.length - done, at24.write_max, next_page - off);
    for (let i = 0; i < count; i++) {
      const r = yield* i2c_smbus_write_byte_data(at24.client, off + i, data[done + i]!);
      if (r < 0) return r;
    }
    done += count;
  }
  return 0;
}

const at24_ids: (i2c_device_id & { data: at24_chip_data })[] = [
  { name: '24c01', data: at24_data_24c01 }, { name: '24c02', data: at24_data_24c02 },
];
const at24_of_match: of_device_id[] = [
  { compatible: 'atmel,24c01', data: at24_data_24c01 }, { compatible: 'atmel,24c02', data: at24_data_24c02 },
];

/** at24_get_chip_data(): from the OF match, else the I2C ID table. */
function at24_get_chip_data(client: i2c_client): at24_chip_data | null {
  const of = i2c_of_match_device(at24_of_match, client);
  if (of) return of.data as at24_chip_data;
  return (i2c_match_id(at24_ids, client) as (typeof at24_ids)[number] | null)?.data ?? null;
}

function* at24_probe(client: i2c_client): KGen<number> {
  const dev = client.dev;
  const cdata = at24_get_chip_data(client);
  if (!cdata) return -ENODEV;
  const i2c_fn_i2c = i2c_check_functionality(client.adapter, I2C_FUNC_I2C);
  const i2c_fn_block = i2c_check_functionality(client.adapter, I2C_FUNC_SMBUS_WRITE_I2C_BLOCK);
  if (!i2c_fn_i2c && !i2c_check_functionality(client.adapter, I2C_FUNC_SMBUS_BYTE_DATA)) return -EPFNOSUPPORT;
  const ps = dev.of_node ? of_find_property(dev.of_node, 'pagesize') : null;
  let page_size = ps && ps.length >= 4 ? be32(ps.value, 0) : 1;
  if (!page_size) { dev_err(dev, 'page_size must not be 0!'); return -22; }
  if (page_size & (page_size - 1)) dev_info(dev, 'page_size looks suspicious (no power of 2)!');
  const writable = !(cdata.flags & AT24_FLAG_READONLY);
  // Without I2C writes or I2C block writes, SMBus byte writes move one byte at a time.
  if (!i2c_fn_i2c && !i2c_fn_block) page_size = 1;
  const at24: at24_data = { client, byte_len: cdata.byte_len, page_size, write_max: Math.min(page_size, 128), flags: cdata.flags };
  i2c_set_clientdata(client, at24);
  const nvmem = yield* devm_nvmem_register(dev, {
    dev, name: client.dev.kobj.name, id: NVMEM_DEVID_AUTO, type: NVMEM_TYPE_EEPROM, read_only: !writable, root_only: !(cdata.flags & AT24_FLAG_IRUGO),
    compat: true, base_dev: dev, reg_read: at24_read, reg_write: at24_write, priv: at24, stride: 1, word_size: 1, size: cdata.byte_len,
  });
  if (typeof nvmem === 'number') { dev_err(dev, 'failed to register nvmem'); return nvmem; }
  // Perform a one-byte test read to verify that the chip is functional.
  const test = yield* i2c_smbus_read_byte_data(client, 0);
  if (test < 0) return -ENODEV;
  if (writable) dev_info(dev, `${cdata.byte_len} byte ${client.name} EEPROM, writable, ${at24.write_max} bytes/write`);
  else dev_info(dev, `${cdata.byte_len} byte ${client.name} EEPROM, read-only`);
  return 0;
}

export const at24_driver: i2c_driver = { driver: { name: 'at24', of_match_table: at24_of_match }, probe_new: at24_probe, id_table: at24_ids };

/** obj-m: at24.ko (CONFIG_EEPROM_AT24=m). */
export const obj_m: readonly ts_module_def[] = [{
  name: 'at24',
  path: 'kernel/drivers/misc/eeprom/at24.ko',
  description: 'Driver for most I2C EEPROMs',
  license: 'GPL',
  author: 'David Brownell and Wolfram Sang',
  alias: [...at24_of_match.flatMap((m) => [`of:N*T*C${m.compatible}C*`, `of:N*T*C${m.compatible}`]), ...at24_ids.map((id) => `i2c:${id.name}`)],
  size: 28672,
  init: () => i2c_register_driver('at24', at24_driver),
  exit: () => i2c_del_driver(at24_driver),
}];
