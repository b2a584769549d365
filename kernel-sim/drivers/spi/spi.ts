// Models linux/drivers/spi/spi.c: the SPI bus (match, uevent, probe), the spi_master class, controllers with chip selects, spi_devices from the device tree, spi_setup, and messages (spi_sync, spi_async, spi_write_then_read) with their statistics.
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL, ENODEV, ENOMEM, EBUSY, EPROBE_DEFER, EIO } from '../../include/uapi/asm-generic/errno.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { defineState } from '../../kernel/state.ts';
import { mutex_init, mutex_lock, mutex_unlock } from '../../kernel/locking/mutex.ts';
import { INIT_WORK, queue_work, system_unbound_wq } from '../../kernel/workqueue.ts';
import { account_ns } from '../../kernel/time/timekeeping.ts';
import { pr_warn } from '../../kernel/printk/printk.ts';
import { add_uevent_var, type kobj_uevent_env } from '../../lib/kobject_uevent.ts';
import type { attribute, attribute_group } from '../../fs/sysfs/sysfs.ts';
import type { bus_type, class_, device, device_attribute, device_node } from '../base/base.ts';
import { call_maybe_gen } from '../base/base.ts';
import { device_alloc, device_initialize, device_add, device_del, put_device, dev_set_name, dev_name, dev_err, dev_dbg, dev_warn } from '../base/core.ts';
import { bus_register, bus_for_each_dev } from '../base/bus.ts';
import { class_register } from '../base/class.ts';
import { driver_register, driver_unregister } from '../base/driver.ts';
import { devres_add, devres_alloc } from '../base/devres.ts';
import { dev_attr_driver_override } from '../base/platform.ts';
import { of_alias_get_id, of_get_next_available_child, of_get_property, of_node_test_and_set_flag, of_property_read_bool, OF_POPULATED, of_node_full_path } from '../of/base.ts';
import { of_driver_match_device } from '../of/device.ts';
import { of_irq_get } from '../of/irq.ts';
import {
  type spi_controller, type spi_device, type spi_device_id, type spi_driver, type spi_message, type spi_statistics, type spi_transfer,
  SPI_CPHA, SPI_CPOL, SPI_CS_HIGH, SPI_LSB_FIRST, SPI_3WIRE, SPI_LOOP, SPI_NO_CS, SPI_TX_DUAL, SPI_TX_QUAD, SPI_RX_DUAL, SPI_RX_QUAD,
  SPI_TX_OCTAL, SPI_RX_OCTAL, SPI_NO_TX, SPI_NO_RX, SPI_CS_WORD, SPI_MODULE_PREFIX, SPI_BPW_MASK, SPI_STATISTICS_HISTO_SIZE,
  spi_statistics_alloc, to_spi_device, to_spi_driver,
} from './spi_types.ts';

export * from './spi_types.ts';

const spiState = defineState('spi', () => ({ controllers: [] as spi_controller[] }));

// ---- statistics in sysfs ---------------------------------------------------------------

type stat_field = Exclude<keyof spi_statistics, 'transfer_bytes_histo'>;
const STAT_FIELDS: stat_field[] = ['messages', 'transfers', 'errors', 'timedout', 'spi_sync', 'spi_sync_immediate', 'spi_async', 'bytes', 'bytes_rx', 'bytes_tx'];
const HISTO_NAMES = ['0-1', '2-3', '4-7', '8-15', '16-31', '32-63', '64-127', '128-255', '256-511', '512-1023', '1024-2047', '2048-4095', '4096-8191', '8192-16383', '16384-32767', '32768-65535', '65536+'];

