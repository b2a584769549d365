// regmap on the default machine: the MMIO back end over the driverless GPIO block at 0xfed70000 (access callbacks, flat cache, volatile registers, update_bits, bulk access), /sys/kernel/debug/regmap in Linux's format, the SPI back end against the W25Q32 flash, and the I2C back end against the LM75.
import { describe, expect, it, beforeAll } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { machineSource } from '../hw/machine-harness.ts';
import { kcall, sh } from '../driver-model/harness.ts';
import { ioremap } from '../../../kernel-sim/arch/x86/io.ts';
import { bus_find_device_by_name } from '../../../kernel-sim/drivers/base/bus.ts';
import { platform_bus_type } from '../../../kernel-sim/drivers/base/platform.ts';
import { spi_bus_type, to_spi_device } from '../../../kernel-sim/drivers/spi/spi.ts';
import {
  regcache_type, regmap_read, regmap_write, regmap_update_bits_base, regmap_bulk_read, regmap_bulk_write, regcache_cache_only, regcache_cache_bypass, type regmap,
} from '../../../kernel-sim/drivers/base/regmap/regmap.ts';
import { regmap_init_mmio } from '../../../kernel-sim/drivers/base/regmap/regmap-mmio.ts';
import { regmap_init_spi } from '../../../kernel-sim/drivers/base/regmap/regmap-spi.ts';
import { regmap_init_i2c } from '../../../kernel-sim/drivers/base/regmap/regmap-i2c.ts';
import { i2c_bus_type, i2c_verify_client } from '../../../kernel-sim/drivers/i2c/i2c-core-base.ts';
import { EBUSY, EINVAL, EIO } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import type { KwbGpioState } from '../../../kernel-sim/hw/gpio/kwb-gpio.ts';
import { hwState } from '../../../kernel-sim/machine/hardware.ts';

const DAT = 0x0, SET = 0x4, CLR = 0x8, DIROUT = 0xc;
let m: Machine, map: regmap, hw: KwbGpioState;
beforeAll(() => {
  m = new Machine({ dts: machineSource('default.dts'), dtsName: 'default.dts' });
  m.boot();
  hw = m.inspect(() => hwState().machine!.gpio_controllers.get('/gpio@fed70000')!);
  const r = m.inspect(() => regmap_init_mmio(bus_find_device_by_name(platform_bus_type, 'fed70000.gpio'), ioremap(0xfed70000, 0x1000), {
    reg_bits: 32, val_bits: 32, reg_stride: 4, max_register: DIROUT, cache_type: regcache_type.REGCACHE_FLAT,
    // SET and CLR are write-only; DAT follows the pins.
    readable_reg: (_d, reg) => reg === DAT || reg === DIROUT,
    volatile_reg: (_d, reg) => reg === DAT,
  }));
  if (typeof r === 'number') throw new Error(`regmap_init_mmio: ${r}`);
  map = r;
  sh(m, 'mount -t debugfs debugfs /sys/kernel/debug');
});

const read = (reg: number): number | { err: number } => kcall(m, () => regmap_read(map, reg));

