// Models linux/include/linux/i2c.h, uapi/linux/i2c.h and mod_devicetable.h's i2c_device_id: adapters, clients, drivers, messages and the SMBus constants.
import type { device, device_driver } from '../../drivers/base/base.ts';
import type { mutex } from '../../kernel/locking/mutex.ts';
import type { KGen } from './sched.ts';

export const I2C_NAME_SIZE = 20;
export const I2C_MAX_ADAPTERS = 1 << 20;

/** struct i2c_msg flags. */
export const I2C_M_RD = 0x0001, I2C_M_TEN = 0x0010, I2C_M_DMA_SAFE = 0x0200, I2C_M_RECV_LEN = 0x0400;
export const I2C_M_NO_RD_ACK = 0x0800, I2C_M_IGNORE_NAK = 0x1000, I2C_M_REV_DIR_ADDR = 0x2000, I2C_M_NOSTART = 0x4000, I2C_M_STOP = 0x8000;

/** Adapter functionality (I2C_FUNCS). */
export const I2C_FUNC_I2C = 0x00000001, I2C_FUNC_10BIT_ADDR = 0x00000002, I2C_FUNC_PROTOCOL_MANGLING = 0x00000004;
export const I2C_FUNC_SMBUS_PEC = 0x00000008, I2C_FUNC_NOSTART = 0x00000010, I2C_FUNC_SLAVE = 0x00000020;
export const I2C_FUNC_SMBUS_BLOCK_PROC_CALL = 0x00008000, I2C_FUNC_SMBUS_QUICK = 0x00010000;
export const I2C_FUNC_SMBUS_READ_BYTE = 0x00020000, I2C_FUNC_SMBUS_WRITE_BYTE = 0x00040000;
export const I2C_FUNC_SMBUS_READ_BYTE_DATA = 0x00080000, I2C_FUNC_SMBUS_WRITE_BYTE_DATA = 0x00100000;
export const I2C_FUNC_SMBUS_READ_WORD_DATA = 0x00200000, I2C_FUNC_SMBUS_WRITE_WORD_DATA = 0x00400000;
export const I2C_FUNC_SMBUS_PROC_CALL = 0x00800000, I2C_FUNC_SMBUS_READ_BLOCK_DATA = 0x01000000, I2C_FUNC_SMBUS_WRITE_BLOCK_DATA = 0x02000000;
export const I2C_FUNC_SMBUS_READ_I2C_BLOCK = 0x04000000, I2C_FUNC_SMBUS_WRITE_I2C_BLOCK = 0x08000000, I2C_FUNC_SMBUS_HOST_NOTIFY = 0x10000000;
export const I2C_FUNC_SMBUS_BYTE = I2C_FUNC_SMBUS_READ_BYTE | I2C_FUNC_SMBUS_WRITE_BYTE;
export const I2C_FUNC_SMBUS_BYTE_DATA = I2C_FUNC_SMBUS_READ_BYTE_DATA | I2C_FUNC_SMBUS_WRITE_BYTE_DATA;
export const I2C_FUNC_SMBUS_WORD_DATA = I2C_FUNC_SMBUS_READ_WORD_DATA | I2C_FUNC_SMBUS_WRITE_WORD_DATA;
export const I2C_FUNC_SMBUS_BLOCK_DATA = I2C_FUNC_SMBUS_READ_BLOCK_DATA | I2C_FUNC_SMBUS_WRITE_BLOCK_DATA;
export const I2C_FUNC_SMBUS_I2C_BLOCK = I2C_FUNC_SMBUS_READ_I2C_BLOCK | I2C_FUNC_SMBUS_WRITE_I2C_BLOCK;
export const I2C_FUNC_SMBUS_EMUL = (I2C_FUNC_SMBUS_QUICK | I2C_FUNC_SMBUS_BYTE | I2C_FUNC_SMBUS_BYTE_DATA | I2C_FUNC_SMBUS_WORD_DATA
  | I2C_FUNC_SMBUS_PROC_CALL | I2C_FUNC_SMBUS_WRITE_BLOCK_DATA | I2C_FUNC_SMBUS_I2C_BLOCK | I2C_FUNC_SMBUS_PEC) >>> 0;

