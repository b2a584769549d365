// Models linux/drivers/pci/pci.c (+ iomap.c, devres.c, drivers/acpi/pci_irq.c): enabling devices, bus mastering, regions, BAR mappings, power states, INTx routing, and the pcim_* managed variants.
import { type pci_dev, PCI_STD_NUM_BARS, PCI_ROM_RESOURCE, PCI_D0, PCI_D3hot, pci_resource_len, pci_resource_start, pci_resource_flags, pci_name, PCI_SLOT } from '../../include/linux/pci.ts';
import * as R from '../../include/uapi/linux/pci_regs.ts';
import { EBUSY, EINVAL, EIO, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { IORESOURCE_IO, IORESOURCE_MEM, IORESOURCE_UNSET, __request_region, __release_region, iomem_resource, ioport_resource, format_resource, type resource } from '../../kernel/resource.ts';
import { dev_info, dev_warn, dev_err } from '../base/core.ts';
import { devres_alloc, devres_add } from '../base/devres.ts';
import { ioremap, iounmap, ioport_map, ioport_unmap } from '../../arch/x86/io.ts';
import { pr_info } from '../../kernel/printk/printk.ts';
import { pci_read_config_word, pci_write_config_word, pci_read_config_byte, pci_read_config_dword, pci_write_config_dword } from './access.ts';
import { mp_map_gsi_to_irq } from '../../arch/x86/kernel/apic/io_apic.ts';
import { __warn } from '../../lib/kobject_warn.ts';
/** Register offsets copied into locals once (module namespace reads are getter calls on hot paths). */
const { PCI_CAPABILITY_LIST, PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, PCI_COMMAND_IO, PCI_COMMAND_MASTER, PCI_COMMAND_MEMORY, PCI_PM_CTRL, PCI_PM_CTRL_STATE_MASK, PCI_STATUS, PCI_STATUS_CAP_LIST } = R;

/** pci_find_capability(). */
export function pci_find_capability(dev: pci_dev, cap: number): number {
  const status = pci_read_config_word(dev, PCI_STATUS);
  if (!(status & PCI_STATUS_CAP_LIST)) return 0;
  let pos = pci_read_config_byte(dev, PCI_CAPABILITY_LIST);
  for (let ttl = 48; ttl-- && pos >= 0x40;) {
    pos &= ~3;
    const ent = pci_read_config_word(dev, pos);
    if ((ent & 0xff) === 0xff) break;
    if ((ent & 0xff) === cap) return pos;
    pos = ent >> 8;
  }
  return 0;
}

/** pci_find_ext_capability(): the PCIe extended capability list from 0x100. */
export function pci_find_ext_capability(dev: pci_dev, cap: number): number {
  if (dev.cfg_size <= 256) return 0;
  let pos = 0x100;
  for (let ttl = 480; ttl-- && pos >= 0x100;) {
    const header = pci_read_config_dword(dev, pos);
    if (header === 0 || header === 0xffffffff) return 0;
    if ((header & 0xffff) === cap) return pos;
    pos = (header >>> 20) & 0xffc;
  }
  return 0;
}

/**
 * The GSI of a function's INTx pin, as the ACPI _PRT of QEMU's q35 gives it:
 * the pin swizzled up to the root bus, then slots 0-24 reach GSIs 20-23
 * ((slot + pin) % 4), slots 25-29 and 31 GSIs 16-19 by pin, slot 30 GSIs 20-23.
 */
export function acpi_pci_irq_lookup(dev: pci_dev): number {
  let pin = dev.pin - 1;
  let d: pci_dev = dev;
  while (d.bus.self) {
    pin = (pin + PCI_SLOT(d.devfn)) % 4;
    d = d.bus.self;
  }
  const slot = PCI_SLOT(d.devfn);
  if (slot < 25) return 16 + 4 + ((slot + pin) % 4);
  if (slot === 30) return 20 + pin;
  return 16 + pin;
}

/** acpi_pci_irq_enable(): routes INTx to its GSI and makes it dev->irq ("ACPI: \_SB_.GSIG: Enabled at IRQ 22"). */
function pcibios_enable_irq(dev: pci_dev): number {
  if (!dev.pin || dev.msi_enabled || dev.msix_enabled) return 0;
  const gsi = acpi_pci_irq_lookup(dev);
  const irq = mp_map_gsi_to_irq(gsi);
  if (irq < 0) { dev_warn(dev.dev, `PCI INT ${'ABCD'[dev.pin - 1]}: no GSI`); return 0; }
  if (dev.irq !== irq) pr_info(`ACPI: \\_SB_.GSI${'ABCDEFGH'[gsi - 16]}: Enabled at IRQ ${irq}`);
  dev.irq = irq;
  dev.irq_line = irq;
  return 0;
}

/** pci_enable_resources(): turns on I/O and/or memory decoding for the BARs asked for. */
function pci_enable_resources(dev: pci_dev, mask: number): number {
  const old = pci_read_config_word(dev, PCI_COMMAND);
  let cmd = old;
  for (let i = 0; i <= PCI_ROM_RESOURCE; i++) {
    if (!(mask & (1 << i))) continue;
    const r = dev.resource[i]!;
    if (!(r.flags & (IORESOURCE_IO | IORESOURCE_MEM))) continue;
    if (i === PCI_ROM_RESOURCE) continue;
    if (r.flags & IORESOURCE_UNSET || !r.parent) {
      dev_err(dev.dev, `BAR ${i} ${format_resource(r)}: not assigned; can't enable device`);
      return -EINVAL;
    }
    if (r.flags & IORESOURCE_IO) cmd |= PCI_COMMAND_IO;
    if (r.flags & IORESOURCE_MEM) cmd |= PCI_COMMAND_MEMORY;
  }
  if (cmd !== old) {
    pci_write_config_word(dev, PCI_COMMAND, cmd);
  }
  return 0;
}

function do_pci_enable_device(dev: pci_dev, bars: number): number {
  const r = pci_set_power_state(dev, PCI_D0);
  if (r < 0 && r !== -EIO) return r;
  const e = pci_enable_resources(dev, bars);
  if (e) return e;
  pcibios_enable_irq(dev);
  // An enabled device without MSI gets INTx back (pci_intx_for_msi).
  const cmd = pci_read_config_word(dev, PCI_COMMAND);
  if (dev.pin && cmd & PCI_COMMAND_INTX_DISABLE && !dev.msi_enabled && !dev.msix_enabled) pci_write_config_word(dev, PCI_COMMAND, cmd & ~PCI_COMMAND_INTX_DISABLE);
  return 0;
}

/** Bridges above must forward: they are enabled first (pci_enable_bridge). */
function pci_enable_bridge(dev: pci_dev | null): void {
  if (!dev) return;
  pci_enable_bridge(dev.bus.self);
  if (dev.enable_cnt > 0) { if (!dev.is_busmaster) pci_set_master(dev); return; }
  if (pci_enable_device(dev)) { dev_err(dev.dev, 'Error enabling bridge'); return; }
  pci_set_master(dev);
}

function pci_enable_device_flags(dev: pci_dev, flags: number): number {
  if (dev.removed) return -ENODEV_;
  if (dev.enable_cnt++ > 0) return 0;
  pci_enable_bridge(dev.bus.self);
  let bars = 0;
  for (let i = 0; i < PCI_STD_NUM_BARS; i++) if (dev.resource[i]!.flags & flags) bars |= 1 << i;
  const r = do_pci_enable_device(dev, bars);
  if (r < 0) dev.enable_cnt--;
  return r;
}
const ENODEV_ = 19;

/** pci_enable_device(): wakes the device (D0), enables decoding of its BARs and routes its interrupt. Counted. */
export function pci_enable_device(dev: pci_dev): number {
  return pci_enable_device_flags(dev, IORESOURCE_MEM | IORESOURCE_IO);
}
export function pci_enable_device_mem(dev: pci_dev): number {
  return pci_enable_device_flags(dev, IORESOURCE_MEM);
}
export function pci_enable_device_io(dev: pci_dev): number {
  return pci_enable_device_flags(dev, IORESOURCE_IO);
}

export function pci_is_enabled(dev: pci_dev): boolean {
  return dev.enable_cnt > 0;
}

/** pci_disable_device(): the last reference turns off bus mastering (decoding stays, as on x86). */
export function pci_disable_device(dev: pci_dev): void {
  if (dev.enable_cnt <= 0) {
    __warn('drivers/pci/pci.c', 2231, 'pci_disable_device', `${dev.driver?.name ?? 'pci'} ${pci_name(dev)}: disabling already-disabled device`, ['pci_disable_device']);
    return;
  }
  if (--dev.enable_cnt > 0) return;
  const cmd = pci_read_config_word(dev, PCI_COMMAND);
  if (cmd & PCI_COMMAND_MASTER) pci_write_config_word(dev, PCI_COMMAND, cmd & ~PCI_COMMAND_MASTER);
  dev.is_busmaster = false;
}

function __pci_set_master(dev: pci_dev, enable: boolean): void {
  const old = pci_read_config_word(dev, PCI_COMMAND);
  const cmd = enable ? old | PCI_COMMAND_MASTER : old & ~PCI_COMMAND_MASTER;
  if (cmd !== old) pci_write_config_word(dev, PCI_COMMAND, cmd);
  dev.is_busmaster = enable;
}

/** pci_set_master(): lets the device do DMA (and send MSIs); bridges above are enabled as masters too. */
export function pci_set_master(dev: pci_dev): void {
  __pci_set_master(dev, true);
}
export function pci_clear_master(dev: pci_dev): void {
  __pci_set_master(dev, false);
}

/** pci_intx(): INTx Disable off (enable) or on. */
export function pci_intx(dev: pci_dev, enable: boolean): void {
  const old = pci_read_config_word(dev, PCI_COMMAND);
  const cmd = enable ? old & ~PCI_COMMAND_INTX_DISABLE : old | PCI_COMMAND_INTX_DISABLE;
  if (cmd !== old) pci_write_config_word(dev, PCI_COMMAND, cmd);
}

/** pci_set_power_state(): D0 or D3hot through the PM capability (10 ms recovery from D3hot, not modelled in time). */
export function pci_set_power_state(dev: pci_dev, state: number): number {
  if (!dev.pm_cap) { dev.current_state = PCI_D0; return state === PCI_D0 ? 0 : -EIO; }
  if (state !== PCI_D0 && state !== PCI_D3hot) return -EINVAL;
  const pmcsr = pci_read_config_word(dev, dev.pm_cap + PCI_PM_CTRL);
  pci_write_config_word(dev, dev.pm_cap + PCI_PM_CTRL, (pmcsr & ~PCI_PM_CTRL_STATE_MASK) | state);
  dev.current_state = pci_read_config_word(dev, dev.pm_cap + PCI_PM_CTRL) & PCI_PM_CTRL_STATE_MASK;
  return 0;
}

/** pci_save_state()/pci_restore_state(): the first 64 bytes. */
export function pci_save_state(dev: pci_dev): number {
  dev.saved_config = [];
  for (let i = 0; i < 16; i++) dev.saved_config.push(pci_read_config_dword(dev, i * 4));
  return 0;
}
export function pci_restore_state(dev: pci_dev): void {
  if (!dev.saved_config) return;
  for (let i = 15; i >= 0; i--) {
    if (pci_read_config_dword(dev, i * 4) !== dev.saved_config[i]) pci_write_config_dword(dev, i * 4, dev.saved_config[i]!);
  }
}

function bar_resource(dev: pci_dev, bar: number): resource | null {
  const r = dev.resource[bar];
  return r && pci_resource_len(dev, bar) ? r : null;
}

/** pci_request_region(): marks BAR `bar` busy under the device's resource, named for the driver. */
export function pci_request_region(dev: pci_dev, bar: number, res_name: string): number {
  const r = bar_resource(dev, bar);
  if (!r) return 0;
  const got = r.flags & IORESOURCE_IO
    ? __request_region(r.parent ? r : ioport_resource(), r.start, pci_resource_len(dev, bar), res_name)
    : __request_region(r.parent ? r : iomem_resource(), r.start, pci_resource_len(dev, bar), res_name);
  if (!got) {
    dev_warn(dev.dev, `BAR ${bar}: can't reserve ${format_resource(r)}`);
    return -EBUSY;
  }
  dev.region_mask |= 1 << bar;
  return 0;
}

export function pci_release_region(dev: pci_dev, bar: number): void {
  const r = bar_resource(dev, bar);
  if (!r || !(dev.region_mask & (1 << bar))) return;
  __release_region(r.parent ? r : r.flags & IORESOURCE_IO ? ioport_resource() : iomem_resource(), r.start, pci_resource_len(dev, bar));
  dev.region_mask &= ~(1 << bar);
}

export function pci_request_selected_regions(dev: pci_dev, bars: number, res_name: string): number {
  for (let i = 0; i < PCI_STD_NUM_BARS; i++) {
    if (!(bars & (1 << i))) continue;
    const r = pci_request_region(dev, i, res_name);
    if (r) { for (let j = 0; j < i; j++) if (bars & (1 << j)) pci_release_region(dev, j); return r; }
  }
  return 0;
}
export function pci_release_selected_regions(dev: pci_dev, bars: number): void {
  for (let i = 0; i < PCI_STD_NUM_BARS; i++) if (bars & (1 << i)) pci_release_region(dev, i);
}
export function pci_request_regions(dev: pci_dev, res_name: string): number {
  return pci_request_selected_regions(dev, (1 << PCI_STD_NUM_BARS) - 1, res_name);
}
export function pci_release_regions(dev: pci_dev): void {
  pci_release_selected_regions(dev, (1 << PCI_STD_NUM_BARS) - 1);
}
/** pci_select_bars(): the BARs whose flags match. */
export function pci_select_bars(dev: pci_dev, flags: number): number {
  let bars = 0;
  for (let i = 0; i < PCI_STD_NUM_BARS; i++) if (pci_resource_flags(dev, i) & flags) bars |= 1 << i;
  return bars;
}

/** pci_iomap_range(): an __iomem cookie for part of a BAR (ioremap for memory, ioport_map for I/O). 0 on failure. */
export function pci_iomap_range(dev: pci_dev, bar: number, offset: number, maxlen: number): number {
  const start = pci_resource_start(dev, bar);
  let len = pci_resource_len(dev, bar);
  const flags = pci_resource_flags(dev, bar);
  if (len <= offset || !start) return 0;
  len -= offset;
  if (maxlen && len > maxlen) len = maxlen;
  if (flags & IORESOURCE_IO) return ioport_map(start + offset, len);
  if (flags & IORESOURCE_MEM) return ioremap(start + offset, len, `pci_iomap ${pci_name(dev)}`);
  return 0;
}
export function pci_iomap(dev: pci_dev, bar: number, maxlen: number): number {
  return pci_iomap_range(dev, bar, 0, maxlen);
}
export function pci_iounmap(_dev: pci_dev, addr: number): void {
  if (addr >= 0x10000 && addr < 0x40000) ioport_unmap(addr);
  else iounmap(addr);
}
export const pci_ioremap_bar = (dev: pci_dev, bar: number): number => (pci_resource_flags(dev, bar) & IORESOURCE_MEM ? ioremap(pci_resource_start(dev, bar), pci_resource_len(dev, bar)) : 0);

// ---- managed (devres) variants ----

/** pcim_enable_device(): enabled now, disabled automatically when the driver unbinds. */
export function pcim_enable_device(dev: pci_dev): number {
  const r = pci_enable_device(dev);
  if (r) return r;
  dev.is_managed = true;
  devres_add(dev.dev, devres_alloc(() => { if (dev.enable_cnt > 0) { if (dev.is_busmaster) pci_clear_master(dev); pci_disable_device(dev); } }, 0, 'pcim_release'));
  return 0;
}

/** pcim_iomap(): pci_iomap released on unbind; the cookie also goes in pcim_iomap_table(). */
export function pcim_iomap(dev: pci_dev, bar: number, maxlen: number): number {
  const addr = pci_iomap(dev, bar, maxlen);
  if (!addr) return 0;
  dev.iomap_table[bar] = addr;
  devres_add(dev.dev, devres_alloc(() => { pci_iounmap(dev, addr); dev.iomap_table[bar] = 0; }, 0, 'pcim_iomap_release'));
  return addr;
}
export function pcim_iomap_table(dev: pci_dev): number[] { return dev.iomap_table; }

/** pcim_iomap_regions(): request + map the BARs in `mask`. */
export function pcim_iomap_regions(dev: pci_dev, mask: number, name: string): number {
  for (let i = 0; i < PCI_STD_NUM_BARS; i++) {
    if (!(mask & (1 << i)) || !pci_resource_len(dev, i)) continue;
    const r = pci_request_region(dev, i, name);
    if (r) return r;
    devres_add(dev.dev, devres_alloc(() => pci_release_region(dev, i), 0, 'pcim_release_region'));
    if (!pcim_iomap(dev, i, 0)) return -ENOMEM;
  }
  return 0;
}

/** pcim_set_mwi and friends are not needed; devm_ioremap for completeness. */
export function devm_ioremap(devp: pci_dev, offset: number, size: number): number {
  const addr = ioremap(offset, size);
  if (addr) devres_add(devp.dev, devres_alloc(() => iounmap(addr), 0, 'devm_ioremap_release'));
  return addr;
}

/** What the PCI core cleans up when a driver unbinds or fails its probe (pci_device_remove's tail). */
export function pci_dev_put_resources_on_unbind(dev: pci_dev): void {
  // Linux does not disable a device the driver left enabled ("we can dream of sane hardware"); managed state ends here.
  dev.is_managed = false;
}

export { dev_info, PCI_D0 };
