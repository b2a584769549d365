// Models linux/drivers/i2c/i2c-core-base.c: the i2c bus (adapters i2c-N and clients N-00AA), driver matching (OF, then the ID table), probe/remove, new_device/delete_device, i2c_transfer and the adapter registry.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import {
  I2C_CLIENT_SLAVE, I2C_CLIENT_TEN, I2C_NAME_SIZE, type i2c_adapter, type i2c_board_info, type i2c_client, type i2c_device_id,
  type i2c_driver, type i2c_msg, to_i2c_adapter, to_i2c_client,
} from '../../include/linux/i2c.ts';
import { EAGAIN, EBUSY, EINVAL, ENODEV, ENOENT, EOPNOTSUPP, EPROBE_DEFER } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { mutex_init, mutex_lock, mutex_unlock } from '../../kernel/locking/mutex.ts';
import { add_uevent_var, type kobj_uevent_env } from '../../lib/kobject_uevent.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { type bus_type, type device, type device_attribute, type device_driver, type device_type, call_maybe_gen } from '../base/base.ts';
import { bus_register } from '../base/bus.ts';
import { bus_for_each_dev, bus_for_each_drv } from '../base/private.ts';
import { dev_err, dev_info, dev_set_name, device_alloc, device_register, device_unregister, put_device } from '../base/core.ts';
import { driver_register, driver_unregister } from '../base/driver.ts';
import { i2c_of_match_device, i2c_of_modalias, i2c_of_client_irq, of_i2c_register_devices } from './i2c-core-of.ts';

export const I2C_MODULE_PREFIX = 'i2c:';
/** new_device's address offsets for 10-bit and slave addresses (i2c.h). */
const I2C_ADDR_OFFSET_TEN_BIT = 0xa000, I2C_ADDR_OFFSET_SLAVE = 0x1000;
/** Adapters may take a second per transfer before the core gives up (HZ in i2c_register_adapter). */
const I2C_DEFAULT_TIMEOUT_NS = 1_000_000_000;

/** Code that follows adapters coming and going (i2c-dev's bus notifier). */
export interface i2c_adapter_notifier {
  add(adap: i2c_adapter): KGen<void>;
  del(adap: i2c_adapter): KGen<void>;
}

/** Class-based detection (i2c-core-detect.ts, installed at postcore): run on a new adapter or driver, undone on removal. */
export interface i2c_class_detect {
  detect(adap: i2c_adapter, driver: i2c_driver): KGen<number>;
  /** Unregisters the detected clients of `driver` (all drivers when null) on `adap` (all adapters when null). */
  forget(adap: i2c_adapter | null, driver: i2c_driver | null): KGen<void>;
}

interface I2cState {
  adapters: Map<number, i2c_adapter>;
  notifiers: i2c_adapter_notifier[];
  class_detect: i2c_class_detect | null;
  /** __i2c_first_dynamic_bus_num: no static board info on x86, so numbering starts at 0. */
  first_dynamic_bus_num: number;
}
const i2cState = defineState<I2cState>('i2c', () => ({ adapters: new Map(), notifiers: [], class_detect: null, first_dynamic_bus_num: 0 }));

export function i2c_install_class_detect(d: i2c_class_detect): void { i2cState().class_detect = d; }

export function to_i2c_driver(drv: device_driver): i2c_driver {
  return (drv as unknown as { i2c: i2c_driver }).i2c;
}

/** i2c_verify_client / i2c_verify_adapter: what kind of device on the i2c bus this is. */
export function i2c_verify_client(dev: device | null): i2c_client | null {
  return dev && dev.type === i2c_client_type ? to_i2c_client(dev) : null;
}
export function i2c_verify_adapter(dev: device | null): i2c_adapter | null {
  return dev && dev.type === i2c_adapter_type ? to_i2c_adapter(dev) : null;
}

/** i2c_match_id(): the ID-table entry whose name is the client's. */
export function i2c_match_id(ids: i2c_device_id[] | undefined, client: i2c_client): i2c_device_id | null {
  for (const id of ids ?? []) {
    if (!id.name) break; // { } terminator
    if (id.name === client.name) return id;
  }
  return null;
}

/** i2c_device_match(): OF first, then the I2C ID table (no ACPI companions on the SMBus). */
function i2c_device_match(dev: device, drv: device_driver): number {
  const client = i2c_verify_client(dev);
  if (!client) return 0;
  if (i2c_of_match_device(drv.of_match_table, client)) return 1;
  return i2c_match_id(to_i2c_driver(drv).id_table, client) ? 1 : 0;
}

