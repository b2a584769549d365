// Models a gpio-mmio style bank driver (linux/drivers/gpio/gpio-mmio.c's DAT/SET/CLR/DIROUT accessors, with an irq_chip as gpio-ftgpio010.c has) for the machine's "kwb,gpio-bank" controller.
import type { KGen } from '../../include/linux/sched.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { EINVAL, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { ioremap, iounmap, readl, writel } from '../../arch/x86/io.ts';
import { IRQ_HANDLED, IRQ_NONE, type irq_chip, type irq_data } from '../../kernel/irq/irqdesc.ts';
import { handle_edge_irq } from '../../kernel/irq/chip.ts';
import { free_irq, request_irq } from '../../kernel/irq/manage.ts';
import { dev_err, dev_name } from '../base/core.ts';
import { run_sync } from '../base/sync.ts';
import {
  IORESOURCE_MEM, __platform_driver_register, platform_get_drvdata, platform_get_irq_optional, platform_get_resource, platform_set_drvdata, resource_size,
  type platform_device, type platform_driver,
} from '../base/platform.ts';
import { GPIO_LINE_DIRECTION_IN, GPIO_LINE_DIRECTION_OUT, gpiochip_add_data, gpiochip_get_data, gpiochip_remove, type gpio_chip } from './gpiolib.ts';
import { IRQ_TYPE_EDGE_FALLING, IRQ_TYPE_EDGE_RISING, gpiochip_irqchip_add, gpiochip_irqchip_remove, generic_handle_domain_irq, irq_data_get_gpio_chip } from './gpiolib-irq.ts';
import { gpiochip_of_config } from './gpiolib-of.ts';

/** The register block (hw/gpio/kwb-gpio-bank.ts is the hardware side). */
const DAT = 0x00, SET = 0x04, CLR = 0x08, DIROUT = 0x0c, IRQ_EN = 0x10, IRQ_RISE = 0x14, IRQ_FALL = 0x18, IRQ_STAT = 0x1c;

interface kwb_bank { gc: gpio_chip; base: number; irq: number }

const bank_of = (gc: gpio_chip): kwb_bank => gpiochip_get_data(gc) as kwb_bank;
const bit = (offset: number): number => (1 << offset) >>> 0;
/** Read-modify-write of one line's bit (the bgpio_lock'ed shadow update of gpio-mmio.c). */
function rmw(b: kwb_bank, reg: number, offset: number, on: boolean): void {
  const v = readl(b.base + reg);
  writel(on ? v | bit(offset) : v & ~bit(offset), b.base + reg);
}

const kwb_gpio_get = (gc: gpio_chip, offset: number): number => (readl(bank_of(gc).base + DAT) >>> offset) & 1;
function kwb_gpio_set(gc: gpio_chip, offset: number, value: number): void {
  writel(bit(offset), bank_of(gc).base + (value ? SET : CLR));
}
const kwb_gpio_get_dir = (gc: gpio_chip, offset: number): number =>
  (readl(bank_of(gc).base + DIROUT) >>> offset) & 1 ? GPIO_LINE_DIRECTION_OUT : GPIO_LINE_DIRECTION_IN;
function kwb_gpio_dir_in(gc: gpio_chip, offset: number): number {
  rmw(bank_of(gc), DIROUT, offset, false);
  return 0;
}
/** bgpio_dir_out_val_first(): the value goes out before the pin turns into an output, so it never glitches. */
function kwb_gpio_dir_out(gc: gpio_chip, offset: number, value: number): number {
  kwb_gpio_set(gc, offset, value);
  rmw(bank_of(gc), DIROUT, offset, true);
  return 0;
}

