// The I2C stack in the guest: i2c_i801 binding the ICH9 SMBus and instantiating the DT clients, udev loading lm75 and at24 from their modaliases, i2c-dev with i2c-tools, hwmon and the EEPROM through nvmem, new_device/delete_device.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { machine_hw } from '../../../kernel-sim/machine/hardware.ts';
import type { LM75State } from '../../../kernel-sim/hw/i2c/lm75.ts';
import type { AT24State } from '../../../kernel-sim/hw/i2c/at24.ts';
import { i2cMachineSource } from './machine.ts';

const SENSOR = '/pcie@b0000000/smbus@1f,3/temp-sensor@48';
const EEPROM = '/pcie@b0000000/smbus@1f,3/eeprom@50';
const model = <T>(m: Machine, path: string): T => m.inspect(() => machine_hw()!.devices.find((d) => d.path === path)!.dev as T);

function booted(): Machine {
  const m = new Machine({ dts: i2cMachineSource(), dtsName: 'i2c.dts' });
  m.boot();
  return m;
}
const sh = (m: Machine, cmd: string): string => m.runCommand(cmd).output;
const dmesg = (m: Machine): string[] => sh(m, 'dmesg').split('\n').map((l) => l.replace(/^\[[ \d.]+\] /, '')).filter(Boolean);