/** i2c_smbus_xfer read_write and size. */
export const I2C_SMBUS_READ = 1, I2C_SMBUS_WRITE = 0;
export const I2C_SMBUS_QUICK = 0, I2C_SMBUS_BYTE = 1, I2C_SMBUS_BYTE_DATA = 2, I2C_SMBUS_WORD_DATA = 3, I2C_SMBUS_PROC_CALL = 4;
export const I2C_SMBUS_BLOCK_DATA = 5, I2C_SMBUS_I2C_BLOCK_BROKEN = 6, I2C_SMBUS_BLOCK_PROC_CALL = 7, I2C_SMBUS_I2C_BLOCK_DATA = 8;
export const I2C_SMBUS_BLOCK_MAX = 32;
/** union i2c_smbus_data: byte, word (host order) or block[0] = length + up to 32 bytes + 1 for PEC. */
export const I2C_SMBUS_DATA_SIZE = I2C_SMBUS_BLOCK_MAX + 2;
export type i2c_smbus_data = Uint8Array;
export const i2c_smbus_data_alloc = (): i2c_smbus_data => new Uint8Array(I2C_SMBUS_DATA_SIZE);

/** i2c_client flags. */
export const I2C_CLIENT_PEC = 0x04, I2C_CLIENT_TEN = 0x10, I2C_CLIENT_SLAVE = 0x20, I2C_CLIENT_HOST_NOTIFY = 0x40, I2C_CLIENT_WAKE = 0x80;
/** Adapter classes. */
export const I2C_CLASS_HWMON = 1 << 0, I2C_CLASS_DDC = 1 << 3, I2C_CLASS_SPD = 1 << 7, I2C_CLASS_DEPRECATED = 1 << 8;

export interface i2c_msg { addr: number; flags: number; len: number; buf: Uint8Array }

export interface i2c_device_id { name: string; driver_data?: number }

export interface i2c_algorithm {
  /** Plain I2C transfers: the number of messages done, or -errno. */
  master_xfer?(adap: i2c_adapter, msgs: i2c_msg[]): number | KGen<number>;
  /** SMBus in hardware: 0 or -errno; `data` is the union, read results written into it. */
  smbus_xfer?(adap: i2c_adapter, addr: number, flags: number, read_write: number, command: number, size: number, data: i2c_smbus_data): number | KGen<number>;
  functionality(adap: i2c_adapter): number;
}

export interface i2c_adapter {
  owner: string | null;
  class: number;
  algo: i2c_algorithm;
  algo_data: unknown;
  /** Serializes transfers on the segment (rt_mutex bus_lock). */
  bus_lock: mutex;
  /** Jiffies in Linux; nanoseconds here. */
  timeout: number;
  retries: number;
  dev: device;
  nr: number;
  name: string;
  /** Clients made through new_device, which delete_device may remove. */
  userspace_clients: i2c_client[];
}

export interface i2c_client {
  flags: number;
  /** 7-bit address (lower 7 bits). */
  addr: number;
  name: string;
  adapter: i2c_adapter;
  dev: device;
  init_irq: number;
  irq: number;
}

export interface i2c_board_info {
  type: string;
  flags?: number;
  addr: number;
  dev_name?: string | null;
  platform_data?: unknown;
  of_node?: import('../../drivers/base/base.ts').device_node | null;
  irq?: number;
}

export interface i2c_driver {
  class?: number;
  /** Legacy probe with the matched id (6.1 still has both). */
  probe?(client: i2c_client, id: i2c_device_id | null): number | KGen<number>;
  probe_new?(client: i2c_client): number | KGen<number>;
  remove?(client: i2c_client): void | KGen<void>;
  shutdown?(client: i2c_client): void;
  driver: device_driver;
  id_table?: i2c_device_id[];
  /** Class-based detection (i2c_detect): called for each address_list entry on adapters of a matching class. */
  detect?(client: i2c_client, info: i2c_board_info): number | KGen<number>;
  address_list?: number[];
  /** The clients detect() made, removed with the driver or their adapter. */
  clients?: i2c_client[];
}

export const to_i2c_client = (dev: device): i2c_client => dev.container as i2c_client;
export const to_i2c_adapter = (dev: device): i2c_adapter => dev.container as i2c_adapter;
export const i2c_get_clientdata = (c: i2c_client): unknown => c.dev.driver_data;
export const i2c_set_clientdata = (c: i2c_client, data: unknown): void => { c.dev.driver_data = data; };
export const i2c_get_adapdata = (a: i2c_adapter): unknown => a.dev.driver_data;
export const i2c_set_adapdata = (a: i2c_adapter, data: unknown): void => { a.dev.driver_data = data; };
export const i2c_adapter_id = (a: i2c_adapter): number => a.nr;
/** i2c_check_functionality(): every bit of `func` supported. */
export const i2c_get_functionality = (a: i2c_adapter): number => a.algo.functionality(a) >>> 0;
export const i2c_check_functionality = (a: i2c_adapter, func: number): boolean => ((func & i2c_get_functionality(a)) >>> 0) === func >>> 0;
