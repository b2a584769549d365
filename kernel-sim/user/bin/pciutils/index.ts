// pciutils' registrations: lspci and setpci in /usr/bin (Debian's paths), and the pci.ids they read.
import type { program } from '../index.ts';
import { lspci_main } from './lspci.ts';
import { setpci_main } from './setpci.ts';
import { PCI_IDS, PCI_IDS_PATH } from './pci_ids_data.ts';

export const pciutils_programs: Record<string, program> = {
  lspci: { main: lspci_main, path: '/usr/bin/lspci' },
  setpci: { main: setpci_main, path: '/usr/bin/setpci' },
};

/** Files the initramfs installs for pciutils: /usr/share/misc/pci.ids. */
export const pciutils_files: [string, number, string][] = [[PCI_IDS_PATH, 0o644, PCI_IDS]];
export const pciutils_dirs: [string, number][] = [['/usr/share', 0o755], ['/usr/share/misc', 0o755]];
