// Models a simple memory-mapped GPIO controller (in the style of Linux drivers/gpio/gpio-mmio.c): data, set, clear and direction registers.
import { hex } from '../core/guest-error.ts';
import { MemoryRegion } from '../core/memory.ts';
import { DeviceState, type HwContext } from '../core/qdev.ts';
import { type VMStateDescription, vmstate_info_scalar } from '../core/vmstate.ts';
import type { TypeInfo } from '../core/qom.ts';
import { prop_u32 } from '../../scripts/dtc/livetree.ts';

export const KWB_GPIO_DAT = 0x00;
export const KWB_GPIO_SET = 0x04;
export const KWB_GPIO_CLR = 0x08;
export const KWB_GPIO_DIROUT = 0x0c;

const REGS: ReadonlyMap<number, string> = new Map([
  [KWB_GPIO_DAT, 'DAT'],
  [KWB_GPIO_SET, 'SET'],
  [KWB_GPIO_CLR, 'CLR'],
  [KWB_GPIO_DIROUT, 'DIROUT'],
]);

/** Lines 0..ngpios-1. Outputs drive observers (LEDs in the UI); inputs are set by the host. */
export class KwbGpioState extends DeviceState {
  readonly type_info = { name: 'kwb-gpio', desc: 'simple MMIO GPIO controller' };
  out = 0;
  dirout = 0;
  inputs = 0;
  readonly mmio: MemoryRegion;
  protected readonly observers: Array<(line: number, level: number) => void> = [];

  constructor(
    ctx: HwContext,
    id: string,
    readonly ngpios = 32,
  ) {
    super(ctx, id);
    this.mmio = new MemoryRegion(this, 'gpio', 0x1000, {
      read: (off) => this.gpio_read(off),
      write: (off, v) => this.gpio_write(off, Number(v) >>> 0),
      valid: { min_access_size: 4, max_access_size: 4, check: (_o, s) => (s !== 4 ? 'GPIO registers take 4-byte accesses (readl/writel)' : null) },
    });
  }

  protected mask(): number {
    return this.ngpios >= 32 ? 0xffffffff : (1 << this.ngpios) - 1;
  }

  /** The level of each line as seen on the pins. */
  levels(): number {
    return ((this.out & this.dirout) | (this.inputs & ~this.dirout)) & this.mask();
  }

  on_change(cb: (line: number, level: number) => void): void {
    this.observers.push(cb);
  }

  /** Host side: drive an input line (a button, a jumper); observers see the pin change when the line is an input. */
  set_input(line: number, level: number): void {
    const before = this.levels();
    this.inputs = level ? this.inputs | (1 << line) : this.inputs & ~(1 << line);
    this.update(before);
  }

  /** Level changes per pin since the machine was built: what a logic probe counts (the breadboard view flashes on them). */
  readonly edges: number[] = [];

  protected update(before: number): void {
    const after = this.levels();
    for (let i = 0; i < this.ngpios; i++) {
      if (!(((before ^ after) >>> i) & 1)) continue;
      this.edges[i] = (this.edges[i] ?? 0) + 1;
      for (const o of this.observers) o(i, (after >>> i) & 1);
    }
  }

  protected gpio_read(off: number): number {
    if (off === KWB_GPIO_DAT) return this.levels() >>> 0;
    if (off === KWB_GPIO_DIROUT) return this.dirout >>> 0;
    this.guest_error('access', `${this.id}: read at ${hex(off, 2)} ${REGS.has(off) ? `(${REGS.get(off)} is write-only)` : 'hits no register'}; reads 0`);
    return 0;
  }

  protected gpio_write(off: number, v: number): void {
    const before = this.levels();
    const m = this.mask();
    if (v & ~m) this.guest_error('access', `${this.id}: write of ${hex(v)} to ${REGS.get(off) ?? hex(off, 2)} touches lines above ${this.ngpios - 1}; they do not exist`);
    if (off === KWB_GPIO_SET) this.out = (this.out | v) & m;
    else if (off === KWB_GPIO_CLR) this.out = this.out & ~v & m;
    else if (off === KWB_GPIO_DIROUT) this.dirout = v & m;
    else if (off === KWB_GPIO_DAT) this.out = v & m;
    else this.guest_error('access', `${this.id}: write at ${hex(off, 2)} hits no register; ignored`);
    this.update(before);
  }

  reset(): void {
    this.out = 0;
    this.dirout = 0;
  }

  readonly vmsd: VMStateDescription<KwbGpioState> = { name: 'kwb-gpio', fields: [['out', vmstate_info_scalar], ['dirout', vmstate_info_scalar], ['inputs', vmstate_info_scalar]] };
}

export const types: TypeInfo<KwbGpioState>[] = [{
  name: 'kwb-gpio', compatible: 'kwb,simple-gpio', bus: 'sysbus',
  instance_init: (ctx, n) => new KwbGpioState(ctx, n.name, prop_u32(n, 'ngpios') ?? 32),
  plug: (g, env) => {
    const e = env.machine.reg_entries(env.node)[0];
    if (e) env.machine.system_memory.memory_region_add_subregion(e.addr, g.mmio);
    env.machine.gpio_controllers.set(env.node.full_path, g);
  },
}];
