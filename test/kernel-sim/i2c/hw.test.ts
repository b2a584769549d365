// The ICH9 SMBus host interface (pm_smbus registers at 0x700) driving the LM75 and 24c02 models of default.dts, as i2c-i801 programs it.
import { describe, expect, it } from 'vitest';
import { boot } from '../hw/machine-harness.ts';
import { i2cMachineSource } from './machine.ts';
import type { KwbMachine } from '../../../kernel-sim/hw/core/machine-builder.ts';
import type { LM75State } from '../../../kernel-sim/hw/i2c/lm75.ts';
import type { AT24State } from '../../../kernel-sim/hw/i2c/at24.ts';
import { lm75_reg_to_temp, lm75_temp_to_reg } from '../../../kernel-sim/hw/i2c/lm75.ts';

const SMBA = 0x700;
const HST_STS = SMBA, HST_CNT = SMBA + 2, HST_CMD = SMBA + 3, XMIT_SLVA = SMBA + 4, D0 = SMBA + 5, D1 = SMBA + 6, BLKDAT = SMBA + 7, AUXCTL = SMBA + 0xd;
const BYTE_DATA = 0x08, WORD_DATA = 0x0c, QUICK = 0x00, I2C_BLOCK = 0x18, START = 0x40;

function smbus(m: KwbMachine) {
  const out = (port: number, v: number) => m.io_write(port, v, 1);
  const inb = (port: number) => m.io_read(port, 1);
  const run = (addr: number, read: boolean, cmd: number, prot: number): number => {
    out(HST_STS, 0xff);
    out(XMIT_SLVA, (addr << 1) | (read ? 1 : 0));
    out(HST_CMD, cmd);
    out(HST_CNT, prot | START);
    const sts = inb(HST_STS);
    out(HST_STS, sts);
    return sts;
  };
  return { out, inb, run };
}

const dev = <T>(m: KwbMachine, path: string): T => m.devices.find((d) => d.path === path)!.dev as T;

