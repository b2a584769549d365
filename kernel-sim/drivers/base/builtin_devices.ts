// Models the device_create() calls the built-in character drivers make at boot: the mem class (drivers/char/mem.c), tty/console (tty_io.c), the 8250 ports (8250_core.c) and the misc devices every q35 boot has.
import type { KGen } from '../../include/linux/sched.ts';
import { MKDEV, MINOR } from '../../include/linux/fs_types.ts';
import { defineState } from '../../kernel/state.ts';
import { mem_devices, MEM_MAJOR } from '../char/mem.ts';
import { TTYAUX_MAJOR } from '../tty/tty_io.ts';
import { TTY_MAJOR, SERIAL_MINOR_BASE, UART_NR } from '../tty/serial/8250_core.ts';
import type { class_, device } from './base.ts';
import { class_create } from './class.ts';
import { device_create, device_create_with_groups } from './core.ts';
import { misc_register, MISC_DYNAMIC_MINOR, type miscdevice } from '../char/misc.ts';
import type { device_attribute } from './base.ts';
import { cpu_latency_qos_fops } from '../../kernel/power/qos.ts';

const st = defineState('builtin_devices', () => ({ mem: null as class_ | null, tty: null as class_ | null, misc: [] as miscdevice[] }));

/** chr_dev_init's half in the driver model: class "mem" and a device per minor, mode from devlist[]. */
export function* mem_class_init(): KGen<number> {
  const cls = class_create('mem');
  if (typeof cls === 'number') return cls;
  cls.devnode = (dev) => ({ name: null, mode: mem_devices.find((d) => d.minor === MINOR(dev.devt))?.mode ?? 0 });
  st().mem = cls;
  for (const d of [...mem_devices].sort((a, b) => a.minor - b.minor)) {
    const r = yield* device_create(cls, null, MKDEV(MEM_MAJOR, d.minor), null, d.name);
    if (typeof r === 'number') return r;
  }
  return 0;
}

/** tty_class_init + tty_init: /dev/tty (0666) and /dev/console with its "active" attribute. */
export function* tty_class_init(): KGen<number> {
  const cls = class_create('tty');
  if (typeof cls === 'number') return cls;
  cls.devnode = (dev) => (dev.devt === MKDEV(TTYAUX_MAJOR, 0) || dev.devt === MKDEV(TTYAUX_MAJOR, 2) ? { name: null, mode: 0o666 } : null);
  st().tty = cls;
  const tty = yield* device_create(cls, null, MKDEV(TTYAUX_MAJOR, 0), null, 'tty');
  if (typeof tty === 'number') return tty;
  const active: device_attribute = { name: 'active', mode: 0o444, show: () => 'ttyS0\n' };
  const con = yield* device_create_with_groups(cls, null, MKDEV(TTYAUX_MAJOR, 1), null, [{ attrs: [active] }], 'console');
  return typeof con === 'number' ? con : 0;
}

/** The 8250 ports as tty devices of the serial8250 platform device (uart_add_one_port → tty_port_register_device). */
export function* serial_tty_devices(parent: device | null): KGen<number> {
  const cls = st().tty;
  if (!cls) return -19;
  for (let i = 0; i < UART_NR; i++) {
    const r = yield* device_create(cls, parent, MKDEV(TTY_MAJOR, SERIAL_MINOR_BASE + i), null, `ttyS${i}`);
    if (typeof r === 'number') return r;
  }
  return 0;
}

/** The misc devices of a q35 boot, in their registration order, so a driver's first dynamic minor is 124 as in the reference. */
const BOOT_MISC: [string, number, string | null][] = [
  ['vga_arbiter', MISC_DYNAMIC_MINOR, null],
  ['hw_random', 183, 'hwrng'],
  ['snapshot', 231, null],
  ['userfaultfd', MISC_DYNAMIC_MINOR, null],
  ['hpet', 228, null],
  ['psaux', 1, null],
  ['cpu_dma_latency', MISC_DYNAMIC_MINOR, null],
];

export function* boot_misc_devices(): KGen<number> {
  for (const [name, minor, nodename] of BOOT_MISC) {
    const m: miscdevice = { name, minor, fops: name === 'cpu_dma_latency' ? cpu_latency_qos_fops : {}, nodename };
    const r = yield* misc_register(m);
    if (r) return r;
    st().misc.push(m);
  }
  return 0;
}

export function tty_class(): class_ | null { return st().tty; }
export function mem_class(): class_ | null { return st().mem; }
