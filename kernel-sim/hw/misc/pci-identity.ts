// Models fixed PCI functions whose registers are not simulated (QEMU's ich9-ahci, VGA): identity, BARs and capabilities, declared as data.
import type { HwContext } from '../core/qdev.ts';
import type { VMStateDescription } from '../core/vmstate.ts';
import { PCIDevice, type PCIDeviceClass, pci_add_capability, unimplemented_region } from '../pci/pci.ts';
import { msi_init } from '../pci/msi.ts';
import * as R from '../pci/pci_regs.ts';
import type { TypeInfo } from '../core/qom.ts';

export interface PCIIdentityModel {
  name: string;
  desc: string;
  pci_class: PCIDeviceClass;
  bars: Array<{ index: number; size: number; type: number }>;
  /** Capabilities in the order QEMU adds them. */
  caps: Array<{ id: number; offset: number; size: number; body?: number[] } | { msi: { offset: number; vectors: number; is64: boolean } }>;
  /** Extra reset-state bytes and their writable masks. */
  config?: Array<{ offset: number; value: number; wmask?: number }>;
}

export const ICH9_AHCI: PCIIdentityModel = {
  name: 'ich9-ahci',
  desc: 'ICH9 SATA controller (AHCI mode); registers not simulated',
  pci_class: { vendor_id: 0x8086, device_id: 0x2922, revision: 0x02, class_id: 0x0106, prog_if: 0x01, subsystem_vendor_id: 0x1af4, subsystem_id: 0x1100, interrupt_pin: 1 },
  bars: [
    { index: 4, size: 32, type: R.PCI_BASE_ADDRESS_SPACE_IO },
    { index: 5, size: 0x1000, type: R.PCI_BASE_ADDRESS_SPACE_MEMORY },
  ],
  caps: [
    { id: R.PCI_CAP_ID_SATA, offset: 0xa8, size: 8, body: [0x10, 0x00, 0x48, 0x00, 0x00, 0x00] },
    { msi: { offset: 0x80, vectors: 1, is64: true } },
  ],
  config: [{ offset: 0x90, value: 0x40 }],
};

export const QEMU_VGA: PCIIdentityModel = {
  name: 'VGA',
  desc: 'QEMU standard VGA; display not simulated',
  pci_class: { vendor_id: 0x1234, device_id: 0x1111, revision: 0x02, class_id: 0x0300, subsystem_vendor_id: 0x1af4, subsystem_id: 0x1100 },
  bars: [
    { index: 0, size: 16 << 20, type: R.PCI_BASE_ADDRESS_MEM_PREFETCH },
    { index: 2, size: 0x1000, type: R.PCI_BASE_ADDRESS_SPACE_MEMORY },
    { index: 6, size: 0x10000, type: 0 },
  ],
  caps: [],
};

export const PCI_IDENTITY_MODELS: Record<string, PCIIdentityModel> = { [ICH9_AHCI.name]: ICH9_AHCI, [QEMU_VGA.name]: QEMU_VGA };

export class PCIIdentityDevice extends PCIDevice {
  readonly type_info: { name: string; desc: string };
  readonly pci_class: PCIDeviceClass;

  constructor(
    ctx: HwContext,
    id: string,
    readonly model: PCIIdentityModel,
  ) {
    super(ctx, id);
    this.type_info = { name: model.name, desc: model.desc };
    this.pci_class = model.pci_class;
  }

  protected pci_realize(): void {
    for (const b of this.model.bars) this.pci_register_bar(b.index, b.type, unimplemented_region(this, `BAR${b.index}`, b.size));
    for (const c of this.model.caps) {
      if ('msi' in c) msi_init(this, c.msi.offset, c.msi.vectors, c.msi.is64, false);
      else {
        const pos = pci_add_capability(this, c.id, c.offset, c.size);
        (c.body ?? []).forEach((b, i) => (this.config[pos + 2 + i] = b));
      }
    }
    for (const c of this.model.config ?? []) {
      this.config[c.offset] = c.value;
      if (c.wmask !== undefined) this.wmask[c.offset] = c.wmask;
    }
  }

  protected device_reset(): void {}

  /** No registers beyond config space. */
  readonly model_vmsd: VMStateDescription<unknown> = { name: 'pci-identity', fields: [] };
}

const identity = (compatible: string, model: PCIIdentityModel): TypeInfo<PCIIdentityDevice> => ({
  name: model.name, compatible, bus: 'pci', instance_init: (ctx) => new PCIIdentityDevice(ctx, '', model),
});

export const types: TypeInfo<PCIIdentityDevice>[] = [
  identity('intel,ich9-ahci', ICH9_AHCI), identity('qemu,std-vga', QEMU_VGA),
];
