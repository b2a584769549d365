// Models linux/drivers/base/regmap/regmap.c and regcache.c: register maps over a bus (reg/val widths, stride, max_register, access callbacks and tables), the cache types none/flat/rbtree, regmap_read/write/update_bits/bulk_*.
import type { KGen } from '../../../include/linux/sched.ts';
import { EBUSY, EINVAL, EIO } from '../../../include/uapi/asm-generic/errno.ts';
import type { device } from '../base.ts';
import { devres_add, devres_alloc } from '../devres.ts';
import { regmap_debugfs_init, regmap_debugfs_exit, type regmap_access_ops } from './regmap-debugfs.ts';

/** enum regcache_type: COMPRESSED behaves as RBTREE here (a sparse cache). */
export enum regcache_type { REGCACHE_NONE = 0, REGCACHE_RBTREE = 1, REGCACHE_COMPRESSED = 2, REGCACHE_FLAT = 3 }

/** struct regmap_range and regmap_access_table: yes ranges, then no ranges that override them. */
export interface regmap_range { range_min: number; range_max: number }
export interface regmap_access_table { yes_ranges: regmap_range[]; no_ranges: regmap_range[] }
export interface reg_default { reg: number; def: number }

export interface regmap_config {
  name?: string | null;
  reg_bits: number;
  reg_stride?: number;
  pad_bits?: number;
  val_bits: number;
  writeable_reg?(dev: device | null, reg: number): boolean;
  readable_reg?(dev: device | null, reg: number): boolean;
  volatile_reg?(dev: device | null, reg: number): boolean;
  precious_reg?(dev: device | null, reg: number): boolean;
  max_register?: number;
  wr_table?: regmap_access_table | null;
  rd_table?: regmap_access_table | null;
  volatile_table?: regmap_access_table | null;
  precious_table?: regmap_access_table | null;
  reg_defaults?: reg_default[];
  cache_type?: regcache_type;
  read_flag_mask?: number;
  write_flag_mask?: number;
  fast_io?: boolean;
  /** val_format_endian: where a bus has a choice (SMBus words), big-endian unless 'little'. */
  val_format_endian?: 'big' | 'little';
}

/** The bus side (struct regmap_bus reduced to what the map needs): one register in, one value out. */
export interface regmap_bus {
  name: string;
  reg_read(ctx: unknown, reg: number): KGen<number | { err: number }>;
  reg_write(ctx: unknown, reg: number, val: number): KGen<number>;
}

export interface regmap {
  dev: device | null;
  name: string | null;
  config: regmap_config;
  bus: regmap_bus;
  bus_context: unknown;
  reg_stride: number;
  val_bytes: number;
  max_register: number;
  cache_type: regcache_type;
  cache: Map<number, number>;
  cache_only: boolean;
  cache_bypass: boolean;
  cache_dirty: boolean;
  debugfs_name: string | null;
}

const in_ranges = (rs: regmap_range[], reg: number): boolean => rs.some((r) => reg >= r.range_min && reg <= r.range_max);
/** regmap_check_range_table(): a no range wins; then a yes range; no table allows everything. */
export function regmap_check_range_table(t: regmap_access_table, reg: number): boolean {
  if (in_ranges(t.no_ranges, reg)) return false;
  return in_ranges(t.yes_ranges, reg);
}

export function regmap_writeable(map: regmap, reg: number): boolean {
  if (map.max_register && reg > map.max_register) return false;
  if (map.config.writeable_reg) return map.config.writeable_reg(map.dev, reg);
  if (map.config.wr_table) return regmap_check_range_table(map.config.wr_table, reg);
  return true;
}

export function regmap_readable(map: regmap, reg: number): boolean {
  if (map.max_register && reg > map.max_register) return false;
  if (map.config.readable_reg) return map.config.readable_reg(map.dev, reg);
  if (map.config.rd_table) return regmap_check_range_table(map.config.rd_table, reg);
  return true;
}

/** regmap_volatile(): without a cache every register is volatile. */
export function regmap_volatile(map: regmap, reg: number): boolean {
  if (!regmap_readable(map, reg)) return false;
  if (map.config.volatile_reg) return map.config.volatile_reg(map.dev, reg);
  if (map.config.volatile_table) return regmap_check_range_table(map.config.volatile_table, reg);
  return map.cache_type === regcache_type.REGCACHE_NONE;
}

export function regmap_precious(map: regmap, reg: number): boolean {
  if (!regmap_readable(map, reg)) return false;
  if (map.config.precious_reg) return map.config.precious_reg(map.dev, reg);
  if (map.config.precious_table) return regmap_check_range_table(map.config.precious_table, reg);
  return false;
}

const aligned = (map: regmap, reg: number): boolean => reg % map.reg_stride === 0;

/** __regmap_init(): checks the config, builds the cache from reg_defaults, adds the debugfs directory. */
export function __regmap_init(dev: device | null, bus: regmap_bus, bus_context: unknown, config: regmap_config): regmap | number {
  if (!config.val_bits || !config.reg_bits || config.val_bits % 8 || config.val_bits > 32) return -EINVAL;
  const map: regmap = {
    dev, name: config.name ?? null, config, bus, bus_context, reg_stride: config.reg_stride || 1, val_bytes: config.val_bits / 8,
    max_register: config.max_register ?? 0, cache_type: config.cache_type ?? regcache_type.REGCACHE_NONE, cache: new Map(),
    cache_only: false, cache_bypass: false, cache_dirty: false, debugfs_name: null,
  };
  // regcache_flat_init: every register up to max_register starts at 0, then the defaults.
  if (map.cache_type === regcache_type.REGCACHE_FLAT) {
    if (!map.max_register) return -EINVAL;
    for (let r = 0; r <= map.max_register; r += map.reg_stride) map.cache.set(r, 0);
  }
  if (map.cache_type !== regcache_type.REGCACHE_NONE) for (const d of config.reg_defaults ?? []) map.cache.set(d.reg, d.def);
  regmap_debugfs_init(map, REGMAP_ACCESS);
  return map;
}

