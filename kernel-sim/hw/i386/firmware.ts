// Models the chipset setup SeaBIOS does on q35 before Linux starts (seabios src/fw/pciinit.c, mch_mem_addr_setup, ich9_lpc_setup).
import type { PCIHostState } from '../pci/pci_host.ts';
import { PCI_DEVFN } from '../pci/pci_regs.ts';

/**
 * Programs the chipset registers the way SeaBIOS leaves them on q35: ECAM at
 * 0xb0000000, PAM, SMRAM, the LPC's ACPI PM base at 0x600, PIRQ routing and
 * RCBA, SMBus host enable. Device BARs and bus numbers are left to the kernel.
 */
export function seabios_q35_setup(host: PCIHostState, ecam_base = 0xb0000000): void {
  const w = (devfn: number, off: number, v: number, size: number) => host.pci_host_config_write(0, devfn, off, v, size);
  const mch = PCI_DEVFN(0, 0);
  const lpc = PCI_DEVFN(0x1f, 0);
  const smbus = PCI_DEVFN(0x1f, 3);
  if (host.root_bus.devices[mch]) {
    w(mch, 0x64, 0, 4);
    w(mch, 0x60, (ecam_base | 1) >>> 0, 4);
    const pam = [0x10, 0x11, 0x11, 0x11, 0x11, 0x11, 0x33];
    pam.forEach((v, i) => w(mch, 0x90 + i, v, 1));
    w(mch, 0x9d, 0x0a, 1);
  }
  if (host.root_bus.devices[lpc]) {
    w(lpc, 0x40, 0x601, 4);
    w(lpc, 0x44, 0x80, 1);
    // PIRQ A-H routed to ISA IRQs 10/10/11/11 for PIC mode (APIC mode uses GSI 16-23 regardless).
    // Linux's ACPI link devices later set bit 7 (IRQEN: not routed) when it runs in APIC mode.
    [0x0a, 0x0a, 0x0b, 0x0b].forEach((v, i) => {
      w(lpc, 0x60 + i, v, 1);
      w(lpc, 0x68 + i, v, 1);
    });
    w(lpc, 0x82, 0x05, 1);
    w(lpc, 0xa0, 0x10, 1);
    w(lpc, 0xf0, 0xfed1c001, 4);
  }
  if (host.root_bus.devices[smbus]) w(smbus, 0x40, 0x01, 1);
}
