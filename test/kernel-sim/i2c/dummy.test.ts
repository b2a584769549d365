// i2c_new_dummy_device, i2c_unregister_device and i2c_smbus_read_i2c_block_data_or_emulated for C drivers (the
// calls max6875 and ee1004 make), proved by the fixture i2c-dummy (builds with kbuild) on the default machine's 24c02.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { machineSource } from '../hw/machine-harness.ts';
import { driver, sh, dmesg } from '../modules/helpers.ts';

describe('dummy I2C clients', () => {
  it('the core has the dummy driver from boot', () => {
    const m = new Machine({ dts: machineSource('default.dts'), dtsName: 'default.dts' });
    m.boot();
    expect(sh(m, 'ls /sys/bus/i2c/drivers/dummy >/dev/null; echo rc=$?')).toBe('rc=0\n');
  });

  it('a driver reserves the next address with a client bound to dummy, reads its EEPROM emulated or not, and frees the address on remove', async () => {
    const m = new Machine({ dts: machineSource('default.dts'), dtsName: 'default.dts' });
    m.boot();
    m.putFile('/root/kwb_i2c_pair.ko', await driver('i2c-dummy'));
    sh(m, 'ls /sys/bus/i2c/devices/0-0050 >/dev/null 2>&1 || modprobe i2c_i801; udevadm settle');
    // What at24 reads from the same chip, as "%*ph" prints it.
    const bytes = sh(m, 'od -An -tx1 -N16 /sys/bus/i2c/devices/0-0050/eeprom').trim().split(/\s+/).join(' ');
    expect(bytes.split(' ')).toHaveLength(16);
    expect(sh(m, 'echo 0-0050 > /sys/bus/i2c/drivers/at24/unbind; insmod /root/kwb_i2c_pair.ko; echo rc=$?')).toBe('rc=0\n');
    expect(sh(m, 'readlink /sys/bus/i2c/devices/0-0050/driver /sys/bus/i2c/devices/0-0051/driver; cat /sys/bus/i2c/devices/0-0051/name')).toBe(
      '../../../../../bus/i2c/drivers/kwb_i2c_pair\n../../../../../bus/i2c/drivers/dummy\ndummy\n',
    );
    const log = dmesg(m);
    expect(log).toContain(`kwb_i2c_pair 0-0050: read 16 bytes: ${bytes}`);
    // Nothing answers at 0x51: the i801 reports the missing ACK as -ENXIO.
    expect(log).toContain('kwb_i2c_pair 0-0050: reserved 0x51 (dummy), read there: -6');
    // The address is taken while the dummy client holds it.
    expect(sh(m, 'echo 24c02 0x51 > /sys/bus/i2c/devices/i2c-0/new_device; echo rc=$?')).toMatch(/rc=1\n$/);
    expect(sh(m, 'rmmod kwb_i2c_pair; echo rc=$?; ls /sys/bus/i2c/devices/0-0051 2>&1 >/dev/null | head -c 3')).toBe('rc=0\nls:');
  }, 300_000);
});