/** The statistics/ group (SPI_STATISTICS_ATTRS): the same files for controllers and devices, read through `of`. */
function statistics_group(of: (dev: device) => spi_statistics): attribute_group {
  const attr = (name: string, get: (s: spi_statistics) => number): device_attribute => ({ name, mode: 0o444, show: (dev) => `${get(of(dev))}\n` });
  return {
    name: 'statistics',
    attrs: [
      ...STAT_FIELDS.map((f) => attr(f, (s) => s[f])),
      ...HISTO_NAMES.map((n, i) => attr(`transfer_bytes_histo_${n}`, (s) => s.transfer_bytes_histo[i]!)),
      attr('transfers_split_maxsize', (s) => s.transfers_split_maxsize),
    ] as attribute[],
  };
}

/** spi_statistics_add_transfer_stats(): counts, bytes and the length histogram (bucket = fls(len) - 1, capped). */
function add_transfer_stats(s: spi_statistics, xfer: spi_transfer): void {
  const l2len = Math.min(xfer.len ? 31 - Math.clz32(xfer.len) : 0, SPI_STATISTICS_HISTO_SIZE - 1);
  s.transfer_bytes_histo[l2len]!++;
  s.transfers++;
  s.bytes += xfer.len;
  if (xfer.tx_buf) s.bytes_tx += xfer.len;
  if (xfer.rx_buf) s.bytes_rx += xfer.len;
}

// ---- the bus ------------------------------------------------------------------------------

/** of_modalias_node(): the first compatible without its vendor prefix ("jedec,spi-nor" -> "spi-nor"). */
export function of_modalias_node(np: device_node): string | null {
  const c = np.compatible[0];
  if (!c) return null;
  const i = c.indexOf(',');
  return i < 0 ? c : c.slice(i + 1);
}

export function spi_match_id(ids: spi_device_id[] | undefined, name: string): spi_device_id | null {
  return ids?.find((id) => id.name === name) ?? null;
}

/** spi_get_device_id(): the id_table entry the device matched by modalias. */
export function spi_get_device_id(spi: spi_device): spi_device_id | null {
  return spi.dev.driver ? spi_match_id(to_spi_driver(spi.dev.driver).id_table, spi.modalias) : null;
}

/** spi_match_device: driver_override, then OF, then the id table by modalias, then the driver's name. */
function spi_match_device(dev: device, drv: ReturnType<typeof to_spi_driver>['driver']): number {
  const spi = to_spi_device(dev);
  const sdrv = to_spi_driver(drv);
  if (spi.driver_override ?? dev.driver_override) return (spi.driver_override ?? dev.driver_override) === drv.name ? 1 : 0;
  if (of_driver_match_device(dev, drv)) return 1;
  if (sdrv.id_table) return spi_match_id(sdrv.id_table, spi.modalias) ? 1 : 0;
  return spi.modalias === drv.name ? 1 : 0;
}

/** spi_uevent: MODALIAS=spi:<modalias> (6.1 reports the spi: alias even for devices with a DT node). */
function spi_uevent(dev: device, env: kobj_uevent_env): number {
  return add_uevent_var(env, `MODALIAS=${SPI_MODULE_PREFIX}${to_spi_device(dev).modalias}`);
}

function* spi_probe(dev: device): KGen<number> {
  const sdrv = to_spi_driver(dev.driver!);
  const spi = to_spi_device(dev);
  if (dev.of_node) {
    spi.irq = of_irq_get(dev.of_node, 0);
    if (spi.irq === -EPROBE_DEFER) return -EPROBE_DEFER;
    if (spi.irq < 0) spi.irq = 0;
  }
  return sdrv.probe ? yield* call_maybe_gen(sdrv.probe(spi)) : 0;
}

function* spi_remove(dev: device): KGen<void> {
  const sdrv = to_spi_driver(dev.driver!);
  if (sdrv.remove) yield* call_maybe_gen(sdrv.remove(to_spi_device(dev)));
}

function spi_shutdown(dev: device): void {
  if (dev.driver) to_spi_driver(dev.driver).shutdown?.(to_spi_device(dev));
}

const dev_attr_modalias: device_attribute = { name: 'modalias', mode: 0o444, show: (dev) => `${SPI_MODULE_PREFIX}${to_spi_device(dev).modalias}\n` };