/** i2c_device_uevent(): the OF modalias when the client has a node, else "i2c:<name>". */
function i2c_device_uevent(dev: device, env: kobj_uevent_env): number {
  const client = to_i2c_client(dev);
  const of = i2c_of_modalias(dev);
  return add_uevent_var(env, `MODALIAS=${of ?? `${I2C_MODULE_PREFIX}${client.name}`}`);
}

/** i2c_device_probe(): the client's IRQ from its node, the "no table matched" refusal, then probe_new or probe(id). */
function* i2c_device_probe(dev: device): KGen<number> {
  const client = i2c_verify_client(dev);
  if (!client) return 0;
  client.irq = client.init_irq;
  if (!client.irq && dev.of_node) {
    const irq = i2c_of_client_irq(dev);
    if (irq === -EPROBE_DEFER) return irq;
    client.irq = irq > 0 ? irq : 0;
  }
  const driver = to_i2c_driver(dev.driver!);
  if (!driver.id_table && !i2c_of_match_device(dev.driver!.of_match_table, client)) return -ENODEV;
  if (driver.probe_new) return yield* call_maybe_gen(driver.probe_new(client));
  if (driver.probe) return yield* call_maybe_gen(driver.probe(client, i2c_match_id(driver.id_table, client)));
  return -EINVAL;
}

function* i2c_device_remove(dev: device): KGen<void> {
  const client = to_i2c_client(dev);
  const driver = to_i2c_driver(dev.driver!);
  if (driver.remove) yield* call_maybe_gen(driver.remove(client));
  client.irq = 0;
}

function i2c_device_shutdown(dev: device): void {
  const client = i2c_verify_client(dev);
  if (client && dev.driver) to_i2c_driver(dev.driver).shutdown?.(client);
}

// ---- sysfs -------------------------------------------------------------------------

/** name: the client's type or the adapter's name. */
const dev_attr_name: device_attribute = {
  name: 'name', mode: 0o444,
  show: (dev) => `${dev.type === i2c_client_type ? to_i2c_client(dev).name : to_i2c_adapter(dev).name}\n`,
};

const dev_attr_modalias: device_attribute = {
  name: 'modalias', mode: 0o444,
  show: (dev) => {
    const of = i2c_of_modalias(dev);
    return `${of ?? `${I2C_MODULE_PREFIX}${to_i2c_client(dev).name}`}\n`;
  },
};

/** %hi: decimal, 0x hex or 0 octal, then an optional newline and nothing else. */
function parse_hi(s: string): { addr: number; rest: string } | null {
  const m = /^\s*([+-]?(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*))([\s\S]*)$/.exec(s);
  if (!m) return null;
  const t = m[1]!.replace(/^[+]/, '');
  const v = /^-?0[xX]/.test(t) ? parseInt(t, 16) : /^-?0[0-7]/.test(t) ? parseInt(t, 8) : parseInt(t, 10);
  return { addr: v & 0xffff, rest: m[2]! };
}

/** new_device: "<type> <address>" instantiates a client the kernel could not find by itself. */
const dev_attr_new_device: device_attribute = {
  name: 'new_device', mode: 0o200,
  *store(dev, _a, buf) {
    const adap = to_i2c_adapter(dev);
    const blank = buf.indexOf(' ');
    if (blank < 0) { dev_err(dev, 'new_device: Missing parameters'); return -EINVAL; }
    if (blank > I2C_NAME_SIZE - 1) { dev_err(dev, 'new_device: Invalid device name'); return -EINVAL; }
    const p = parse_hi(buf.slice(blank + 1));
    if (!p) { dev_err(dev, "new_device: Can't parse I2C address"); return -EINVAL; }
    if (p.rest.length && p.rest[0] !== '\n') { dev_err(dev, 'new_device: Extra parameters'); return -EINVAL; }
    const info: i2c_board_info = { type: buf.slice(0, blank), addr: p.addr, flags: 0 };
    if ((info.addr & I2C_ADDR_OFFSET_TEN_BIT) === I2C_ADDR_OFFSET_TEN_BIT) { info.addr &= ~I2C_ADDR_OFFSET_TEN_BIT; info.flags! |= I2C_CLIENT_TEN; }
    if (info.addr & I2C_ADDR_OFFSET_SLAVE) { info.addr &= ~I2C_ADDR_OFFSET_SLAVE; info.flags! |= I2C_CLIENT_SLAVE; }
    const client = yield* i2c_new_client_device(adap, info);
    if (typeof client === 'number') return client;
    adap.userspace_clients.push(client);
    dev_info(dev, `new_device: Instantiated device ${info.type} at 0x${hex2(info.addr)}`);
    return buf.length;
  },
};

