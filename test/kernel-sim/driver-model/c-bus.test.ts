// A bus a module defines in C (struct bus_type, as tifm_core and mei have theirs): bus_register gives /sys/bus/NAME
// with devices/ and drivers/, its match, uevent, probe, remove and dev_groups run in the module, driver_register
// puts the module's driver on it, and add_uevent_var adds to the device's uevent; proved by the fixture c-bus
// (builds with kbuild).
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, machine, sh, dmesg } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  m = machine({ '/root/kwb_cbus.ko': await driver('c-bus') });
  expect(sh(m, 'insmod /root/kwb_cbus.ko; echo rc=$?')).toBe('rc=0\n');
}, 300_000);

describe('a bus_type from C', () => {
  it('matches through the module and probes with dev->driver set', () => {
    const log = dmesg(m);
    expect(log).toContain('kwb_one kwb0: probe: kind 1, driver kwb_one');
    expect(log).toContain('kwb_cbus: kwb0 bound 1, kwb1 bound 0');
  });

  it('shows the bus, its devices and driver in sysfs, with the bus\'s attributes and uevent variables', () => {
    expect(sh(m, 'ls /sys/bus/kwbbus')).toBe('devices\ndrivers\ndrivers_autoprobe\ndrivers_probe\nuevent\n');
    expect(sh(m, 'ls /sys/bus/kwbbus/devices')).toBe('kwb0\nkwb1\n');
    expect(sh(m, 'ls /sys/bus/kwbbus/drivers/kwb_one')).toBe('bind\nkwb0\nmodule\nuevent\nunbind\n');
    expect(sh(m, 'cat /sys/bus/kwbbus/devices/kwb0/kind /sys/bus/kwbbus/devices/kwb1/kind')).toBe('1\n2\n');
    expect(sh(m, 'readlink /sys/devices/kwb0/driver /sys/devices/kwb0/subsystem')).toBe('../../bus/kwbbus/drivers/kwb_one\n../../bus/kwbbus\n');
    expect(sh(m, 'cat /sys/devices/kwb0/uevent')).toBe('DRIVER=kwb_one\nKWB_KIND=one\n');
    expect(sh(m, 'cat /sys/devices/kwb1/uevent')).toBe('KWB_KIND=two\n');
  });

  it('unbinds through the module\'s remove and goes with rmmod', () => {
    expect(sh(m, 'echo kwb0 > /sys/bus/kwbbus/drivers/kwb_one/unbind; cat /sys/devices/kwb0/uevent')).toBe('KWB_KIND=one\n');
    expect(dmesg(m)).toContain('kwb_one kwb0: remove');
    expect(sh(m, 'echo kwb0 > /sys/bus/kwbbus/drivers/kwb_one/bind; ls /sys/bus/kwbbus/drivers/kwb_one | grep kwb')).toBe('kwb0\n');
    expect(sh(m, 'rmmod kwb_cbus; echo rc=$?; ls /sys/bus | grep kwb; ls /sys/devices | grep kwb')).toBe('rc=0\n');
    const log = dmesg(m);
    expect(log.filter((l) => l === 'kwb_one kwb0: remove')).toHaveLength(2);
    expect(log).toContain('kwb_cbus: after driver_unregister kwb0 bound 0');
    expect(log.filter((l) => /BUG|WARNING|leak/i.test(l))).toEqual([]);
  });
});