export const spi_bus_type: bus_type = {
  name: 'spi',
  dev_groups: [{ attrs: [dev_attr_modalias, dev_attr_driver_override] }, statistics_group((d) => to_spi_device(d).statistics)],
  match: spi_match_device,
  uevent: spi_uevent,
  probe: spi_probe,
  remove: spi_remove,
  shutdown: spi_shutdown,
};

// kernel-static: the class description; class_register makes it per machine
export const spi_master_class: class_ = {
  name: 'spi_master',
  dev_groups: [statistics_group((d) => (d.container as spi_controller).statistics)],
};

function spi_init(): number {
  const r = bus_register(spi_bus_type);
  return r || class_register(spi_master_class);
}

export const initcalls: initcall_entry[] = [['postcore', 'spi_init', spi_init, 40_000]];

// ---- drivers --------------------------------------------------------------------------------

/** __spi_register_driver(): warns about DT compatibles no spi_device_id covers (udev loads SPI modules by the spi: alias). */
export function* __spi_register_driver(owner: string | null, sdrv: spi_driver): KGen<number> {
  sdrv.driver.owner = owner ?? sdrv.driver.owner ?? null;
  sdrv.driver.bus = spi_bus_type;
  (sdrv.driver as unknown as { sdrv: spi_driver }).sdrv = sdrv;
  for (const id of sdrv.driver.of_match_table ?? []) {
    if (!id.compatible) continue;
    const i = id.compatible.indexOf(',');
    const of_name = i < 0 ? id.compatible : id.compatible.slice(i + 1);
    const covered = sdrv.id_table ? spi_match_id(sdrv.id_table, of_name) !== null : sdrv.driver.name === of_name;
    if (!covered) pr_warn(`SPI driver ${sdrv.driver.name} has no spi_device_id for ${id.compatible}`);
  }
  return yield* driver_register(sdrv.driver);
}

export function* spi_unregister_driver(sdrv: spi_driver): KGen<void> {
  yield* driver_unregister(sdrv.driver);
}

// ---- devices --------------------------------------------------------------------------------

/** spi_alloc_device(): a device on the controller, not yet added. */
export function spi_alloc_device(ctlr: spi_controller): spi_device {
  const spi = {
    controller: ctlr, max_speed_hz: 0, chip_select: 0, bits_per_word: 0, mode: 0, irq: -1, modalias: '', driver_override: null,
    statistics: spi_statistics_alloc(),
  } as unknown as spi_device;
  spi.dev = device_alloc(spi);
  device_initialize(spi.dev);
  spi.dev.parent = ctlr.dev;
  spi.dev.bus = spi_bus_type;
  spi.dev.release = () => { /* spidev_release: kfree */ };
  return spi;
}

export function spi_dev_put(spi: spi_device | null): void { if (spi) put_device(spi.dev); }

/** spi_set_cs(): asserts or releases the device's chip select (SPI_CS_HIGH inverts the level). */
export function spi_set_cs(spi: spi_device, enable: boolean): void {
  if (spi.mode & SPI_NO_CS) return;
  const level = spi.mode & SPI_CS_HIGH ? enable : !enable;
  spi.controller.set_cs?.(spi, level);
}

function mode_names(m: number): string {
  return `${m & SPI_CS_HIGH ? 'cs_high, ' : ''}${m & SPI_LSB_FIRST ? 'lsb, ' : ''}${m & SPI_3WIRE ? '3wire, ' : ''}${m & SPI_LOOP ? 'loopback, ' : ''}`;
}

