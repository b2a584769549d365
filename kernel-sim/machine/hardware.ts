// The machine's hardware for the running kernel: built from the boot config, reachable by the kernel's drivers.
import { defineState } from '../kernel/state.ts';
import { machine_build, type KwbMachine, type MachineBuildOptions, type MachineBuildResult } from '../hw/core/machine-builder.ts';
import { GuestErrorLog } from '../hw/core/guest-error.ts';
import type { IrqSink } from '../hw/intc/ioapic.ts';
import { kernel_virtual_clock } from './hw_clock.ts';
import { trace_event } from '../kernel/trace/trace.ts';

interface HwState {
  machine: KwbMachine | null;
  /** Where hardware interrupts enter the kernel; the IRQ subsystem replaces the default. */
  irq_entry: IrqSink;
  /** The kernel's DMA-API check the hardware consults before a device touches RAM; kernel/dma replaces the default. */
  dma_check: NonNullable<MachineBuildOptions['isMappedForDma']>;
  guest_errors: GuestErrorLog;
}

export const hwState = defineState<HwState>('hardware', () => ({
  machine: null,
  irq_entry: (gsi, level) => trace_event('irq', 'hw_irq_line', { gsi, level }),
  dma_check: () => true,
  guest_errors: new GuestErrorLog(),
}));

/** The hardware of the running machine (null for a machine booted without a boot config). */
export function machine_hw(): KwbMachine | null {
  return hwState().machine;
}

/** Builds the hardware from a boot config inside the running kernel (its clock drives the models). */
export function build_hardware(dts: string, file: string): MachineBuildResult {
  const s = hwState();
  const r = machine_build(dts, {
    file,
    clock: kernel_virtual_clock(),
    sink: (gsi, level, msi) => hwState().irq_entry(gsi, level, msi),
    isMappedForDma: (addr, len, dir, dev) => hwState().dma_check(addr, len, dir, dev),
    log: s.guest_errors,
  });
  if (r.ok) s.machine = r.machine;
  return r;
}
