// Models QEMU hw/virtio/virtio-pci.c (modern interface) with hw/virtio/virtio.c's device status and notification: the virtio-pci transport a virtio device model (virtio-blk, virtio-net) extends — vendor capabilities, common configuration, ISR, device configuration and queue notification in BAR4, MSI-X in BAR1.
import { type VMStateDescription, vmstate_info_scalar, vmstate_info_json } from '../core/vmstate.ts';
import { MemoryRegion } from '../core/memory.ts';
import { PCIDevice, memory_region_container, pci_add_capability, pci_set_long } from '../pci/pci.ts';
import { msix_init, msix_notify } from '../pci/msix.ts';
import * as R from '../pci/pci_regs.ts';
import { virtqueue_new, type VirtQueue } from '../block/virtqueue.ts';

export const VIRTIO_PCI_CAP_COMMON_CFG = 1;
export const VIRTIO_PCI_CAP_NOTIFY_CFG = 2;
export const VIRTIO_PCI_CAP_ISR_CFG = 3;
export const VIRTIO_PCI_CAP_DEVICE_CFG = 4;
export const VIRTIO_PCI_CAP_PCI_CFG = 5;

/** The vendor-specific capabilities of virtio-pci (virtio_pci_modern_regions_init), as data. */
export const VIRTIO_PCI_CAPS: ReadonlyArray<{ offset: number; cap_len: number; cfg_type: number; bar: number; region_offset: number; length: number; extra?: number }> = [
  { offset: 0x40, cap_len: 0x10, cfg_type: VIRTIO_PCI_CAP_COMMON_CFG, bar: 4, region_offset: 0x0000, length: 0x1000 },
  { offset: 0x50, cap_len: 0x10, cfg_type: VIRTIO_PCI_CAP_ISR_CFG, bar: 4, region_offset: 0x1000, length: 0x1000 },
  { offset: 0x60, cap_len: 0x10, cfg_type: VIRTIO_PCI_CAP_DEVICE_CFG, bar: 4, region_offset: 0x2000, length: 0x1000 },
  // notify_off_multiplier = 4 follows the notify cap.
  { offset: 0x70, cap_len: 0x14, cfg_type: VIRTIO_PCI_CAP_NOTIFY_CFG, bar: 4, region_offset: 0x3000, length: 0x1000, extra: 4 },
  { offset: 0x84, cap_len: 0x14, cfg_type: VIRTIO_PCI_CAP_PCI_CFG, bar: 0, region_offset: 0, length: 0 },
];


export const VIRTIO_F_VERSION_1 = 32;
/** VIRTIO_CONFIG_S_DRIVER_OK: the driver is ready; a device delivers nothing to its queues before it. */
export const VIRTIO_CONFIG_S_DRIVER_OK = 4;
export const VIRTIO_NO_VECTOR = 0xffff;

/** struct virtio_pci_common_cfg offsets. */
const CC = { dfselect: 0x00, df: 0x04, gfselect: 0x08, gf: 0x0c, msix: 0x10, numq: 0x12, status: 0x14, cfggen: 0x15, qselect: 0x16, qsize: 0x18, qmsix: 0x1a, qenable: 0x1c, qnoff: 0x1e, qdesclo: 0x20, qdeschi: 0x24, qavaillo: 0x28, qavailhi: 0x2c, qusedlo: 0x30, qusedhi: 0x34 } as const;

/** The 64-bit queue address registers, as {register: [queue field, high half]}. */
const QADDR: Readonly<Record<number, ['desc' | 'avail' | 'used', boolean]>> = {
  [CC.qdesclo]: ['desc', false], [CC.qdeschi]: ['desc', true], [CC.qavaillo]: ['avail', false],
  [CC.qavailhi]: ['avail', true], [CC.qusedlo]: ['used', false], [CC.qusedhi]: ['used', true],
};

/** One half of a 64-bit address as a 32-bit register shows it. */
const half = (v: number, hi: boolean): number => (hi ? Math.floor(v / 0x1_0000_0000) : v >>> 0);
const set_half = (cur: number, v: number, hi: boolean): number =>
  hi ? (v >>> 0) * 0x1_0000_0000 + (cur % 0x1_0000_0000) : Math.floor(cur / 0x1_0000_0000) * 0x1_0000_0000 + (v >>> 0);

