// Models linux/drivers/i2c/i2c-core-base.c's class-based detection: i2c_detect(), i2c_detect_address() and i2c_default_probe() for drivers with detect() and an address_list, on adapters whose class matches the driver's; the detected clients leave with their driver or adapter.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import {
  I2C_CLASS_DEPRECATED, I2C_CLASS_HWMON, I2C_FUNC_SMBUS_QUICK, I2C_FUNC_SMBUS_READ_BYTE, I2C_FUNC_SMBUS_READ_BYTE_DATA, I2C_SMBUS_BYTE,
  I2C_SMBUS_BYTE_DATA, I2C_SMBUS_QUICK, I2C_SMBUS_READ, I2C_SMBUS_WRITE, i2c_check_functionality, type i2c_adapter, type i2c_board_info,
  type i2c_client, type i2c_driver,
} from '../../include/linux/i2c.ts';
import { EINVAL, ENODEV, EOPNOTSUPP } from '../../include/uapi/asm-generic/errno.ts';
import { call_maybe_gen } from '../base/base.ts';
import { dev_err, dev_warn, device_alloc } from '../base/core.ts';
import { bus_for_each_drv } from '../base/private.ts';
import { i2c_bus_type, i2c_check_addr_busy, i2c_install_class_detect, i2c_new_client_device, i2c_unregister_device, to_i2c_driver } from './i2c-core-base.ts';
import { i2c_smbus_xfer } from './i2c-core-smbus.ts';

/** The 8-bit address list terminator (I2C_CLIENT_END). */
export const I2C_CLIENT_END = 0xfffe;

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/** i2c_check_7bit_addr_validity_strict(): 0x00-0x07 and 0x78-0x7f are reserved. */
const i2c_check_7bit_addr_validity_strict = (addr: number): number => (addr < 0x08 || addr > 0x77 ? -EINVAL : 0);

/**
 * i2c_default_probe(): is anything there? A read byte data at 0x73 on x86 hwmon buses, a read byte for EEPROMs
 * (0x50-0x5f) and 0x30-0x37 where a quick write could corrupt them, else the quick write.
 */
function* i2c_default_probe(adap: i2c_adapter, addr: number): KGen<boolean> {
  let err: number;
  if (addr === 0x73 && adap.class & I2C_CLASS_HWMON && i2c_check_functionality(adap, I2C_FUNC_SMBUS_READ_BYTE_DATA)) {
    err = yield* i2c_smbus_xfer(adap, addr, 0, I2C_SMBUS_READ, 0, I2C_SMBUS_BYTE_DATA, null);
  } else if (!((addr & ~0x07) === 0x30 || (addr & ~0x0f) === 0x50) && i2c_check_functionality(adap, I2C_FUNC_SMBUS_QUICK)) {
    err = yield* i2c_smbus_xfer(adap, addr, 0, I2C_SMBUS_WRITE, 0, I2C_SMBUS_QUICK, null);
  } else if (i2c_check_functionality(adap, I2C_FUNC_SMBUS_READ_BYTE)) {
    err = yield* i2c_smbus_xfer(adap, addr, 0, I2C_SMBUS_READ, 0, I2C_SMBUS_BYTE, null);
  } else {
    dev_warn(adap.dev, `No suitable probing method supported for address 0x${addr.toString(16).toUpperCase().padStart(2, '0')}`);
    err = -EOPNOTSUPP;
  }
  return err >= 0;
}

/** i2c_detect_address(): probe, ask the driver, and instantiate what it named. */
function* i2c_detect_address(temp_client: i2c_client, driver: i2c_driver): KGen<number> {
  const adapter = temp_client.adapter, addr = temp_client.addr;
  let err = i2c_check_7bit_addr_validity_strict(addr);
  if (err) { dev_warn(adapter.dev, `Invalid probe address 0x${hex2(addr)}`); return err; }
  if (i2c_check_addr_busy(adapter, addr)) return 0;
  if (!(yield* i2c_default_probe(adapter, addr))) return 0;
  const info: i2c_board_info = { type: '', addr, flags: 0 };
  err = yield* call_maybe_gen(driver.detect!(temp_client, info));
  // -ENODEV is returned if the detection fails: not an error.
  if (err) return err === -ENODEV ? 0 : err;
  if (!info.type) {
    dev_err(adapter.dev, `${driver.driver.name} detection function provided no name for 0x${addr.toString(16)}`);
    return 0;
  }
  if (adapter.class & I2C_CLASS_DEPRECATED) {
    dev_warn(adapter.dev, `This adapter will soon drop class based instantiation of devices. Please make sure client 0x${hex2(info.addr)} gets instantiated by other means. Check 'Documentation/i2c/instantiating-devices.rst' for details.`);
  }
  const client = yield* i2c_new_client_device(adapter, info);
  if (typeof client !== 'number') (driver.clients ??= []).push(client);
  else dev_err(adapter.dev, `Failed creating ${info.type} at 0x${hex2(info.addr)}`);
  return 0;
}

/** i2c_detect(): every address of the driver's list on an adapter of its class, through a temporary client. */
function* i2c_detect(adapter: i2c_adapter, driver: i2c_driver | undefined): KGen<number> {
  if (!driver?.detect || !driver.address_list) return 0;
  if (adapter.class === I2C_CLASS_DEPRECATED) return 0;
  if (!(adapter.class & (driver.class ?? 0))) return 0;
  for (const addr of driver.address_list) {
    if (addr === I2C_CLIENT_END) break;
    // Linux reuses one kzalloc'd temporary client; a fresh one per address is the same to detect().
    const temp_client: i2c_client = { flags: 0, addr, name: '', adapter, dev: device_alloc(null), init_irq: 0, irq: 0 };
    const err = yield* i2c_detect_address(temp_client, driver);
    if (err) return err;
  }
  return 0;
}

/** __process_removed_adapter / __process_removed_driver: the detected clients on the adapter or of the driver. */
function* i2c_forget_detected(adap: i2c_adapter | null, driver: i2c_driver | null): KGen<void> {
  const drivers = driver ? [driver] : bus_for_each_drv(i2c_bus_type).map(to_i2c_driver).filter(Boolean);
  for (const d of drivers) {
    for (const c of (d.clients ?? []).slice()) {
      if (adap && c.adapter !== adap) continue;
      d.clients = d.clients!.filter((x) => x !== c);
      yield* i2c_unregister_device(c);
    }
  }
}

function i2c_class_detect_init(): number {
  i2c_install_class_detect({ detect: i2c_detect, forget: i2c_forget_detected });
  return 0;
}

/** Part of i2c_init() in Linux; linked after i2c-core-base.ts, it runs right after it at postcore. */
export const initcalls: initcall_entry[] = [['postcore', 'i2c_class_detect_init', i2c_class_detect_init, 0]];
