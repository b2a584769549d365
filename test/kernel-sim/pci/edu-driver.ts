// A PCI driver for QEMU's edu device written against the kernel-sim PCI API, as a learner would write it in C: probe enables the device, maps BAR0, checks the ID, computes 5! by interrupt and round-trips a buffer by DMA.
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import { type pci_dev, type pci_driver, PCI_DEVICE, PCI_IRQ_LEGACY, PCI_IRQ_MSI, pci_set_drvdata, pci_get_drvdata } from '../../../kernel-sim/include/linux/pci.ts';
import { pci_register_driver } from '../../../kernel-sim/drivers/pci/pci-driver.ts';
import { pci_enable_device, pci_disable_device, pci_set_master, pci_request_regions, pci_release_regions, pci_iomap, pci_iounmap } from '../../../kernel-sim/drivers/pci/pci.ts';
import { pci_alloc_irq_vectors, pci_irq_vector, pci_free_irq_vectors } from '../../../kernel-sim/drivers/pci/msi/msi.ts';
import { readl, writel } from '../../../kernel-sim/arch/x86/io.ts';
import { request_irq, free_irq } from '../../../kernel-sim/kernel/irq/manage.ts';
import { IRQ_HANDLED, IRQ_NONE, IRQF_SHARED } from '../../../kernel-sim/kernel/irq/irqdesc.ts';
import { wait_queue_head, wait_event_timeout, wake_up } from '../../../kernel-sim/kernel/sched/wait.ts';
import { dev_info, dev_err } from '../../../kernel-sim/drivers/base/core.ts';
import { DMA_BIT_MASK, dma_set_mask_and_coherent, dma_alloc_coherent, dma_free_coherent, type dma_coherent_buf } from '../../../kernel-sim/kernel/dma/mapping.ts';

export const EDU_ID = 0x00, EDU_LIVENESS = 0x04, EDU_FACT = 0x08, EDU_STATUS = 0x20, EDU_IRQ_STATUS = 0x24, EDU_IRQ_RAISE = 0x60, EDU_IRQ_ACK = 0x64;
export const EDU_DMA_SRC = 0x80, EDU_DMA_DST = 0x88, EDU_DMA_COUNT = 0x90, EDU_DMA_CMD = 0x98;
const EDU_BUF = 0x40000;
const MS = 1_000_000;

export interface edu_state {
  pdev: pci_dev;
  bar0: number;
  irq: number;
  irq_status: number;
  irq_count: number;
  wq: wait_queue_head;
  id: number;
  liveness_ok: boolean;
  fact5: number;
  dma_ok: boolean;
  dma_buf: dma_coherent_buf | null;
  mode: 'msi' | 'intx';
}

export interface edu_options { irq_flags: number; dma: boolean }

function edu_irq(_irq: number, dev_id: unknown): number {
  const e = dev_id as edu_state;
  const st = readl(e.bar0 + EDU_IRQ_STATUS);
  if (!st) return IRQ_NONE;
  writel(st, e.bar0 + EDU_IRQ_ACK);
  e.irq_status |= st;
  e.irq_count++;
  wake_up(e.wq);
  return IRQ_HANDLED;
}

function* wait_irq(e: edu_state, bit: number): KGen<boolean> {
  const left = yield* wait_event_timeout(e.wq, () => (e.irq_status & bit) !== 0, 1000 * MS);
  const ok = (e.irq_status & bit) !== 0;
  e.irq_status &= ~bit;
  return ok && left >= 0;
}

