// Models QEMU hw/pci-bridge/ (gen_pcie_root_port.c, pcie_pci_bridge.c, pci_bridge_dev.c): bridges declared as data.
import type { HwContext } from '../core/qdev.ts';
import type { VMStateDescription } from '../core/vmstate.ts';
import { PCIBridge } from '../pci/pci_bridge.ts';
import { type PCIDeviceClass, memory_region_container, pci_add_capability, pci_set_word, unimplemented_region } from '../pci/pci.ts';
import { msi_init, pci_find_space } from '../pci/msi.ts';
import { msix_init } from '../pci/msix.ts';
import { pcie_acs_init, pcie_aer_init, pcie_cap_init } from '../pci/pcie.ts';
import { pci_pm_init } from '../pci/pm.ts';
import * as R from '../pci/pci_regs.ts';
import type { TypeInfo } from '../core/qom.ts';
import { prop_u32 } from '../../scripts/dtc/livetree.ts';

/** One capability of a bridge model, in the order QEMU adds them (offset 0 = first free). */
export type BridgeCap =
  | { cap: 'ssvid'; offset: number; ssid: number }
  | { cap: 'msix-exclusive-bar'; bar: number; vectors: number }
  | { cap: 'exp'; offset: number; type: number }
  | { cap: 'shpc'; offset: number; bar: number }
  | { cap: 'slotid'; offset: number }
  | { cap: 'pm'; offset: number }
  | { cap: 'msi'; offset: number; vectors: number; is64: boolean; maskable: boolean }
  | { cap: 'aer'; offset: number }
  | { cap: 'acs'; offset: number };

export interface BridgeModel {
  /** QEMU -device name. */
  name: string;
  desc: string;
  pci_class: PCIDeviceClass;
  caps: BridgeCap[];
}

export const PCIE_ROOT_PORT: BridgeModel = {
  name: 'pcie-root-port',
  desc: 'PCI Express root port',
  pci_class: { vendor_id: 0x1b36, device_id: 0x000c, revision: 0, class_id: 0x0604, header_type: 1, is_express: true, interrupt_pin: 1 },
  caps: [
    { cap: 'ssvid', offset: 0x40, ssid: 0 },
    { cap: 'msix-exclusive-bar', bar: 0, vectors: 1 },
    { cap: 'exp', offset: 0, type: R.PCI_EXP_TYPE_ROOT_PORT },
    { cap: 'aer', offset: 0x100 },
    { cap: 'acs', offset: 0x148 },
  ],
};

export const PCIE_PCI_BRIDGE: BridgeModel = {
  name: 'pcie-pci-bridge',
  desc: 'PCI Express to PCI bridge',
  pci_class: { vendor_id: 0x1b36, device_id: 0x000e, revision: 0, class_id: 0x0604, header_type: 1, is_express: true, interrupt_pin: 1 },
  caps: [
    { cap: 'shpc', offset: 0, bar: 0 },
    { cap: 'exp', offset: 0, type: R.PCI_EXP_TYPE_PCI_BRIDGE },
    { cap: 'pm', offset: 0 },
    { cap: 'aer', offset: 0x100 },
    { cap: 'msi', offset: 0, vectors: 1, is64: true, maskable: true },
  ],
};

export const PCI_BRIDGE: BridgeModel = {
  name: 'pci-bridge',
  desc: 'PCI-PCI bridge',
  pci_class: { vendor_id: 0x1b36, device_id: 0x0001, revision: 0, class_id: 0x0604, header_type: 1, interrupt_pin: 1 },
  caps: [
    { cap: 'shpc', offset: 0, bar: 0 },
    { cap: 'slotid', offset: 0 },
    { cap: 'msi', offset: 0, vectors: 1, is64: true, maskable: true },
  ],
};

export const BRIDGE_MODELS: Record<string, BridgeModel> = {
  [PCIE_ROOT_PORT.name]: PCIE_ROOT_PORT,
  [PCIE_PCI_BRIDGE.name]: PCIE_PCI_BRIDGE,
  [PCI_BRIDGE.name]: PCI_BRIDGE,
};

export interface BridgeOptions {
  chassis?: number;
  slot?: number;
  port?: number;
}

export class PCIBridgeDev extends PCIBridge {
  readonly type_info: { name: string; desc: string };
  readonly pci_class: PCIDeviceClass;

