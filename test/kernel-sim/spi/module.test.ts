// A C SPI protocol driver (test/fixtures/drivers/spi-jedec, also built by real kbuild): built with the workbench, its spi:/of: aliases, bound to spi0.0 from the DT, reading the flash's JEDEC ID in probe, and unbound by rmmod.
import { describe, expect, it, beforeAll } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { machineSource } from '../hw/machine-harness.ts';
import { driver, sh } from '../modules/helpers.ts';

let ko: Uint8Array;
let m: Machine;
beforeAll(async () => {
  ko = await driver('spi-jedec');
  m = new Machine({ dts: machineSource('default.dts'), dtsName: 'default.dts' });
  m.boot();
  m.putFile('/root/kwb_spi_jedec.ko', ko);
}, 300_000);

describe('kwb_spi_jedec.ko', () => {
  it('carries the of: and spi: aliases MODULE_DEVICE_TABLE gives', () => {
    expect(sh(m, 'modinfo -F alias /root/kwb_spi_jedec.ko')).toBe('of:N*T*Cjedec,spi-nor\nof:N*T*Cjedec,spi-norC*\nspi:spi-nor\n');
  });

  it('binds to the flash on chip select 0 and reads its JEDEC ID and status in probe', () => {
    expect(sh(m, 'insmod /root/kwb_spi_jedec.ko; echo rc=$?')).toBe('rc=0\n');
    expect(sh(m, 'dmesg | grep kwb_spi_jedec | tail -2')).toMatch(/kwb_spi_jedec spi0\.0: JEDEC id ef 40 16, status 00, cs 0, 10000000 Hz, mode 0, 4 bytes in one message\n.*kwb_spi_jedec spi0\.0: max transfer 4294967295, max message 4294967295\n$/);
    expect(sh(m, 'readlink /sys/bus/spi/devices/spi0.0/driver; ls /sys/bus/spi/drivers')).toBe('../../../../../../bus/spi/drivers/kwb_spi_jedec\nkwb_spi_jedec\nspidev\n');
    expect(sh(m, 'cat /sys/bus/spi/devices/spi0.0/statistics/messages')).toBe('3\n');
  });

  it('runs remove on rmmod and leaves the device unbound', () => {
    expect(sh(m, 'rmmod kwb_spi_jedec; echo rc=$?; dmesg | tail -1')).toMatch(/^rc=0\n.*kwb_spi_jedec spi0\.0: removed \(JEDEC id ef 40 16\)\n$/);
    expect(sh(m, 'ls /sys/bus/spi/devices/spi0.0/driver 2>&1; ls /sys/bus/spi/drivers')).toMatch(/No such file or directory\nspidev\n$/);
  });
});
