// Models the PCI Power Management capability (QEMU hw/pci/pci.c pci_pm_init and Linux drivers/pci/pci.c states D0/D3hot).
import { pci_add_capability, pci_get_word, pci_set_word, pci_update_mappings, type PCIDevice } from './pci.ts';
import { pci_find_space } from './msi.ts';
import * as R from './pci_regs.ts';

export interface PMOptions {
  /** No_Soft_Reset: leaving D3hot keeps the function's state (otherwise it is reset). */
  no_soft_reset?: boolean;
}

/**
 * pci_pm_init(): version 3, D0 and D3hot only. In D3hot the function decodes
 * config cycles only: its BARs go dark until it is back in D0.
 */
export function pci_pm_init(dev: PCIDevice, offset: number, opts: PMOptions = {}): number {
  const pos = pci_add_capability(dev, R.PCI_CAP_ID_PM, offset || pci_find_space(dev, R.PCI_PM_SIZEOF), R.PCI_PM_SIZEOF);
  dev.pm_cap = pos;
  pci_set_word(dev.config, pos + R.PCI_PM_PMC, 0x0003);
  pci_set_word(dev.config, pos + R.PCI_PM_CTRL, opts.no_soft_reset ? R.PCI_PM_CTRL_NO_SOFT_RESET : 0);
  pci_set_word(dev.wmask, pos + R.PCI_PM_CTRL, R.PCI_PM_CTRL_STATE_MASK | R.PCI_PM_CTRL_PME_ENABLE);
  pci_set_word(dev.w1cmask, pos + R.PCI_PM_CTRL, R.PCI_PM_CTRL_PME_STATUS);
  dev.add_config_write_hook((addr, _v, len, old) => {
    const ctrl = pos + R.PCI_PM_CTRL;
    if (!(addr <= ctrl && ctrl < addr + len)) return;
    const prev = old[ctrl - addr]! & R.PCI_PM_CTRL_STATE_MASK;
    const cur = pci_get_word(dev.config, ctrl);
    const next = cur & R.PCI_PM_CTRL_STATE_MASK;
    if (next === 1 || next === 2) {
      // D1/D2 are not supported: the write of the state field has no effect.
      pci_set_word(dev.config, ctrl, (cur & ~R.PCI_PM_CTRL_STATE_MASK) | prev);
      dev.guest_error('config', `${dev.id}: power state D${next} requested but this function supports only D0 and D3hot; the state stays D${prev}`);
      return;
    }
    if (prev === next) return;
    if (prev === R.PCI_D3hot && next === R.PCI_D0 && !(cur & R.PCI_PM_CTRL_NO_SOFT_RESET)) {
      // D3hot -> D0 without No_Soft_Reset: the function comes back reset.
      dev.reset();
      return;
    }
    pci_update_mappings(dev);
  });
  return pos;
}

/** The current power state (PCI_D0 or PCI_D3hot). */
export function pci_pm_state(dev: PCIDevice): number {
  return dev.pm_cap ? pci_get_word(dev.config, dev.pm_cap + R.PCI_PM_CTRL) & R.PCI_PM_CTRL_STATE_MASK : R.PCI_D0;
}