/** spi_setup(): checks the mode against the controller, defaults bits/word and speed, lets the controller set up, and releases CS. */
export function spi_setup(spi: spi_device): number {
  const ctlr = spi.controller;
  const dual = SPI_TX_DUAL | SPI_TX_QUAD | SPI_TX_OCTAL | SPI_RX_DUAL | SPI_RX_QUAD | SPI_RX_OCTAL;
  if (((spi.mode & SPI_TX_DUAL) && (spi.mode & SPI_TX_QUAD)) || ((spi.mode & SPI_RX_DUAL) && (spi.mode & SPI_RX_QUAD))) {
    dev_err(spi.dev, 'setup: can not select any two of dual, quad and no-rx/tx at the same time');
    return -EINVAL;
  }
  if ((spi.mode & SPI_3WIRE) && (spi.mode & dual)) return -EINVAL;
  // Bits the controller can't do: dual/quad fall back to single, the rest fail.
  const bad = spi.mode & ~(ctlr.mode_bits | SPI_CS_WORD | SPI_NO_TX | SPI_NO_RX);
  const ugly = bad & dual;
  if (ugly) { dev_warn(spi.dev, `setup: ignoring unsupported mode bits ${ugly.toString(16)}`); spi.mode &= ~ugly; }
  if (bad & ~ugly) { dev_err(spi.dev, `setup: unsupported mode bits ${(bad & ~ugly).toString(16)}`); return -EINVAL; }
  if (!spi.bits_per_word) spi.bits_per_word = 8;
  if (ctlr.bits_per_word_mask && !(ctlr.bits_per_word_mask & SPI_BPW_MASK(spi.bits_per_word))) return -EINVAL;
  if (!spi.max_speed_hz || (ctlr.max_speed_hz && spi.max_speed_hz > ctlr.max_speed_hz)) spi.max_speed_hz = ctlr.max_speed_hz;
  const status = ctlr.setup ? ctlr.setup(spi) : 0;
  if (status) return status;
  spi_set_cs(spi, false);
  dev_dbg(spi.dev, `setup mode ${spi.mode & (SPI_CPOL | SPI_CPHA)}, ${mode_names(spi.mode)}${spi.bits_per_word} bits/w, ${spi.max_speed_hz} Hz max --> ${status}`);
  return status;
}

/** spi_add_device(): checks the chip select, sets the device up and adds it as spiB.C. */
export function* spi_add_device(spi: spi_device): KGen<number> {
  const ctlr = spi.controller;
  if (spi.chip_select >= ctlr.num_chipselect) {
    dev_err(ctlr.dev, `cs${spi.chip_select} >= max ${ctlr.num_chipselect}`);
    return -EINVAL;
  }
  dev_set_name(spi.dev, `${dev_name(ctlr.dev)}.${spi.chip_select}`);
  const used = bus_for_each_dev(spi_bus_type).find((d) => d !== spi.dev && to_spi_device(d).controller === ctlr && to_spi_device(d).chip_select === spi.chip_select);
  if (used) {
    dev_err(ctlr.dev, `chipselect ${spi.chip_select} already in use`);
    return -EBUSY;
  }
  let status = spi_setup(spi);
  if (status < 0) {
    dev_err(ctlr.dev, `can't setup ${dev_name(spi.dev)}, status ${status}`);
    return status;
  }
  status = yield* device_add(spi.dev);
  if (status < 0) dev_err(ctlr.dev, `can't add ${dev_name(spi.dev)}, status ${status}`);
  else dev_dbg(ctlr.dev, `registered child ${dev_name(spi.dev)}`);
  return status;
}

export function* spi_unregister_device(spi: spi_device | null): KGen<void> {
  if (!spi) return;
  if (spi.dev.of_node) spi.dev.of_node._flags &= ~(1 << OF_POPULATED);
  yield* device_del(spi.dev);
  put_device(spi.dev);
}

/** of_property_read_u32() of a one-cell property: -EINVAL when absent, -EOVERFLOW when too short. */
function of_read_u32(np: device_node, name: string): number {
  const v = of_get_property(np, name);
  if (!v) return -EINVAL;
  if (v.length < 4) return -75;
  return new DataView(v.buffer, v.byteOffset, 4).getUint32(0, false);
}

