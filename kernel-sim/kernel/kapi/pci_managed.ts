// Models linux/drivers/pci/pci.c's pcim_enable_device and lib/devres.c's pcim_iomap family for modules (the device's table of managed BAR mappings), undone when the driver unbinds (devres).
import { EINVAL, ENODEV, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { pci_enable_device, pci_disable_device, pci_iomap, pci_iounmap, pci_request_region, pci_release_region } from '../../drivers/pci/pci.ts';
import { pci_resource_len } from '../../include/linux/pci.ts';
import { devres_add, devres_alloc, devres_find } from '../../drivers/base/devres.ts';
import { kread_cstr, kread_u32, kwrite_u32 } from '../../mm/kmem.ts';
import { kmalloc, kfree, disown, __GFP_ZERO } from '../../mm/slab.ts';
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

/** PCIM_IOMAP_MAX: the six standard BARs a device's table of managed mappings holds. */
const PCIM_IOMAP_MAX = 6;

/** pcim_iomap_table: the device's C array of managed BAR mappings (void __iomem *[6]), made on first use and released
 * with the device's other resources by pcim_iomap_release, which unmaps what is still in it. */
function pcim_iomap_table(p: number): number {
  const d = ts_pci_dev(p);
  if (!d) return 0;
  const found = devres_find(d.dev, (n) => n.name === 'pcim_iomap_release');
  if (found) return found.data as number;
  const table = kmalloc(4 * PCIM_IOMAP_MAX, __GFP_ZERO);
  if (!table) return 0;
  disown(table);
  devres_add(d.dev, devres_alloc(() => {
    for (let bar = 0; bar < PCIM_IOMAP_MAX; bar++) {
      const a = unmap_cookie(kread_u32(table + 4 * bar));
      if (a !== null) pci_iounmap(d, a);
    }
    kfree(table);
  }, 4 * PCIM_IOMAP_MAX, 'pcim_iomap_release', table));
  return table;
}

/** pcim_iomap: a BAR mapped for C (a cookie, as pci_iomap gives) and kept in the table; NULL for a BAR mapped twice. */
function pcim_iomap(p: number, bar: number, maxlen: number): number {
  const d = ts_pci_dev(p);
  const table = pcim_iomap_table(p);
  if (!d || !table || bar < 0 || bar >= PCIM_IOMAP_MAX || kread_u32(table + 4 * bar)) return 0;
  const addr = pci_iomap(d, bar, maxlen);
  const r = d.resource[bar];
  const cookie = addr ? map_cookie(addr, maxlen || (r ? r.end - r.start + 1 : 4096)) : 0;
  kwrite_u32(table + 4 * bar, cookie);
  return cookie;
}

/** pcim_iounmap: unmaps a managed mapping and takes it out of the table. */
function pcim_iounmap(p: number, cookie: number): void {
  const d = ts_pci_dev(p);
  const table = pcim_iomap_table(p);
  if (!d || !table) return;
  for (let bar = 0; bar < PCIM_IOMAP_MAX; bar++) {
    if (kread_u32(table + 4 * bar) !== cookie >>> 0) continue;
    const a = unmap_cookie(cookie);
    if (a !== null) pci_iounmap(d, a);
    kwrite_u32(table + 4 * bar, 0);
  }
}

/** pcim_iomap_regions: requests and maps the BARs of the mask (-EINVAL for an empty BAR, the request's error, -ENOMEM
 * for a failed mapping, undoing the ones before); the regions are released when the driver unbinds, as pcim_release
 * does for a managed device. */
function pcim_iomap_regions(p: number, mask: number, name: number): number {
  const d = ts_pci_dev(p);
  if (!d || !pcim_iomap_table(p)) return -ENOMEM;
  const res_name = kread_cstr(name, 64);
  const done: number[] = [];
  let rc = 0;
  for (let bar = 0; bar < PCIM_IOMAP_MAX && !rc; bar++) {
    if (!(mask & (1 << bar))) continue;
    if (!pci_resource_len(d, bar)) { rc = -EINVAL; break; }
    rc = pci_request_region(d, bar, res_name);
    if (rc) break;
    const cookie = pcim_iomap(p, bar, 0);
    if (!cookie) { pci_release_region(d, bar); rc = -ENOMEM; break; }
    done.push(bar);
  }
  for (const bar of rc ? done : []) { pcim_iounmap(p, kread_u32(pcim_iomap_table(p) + 4 * bar)); pci_release_region(d, bar); }
  if (!rc) for (const bar of done) devres_add(d.dev, devres_alloc(() => pci_release_region(d, bar), 0, 'pcim_release'));
  return rc;
}

export const ksymtab = EXPORT_KAPI({ pcim_enable_device, pcim_iomap, pcim_iomap_table, pcim_iounmap, pcim_iomap_regions });
