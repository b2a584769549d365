// Models QEMU hw/i2c/smbus_ich9.c: the ICH9 SMBus controller (00:1f.3, 8086:2930): HOSTC in config space, the host interface (pm_smbus) on BAR4 I/O, and the I2C bus its slaves sit on.
import { MemoryRegion } from '../core/memory.ts';
import type { HwContext } from '../core/qdev.ts';
import type { TypeInfo } from '../core/qom.ts';
import { type VMStateDescription, vmstate_load, vmstate_save, type VMStateJSON } from '../core/vmstate.ts';
import { PCIDevice, type PCIDeviceClass, pci_set_irq } from '../pci/pci.ts';
import * as R from '../pci/pci_regs.ts';
import { I2CBus } from './core.ts';
import { PMSMBus } from './pm_smbus.ts';

/** ICH9 SMBus config registers: HOSTC (host configuration) and its HST_EN bit. */
export const ICH9_SMB_HOSTC = 0x40;
export const ICH9_SMB_HOSTC_HST_EN = 0x01;
/** BAR4: 64 bytes of I/O space (SMBASE), as the reference's `I/O ports at 0700 [size=64]`. */
export const ICH9_SMB_SMB_BASE_BAR = 4;
export const ICH9_SMB_SMB_BASE_SIZE = 64;

export const ICH9_SMB_CLASS: PCIDeviceClass = {
  vendor_id: 0x8086, device_id: 0x2930, revision: 0x02, class_id: 0x0c05, subsystem_vendor_id: 0x1af4, subsystem_id: 0x1100, interrupt_pin: 1,
};

export class ICH9SMBState extends PCIDevice {
  readonly type_info = { name: 'ICH9-SMB', desc: 'ICH9 SMBus controller' };
  readonly pci_class = ICH9_SMB_CLASS;
  /** The SMBus segment behind the controller (i2c-0 once i2c_i801 binds). */
  readonly i2c = new I2CBus('i2c');
  smb!: PMSMBus;

  constructor(ctx: HwContext, id = 'ICH9-SMB') {
    super(ctx, id);
  }

  /** ich9_smbus_realize(): HOSTC writable, the host interface on BAR4. */
  protected pci_realize(): void {
    this.wmask[ICH9_SMB_HOSTC] = 0x1f;
    this.smb = new PMSMBus(this, this.i2c, (level) => pci_set_irq(this, level), () => (this.config[ICH9_SMB_HOSTC]! & ICH9_SMB_HOSTC_HST_EN) !== 0);
    const io = new MemoryRegion(this, 'pm-smbus', ICH9_SMB_SMB_BASE_SIZE, {
      read: (off) => this.smb.ioport_readb(off),
      write: (off, v) => this.smb.ioport_writeb(off, Number(v) & 0xff),
      valid: { min_access_size: 1, max_access_size: 1, check: (_o, s) => (s !== 1 ? 'SMBus host registers take byte accesses (inb/outb)' : null) },
    });
    this.pci_register_bar(ICH9_SMB_SMB_BASE_BAR, R.PCI_BASE_ADDRESS_SPACE_IO, io);
  }

  protected device_reset(): void {
    this.smb.reset();
  }

  readonly model_vmsd: VMStateDescription<ICH9SMBState> = {
    name: 'ich9_smb',
    fields: [['smb', { put: (d) => vmstate_save(d.smb, PMSMBus.vmsd), get: (d, _f, v) => vmstate_load(d.smb, PMSMBus.vmsd, v as VMStateJSON) }]],
  };
}

export const types: TypeInfo<ICH9SMBState>[] = [{
  name: 'ICH9-SMB', compatible: 'intel,ich9-smbus', bus: 'pci',
  instance_init: (ctx) => new ICH9SMBState(ctx),
  plug: (s) => ({ i2c: s.i2c }),
}];