const BUS_WIDTH_TX: Record<number, number> = { 0: SPI_NO_TX, 1: 0, 2: SPI_TX_DUAL, 4: SPI_TX_QUAD, 8: SPI_TX_OCTAL };
const BUS_WIDTH_RX: Record<number, number> = { 0: SPI_NO_RX, 1: 0, 2: SPI_RX_DUAL, 4: SPI_RX_QUAD, 8: SPI_RX_OCTAL };

/** of_spi_parse_dt(): mode flags, bus widths, the chip select (reg) and spi-max-frequency. */
function of_spi_parse_dt(ctlr: spi_controller, spi: spi_device, nc: device_node): number {
  const flags: [string, number][] = [['spi-cpha', SPI_CPHA], ['spi-cpol', SPI_CPOL], ['spi-3wire', SPI_3WIRE], ['spi-lsb-first', SPI_LSB_FIRST], ['spi-cs-high', SPI_CS_HIGH]];
  for (const [p, bit] of flags) if (of_property_read_bool(nc, p)) spi.mode |= bit;
  for (const [p, table] of [['spi-tx-bus-width', BUS_WIDTH_TX], ['spi-rx-bus-width', BUS_WIDTH_RX]] as const) {
    const v = of_read_u32(nc, p);
    if (v < 0) continue;
    if (table[v] === undefined) dev_warn(ctlr.dev, `${p} ${v} not supported`);
    else spi.mode |= table[v]!;
  }
  const reg = of_read_u32(nc, 'reg');
  if (reg < 0) {
    dev_err(ctlr.dev, `${of_node_full_path(nc)} has no valid 'reg' property (${reg})`);
    return reg;
  }
  spi.chip_select = reg;
  const hz = of_read_u32(nc, 'spi-max-frequency');
  if (hz >= 0) spi.max_speed_hz = hz;
  return 0;
}

/** of_register_spi_device(): a spi_device for one child node. */
function* of_register_spi_device(ctlr: spi_controller, nc: device_node): KGen<spi_device | number> {
  const spi = spi_alloc_device(ctlr);
  const alias = of_modalias_node(nc);
  if (!alias) {
    dev_err(ctlr.dev, `cannot find modalias for ${of_node_full_path(nc)}`);
    spi_dev_put(spi);
    return -EINVAL;
  }
  spi.modalias = alias.slice(0, 31);
  let rc = of_spi_parse_dt(ctlr, spi, nc);
  if (rc) { spi_dev_put(spi); return rc; }
  spi.dev.of_node = nc;
  rc = yield* spi_add_device(spi);
  if (rc) {
    dev_err(ctlr.dev, `spi_device register error ${of_node_full_path(nc)}`);
    spi_dev_put(spi);
    return rc;
  }
  return spi;
}

/** of_register_spi_devices(): every available child of the controller's node not yet populated. */
function* of_register_spi_devices(ctlr: spi_controller): KGen<void> {
  const np = ctlr.dev.of_node;
  if (!np) return;
  for (let nc = of_get_next_available_child(np, null); nc; nc = of_get_next_available_child(np, nc)) {
    if (of_node_test_and_set_flag(nc, OF_POPULATED)) continue;
    const spi = yield* of_register_spi_device(ctlr, nc);
    if (typeof spi === 'number') {
      dev_warn(ctlr.dev, `Failed to create SPI device for ${of_node_full_path(nc)}`);
      nc._flags &= ~(1 << OF_POPULATED);
    }
  }
}

export interface spi_board_info { modalias: string; max_speed_hz: number; chip_select: number; mode: number; platform_data?: unknown }

