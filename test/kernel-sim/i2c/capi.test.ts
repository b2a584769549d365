// The I2C and hwmon C API (test/fixtures/drivers/i2c-tmp, also built by real kbuild): a learner's LM75 driver built with the workbench, its i2c:/of: aliases, bound to 0-0048 after lm75 is unbound, temp1_input following the host-set temperature, limits written through the SMBus, plain I2C refused by the SMBus-only adapter, remove on rmmod; and i2c-tmp-groups, the older style (probe(client, id), sensor_device_attribute groups with the unmanaged hwmon_device_register_with_groups/hwmon_device_unregister, I2C block and receive-byte reads).
import { describe, expect, it, beforeAll } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { machine_hw } from '../../../kernel-sim/machine/hardware.ts';
import type { LM75State } from '../../../kernel-sim/hw/i2c/lm75.ts';
import { machineSource } from '../hw/machine-harness.ts';
import { driver, sh } from '../modules/helpers.ts';

const SENSOR = '/pcie@b0000000/smbus@1f,3/temp-sensor@48';
const model = <T>(m: Machine, path: string): T => m.inspect(() => machine_hw()!.devices.find((d) => d.path === path)!.dev as T);
const HW = '/sys/bus/i2c/devices/0-0048/hwmon/hwmon*';

let m: Machine;
beforeAll(async () => {
  const ko = await driver('i2c-tmp');
  const groups = await driver('i2c-tmp-groups');
  m = new Machine({ dts: machineSource('default.dts'), dtsName: 'default.dts' });
  m.boot();
  m.putFile('/root/kwb_i2c_tmp.ko', ko);
  m.putFile('/root/kwb_i2c_tmp_groups.ko', groups);
}, 300_000);

describe('kwb_i2c_tmp.ko', () => {
  it('carries the of: and i2c: aliases MODULE_DEVICE_TABLE gives, as modpost writes them', () => {
    expect(sh(m, 'modinfo -F alias /root/kwb_i2c_tmp.ko')).toBe('i2c:lm75\nof:N*T*Cnational,lm75\nof:N*T*Cnational,lm75C*\n');
  });

  it('binds to the sensor once lm75 lets go of it, probes through the SMBus and registers hwmon from its chip info', () => {
    expect(sh(m, 'ls /sys/bus/i2c/devices/0-0048 >/dev/null 2>&1 || modprobe i2c_i801; udevadm settle; readlink /sys/bus/i2c/devices/0-0048/driver')).toBe('../../../../../bus/i2c/drivers/lm75\n');
    expect(sh(m, 'echo 0-0048 > /sys/bus/i2c/drivers/lm75/unbind; insmod /root/kwb_i2c_tmp.ko; echo rc=$?')).toBe('rc=0\n');
    expect(sh(m, 'readlink /sys/bus/i2c/devices/0-0048/driver')).toBe('../../../../../bus/i2c/drivers/kwb_i2c_tmp\n');
    expect(sh(m, 'dmesg | grep kwb_i2c_tmp | tail -1')).toMatch(/kwb_i2c_tmp 0-0048: hwmon\d+: lm75 at 0x48, conf 0x00, id lm75, plain I2C no\n$/);
    expect(sh(m, `cd ${HW} && grep . name temp1_input temp1_max temp1_max_hyst temp1_label; ls -l temp1_input temp1_max | cut -c1-10`)).toBe(
      'name:kwb_tmp\ntemp1_input:25000\ntemp1_max:80000\ntemp1_max_hyst:75000\ntemp1_label:board\n-r--r--r--\n-rw-r--r--\n',
    );
  });

  it('temp1_input follows the temperature the host sets (0.5 degree steps, negative values sign-extended from the 16-bit register)', () => {
    m.inspect(() => model<LM75State>(m, SENSOR).set_temperature(41_700));
    expect(sh(m, `cat ${HW}/temp1_input`)).toBe('41500\n');
    m.inspect(() => model<LM75State>(m, SENSOR).set_temperature(-5_000));
    expect(sh(m, `cat ${HW}/temp1_input`)).toBe('-5000\n');
  });

  it('temp1_max writes T_OS through i2c_smbus_write_word_swapped; the chip holds it MSB first', () => {
    expect(sh(m, `modprobe i2c-dev; cd ${HW} && echo 60000 > temp1_max; cat temp1_max; i2cget -y -f 0 0x48 3 w`)).toBe('60000\n0x003c\n');
    expect(sh(m, `cd ${HW} && echo 200000 > temp1_max; cat temp1_max`)).toBe('125000\n');
  });

  it('runs remove on rmmod (hwmon gone, device unbound), and lm75 binds again', () => {
    expect(sh(m, 'rmmod kwb_i2c_tmp; echo rc=$?; dmesg | tail -1')).toMatch(/^rc=0\n.*kwb_i2c_tmp 0-0048: removed\n$/);
    expect(sh(m, 'ls /sys/bus/i2c/devices/0-0048/driver 2>&1; ls /sys/bus/i2c/devices/0-0048/hwmon 2>&1 | wc -l')).toMatch(/No such file or directory\n.*\n$/);
    expect(sh(m, 'echo 0-0048 > /sys/bus/i2c/drivers/lm75/bind; readlink /sys/bus/i2c/devices/0-0048/driver')).toBe('../../../../../bus/i2c/drivers/lm75\n');
  });

  it('plain I2C messages from C (i2c_master_send/recv, i2c_transfer) are refused by the SMBus-only i801 with -EOPNOTSUPP', () => {
    expect(sh(m, 'echo 0-0048 > /sys/bus/i2c/drivers/lm75/unbind; insmod /root/kwb_i2c_tmp.ko try_i2c=1; echo rc=$?')).toBe('rc=0\n');
    expect(sh(m, 'dmesg | grep kwb_i2c_tmp | tail -1')).toMatch(/kwb_i2c_tmp 0-0048: plain I2C: send -95, recv -95, transfer -95\n$/);
    expect(sh(m, 'rmmod kwb_i2c_tmp; echo rc=$?')).toBe('rc=0\n');
  });
});

