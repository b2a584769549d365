// The platform devices and built-in platform drivers of the default q35 machine (arch/x86 setup, 8250, i8042, alarmtimer, fixed MDIO), registered as their drivers do at boot; reg-dummy is drivers/regulator/dummy.ts's own.
import type { KGen } from '../../include/linux/sched.ts';
import { defineState } from '../../kernel/state.ts';
import {
  platform_device_register_simple, __platform_driver_register, PLATFORM_DEVID_NONE, PLATFORM_DEVID_AUTO, type platform_device, type platform_driver,
} from './platform.ts';
import { serial_tty_devices } from './builtin_devices.ts';

const st = defineState('platform_builtin', () => ({ devices: [] as platform_device[], drivers: [] as platform_driver[] }));

/** A built-in platform driver whose probe only records the binding. */
function builtin_driver(name: string, owner: string | null, probe?: (pdev: platform_device) => KGen<number>): platform_driver {
  return { driver: { name, owner, suppress_bind_attrs: false }, probe: probe ?? (() => 0) };
}

/** 8250's platform driver: its probe registers the four ports as ttyS0..ttyS3 under the device. */
const serial8250_driver = builtin_driver('serial8250', null, function* (pdev) { return yield* serial_tty_devices(pdev.dev); });

export function* register_default_platform(): KGen<number> {
  const devices: [string, number][] = [
    ['alarmtimer', PLATFORM_DEVID_AUTO],
    ['pcspkr', PLATFORM_DEVID_NONE],
    ['serial8250', PLATFORM_DEVID_NONE],
    ['i8042', PLATFORM_DEVID_NONE],
    ['Fixed MDIO bus', 0],
    ['microcode', PLATFORM_DEVID_NONE],
  ];
  for (const [name, id] of devices) {
    const p = yield* platform_device_register_simple(name, id);
    if (typeof p === 'number') return p;
    st().devices.push(p);
  }
  // pcspkr is a module on Debian: udev loads it by MODALIAS=platform:pcspkr; until then the device stays unbound.
  // i8042's driver registers itself once it found the controller (drivers/input/serio/i8042.ts).
  const drivers = [builtin_driver('alarmtimer', null), serial8250_driver];
  for (const d of drivers) {
    const r = yield* __platform_driver_register(d, null);
    if (r) return r;
    st().drivers.push(d);
  }
  return 0;
}

export function default_platform_devices(): platform_device[] { return st().devices.slice(); }
