// Models linux/drivers/input/serio/serio.c: the serio bus (serioN ports of a controller, drivers matched by type/proto/id/extra), its event queue (kseriod's work) and serio_interrupt.
import type { KGen } from '../../../include/linux/sched.ts';
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { ENODEV, ENOMEM } from '../../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../../kernel/state.ts';
import { pr_err } from '../../../kernel/printk/printk.ts';
import { INIT_WORK, queue_work, system_long_wq } from '../../../kernel/workqueue.ts';
import { add_uevent_var, type kobj_uevent_env } from '../../../lib/kobject_uevent.ts';
import type { bus_type, device, device_attribute, device_driver } from '../../base/base.ts';
import { bus_register } from '../../base/bus.ts';
import { dev_set_name, device_add, device_alloc, device_del, device_initialize, put_device } from '../../base/core.ts';
import { driver_register, driver_unregister } from '../../base/driver.ts';
import { run_sync } from '../../base/sync.ts';

export const SERIO_ANY = 0xff;
/** Port types (serio->id.type): an 8042 port, with XL when the controller translates to set 1. */
export const SERIO_XT = 0x00, SERIO_8042 = 0x01, SERIO_RS232 = 0x02, SERIO_HIL_MLC = 0x03, SERIO_PS_PSTHRU = 0x05, SERIO_8042_XL = 0x06;
/** serio_interrupt() flags. */
export const SERIO_TIMEOUT = 1, SERIO_PARITY = 2, SERIO_FRAME = 4;

export interface serio_device_id { type: number; extra: number; id: number; proto: number }

export interface serio {
  name: string;
  phys: string;
  firmware_id: string;
  id: serio_device_id;
  /** The controller's send routine (i8042_kbd_write). */
  write: ((serio: serio, byte: number) => number) | null;
  open?: (serio: serio) => number;
  close?: (serio: serio) => void;
  start?: (serio: serio) => number;
  stop?: (serio: serio) => void;
  parent: serio | null;
  port_data: unknown;
  drv: serio_driver | null;
  dev: device;
  drvdata: unknown;
}

export interface serio_driver {
  description: string;
  id_table: serio_device_id[];
  /** Bytes from the port, in interrupt context. */
  interrupt(serio: serio, data: number, flags: number): number;
  connect(serio: serio, drv: serio_driver): KGen<number>;
  reconnect?(serio: serio): KGen<number>;
  disconnect(serio: serio): KGen<void>;
  cleanup?(serio: serio): void;
  driver: device_driver;
}

interface SerioState { ports: serio[]; nos: number }
const serioState = defineState<SerioState>('serio', () => ({ ports: [], nos: 0 }));

export const to_serio_port = (dev: device): serio => dev.container as serio;
const to_serio_driver = (drv: device_driver): serio_driver => (drv as device_driver & { serio: serio_driver }).serio;
export const serio_get_drvdata = (s: serio): unknown => s.drvdata;
export const serio_set_drvdata = (s: serio, d: unknown): void => { s.drvdata = d; };
export const serio_ports = (): serio[] => serioState().ports.slice();

function serio_match_port(ids: serio_device_id[], s: serio): boolean {
  const m = (want: number, have: number): boolean => want === SERIO_ANY || want === have;
  return ids.some((i) => m(i.type, s.id.type) && m(i.proto, s.id.proto) && m(i.extra, s.id.extra) && m(i.id, s.id.id));
}

const hex2 = (v: number): string => v.toString(16).padStart(2, '0');
const HEX2 = (v: number): string => hex2(v).toUpperCase();
const serio_modalias = (s: serio): string => `serio:ty${HEX2(s.id.type)}pr${HEX2(s.id.proto)}id${HEX2(s.id.id)}ex${HEX2(s.id.extra)}`;

function serio_uevent(dev: device, env: kobj_uevent_env): number {
  const s = to_serio_port(dev);
  const vars = [`SERIO_TYPE=${hex2(s.id.type)}`, `SERIO_PROTO=${hex2(s.id.proto)}`, `SERIO_ID=${hex2(s.id.id)}`, `SERIO_EXTRA=${hex2(s.id.extra)}`, `MODALIAS=${serio_modalias(s)}`];
  if (s.firmware_id) vars.push(`SERIO_FIRMWARE_ID=${s.firmware_id}`);
  for (const v of vars) if (add_uevent_var(env, v)) return -ENOMEM;
  return 0;
}

const ro = (name: string, show: (s: serio) => string): device_attribute => ({ name, mode: 0o444, show: (dev) => `${show(to_serio_port(dev))}\n` });

