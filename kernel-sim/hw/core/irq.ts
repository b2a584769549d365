// Models QEMU hw/core/irq.c: qemu_irq lines that carry a level from a device to an interrupt controller.

export type qemu_irq_handler = (n: number, level: number) => void;

/** One interrupt line (QEMU's IRQState): the handler receives the line number and the level. */
export interface IRQState {
  readonly handler: qemu_irq_handler;
  readonly n: number;
  level: number;
}
export type qemu_irq = IRQState;

export function qemu_allocate_irq(handler: qemu_irq_handler, n: number): qemu_irq {
  return { handler, n, level: 0 };
}

export function qemu_allocate_irqs(handler: qemu_irq_handler, count: number): qemu_irq[] {
  return Array.from({ length: count }, (_, n) => qemu_allocate_irq(handler, n));
}

export function qemu_set_irq(irq: qemu_irq | null | undefined, level: number): void {
  if (!irq) return;
  irq.level = level;
  irq.handler(irq.n, level);
}

export function qemu_irq_raise(irq: qemu_irq | null | undefined): void {
  qemu_set_irq(irq, 1);
}

export function qemu_irq_lower(irq: qemu_irq | null | undefined): void {
  qemu_set_irq(irq, 0);
}

export function qemu_irq_pulse(irq: qemu_irq | null | undefined): void {
  qemu_set_irq(irq, 1);
  qemu_set_irq(irq, 0);
}
