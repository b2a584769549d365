// Models QEMU hw/virtio/virtio-blk-pci.c + virtio-pci.c: the PCI function of a virtio block device (identity, BARs, capabilities; the block layer comes later).
import type { HwContext } from '../core/qdev.ts';
import type { VMStateDescription } from '../core/vmstate.ts';
import { MemoryRegion } from '../core/memory.ts';
import { PCIDevice, type PCIDeviceClass, memory_region_container, pci_add_capability, pci_set_long } from '../pci/pci.ts';
import { msix_init } from '../pci/msix.ts';
import * as R from '../pci/pci_regs.ts';
import { type TypeInfo, u64_prop } from '../core/qom.ts';
import { prop_u32 } from '../../scripts/dtc/livetree.ts';

export const VIRTIO_PCI_CAP_COMMON_CFG = 1;
export const VIRTIO_PCI_CAP_NOTIFY_CFG = 2;
export const VIRTIO_PCI_CAP_ISR_CFG = 3;
export const VIRTIO_PCI_CAP_DEVICE_CFG = 4;
export const VIRTIO_PCI_CAP_PCI_CFG = 5;

export const VIRTIO_BLK_PCI_CLASS: PCIDeviceClass = {
  vendor_id: 0x1af4,
  device_id: 0x1001,
  revision: 0,
  class_id: 0x0100,
  subsystem_vendor_id: 0x1af4,
  subsystem_id: 0x0002,
  interrupt_pin: 1,
};

/** The vendor-specific capabilities of virtio-pci (virtio_pci_modern_regions_init), as data. */
export const VIRTIO_PCI_CAPS: ReadonlyArray<{ offset: number; cap_len: number; cfg_type: number; bar: number; region_offset: number; length: number; extra?: number }> = [
  { offset: 0x40, cap_len: 0x10, cfg_type: VIRTIO_PCI_CAP_COMMON_CFG, bar: 4, region_offset: 0x0000, length: 0x1000 },
  { offset: 0x50, cap_len: 0x10, cfg_type: VIRTIO_PCI_CAP_ISR_CFG, bar: 4, region_offset: 0x1000, length: 0x1000 },
  { offset: 0x60, cap_len: 0x10, cfg_type: VIRTIO_PCI_CAP_DEVICE_CFG, bar: 4, region_offset: 0x2000, length: 0x1000 },
  // notify_off_multiplier = 4 follows the notify cap.
  { offset: 0x70, cap_len: 0x14, cfg_type: VIRTIO_PCI_CAP_NOTIFY_CFG, bar: 4, region_offset: 0x3000, length: 0x1000, extra: 4 },
  { offset: 0x84, cap_len: 0x14, cfg_type: VIRTIO_PCI_CAP_PCI_CFG, bar: 0, region_offset: 0, length: 0 },
];

export interface VirtioBlkOptions {
  /** Request queues (QEMU's num-queues; defaults to the number of vCPUs). MSI-X vectors = queues + 1. */
  num_queues?: number;
  /** Disk size in 512-byte sectors. */
  capacity_sectors?: bigint;
}

export class VirtIOBlkPCI extends PCIDevice {
  readonly type_info = { name: 'virtio-blk-pci', desc: 'virtio block device (PCI function)' };
  readonly pci_class = VIRTIO_BLK_PCI_CLASS;
  readonly num_queues: number;
  readonly capacity_sectors: bigint;

  constructor(ctx: HwContext, id: string, opts: VirtioBlkOptions = {}) {
    super(ctx, id);
    this.num_queues = opts.num_queues ?? 2;
    this.capacity_sectors = opts.capacity_sectors ?? 0x200000n;
  }

  /** A register block whose accesses are accepted and read zero until the virtio transport is modelled. */
  private pending_region(name: string, size: number): MemoryRegion {
    return new MemoryRegion(this, name, size, {
      read: () => 0,
      write: () => {},
      valid: { min_access_size: 1, max_access_size: 8 },
    });
  }

  protected pci_realize(): void {
    // BAR0: legacy I/O registers (128 bytes).
    this.pci_register_bar(0, R.PCI_BASE_ADDRESS_SPACE_IO, this.pending_region('virtio-pci-legacy', 0x80));
    for (const c of VIRTIO_PCI_CAPS) {
      const pos = pci_add_capability(this, R.PCI_CAP_ID_VNDR, c.offset, c.cap_len);
      this.config[pos + 2] = c.cap_len;
      this.config[pos + 3] = c.cfg_type;
      this.config[pos + 4] = c.bar;
      pci_set_long(this.config, pos + 8, c.region_offset);
      pci_set_long(this.config, pos + 12, c.length);
      if (c.extra !== undefined) pci_set_long(this.config, pos + 16, c.extra);
      if (c.cfg_type === VIRTIO_PCI_CAP_PCI_CFG) {
        // The window registers of the PCI cfg access capability are writable.
        this.wmask.fill(0xff, pos + 4, pos + c.cap_len);
        this.config[pos + 4] = 0;
      }
    }
    // BAR1: MSI-X table (vector per queue + config) and PBA at 0x800.
    const { table, pba } = msix_init(this, this.num_queues + 1, 1, 0, 1, 0x800, 0x98);
    this.pci_register_bar(1, R.PCI_BASE_ADDRESS_SPACE_MEMORY, memory_region_container(this, 'virtio-msix', 0x1000, [{ offset: 0, mr: table }, { offset: 0x800, mr: pba }]));
    // BAR4: modern virtio regions (common, ISR, device, notify), 64-bit prefetchable.
    this.pci_register_bar(4, R.PCI_BASE_ADDRESS_SPACE_MEMORY | R.PCI_BASE_ADDRESS_MEM_TYPE_64 | R.PCI_BASE_ADDRESS_MEM_PREFETCH, this.pending_region('virtio-pci', 0x4000));
  }

  protected device_reset(): void {}

  /** No registers beyond config space. */
  readonly model_vmsd: VMStateDescription<unknown> = { name: 'virtio-blk-pci', fields: [] };
}

export const types: TypeInfo<VirtIOBlkPCI>[] = [{
  name: 'virtio-blk-pci', compatible: 'qemu,virtio-blk-pci', bus: 'pci',
  instance_init: (ctx, n, env) => new VirtIOBlkPCI(ctx, '', { num_queues: prop_u32(n, 'kwb,num-queues') ?? env.smp_cpus, capacity_sectors: u64_prop(n, 'kwb,capacity-sectors') }),
}];
