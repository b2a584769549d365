// I2C client drivers written in C (drivers/i2c/i2c-core-base.c and i2c-core-smbus.c's exports): struct i2c_driver/i2c_client bridged to the i2c bus, i2c_transfer with C i2c_msg arrays, and the SMBus calls.
//
// A client a C driver sees gets its C struct once; its flags and irq are accessors over that struct from then on
// (cstruct.ts). Adapters stay the kernel's: client->adapter is a C struct i2c_adapter filled from the kernel's adapter
// (class, nr, name, timeout, retries and its struct device), for drivers that read them (class-based detect()).
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL, EFAULT, ENOMEM, EOPNOTSUPP } from '../../include/uapi/asm-generic/errno.ts';
import type { device_driver, device_node } from '../../drivers/base/base.ts';
import { I2C_M_RD, I2C_FUNC_SMBUS_READ_I2C_BLOCK, I2C_FUNC_SMBUS_READ_BYTE_DATA, I2C_FUNC_SMBUS_READ_WORD_DATA, i2c_get_functionality, type i2c_adapter, type i2c_board_info, type i2c_client, type i2c_device_id, type i2c_driver, type i2c_msg } from '../../include/linux/i2c.ts';
import { i2c_del_driver, i2c_match_id, i2c_register_driver, i2c_transfer, i2c_transfer_buffer_flags, i2c_unregister_device } from '../../drivers/i2c/i2c-core-base.ts';
import { i2c_new_dummy_device } from '../../drivers/i2c/i2c-core-dummy.ts';
import * as smbus from '../../drivers/i2c/i2c-core-smbus.ts';
import { kread_cstr, kread_u16, kread_u32, kbytes, kwrite_bytes, kwrite_cstr, kwrite_u32 } from '../../mm/kmem.ts';
import { kmalloc, kfree, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { offsetOf } from '../../toolchain/layouts/access.ts';
import {
  i2c_adapter_view, i2c_board_info_view, i2c_client_view, i2c_driver_view, i2c_msg_view, struct_i2c_adapter, struct_i2c_board_info, struct_i2c_client, struct_i2c_device_id,
  struct_i2c_msg,
} from '../../toolchain/layouts/views.generated.ts';
import { bind_fields } from '../module/cstruct.ts';
import { defineState } from '../state.ts';
import { call_slot } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import { c_device_register, c_device_unregister, ERR_PTR } from './device.ts';
import { HZ } from '../time/timekeeping.ts';
import { I2C_CLIENT_END } from '../../drivers/i2c/i2c-core-detect.ts';
import { c_of_node, ts_of_node, c_of_table } from './of.ts';
import { EXPORT_KAPI } from './registry.ts';
import { c_dev_pm_ops } from './pm.ts';

interface I2cKapiState {
  clients: Map<i2c_client, number>;
  by_addr: Map<number, i2c_client>;
  drivers: Map<number, i2c_driver>;
  /** The C id_table of each driver, to hand probe(client, id) the entry that matched. */
  id_tables: Map<i2c_driver, number>;
  /** struct i2c_adapter * handles: opaque to C, mapped both ways. */
  adap_handles: Map<i2c_adapter, number>;
  adaps: Map<number, i2c_adapter>;
}
const st = defineState<I2cKapiState>('kapi-i2c', () => ({ clients: new Map(), by_addr: new Map(), drivers: new Map(), id_tables: new Map(), adap_handles: new Map(), adaps: new Map() }));

const I2C_CLIENT_FIELDS = ['flags', 'init_irq', 'irq'] as const;

export function adap_handle(adap: i2c_adapter): number {
  const s = st();
  let h = s.adap_handles.get(adap);
  if (h === undefined) {
    h = kmalloc(struct_i2c_adapter.SIZE, __GFP_ZERO);
    disown(h);
    s.adap_handles.set(adap, h);
    s.adaps.set(h, adap);
    const v = i2c_adapter_view(h);
    v.class = adap.class;
    v.timeout = Math.round(adap.timeout / (1_000_000_000 / HZ));
    v.retries = adap.retries;
    v.nr = adap.nr;
    kwrite_cstr(h + struct_i2c_adapter.OFF.name, adap.name.slice(0, 47));
    c_device_register(v.dev.addr, adap.dev);
  }
  return h;
}

/** The C detect(client, info) of a driver as the core's: a C client and a zeroed i2c_board_info for the call, freed after. */
function c_detect(detect: number, mod: ReturnType<typeof calling_module>) {
  return function* (c: i2c_client, info: i2c_board_info): KGen<number> {
    const ca = c_i2c_client(c);
    const ia = kmalloc(struct_i2c_board_info.SIZE, __GFP_ZERO);
    if (!ia) { forget_c_client(c, ca); return -ENOMEM; }
    const iv = i2c_board_info_view(ia);
    iv.addr_ = info.addr;
    const r = (yield* call_slot(detect, [ca, ia], 'detect', mod)) as number;
    info.type = kread_cstr(ia + struct_i2c_board_info.OFF.type, 20);
    info.flags = iv.flags;
    info.addr = iv.addr_;
    kfree(ia);
    forget_c_client(c, ca);
    return r;
  };
}

/** An I2C_CLIENT_END-terminated C address list. */
function address_list(a: number): number[] {
  const out: number[] = [];
  for (let p = a; a && out.length < 128; p += 2) {
    const addr = kread_u16(p);
    if (addr === I2C_CLIENT_END) break;
    out.push(addr);
  }
  return out;
}

/** The C struct i2c_client of a kernel-sim client (made on first use; flags and irq live in C from then on). */
export function c_i2c_client(client: i2c_client): number {
  const s = st();
  let a = s.clients.get(client);
  if (a !== undefined) return a;
  a = kmalloc(struct_i2c_client.SIZE, __GFP_ZERO);
  disown(a);
  s.clients.set(client, a);
  s.by_addr.set(a, client);
  const v = i2c_client_view(a);
  v.addr_ = client.addr;
  kwrite_cstr(a + struct_i2c_client.OFF.name, client.name.slice(0, 19));
  kwrite_u32(a + struct_i2c_client.OFF.adapter, adap_handle(client.adapter));
  bind_fields(client, v, I2C_CLIENT_FIELDS);
  c_device_register(v.dev.addr, client.dev);
  bind_fields(client.dev, v.dev, ['of_node'], { of_node: { to_ts: (h: unknown) => ts_of_node(h as number), to_c: (n: unknown) => c_of_node(n as device_node | null) } });
  return a;
}

const ts_client = (a: number): i2c_client | null => st().by_addr.get(a) ?? null;

/** The kernel-sim client behind a C struct i2c_client * (for other bridges: regmap-i2c). */
export const c_i2c_client_of = ts_client;
export const ts_i2c_adapter = (a: number): i2c_adapter | null => st().adaps.get(a) ?? null;

/** The entries of a C i2c_device_id table, up to the empty one. */
function id_table(a: number): i2c_device_id[] {
  const out: i2c_device_id[] = [];
  for (let p = a; a && out.length < 256; p += struct_i2c_device_id.SIZE) {
    const name = kread_cstr(p + struct_i2c_device_id.OFF.name, 20);
    if (!name) break;
    out.push({ name, driver_data: kread_u32(p + struct_i2c_device_id.OFF.driver_data) });
  }
  return out;
}

/** The address of the C table entry `id` stands for (0 for none). */
function c_id(drv: i2c_driver, id: i2c_device_id | null): number {
  const table = st().id_tables.get(drv);
  const i = id ? drv.id_table?.indexOf(id) ?? -1 : -1;
  return table && i >= 0 ? table + i * struct_i2c_device_id.SIZE : 0;
}

function* register_c(owner: number, drv: number): KGen<number> {
  void owner;
  const mod = calling_module();
  const v = i2c_driver_view(drv);
  const probe = v.probe, probe_new = v.probe_new, remove = v.remove;
  const d = v.driver.addr;
  const name = kread_cstr(kread_u32(d + offsetOf('device_driver', 'name')), 64);
  const of_match = c_of_table(kread_u32(d + offsetOf('device_driver', 'of_match_table'))).map((t) => t.id);
  const ids = id_table(v.id_table);
  const detect = v.detect, addresses = v.address_list;
  const idrv: i2c_driver = {
    // The driver's dev_pm_ops (runtime and system sleep), called through the i2c bus's generic PM as Linux does.
    driver: { name, ...(of_match.length ? { of_match_table: of_match } : {}), pm: c_dev_pm_ops(kread_u32(d + offsetOf('device_driver', 'pm')), mod) } as device_driver,
    class: v.class,
    ...(detect && addresses ? { detect: c_detect(detect, mod), address_list: address_list(addresses) } : {}),
    ...(v.id_table ? { id_table: ids } : {}),
    // i2c_device_probe() prefers probe_new, as 6.1 does.
    ...(probe_new ? { probe_new: function* (c: i2c_client): KGen<number> { return (yield* call_slot(probe_new, [c_i2c_client(c)], 'probe_new', mod)) as number; } } : {}),
    ...(probe ? { probe: function* (c: i2c_client, id: i2c_device_id | null): KGen<number> { return (yield* call_slot(probe, [c_i2c_client(c), c_id(idrv, id)], 'probe', mod)) as number; } } : {}),
    ...(remove ? { remove: function* (c: i2c_client): KGen<void> { yield* call_slot(remove, [c_i2c_client(c)], 'remove', mod); } } : {}),
  };
  st().id_tables.set(idrv, v.id_table);
  const r = yield* i2c_register_driver(mod?.name ?? null, idrv);
  if (!r) {
    st().drivers.set(drv, idrv);
    track_resource('i2c driver', name, () => { const g = i2c_del_driver(idrv); for (let s = g.next(); !s.done; s = g.next()); }, mod);
  }
  return r;
}

/** i2c_transfer() from C: the i2c_msg array read into kernel-sim messages, read data copied back after. */
function* transfer_c(adap_a: number, msgs: number, num: number): KGen<number> {
  const adap = st().adaps.get(adap_a);
  if (!adap || num < 0 || num > 42) return -EINVAL;
  const out: i2c_msg[] = [];
  for (let i = 0; i < num; i++) {
    const m = i2c_msg_view(msgs + i * struct_i2c_msg.SIZE);
    if (m.len && !m.buf) return -EFAULT;
    const rd = (m.flags & I2C_M_RD) !== 0;
    out.push({ addr: m.addr_, flags: m.flags, len: m.len, buf: rd ? new Uint8Array(m.len) : kbytes().slice(m.buf, m.buf + m.len) });
  }
  const r = yield* i2c_transfer(adap, out);
  out.forEach((m, i) => { if (m.flags & I2C_M_RD && r > i) kwrite_bytes(i2c_msg_view(msgs + i * struct_i2c_msg.SIZE).buf, m.buf.subarray(0, m.len)); });
  return r;
}

function* buffer_flags_c(client_a: number, buf: number, count: number, flags: number): KGen<number> {
  const c = ts_client(client_a);
  if (!c) return -EINVAL;
  if (count && !buf) return -EFAULT;
  const rd = (flags & I2C_M_RD) !== 0;
  const b = rd ? new Uint8Array(count) : kbytes().slice(buf, buf + count);
  const r = yield* i2c_transfer_buffer_flags(c, b, flags & 0xffff);
  if (rd && r > 0) kwrite_bytes(buf, b.subarray(0, r));
  return r;
}

/** An SMBus call from C on the client at `a`: -EINVAL for a pointer that is no client. */
function on_client<A extends unknown[]>(fn: (c: i2c_client, ...args: A) => KGen<number>) {
  return function* (a: number, ...args: A): KGen<number> {
    const c = ts_client(a);
    return c ? yield* fn(c, ...args) : -EINVAL;
  };
}

/** Block reads: up to 32 bytes into `values`, the count read or -errno. */
function* read_block_c(client_a: number, command: number, values: number, length: number | null): KGen<number> {
  const c = ts_client(client_a);
  if (!c) return -EINVAL;
  const b = new Uint8Array(32);
  const r = length === null ? yield* smbus.i2c_smbus_read_block_data(c, command, b) : yield* smbus.i2c_smbus_read_i2c_block_data(c, command, length, b);
  if (r > 0) kwrite_bytes(values, b.subarray(0, r));
  return r;
}

/**
 * i2c_smbus_read_i2c_block_data_or_emulated(): an I2C block read where the adapter has one, else word reads (low
 * byte first) and byte reads for the rest, as i2c-core-smbus.c does; the count read or -errno.
 */
function* read_block_emulated_c(client_a: number, command: number, length: number, values: number): KGen<number> {
  const c = ts_client(client_a);
  if (!c) return -EINVAL;
  length = Math.min(length & 0xff, 32);
  const func = i2c_get_functionality(c.adapter);
  if (func & I2C_FUNC_SMBUS_READ_I2C_BLOCK) return yield* read_block_c(client_a, command & 0xff, values, length);
  if (!(func & I2C_FUNC_SMBUS_READ_BYTE_DATA)) return -EOPNOTSUPP;
  const out: number[] = [];
  if (func & I2C_FUNC_SMBUS_READ_WORD_DATA) {
    while (out.length + 2 <= length) {
      const w = yield* smbus.i2c_smbus_read_word_data(c, (command + out.length) & 0xff);
      if (w < 0) return w;
      out.push(w & 0xff, w >> 8);
    }
  }
  while (out.length < length) {
    const b = yield* smbus.i2c_smbus_read_byte_data(c, (command + out.length) & 0xff);
    if (b < 0) return b;
    out.push(b);
  }
  kwrite_bytes(values, Uint8Array.from(out));
  return out.length;
}

/** Drops the C struct of a client that is gone (or was only a temporary one for detect()). */
function forget_c_client(c: i2c_client, client_a: number): void {
  const s = st();
  s.clients.delete(c);
  s.by_addr.delete(client_a);
  c_device_unregister(i2c_client_view(client_a).dev.addr);
  kfree(client_a);
}

/** i2c_unregister_device() from C: the client goes from the bus, and its C struct with it (the device's release). */
export function* unregister_c(client_a: number): KGen<void> {
  const c = client_a ? ts_client(client_a) : null;
  if (!c) return;
  yield* i2c_unregister_device(c);
  forget_c_client(c, client_a);
}

export const ksymtab = [...EXPORT_KAPI({
  i2c_smbus_read_i2c_block_data_or_emulated: read_block_emulated_c,
}), ...EXPORT_KAPI({
  i2c_unregister_device: unregister_c,
  i2c_new_dummy_device: function* (adap_a: number, address: number): KGen<number> {
    const adap = st().adaps.get(adap_a);
    if (!adap) return ERR_PTR(-EINVAL);
    const r = yield* i2c_new_dummy_device(adap, address & 0xffff);
    return typeof r === 'number' ? ERR_PTR(r) : c_i2c_client(r);
  },
}, true), ...EXPORT_KAPI({
  i2c_register_driver: register_c,
  i2c_del_driver: function* (drv: number): KGen<void> {
    const s = st().drivers.get(drv);
    if (!s) return;
    untrack_resource((r) => r.kind === 'i2c driver' && r.name === s.driver.name);
    st().drivers.delete(drv);
    yield* i2c_del_driver(s);
  },
  i2c_transfer: transfer_c,
  i2c_transfer_buffer_flags: buffer_flags_c,
  i2c_get_functionality: (adap_a: number) => { const a = st().adaps.get(adap_a); return a ? i2c_get_functionality(a) : 0; },
  i2c_smbus_read_byte: on_client(smbus.i2c_smbus_read_byte),
  i2c_smbus_write_byte: on_client((c, v: number) => smbus.i2c_smbus_write_byte(c, v & 0xff)),
  i2c_smbus_read_byte_data: on_client((c, cmd: number) => smbus.i2c_smbus_read_byte_data(c, cmd & 0xff)),
  i2c_smbus_write_byte_data: on_client((c, cmd: number, v: number) => smbus.i2c_smbus_write_byte_data(c, cmd & 0xff, v & 0xff)),
  i2c_smbus_read_word_data: on_client((c, cmd: number) => smbus.i2c_smbus_read_word_data(c, cmd & 0xff)),
  i2c_smbus_write_word_data: on_client((c, cmd: number, v: number) => smbus.i2c_smbus_write_word_data(c, cmd & 0xff, v & 0xffff)),
  i2c_smbus_read_block_data: function* (c: number, cmd: number, values: number): KGen<number> { return yield* read_block_c(c, cmd & 0xff, values, null); },
  i2c_smbus_read_i2c_block_data: function* (c: number, cmd: number, length: number, values: number): KGen<number> { return yield* read_block_c(c, cmd & 0xff, values, length & 0xff); },
  i2c_smbus_write_block_data: on_client((c, cmd: number, length: number, values: number) => smbus.i2c_smbus_write_block_data(c, cmd & 0xff, kbytes().slice(values, values + Math.min(length & 0xff, 32)))),
  i2c_smbus_write_i2c_block_data: on_client((c, cmd: number, length: number, values: number) => smbus.i2c_smbus_write_i2c_block_data(c, cmd & 0xff, length & 0xff, kbytes().slice(values, values + Math.min(length & 0xff, 32)))),
  i2c_match_id: (table: number, client_a: number) => {
    const c = ts_client(client_a);
    if (!c || !table) return 0;
    const ids = id_table(table);
    const i = ids.indexOf(i2c_match_id(ids, c)!);
    return i >= 0 ? table + i * struct_i2c_device_id.SIZE : 0;
  },
}, true)];