/** spi_new_device(): a device described by board info (the non-DT way, and what tests use). */
export function* spi_new_device(ctlr: spi_controller, chip: spi_board_info): KGen<spi_device | null> {
  const spi = spi_alloc_device(ctlr);
  spi.modalias = chip.modalias;
  spi.chip_select = chip.chip_select;
  spi.max_speed_hz = chip.max_speed_hz;
  spi.mode = chip.mode;
  if (chip.platform_data !== undefined) spi.dev.platform_data = chip.platform_data;
  const r = yield* spi_add_device(spi);
  if (r) { spi_dev_put(spi); return null; }
  return spi;
}

// ---- controllers ---------------------------------------------------------------------------

/** __spi_alloc_controller(): a controller device of class spi_master below `dev`. */
export function spi_alloc_master(dev: device, devdata: unknown = null): spi_controller {
  const ctlr = {
    bus_num: -1, num_chipselect: 1, mode_bits: SPI_CPOL | SPI_CPHA, bits_per_word_mask: 0, min_speed_hz: 0, max_speed_hz: 0, flags: 0, slave: false,
    devdata, io_mutex: mutex_init('io_mutex'), statistics: spi_statistics_alloc(), queue: [], pump_running: false, registered: false,
  } as unknown as spi_controller;
  ctlr.dev = device_alloc(ctlr);
  device_initialize(ctlr.dev);
  ctlr.dev.class = spi_master_class;
  ctlr.dev.parent = dev;
  ctlr.dev.release = () => { /* spi_controller_release */ };
  return ctlr;
}

/** The lowest bus number at or above `from` no registered controller uses (the IDR). */
function spi_controller_id_alloc(from: number): number {
  const used = new Set(spiState().controllers.map((c) => c.bus_num));
  let id = from;
  while (used.has(id)) id++;
  return id;
}

/** spi_register_controller(): numbers it (DT alias "spiN" or the first free id), adds spiN, then its devices from the DT. */
export function* spi_register_controller(ctlr: spi_controller): KGen<number> {
  if (!ctlr.dev.parent) return -ENODEV;
  if (!ctlr.num_chipselect) return -EINVAL;
  if (ctlr.bus_num < 0 && ctlr.dev.of_node) {
    const id = of_alias_get_id(ctlr.dev.of_node, 'spi');
    if (id >= 0) ctlr.bus_num = id;
  }
  if (ctlr.bus_num < 0) ctlr.bus_num = spi_controller_id_alloc(0);
  else if (spiState().controllers.some((c) => c.bus_num === ctlr.bus_num)) return -EBUSY;
  dev_set_name(ctlr.dev, `spi${ctlr.bus_num}`);
  const r = yield* device_add(ctlr.dev);
  if (r < 0) return r;
  spiState().controllers.push(ctlr);
  ctlr.registered = true;
  dev_dbg(ctlr.dev.parent!, `registered master ${dev_name(ctlr.dev)}`);
  yield* of_register_spi_devices(ctlr);
  return 0;
}

/** spi_unregister_controller(): its devices go first, then spiN. */
export function* spi_unregister_controller(ctlr: spi_controller): KGen<void> {
  for (const d of bus_for_each_dev(spi_bus_type)) if (to_spi_device(d).controller === ctlr) yield* spi_unregister_device(to_spi_device(d));
  spiState().controllers = spiState().controllers.filter((c) => c !== ctlr);
  ctlr.registered = false;
  yield* device_del(ctlr.dev);
  put_device(ctlr.dev);
}

/** devm_spi_register_controller(): unregistered when the parent device's driver goes. */
export function* devm_spi_register_controller(dev: device, ctlr: spi_controller): KGen<number> {
  const r = yield* spi_register_controller(ctlr);
  if (r) return r;
  devres_add(dev, devres_alloc(function* () { yield* spi_unregister_controller(ctlr); }, 0, 'devm_spi_unregister'));
  return 0;
}

export function spi_controllers(): spi_controller[] { return spiState().controllers.slice(); }
export function spi_busnum_to_master(bus_num: number): spi_controller | null { return spiState().controllers.find((c) => c.bus_num === bus_num) ?? null; }

// ---- messages --------------------------------------------------------------------------------

