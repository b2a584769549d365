// SPI protocol drivers written in C (drivers/spi/spi.c's exports): struct spi_driver/spi_device bridged to the SPI bus, and messages built by C (spi_message with its spi_transfer list) run by the core.
//
// A spi_device a C driver sees gets its C struct once; its speed, chip select, word size, mode and irq are
// accessors over that struct from then on (cstruct.ts), so what the driver sets is what spi_setup checks.
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL, EFAULT } from '../../include/uapi/asm-generic/errno.ts';
import type { device_driver, device_node } from '../../drivers/base/base.ts';
import {
  __spi_register_driver, spi_unregister_driver, spi_sync, spi_async, spi_setup, spi_write_then_read, spi_match_id,
  type spi_device, type spi_driver, type spi_message, type spi_transfer, type spi_device_id,
} from '../../drivers/spi/spi.ts';
import { kread_cstr, kread_u32, kbytes, kwrite_bytes, kwrite_cstr, kwrite_u32 } from '../../mm/kmem.ts';
import { kmalloc, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { offsetOf } from '../../toolchain/layouts/access.ts';
import {
  spi_device_view, spi_driver_view, spi_message_view, spi_transfer_view, struct_spi_device, struct_spi_device_id, struct_spi_message, struct_spi_transfer,
} from '../../toolchain/layouts/views.generated.ts';
import { bind_fields } from '../module/cstruct.ts';
import { defineState } from '../state.ts';
import { call_slot } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import { c_device_register } from './device.ts';
import { c_of_node, ts_of_node, c_of_table } from './of.ts';
import { EXPORT_KAPI } from './registry.ts';

interface SpiKapiState {
  devs: Map<spi_device, number>;
  by_addr: Map<number, spi_device>;
  drivers: Map<number, spi_driver>;
  /** The C id_table of each driver, to hand back the entry spi_get_device_id matched. */
  id_tables: Map<spi_driver, number>;
  /** struct spi_controller * handles: opaque to C. */
  ctlr_handles: Map<unknown, number>;
}
const st = defineState<SpiKapiState>('kapi-spi', () => ({ devs: new Map(), by_addr: new Map(), drivers: new Map(), id_tables: new Map(), ctlr_handles: new Map() }));

const SPI_DEVICE_FIELDS = ['max_speed_hz', 'chip_select', 'bits_per_word', 'mode', 'irq'] as const;

function ctlr_handle(ctlr: unknown): number {
  const s = st();
  let h = s.ctlr_handles.get(ctlr);
  if (h === undefined) { h = kmalloc(16, __GFP_ZERO); disown(h); s.ctlr_handles.set(ctlr, h); }
  return h;
}

/** The C struct spi_device of a kernel-sim spi_device (made on first use; its fields live in C from then on). */
export function c_spi_device(spi: spi_device): number {
  const s = st();
  let a = s.devs.get(spi);
  if (a !== undefined) return a;
  a = kmalloc(struct_spi_device.SIZE, __GFP_ZERO);
  disown(a);
  s.devs.set(spi, a);
  s.by_addr.set(a, spi);
  const v = spi_device_view(a);
  kwrite_cstr(a + struct_spi_device.OFF.modalias, spi.modalias.slice(0, 31));
  kwrite_u32(a + struct_spi_device.OFF.controller, ctlr_handle(spi.controller));
  bind_fields(spi, v, SPI_DEVICE_FIELDS);
  c_device_register(v.dev.addr, spi.dev);
  bind_fields(spi.dev, v.dev, ['of_node'], { of_node: { to_ts: (h: unknown) => ts_of_node(h as number), to_c: (n: unknown) => c_of_node(n as device_node | null) } });
  return a;
}

function ts_spi_device(a: number): spi_device | null { return st().by_addr.get(a) ?? null; }

/** The kernel-sim spi_device behind a C struct spi_device * (for other bridges: regmap-spi). */
export const c_spi_device_of = ts_spi_device;

/** The entries of a C spi_device_id table, up to the empty one. */
function id_table(a: number): spi_device_id[] {
  const out: spi_device_id[] = [];
  for (let p = a; a && out.length < 256; p += struct_spi_device_id.SIZE) {
    const name = kread_cstr(p + struct_spi_device_id.OFF.name, 32);
    if (!name) break;
    out.push({ name, driver_data: kread_u32(p + struct_spi_device_id.OFF.driver_data) });
  }
  return out;
}

function* register_c(owner: number, drv: number): KGen<number> {
  void owner;
  const mod = calling_module();
  const v = spi_driver_view(drv);
  const probe = v.probe, remove = v.remove;
  const d = v.driver.addr;
  const name = kread_cstr(kread_u32(d + offsetOf('device_driver', 'name')), 64);
  const of_match = c_of_table(kread_u32(d + offsetOf('device_driver', 'of_match_table'))).map((t) => t.id);
  const ids = id_table(v.id_table);
  const sdrv: spi_driver = {
    driver: { name, ...(of_match.length ? { of_match_table: of_match } : {}) } as device_driver,
    ...(ids.length ? { id_table: ids } : {}),
    ...(probe ? { probe: function* (spi: spi_device): KGen<number> { return (yield* call_slot(probe, [c_spi_device(spi)], 'probe', mod)) as number; } } : {}),
    ...(remove ? { remove: function* (spi: spi_device): KGen<void> { yield* call_slot(remove, [c_spi_device(spi)], 'remove', mod); } } : {}),
  };
  const r = yield* __spi_register_driver(mod?.name ?? null, sdrv);
  if (!r) {
    st().drivers.set(drv, sdrv);
    st().id_tables.set(sdrv, v.id_table);
    track_resource('spi driver', name, () => { const g = spi_unregister_driver(sdrv); for (let s = g.next(); !s.done; s = g.next()); }, mod);
  }
  return r;
}

/** The spi_transfers on a C message's list, read into kernel-sim transfers (tx bytes copied now, rx copied back after). */
function read_transfers(msg: number): { xfers: spi_transfer[]; addrs: number[] } | null {
  const head = msg + struct_spi_message.OFF.transfers;
  const xfers: spi_transfer[] = [];
  const addrs: number[] = [];
  for (let node = kread_u32(head); node !== head; node = kread_u32(node)) {
    if (!node || xfers.length > 4096) return null;
    const a = node - struct_spi_transfer.OFF.transfer_list;
    const t = spi_transfer_view(a);
    const len = t.len;
    // spi_delay units: usecs, nsecs or clock cycles; the core keeps microseconds.
    const unit = t.delay.unit, value = t.delay.value;
    const delay_usecs = unit === 0 ? value : unit === 1 ? Math.ceil(value / 1000) : 0;
    xfers.push({
      tx_buf: t.tx_buf ? kbytes().slice(t.tx_buf, t.tx_buf + len) : null,
      rx_buf: t.rx_buf ? new Uint8Array(len) : null,
      len, cs_change: t.cs_change !== 0, tx_nbits: t.tx_nbits, rx_nbits: t.rx_nbits, bits_per_word: t.bits_per_word, speed_hz: t.speed_hz, delay_usecs,
    });
    addrs.push(a);
  }
  return { xfers, addrs };
}

/** Writes what the core filled in back into the C structs: rx bytes, each transfer's speed and the message's status and length. */
function write_back(msg: number, m: spi_message, addrs: number[]): void {
  m.transfers.forEach((x, i) => {
    const t = spi_transfer_view(addrs[i]!);
    if (x.rx_buf && t.rx_buf) kwrite_bytes(t.rx_buf, x.rx_buf);
    t.effective_speed_hz = x.effective_speed_hz ?? 0;
    t.bits_per_word = x.bits_per_word ?? 0;
    t.speed_hz = x.speed_hz ?? 0;
  });
  const v = spi_message_view(msg);
  v.status = m.status;
  v.actual_length = m.actual_length;
}

function* sync_c(spi_a: number, msg: number): KGen<number> {
  const spi = ts_spi_device(spi_a);
  const r = spi ? read_transfers(msg) : null;
  if (!spi || !r) return -EINVAL;
  const m: spi_message = { transfers: r.xfers, spi, status: 0, actual_length: 0 };
  spi_message_view(msg).spi = spi_a;
  const ret = yield* spi_sync(spi, m);
  if (m.transfers.length) write_back(msg, m, r.addrs);
  return ret;
}

function async_c(spi_a: number, msg: number): number {
  const spi = ts_spi_device(spi_a);
  const r = spi ? read_transfers(msg) : null;
  if (!spi || !r) return -EINVAL;
  const mod = calling_module();
  const v = spi_message_view(msg);
  const complete = v.complete, context = v.context;
  v.spi = spi_a;
  const m: spi_message = {
    transfers: r.xfers, spi, status: 0, actual_length: 0,
    complete: function* () { write_back(msg, m, r.addrs); if (complete) yield* call_slot(complete, [context], 'complete', mod); },
  };
  return spi_async(spi, m);
}

/** SIZE_MAX of a module's size_t (wasm32): no limit. */
const SIZE_MAX = 0xffffffff;

/** spi_max_message_size/spi_max_transfer_size: 6.1's static inlines over the controller's callbacks, answered here
 * since struct spi_controller is opaque to C; a transfer is never allowed more than a message. */
function max_message_size(spi: spi_device): number { return spi.controller.max_message_size?.(spi) ?? SIZE_MAX; }
function max_transfer_size(spi: spi_device): number { return Math.min(spi.controller.max_transfer_size?.(spi) ?? SIZE_MAX, max_message_size(spi)); }

export const ksymtab = EXPORT_KAPI({
  spi_max_message_size: (spi_a: number) => { const spi = ts_spi_device(spi_a); return spi ? max_message_size(spi) : SIZE_MAX; },
  spi_max_transfer_size: (spi_a: number) => { const spi = ts_spi_device(spi_a); return spi ? max_transfer_size(spi) : SIZE_MAX; },
  __spi_register_driver: register_c,
  spi_unregister_driver: function* (drv: number): KGen<void> {
    const s = st().drivers.get(drv);
    if (!s) return;
    untrack_resource((r) => r.kind === 'spi driver' && r.name === s.driver.name);
    st().drivers.delete(drv);
    yield* spi_unregister_driver(s);
  },
  spi_sync: sync_c,
  spi_async: async_c,
  spi_setup: (spi_a: number) => { const spi = ts_spi_device(spi_a); return spi ? spi_setup(spi) : -EINVAL; },
  spi_write_then_read: function* (spi_a: number, txbuf: number, n_tx: number, rxbuf: number, n_rx: number): KGen<number> {
    const spi = ts_spi_device(spi_a);
    if (!spi) return -EINVAL;
    if ((n_tx && !txbuf) || (n_rx && !rxbuf)) return -EFAULT;
    const rx = new Uint8Array(n_rx);
    const r = yield* spi_write_then_read(spi, kbytes().slice(txbuf, txbuf + n_tx), rx);
    if (r === 0 && n_rx) kwrite_bytes(rxbuf, rx);
    return r;
  },
  spi_get_device_id: (spi_a: number) => {
    const spi = ts_spi_device(spi_a);
    const drv = spi?.dev.driver ? (spi.dev.driver as unknown as { sdrv: spi_driver }).sdrv : null;
    const table = drv ? st().id_tables.get(drv) : undefined;
    if (!spi || !drv || !table) return 0;
    const i = drv.id_table?.indexOf(spi_match_id(drv.id_table, spi.modalias)!) ?? -1;
    return i >= 0 ? table + i * struct_spi_device_id.SIZE : 0;
  },
}, true);
