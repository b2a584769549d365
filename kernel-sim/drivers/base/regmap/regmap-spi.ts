// Models linux/drivers/base/regmap/regmap-spi.c: a register write is one message of the big-endian register (with write_flag_mask) and value; a read writes the register (with read_flag_mask) and reads the value back under the same chip select.
import type { KGen } from '../../../include/linux/sched.ts';
import { EINVAL } from '../../../include/uapi/asm-generic/errno.ts';
import { spi_write, spi_write_then_read, type spi_device } from '../../spi/spi.ts';
import { __devm_regmap_init, __regmap_init, type regmap, type regmap_bus, type regmap_config } from './regmap.ts';

interface spi_ctx { spi: spi_device; reg_bytes: number; val_bytes: number; pad_bytes: number; read_flag_mask: number; write_flag_mask: number }

const be = (v: number, n: number): number[] => Array.from({ length: n }, (_, i) => (v >>> (8 * (n - 1 - i))) & 0xff);

const regmap_spi: regmap_bus = {
  name: 'spi',
  *reg_read(ctx, reg): KGen<number | { err: number }> {
    const c = ctx as spi_ctx;
    const tx = Uint8Array.from([...be(reg, c.reg_bytes), ...new Array<number>(c.pad_bytes).fill(0)]);
    tx[0] = tx[0]! | c.read_flag_mask;
    const rx = new Uint8Array(c.val_bytes);
    const r = yield* spi_write_then_read(c.spi, tx, rx);
    return r ? { err: r } : rx.reduce((v, b) => v * 256 + b, 0);
  },
  *reg_write(ctx, reg, val): KGen<number> {
    const c = ctx as spi_ctx;
    const tx = Uint8Array.from([...be(reg, c.reg_bytes), ...new Array<number>(c.pad_bytes).fill(0), ...be(val, c.val_bytes)]);
    tx[0] = tx[0]! | c.write_flag_mask;
    return yield* spi_write(c.spi, tx);
  },
};

function ctx_of(spi: spi_device, config: regmap_config): spi_ctx | number {
  if (config.reg_bits % 8 || config.val_bits % 8) return -EINVAL;
  return {
    spi, reg_bytes: config.reg_bits / 8, val_bytes: config.val_bits / 8, pad_bytes: (config.pad_bits ?? 0) / 8,
    read_flag_mask: config.read_flag_mask ?? 0, write_flag_mask: config.write_flag_mask ?? 0,
  };
}

export function regmap_init_spi(spi: spi_device, config: regmap_config): regmap | number {
  const c = ctx_of(spi, config);
  return typeof c === 'number' ? c : __regmap_init(spi.dev, regmap_spi, c, config);
}

export function devm_regmap_init_spi(spi: spi_device, config: regmap_config): regmap | number {
  const c = ctx_of(spi, config);
  return typeof c === 'number' ? c : __devm_regmap_init(spi.dev, regmap_spi, c, config);
}
