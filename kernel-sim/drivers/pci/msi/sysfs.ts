// Models msi_device_populate_sysfs of linux/kernel/irq/msi.c for PCI: /sys/bus/pci/devices/D/msi_irqs/N, one file per vector.
import type { pci_dev } from '../../../include/linux/pci.ts';
import type { device_attribute } from '../../base/base.ts';
import type { attribute_group } from '../../../fs/sysfs/sysfs.ts';
import { sysfs_create_group, sysfs_remove_group } from '../../../fs/sysfs/group.ts';
import { defineState } from '../../../kernel/state.ts';

const msiGroups = defineState('pci-sysfs-msi', () => new WeakMap<pci_dev, attribute_group>());

/** populate_msi_sysfs(): msi_irqs/N reading "msi" or "msix" for each vector. */
export function populate_msi_sysfs(p: pci_dev, kind: 'msi' | 'msix'): void {
  if (!p.dev.kobj.sd) return;
  const grp: attribute_group = { name: 'msi_irqs', attrs: p.msi_list.map((d) => ({ name: String(d.irq), mode: 0o444, show: () => `${kind}\n` }) as device_attribute) };
  if (sysfs_create_group(p.dev.kobj, grp) === 0) msiGroups().set(p, grp);
}

export function remove_msi_sysfs(p: pci_dev): void {
  const g = msiGroups().get(p);
  if (!g) return;
  sysfs_remove_group(p.dev.kobj, g);
  msiGroups().delete(p);
}