describe('ICH9 SMBus controller (hw)', () => {
  // i2cMachineSource() has no gpio or other nodes, so paths are the reference machine's.
  const SENSOR = '/pcie@b0000000/smbus@1f,3/temp-sensor@48';
  const EEPROM = '/pcie@b0000000/smbus@1f,3/eeprom@50';

  it('puts the LM75 at 0x48 and the 24c02 at 0x50 on its bus; a quick write finds only those', () => {
    const { m } = boot(i2cMachineSource(), { firmware: 'seabios' });
    const i2c = m.devices.filter((d) => d.bus === 'i2c').map((d) => `${d.path} ${d.compatible}`);
    expect(i2c).toEqual([`${SENSOR} national,lm75`, `${EEPROM} atmel,24c02`]);
    const s = smbus(m);
    const found = [];
    for (let a = 0x03; a <= 0x77; a++) if (s.run(a, false, 0, QUICK) & 0x02) found.push(a.toString(16));
    expect(found).toEqual(['48', '50']);
    // An empty address reports DEV_ERR (bit 2), not INTR.
    expect(s.run(0x20, false, 0, QUICK) & 0x06).toBe(0x04);
  });

  it('reads the LM75 temperature word (MSB first on the wire) and follows the host-set temperature', () => {
    const { m } = boot(i2cMachineSource(), { firmware: 'seabios' });
    const s = smbus(m);
    const word = () => {
      expect(s.run(0x48, true, 0, WORD_DATA) & 0x02).toBe(0x02);
      const lo = s.inb(D0), hi = s.inb(D1);
      return lm75_reg_to_temp(((lo << 8) | hi) & 0xffff);
    };
    expect(word()).toBe(25_000);
    dev<LM75State>(m, SENSOR).set_temperature(-10_500);
    expect(word()).toBe(-10_500);
    expect(lm75_temp_to_reg(-10_500)).toBe(0xf580);
    // Config register (byte), T_OS default 80 degC.
    s.run(0x48, true, 1, BYTE_DATA);
    expect(s.inb(D0)).toBe(0);
    s.run(0x48, true, 3, WORD_DATA);
    expect([s.inb(D0), s.inb(D1)]).toEqual([0x50, 0x00]);
  });

  it('drives OS in comparator mode: asserted above T_OS, released below T_HYST (active low)', () => {
    const { m } = boot(i2cMachineSource(), { firmware: 'seabios' });
    const lm = dev<LM75State>(m, SENSOR);
    const levels: number[] = [];
    lm.on_os((l) => levels.push(l));
    expect(lm.os_level()).toBe(1);
    lm.set_temperature(81_000);
    lm.set_temperature(78_000);
    lm.set_temperature(70_000);
    expect(levels).toEqual([0, 1]);
    // T_OS lowered over SMBus (word: low byte on the wire second) moves the threshold.
    const s = smbus(m);
    s.out(D0, 0x3c); s.out(D1, 0x00);
    expect(s.run(0x48, false, 3, WORD_DATA) & 0x02).toBe(0x02);
    expect(lm.t_os).toBe(0x3c00);
    expect(levels).toEqual([0, 1, 0]);
  });

  it('writes and reads back the 24c02 byte by byte and with an I2C block read through the block buffer', () => {
    const { m } = boot(i2cMachineSource(), { firmware: 'seabios' });
    const s = smbus(m);
    s.run(0x50, true, 0x10, BYTE_DATA);
    expect(s.inb(D0)).toBe(0xff);
    for (const [i, b] of [0xde, 0xad, 0xbe, 0xef].entries()) {
      s.out(D0, b);
      s.run(0x50, false, 0x10 + i, BYTE_DATA);
    }
    expect(Array.from(dev<AT24State>(m, EEPROM).mem.slice(0x10, 0x14))).toEqual([0xde, 0xad, 0xbe, 0xef]);
    s.out(AUXCTL, 0x02);
    s.out(D0, 4);
    s.out(D1, 0x10);
    expect(s.run(0x50, true, 0, I2C_BLOCK) & 0x02).toBe(0x02);
    s.inb(HST_CNT);
    expect([0, 1, 2, 3].map(() => s.inb(BLKDAT))).toEqual([0xde, 0xad, 0xbe, 0xef]);
  });

  it('a page write rolls over inside its 8-byte page; contents survive reset and save/load', () => {
    const { m } = boot(i2cMachineSource(), { firmware: 'seabios' });
    const ee = dev<AT24State>(m, EEPROM);
    const bus = ee;
    bus.event('I2C_START_SEND');
    [0x06, 1, 2, 3, 4].forEach((b) => bus.send(b));
    bus.event('I2C_FINISH');
    expect(Array.from(ee.mem.slice(0, 8))).toEqual([3, 4, 0xff, 0xff, 0xff, 0xff, 1, 2]);
    const saved = m.save();
    m.reset();
    expect(ee.mem[6]).toBe(1);
    ee.mem.fill(0);
    m.load(saved);
    expect(ee.mem[7]).toBe(2);
  });

  it('interrupts on completion when INTREN is set, and refuses to run with HST_EN clear', () => {
    const { m, irqs } = boot(i2cMachineSource(), { firmware: 'seabios' });
    const s = smbus(m);
    s.out(XMIT_SLVA, (0x48 << 1) | 1);
    s.out(HST_CMD, 0);
    s.out(HST_CNT, WORD_DATA | START | 0x01);
    expect(irqs.some((i) => i.level === 1)).toBe(true);
    s.out(HST_STS, 0xff);
    expect(irqs.at(-1)!.level).toBe(0);
    m.pci_config_write(0, 0, 0xfb, 0x40, 0, 1);
    const errors: string[] = [];
    m.ctx.log.subscribe((e) => errors.push(e.message));
    s.out(HST_CNT, WORD_DATA | START);
    expect(errors.join('\n')).toMatch(/HST_EN clear/);
  });

  it('the OS pin drives the GPIO input named by interrupts-extended: low (active) above T_OS, high again below T_HYST', () => {
    const gpio = `gpio0: gpio@fe800000 {
		compatible = "kwb,simple-gpio";
		reg = <0x0 0xfe800000 0x0 0x1000>;
		gpio-controller;
		#gpio-cells = <2>;
		ngpios = <8>;
	};

	pcie@b0000000 {`;
    const src = i2cMachineSource().replace('pcie@b0000000 {', gpio).replace('reg = <0x48>;', 'reg = <0x48>;\n\t\t\t\tinterrupts-extended = <&gpio0 5 8>;');
    const { m } = boot(src, { firmware: 'seabios' });
    const lm = dev<LM75State>(m, SENSOR);
    const line5 = () => (m.gpio_controllers.get('/gpio@fe800000')!.levels() >> 5) & 1;
    lm.set_temperature(85_000);
    expect(line5()).toBe(0);
    lm.set_temperature(70_000);
    expect(line5()).toBe(1);
  });
});