/** delete_device: "<address>" removes a client made through new_device (and only those). */
const dev_attr_delete_device: device_attribute = {
  name: 'delete_device', mode: 0o200,
  *store(dev, _a, buf) {
    const adap = to_i2c_adapter(dev);
    const p = parse_hi(buf);
    if (!p) { dev_err(dev, "delete_device: Can't parse I2C address"); return -EINVAL; }
    if (p.rest.length && p.rest[0] !== '\n') { dev_err(dev, 'delete_device: Extra parameters'); return -EINVAL; }
    const client = adap.userspace_clients.find((c) => i2c_encode_flags_to_addr(c) === p.addr);
    if (!client) { dev_err(dev, "delete_device: Can't find device in list"); return -ENOENT; }
    dev_info(dev, `delete_device: Deleting device ${client.name} at 0x${hex2(client.addr)}`);
    adap.userspace_clients = adap.userspace_clients.filter((c) => c !== client);
    yield* i2c_unregister_device(client);
    return buf.length;
  },
};

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

const i2c_dev_groups: attribute_group[] = [{ attrs: [dev_attr_name, dev_attr_modalias] }];
const i2c_adapter_groups: attribute_group[] = [{ attrs: [dev_attr_name, dev_attr_new_device, dev_attr_delete_device] }];

export const i2c_bus_type: bus_type = {
  name: 'i2c',
  match: i2c_device_match,
  probe: i2c_device_probe,
  remove: i2c_device_remove,
  shutdown: i2c_device_shutdown,
};

/** i2c_client_dev_release(): the client's memory goes with its last reference (the garbage collector's here). */
function i2c_client_dev_release(): void { /* kfree(i2c_verify_client(dev)) */ }

export const i2c_client_type: device_type = { groups: i2c_dev_groups, uevent: i2c_device_uevent, release: i2c_client_dev_release };
export const i2c_adapter_type: device_type = { groups: i2c_adapter_groups };

// ---- clients -----------------------------------------------------------------------

/** i2c_encode_flags_to_addr(): 10-bit and slave clients live in their own address ranges. */
function i2c_encode_flags_to_addr(client: i2c_client): number {
  let addr = client.addr;
  if (client.flags & I2C_CLIENT_TEN) addr |= I2C_ADDR_OFFSET_TEN_BIT;
  if (client.flags & I2C_CLIENT_SLAVE) addr |= I2C_ADDR_OFFSET_SLAVE;
  return addr;
}

/** i2c_check_addr_validity(): 7-bit addresses are 0x01..0x7f, 10-bit up to 0x3ff. */
export function i2c_check_addr_validity(addr: number, flags: number): number {
  if (flags & I2C_CLIENT_TEN) return addr > 0x3ff ? -EINVAL : 0;
  return addr === 0x00 || addr > 0x7f ? -EINVAL : 0;
}

/** i2c_check_addr_busy(): another client, or a device i2c-dev holds through I2C_SLAVE, uses the address. */
export function i2c_check_addr_busy(adap: i2c_adapter, addr: number): number {
  for (const d of bus_for_each_dev(i2c_bus_type)) {
    const c = i2c_verify_client(d);
    if (c && c.adapter === adap && i2c_encode_flags_to_addr(c) === addr) return -EBUSY;
  }
  return 0;
}

/** i2c_client_is_busy for i2c-dev: a client sits at `addr` on the adapter (bound or not). */
export function i2c_client_at(adap: i2c_adapter, addr: number): i2c_client | null {
  for (const d of bus_for_each_dev(i2c_bus_type)) {
    const c = i2c_verify_client(d);
    if (c && c.adapter === adap && c.addr === addr) return c;
  }
  return null;
}

/** i2c_dev_set_name(): "<adapter nr>-<4 hex digits>" ("0-0048"), 10-bit addresses offset by 0xa000. */
function i2c_dev_set_name(adap: i2c_adapter, client: i2c_client, info: i2c_board_info): void {
  if (info.dev_name) { dev_set_name(client.dev, `i2c-${info.dev_name}`); return; }
  dev_set_name(client.dev, `${adap.nr}-${i2c_encode_flags_to_addr(client).toString(16).padStart(4, '0')}`);
}

