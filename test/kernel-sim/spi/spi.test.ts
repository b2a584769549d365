// The SPI core on the default machine: spi0 from the DT with its devices on chip selects in sysfs, the core's calls against the flash, spidev and spidev_test, statistics, and the errors Linux gives.
import { describe, expect, it, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { machineSource } from '../hw/machine-harness.ts';
import { Machine as M } from '../../../kernel-sim/machine.ts';
import { kcall, sh, dmesg } from '../driver-model/harness.ts';
import { bus_find_device_by_name } from '../../../kernel-sim/drivers/base/bus.ts';
import {
  spi_bus_type, spi_write_then_read, spi_w8r8, spi_sync, spi_new_device, spi_busnum_to_master, to_spi_device, spi_message_init_with_transfers,
  type spi_device,
} from '../../../kernel-sim/drivers/spi/spi.ts';
import { EINVAL } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { devices_snapshot } from '../../../kernel-sim/drivers/base/snapshot.ts';

let m: Machine;
beforeAll(() => { m = new M({ dts: machineSource('default.dts'), dtsName: 'default.dts' }); m.boot(); });
const spidev = (name: string): spi_device => m.inspect(() => to_spi_device(bus_find_device_by_name(spi_bus_type, name)!));

describe('SPI core and sysfs', () => {
  it('names the controller spi0 and its devices spi0.<cs>, under the platform device of the DT node', () => {
    expect(sh(m, 'ls /sys/bus/spi/devices /sys/class/spi_master')).toBe('/sys/bus/spi/devices:\nspi0.0\nspi0.1\n\n/sys/class/spi_master:\nspi0\n');
    expect(sh(m, 'readlink /sys/bus/spi/devices/spi0.0 /sys/class/spi_master/spi0')).toBe(
      '../../../devices/platform/fed90000.spi/spi_master/spi0/spi0.0\n../../devices/platform/fed90000.spi/spi_master/spi0\n');
    expect(sh(m, 'readlink /sys/bus/platform/devices/fed90000.spi/driver')).toBe('../../../bus/platform/drivers/dw_spi_mmio\n');
  });

  it('gives each device the spi: modalias of its compatible without the vendor, also in the uevent', () => {
    expect(sh(m, 'cat /sys/bus/spi/devices/spi0.0/modalias /sys/bus/spi/devices/spi0.1/modalias')).toBe('spi:spi-nor\nspi:ltc2488\n');
    expect(sh(m, 'grep MODALIAS /sys/bus/spi/devices/spi0.1/uevent')).toBe('MODALIAS=spi:ltc2488\n');
    expect(sh(m, 'readlink /sys/bus/spi/devices/spi0.0/of_node')).toMatch(/firmware\/devicetree\/base\/spi@fed90000\/flash@0\n$/);
  });

  it('reads chip select, speed and mode from the DT and runs spi_write_then_read / spi_w8r8 on the flash', () => {
    const flash = spidev('spi0.0');
    expect([flash.chip_select, flash.max_speed_hz, flash.mode, flash.bits_per_word]).toEqual([0, 10_000_000, 0, 8]);
    const id = new Uint8Array(3);
    expect(kcall(m, () => spi_write_then_read(flash, Uint8Array.of(0x9f), id))).toBe(0);
    expect([...id]).toEqual([0xef, 0x40, 0x16]);
    expect(kcall(m, () => spi_w8r8(flash, 0x05))).toBe(0);
  });

  it('keeps chip select down across the transfers of a message, and counts them in statistics/', () => {
    const flash = spidev('spi0.0');
    const stat = (f: string): number => Number(sh(m, `cat /sys/bus/spi/devices/spi0.0/statistics/${f}`));
    const before = stat('messages'), histo = stat('transfer_bytes_histo_2-3');
    const rx = new Uint8Array(3);
    const msg = spi_message_init_with_transfers([{ tx_buf: Uint8Array.of(0x9f), rx_buf: null, len: 1 }, { tx_buf: null, rx_buf: rx, len: 3 }]);
    expect(kcall(m, () => spi_sync(flash, msg))).toBe(0);
    expect([msg.actual_length, ...rx]).toEqual([4, 0xef, 0x40, 0x16]);
    expect([stat('messages'), stat('transfer_bytes_histo_2-3')]).toEqual([before + 1, histo + 1]);
    expect(Number(sh(m, 'cat /sys/class/spi_master/spi0/statistics/bytes_rx'))).toBeGreaterThanOrEqual(3);
  });

  it('refuses a second device on a used chip select, and one beyond num-cs', () => {
    const ctlr = m.inspect(() => spi_busnum_to_master(0)!);
    expect(kcall(m, () => spi_new_device(ctlr, { modalias: 'dummy', max_speed_hz: 1000, chip_select: 1, mode: 0 }))).toBeNull();
    expect(kcall(m, () => spi_new_device(ctlr, { modalias: 'dummy', max_speed_hz: 1000, chip_select: 7, mode: 0 }))).toBeNull();
    expect(dmesg(m)).toMatch(/spi_master spi0: chipselect 1 already in use[\s\S]*spi_master spi0: cs7 >= max 4/);
  });

  it('puts the controller and the devices on its chip selects in the device graph snapshot', () => {
    const snap = m.inspect(() => devices_snapshot());
    const spi = snap.devices.filter((d) => d.bus === 'spi' || d.class === 'spi_master').map((d) => [d.name, d.parent?.split('/').pop(), d.bus, d.driver]);
    expect(spi).toEqual([['spi0', 'fed90000.spi', null, null], ['spi0.0', 'spi0', 'spi', null], ['spi0.1', 'spi0', 'spi', 'spidev']]);
    expect(snap.buses.map((b) => b.name)).toContain('spi');
  });

  it('rejects a transfer whose length is not a whole number of words', () => {
    const adc = spidev('spi0.1');
    const msg = spi_message_init_with_transfers([{ tx_buf: new Uint8Array(3), rx_buf: null, len: 3, bits_per_word: 16 }]);
    expect(kcall(m, () => spi_sync(adc, msg))).toBe(-EINVAL);
  });
});

describe('spidev', () => {
  it('binds the LTC2488 by its compatible and makes /dev/spidev0.1 (major 153)', () => {
    expect(sh(m, 'readlink /sys/bus/spi/devices/spi0.1/driver')).toBe('../../../../../../bus/spi/drivers/spidev\n');
    expect(sh(m, 'ls -l /dev/spidev0.1')).toMatch(/^crw------- +1 root +root +153, +0 .* \/dev\/spidev0\.1\n$/);
    expect(sh(m, 'readlink /sys/class/spidev/spidev0.1')).toBe('../../devices/platform/fed90000.spi/spi_master/spi0/spi0.1/spidev/spidev0.1\n');
    expect(sh(m, 'grep spi /proc/devices')).toBe('153 spi\n');
  });

  it('spidev_test prints the settings and, with -v, the TX and RX dumps of the ADC frame', () => {
    expect(sh(m, 'spidev_test -D /dev/spidev0.1 -s 1000000 -v -p "\\xb0\\x00\\x00"')).toBe([
      'spi mode: 0x0',
      'bits per word: 8',
      'max speed: 1000000 Hz (1000 kHz)',
      'TX | B0 00 00 __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __  |...|',
      'RX | 30 00 00 __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __ __  |0..|',
      '',
    ].join('\n'));
  });

  it('loops back with -l (SPI_LOOP through the controller SRL bit) and checks -S/-I transfers', () => {
    expect(sh(m, 'spidev_test -D /dev/spidev0.1 -l -v -p "hi\\x01"')).toMatch(/spi mode: 0x20\n[\s\S]*RX \| 68 69 01 __ [^\n]*\|hi\.\|\n$/);
    expect(sh(m, 'spidev_test -D /dev/spidev0.1 -l -S 512 -I 4')).toMatch(/total: tx 2\.0KB, rx 2\.0KB\n$/);
  });

  it('refuses a speed of 0 and reports a missing device as spidev_test does', () => {
    expect(sh(m, 'spidev_test -D /dev/spidev0.1 -s 0; echo rc=$?')).toBe("can't set max speed hz: Invalid argument\nAborted\nrc=134\n");
    expect(sh(m, 'spidev_test -D /dev/spidev1.1; echo rc=$?')).toBe("can't open device: No such file or directory\nAborted\nrc=134\n");
  });
});
