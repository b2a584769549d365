// Models arch/x86/include/asm/irqflags.h for modules: local_irq_disable/enable/save/restore with the EFLAGS image C sees (IF is 0x200).
//
// With interrupts off the CPU runs atomically: the kernel counts it as one preempt level, so sleeping inside is
// "BUG: scheduling while atomic", as on Linux. Interrupts raised meanwhile are not held back (the models deliver
// theirs between instructions of the simulation, never inside a C call).
import { preempt_disable, preempt_enable } from '../sched/core.ts';
import { defineState } from '../state.ts';
import { EXPORT_KAPI } from './registry.ts';

const X86_EFLAGS_IF = 0x200, X86_EFLAGS_FIXED = 0x2;
const irqState = defineState('kapi-irqflags', () => ({ off: false }));

const save_flags = (): number => X86_EFLAGS_FIXED | 0x44 | (irqState().off ? 0 : X86_EFLAGS_IF);

function irq_disable(): void {
  const s = irqState();
  if (s.off) return;
  s.off = true;
  preempt_disable();
}

function irq_enable(): void {
  const s = irqState();
  if (!s.off) return;
  s.off = false;
  preempt_enable();
}

export const ksymtab = EXPORT_KAPI({
  arch_local_save_flags: save_flags,
  arch_local_irq_save: () => { const f = save_flags(); irq_disable(); return f; },
  arch_local_irq_restore: (flags: number) => { if (flags & X86_EFLAGS_IF) irq_enable(); else irq_disable(); },
  arch_local_irq_enable: irq_enable,
  arch_local_irq_disable: irq_disable,
});