describe('regmap over MMIO', () => {
  it('writes through to the registers and reads volatile ones from the hardware', () => {
    expect(kcall(m, () => regmap_write(map, DIROUT, 0xff))).toBe(0);
    expect(kcall(m, () => regmap_write(map, SET, 0x05))).toBe(0);
    expect(read(DAT)).toBe(0x05);
    expect(hw.levels()).toBe(0x05);
    expect(kcall(m, () => regmap_write(map, CLR, 0x01))).toBe(0);
    expect(read(DAT)).toBe(0x04);
  });

  it('refuses unreadable, unaligned and out-of-range registers as Linux does', () => {
    // A write-only register is served from the cache (regcache_read runs before the readable check), not from the bus.
    expect(read(SET)).toBe(0x05);
    m.inspect(() => regcache_cache_bypass(map, true));
    expect(read(SET)).toEqual({ err: -EIO });
    m.inspect(() => regcache_cache_bypass(map, false));
    expect(read(2)).toEqual({ err: -EINVAL });
    expect(kcall(m, () => regmap_write(map, 0x10, 1))).toBe(-EIO);
  });

  it('serves cached registers from the cache (cache_only) and writes only changed values in update_bits', () => {
    hw.dirout = 0x0f; // behind regmap's back: the cache still says 0xff
    expect(read(DIROUT)).toBe(0xff);
    expect(kcall(m, () => regmap_update_bits_base(map, DIROUT, 0xf0, 0xf0))).toEqual({ ret: 0, change: false });
    expect(kcall(m, () => regmap_update_bits_base(map, DIROUT, 0x0f, 0x03))).toEqual({ ret: 0, change: true });
    expect(hw.dirout).toBe(0xf3);
    m.inspect(() => regcache_cache_only(map, true));
    expect(read(DAT)).toEqual({ err: -EBUSY });
    m.inspect(() => regcache_cache_only(map, false));
  });

  it('bulk-reads and bulk-writes registers a stride apart', () => {
    expect(kcall(m, () => regmap_bulk_write(map, SET, [0x30, 0x04]))).toBe(0);
    expect(hw.out & 0xff).toBe(0x30);
    expect(kcall(m, () => regmap_bulk_read(map, DAT, 4))).toEqual([0x30, 0x30, 0x04, 0xf3]);
    expect(kcall(m, () => regmap_bulk_read(map, 2, 1))).toEqual({ err: -EINVAL });
  });

  it('shows the map in /sys/kernel/debug/regmap/<device> with registers, range, access and name', () => {
    const d = '/sys/kernel/debug/regmap/fed70000.gpio';
    expect(sh(m, `ls ${d}`)).toBe('access\ncache_bypass\ncache_dirty\ncache_only\nname\nrange\nregisters\n');
    expect(sh(m, `cat ${d}/registers`)).toBe('0: 00000030\nc: 000000f3\n');
    expect(sh(m, `cat ${d}/range`)).toBe('0-0\nc-c\n');
    expect(sh(m, `cat ${d}/access`)).toBe('0: y y y n\n4: y n n n\n8: y n n n\nc: y y n n\n');
    expect(sh(m, `cat ${d}/name ${d}/cache_only`)).toBe('nodev\nN\n');
  });
});

describe('regmap over SPI', () => {
  it('reads a register as command-then-data under one chip select, and writes register and value in one message', () => {
    const flash = m.inspect(() => to_spi_device(bus_find_device_by_name(spi_bus_type, 'spi0.0')!));
    const r = m.inspect(() => regmap_init_spi(flash, { name: 'nor', reg_bits: 8, val_bits: 8, max_register: 0xff }));
    if (typeof r === 'number') throw new Error(`regmap_init_spi: ${r}`);
    // RDID's first byte is the manufacturer (Winbond ef); RDSR is 0 until WREN (06) sets WEL.
    expect(kcall(m, () => regmap_read(r, 0x9f))).toBe(0xef);
    expect(kcall(m, () => regmap_read(r, 0x05))).toBe(0x00);
    expect(kcall(m, () => regmap_write(r, 0x06, 0x00))).toBe(0);
    expect(kcall(m, () => regmap_read(r, 0x05))).toBe(0x02);
    expect(sh(m, 'ls /sys/kernel/debug/regmap')).toBe('fed70000.gpio\nspi0.0-nor\n');
  });
});

describe('regmap over I2C (SMBus)', () => {
  it('uses swapped SMBus words for 8-bit registers with 16-bit big-endian values on the i801 (no plain I2C)', () => {
    expect(sh(m, 'modprobe i2c_i801; echo rc=$?')).toBe('rc=0\n');
    const client = m.inspect(() => i2c_verify_client(bus_find_device_by_name(i2c_bus_type, '0-0048'))!);
    const r = m.inspect(() => regmap_init_i2c(client, { reg_bits: 8, val_bits: 16, max_register: 3, cache_type: regcache_type.REGCACHE_RBTREE, volatile_reg: (_d, reg) => reg === 0 }));
    if (typeof r === 'number') throw new Error(`regmap_init_i2c: ${r}`);
    // LM75: 25.0 degC in the temperature register, Thyst 75 degC at power-on.
    expect(kcall(m, () => regmap_read(r, 0))).toBe(0x1900);
    expect(kcall(m, () => regmap_read(r, 2))).toBe(0x4b00);
    expect(kcall(m, () => regmap_write(r, 2, 0x3c00))).toBe(0);
    regcache_cache_bypass(r, true);
    expect(kcall(m, () => regmap_read(r, 2))).toBe(0x3c00);
    expect(sh(m, 'cat /sys/kernel/debug/regmap/0-0048/registers')).toBe('0: 1900\n1: 0000\n2: 3c00\n3: 5000\n');
  });
});