/** VirtIOPCIProxy + VirtIODevice: what every virtio-pci function has; the device model says what it offers and does. */
export abstract class VirtIOPCIProxy extends PCIDevice {
  /** The device's feature bits (VirtioDeviceClass::get_features). */
  protected abstract readonly host_features: bigint;
  /** Size of each virtqueue (virtio_add_queue), in queue-index order. */
  protected abstract readonly queue_sizes: readonly number[];
  /** MSI-X vectors of the function (the "vectors" property). */
  protected abstract readonly nvectors: number;
  /** Bytes of the legacy I/O BAR0 (transitional devices; the modern driver does not use it). */
  protected abstract readonly legacy_io_size: number;
  /** The device configuration space, little-endian (VirtioDeviceClass::get_config). */
  protected abstract get_config(): Uint8Array;
  /** The driver notified queue `q` (VirtioDeviceClass handle_output). */
  protected abstract handle_output(q: number): void;
  /** The device's own state back to power-on (VirtioDeviceClass::reset). */
  protected abstract virtio_device_reset(): void;
  /** The driver wrote the status register (VirtioDeviceClass::set_status). */
  protected set_status(_status: number): void { /* most devices only read it */ }

  dfselect = 0; gfselect = 0; guest_features = 0n; status = 0; config_msix = VIRTIO_NO_VECTOR; queue_sel = 0; isr = 0;
  vqs: VirtQueue[] = [];

  private get vq(): VirtQueue | null { return this.vqs[this.queue_sel] ?? null; }

  /** Whether the driver has set DRIVER_OK and queue `q` is enabled. */
  protected queue_ready(q: number): boolean {
    return !!(this.status & VIRTIO_CONFIG_S_DRIVER_OK) && !!this.vqs[q]?.enable;
  }

  /** virtio_notify(): the queue's MSI-X vector (and the ISR bit a polling driver reads). */
  protected virtio_notify(q: number): void {
    this.isr |= 1;
    const vec = this.vqs[q]?.msix_vector ?? VIRTIO_NO_VECTOR;
    if (vec !== VIRTIO_NO_VECTOR) msix_notify(this, vec);
  }

  private common_read(off: number): number {
    const q = this.vq, sel = (v: bigint, s: number): number => (s < 2 ? Number((v >> BigInt(32 * s)) & 0xffffffffn) : 0);
    const qa = QADDR[off];
    if (qa) return q ? half(q[qa[0]], qa[1]) : 0;
    switch (off) {
      case CC.dfselect: return this.dfselect;
      case CC.df: return sel(this.host_features, this.dfselect);
      case CC.gfselect: return this.gfselect;
      case CC.gf: return sel(this.guest_features, this.gfselect);
      case CC.msix: return this.config_msix;
      case CC.numq: return this.vqs.length;
      case CC.status: return this.status;
      case CC.qselect: return this.queue_sel;
      case CC.qsize: return q?.size ?? 0;
      case CC.qmsix: return q?.msix_vector ?? VIRTIO_NO_VECTOR;
      case CC.qenable: return q?.enable ?? 0;
      case CC.qnoff: return q ? this.queue_sel : 0;
      default: return 0;
    }
  }

  private common_write(off: number, v: number): void {
    const q = this.vq, qa = QADDR[off];
    if (qa) { if (q) q[qa[0]] = set_half(q[qa[0]], v, qa[1]); return; }
    switch (off) {
      case CC.dfselect: this.dfselect = v; break;
      case CC.gfselect: this.gfselect = v; break;
      case CC.gf: if (this.gfselect < 2) {
        // Only features the device offers stick (virtio_set_features refuses others).
        const shift = BigInt(32 * this.gfselect);
        this.guest_features = (this.guest_features & ~(0xffffffffn << shift)) | ((BigInt(v >>> 0) << shift) & this.host_features);
      } break;
      case CC.msix: this.config_msix = v & 0xffff; break;
      case CC.status:
        if ((v & 0xff) === 0) this.virtio_reset();
        else { this.status = v & 0xff; this.set_status(this.status); }
        break;
      case CC.qselect: this.queue_sel = v & 0xffff; break;
      case CC.qsize: if (q) q.size = Math.min(v & 0xffff, this.queue_sizes[this.queue_sel]!) || q.size; break;
      case CC.qmsix: if (q) q.msix_vector = v & 0xffff; break;
      case CC.qenable: if (q) q.enable = v & 1; break;
      default: break;
    }
  }

