// Class-based detection (i2c-core-base.c's i2c_detect): a C driver with detect() and address_list finds an LM75 that
// no firmware node describes on the i801 (class HWMON|SPD), skipping the address a client already holds and the empty
// ones; its client is bound by the ID table and leaves with the driver. Fixture i2c-detect (builds with kbuild).
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { i2c_client_at, i2c_get_adapter, i2c_unregister_device } from '../../../kernel-sim/drivers/i2c/i2c-core-base.ts';
import { kcall } from '../driver-model/harness.ts';
import { i2cMachineSource, SMBUS_NODE } from './machine.ts';
import { driver, sh, dmesg } from '../modules/helpers.ts';

/** The SMBus with a second LM75 at 0x49. */
const SMBUS = SMBUS_NODE.replace('eeprom@50 {', 'temp-sensor@49 {\n\t\t\t\tcompatible = "national,lm75";\n\t\t\t\treg = <0x49>;\n\t\t\t};\n\n\t\t\teeprom@50 {');

describe('class-based I2C detection', () => {
  it('detect() names the chip at a free address of the list, the client binds and goes with the driver', async () => {
    const m = new Machine({ dts: i2cMachineSource(SMBUS), dtsName: 'q35-i2c-detect.dts' });
    m.boot();
    sh(m, 'ls /sys/bus/i2c/devices/i2c-0 >/dev/null 2>&1 || modprobe i2c_i801; udevadm settle');
    // The chip at 0x49 is on the bus, but as if no firmware described it: its client is taken away again.
    kcall(m, function* () {
      const c = i2c_client_at(i2c_get_adapter(0)!, 0x49);
      if (!c) throw new Error('no client at 0x49');
      yield* i2c_unregister_device(c);
    });
    expect(sh(m, 'ls /sys/bus/i2c/devices')).toBe('0-0048\n0-0050\ni2c-0\n');
    m.putFile('/root/kwb_i2c_detect.ko', await driver('i2c-detect'));
    expect(sh(m, 'insmod /root/kwb_i2c_detect.ko; echo rc=$?')).toBe('rc=0\n');
    const log = dmesg(m);
    // 0x48 is held by lm75's client and not probed; 0x4a answers nothing.
    expect(log.filter((l) => l.includes('kwb_detect:'))).toEqual(['i2c i2c-0: kwb_detect: LM75 at 0x49 (class 0x81)']);
    expect(log).toContain('kwb_i2c_detect 0-0049: bound on i2c-0 (SMBus I801 adapter at 0700)');
    expect(sh(m, 'cat /sys/bus/i2c/devices/0-0049/name; readlink /sys/bus/i2c/devices/0-0049/driver')).toBe('kwb_lm75\n../../../../../bus/i2c/drivers/kwb_i2c_detect\n');
    expect(sh(m, 'rmmod kwb_i2c_detect; echo rc=$?; ls /sys/bus/i2c/devices')).toBe('rc=0\n0-0048\n0-0050\ni2c-0\n');
    expect(dmesg(m).filter((l) => /WARNING|BUG/.test(l))).toEqual([]);
  }, 300_000);
});