/** i2c_new_client_device(): a client on `adap` described by `info`; the new client or -errno. */
export function* i2c_new_client_device(adap: i2c_adapter, info: i2c_board_info): KGen<i2c_client | number> {
  const dev = device_alloc(null);
  const client: i2c_client = {
    flags: info.flags ?? 0, addr: info.addr, name: info.type.slice(0, I2C_NAME_SIZE - 1), adapter: adap, dev, init_irq: info.irq ?? 0, irq: 0,
  };
  dev.container = client;
  dev.platform_data = info.platform_data ?? null;
  let status = i2c_check_addr_validity(client.addr, client.flags);
  if (status) {
    dev_err(adap.dev, `Invalid ${client.flags & I2C_CLIENT_TEN ? 10 : 7}-bit I2C address 0x${hex2(client.addr)}`);
    return status;
  }
  status = i2c_check_addr_busy(adap, i2c_encode_flags_to_addr(client));
  if (!status) {
    dev.parent = adap.dev;
    dev.bus = i2c_bus_type;
    dev.type = i2c_client_type;
    dev.of_node = info.of_node ?? null;
    i2c_dev_set_name(adap, client, info);
    status = yield* device_register(dev);
    if (!status) return client;
    put_device(dev);
  }
  dev_err(adap.dev, `Failed to register i2c client ${client.name} at 0x${hex2(client.addr)} (${status})`);
  return status;
}

/** i2c_unregister_device(). */
export function* i2c_unregister_device(client: i2c_client | null): KGen<void> {
  if (!client) return;
  yield* device_unregister(client.dev);
}

// ---- adapters ----------------------------------------------------------------------

/** i2c_register_adapter(): i2c-N on the bus below its parent, then the clients its firmware node declares. */
function* i2c_register_adapter(adap: i2c_adapter): KGen<number> {
  if (!adap.name) return -EINVAL;
  if (!adap.algo) return -EINVAL;
  adap.timeout ||= I2C_DEFAULT_TIMEOUT_NS;
  adap.dev.container = adap;
  adap.dev.bus = i2c_bus_type;
  adap.dev.type = i2c_adapter_type;
  dev_set_name(adap.dev, `i2c-${adap.nr}`);
  const res = yield* device_register(adap.dev);
  if (res) {
    i2cState().adapters.delete(adap.nr);
    put_device(adap.dev);
    return res;
  }
  yield* of_i2c_register_devices(adap, i2c_new_client_device);
  for (const n of i2cState().notifiers.slice()) yield* n.add(adap);
  // __process_new_adapter(): drivers already registered detect on the new adapter.
  const cd = i2cState().class_detect;
  if (cd) for (const drv of bus_for_each_drv(i2c_bus_type)) yield* cd.detect(adap, to_i2c_driver(drv));
  return 0;
}

/** i2c_add_adapter(): the next free dynamic bus number. */
export function* i2c_add_adapter(adap: i2c_adapter): KGen<number> {
  const st = i2cState();
  let nr = st.first_dynamic_bus_num;
  while (st.adapters.has(nr)) nr++;
  adap.nr = nr;
  st.adapters.set(nr, adap);
  return yield* i2c_register_adapter(adap);
}

/** i2c_add_numbered_adapter(): a fixed bus number, or -EBUSY. */
export function* i2c_add_numbered_adapter(adap: i2c_adapter): KGen<number> {
  if (adap.nr === -1) return yield* i2c_add_adapter(adap);
  const st = i2cState();
  if (st.adapters.has(adap.nr)) return -EBUSY;
  st.adapters.set(adap.nr, adap);
  return yield* i2c_register_adapter(adap);
}

/** i2c_del_adapter(): its clients go first (children before parent), then i2c-N. */
export function* i2c_del_adapter(adap: i2c_adapter): KGen<void> {
  const st = i2cState();
  if (st.adapters.get(adap.nr) !== adap) return;
  for (const n of st.notifiers.slice()) yield* n.del(adap);
  // __process_removed_adapter(): the clients drivers detected here go first.
  yield* st.class_detect?.forget(adap, null) ?? [];
  adap.userspace_clients = [];
  for (const d of bus_for_each_dev(i2c_bus_type).reverse()) {
    const c = i2c_verify_client(d);
    if (c && c.adapter === adap) yield* i2c_unregister_device(c);
  }
  yield* device_unregister(adap.dev);
  st.adapters.delete(adap.nr);
}

/** A fresh adapter structure for a bus driver to fill in (the kzalloc'd struct i2c_adapter). */
export function i2c_adapter_alloc(parent: device | null, name: string, algo: i2c_adapter['algo']): i2c_adapter {
  const dev = device_alloc(null);
  dev.parent = parent;
  return { owner: null, class: 0, algo, algo_data: null, bus_lock: mutex_init('i2c_adapter.bus_lock'), timeout: 0, retries: 0, dev, nr: -1, name, userspace_clients: [] };
}