/** serio_driver_probe(): the bus's probe is the driver's connect. */
function* serio_driver_probe(dev: device): KGen<number> {
  const s = to_serio_port(dev);
  const drv = to_serio_driver(dev.driver!);
  s.drv = drv;
  const r = yield* drv.connect(s, drv);
  if (r) s.drv = null;
  return r;
}

function* serio_driver_remove(dev: device): KGen<void> {
  const s = to_serio_port(dev);
  if (s.drv) yield* s.drv.disconnect(s);
  s.drv = null;
}

// kernel-static: the bus description; its registration is per machine
export const serio_bus: bus_type = {
  name: 'serio',
  match: (dev, drv) => (serio_match_port(to_serio_driver(drv).id_table, to_serio_port(dev)) ? 1 : 0),
  uevent: serio_uevent,
  probe: serio_driver_probe,
  remove: serio_driver_remove,
  dev_groups: [
    { attrs: [ro('description', (s) => s.name), ro('modalias', serio_modalias), ro('bind_mode', () => 'auto'), ro('firmware_id', (s) => s.firmware_id)] },
    { name: 'id', attrs: (['type', 'proto', 'id', 'extra'] as const).map((f) => ro(f, (s) => hex2(s.id[f]))) },
  ],
};

/** serio_init_port(): serioN (a bus-wide counter), a struct device on the serio bus under the controller. */
function serio_init_port(s: serio, parent: device | null): void {
  const st = serioState();
  s.dev = device_alloc(s);
  dev_set_name(s.dev, `serio${st.nos++}`);
  s.dev.bus = serio_bus;
  s.dev.parent = parent;
  device_initialize(s.dev);
}

/** serio_add_port(): device_add, which binds a driver (kseriod's SERIO_REGISTER_PORT). */
function* serio_add_port(s: serio): KGen<void> {
  serioState().ports.push(s);
  if (s.start) s.start(s);
  const error = yield* device_add(s.dev);
  if (error) pr_err(`serio: device_add() failed for ${s.phys} (${s.name}), error: ${error}`);
}

/** serio_register_port(): the port is added later by kseriod, as in Linux (the keyboard probes after the controller's initcall). */
export function __serio_register_port(s: serio, parent: device | null): void {
  serio_init_port(s, parent);
  queue_work(system_long_wq(), INIT_WORK(function* () { yield* serio_add_port(s); }));
}

export function* serio_unregister_port(s: serio): KGen<void> {
  serioState().ports = serioState().ports.filter((p) => p !== s);
  if (s.stop) s.stop(s);
  yield* device_del(s.dev);
  put_device(s.dev);
}

/**
 * __serio_register_driver(): binding to ports already there may sleep (the driver talks to its device), so it
 * runs from kseriod's work (SERIO_ATTACH_DRIVER); with no port registered yet there is nothing to attach, and
 * ports that come later bind as they are added.
 */
export function __serio_register_driver(drv: serio_driver, owner: string | null): number {
  drv.driver.bus = serio_bus;
  drv.driver.owner = owner;
  (drv.driver as device_driver & { serio: serio_driver }).serio = drv;
  if (!serioState().ports.some((p) => !p.drv)) return run_sync(driver_register(drv.driver), 'serio_register_driver');
  queue_work(system_long_wq(), INIT_WORK(function* () { yield* driver_register(drv.driver); }));
  return 0;
}

export function* serio_unregister_driver(drv: serio_driver): KGen<void> { yield* driver_unregister(drv.driver); }

/** serio_open(): the driver starts listening; the controller's open enables the port's interrupt. */
export function serio_open(s: serio, drv: serio_driver): number {
  s.drv = drv;
  if (s.open && s.open(s)) { s.drv = null; return -ENODEV; }
  return 0;
}

export function serio_close(s: serio): void {
  s.close?.(s);
  s.drv = null;
}

/** serio_write(): a byte to the device; -1 without a controller routine. */
export function serio_write(s: serio, byte: number): number { return s.write ? s.write(s, byte) : -1; }

/** serio_interrupt(): a byte from the device goes to the bound driver (IRQ context); unbound ports drop it. */
export function serio_interrupt(s: serio, data: number, dfl: number): number {
  if (s.drv) return s.drv.interrupt(s, data, dfl);
  return 0;
}

function serio_init(): number { return bus_register(serio_bus); }

export const initcalls: initcall_entry[] = [['subsys', 'serio_init', serio_init, 20_000]];
