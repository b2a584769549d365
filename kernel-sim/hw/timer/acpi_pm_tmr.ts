// Models QEMU hw/acpi/core.c's acpi_pm_tmr (the PM timer of ICH9's ACPI block, hw/acpi/ich9.c): a 24-bit counter at 3.579545 MHz in I/O space at PMBASE + 8, read-only, counting from power-on.
import { MemoryRegion } from '../core/memory.ts';
import { DeviceState, type HwContext } from '../core/qdev.ts';
import type { VMStateDescription } from '../core/vmstate.ts';

/** PM_TIMER_FREQUENCY: the ACPI specification's 3.579545 MHz (a third of the NTSC colour burst's 10.738635 MHz). */
export const PM_TIMER_FREQUENCY = 3_579_545;
/** ICH9's PM timer register: PMBASE (0x600 as the firmware programs it, and the FADT says) + 8. */
export const ICH9_PMIO_PM_TMR = 0x08;

export class ACPIPMTimerState extends DeviceState {
  readonly type_info = { name: 'acpi-pm-tmr', desc: 'ACPI PM timer' };
  readonly io: MemoryRegion;

  constructor(ctx: HwContext) {
    super(ctx, 'acpi-pm-tmr');
    this.io = new MemoryRegion(this, 'acpi-tmr', 4, {
      read: () => this.acpi_pm_tmr_get(),
      write: () => this.guest_error('access', 'the ACPI PM timer is read-only (PMBASE + 8)'),
      valid: { min_access_size: 4, max_access_size: 4, check: (_o, s) => (s !== 4 ? 'the PM timer is read with 32-bit accesses (inl)' : null) },
    });
  }

  /** acpi_pm_tmr_get(): the counter's 24 bits, from virtual time (split so the product stays exact). */
  acpi_pm_tmr_get(): number {
    const ns = Math.floor(this.ctx.clock.now_ns());
    const s = Math.floor(ns / 1e9), rem = ns - s * 1e9;
    return ((s % 0x1000000) * PM_TIMER_FREQUENCY + Math.floor((rem * PM_TIMER_FREQUENCY) / 1e9)) % 0x1000000;
  }

  reset(): void { /* the counter runs from power-on: nothing to hold */ }

  readonly vmsd: VMStateDescription<ACPIPMTimerState> = { name: 'acpi_pm_tmr', fields: [] };
}
