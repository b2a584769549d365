// Models the exports of linux/drivers/pci/pci.c that older PCI drivers call (both EXPORT_SYMBOL_GPL): pci_intx (the command register's INTx Disable bit) and pci_ioremap_bar (a whole memory BAR mapped; NULL with pci_err for one that is not memory or unset).
import { pci_intx } from '../../drivers/pci/pci.ts';
import { ioremap } from '../../arch/x86/io.ts';
import { IORESOURCE_MEM, IORESOURCE_UNSET } from '../resource.ts';
import { dev_err } from '../../drivers/base/core.ts';
import { format_resource } from '../../drivers/base/platform.ts';
import { map_cookie, ts_pci_dev } from './pci.ts';
import { EXPORT_KAPI } from './registry.ts';

/** pci_ioremap_bar() (__pci_ioremap_resource): ioremap of the BAR's resource. */
function pci_ioremap_bar(p: number, bar: number): number {
  const d = ts_pci_dev(p);
  const r = d?.resource[bar];
  if (!d || !r) return 0;
  if (r.flags & IORESOURCE_UNSET || !(r.flags & IORESOURCE_MEM)) {
    dev_err(d.dev, `can't ioremap BAR ${bar}: ${format_resource(r)}`);
    return 0;
  }
  const len = r.end - r.start + 1;
  const a = ioremap(r.start, len, 'pci_ioremap_bar');
  return a ? map_cookie(a, len) : 0;
}

export const ksymtab = EXPORT_KAPI({
  pci_intx: (p: number, enable: number) => { const d = ts_pci_dev(p); if (d) pci_intx(d, enable !== 0); },
  pci_ioremap_bar,
}, true);
