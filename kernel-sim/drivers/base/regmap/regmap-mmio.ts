// Models linux/drivers/base/regmap/regmap-mmio.c: registers at base + reg (<< reg_shift), read and written with readb/w/l as val_bits says; little-endian, as on x86.
import { EINVAL } from '../../../include/uapi/asm-generic/errno.ts';
import { readb, readw, readl, writeb, writew, writel } from '../../../arch/x86/io.ts';
import type { device } from '../base.ts';
import { __devm_regmap_init, __regmap_init, type regmap, type regmap_bus, type regmap_config } from './regmap.ts';

interface regmap_mmio_context { regs: number; val_bytes: number }

const ACCESS: Record<number, [(a: number) => number, (v: number, a: number) => void]> = { 1: [readb, writeb], 2: [readw, writew], 4: [readl, writel] };

const regmap_mmio: regmap_bus = {
  name: 'mmio',
  *reg_read(ctx, reg) { const c = ctx as regmap_mmio_context; return ACCESS[c.val_bytes]![0](c.regs + reg); },
  *reg_write(ctx, reg, val) { const c = ctx as regmap_mmio_context; ACCESS[c.val_bytes]![1](val, c.regs + reg); return 0; },
};

/** regmap_mmio_gen_context(): 8-, 16- or 32-bit values; the register stride must cover a value. */
function gen_context(regs: number, config: regmap_config): regmap_mmio_context | number {
  if (config.reg_bits !== 32 && config.reg_bits !== 8 && config.reg_bits !== 16) return -EINVAL;
  if (!ACCESS[config.val_bits / 8]) return -EINVAL;
  return { regs, val_bytes: config.val_bits / 8 };
}

export function regmap_init_mmio(dev: device | null, regs: number, config: regmap_config): regmap | number {
  const ctx = gen_context(regs, config);
  return typeof ctx === 'number' ? ctx : __regmap_init(dev, regmap_mmio, ctx, config);
}

export function devm_regmap_init_mmio(dev: device, regs: number, config: regmap_config): regmap | number {
  const ctx = gen_context(regs, config);
  return typeof ctx === 'number' ? ctx : __devm_regmap_init(dev, regmap_mmio, ctx, config);
}