  private devcfg_read(off: number, size: number): number {
    const b = this.get_config();
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + (b[off + i] ?? 0);
    return v;
  }

  /** BAR4: common (0x0000), ISR (0x1000, read to clear), device (0x2000), notify (0x3000). */
  private bar4_region(): MemoryRegion {
    return new MemoryRegion(this, 'virtio-pci', 0x4000, {
      read: (addr, size) => {
        if (addr < 0x1000) return this.common_read(addr);
        if (addr < 0x2000) { const v = this.isr; this.isr = 0; return v; }
        return addr < 0x3000 ? this.devcfg_read(addr - 0x2000, size) : 0;
      },
      write: (addr, val) => {
        if (addr < 0x1000) this.common_write(addr, Number(val));
        else if (addr >= 0x3000) { const q = Number(val) & 0xffff; if (this.queue_ready(q)) this.handle_output(q); }
      },
      valid: { min_access_size: 1, max_access_size: 8 },
    });
  }

  /** virtio_pci_device_plugged + modern regions: the BARs and vendor capabilities, the queues at their sizes. */
  protected pci_realize(): void {
    this.vqs = this.queue_sizes.map((n) => virtqueue_new(n));
    this.pci_register_bar(0, R.PCI_BASE_ADDRESS_SPACE_IO, new MemoryRegion(this, 'virtio-pci-legacy', this.legacy_io_size, { read: () => 0, write: () => {}, valid: { min_access_size: 1, max_access_size: 4 } }));
    for (const c of VIRTIO_PCI_CAPS) {
      const pos = pci_add_capability(this, R.PCI_CAP_ID_VNDR, c.offset, c.cap_len);
      this.config[pos + 2] = c.cap_len;
      this.config[pos + 3] = c.cfg_type;
      this.config[pos + 4] = c.bar;
      pci_set_long(this.config, pos + 8, c.region_offset);
      pci_set_long(this.config, pos + 12, c.length);
      if (c.extra !== undefined) pci_set_long(this.config, pos + 16, c.extra);
      if (c.cfg_type === VIRTIO_PCI_CAP_PCI_CFG) { this.wmask.fill(0xff, pos + 4, pos + c.cap_len); this.config[pos + 4] = 0; }
    }
    const { table, pba } = msix_init(this, this.nvectors, 1, 0, 1, 0x800, 0x98);
    this.pci_register_bar(1, R.PCI_BASE_ADDRESS_SPACE_MEMORY, memory_region_container(this, 'virtio-msix', 0x1000, [{ offset: 0, mr: table }, { offset: 0x800, mr: pba }]));
    this.pci_register_bar(4, R.PCI_BASE_ADDRESS_SPACE_MEMORY | R.PCI_BASE_ADDRESS_MEM_TYPE_64 | R.PCI_BASE_ADDRESS_MEM_PREFETCH, this.bar4_region());
  }

  /** virtio_reset(): the transport forgets the driver's setup, then the device resets itself. */
  private virtio_reset(): void {
    this.dfselect = this.gfselect = 0; this.guest_features = 0n; this.status = 0; this.config_msix = VIRTIO_NO_VECTOR; this.queue_sel = 0; this.isr = 0;
    this.vqs = this.queue_sizes.map((n) => virtqueue_new(n));
    this.virtio_device_reset();
  }

  protected device_reset(): void { this.virtio_reset(); }

  /** The transport's saved fields; a device model adds its own after them. */
  protected static readonly transport_fields: VMStateDescription<VirtIOPCIProxy>['fields'] = [
    ['dfselect', vmstate_info_scalar], ['gfselect', vmstate_info_scalar], ['status', vmstate_info_scalar], ['config_msix', vmstate_info_scalar],
    ['queue_sel', vmstate_info_scalar], ['isr', vmstate_info_scalar], ['vqs', vmstate_info_json],
  ];
}