describe('kwb_i2c_tmp_groups.ko (probe(client, id), attribute groups, I2C block and receive-byte reads)', () => {
  it('matches the lm75 client by its i2c_device_id and gets the entry, with its driver_data, in probe', () => {
    expect(sh(m, 'modinfo -F alias /root/kwb_i2c_tmp_groups.ko')).toBe('i2c:lm75\n');
    expect(sh(m, 'echo 0-0048 > /sys/bus/i2c/drivers/lm75/unbind; insmod /root/kwb_i2c_tmp_groups.ko; echo rc=$?; readlink /sys/bus/i2c/devices/0-0048/driver')).toBe(
      'rc=0\n../../../../../bus/i2c/drivers/kwb_tmp75\n',
    );
    expect(sh(m, 'dmesg | grep kwb_tmp75 | tail -1')).toMatch(/kwb_tmp75 0-0048: hwmon\d+: lm75 \(lm75, 9-bit\), conf 0x00\n$/);
  });

  it('its sensor_device_attribute files read the registers as I2C blocks and write them back as words', () => {
    m.inspect(() => model<LM75State>(m, SENSOR).set_temperature(33_000));
    expect(sh(m, `cd ${HW} && grep . name temp1_input temp1_max temp1_max_hyst`)).toBe('name:lm75\ntemp1_input:33000\ntemp1_max:125000\ntemp1_max_hyst:75000\n');
    expect(sh(m, `cd ${HW} && echo 70500 > temp1_max; cat temp1_max; i2cget -y -f 0 0x48 3 w; echo x > temp1_max; echo rc=$?`)).toBe('70500\n0x8046\nrc=1\n');
  });

  it('leaves with rmmod: remove() unregisters the hwmon device, and the binding is gone', () => {
    expect(sh(m, 'rmmod kwb_i2c_tmp_groups; echo rc=$?; dmesg | tail -1; ls /sys/bus/i2c/devices/0-0048/ | grep -c hwmon; ls /sys/class/hwmon | wc -l')).toMatch(
      /^rc=0\n.*kwb_tmp75 0-0048: hwmon device unregistered\n0\n0\n$/,
    );
  });
});
