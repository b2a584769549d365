// Models linux/drivers/nvmem/core.c: the nvmem bus, nvmem devices ("0-00500") with their "nvmem" binary file and "type", and the legacy "eeprom" file on the provider's device (compat).
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { EFBIG, EINVAL, EPERM } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { capable, CAP_SYS_ADMIN } from '../../kernel/capability.ts';
import type { bin_attribute } from '../../fs/sysfs/sysfs.ts';
import { sysfs_create_bin_file, sysfs_remove_bin_file } from '../../fs/sysfs/file.ts';
import type { bus_type, device, device_attribute } from '../base/base.ts';
import { call_maybe_gen } from '../base/base.ts';
import { bus_register } from '../base/bus.ts';
import { dev_set_name, device_alloc, device_register, device_unregister, put_device } from '../base/core.ts';
import { devres_add, devres_alloc } from '../base/devres.ts';
import { run_sync } from '../base/sync.ts';

export const NVMEM_DEVID_NONE = -1, NVMEM_DEVID_AUTO = -2;
export const NVMEM_TYPE_UNKNOWN = 0, NVMEM_TYPE_EEPROM = 1, NVMEM_TYPE_OTP = 2, NVMEM_TYPE_BATTERY_BACKED = 3, NVMEM_TYPE_FRAM = 4;
const nvmem_type_str = ['Unknown', 'EEPROM', 'OTP', 'Battery backed', 'FRAM'];

/** nvmem_reg_read_t / nvmem_reg_write_t: 0 or -errno; a read fills `buf`. */
export type nvmem_reg_read_t = (priv: unknown, offset: number, buf: Uint8Array) => number | KGen<number>;
export type nvmem_reg_write_t = (priv: unknown, offset: number, data: Uint8Array) => number | KGen<number>;

export interface nvmem_config {
  dev: device;
  name: string | null;
  id: number;
  type?: number;
  read_only?: boolean;
  root_only?: boolean;
  /** Also expose the contents as "eeprom" on base_dev (the old at24 interface). */
  compat?: boolean;
  base_dev?: device | null;
  reg_read?: nvmem_reg_read_t;
  reg_write?: nvmem_reg_write_t;
  size: number;
  word_size?: number;
  stride?: number;
  priv: unknown;
}

export interface nvmem_device {
  dev: device;
  id: number;
  size: number;
  type: number;
  read_only: boolean;
  root_only: boolean;
  word_size: number;
  stride: number;
  reg_read?: nvmem_reg_read_t;
  reg_write?: nvmem_reg_write_t;
  priv: unknown;
  eeprom: bin_attribute | null;
  base_dev: device | null;
}

interface NvmemState { ids: Set<number> }
const nvmemState = defineState<NvmemState>('nvmem', () => ({ ids: new Set() }));

const to_nvmem_device = (dev: device): nvmem_device => dev.container as nvmem_device;

/** nvmem_reg_read(): whole words, in range. */
export function* nvmem_device_read(nvmem: nvmem_device, offset: number, bytes: number): KGen<Uint8Array | number> {
  if (!nvmem.reg_read) return -EPERM;
  if (offset < 0 || offset >= nvmem.size || bytes < 0) return -EINVAL;
  const buf = new Uint8Array(Math.min(bytes, nvmem.size - offset));
  const r = yield* call_maybe_gen(nvmem.reg_read(nvmem.priv, offset, buf));
  return r < 0 ? r : buf;
}

export function* nvmem_device_write(nvmem: nvmem_device, offset: number, data: Uint8Array): KGen<number> {
  if (!nvmem.reg_write || nvmem.read_only) return -EPERM;
  if (offset < 0 || offset + data.length > nvmem.size) return -EINVAL;
  const r = yield* call_maybe_gen(nvmem.reg_write(nvmem.priv, offset, data));
  return r < 0 ? r : data.length;
}

/** bin_attr_nvmem_read(): reads at an offset, clipped to the size; root_only devices need CAP_SYS_ADMIN. */
function* bin_attr_nvmem_read(nvmem: nvmem_device, pos: number, count: number): KGen<Uint8Array | number> {
  if (pos >= nvmem.size) return new Uint8Array(0);
  if (nvmem.root_only && !capable(CAP_SYS_ADMIN)) return -EPERM;
  const n = Math.min(count, nvmem.size - pos);
  // Round down to the word size.
  const aligned = n - (n % nvmem.word_size);
  if (!aligned) return -EINVAL;
  return yield* nvmem_device_read(nvmem, pos, aligned);
}

