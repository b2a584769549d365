// Models a memory-mapped GPIO bank with edge interrupts (the register style of Linux drivers/gpio/gpio-mmio.c plus an interrupt block as in gpio-ftgpio010.c): the default machine's in-tree gpiolib controller.
import { hex } from '../core/guest-error.ts';
import { type qemu_irq, qemu_set_irq } from '../core/irq.ts';
import type { HwContext } from '../core/qdev.ts';
import { type VMStateDescription, vmstate_info_scalar } from '../core/vmstate.ts';
import type { TypeInfo } from '../core/qom.ts';
import { prop_cells, prop_u32 } from '../../scripts/dtc/livetree.ts';
import { KwbGpioState, KWB_GPIO_DAT, KWB_GPIO_DIROUT } from './kwb-gpio.ts';

/** DAT/SET/CLR/DIROUT as kwb,simple-gpio; then one bit per line in each interrupt register. */
export const KWB_GPIO_IRQ_EN = 0x10;
export const KWB_GPIO_IRQ_RISE = 0x14;
export const KWB_GPIO_IRQ_FALL = 0x18;
/** Pending edges: reads the latched events, a write of 1 clears a line's event (W1C). */
export const KWB_GPIO_IRQ_STAT = 0x1c;

/** The bank: pin edges latch into IRQ_STAT when the line's RISE/FALL bit is set; the output line is high while an enabled event is pending. */
export class KwbGpioBankState extends KwbGpioState {
  override readonly type_info = { name: 'kwb-gpio-bank', desc: 'MMIO GPIO bank with edge interrupts' };
  irq_en = 0;
  irq_rise = 0;
  irq_fall = 0;
  irq_stat = 0;
  irq: qemu_irq | null = null;

  protected override update(before: number): void {
    const after = this.levels();
    this.irq_stat |= ((~before & after & this.irq_rise) | (before & ~after & this.irq_fall)) & this.mask();
    super.update(before);
    this.update_irq();
  }

  update_irq(): void {
    qemu_set_irq(this.irq, this.irq_stat & this.irq_en ? 1 : 0);
  }

  protected override gpio_read(off: number): number {
    if (off === KWB_GPIO_IRQ_EN) return this.irq_en >>> 0;
    if (off === KWB_GPIO_IRQ_RISE) return this.irq_rise >>> 0;
    if (off === KWB_GPIO_IRQ_FALL) return this.irq_fall >>> 0;
    if (off === KWB_GPIO_IRQ_STAT) return this.irq_stat >>> 0;
    return super.gpio_read(off);
  }

  protected override gpio_write(off: number, v: number): void {
    const m = this.mask();
    if (off === KWB_GPIO_IRQ_EN) this.irq_en = v & m;
    else if (off === KWB_GPIO_IRQ_RISE) this.irq_rise = v & m;
    else if (off === KWB_GPIO_IRQ_FALL) this.irq_fall = v & m;
    else if (off === KWB_GPIO_IRQ_STAT) this.irq_stat &= ~v;
    else return super.gpio_write(off, v);
    if (v & ~m) this.guest_error('access', `${this.id}: write of ${hex(v)} at ${hex(off, 2)} touches lines above ${this.ngpios - 1}; they do not exist`);
    this.update_irq();
  }

  override reset(): void {
    super.reset();
    this.irq_en = this.irq_rise = this.irq_fall = this.irq_stat = 0;
    this.update_irq();
  }

  override readonly vmsd: VMStateDescription<KwbGpioState> = {
    name: 'kwb-gpio-bank',
    fields: ['out', 'dirout', 'inputs', 'irq_en', 'irq_rise', 'irq_fall', 'irq_stat'].map((f) => [f, vmstate_info_scalar] as const),
    post_load: (d) => (d as KwbGpioBankState).update_irq(),
  };
}

export { KWB_GPIO_DAT, KWB_GPIO_DIROUT };

export const types: TypeInfo<KwbGpioBankState>[] = [{
  name: 'kwb-gpio-bank', compatible: 'kwb,gpio-bank', bus: 'sysbus',
  instance_init: (ctx: HwContext, n) => new KwbGpioBankState(ctx, n.name, prop_u32(n, 'ngpios') ?? 32),
  plug: (g, env) => {
    const e = env.machine.reg_entries(env.node)[0];
    if (e) env.machine.system_memory.memory_region_add_subregion(e.addr, g.mmio);
    // interrupts = <pin type> on the I/O APIC (the root's interrupt controller).
    const irq = env.node.get_property('interrupts');
    if (irq) {
      const pin = Number(prop_cells(irq)[0]);
      const line = env.machine.ioapic.irqs[pin];
      if (!line) env.fail(`interrupts of ${env.node.full_path}: the I/O APIC has no pin ${pin}`);
      g.irq = line ?? null;
    }
    env.machine.gpio_controllers.set(env.node.full_path, g);
  },
}];
