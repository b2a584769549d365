// Models the device part of QEMU 7.2's q35 DSDT (hw/i386/acpi-build.c build_dsdt, build_q35_pci0_int, isa_build_aml, fw_cfg_add_acpi_dsdt, build_cpus_aml): the namespace as data, from the machine's PCI functions.
import type { KwbMachine } from '../core/machine-builder.ts';
import type { PCIHostState } from '../pci/pci_host.ts';
import { PCI_DEVFN, PCI_FUNC, PCI_SLOT } from '../pci/pci_regs.ts';
import {
  aml_eisaid, aml_interrupt, aml_io, aml_irq_no_flags, aml_memory32_fixed, aml_resource_template, type aml_node, type aml_value,
} from './aml-build.ts';

const dev = (name: string, names: [string, aml_value][], children: aml_node[] = []): aml_node => ({ kind: 'device', name, names, children });
const eisa = (id: string): number => aml_eisaid(id);

/**
 * The ISA devices of the LPC bridge, in the order isa_build_aml emits them
 * (QEMU's bus keeps its children newest first: i8042, the parallel port
 * -nographic creates, the serial port, then the RTC).
 */
function isa_devices(m: KwbMachine): aml_node[] {
  const out = [
    dev('KBD', [['_HID', eisa('PNP0303')], ['_STA', 0x0f], ['_CRS', aml_resource_template(aml_io(0x60, 1), aml_io(0x64, 1), aml_irq_no_flags(1))]]),
    dev('MOU', [['_HID', eisa('PNP0F13')], ['_STA', 0x0f], ['_CRS', aml_resource_template(aml_irq_no_flags(12))]]),
    // -nographic gives q35 a parallel port with a null backend: ACPI describes it, the port itself is not modelled.
    dev('LPT1', [['_HID', eisa('PNP0400')], ['_UID', 1], ['_STA', 0x0f], ['_CRS', aml_resource_template(aml_io(0x378, 8), aml_irq_no_flags(7))]]),
  ];
  const com = [[0x3f8, 4], [0x2f8, 3]] as const;
  m.serials.slice(0, 2).forEach((_s, i) => {
    const [base, irq] = com[i]!;
    out.push(dev(`COM${i + 1}`, [['_HID', eisa('PNP0501')], ['_UID', i + 1], ['_STA', 0x0f], ['_CRS', aml_resource_template(aml_io(base, 8), aml_irq_no_flags(irq))]]));
  });
  out.push(dev('RTC', [['_HID', eisa('PNP0B00')], ['_CRS', aml_resource_template(aml_io(0x70, 8), aml_irq_no_flags(8))]]));
  return out;
}

/** build_q35_pci0_int(): LNKA..LNKH (PIRQ A-H in PIC mode, from the LPC's routing registers) and GSIA..GSIH (GSI 16-23). */
function link_devices(host: PCIHostState): aml_node[] {
  const lpc = host.root_bus.devices[PCI_DEVFN(0x1f, 0)];
  const route = (i: number): number => (lpc ? lpc.config[(i < 4 ? 0x60 : 0x68) + (i % 4)]! & 0x0f : 0);
  const links = 'ABCDEFGH'.split('').map((c, i) => dev(`LNK${c}`, [
    ['_HID', eisa('PNP0C0F')], ['_UID', i], ['_STA', 0x0b], ['_CRS', aml_resource_template(aml_interrupt(route(i)))],
  ]));
  const gsis = 'ABCDEFGH'.split('').map((c, i) => dev(`GSI${c}`, [
    ['_HID', eisa('PNP0C0F')], ['_UID', 0], ['_STA', 0x0b], ['_CRS', aml_resource_template(aml_interrupt(16 + i))],
  ]));
  return [...links, ...gsis];
}

/**
 * \_SB of the q35 DSDT: PCI0 with a Device(Sxx) per function of bus 0 (ISA for
 * the LPC bridge, with its ISA devices) and fw_cfg, the MMCONFIG "DRAM
 * controller", the HPET, the CPU container, then the link devices.
 */
export function q35_dsdt_namespace(m: KwbMachine, host: PCIHostState): aml_node[] {
  const slots: aml_node[] = [];
  host.root_bus.devices.forEach((d, devfn) => {
    if (!d) return;
    const adr = (PCI_SLOT(devfn) << 16) | PCI_FUNC(devfn);
    if (devfn === PCI_DEVFN(0x1f, 0)) slots.push(dev('ISA', [['_ADR', adr]], isa_devices(m)));
    else slots.push(dev(`S${devfn.toString(16).toUpperCase().padStart(2, '0')}`, [['_ADR', adr]]));
  });
  const fwcf = dev('FWCF', [['_HID', 'QEMU0002'], ['_STA', 0x0b], ['_CRS', aml_resource_template(aml_io(0x510, 0x0c))]]);
  const pci0 = dev('PCI0', [['_HID', eisa('PNP0A08')], ['_CID', eisa('PNP0A03')], ['_ADR', 0], ['_UID', 0]], [...slots, fwcf]);
  const ecam = m.ecam_base(host);
  const drac = dev('DRAC', [['_HID', eisa('PNP0C01')], ['_CRS', aml_resource_template(aml_memory32_fixed(ecam, 0x10000000))]]);
  const hpet = dev('HPET', [['_HID', eisa('PNP0103')], ['_UID', 0], ['_STA', 0x0f], ['_CRS', aml_resource_template(aml_memory32_fixed(0xfed00000, 0x400, false))]]);
  const cpus = dev('CPUS', [['_HID', 'ACPI0010'], ['_CID', eisa('PNP0A05')]],
    Array.from({ length: Math.max(1, m.smp_cpus) }, (_, i) => dev(`C${i.toString(16).toUpperCase().padStart(3, '0')}`, [['_HID', 'ACPI0007'], ['_UID', i], ['_STA', 0x0f]])));
  return [{ kind: 'scope', name: '\\_SB', names: [], children: [pci0, drac, hpet, cpus, ...link_devices(host)] }];
}
