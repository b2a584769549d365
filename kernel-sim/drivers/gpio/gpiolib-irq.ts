// Models linux/drivers/gpio/gpiolib.c's irqchip half (gpiochip_add_irqchip, gpiochip_to_irq, gpiochip_irq_reqres, gpiochip_lock_as_irq) with kernel/irq/irqdomain.c's linear map: each line of a chip gets a Linux irq on first use.
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { irq_alloc_descs, irq_free_descs, irq_set_chip_and_handler_name, irq_to_desc, type flow_handler, type irq_chip, type irq_data } from '../../kernel/irq/irqdesc.ts';
import { generic_handle_irq_desc } from '../../kernel/irq/handle.ts';
import {
  FLAG_IRQ_IS_ENABLED, FLAG_IS_OUT, FLAG_USED_AS_IRQ, clear_bit, gpiochip_get_desc, gpiod_err, set_bit, test_bit, type gpio_chip, type gpio_desc,
} from './gpiolib.ts';

/** include/linux/irq.h IRQ_TYPE_*: the same bits as IRQF_TRIGGER_*. */
export const IRQ_TYPE_NONE = 0, IRQ_TYPE_EDGE_RISING = 1, IRQ_TYPE_EDGE_FALLING = 2, IRQ_TYPE_EDGE_BOTH = 3, IRQ_TYPE_LEVEL_HIGH = 4, IRQ_TYPE_LEVEL_LOW = 8;

/** irq_data_get_irq_chip_data() for a gpio irq: the chip whose line it is. */
export const irq_data_get_gpio_chip = (d: irq_data): gpio_chip => d.chip_data as gpio_chip;
/** irqd_to_hwirq(): the line's offset in its chip. */
export const irqd_to_hwirq = (d: irq_data): number => d.hwirq;

function line_desc(d: irq_data): gpio_desc | null {
  const r = gpiochip_get_desc(irq_data_get_gpio_chip(d), d.hwirq);
  return typeof r === 'number' ? null : r;
}

/**
 * gpiochip_irq_reqres + gpiochip_irq_enable/disable: the driver's irq_chip
 * wrapped so that a line feeding an irq is locked as input (FLAG_USED_AS_IRQ)
 * while a handler is installed and marked enabled while unmasked.
 */
function gpiochip_wrap_irq_chip(gc: gpio_chip, chip: irq_chip): irq_chip {
  return {
    ...chip,
    irq_startup: (d) => {
      const desc = line_desc(d);
      if (desc) {
        if (test_bit(FLAG_IS_OUT, desc)) gpiod_err(desc, 'gpiochip_lock_as_irq: tried to flag a GPIO set as output for IRQ');
        set_bit(FLAG_USED_AS_IRQ, desc);
        set_bit(FLAG_IRQ_IS_ENABLED, desc);
      }
      chip.irq_unmask?.(d);
    },
    irq_shutdown: (d) => {
      chip.irq_mask?.(d);
      const desc = line_desc(d);
      if (desc) { clear_bit(FLAG_IRQ_IS_ENABLED, desc); clear_bit(FLAG_USED_AS_IRQ, desc); }
    },
    irq_mask: (d) => { chip.irq_mask?.(d); const desc = line_desc(d); if (desc) clear_bit(FLAG_IRQ_IS_ENABLED, desc); },
    irq_unmask: (d) => { const desc = line_desc(d); if (desc) set_bit(FLAG_IRQ_IS_ENABLED, desc); chip.irq_unmask?.(d); },
    name: chip.name || gc.label,
  };
}

/**
 * gpiochip_irqchip_add(): before gpiochip_add_data, a driver with an
 * interrupt block gives its irq_chip and flow handler; to_irq maps lines.
 */
export function gpiochip_irqchip_add(gc: gpio_chip, chip: irq_chip, handler: flow_handler): void {
  gc.irq = { chip: gpiochip_wrap_irq_chip(gc, chip), handler, domain: new Map() };
  gc.to_irq = gpiochip_to_irq;
}

/** gpiochip_to_irq() -> irq_create_mapping(): a descriptor for the line on first use, then the same irq. */
function gpiochip_to_irq(gc: gpio_chip, offset: number): number {
  const irq_chip_ = gc.irq;
  if (!irq_chip_) return -EINVAL;
  const have = irq_chip_.domain.get(offset);
  if (have !== undefined) return have;
  const irq = irq_alloc_descs(-1, 0, 1);
  if (irq < 0) return irq;
  // irq_set_chip_and_handler(): no flow name, so /proc/interrupts shows "kwb-gpio-bank   4  name" as on x86.
  irq_set_chip_and_handler_name(irq, irq_chip_.chip, irq_chip_.handler, '');
  const d = irq_to_desc(irq)!.irq_data;
  d.hwirq = offset;
  d.has_domain = true;
  d.chip_data = gc;
  irq_chip_.domain.set(offset, irq);
  return irq;
}

/** generic_handle_domain_irq(): the parent handler found line `offset` pending; runs that line's flow. 0, or -EINVAL if it was never mapped. */
export function generic_handle_domain_irq(gc: gpio_chip, offset: number): number {
  const irq = gc.irq?.domain.get(offset);
  const desc = irq === undefined ? null : irq_to_desc(irq);
  if (!desc) return -EINVAL;
  generic_handle_irq_desc(desc);
  return 0;
}

/** gpiochip_irqchip_remove(): the domain's irqs go with the chip. */
export function gpiochip_irqchip_remove(gc: gpio_chip): void {
  for (const irq of gc.irq?.domain.values() ?? []) irq_free_descs(irq, 1);
  gc.irq?.domain.clear();
}
