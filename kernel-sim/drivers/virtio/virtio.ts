// Models linux/drivers/virtio/virtio.c and include/linux/virtio*.h: the virtio bus, virtio devices (virtioN under their transport's device), drivers matched by device id, and status/feature negotiation at probe.
import type { KGen } from '../../include/linux/sched.ts';
import type { bus_type, device, device_attribute, device_driver } from '../base/base.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { device_add, device_initialize, dev_set_name, put_device, device_alloc, device_unregister } from '../base/core.ts';
import { bus_register, bus_unregister } from '../base/bus.ts';
import { driver_register, driver_unregister } from '../base/driver.ts';
import { add_uevent_var } from '../../lib/kobject_uevent.ts';
import { ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { virtqueue } from './virtio_ring.ts';

export const VIRTIO_CONFIG_S_ACKNOWLEDGE = 1, VIRTIO_CONFIG_S_DRIVER = 2, VIRTIO_CONFIG_S_DRIVER_OK = 4, VIRTIO_CONFIG_S_FEATURES_OK = 8, VIRTIO_CONFIG_S_FAILED = 0x80;
export const VIRTIO_F_VERSION_1 = 32;
export const VIRTIO_ID_NET = 1, VIRTIO_ID_BLOCK = 2;
export const VIRTIO_DEV_ANY_ID = 0xffffffff;

export interface virtio_device_id { device: number; vendor: number }

/** struct virtio_config_ops: what the transport (virtio-pci) does for the core and the drivers. */
export interface virtio_config_ops {
  get(vdev: virtio_device, offset: number, len: number): number;
  get_status(vdev: virtio_device): number;
  set_status(vdev: virtio_device, status: number): void;
  reset(vdev: virtio_device): void;
  find_vqs(vdev: virtio_device, callbacks: ((vq: virtqueue) => void)[], names: string[]): virtqueue[] | number;
  del_vqs(vdev: virtio_device): void;
  get_features(vdev: virtio_device): bigint;
  finalize_features(vdev: virtio_device): number;
}

export interface virtio_device {
  index: number;
  dev: device;
  id: virtio_device_id;
  config: virtio_config_ops;
  features: bigint;
  priv: unknown;
  vqs: virtqueue[];
}

export interface virtio_driver {
  driver: device_driver;
  id_table: virtio_device_id[];
  feature_table: number[];
  probe(vdev: virtio_device): KGen<number>;
  remove?(vdev: virtio_device): KGen<void>;
}

/** virtio_index_ida: the lowest free index names the next virtioN, as Linux's ida does. */
const virtioState = defineState('virtio', () => ({ used: new Set<number>() }));

function virtio_index_alloc(): number {
  const { used } = virtioState();
  let i = 0;
  while (used.has(i)) i++;
  used.add(i);
  return i;
}

export const dev_to_virtio = (dev: device): virtio_device => dev.container as virtio_device;
const drv_to_virtio = (drv: device_driver): virtio_driver => (drv as device_driver & { virtio: virtio_driver }).virtio;

export const virtio_has_feature = (vdev: virtio_device, fbit: number): boolean => (vdev.features & (1n << BigInt(fbit))) !== 0n;
export const virtio_cread8 = (vdev: virtio_device, off: number): number => vdev.config.get(vdev, off, 1);
export const virtio_cread16 = (vdev: virtio_device, off: number): number => vdev.config.get(vdev, off, 2);
export const virtio_cread32 = (vdev: virtio_device, off: number): number => vdev.config.get(vdev, off, 4);
export const virtio_cread64 = (vdev: virtio_device, off: number): number => vdev.config.get(vdev, off, 4) + vdev.config.get(vdev, off + 4, 4) * 0x1_0000_0000;

function virtio_add_status(vdev: virtio_device, status: number): void {
  vdev.config.set_status(vdev, vdev.config.get_status(vdev) | status);
}

/** virtio_dev_match: the driver's id table names the device (or any device) and the vendor. */
function virtio_dev_match(dev: device, drv: device_driver): number {
  const v = dev_to_virtio(dev);
  return drv_to_virtio(drv).id_table.some((id) => (id.device === v.id.device || id.device === VIRTIO_DEV_ANY_ID) && (id.vendor === VIRTIO_DEV_ANY_ID || id.vendor === v.id.vendor)) ? 1 : 0;
}

/** virtio_dev_probe: DRIVER status, features the device and the driver share (plus VERSION_1), FEATURES_OK, the driver's probe, DRIVER_OK. */
function* virtio_dev_probe(dev: device): KGen<number> {
  const vdev = dev_to_virtio(dev), drv = drv_to_virtio(dev.driver!);
  virtio_add_status(vdev, VIRTIO_CONFIG_S_DRIVER);
  const device_features = vdev.config.get_features(vdev);
  const driver_features = drv.feature_table.reduce((a, b) => a | (1n << BigInt(b)), 1n << BigInt(VIRTIO_F_VERSION_1));
  vdev.features = device_features & driver_features;
  let err = vdev.config.finalize_features(vdev);
  if (!err) {
    virtio_add_status(vdev, VIRTIO_CONFIG_S_FEATURES_OK);
    if (!(vdev.config.get_status(vdev) & VIRTIO_CONFIG_S_FEATURES_OK)) err = -ENODEV;
  }
  if (!err) err = yield* drv.probe(vdev);
  if (err) { virtio_add_status(vdev, VIRTIO_CONFIG_S_FAILED); return err; }
  if (!(vdev.config.get_status(vdev) & VIRTIO_CONFIG_S_DRIVER_OK)) virtio_add_status(vdev, VIRTIO_CONFIG_S_DRIVER_OK);
  return 0;
}

function* virtio_dev_remove(dev: device): KGen<void> {
  const vdev = dev_to_virtio(dev), drv = drv_to_virtio(dev.driver!);
  if (drv.remove) yield* drv.remove(vdev);
  vdev.config.reset(vdev);
  vdev.config.set_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
}

const hex = (v: number, w: number): string => `0x${v.toString(16).padStart(w, '0')}\n`;
const virtio_modalias = (v: virtio_device): string =>
  `virtio:d${v.id.device.toString(16).toUpperCase().padStart(8, '0')}v${v.id.vendor.toString(16).toUpperCase().padStart(8, '0')}`;

/** virtio_dev_attrs: the device's id, the transport's status byte, and the negotiated features as a 64-bit string, bit 0 first. */
const virtio_dev_attrs: device_attribute[] = [
  { name: 'device', mode: 0o444, show: (d) => hex(dev_to_virtio(d).id.device, 4) },
  { name: 'vendor', mode: 0o444, show: (d) => hex(dev_to_virtio(d).id.vendor, 4) },
  { name: 'status', mode: 0o444, show: (d) => { const v = dev_to_virtio(d); return hex(v.config.get_status(v), 8); } },
  { name: 'modalias', mode: 0o444, show: (d) => `${virtio_modalias(dev_to_virtio(d))}\n` },
  { name: 'features', mode: 0o444, show: (d) => `${Array.from({ length: 64 }, (_, i) => (virtio_has_feature(dev_to_virtio(d), i) ? '1' : '0')).join('')}\n` },
];
const virtio_dev_group: attribute_group = { attrs: virtio_dev_attrs };

export const virtio_bus: bus_type = {
  name: 'virtio',
  dev_groups: [virtio_dev_group],
  match: virtio_dev_match,
  uevent(dev, env) {
    return add_uevent_var(env, `MODALIAS=${virtio_modalias(dev_to_virtio(dev))}`);
  },
  probe: virtio_dev_probe,
  remove: virtio_dev_remove,
};

/** register_virtio_device: virtioN, reset and ACKNOWLEDGEd, then added (and probed). */
export function* register_virtio_device(parent: device, id: virtio_device_id, config: virtio_config_ops, priv: unknown): KGen<virtio_device | number> {
  const vdev = { index: virtio_index_alloc(), id, config, features: 0n, priv, vqs: [] } as unknown as virtio_device;
  const dev = device_alloc(vdev);
  device_initialize(dev);
  dev.bus = virtio_bus;
  dev.parent = parent;
  // virtio_device_release: the index goes back when the last reference does.
  dev.release = () => { virtioState().used.delete(vdev.index); };
  vdev.dev = dev;
  dev_set_name(dev, `virtio${vdev.index}`);
  config.reset(vdev);
  virtio_add_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
  const r = yield* device_add(dev);
  if (r) { put_device(dev); return r; }
  return vdev;
}

/** unregister_virtio_device: unbinds the driver and removes virtioN. */
export function* unregister_virtio_device(vdev: virtio_device): KGen<void> {
  yield* device_unregister(vdev.dev);
}

export function* register_virtio_driver(drv: virtio_driver): KGen<number> {
  (drv.driver as device_driver & { virtio: virtio_driver }).virtio = drv;
  drv.driver.bus = virtio_bus;
  return yield* driver_register(drv.driver);
}

export function* unregister_virtio_driver(drv: virtio_driver): KGen<void> {
  yield* driver_unregister(drv.driver);
}

export function virtio_init(): number {
  return bus_register(virtio_bus);
}

/** virtio_exit: module_exit where the kernel config makes virtio a module. */
export function virtio_exit(): void {
  bus_unregister(virtio_bus);
}

export const initcalls: initcall_entry[] = [['core', 'virtio_init', virtio_init, 20_000]];
