// Models QEMU hw/pci-host/q35.c: the Q35 memory controller hub (00:00.0) and its PCIEXBAR that places ECAM.
import type { VMStateDescription } from '../core/vmstate.ts';
import { PCIDevice, type PCIDeviceClass, pci_get_quad, pci_set_quad, pci_set_word, ranges_overlap } from '../pci/pci.ts';
import type { PCIHostState } from '../pci/pci_host.ts';
import type { TypeInfo } from '../core/qom.ts';

export const MCH_HOST_BRIDGE_PCIEXBAR = 0x60;
export const MCH_HOST_BRIDGE_PCIEXBAR_DEFAULT = 0xb0000000n;
export const MCH_HOST_BRIDGE_PCIEXBAREN = 1n;
export const MCH_HOST_BRIDGE_GGC = 0x50;
export const MCH_HOST_BRIDGE_PAM0 = 0x90;
export const MCH_HOST_BRIDGE_SMRAM = 0x9d;
export const MCH_HOST_BRIDGE_ESMRAMC = 0x9e;

export const MCH_CLASS: PCIDeviceClass = {
  vendor_id: 0x8086,
  device_id: 0x29c0,
  revision: 0,
  class_id: 0x0600,
  subsystem_vendor_id: 0x1af4,
  subsystem_id: 0x1100,
};

/** Length field of PCIEXBAR (bits 2:1): 256, 128 or 64 buses. */
const PCIEXBAR_LENGTH = [256 << 20, 128 << 20, 64 << 20, 256 << 20];

export class MCHPCIState extends PCIDevice {
  readonly type_info = { name: 'mch', desc: 'Q35 memory controller hub (host bridge)' };
  readonly pci_class = MCH_CLASS;
  host: PCIHostState | null = null;

  protected pci_realize(): void {
    pci_set_word(this.config, MCH_HOST_BRIDGE_GGC, 0x0010);
    pci_set_quad(this.config, MCH_HOST_BRIDGE_PCIEXBAR, MCH_HOST_BRIDGE_PCIEXBAR_DEFAULT);
    // PCIEXBAR: base bits 35:26, length 2:1, enable 0.
    pci_set_quad(this.wmask, MCH_HOST_BRIDGE_PCIEXBAR, 0x0000000ffc000007n);
    for (let i = 0; i < 7; i++) this.wmask[MCH_HOST_BRIDGE_PAM0 + i] = 0x33;
    this.config[MCH_HOST_BRIDGE_SMRAM] = 0x02;
    this.wmask[MCH_HOST_BRIDGE_SMRAM] = 0x78;
    this.config[MCH_HOST_BRIDGE_ESMRAMC] = 0x38;
    this.wmask[MCH_HOST_BRIDGE_ESMRAMC] = 0x01;
    this.add_config_write_hook((addr, _v, len) => {
      if (ranges_overlap(addr, len, MCH_HOST_BRIDGE_PCIEXBAR, 8)) this.mch_update_pciexbar();
    });
  }

  /** mch_update_pciexbar(): ECAM appears where the firmware put it, once enabled. */
  mch_update_pciexbar(): void {
    if (!this.host) return;
    const bar = pci_get_quad(this.config, MCH_HOST_BRIDGE_PCIEXBAR);
    const enable = (bar & MCH_HOST_BRIDGE_PCIEXBAREN) !== 0n;
    const length = PCIEXBAR_LENGTH[Number((bar >> 1n) & 3n)]!;
    const base = Number(bar & 0xffc000000n & ~BigInt(length - 1));
    this.host.pcie_host_mmcfg_update(enable, base);
  }

  protected device_reset(): void {
    this.mch_update_pciexbar();
  }

  /** PCIEXBAR lives in config space; loading it remaps ECAM (mch_post_load). */
  readonly model_vmsd: VMStateDescription<MCHPCIState> = { name: 'mch', fields: [], post_load: (d) => d.mch_update_pciexbar() };
}

export const types: TypeInfo<MCHPCIState>[] = [{
  name: 'mch', compatible: 'intel,q35-mch', bus: 'pci',
  instance_init: (ctx) => new MCHPCIState(ctx, ''),
  // The MCH programs its host's ECAM through PCIEXBAR.
  plug: (d, env) => { d.host = env.host; if (env.host) env.machine.mch_hosts.add(env.host); },
}];