/** __spi_validate(): defaults each transfer's word size and speed from the device and checks them against the controller. */
function __spi_validate(spi: spi_device, msg: spi_message): number {
  const ctlr = spi.controller;
  if (!msg.transfers.length) return -EINVAL;
  msg.spi = spi;
  for (const x of msg.transfers) {
    if (!x.bits_per_word) x.bits_per_word = spi.bits_per_word;
    if (!x.speed_hz) x.speed_hz = spi.max_speed_hz;
    if (ctlr.max_speed_hz && x.speed_hz > ctlr.max_speed_hz) x.speed_hz = ctlr.max_speed_hz;
    if (ctlr.bits_per_word_mask && !(ctlr.bits_per_word_mask & SPI_BPW_MASK(x.bits_per_word))) return -EINVAL;
    const w = x.bits_per_word <= 8 ? 1 : x.bits_per_word <= 16 ? 2 : 4;
    if (x.len % w) return -EINVAL;
    if (x.speed_hz && ctlr.min_speed_hz && x.speed_hz < ctlr.min_speed_hz) return -EINVAL;
    if ((x.tx_buf && x.tx_buf.length < x.len) || (x.rx_buf && x.rx_buf.length < x.len)) return -EINVAL;
    if ((spi.mode & SPI_NO_TX && x.tx_buf) || (spi.mode & SPI_NO_RX && x.rx_buf)) return -EINVAL;
  }
  msg.status = -EINVAL;
  return 0;
}

/** spi_transfer_one_message(): chip select down, each transfer, cs_change between, chip select up; statistics as it goes. */
function* spi_transfer_one_message(ctlr: spi_controller, msg: spi_message): KGen<number> {
  const spi = msg.spi!;
  let keep_cs = false;
  let ret = 0;
  spi_set_cs(spi, true);
  ctlr.statistics.messages++;
  spi.statistics.messages++;
  for (let i = 0; i < msg.transfers.length; i++) {
    const xfer = msg.transfers[i]!;
    add_transfer_stats(ctlr.statistics, xfer);
    add_transfer_stats(spi.statistics, xfer);
    if ((xfer.tx_buf || xfer.rx_buf) && xfer.len) {
      ret = ctlr.transfer_one ? yield* ctlr.transfer_one(ctlr, spi, xfer) : -EINVAL;
      if (ret < 0) {
        ctlr.statistics.errors++;
        spi.statistics.errors++;
        dev_err(spi.dev, `SPI transfer failed: ${ret}`);
        break;
      }
      ret = 0;
    } else if (xfer.len) dev_err(spi.dev, `Bufferless transfer has length ${xfer.len}`);
    msg.actual_length += xfer.len;
    if (xfer.delay_usecs) account_ns(xfer.delay_usecs * 1000);
    if (xfer.cs_change) {
      if (i === msg.transfers.length - 1) keep_cs = true;
      else {
        spi_set_cs(spi, false);
        account_ns((xfer.cs_change_delay_usecs ?? 10) * 1000);
        spi_set_cs(spi, true);
      }
    }
  }
  if (ret !== 0 || !keep_cs) spi_set_cs(spi, false);
  if (msg.status === -EINVAL) msg.status = ret;
  return ret;
}

/** __spi_sync(): the message runs in the caller's context under the controller's io_mutex (spi_sync_immediate). */
export function* spi_sync(spi: spi_device, msg: spi_message): KGen<number> {
  msg.actual_length = 0;
  const status = __spi_validate(spi, msg);
  if (status) return status;
  const ctlr = spi.controller;
  if (!ctlr.registered) return -ENODEV;
  ctlr.statistics.spi_sync++;
  spi.statistics.spi_sync++;
  yield* mutex_lock(ctlr.io_mutex);
  ctlr.statistics.spi_sync_immediate++;
  spi.statistics.spi_sync_immediate++;
  try {
    yield* spi_transfer_one_message(ctlr, msg);
  } finally {
    mutex_unlock(ctlr.io_mutex);
  }
  return msg.status;
}