function* bin_attr_nvmem_write(nvmem: nvmem_device, data: Uint8Array, pos: number): KGen<number> {
  if (pos >= nvmem.size) return -EFBIG;
  const n = Math.min(data.length, nvmem.size - pos);
  const aligned = n - (n % nvmem.word_size);
  if (!aligned) return -EINVAL;
  return yield* nvmem_device_write(nvmem, pos, data.subarray(0, aligned));
}

/** nvmem_bin_attr_get_umode(). */
function nvmem_bin_attr_get_umode(nvmem: nvmem_device): number {
  let mode = 0o400;
  if (!nvmem.root_only) mode |= 0o044;
  if (!nvmem.read_only) mode |= 0o200;
  if (!nvmem.reg_write) mode &= ~0o200;
  if (!nvmem.reg_read) mode &= ~0o444;
  return mode;
}

function nvmem_bin_attr(nvmem: nvmem_device, name: string): bin_attribute {
  return {
    attr: { name, mode: nvmem_bin_attr_get_umode(nvmem) },
    size: nvmem.size,
    read: (_k, _a, off, count) => bin_attr_nvmem_read(nvmem, off, count),
    write: (_k, _a, data, off) => bin_attr_nvmem_write(nvmem, data, off),
  };
}

const dev_attr_type: device_attribute = { name: 'type', mode: 0o444, show: (dev) => `${nvmem_type_str[to_nvmem_device(dev).type]}\n` };

export const nvmem_bus_type: bus_type = { name: 'nvmem' };

/** nvmem_register(): the device on the nvmem bus below config.dev, "nvmem" in it, "eeprom" on base_dev with compat. */
export function* nvmem_register(config: nvmem_config): KGen<nvmem_device | number> {
  if (!config.dev) return -EINVAL;
  if (!config.reg_read && !config.reg_write) return -EINVAL;
  const st = nvmemState();
  let id = 0;
  while (st.ids.has(id)) id++;
  st.ids.add(id);
  const dev = device_alloc(null);
  const nvmem: nvmem_device = {
    dev, id, size: config.size, type: config.type ?? NVMEM_TYPE_UNKNOWN, read_only: !!config.read_only || !config.reg_write, root_only: !!config.root_only,
    word_size: config.word_size || 1, stride: config.stride || 1, reg_read: config.reg_read, reg_write: config.reg_write, priv: config.priv, eeprom: null,
    base_dev: config.base_dev ?? null,
  };
  dev.container = nvmem;
  dev.bus = nvmem_bus_type;
  dev.parent = config.dev;
  dev.of_node = config.dev.of_node;
  dev.release = () => { nvmemState().ids.delete(id); };
  const name = config.name ?? 'nvmem';
  dev_set_name(dev, config.id === NVMEM_DEVID_NONE ? name : `${name}${config.id === NVMEM_DEVID_AUTO ? id : config.id}`);
  dev.groups = [{ attrs: [dev_attr_type], bin_attrs: [nvmem_bin_attr(nvmem, 'nvmem')] }];
  const r = yield* device_register(dev);
  if (r) {
    put_device(dev);
    return r;
  }
  if (config.compat && nvmem.base_dev) {
    // nvmem_sysfs_setup_compat(): the provider keeps its "eeprom" file.
    nvmem.eeprom = nvmem_bin_attr(nvmem, 'eeprom');
    const e = sysfs_create_bin_file(nvmem.base_dev.kobj, nvmem.eeprom);
    if (e) {
      yield* device_unregister(dev);
      return e;
    }
  }
  return nvmem;
}

export function* nvmem_unregister(nvmem: nvmem_device): KGen<void> {
  if (nvmem.eeprom && nvmem.base_dev) sysfs_remove_bin_file(nvmem.base_dev.kobj, nvmem.eeprom);
  yield* device_unregister(nvmem.dev);
}

/** devm_nvmem_register(): unregistered when the provider unbinds. */
export function* devm_nvmem_register(dev: device, config: nvmem_config): KGen<nvmem_device | number> {
  const nvmem = yield* nvmem_register(config);
  if (typeof nvmem !== 'number') devres_add(dev, devres_alloc(() => run_sync(nvmem_unregister(nvmem), 'devm_nvmem_release'), 0, 'devm_nvmem_release', nvmem));
  return nvmem;
}

/** nvmem_init(): the bus; subsys_initcall. */
function nvmem_init(): number {
  return bus_register(nvmem_bus_type);
}

export const initcalls: initcall_entry[] = [['subsys', 'nvmem_init', nvmem_init, 10_000]];
