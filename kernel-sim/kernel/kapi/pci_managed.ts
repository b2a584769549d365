// Models linux/drivers/pci/devres.c for modules: pcim_enable_device and pcim_iomap, undone when the driver unbinds (devres).
import { ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import { pci_enable_device, pci_disable_device, pci_iomap, pci_iounmap } from '../../drivers/pci/pci.ts';
import { devres_add, devres_alloc } from '../../drivers/base/devres.ts';
import { ts_pci_dev, map_cookie, unmap_cookie } from './pci.ts';
import { EXPORT_KAPI } from './registry.ts';

/** pcim_enable_device: enabled now, disabled again by pcim_release when the driver lets go of the device. */
function pcim_enable_device(p: number): number {
  const d = ts_pci_dev(p);
  if (!d) return -ENODEV;
  const r = pci_enable_device(d);
  if (!r) devres_add(d.dev, devres_alloc(() => pci_disable_device(d), 0, 'pcim_release'));
  return r;
}

/** pcim_iomap: a BAR mapped for C (a cookie, as pci_iomap gives), unmapped by pcim_iomap_release on unbind. */
function pcim_iomap(p: number, bar: number, maxlen: number): number {
  const d = ts_pci_dev(p);
  if (!d) return 0;
  const addr = pci_iomap(d, bar, maxlen);
  const r = d.resource[bar];
  const cookie = map_cookie(addr, maxlen || (r ? r.end - r.start + 1 : 4096));
  if (cookie) {
    devres_add(d.dev, devres_alloc(() => {
      const a = unmap_cookie(cookie);
      if (a !== null) pci_iounmap(d, a);
    }, 4 * 6, 'pcim_iomap_release'));
  }
  return cookie;
}

export const ksymtab = EXPORT_KAPI({ pcim_enable_device, pcim_iomap });
