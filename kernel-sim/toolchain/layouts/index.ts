// Lists every kernel struct layout shared by the C headers and kernel-sim, plus the scalar types and constants they use.
import type { StructSpec } from './spec.ts';
import { CORE_LAYOUTS } from './core.ts';
import { SCHED_LAYOUTS } from './sched.ts';
import { DEVICE_LAYOUTS } from './device.ts';
import { FS_LAYOUTS } from './fs.ts';
import { MODULE_LAYOUTS } from './module.ts';
import { INPUT_LAYOUTS } from './input.ts';
import { SPI_LAYOUTS } from './spi.ts';
import { REGMAP_LAYOUTS } from './regmap.ts';
import { I2C_LAYOUTS } from './i2c.ts';
import { BLOCK_LAYOUTS } from './block.ts';
import { NET_LAYOUTS } from './net.ts';
import { REGULATOR_LAYOUTS } from './regulator.ts';
import { NVMEM_LAYOUTS } from './nvmem.ts';
import { BUS_LAYOUTS } from './bus.ts';

export const ALL_LAYOUTS: StructSpec[] = [
  ...CORE_LAYOUTS, ...SCHED_LAYOUTS, ...MODULE_LAYOUTS, ...DEVICE_LAYOUTS, ...FS_LAYOUTS, ...SPI_LAYOUTS, ...REGMAP_LAYOUTS, ...INPUT_LAYOUTS, ...I2C_LAYOUTS, ...BLOCK_LAYOUTS, ...NET_LAYOUTS, ...REGULATOR_LAYOUTS, ...NVMEM_LAYOUTS, ...BUS_LAYOUTS,
];

/** Array-length macros used by layouts; the headers #define them to the same values (checked by the clang test). */
export const LAYOUT_CONSTANTS: Record<string, number> = {
  TASK_COMM_LEN: 16,
  _NSIG_WORDS: 2,
  MODULE_NAME_LEN: 60,
  PLATFORM_NAME_SIZE: 20,
  DEVICE_COUNT_RESOURCE: 17,
  PCI_BRIDGE_RESOURCE_NUM: 4,
  // linux/input.h's bitmaps on wasm32 (32-bit longs), REP_CNT from input-event-codes.h
  'BITS_TO_LONGS(INPUT_PROP_CNT)': 1, 'BITS_TO_LONGS(EV_CNT)': 1, 'BITS_TO_LONGS(KEY_CNT)': 24, 'BITS_TO_LONGS(REL_CNT)': 1,
  'BITS_TO_LONGS(ABS_CNT)': 2, 'BITS_TO_LONGS(MSC_CNT)': 1, 'BITS_TO_LONGS(LED_CNT)': 1, 'BITS_TO_LONGS(SND_CNT)': 1,
  'BITS_TO_LONGS(FF_CNT)': 4, 'BITS_TO_LONGS(SW_CNT)': 1, REP_CNT: 2,
  SPI_NAME_SIZE: 32,
  I2C_NAME_SIZE: 20,
  DISK_NAME_LEN: 32,
  HCTX_MAX_TYPES: 3,
  IFNAMSIZ: 16, MAX_ADDR_LEN: 32,
  UEVENT_NUM_ENVP: 64, UEVENT_BUFFER_SIZE: 2048,
};

export type ScalarKind = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32' | 'i64' | 'u64' | 'ptr' | 'bool';

/** wasm32 scalar types (ILP32: long and pointers are 4 bytes; long long is 8, aligned 8). */
export const SCALARS: Record<string, ScalarKind> = {
  char: 'i8', 'signed char': 'i8', 'unsigned char': 'u8', bool: 'bool', _Bool: 'bool',
  short: 'i16', 'unsigned short': 'u16', int: 'i32', unsigned: 'u32', 'unsigned int': 'u32',
  long: 'i32', 'unsigned long': 'u32', 'long long': 'i64', 'unsigned long long': 'u64',
  s8: 'i8', u8: 'u8', s16: 'i16', u16: 'u16', s32: 'i32', u32: 'u32', s64: 'i64', u64: 'u64',
  __s8: 'i8', __u8: 'u8', __s16: 'i16', __u16: 'u16', __s32: 'i32', __u32: 'u32', __s64: 'i64', __u64: 'u64',
  size_t: 'u32', ssize_t: 'i32', loff_t: 'i64', dev_t: 'u32', umode_t: 'u16', fmode_t: 'u32',
  pid_t: 'i32', uid_t: 'u32', gid_t: 'u32', ktime_t: 'i64', kernel_ulong_t: 'u32', gfp_t: 'u32',
  phys_addr_t: 'u64', resource_size_t: 'u64', dma_addr_t: 'u64', __poll_t: 'u32', atomic_long_t: 'i32',
  pci_power_t: 'i32', pci_channel_state_t: 'u32', pci_bus_flags_t: 'u16', pgprotval_t: 'u32',
  vm_fault_t: 'u32', fl_owner_t: 'ptr', wait_queue_func_t: 'ptr', work_func_t: 'ptr', poll_queue_proc: 'ptr',
  'enum module_state': 'i32', 'enum regcache_type': 'i32', 'enum regmap_endian': 'i32', 'enum probe_type': 'i32', 'enum hrtimer_restart': 'i32', 'enum hwmon_sensor_types': 'i32', 'enum nvmem_type': 'i32',
  sector_t: 'u64', blk_opf_t: 'u32', req_flags_t: 'u32', blk_status_t: 'u8', blk_qc_t: 'u32', 'enum mq_rq_state': 'i32',
  netdev_features_t: 'u64', __be16: 'u16', sk_buff_data_t: 'ptr', netdev_tx_t: 'i32',
};

export const SCALAR_SIZE: Record<ScalarKind, number> = {
  i8: 1, u8: 1, bool: 1, i16: 2, u16: 2, i32: 4, u32: 4, i64: 8, u64: 8, ptr: 4,
};
