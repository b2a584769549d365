// The PCI and PM calls Linux 6.1's mei-me and mei-txe make at probe (pci_enable_msi/pci_disable_msi,
// pci_dev_msi_enabled, pci_bus_read_config_dword by devfn, dev_pm_set_driver_flags, dev_pm_domain_set) and the
// managed coherent buffers of its dma-ring.c (dmam_alloc_coherent, dmam_free_coherent), proved by the
// fixture pci-msi-pm (builds with kbuild) on the reference q35 machine's edu device.
import { describe, expect, it } from 'vitest';
import { driver, q35, sh, dmesg } from '../modules/helpers.ts';

describe('MSI, bus config reads and PM flags from C', () => {
  it('enables and disables one MSI vector, reads config by devfn, keeps the driver flags', async () => {
    const m = q35({ '/root/kwb_msipm.ko': await driver('pci-msi-pm') });
    expect(sh(m, 'insmod /root/kwb_msipm.ko; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m).filter((l) => l.startsWith('kwb_msipm '))).toEqual([
      'kwb_msipm 0000:00:02.0: no direct complete 1, smart suspend 0',
      // edu's vendor:device; a function nobody answers reads all ones.
      'kwb_msipm 0000:00:02.0: ids 11e81234 (0), absent function ffffffff',
      'kwb_msipm 0000:00:02.0: msi 0, enabled 1, irq no longer the line',
      'kwb_msipm 0000:00:02.0: msi disabled: enabled 0, irq the line',
      'kwb_msipm 0000:00:02.0: dma mask 0, two buffers, distinct 1, below 256M 1, bytes a5 5a',
    ]);
    expect(sh(m, 'rmmod kwb_msipm; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m).join('\n')).not.toMatch(/WARNING|BUG|leak/);
  }, 300_000);
});
