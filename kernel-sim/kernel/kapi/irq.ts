// Models the exports of linux/kernel/irq/manage.c a driver calls around its handler: synchronize_irq (wait for the irq's threaded handlers), disable_irq/_nosync and enable_irq (nested masking of the line).
import type { KGen } from '../../include/linux/sched.ts';
import { disable_irq, disable_irq_nosync, enable_irq, synchronize_irq } from '../irq/manage.ts';
import { EXPORT_KAPI } from './registry.ts';

export const ksymtab = EXPORT_KAPI({
  synchronize_irq: function* (irq: number): KGen<void> { yield* synchronize_irq(irq >>> 0); },
  disable_irq_nosync: (irq: number) => disable_irq_nosync(irq >>> 0),
  // Linux's disable_irq waits for running handlers (synchronize_irq); hard handlers never run concurrently here.
  disable_irq: function* (irq: number): KGen<void> { disable_irq(irq >>> 0); yield* synchronize_irq(irq >>> 0); },
  enable_irq: (irq: number) => enable_irq(irq >>> 0),
});
