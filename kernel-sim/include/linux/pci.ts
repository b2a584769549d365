// Models linux/include/linux/pci.h and mod_devicetable.h: struct pci_dev, pci_bus, pci_driver, pci_device_id and the PCI_DEVICE* helpers.
import type { resource } from '../../kernel/resource.ts';
import type { device, device_driver } from '../../drivers/base/base.ts';
import type { KGen } from './sched.ts';

export const PCI_ANY_ID = 0xffffffff;
/** Resource slots: 6 BARs, the ROM, 6 SR-IOV BARs, then 4 bridge windows. */
export const PCI_STD_NUM_BARS = 6;
export const PCI_ROM_RESOURCE = 6;
export const PCI_IOV_RESOURCES = 7;
export const PCI_BRIDGE_RESOURCES = 13;
export const PCI_BRIDGE_RESOURCE_NUM = 4;
export const PCI_NUM_RESOURCES = 17;
/** Power states (pci_power_t). */
export const PCI_D0 = 0, PCI_D1 = 1, PCI_D2 = 2, PCI_D3hot = 3, PCI_D3cold = 4, PCI_UNKNOWN = 5, PCI_POWER_ERROR = -1;
export const pci_power_names = ['D0', 'D1', 'D2', 'D3hot', 'D3cold', 'unknown'];

/** pci_alloc_irq_vectors() flags. */
export const PCI_IRQ_LEGACY = 1 << 0;
export const PCI_IRQ_MSI = 1 << 1;
export const PCI_IRQ_MSIX = 1 << 2;
export const PCI_IRQ_AFFINITY = 1 << 3;
export const PCI_IRQ_ALL_TYPES = PCI_IRQ_LEGACY | PCI_IRQ_MSI | PCI_IRQ_MSIX;

export interface pci_device_id {
  vendor: number;
  device: number;
  subvendor: number;
  subdevice: number;
  class: number;
  class_mask: number;
  driver_data: number;
  /** Set by PCI_DEVICE_DRIVER_OVERRIDE-style ids (override_only). */
  override_only?: number;
}

/** PCI_DEVICE(vend, dev): any subsystem, any class. */
export function PCI_DEVICE(vendor: number, device: number, driver_data = 0): pci_device_id {
  return { vendor, device, subvendor: PCI_ANY_ID, subdevice: PCI_ANY_ID, class: 0, class_mask: 0, driver_data };
}
/** PCI_DEVICE_SUB(vend, dev, subvend, subdev). */
export function PCI_DEVICE_SUB(vendor: number, device: number, subvendor: number, subdevice: number, driver_data = 0): pci_device_id {
  return { vendor, device, subvendor, subdevice, class: 0, class_mask: 0, driver_data };
}
/** PCI_DEVICE_CLASS(dev_class, dev_class_mask). */
export function PCI_DEVICE_CLASS(cls: number, class_mask: number, driver_data = 0): pci_device_id {
  return { vendor: PCI_ANY_ID, device: PCI_ANY_ID, subvendor: PCI_ANY_ID, subdevice: PCI_ANY_ID, class: cls, class_mask, driver_data };
}
/** PCI_VDEVICE(vendor, dev) with the vendor given as a number. */
export const PCI_VDEVICE = PCI_DEVICE;

export type pci_ops = {
  read(bus: pci_bus, devfn: number, where: number, size: number): { err: number; val: number };
  write(bus: pci_bus, devfn: number, where: number, size: number, val: number): number;
};

export interface pci_bus {
  number: number;
  primary: number;
  /** Bus number range [busn_res.start, busn_res.end]. */
  busn_res: resource;
  parent: pci_bus | null;
  /** The bridge leading to this bus (null for a root bus). */
  self: pci_dev | null;
  children: pci_bus[];
  devices: pci_dev[];
  /** Windows: the bridge's (io, mem, pref mem) or the host's apertures. */
  resource: (resource | null)[];
  /** Root bus windows (pci_add_resource). */
  resources: resource[];
  ops: pci_ops;
  domain_nr: number;
  name: string;
  /** The host bridge device (pci0000:00) of a root bus. */
  bridge: device | null;
  /** The pci_bus class device (/sys/class/pci_bus/DDDD:BB). */
  dev: device | null;
  is_added: boolean;
}

export interface msi_desc {
  irq: number;
  /** Index in the MSI block or MSI-X table. */
  msi_index: number;
  msg: { address_lo: number; address_hi: number; data: number };
  is_msix: boolean;
  masked: boolean;
}