const line_bank = (d: irq_data): kwb_bank => bank_of(irq_data_get_gpio_chip(d));
/** The interrupt block: IRQ_EN masks, RISE/FALL select edges, IRQ_STAT latches (write 1 to clear). */
const kwb_irq_chip: irq_chip = {
  name: 'kwb-gpio-bank',
  irq_mask: (d) => rmw(line_bank(d), IRQ_EN, d.hwirq, false),
  irq_unmask: (d) => rmw(line_bank(d), IRQ_EN, d.hwirq, true),
  irq_ack: (d) => writel(bit(d.hwirq), line_bank(d).base + IRQ_STAT),
  irq_set_type: (d, type) => {
    if (type & ~(IRQ_TYPE_EDGE_RISING | IRQ_TYPE_EDGE_FALLING)) return -EINVAL; // no level detection in this block
    const b = line_bank(d);
    rmw(b, IRQ_RISE, d.hwirq, (type & IRQ_TYPE_EDGE_RISING) !== 0);
    rmw(b, IRQ_FALL, d.hwirq, (type & IRQ_TYPE_EDGE_FALLING) !== 0);
    // Edges latched under the old selection (while nobody listened) are stale: a new consumer must not see them.
    writel(bit(d.hwirq), b.base + IRQ_STAT);
    return 0;
  },
};

/** The parent interrupt: every pending, enabled line runs its own irq. */
function kwb_gpio_irq_handler(_irq: number, dev_id: unknown): number {
  const b = dev_id as kwb_bank;
  const pending = readl(b.base + IRQ_STAT) & readl(b.base + IRQ_EN);
  if (!pending) return IRQ_NONE;
  for (let offset = 0; offset < b.gc.ngpio; offset++) if ((pending >>> offset) & 1) generic_handle_domain_irq(b.gc, offset);
  return IRQ_HANDLED;
}

function* kwb_gpio_probe(pdev: platform_device): KGen<number> {
  const dev = pdev.dev;
  const res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
  if (!res) { dev_err(dev, 'no MMIO resource'); return -EINVAL; }
  const base = ioremap(res.start, resource_size(res), 'kwb_gpio_probe');
  if (!base) return -ENOMEM;
  const cfg = gpiochip_of_config(dev);
  const gc: gpio_chip = {
    label: dev_name(dev), parent: dev, owner: null, base: -1, ngpio: cfg.ngpios ?? 32, names: cfg.names, can_sleep: false,
    get: kwb_gpio_get, set: kwb_gpio_set, get_direction: kwb_gpio_get_dir, direction_input: kwb_gpio_dir_in, direction_output: kwb_gpio_dir_out,
  };
  const b: kwb_bank = { gc, base, irq: platform_get_irq_optional(pdev, 0) };
  // Every line masked and no edge selected until a consumer asks (bgpio leaves the hardware as reset left it; we start quiet).
  writel(0, base + IRQ_EN);
  writel(gc.ngpio >= 32 ? 0xffffffff : (1 << gc.ngpio) - 1, base + IRQ_STAT);
  if (b.irq > 0) gpiochip_irqchip_add(gc, kwb_irq_chip, handle_edge_irq);
  const r = yield* gpiochip_add_data(gc, b);
  if (r) { iounmap(base); return r; }
  if (b.irq > 0) {
    const ri = request_irq(b.irq, kwb_gpio_irq_handler, 0, dev_name(dev), b);
    if (ri) { dev_err(dev, `failed to request IRQ ${b.irq}: ${ri}`); yield* gpiochip_remove(gc); iounmap(base); return ri; }
  }
  platform_set_drvdata(pdev, b);
  return 0;
}

function* kwb_gpio_remove(pdev: platform_device): KGen<void> {
  const b = platform_get_drvdata(pdev) as kwb_bank;
  if (b.irq > 0) free_irq(b.irq, b);
  gpiochip_irqchip_remove(b.gc);
  yield* gpiochip_remove(b.gc);
  iounmap(b.base);
}

// kernel-static: the driver's description; registered per machine by its initcall
export const kwb_gpio_bank_driver: platform_driver = {
  driver: { name: 'gpio-kwb-bank', of_match_table: [{ compatible: 'kwb,gpio-bank' }], suppress_bind_attrs: true },
  probe: kwb_gpio_probe,
  remove: kwb_gpio_remove,
};

function kwb_gpio_init(): number {
  return run_sync(__platform_driver_register(kwb_gpio_bank_driver, null), 'kwb_gpio_init');
}

/** subsys_initcall as gpio-mmio's bgpio_driver: before the consumers (leds-gpio, gpio-keys) at device level. */
export const initcalls: initcall_entry[] = [['subsys', 'kwb_gpio_init', kwb_gpio_init, 2_000]];