function* dma_roundtrip(e: edu_state): KGen<boolean> {
  const dev = e.pdev.dev;
  if (dma_set_mask_and_coherent(dev, DMA_BIT_MASK(28))) return false;
  const buf = dma_alloc_coherent(dev, 4096);
  if (!buf) return false;
  e.dma_buf = buf;
  const pattern = new Uint8Array(256).map((_, i) => (i * 7 + 3) & 0xff);
  buf.write(0, pattern);
  // RAM -> device buffer, with the completion interrupt.
  writel(buf.dma_handle, e.bar0 + EDU_DMA_SRC);
  writel(EDU_BUF, e.bar0 + EDU_DMA_DST);
  writel(256, e.bar0 + EDU_DMA_COUNT);
  writel(0x1 | 0x4, e.bar0 + EDU_DMA_CMD);
  if (!(yield* wait_irq(e, 0x100))) return false;
  // Device buffer -> RAM, 2 KiB further.
  writel(EDU_BUF, e.bar0 + EDU_DMA_SRC);
  writel(buf.dma_handle + 2048, e.bar0 + EDU_DMA_DST);
  writel(256, e.bar0 + EDU_DMA_COUNT);
  writel(0x1 | 0x2 | 0x4, e.bar0 + EDU_DMA_CMD);
  if (!(yield* wait_irq(e, 0x100))) return false;
  const back = buf.read(2048, 256);
  return back.every((v, i) => v === pattern[i]);
}

/** The driver; `opts.irq_flags` chooses MSI or INTx for pci_alloc_irq_vectors. */
export function make_edu_driver(opts: edu_options = { irq_flags: PCI_IRQ_MSI | PCI_IRQ_LEGACY, dma: true }): { drv: pci_driver; devices: edu_state[] } {
  const devices: edu_state[] = [];
  const drv = {
    name: 'edu',
    id_table: [PCI_DEVICE(0x1234, 0x11e8), { vendor: 0, device: 0, subvendor: 0, subdevice: 0, class: 0, class_mask: 0, driver_data: 0 }],
    probe: function* (pdev: pci_dev): KGen<number> {
      let r = pci_enable_device(pdev);
      if (r) return r;
      r = pci_request_regions(pdev, 'edu');
      if (r) { pci_disable_device(pdev); return r; }
      const bar0 = pci_iomap(pdev, 0, 0);
      const e: edu_state = { pdev, bar0, irq: -1, irq_status: 0, irq_count: 0, wq: new wait_queue_head(), id: 0, liveness_ok: false, fact5: 0, dma_ok: false, dma_buf: null, mode: 'intx' };
      e.id = readl(bar0 + EDU_ID);
      if (e.id !== 0x010000ed) { dev_err(pdev.dev, `unexpected id 0x${e.id.toString(16)}`); return -19; }
      writel(0x12345678, bar0 + EDU_LIVENESS);
      e.liveness_ok = readl(bar0 + EDU_LIVENESS) === (~0x12345678 >>> 0);
      pci_set_master(pdev);
      const nvec = pci_alloc_irq_vectors(pdev, 1, 1, opts.irq_flags);
      if (nvec < 0) return nvec;
      e.mode = pdev.msi_enabled ? 'msi' : 'intx';
      e.irq = pci_irq_vector(pdev, 0);
      r = request_irq(e.irq, edu_irq, e.mode === 'intx' ? IRQF_SHARED : 0, 'edu', e);
      if (r) { pci_free_irq_vectors(pdev); return r; }
      pci_set_drvdata(pdev, e);
      devices.push(e);
      writel(0x80, bar0 + EDU_STATUS);
      writel(5, bar0 + EDU_FACT);
      if (yield* wait_irq(e, 0x1)) e.fact5 = readl(bar0 + EDU_FACT);
      if (opts.dma) e.dma_ok = yield* dma_roundtrip(e);
      dev_info(pdev.dev, `probe: id=0x${e.id.toString(16).padStart(8, '0')} (v${e.id >>> 24}.${(e.id >>> 16) & 0xff}) liveness ${e.liveness_ok ? 'ok' : 'BAD'}, 5! = ${e.fact5}, ${e.mode} irq ${e.irq}`);
      return 0;
    },
    remove: (pdev: pci_dev): void => {
      const e = pci_get_drvdata(pdev) as edu_state;
      free_irq(e.irq, e);
      pci_free_irq_vectors(pdev);
      if (e.dma_buf) dma_free_coherent(pdev.dev, 4096, e.dma_buf);
      pci_iounmap(pdev, e.bar0);
      pci_release_regions(pdev);
      pci_disable_device(pdev);
      dev_info(pdev.dev, 'removed');
    },
  } as unknown as pci_driver;
  return { drv, devices };
}

export { pci_register_driver };