describe('i2c_i801 and the I2C core', () => {
  const m = booted();

  it('before the driver there is no adapter; modprobe i2c_i801 makes i2c-0 below 00:1f.3 with the DT clients 0-0048 and 0-0050', () => {
    expect(sh(m, 'ls /sys/bus/i2c/devices | wc -l')).toBe('0\n');
    expect(sh(m, 'modprobe i2c_i801; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m)).toContain('i801_smbus 0000:00:1f.3: SMBus using PCI interrupt');
    expect(sh(m, 'cd /sys/bus/i2c/devices && for d in *; do echo $d $(readlink $d); done')).toBe(
      '0-0048 ../../../devices/pci0000:00/0000:00:1f.3/i2c-0/0-0048\n0-0050 ../../../devices/pci0000:00/0000:00:1f.3/i2c-0/0-0050\ni2c-0 ../../../devices/pci0000:00/0000:00:1f.3/i2c-0\n',
    );
  });

  it('names, modaliases and the bound drivers (udev loaded lm75 and at24 from the of: aliases)', () => {
    expect(sh(m, 'cat /sys/bus/i2c/devices/i2c-0/name /sys/bus/i2c/devices/0-0048/name /sys/bus/i2c/devices/0-0048/modalias /sys/bus/i2c/devices/0-0050/modalias')).toBe(
      'SMBus I801 adapter at 0700\nlm75\nof:Ntemp-sensorT(null)Cnational,lm75\nof:NeepromT(null)Catmel,24c02\n',
    );
    expect(sh(m, 'lsmod | cut -d" " -f1 | sort')).toBe('Module\nat24\ni2c_i801\nlm75\n');
    expect(sh(m, 'readlink /sys/bus/i2c/devices/0-0048/driver /sys/bus/i2c/devices/0-0050/driver')).toBe('../../../../../bus/i2c/drivers/lm75\n../../../../../bus/i2c/drivers/at24\n');
    const log = dmesg(m);
    expect(log).toContain("lm75 0-0048: hwmon0: sensor 'lm75'");
    expect(log).toContain('at24 0-0050: 256 byte 24c02 EEPROM, writable, 1 bytes/write');
    expect(sh(m, 'grep i801_smbus /proc/interrupts | wc -l')).toBe('1\n');
  });

  it('i2c-dev gives /dev/i2c-0 (major 89); i2cdetect -l, -y 0 (UU for bound clients) and -F print as i2c-tools 4.3 does', () => {
    expect(sh(m, 'i2cdetect -l; echo rc=$?')).toBe('rc=0\n');
    sh(m, 'modprobe i2c-dev');
    expect(sh(m, "ls -l /dev/i2c-0 | awk '{print $1, $5, $6}'; ls /sys/class/i2c-dev; grep i2c /proc/devices")).toBe('crw------- 89, 0\ni2c-0\n 89 i2c\n');
    expect(sh(m, 'i2cdetect -l')).toBe('i2c-0\tsmbus     \tSMBus I801 adapter at 0700      \tSMBus adapter\n');
    expect(sh(m, 'i2cdetect -y 0')).toBe([
      '     0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f',
      '00:                         -- -- -- -- -- -- -- -- ',
      '10: -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- ',
      '20: -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- ',
      '30: -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- ',
      '40: -- -- -- -- -- -- -- -- UU -- -- -- -- -- -- -- ',
      '50: UU -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- ',
      '60: -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- -- ',
      '70: -- -- -- -- -- -- -- --                         ', '',
    ].join('\n'));
    const f = sh(m, 'i2cdetect -F 0');
    expect(f).toMatch(/^Functionalities implemented by \/dev\/i2c-0:\nI2C                              no\nSMBus Quick Command              yes\n/);
    expect(f).toMatch(/^I2C Block Read                   yes$/m);
    expect(sh(m, 'i2cget -y 0 0x48 0 w; echo rc=$?')).toMatch(/^Error: Could not set address to 0x48: Device or resource busy\nrc=1\n$/);
    expect(sh(m, 'i2cget -y 0 0x21; echo rc=$?')).toBe('Error: Read failed\nrc=2\n');
  });

  it('hwmon: hwmon0 below 0-0048 follows the temperature the host sets; temp1_max writes T_OS in the chip', () => {
    expect(sh(m, 'readlink /sys/class/hwmon/hwmon0; cd /sys/class/hwmon/hwmon0 && grep . name temp1_input temp1_max temp1_max_hyst update_interval; readlink device')).toBe(
      '../../devices/pci0000:00/0000:00:1f.3/i2c-0/0-0048/hwmon/hwmon0\nname:lm75\ntemp1_input:25000\ntemp1_max:80000\ntemp1_max_hyst:75000\nupdate_interval:100\n../../../0-0048\n',
    );
    m.inspect(() => model<LM75State>(m, SENSOR).set_temperature(41_700));
    expect(sh(m, 'cat /sys/class/hwmon/hwmon0/temp1_input')).toBe('41500\n');
    expect(sh(m, 'echo 60000 > /sys/class/hwmon/hwmon0/temp1_max; cat /sys/class/hwmon/hwmon0/temp1_max; i2cget -y -f 0 0x48 3 w')).toBe('60000\n0x003c\n');
    expect(model<LM75State>(m, SENSOR).t_os).toBe(0x3c00);
    expect(sh(m, 'sensors')).toBe('lm75-i2c-0-48\nAdapter: SMBus I801 adapter at 0700\ntemp1:        +41.5°C  (high = +60.0°C, hyst = +75.0°C)\n\n');
    m.inspect(() => model<LM75State>(m, SENSOR).set_temperature(-5_000));
    expect(sh(m, 'sensors lm75-i2c-0-48 | grep temp1')).toBe('temp1:         -5.0°C  (high = +60.0°C, hyst = +75.0°C)\n');
    expect(sh(m, 'echo hot > /sys/class/hwmon/hwmon0/temp1_max; echo rc=$?; cat /sys/class/hwmon/hwmon0/temp1_max')).toMatch(/rc=1\n60000\n$/);
  });

  it('EEPROM round trip: the nvmem file, i2cset/i2cget and the legacy eeprom file see the same bytes', () => {
    expect(sh(m, 'readlink /sys/bus/nvmem/devices/0-00500; cat /sys/bus/nvmem/devices/0-00500/type; stat -c "%a %s" /sys/bus/nvmem/devices/0-00500/nvmem')).toBe(
      '../../../devices/pci0000:00/0000:00:1f.3/i2c-0/0-0050/0-00500\nEEPROM\n644 256\n',
    );
    expect(sh(m, 'printf hello > /sys/bus/nvmem/devices/0-00500/nvmem; i2cget -y -f 0 0x50 0; i2cget -y -f 0 0x50 4')).toBe('0x68\n0x6f\n');
    expect(sh(m, 'i2cset -y -f 0 0x50 5 0x21; head -c 6 /sys/bus/i2c/devices/0-0050/eeprom; echo')).toBe('hello!\n');
    expect(Array.from(model<AT24State>(m, EEPROM).mem.slice(0, 6))).toEqual([...'hello!'].map((ch) => ch.charCodeAt(0)));
    expect(sh(m, 'i2cdump -y -f -r 0x00-0x0f 0 0x50 b')).toBe(
      '     0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f    0123456789abcdef\n00: 68 65 6c 6c 6f 21 ff ff ff ff ff ff ff ff ff ff    hello!..........\n',
    );
    expect(sh(m, 'i2cget -y -f 0 0x50 0 i 5')).toBe('0x68 0x65 0x6c 0x6c 0x6f\n');
  });

  it('new_device instantiates a client by name and address; delete_device removes only such clients; bad input is refused', () => {
    expect(sh(m, 'echo 24c02 0x51 > /sys/bus/i2c/devices/i2c-0/new_device; ls /sys/bus/i2c/devices | tr "\\n" " "')).toBe('0-0048 0-0050 0-0051 i2c-0 ');
    // No chip answers at 0x51: at24's test read fails and the client stays unbound.
    expect(sh(m, 'ls /sys/bus/i2c/devices/0-0051/driver 2>&1 | wc -l; cat /sys/bus/i2c/devices/0-0051/modalias')).toBe('1\ni2c:24c02\n');
    expect(sh(m, 'echo 24c02 0x51 > /sys/bus/i2c/devices/i2c-0/new_device; echo rc=$?')).toMatch(/rc=1\n$/);
    expect(sh(m, 'echo 0x48 > /sys/bus/i2c/devices/i2c-0/delete_device; echo rc=$?')).toMatch(/rc=1\n$/);
    expect(sh(m, 'echo 0x51 > /sys/bus/i2c/devices/i2c-0/delete_device; ls /sys/bus/i2c/devices | tr "\\n" " "')).toBe('0-0048 0-0050 i2c-0 ');
    expect(sh(m, 'echo 24c02 > /sys/bus/i2c/devices/i2c-0/new_device; echo rc=$?')).toMatch(/rc=1\n$/);
    const log = dmesg(m);
    expect(log).toContain('i2c i2c-0: new_device: Instantiated device 24c02 at 0x51');
    expect(log).toContain('i2c i2c-0: Failed to register i2c client 24c02 at 0x51 (-16)');
    expect(log).toContain("i2c i2c-0: delete_device: Can't find device in list");
    expect(log).toContain('i2c i2c-0: delete_device: Deleting device 24c02 at 0x51');
    expect(log).toContain('i2c i2c-0: new_device: Missing parameters');
  });

  it('rmmod lm75 takes hwmon0 away and frees the address; rmmod i2c_i801 removes the adapter and its clients', () => {
    expect(sh(m, 'rmmod lm75; ls /sys/class/hwmon | wc -l; i2cget -y 0 0x48 1; sensors; echo rc=$?')).toBe(
      '0\n0x00\nNo sensors found!\nMake sure you loaded all the kernel drivers you need.\nTry sensors-detect to find out which these are.\nrc=1\n',
    );
    expect(sh(m, 'rmmod at24 i2c_dev i2c_i801; echo rc=$?; ls /sys/bus/i2c/devices | wc -l; ls /sys/bus/nvmem/devices | wc -l')).toBe('rc=0\n0\n0\n');
  });
});
