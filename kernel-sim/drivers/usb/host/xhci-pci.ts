// Models linux/drivers/usb/host/xhci-pci.c: the xhci_hcd PCI driver — any function of class 0c0330 — mapping BAR 0 and adding the USB 2.0 (primary) and USB 3.0 (shared) halves of the controller.
import type { KGen } from '../../../include/linux/sched.ts';
import { type pci_dev, type pci_driver, type pci_device_id, PCI_DEVICE_CLASS } from '../../../include/linux/pci.ts';
import { pci_enable_device, pci_set_master, pci_iomap } from '../../pci/pci.ts';
import { pci_register_driver } from '../../pci/pci-driver.ts';
import { dma_set_mask_and_coherent, DMA_BIT_MASK } from '../../../kernel/dma/mapping.ts';
import { ENOMEM } from '../../../include/uapi/asm-generic/errno.ts';
import { dev_name } from '../../base/core.ts';
import { run_sync } from '../../base/sync.ts';
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { usb_create_hcd } from '../core/hcd.ts';
import { usb_add_hcd, usb_remove_hcd } from '../core/hcd-pci.ts';
import { xhci_alloc, xhci_hc_driver } from './xhci.ts';
import type { xhci_hcd } from './xhci-mem.ts';

const PCI_CLASS_SERIAL_USB_XHCI = 0x0c0330;

/** xhci_pci_probe: usb_hcd_pci_probe for the primary hcd, then the shared hcd for the USB 3.0 ports. */
function* xhci_pci_probe(pdev: pci_dev, _id: pci_device_id): KGen<number> {
  let r = pci_enable_device(pdev);
  if (r) return r;
  pci_set_master(pdev);
  dma_set_mask_and_coherent(pdev.dev, DMA_BIT_MASK(64));
  const regs = pci_iomap(pdev, 0, 0);
  if (!regs) return -ENOMEM;
  const xhci = xhci_alloc(pdev, pdev.dev, regs);
  const hcd = usb_create_hcd(xhci_hc_driver, pdev.dev, dev_name(pdev.dev), null);
  hcd.hcd_priv = xhci;
  xhci.main_hcd = hcd;
  r = yield* usb_add_hcd(hcd, pdev.irq);
  if (r) return r;
  const shared = usb_create_hcd(xhci_hc_driver, pdev.dev, dev_name(pdev.dev), hcd);
  shared.hcd_priv = xhci;
  xhci.shared_hcd = shared;
  r = yield* usb_add_hcd(shared, pdev.irq);
  if (r) { yield* usb_remove_hcd(hcd); return r; }
  pdev.dev.driver_data = xhci;
  return 0;
}

function* xhci_pci_remove(pdev: pci_dev): KGen<void> {
  const xhci = pdev.dev.driver_data as xhci_hcd | null;
  if (!xhci) return;
  if (xhci.shared_hcd) yield* usb_remove_hcd(xhci.shared_hcd);
  if (xhci.main_hcd) yield* usb_remove_hcd(xhci.main_hcd);
}

export const xhci_pci_driver: pci_driver = {
  name: 'xhci_hcd', id_table: [PCI_DEVICE_CLASS(PCI_CLASS_SERIAL_USB_XHCI, ~0)], probe: xhci_pci_probe, remove: xhci_pci_remove,
  driver: { name: 'xhci_hcd' },
};

export function xhci_pci_init(): number {
  return run_sync(pci_register_driver(xhci_pci_driver), 'xhci_pci_init');
}

export const initcalls: initcall_entry[] = [['device', 'xhci_pci_init', xhci_pci_init, 30_000]];
