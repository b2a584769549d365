// regmap for C drivers (drivers/base/regmap's exports): a C struct regmap_config read into kernel-sim's config, its access callbacks and tables called back in C, and struct regmap * as an opaque handle.
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import {
  regmap_read, regmap_write, regmap_update_bits_base, regmap_bulk_read, regmap_bulk_write, regcache_cache_only, regcache_cache_bypass,
  regcache_mark_dirty, regcache_sync, type regmap, type regmap_config, type regmap_access_table, type regmap_range,
} from '../../drivers/base/regmap/regmap.ts';
import { devm_regmap_init_mmio } from '../../drivers/base/regmap/regmap-mmio.ts';
import { devm_regmap_init_spi } from '../../drivers/base/regmap/regmap-spi.ts';
import { devm_regmap_init_i2c } from '../../drivers/base/regmap/regmap-i2c.ts';
import type { device } from '../../drivers/base/base.ts';
import { kread_cstr, kread_u32, kread_u8, kwrite_u32, kwrite_u8 } from '../../mm/kmem.ts';
import { kmalloc, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { regmap_config_view, struct_regmap_range, struct_reg_default } from '../../toolchain/layouts/views.generated.ts';
import { defineState } from '../state.ts';
import { call_slot_atomic } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import { c_device, c_device_addr, ERR_PTR } from './device.ts';
import { io_addr } from './pci.ts';
import { c_spi_device_of } from './spi.ts';
import { c_i2c_client_of } from './i2c.ts';
import { EXPORT_KAPI } from './registry.ts';

const st = defineState('kapi-regmap', () => ({ maps: new Map<number, regmap>() }));

function ranges(a: number, n: number): regmap_range[] {
  return Array.from({ length: a ? n : 0 }, (_, i) => ({ range_min: kread_u32(a + i * struct_regmap_range.SIZE), range_max: kread_u32(a + i * struct_regmap_range.SIZE + 4) }));
}

function access_table(a: number): regmap_access_table | null {
  return a ? { yes_ranges: ranges(kread_u32(a), kread_u32(a + 4)), no_ranges: ranges(kread_u32(a + 8), kread_u32(a + 12)) } : null;
}

/** The C config as kernel-sim's: scalars copied, callbacks wrapped to call the driver's functions. */
function ts_config(a: number): regmap_config {
  const v = regmap_config_view(a);
  const mod = calling_module();
  const pred = (slot: number) => (slot ? (dev: device | null, reg: number) => (call_slot_atomic(slot, [dev ? c_device_addr(dev) ?? 0 : 0, reg], 'regmap access', mod) as number) !== 0 : undefined);
  const defaults = Array.from({ length: v.reg_defaults ? v.num_reg_defaults : 0 }, (_, i) => {
    const p = v.reg_defaults + i * struct_reg_default.SIZE;
    return { reg: kread_u32(p), def: kread_u32(p + 4) };
  });
  const cfg: regmap_config = {
    name: v.name ? kread_cstr(v.name, 64) : null, reg_bits: v.reg_bits, reg_stride: v.reg_stride, pad_bits: v.pad_bits, val_bits: v.val_bits,
    max_register: v.max_register, wr_table: access_table(v.wr_table), rd_table: access_table(v.rd_table), volatile_table: access_table(v.volatile_table),
    precious_table: access_table(v.precious_table), reg_defaults: defaults, cache_type: v.cache_type, read_flag_mask: v.read_flag_mask,
    write_flag_mask: v.write_flag_mask, fast_io: v.fast_io,
  };
  const w = pred(v.writeable_reg), r = pred(v.readable_reg), vol = pred(v.volatile_reg), pr = pred(v.precious_reg);
  if (w) cfg.writeable_reg = w;
  if (r) cfg.readable_reg = r;
  if (vol) cfg.volatile_reg = vol;
  if (pr) cfg.precious_reg = pr;
  return cfg;
}

/** A handle C keeps for the map (ERR_PTR on failure). */
function handle(map: regmap | number): number {
  if (typeof map === 'number') return ERR_PTR(map);
  const h = kmalloc(16, __GFP_ZERO);
  if (!h) return ERR_PTR(-ENOMEM);
  disown(h);
  st().maps.set(h, map);
  return h;
}

const map_of = (h: number): regmap | undefined => st().maps.get(h);

/** Values in C arrays are val_bytes wide (regmap_bulk_read/write's buffers). */
function put_val(a: number, bytes: number, v: number): void {
  if (bytes === 1) kwrite_u8(a, v);
  else if (bytes === 2) { kwrite_u8(a, v & 0xff); kwrite_u8(a + 1, (v >>> 8) & 0xff); } else kwrite_u32(a, v);
}
const get_val = (a: number, bytes: number): number => (bytes === 1 ? kread_u8(a) : bytes === 2 ? kread_u8(a) | (kread_u8(a + 1) << 8) : kread_u32(a));

export const ksymtab = EXPORT_KAPI({
  __devm_regmap_init_mmio_clk: (dev: number, _clk_id: number, regs: number, config: number) => {
    const d = c_device(dev);
    const addr = io_addr(regs);
    if (!d || addr === null || !config) return ERR_PTR(-EINVAL);
    return handle(devm_regmap_init_mmio(d, addr, ts_config(config)));
  },
  __devm_regmap_init_spi: (spi: number, config: number) => {
    const s = c_spi_device_of(spi);
    if (!s || !config) return ERR_PTR(-EINVAL);
    return handle(devm_regmap_init_spi(s, ts_config(config)));
  },
  __devm_regmap_init_i2c: (client: number, config: number) => {
    const c = c_i2c_client_of(client);
    if (!c || !config) return ERR_PTR(-EINVAL);
    return handle(devm_regmap_init_i2c(c, ts_config(config)));
  },
  regmap_read: function* (h: number, reg: number, val: number): KGen<number> {
    const map = map_of(h);
    if (!map) return -EINVAL;
    const v = yield* regmap_read(map, reg);
    if (typeof v !== 'number') return v.err;
    kwrite_u32(val, v);
    return 0;
  },
  regmap_write: function* (h: number, reg: number, val: number): KGen<number> {
    const map = map_of(h);
    return map ? yield* regmap_write(map, reg, val) : -EINVAL;
  },
  regmap_update_bits_base: function* (h: number, reg: number, mask: number, val: number, change: number, _async: number, force: number): KGen<number> {
    const map = map_of(h);
    if (!map) return -EINVAL;
    const r = yield* regmap_update_bits_base(map, reg, mask, val, force !== 0);
    if (change) kwrite_u8(change, r.change ? 1 : 0);
    return r.ret;
  },
  regmap_bulk_read: function* (h: number, reg: number, val: number, count: number): KGen<number> {
    const map = map_of(h);
    if (!map) return -EINVAL;
    const v = yield* regmap_bulk_read(map, reg, count);
    if (!Array.isArray(v)) return v.err;
    v.forEach((x, i) => put_val(val + i * map.val_bytes, map.val_bytes, x));
    return 0;
  },
  regmap_bulk_write: function* (h: number, reg: number, val: number, count: number): KGen<number> {
    const map = map_of(h);
    if (!map) return -EINVAL;
    return yield* regmap_bulk_write(map, reg, Array.from({ length: count }, (_, i) => get_val(val + i * map.val_bytes, map.val_bytes)));
  },
  regmap_get_device: (h: number) => { const d = map_of(h)?.dev; return d ? c_device_addr(d) ?? 0 : 0; },
  regcache_cache_only: (h: number, on: number) => { const m = map_of(h); if (m) regcache_cache_only(m, on !== 0); },
  regcache_cache_bypass: (h: number, on: number) => { const m = map_of(h); if (m) regcache_cache_bypass(m, on !== 0); },
  regcache_mark_dirty: (h: number) => { const m = map_of(h); if (m) regcache_mark_dirty(m); },
  regcache_sync: function* (h: number): KGen<number> { const m = map_of(h); return m ? yield* regcache_sync(m) : -EINVAL; },
}, true);
