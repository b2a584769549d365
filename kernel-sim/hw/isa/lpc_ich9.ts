// Models QEMU hw/isa/lpc_ich9.c: the ICH9 LPC/ISA bridge (00:1f.0), its ISA IRQs and the PIRQ routing of q35.
import type { VMStateDescription, VMStateInfo } from '../core/vmstate.ts';
import { type qemu_irq } from '../core/irq.ts';
import { qdev_realize, type DeviceSaveState } from '../core/qdev.ts';
import { PCIDevice, type PCIDeviceClass, pci_set_long } from '../pci/pci.ts';
import { PCI_NUM_PINS, PCI_SLOT } from '../pci/pci_regs.ts';
import type { TypeInfo } from '../core/qom.ts';
import { MC146818RtcState, RTC_ISA_BASE } from '../rtc/mc146818rtc.ts';
import { ACPIPMTimerState, ICH9_PMIO_PM_TMR } from '../timer/acpi_pm_tmr.ts';

export const ICH9_LPC_PMBASE = 0x40;
/** Where SeaBIOS puts the ACPI PM I/O block on q35 (ICH9_LPC_PMBASE's value). */
export const ICH9_PM_BASE = 0x600;
export const ICH9_LPC_ACPI_CTRL = 0x44;
export const ICH9_LPC_PIRQA_ROUT = 0x60;
export const ICH9_LPC_PIRQE_ROUT = 0x68;
export const ICH9_LPC_GEN_PMCON_1 = 0xa0;
export const ICH9_LPC_RCBA = 0xf0;
export const ICH9_LPC_NB_PIRQS = 8;
/** GSI of PIRQ A in APIC mode: PIRQA..H = GSI 16..23. */
export const ICH9_LPC_PIC_NUM_PINS = 16;
/** D25IR..D31IR default: INTA..D -> PIRQA..D. */
export const ICH9_CC_DIR_DEFAULT = 0x3210;

export const ICH9_LPC_CLASS: PCIDeviceClass = {
  vendor_id: 0x8086,
  device_id: 0x2918,
  revision: 0x02,
  class_id: 0x0601,
  subsystem_vendor_id: 0x1af4,
  subsystem_id: 0x1100,
};

/**
 * ich9_cc_init()/ich9_cc_update(): which PIRQ (0..7 = A..H) each slot's INTx
 * pin reaches. Slots 0-24: (slot + pin) % 4 + 4 (PIRQ E-H); 25-29 and 31: the
 * chipset-config D2xIR registers (default A-D); 30 (DMI-to-PCI): E-H.
 */
export function ich9_default_irr(): number[][] {
  const irr: number[][] = [];
  for (let slot = 0; slot < 32; slot++) {
    const row: number[] = [];
    for (let pin = 0; pin < PCI_NUM_PINS; pin++) {
      if (slot < 25) row.push(((slot + pin) % 4) + 4);
      else if (slot === 30) row.push(pin + 4);
      else row.push((ICH9_CC_DIR_DEFAULT >> (pin * 4)) & 7);
    }
    irr.push(row);
  }
  return irr;
}

export class ICH9LPCState extends PCIDevice {
  readonly type_info = { name: 'ICH9-LPC', desc: 'ICH9 LPC bridge' };
  readonly pci_class = ICH9_LPC_CLASS;
  /** irr[slot][pin] -> PIRQ number. */
  irr: number[][] = ich9_default_irr();
  /** GSI inputs of the interrupt controller (0..23): ISA IRQs are 0..15, PIRQs 16..23. */
  gsi: qemu_irq[] = [];
  /** The RTC and CMOS RAM the chipset carries (ich9_lpc_realize's lpc->rtc), once plugged. */
  rtc: MC146818RtcState | null = null;

  protected pci_realize(): void {
    pci_set_long(this.config, ICH9_LPC_PMBASE, 0x00000001);
    pci_set_long(this.wmask, ICH9_LPC_PMBASE, 0x0000ff80);
    this.wmask[ICH9_LPC_ACPI_CTRL] = 0x87;
    for (let i = 0; i < 4; i++) {
      this.config[ICH9_LPC_PIRQA_ROUT + i] = 0x80;
      this.config[ICH9_LPC_PIRQE_ROUT + i] = 0x80;
      this.wmask[ICH9_LPC_PIRQA_ROUT + i] = 0x8f;
      this.wmask[ICH9_LPC_PIRQE_ROUT + i] = 0x8f;
    }
    this.wmask[0x82] = 0xff; // LPC_EN
    this.wmask[0x83] = 0xff;
    this.wmask[ICH9_LPC_GEN_PMCON_1] = 0xff;
    pci_set_long(this.wmask, ICH9_LPC_RCBA, 0xffffc001);
  }

  /** ich9_lpc_map_irq() + ich9_pirq_to_gsi(): a root-bus device's pin -> GSI (APIC mode). */
  map_irq_gsi(devfn: number, pin: number): number {
    return ICH9_LPC_PIC_NUM_PINS + this.irr[PCI_SLOT(devfn)]![pin]!;
  }

  /** isa_get_irq(): the ISA IRQ line n (0..15) as an interrupt-controller input. */
  isa_get_irq(n: number): qemu_irq | null {
    return this.gsi[n] ?? null;
  }

  protected device_reset(): void { this.rtc?.reset(); }

  /** No registers beyond config space but the RTC's. */
  readonly model_vmsd: VMStateDescription<ICH9LPCState> = { name: 'ICH9LPC', fields: [['rtc', vmstate_info_rtc]] };
}

/** The RTC's own state inside the bridge's (null when this bridge carries none). */
const vmstate_info_rtc: VMStateInfo<unknown> = {
  put: (d) => (d as ICH9LPCState).rtc?.save() ?? null,
  get: (d, _f, v) => { if (v) (d as ICH9LPCState).rtc?.load(v as DeviceSaveState); },
};

export const types: TypeInfo<ICH9LPCState>[] = [{
  name: 'ICH9-LPC', compatible: 'intel,ich9-lpc', bus: 'pci',
  instance_init: (ctx) => new ICH9LPCState(ctx, ''),
  // The LPC bridge drives the GSIs and is the ISA bus of the nodes below it; the first one routes its host's PIRQs
  // and carries the machine's RTC at 0x70 (QEMU's ICH9 realizes its mc146818rtc whatever the command line says).
  plug: (d, env) => {
    d.gsi = env.machine.ioapic.irqs;
    if (env.host && !env.machine.lpc_of.has(env.host)) {
      env.machine.lpc_of.set(env.host, d);
      const m = env.machine;
      // Part of the bridge, as in QEMU: reset with it and saved in its state, not a device of its own in the tree.
      d.rtc = new MC146818RtcState(d.ctx, 'rtc', m);
      qdev_realize(d.rtc);
      m.system_io.memory_region_add_subregion(RTC_ISA_BASE, d.rtc.io);
      // The ACPI block's PM timer, at the PMBASE the firmware programs (0x600; the FADT's PM_TMR_BLK says 0x608).
      const pm_tmr = new ACPIPMTimerState(d.ctx);
      qdev_realize(pm_tmr);
      m.system_io.memory_region_add_subregion(ICH9_PM_BASE + ICH9_PMIO_PM_TMR, pm_tmr.io);
    }
    return { isa: d };
  },
}];