/** The core's access checks and raw read, as debugfs reads registers through them. */
const REGMAP_ACCESS: regmap_access_ops = {
  read: (map, reg) => _regmap_read(map, reg),
  readable: (map, reg) => regmap_readable(map, reg),
  writeable: (map, reg) => regmap_writeable(map, reg),
  volatile: (map, reg) => regmap_volatile(map, reg),
  precious: (map, reg) => regmap_precious(map, reg),
};

export function regmap_exit(map: regmap): void { regmap_debugfs_exit(map); }

/** devm_regmap_init(): the map goes when the device's driver does. */
export function __devm_regmap_init(dev: device, bus: regmap_bus, bus_context: unknown, config: regmap_config): regmap | number {
  const map = __regmap_init(dev, bus, bus_context, config);
  if (typeof map !== 'number') devres_add(dev, devres_alloc(() => regmap_exit(map), 0, 'devm_regmap_release'));
  return map;
}

export function* _regmap_read(map: regmap, reg: number): KGen<number | { err: number }> {
  if (!map.cache_bypass && !regmap_volatile(map, reg) && map.cache.has(reg)) return map.cache.get(reg)!;
  if (map.cache_only) return { err: -EBUSY };
  if (!regmap_readable(map, reg)) return { err: -EIO };
  const v = yield* map.bus.reg_read(map.bus_context, reg);
  if (typeof v === 'number' && !map.cache_bypass && map.cache_type !== regcache_type.REGCACHE_NONE && !regmap_volatile(map, reg)) map.cache.set(reg, v);
  return v;
}

/** regmap_read(): the value, or { err } (the C API's *val and return code). */
export function* regmap_read(map: regmap, reg: number): KGen<number | { err: number }> {
  if (!aligned(map, reg)) return { err: -EINVAL };
  return yield* _regmap_read(map, reg);
}

export function* _regmap_write(map: regmap, reg: number, val: number): KGen<number> {
  if (!regmap_writeable(map, reg)) return -EIO;
  const mask = map.val_bytes >= 4 ? 0xffffffff : (1 << (map.val_bytes * 8)) - 1;
  val = (val & mask) >>> 0;
  if (!map.cache_bypass && map.cache_type !== regcache_type.REGCACHE_NONE && !regmap_volatile(map, reg)) {
    map.cache.set(reg, val);
    if (map.cache_only) { map.cache_dirty = true; return 0; }
  }
  return yield* map.bus.reg_write(map.bus_context, reg, val);
}

export function* regmap_write(map: regmap, reg: number, val: number): KGen<number> {
  if (!aligned(map, reg)) return -EINVAL;
  return yield* _regmap_write(map, reg, val);
}

/** regmap_update_bits_base(): read-modify-write; writes only when the value changes (or `force`); `change` tells which. */
export function* regmap_update_bits_base(map: regmap, reg: number, mask: number, val: number, force = false): KGen<{ ret: number; change: boolean }> {
  if (!aligned(map, reg)) return { ret: -EINVAL, change: false };
  const orig = yield* _regmap_read(map, reg);
  if (typeof orig !== 'number') return { ret: orig.err, change: false };
  const tmp = ((orig & ~mask) | (val & mask)) >>> 0;
  if (!force && tmp === orig) return { ret: 0, change: false };
  const ret = yield* _regmap_write(map, reg, tmp);
  return { ret, change: ret === 0 };
}

export function* regmap_update_bits(map: regmap, reg: number, mask: number, val: number): KGen<number> {
  return (yield* regmap_update_bits_base(map, reg, mask, val)).ret;
}

/** regmap_bulk_read(): `count` registers from `reg`, stride apart. */
export function* regmap_bulk_read(map: regmap, reg: number, count: number): KGen<number[] | { err: number }> {
  if (!aligned(map, reg)) return { err: -EINVAL };
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = yield* _regmap_read(map, reg + i * map.reg_stride);
    if (typeof v !== 'number') return v;
    out.push(v);
  }
  return out;
}

export function* regmap_bulk_write(map: regmap, reg: number, vals: number[]): KGen<number> {
  if (!aligned(map, reg)) return -EINVAL;
  for (let i = 0; i < vals.length; i++) {
    const r = yield* _regmap_write(map, reg + i * map.reg_stride, vals[i]!);
    if (r) return r;
  }
  return 0;
}

export function regcache_cache_only(map: regmap, enable: boolean): void { map.cache_only = enable; }
export function regcache_cache_bypass(map: regmap, enable: boolean): void { map.cache_bypass = enable; }
export function regcache_mark_dirty(map: regmap): void { map.cache_dirty = true; }

/** regcache_sync(): writes every cached non-default register back to the hardware. */
export function* regcache_sync(map: regmap): KGen<number> {
  if (!map.cache_dirty) return 0;
  const defaults = new Map((map.config.reg_defaults ?? []).map((d) => [d.reg, d.def]));
  const bypass = map.cache_bypass;
  map.cache_bypass = true;
  try {
    for (const [reg, v] of [...map.cache].sort((a, b) => a[0] - b[0])) {
      if (defaults.get(reg) === v || (!defaults.has(reg) && map.cache_type === regcache_type.REGCACHE_FLAT && v === 0)) continue;
      const r = yield* _regmap_write(map, reg, v);
      if (r) return r;
    }
  } finally { map.cache_bypass = bypass; }
  map.cache_dirty = false;
  return 0;
}

export function regmap_get_device(map: regmap): device | null { return map.dev; }