export interface pci_dev {
  bus: pci_bus;
  subordinate: pci_bus | null;
  devfn: number;
  vendor: number;
  device: number;
  subsystem_vendor: number;
  subsystem_device: number;
  /** 3 bytes: (class, subclass, prog-if). */
  class: number;
  revision: number;
  hdr_type: number;
  multifunction: boolean;
  pin: number;
  irq: number;
  cfg_size: number;
  rom_base_reg: number;
  /** Offset of the PCI Express capability (0 if none). */
  pcie_cap: number;
  pcie_flags_reg: number;
  msi_cap: number;
  msix_cap: number;
  pm_cap: number;
  current_state: number;
  resource: resource[];
  dev: device;
  driver: pci_driver | null;
  enable_cnt: number;
  is_busmaster: boolean;
  msi_enabled: boolean;
  msix_enabled: boolean;
  /** Allocated interrupt vectors (msi_desc list). */
  msi_list: msi_desc[];
  /** The INTx irq as firmware routed it, before MSI replaced it. */
  irq_line: number;
  dma_mask: bigint;
  coherent_dma_mask: bigint;
  is_added: boolean;
  removed: boolean;
  /** Regions requested with pci_request_region(s), by BAR. */
  region_mask: number;
  /** The saved config space (pci_save_state). */
  saved_config: number[] | null;
  /** procfs entry /proc/bus/pci/BB/DD.F. */
  procent: unknown;
  /** Set while the bus is enumerating it (pci_scan_device) and it is not yet visible. */
  match_driver: boolean;
  /** True for functions the firmware marked as broken-INTx etc. (quirks). */
  broken_intx_masking: boolean;
  /** devres: managed state of pcim_enable_device. */
  is_managed: boolean;
  /** The hardware path (for hotplug messages): the DT node of the function, if known. */
  of_path: string | null;
  /** Each BAR's I/O mapping through pcim_iomap_table. */
  iomap_table: number[];
}

export interface pci_dynid { id: pci_device_id }

export interface pci_driver {
  name: string;
  id_table: pci_device_id[] | null;
  probe?(dev: pci_dev, id: pci_device_id): number | KGen<number>;
  remove?(dev: pci_dev): void | KGen<void>;
  shutdown?(dev: pci_dev): void;
  suspend?(dev: pci_dev, state: number): number;
  resume?(dev: pci_dev): number;
  /** The embedded device_driver (bus = pci_bus_type). */
  driver: device_driver;
  /** The module this driver belongs to (/sys/bus/pci/drivers/X/module). */
  owner?: string | null;
}

export function PCI_SLOT(devfn: number): number { return (devfn >> 3) & 0x1f; }
export function PCI_FUNC(devfn: number): number { return devfn & 0x07; }
export function PCI_DEVFN(slot: number, func: number): number { return ((slot & 0x1f) << 3) | (func & 0x07); }

export function pci_domain_nr(bus: pci_bus): number { return bus.domain_nr; }

const h = (n: number, w: number) => n.toString(16).padStart(w, '0');

/** pci_name(): "DDDD:BB:DD.F". */
export function pci_name(pdev: pci_dev): string {
  return `${h(pdev.bus.domain_nr, 4)}:${h(pdev.bus.number, 2)}:${h(PCI_SLOT(pdev.devfn), 2)}.${PCI_FUNC(pdev.devfn)}`;
}

export function pci_is_root_bus(bus: pci_bus): boolean { return bus.parent === null; }
export function pci_is_bridge(dev: pci_dev): boolean { return dev.hdr_type === 1 || dev.hdr_type === 2; }
export function pci_is_pcie(dev: pci_dev): boolean { return dev.pcie_cap !== 0; }
export function pci_pcie_type(dev: pci_dev): number { return (dev.pcie_flags_reg & 0x00f0) >> 4; }

export function pci_resource_start(dev: pci_dev, bar: number): number { return dev.resource[bar]?.start ?? 0; }
export function pci_resource_end(dev: pci_dev, bar: number): number { return dev.resource[bar]?.end ?? 0; }
export function pci_resource_flags(dev: pci_dev, bar: number): number { return dev.resource[bar]?.flags ?? 0; }
export function pci_resource_len(dev: pci_dev, bar: number): number {
  const r = dev.resource[bar];
  return r && (r.start !== 0 || r.end !== 0) ? r.end - r.start + 1 : 0;
}

/** container_of(dev, struct pci_dev, dev). */
export function to_pci_dev(dev: device): pci_dev { return dev.container as pci_dev; }
export function pci_get_drvdata(pdev: pci_dev): unknown { return pdev.dev.driver_data; }
export function pci_set_drvdata(pdev: pci_dev, data: unknown): void { pdev.dev.driver_data = data; }
