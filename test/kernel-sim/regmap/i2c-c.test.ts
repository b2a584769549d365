// regmap over I2C and the I2C client constructors for C drivers (what Linux 6.1's at24 calls: devm_regmap_init_i2c,
// devm_i2c_new_dummy_device, i2c_new_client_device, i2c_new_ancillary_device, acpi_dev_state_d0,
// pm_runtime_status_suspended), proved by the fixture i2c-regmap (builds with kbuild) on the default machine's 24c02.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { machineSource } from '../hw/machine-harness.ts';
import { driver, sh, dmesg } from '../modules/helpers.ts';

describe('kwb_i2c_regmap.ko', () => {
  it('writes and reads the EEPROM through a regmap, makes its clients, and unregisters them on rmmod', async () => {
    const m = new Machine({ dts: machineSource('default.dts'), dtsName: 'default.dts' });
    m.boot();
    m.putFile('/root/kwb_i2c_regmap.ko', await driver('i2c-regmap'));
    sh(m, 'ls /sys/bus/i2c/devices/0-0050 >/dev/null 2>&1 || modprobe i2c_i801; udevadm settle');
    expect(sh(m, 'echo 0-0050 > /sys/bus/i2c/drivers/at24/unbind; insmod /root/kwb_i2c_regmap.ko; echo rc=$?')).toBe('rc=0\n');
    const log = dmesg(m);
    expect(log).toContain('kwb_i2c_regmap 0-0050: regmap read back 6b 77 62 21, reg 0x12 = 0x62, device 0-0050');
    expect(log).toContain('kwb_i2c_regmap 0-0050: dummy 0x51 (dummy), ancillary 0x52, extra kwb-extra at 0x53');
    expect(log).toContain('i2c i2c-0: Failed to register i2c client kwb-extra at 0x51 (-16)');
    expect(log).toContain('kwb_i2c_regmap 0-0050: second client at 0x51: -16');
    expect(log).toContain('kwb_i2c_regmap 0-0050: D0 1, runtime suspended 1');
    expect(log).toContain('kwb_i2c_regmap 0-0050: after set_active: runtime suspended 0');
    expect(sh(m, 'cat /sys/bus/i2c/devices/0-0051/name /sys/bus/i2c/devices/0-0052/name /sys/bus/i2c/devices/0-0053/name')).toBe('dummy\ndummy\nkwb-extra\n');
    // The bytes are in the chip: at24 reads them back once it has the device again.
    expect(sh(m, 'rmmod kwb_i2c_regmap; echo rc=$?; ls /sys/bus/i2c/devices')).toBe('rc=0\n0-0048\n0-0050\ni2c-0\n');
    sh(m, 'echo 0-0050 > /sys/bus/i2c/drivers/at24/bind');
    expect(sh(m, 'od -An -c -j16 -N4 /sys/bus/i2c/devices/0-0050/eeprom').trim().split(/\s+/)).toEqual(['k', 'w', 'b', '!']);
    expect(dmesg(m).join('\n')).not.toMatch(/WARNING|BUG/);
  }, 300_000);
});
