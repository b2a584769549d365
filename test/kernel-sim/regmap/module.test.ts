// A C platform driver using regmap over MMIO (test/fixtures/drivers/regmap-mmio, also built by real kbuild): bound to the kwb,simple-gpio node from the DT, its config's callbacks run in C, and its map in /sys/kernel/debug/regmap.
import { describe, expect, it, beforeAll } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { machineSource } from '../hw/machine-harness.ts';
import { driver, sh } from '../modules/helpers.ts';
import { hwState } from '../../../kernel-sim/machine/hardware.ts';

let m: Machine;
beforeAll(async () => {
  const ko = await driver('regmap-mmio');
  m = new Machine({ dts: machineSource('default.dts'), dtsName: 'default.dts' });
  m.boot();
  m.putFile('/root/kwb_regmap_gpio.ko', ko);
}, 300_000);

describe('kwb_regmap_gpio.ko', () => {
  it('probes from the DT and drives the block through regmap_write, regmap_update_bits_check and regmap_read', () => {
    expect(sh(m, 'insmod /root/kwb_regmap_gpio.ko; echo rc=$?')).toBe('rc=0\n');
    expect(sh(m, 'dmesg | tail -1')).toMatch(/kwb_regmap_gpio fed70000\.gpio: DAT 0000000a DIROUT 0000003f \(update changed it: yes\)\n$/);
    const hw = m.inspect(() => hwState().machine!.gpio_controllers.get('/gpio@fed70000')!);
    expect([hw.out, hw.dirout]).toEqual([0x0a, 0x3f]);
  });

  it('shows the map as <device>-<config name> in debugfs, with the readable registers only', () => {
    sh(m, 'mount -t debugfs debugfs /sys/kernel/debug');
    const d = '/sys/kernel/debug/regmap/fed70000.gpio-regs';
    expect(sh(m, `cat ${d}/name ${d}/range ${d}/registers`)).toBe('kwb_regmap_gpio\n0-0\nc-c\n0: 0000000a\nc: 0000003f\n');
  });

  it('removes the map with the driver (devm)', () => {
    expect(sh(m, 'rmmod kwb_regmap_gpio; echo rc=$?; ls /sys/kernel/debug/regmap')).toBe('rc=0\n');
  });
});