  constructor(
    ctx: HwContext,
    id: string,
    readonly model: BridgeModel,
    readonly opts: BridgeOptions = {},
  ) {
    super(ctx, id);
    this.type_info = { name: model.name, desc: model.desc };
    this.pci_class = model.pci_class;
  }

  protected pci_realize(): void {
    this.pci_bridge_initfn();
    for (const c of this.model.caps) this.add_cap(c);
  }

  private add_cap(c: BridgeCap): void {
    switch (c.cap) {
      case 'ssvid': {
        const pos = pci_add_capability(this, R.PCI_CAP_ID_SSVID, c.offset || pci_find_space(this, 8), 8);
        pci_set_word(this.config, pos + 4, this.pci_class.vendor_id);
        pci_set_word(this.config, pos + 6, c.ssid);
        break;
      }
      case 'msix-exclusive-bar': {
        // msix_init_exclusive_bar(): table at 0, PBA at half of a 4 KiB BAR.
        const { table, pba } = msix_init(this, c.vectors, c.bar, 0, c.bar, 0x800, 0);
        this.pci_register_bar(c.bar, R.PCI_BASE_ADDRESS_SPACE_MEMORY, memory_region_container(this, `BAR${c.bar}`, 0x1000, [{ offset: 0, mr: table }, { offset: 0x800, mr: pba }]));
        break;
      }
      case 'exp':
        pcie_cap_init(this, c.offset, c.type, this.opts.port ?? 0);
        if (c.type === R.PCI_EXP_TYPE_ROOT_PORT && this.exp_cap) {
          // Physical slot number from the "slot" property.
          const sltcap = this.exp_cap + R.PCI_EXP_SLTCAP;
          const v = (this.config[sltcap]! | (this.config[sltcap + 1]! << 8) | (this.config[sltcap + 2]! << 16)) & 0x7ffff;
          const n = ((this.opts.slot ?? 0) << 19) | v;
          for (let i = 0; i < 4; i++) this.config[sltcap + i] = (n >>> (8 * i)) & 0xff;
        }
        break;
      case 'shpc': {
        const pos = pci_add_capability(this, R.PCI_CAP_ID_SHPC, c.offset || pci_find_space(this, 8), 8);
        this.wmask[pos + 2] = 0xff; // DWORD select
        this.pci_register_bar(c.bar, R.PCI_BASE_ADDRESS_SPACE_MEMORY | R.PCI_BASE_ADDRESS_MEM_TYPE_64, unimplemented_region(this, 'shpc-bar', 256));
        break;
      }
      case 'slotid': {
        const pos = pci_add_capability(this, R.PCI_CAP_ID_SLOTID, c.offset || pci_find_space(this, 4), 4);
        this.config[pos + 2] = 0; // no expansion slots, First-
        this.config[pos + 3] = this.opts.chassis ?? 1;
        this.wmask[pos + 3] = 0xff;
        break;
      }
      case 'pm':
        pci_pm_init(this, c.offset);
        break;
      case 'msi':
        msi_init(this, c.offset, c.vectors, c.is64, c.maskable);
        break;
      case 'aer':
        pcie_aer_init(this, c.offset);
        break;
      case 'acs':
        pcie_acs_init(this, c.offset);
        break;
    }
  }

  protected device_reset(): void {}

  /** No registers beyond config space. */
  readonly model_vmsd: VMStateDescription<unknown> = { name: 'pci-bridge', fields: [] };
}

/** A bridge offers its secondary bus to the nodes below it. */
const bridge = (compatible: string, model: BridgeModel, slotted: boolean): TypeInfo<PCIBridgeDev> => ({
  name: model.name, compatible, bus: 'pci',
  instance_init: (ctx, n) => new PCIBridgeDev(ctx, '', model, slotted
    ? { chassis: prop_u32(n, 'kwb,chassis'), slot: prop_u32(n, 'kwb,slot'), port: prop_u32(n, 'kwb,port') }
    : { chassis: prop_u32(n, 'kwb,chassis') }),
  plug: (d) => ({ pci: d.sec_bus }),
});

export const types: TypeInfo<PCIBridgeDev>[] = [
  bridge('qemu,pcie-root-port', PCIE_ROOT_PORT, true),
  bridge('qemu,pcie-pci-bridge', PCIE_PCI_BRIDGE, false),
  bridge('qemu,pci-bridge', PCI_BRIDGE, false),
];
