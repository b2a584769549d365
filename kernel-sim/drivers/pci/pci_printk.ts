// Models the pci_info/pci_dbg macros of linux/include/linux/pci.h: messages tagged "pci 0000:00:02.0:" before a driver binds.
import type { pci_dev } from '../../include/linux/pci.ts';
import { pci_name } from '../../include/linux/pci.ts';
import { printk, printkState, KERN_INFO, KERN_DEBUG } from '../../kernel/printk/printk.ts';

/** pci_info(): "pci 0000:00:02.0: ..." before a driver binds. */
export function pci_info(dev: pci_dev, msg: string): void {
  printk(`${KERN_INFO}pci ${pci_name(dev)}: ${msg}`);
}
/** pci_dbg(): a dynamic-debug call site, silent unless dyndbg enabled it. */
export function pci_dbg(dev: pci_dev, msg: string): void {
  if (printkState().dynamic_debug) printk(`${KERN_DEBUG}pci ${pci_name(dev)}: ${msg}`);
}