/** The message pump (spi_pump_messages): runs queued messages one by one and calls each one's complete. */
function pump(ctlr: spi_controller): void {
  if (ctlr.pump_running) return;
  ctlr.pump_running = true;
  queue_work(system_unbound_wq(), INIT_WORK(function* () {
    try {
      for (let msg = ctlr.queue.shift(); msg; msg = ctlr.queue.shift()) {
        yield* mutex_lock(ctlr.io_mutex);
        try { yield* spi_transfer_one_message(ctlr, msg); } finally { mutex_unlock(ctlr.io_mutex); }
        if (msg.complete) yield* call_maybe_gen(msg.complete(msg.context));
      }
    } finally { ctlr.pump_running = false; }
  }));
}

/** spi_async(): queues the message; its complete callback runs from the pump once it went out. */
export function spi_async(spi: spi_device, msg: spi_message): number {
  msg.actual_length = 0;
  const r = __spi_validate(spi, msg);
  if (r) return r;
  const ctlr = spi.controller;
  if (!ctlr.registered) return -ESHUTDOWN;
  ctlr.statistics.spi_async++;
  spi.statistics.spi_async++;
  msg.status = -EINPROGRESS;
  ctlr.queue.push(msg);
  pump(ctlr);
  return 0;
}
const ESHUTDOWN = 108, EINPROGRESS = 115;

export function spi_message_init_with_transfers(xfers: spi_transfer[]): spi_message {
  return { transfers: xfers, spi: null, status: 0, actual_length: 0 };
}

export function* spi_sync_transfer(spi: spi_device, xfers: spi_transfer[]): KGen<number> {
  return yield* spi_sync(spi, spi_message_init_with_transfers(xfers));
}

export function* spi_write(spi: spi_device, buf: Uint8Array): KGen<number> {
  return yield* spi_sync_transfer(spi, [{ tx_buf: buf, rx_buf: null, len: buf.length }]);
}

export function* spi_read(spi: spi_device, buf: Uint8Array): KGen<number> {
  return yield* spi_sync_transfer(spi, [{ tx_buf: null, rx_buf: buf, len: buf.length }]);
}

/** spi_write_then_read(): writes txbuf, then reads rx.length bytes, under one chip select. */
export function* spi_write_then_read(spi: spi_device, txbuf: Uint8Array, rxbuf: Uint8Array): KGen<number> {
  const x: spi_transfer[] = [];
  if (txbuf.length) x.push({ tx_buf: txbuf.slice(), rx_buf: null, len: txbuf.length });
  if (rxbuf.length) x.push({ tx_buf: null, rx_buf: rxbuf, len: rxbuf.length });
  return yield* spi_sync_transfer(spi, x);
}

/** spi_w8r8(): one command byte out, one byte back (or -errno). */
export function* spi_w8r8(spi: spi_device, cmd: number): KGen<number> {
  const rx = new Uint8Array(1);
  const r = yield* spi_write_then_read(spi, Uint8Array.of(cmd), rx);
  return r < 0 ? r : rx[0]!;
}

/** spi_w8r16(): one command byte out, a 16-bit word back in CPU (little-endian) order. */
export function* spi_w8r16(spi: spi_device, cmd: number): KGen<number> {
  const rx = new Uint8Array(2);
  const r = yield* spi_write_then_read(spi, Uint8Array.of(cmd), rx);
  return r < 0 ? r : rx[0]! | (rx[1]! << 8);
}

export function* spi_w8r16be(spi: spi_device, cmd: number): KGen<number> {
  const rx = new Uint8Array(2);
  const r = yield* spi_write_then_read(spi, Uint8Array.of(cmd), rx);
  return r < 0 ? r : (rx[0]! << 8) | rx[1]!;
}

export { ENOMEM, EIO };
