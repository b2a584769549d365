// Models linux/drivers/pci/vgaarb.c's boot scan (vga_arb_device_init, a subsys_initcall_sync): every VGA-class function joins the arbiter with what it decodes and owns, the legacy owner becomes the boot VGA device, and bridge control is checked.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { pci_bus, pci_dev } from '../../include/linux/pci.ts';
import { defineState } from '../../kernel/state.ts';
import { pr_info } from '../../kernel/printk/printk.ts';
import { pci_read_config_word } from './access.ts';
import { pciState } from './pci-state.ts';
import { pci_info } from './pci_printk.ts';

const PCI_CLASS_DISPLAY_VGA = 0x0300;
const PCI_COMMAND = 0x04, PCI_COMMAND_IO = 0x1, PCI_COMMAND_MEMORY = 0x2;
const PCI_BRIDGE_CONTROL = 0x3e, PCI_BRIDGE_CTL_VGA = 0x08;
const VGA_RSRC_LEGACY_IO = 0x01, VGA_RSRC_LEGACY_MEM = 0x02, VGA_RSRC_NORMAL_IO = 0x04, VGA_RSRC_NORMAL_MEM = 0x08;
const VGA_RSRC_LEGACY_MASK = VGA_RSRC_LEGACY_IO | VGA_RSRC_LEGACY_MEM;

interface vga_device { pdev: pci_dev; decodes: number; owns: number; locks: number; bridge_has_one_vga: boolean }

/** vga_list and vga_default: the arbiter's devices and the boot VGA device, per machine. */
const vgaState = defineState('vgaarb', () => ({ list: [] as vga_device[], default_device: null as vga_device | null }));

/** vga_iostate_to_str(): only the legacy ranges are named. */
function vga_iostate_to_str(iostate: number): string {
  switch (iostate & VGA_RSRC_LEGACY_MASK) {
    case VGA_RSRC_LEGACY_MASK: return 'io+mem';
    case VGA_RSRC_LEGACY_IO: return 'io';
    case VGA_RSRC_LEGACY_MEM: return 'mem';
    default: return 'none';
  }
}

const vgaarb_info = (pdev: pci_dev, msg: string): void => pci_info(pdev, `vgaarb: ${msg}`);

/**
 * vga_is_boot_device(): the first device owning both legacy ranges. A BIOS boot leaves no firmware framebuffer
 * (screen_info is VGA text), so vga_is_firmware_default never picks one; the integrated/discrete fallbacks for
 * devices without legacy ownership are not modelled (no such machine).
 */
function vga_is_boot_device(v: vga_device): boolean {
  const boot = vgaState().default_device;
  if (boot && (boot.owns & VGA_RSRC_LEGACY_MASK) === VGA_RSRC_LEGACY_MASK) return false;
  return (v.owns & VGA_RSRC_LEGACY_MASK) === VGA_RSRC_LEGACY_MASK;
}

/** The bridges above a bus, nearest first. */
function* bridges_above(bus: pci_bus | null): Generator<pci_bus> {
  for (let b = bus; b; b = b.parent) yield b;
}

/** vga_arbiter_check_bridge_sharing(): its bridges can steer VGA cycles to it alone unless another VGA device sits below one of them. */
function vga_arbiter_check_bridge_sharing(v: vga_device): void {
  const list = vgaState().list;
  v.bridge_has_one_vga = true;
  if (list.length) {
    for (const nb of bridges_above(v.pdev.bus)) {
      for (const other of list) {
        if (nb.self === other.pdev.bus.self) other.bridge_has_one_vga = false;
        for (const b of bridges_above(other.pdev.bus)) if (b.self && b.self === v.pdev.bus.self) v.bridge_has_one_vga = false;
      }
    }
  }
  vgaarb_info(v.pdev, v.bridge_has_one_vga ? 'bridge control possible' : 'no bridge control possible');
}

/** vga_arbiter_add_pci_device(): VGA class only; it owns the legacy ranges its decoding is enabled for, if every bridge above forwards VGA. */
function vga_arbiter_add_pci_device(pdev: pci_dev): void {
  if (pdev.class >> 8 !== PCI_CLASS_DISPLAY_VGA) return;
  const st = vgaState();
  const v: vga_device = { pdev, decodes: VGA_RSRC_LEGACY_MASK | VGA_RSRC_NORMAL_IO | VGA_RSRC_NORMAL_MEM, owns: 0, locks: 0, bridge_has_one_vga: false };
  const cmd = pci_read_config_word(pdev, PCI_COMMAND);
  if (cmd & PCI_COMMAND_IO) v.owns |= VGA_RSRC_LEGACY_IO;
  if (cmd & PCI_COMMAND_MEMORY) v.owns |= VGA_RSRC_LEGACY_MEM;
  for (const b of bridges_above(pdev.bus)) {
    if (b.self && !(pci_read_config_word(b.self, PCI_BRIDGE_CONTROL) & PCI_BRIDGE_CTL_VGA)) { v.owns = 0; break; }
  }
  if (vga_is_boot_device(v)) {
    vgaarb_info(pdev, `setting as boot VGA device${st.default_device ? ' (overriding previous)' : ''}`);
    st.default_device = v;
  }
  vga_arbiter_check_bridge_sharing(v);
  st.list.push(v);
  vgaarb_info(pdev, `VGA device added: decodes=${vga_iostate_to_str(v.decodes)},owns=${vga_iostate_to_str(v.owns)},locks=${vga_iostate_to_str(v.locks)}`);
}

/** Every function below the root buses, depth first in bus order (pci_get_subsys' walk of the device list). */
function* pci_all_devices(bus: pci_bus): Generator<pci_dev> {
  for (const d of bus.devices) {
    yield d;
    if (d.subordinate) yield* pci_all_devices(d.subordinate);
  }
}

/**
 * vga_arb_device_init(): the PCI functions present now join the arbiter (its misc device /dev/vga_arbiter is
 * registered with the boot's other misc devices, drivers/base/builtin_devices.ts; the bus notifier for hotplugged
 * functions is not modelled).
 */
function vga_arb_device_init(): number {
  const st = pciState();
  if (!st.root_buses.length) return 0;
  for (const root of st.root_buses) for (const d of pci_all_devices(root)) vga_arbiter_add_pci_device(d);
  pr_info('vgaarb: loaded');
  return 0;
}

export const initcalls: initcall_entry[] = [['subsys_sync', 'vga_arb_device_init', vga_arb_device_init, 20_000]];