/** i2c_get_adapter(): the adapter numbered nr, or null. */
export function i2c_get_adapter(nr: number): i2c_adapter | null {
  return i2cState().adapters.get(nr) ?? null;
}
export function i2c_adapters(): i2c_adapter[] {
  return [...i2cState().adapters.values()].sort((a, b) => a.nr - b.nr);
}

/** Registers code that follows adapters; it sees the ones already there at once (i2c-dev's i2c_for_each_dev). */
export function* i2c_register_adapter_notifier(n: i2c_adapter_notifier): KGen<void> {
  i2cState().notifiers.push(n);
  for (const a of i2c_adapters()) yield* n.add(a);
}
export function* i2c_unregister_adapter_notifier(n: i2c_adapter_notifier): KGen<void> {
  const st = i2cState();
  st.notifiers = st.notifiers.filter((x) => x !== n);
  for (const a of i2c_adapters().reverse()) yield* n.del(a);
}

// ---- drivers -----------------------------------------------------------------------

/** i2c_register_driver(): binds to every matching client already on the bus. */
export function* i2c_register_driver(owner: string | null, driver: i2c_driver): KGen<number> {
  driver.driver.owner = owner;
  driver.driver.bus = i2c_bus_type;
  (driver.driver as unknown as { i2c: i2c_driver }).i2c = driver;
  driver.clients = [];
  const res = yield* driver_register(driver.driver);
  if (res) return res;
  // __process_new_driver(): walk the adapters for devices the driver can detect.
  const cd = i2cState().class_detect;
  if (cd) for (const adap of i2c_adapters()) yield* cd.detect(adap, driver);
  return 0;
}
export const i2c_add_driver = (driver: i2c_driver, owner: string | null = null): KGen<number> => i2c_register_driver(owner, driver);

export function* i2c_del_driver(driver: i2c_driver): KGen<void> {
  // __process_removed_driver(): the clients it detected go with it.
  yield* i2cState().class_detect?.forget(null, driver) ?? [];
  yield* driver_unregister(driver.driver);
}

/** module_i2c_driver(): init and exit of a module that only registers the driver. */
export function module_i2c_driver(driver: i2c_driver, owner: string | null = null): { init: () => KGen<number>; exit: () => KGen<void> } {
  return { init: () => i2c_register_driver(owner, driver), exit: () => i2c_del_driver(driver) };
}

// ---- transfers ---------------------------------------------------------------------

/** __i2c_transfer(): retries on -EAGAIN (arbitration lost), up to adap.retries times. */
export function* __i2c_transfer(adap: i2c_adapter, msgs: i2c_msg[]): KGen<number> {
  if (!adap.algo.master_xfer) return -EOPNOTSUPP;
  let ret = 0;
  for (let tries = 0; tries <= adap.retries; tries++) {
    ret = yield* call_maybe_gen(adap.algo.master_xfer(adap, msgs));
    if (ret !== -EAGAIN) break;
  }
  return ret;
}

/** i2c_transfer(): the messages as one combined transfer (repeated STARTs), under the bus lock; messages done or -errno. */
export function* i2c_transfer(adap: i2c_adapter, msgs: i2c_msg[]): KGen<number> {
  if (!adap.algo.master_xfer) {
    return -EOPNOTSUPP;
  }
  yield* mutex_lock(adap.bus_lock);
  try {
    return yield* __i2c_transfer(adap, msgs);
  } finally {
    mutex_unlock(adap.bus_lock);
  }
}

/** i2c_transfer_buffer_flags(): one message to or from the client; bytes moved or -errno. */
export function* i2c_transfer_buffer_flags(client: i2c_client, buf: Uint8Array, flags: number): KGen<number> {
  const msg: i2c_msg = { addr: client.addr, flags: flags | (client.flags & I2C_CLIENT_TEN), len: buf.length, buf };
  const ret = yield* i2c_transfer(client.adapter, [msg]);
  return ret === 1 ? buf.length : ret;
}
export const i2c_master_send = (client: i2c_client, buf: Uint8Array): KGen<number> => i2c_transfer_buffer_flags(client, buf, 0);
export const i2c_master_recv = (client: i2c_client, buf: Uint8Array): KGen<number> => i2c_transfer_buffer_flags(client, buf, 0x0001);

// ---- init --------------------------------------------------------------------------

/** i2c_init(): the bus; postcore, before any bus driver. */
function i2c_init(): number {
  return bus_register(i2c_bus_type);
}

export const initcalls: initcall_entry[] = [['postcore', 'i2c_init', i2c_init, 30_000]];

