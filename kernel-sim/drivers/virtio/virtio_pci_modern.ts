// Models linux/drivers/virtio/virtio_pci_common.c, virtio_pci_modern.c and virtio_pci_modern_dev.c: the virtio-pci transport — vendor capabilities to BAR windows, status and features through the common configuration, one MSI-X vector per queue.
import type { KGen } from '../../include/linux/sched.ts';
import { type pci_dev, type pci_driver, type pci_device_id, PCI_ANY_ID, PCI_DEVICE, PCI_IRQ_MSIX, pci_get_drvdata, pci_set_drvdata } from '../../include/linux/pci.ts';
import { pci_read_config_byte, pci_read_config_dword } from '../pci/access.ts';
import { pci_enable_device, pci_disable_device, pci_set_master, pci_iomap, pci_request_selected_regions, pci_release_selected_regions } from '../pci/pci.ts';
import { pci_alloc_irq_vectors, pci_irq_vector, pci_free_irq_vectors } from '../pci/msi/msi.ts';
import { pci_register_driver, pci_unregister_driver } from '../pci/pci-driver.ts';
import { ioread8, ioread16, ioread32, iowrite8, iowrite16, iowrite32 } from '../../arch/x86/io.ts';
import { request_irq, free_irq } from '../../kernel/irq/manage.ts';
import { IRQ_HANDLED } from '../../kernel/irq/irqdesc.ts';
import { ENODEV, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { register_virtio_device, unregister_virtio_device, type virtio_config_ops, type virtio_device } from './virtio.ts';
import { vring_create_virtqueue, vring_del_virtqueue, vring_interrupt, type virtqueue } from './virtio_ring.ts';
import { dev_name } from '../base/core.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { run_sync } from '../base/sync.ts';

const PCI_CAP_ID_VNDR = 0x09, PCI_CAPABILITY_LIST = 0x34;
const VIRTIO_PCI_CAP_COMMON_CFG = 1, VIRTIO_PCI_CAP_NOTIFY_CFG = 2, VIRTIO_PCI_CAP_ISR_CFG = 3, VIRTIO_PCI_CAP_DEVICE_CFG = 4;
/** struct virtio_pci_common_cfg. */
const CC = { dfselect: 0x00, df: 0x04, gfselect: 0x08, gf: 0x0c, msix: 0x10, numq: 0x12, status: 0x14, qselect: 0x16, qsize: 0x18, qmsix: 0x1a, qenable: 0x1c, qnoff: 0x1e, qdesc: 0x20, qavail: 0x28, qused: 0x30 } as const;
const VIRTIO_PCI_MAX_QUEUE_SIZE = 256;

/** struct virtio_pci_device: the mapped regions of one function. */
interface virtio_pci_device {
  pci: pci_dev;
  /** modern_bars: the BARs the capabilities point into, requested as "virtio-pci-modern". */
  modern_bars: number;
  common: number; isr: number; device: number; notify_base: number; notify_off_multiplier: number;
  vdev: virtio_device | null;
}

/** virtio_pci_find_capability: the vendor capability of `cfg_type`, as {bar, offset, length, extra}. */
function find_cap(pdev: pci_dev, cfg_type: number): { bar: number; offset: number; length: number; pos: number } | null {
  for (let pos = pci_read_config_byte(pdev, PCI_CAPABILITY_LIST) & ~3, n = 0; pos && n < 48; pos = pci_read_config_byte(pdev, pos + 1) & ~3, n++) {
    if (pci_read_config_byte(pdev, pos) !== PCI_CAP_ID_VNDR || pci_read_config_byte(pdev, pos + 3) !== cfg_type) continue;
    return { bar: pci_read_config_byte(pdev, pos + 4), offset: pci_read_config_dword(pdev, pos + 8), length: pci_read_config_dword(pdev, pos + 12), pos };
  }
  return null;
}

const vp = (vdev: virtio_device): virtio_pci_device => vdev.priv as virtio_pci_device;
const w64 = (v: number, addr: number): void => { iowrite32(v % 0x1_0000_0000, addr); iowrite32(Math.floor(v / 0x1_0000_0000), addr + 4); };

const vp_modern_ops: virtio_config_ops = {
  get(vdev, off, len) {
    const a = vp(vdev).device + off;
    return len === 1 ? ioread8(a) : len === 2 ? ioread16(a) : ioread32(a);
  },
  get_status: (vdev) => ioread8(vp(vdev).common + CC.status),
  set_status: (vdev, s) => iowrite8(s, vp(vdev).common + CC.status),
  /** vp_reset: write 0 and wait for the device to read back 0. */
  reset(vdev) {
    const c = vp(vdev).common;
    iowrite8(0, c + CC.status);
    for (let i = 0; i < 1000 && ioread8(c + CC.status); i++) { /* the device resets synchronously */ }
  },
  get_features(vdev) {
    const c = vp(vdev).common;
    iowrite32(0, c + CC.dfselect);
    const lo = ioread32(c + CC.df);
    iowrite32(1, c + CC.dfselect);
    return BigInt(lo) | (BigInt(ioread32(c + CC.df)) << 32n);
  },
  finalize_features(vdev) {
    const c = vp(vdev).common;
    iowrite32(0, c + CC.gfselect);
    iowrite32(Number(vdev.features & 0xffffffffn), c + CC.gf);
    iowrite32(1, c + CC.gfselect);
    iowrite32(Number((vdev.features >> 32n) & 0xffffffffn), c + CC.gf);
    return 0;
  },
  /** vp_find_vqs_msix: vector 0 for configuration changes, one per queue after it. */
  find_vqs(vdev, callbacks, names) {
    const d = vp(vdev), c = d.common, pdev = d.pci;
    const nvec = pci_alloc_irq_vectors(pdev, callbacks.length + 1, callbacks.length + 1, PCI_IRQ_MSIX);
    if (nvec < 0) return nvec;
    request_irq(pci_irq_vector(pdev, 0), () => IRQ_HANDLED, 0, `${dev_name(vdev.dev)}-config`, vdev);
    iowrite16(0, c + CC.msix);
    const vqs: virtqueue[] = [];
    for (let i = 0; i < callbacks.length; i++) {
      iowrite16(i, c + CC.qselect);
      const num = Math.min(ioread16(c + CC.qsize), VIRTIO_PCI_MAX_QUEUE_SIZE);
      if (!num) return -ENODEV;
      const notify_addr = d.notify_base + ioread16(c + CC.qnoff) * d.notify_off_multiplier;
      const vq = vring_create_virtqueue(i, num, pdev.dev, (q) => iowrite16(q.index, q.priv), callbacks[i]!, names[i]!);
      if (!vq) return -ENOMEM;
      vq.priv = notify_addr;
      iowrite16(num, c + CC.qsize);
      w64(vq.ring.dma_handle, c + CC.qdesc);
      w64(vq.ring.dma_handle + vq.avail_off, c + CC.qavail);
      w64(vq.ring.dma_handle + vq.used_off, c + CC.qused);
      iowrite16(i + 1, c + CC.qmsix);
      const irq = pci_irq_vector(pdev, i + 1);
      const r = request_irq(irq, vring_interrupt, 0, `${dev_name(vdev.dev)}-${names[i]}`, vq);
      if (r) return r;
      iowrite16(1, c + CC.qenable);
      vqs.push(vq);
    }
    vdev.vqs = vqs;
    return vqs;
  },
  /** vp_del_vqs: each queue's interrupt and ring, the config interrupt, then the vectors (so a later probe can find_vqs again). */
  del_vqs(vdev) {
    const pdev = vp(vdev).pci;
    vdev.vqs.forEach((vq, i) => { free_irq(pci_irq_vector(pdev, i + 1), vq); vring_del_virtqueue(vq); });
    if (vdev.vqs.length) { free_irq(pci_irq_vector(pdev, 0), vdev); pci_free_irq_vectors(pdev); }
    vdev.vqs = [];
  },
};

/** virtio_pci_probe: maps the common, ISR, device and notify windows and registers the virtio device under the function. */
function* virtio_pci_probe(pdev: pci_dev, _id: pci_device_id): KGen<number> {
  if (pdev.device < 0x1000 || pdev.device > 0x107f) return -ENODEV;
  const r = pci_enable_device(pdev);
  if (r) return r;
  const caps = [VIRTIO_PCI_CAP_COMMON_CFG, VIRTIO_PCI_CAP_ISR_CFG, VIRTIO_PCI_CAP_DEVICE_CFG, VIRTIO_PCI_CAP_NOTIFY_CFG].map((t) => find_cap(pdev, t));
  if (caps.some((c) => !c)) return -ENODEV;
  const map = (c: { bar: number; offset: number }): number => pci_iomap(pdev, c.bar, 0) + c.offset;
  const [common, isr, device, notify] = caps as { bar: number; offset: number; length: number; pos: number }[];
  // vp_modern_probe: the capabilities' BARs are the driver's, named in /proc/iomem under the function's BAR.
  const modern_bars = caps.reduce((m, c) => m | (1 << c!.bar), 0);
  const err = pci_request_selected_regions(pdev, modern_bars, 'virtio-pci-modern');
  if (err) { pci_disable_device(pdev); return err; }
  const d: virtio_pci_device = {
    pci: pdev, modern_bars, common: map(common!), isr: map(isr!), device: map(device!), notify_base: map(notify!),
    notify_off_multiplier: pci_read_config_dword(pdev, notify!.pos + 16), vdev: null,
  };
  pci_set_master(pdev);
  // Transitional functions (0x1000-0x103f) name their virtio device in the subsystem id; modern ones in device - 0x1040.
  const id = pdev.device < 0x1040 ? pdev.subsystem_device : pdev.device - 0x1040;
  const vdev = yield* register_virtio_device(pdev.dev, { device: id, vendor: pdev.subsystem_vendor }, vp_modern_ops, d);
  if (typeof vdev === 'number') { pci_release_selected_regions(pdev, modern_bars); pci_disable_device(pdev); return vdev; }
  d.vdev = vdev;
  pci_set_drvdata(pdev, d);
  return 0;
}

/** virtio_pci_remove: the virtio device (and its driver) goes, then vp_modern_remove's regions, then the function is disabled. */
function* virtio_pci_remove(pdev: pci_dev): KGen<void> {
  const d = pci_get_drvdata(pdev) as virtio_pci_device | null;
  if (!d) return;
  if (d.vdev) yield* unregister_virtio_device(d.vdev);
  pci_release_selected_regions(pdev, d.modern_bars);
  pci_disable_device(pdev);
  pci_set_drvdata(pdev, null);
}

export const virtio_pci_driver: pci_driver = {
  name: 'virtio-pci', id_table: [PCI_DEVICE(0x1af4, PCI_ANY_ID)], probe: virtio_pci_probe, remove: virtio_pci_remove,
  driver: { name: 'virtio-pci' },
};

export function virtio_pci_driver_init(): number {
  return run_sync(pci_register_driver(virtio_pci_driver), 'virtio_pci_driver_init');
}

/** module_pci_driver's exit, where the kernel config makes virtio_pci a module. */
export function* virtio_pci_driver_exit(): KGen<void> {
  yield* pci_unregister_driver(virtio_pci_driver);
}

export const initcalls: initcall_entry[] = [['device', 'virtio_pci_driver_init', virtio_pci_driver_init, 60_000]];
