// Models QEMU hw/timer/hpet.c: the PC's High Precision Event Timer at 0xfed00000 — a 64-bit main counter at 100 MHz, three periodic-capable comparators, legacy replacement routing (timer 0 to IRQ 0/GSI 2, timer 1 to IRQ 8) and the I/O APIC routes q35 allows.
import { MemoryRegion } from '../core/memory.ts';
import { DeviceState, type HwContext } from '../core/qdev.ts';
import type { QEMUTimer } from '../core/clock.ts';
import { qemu_irq_pulse, type qemu_irq } from '../core/irq.ts';
import { type VMStateDescription, vmstate_info_scalar, vmstate_info_json } from '../core/vmstate.ts';

export const HPET_BASE = 0xfed00000;
export const HPET_LEN = 0x400;
/** HPET_CLK_PERIOD: 10 ns a tick, in the femtoseconds the capabilities register counts. */
export const HPET_CLK_PERIOD_NS = 10;
const FS_PER_NS = 1_000_000;
export const HPET_NUM_TIMERS = 3;

/** Register offsets (hw/timer/hpet.h). */
export const HPET_ID = 0x000, HPET_PERIOD = 0x004, HPET_CFG = 0x010, HPET_STATUS = 0x020, HPET_COUNTER = 0x0f0;
export const HPET_TN_CFG = 0x00, HPET_TN_CMP = 0x08, HPET_TN_ROUTE = 0x10;
export const HPET_CFG_ENABLE = 0x001, HPET_CFG_LEGACY = 0x002;
export const HPET_TN_TYPE_LEVEL = 0x002, HPET_TN_ENABLE = 0x004, HPET_TN_PERIODIC = 0x008, HPET_TN_PERIODIC_CAP = 0x010;
export const HPET_TN_SIZE_CAP = 0x020, HPET_TN_SETVAL = 0x040, HPET_TN_32BIT = 0x100, HPET_TN_INT_ROUTE_SHIFT = 9;
const HPET_TN_INT_ROUTE_MASK = 0x3e00;
const HPET_TN_CFG_WRITE_MASK = 0x7f4e;
/**
 * GEN_CAP's low half: revision 1, NUM_TIM_CAP = timers - 1, COUNT_SIZE_CAP (64-bit), LEG_RT_CAP, vendor 0x8086 —
 * the "id" the ACPI HPET table repeats (0x8086a201).
 */
export const HPET_CAP_ID = ((0x8086 << 16) | 0x8000 | 0x2000 | ((HPET_NUM_TIMERS - 1) << 8) | 0x01) >>> 0;
/** pc_basic_device_init's "hpet-intcap" for q35: each comparator may be routed to GSI 2, 8 or 16-23. */
export const HPET_INTCAP = 0x00ff0104;

interface HPETTimer {
  /** The configuration register's low half. */
  config: number;
  /** The comparator (64-bit: a Number holds 2^53 ticks, 1042 days of counting). */
  cmp: number;
  period: number;
  fsb: number;
}

export class HPETState extends DeviceState {
  readonly type_info = { name: 'hpet', desc: 'High Precision Event Timer' };
  config = 0;
  isr = 0;
  /** The counter's value when it was last stopped; while enabled it runs from `started_ns`. */
  hpet_counter = 0;
  started_ns = 0;
  timers: HPETTimer[] = [];
  readonly mmio: MemoryRegion;
  private readonly qtimers: QEMUTimer[];

  /** `gsi`: the I/O APIC's inputs, as QEMU's sysbus_connect_irq wires the HPET to every GSI. */
  constructor(ctx: HwContext, private readonly gsi: qemu_irq[]) {
    super(ctx, 'hpet');
    this.qtimers = Array.from({ length: HPET_NUM_TIMERS }, (_, n) => ctx.clock.timer_new_ns(() => this.hpet_timer(n)));
    this.mmio = new MemoryRegion(this, 'hpet', HPET_LEN, {
      read: (off, size) => this.hpet_ram_read(off, size),
      write: (off, v, size) => this.hpet_ram_write(off, v, size),
      valid: { min_access_size: 4, max_access_size: 8, check: (_o, s) => (s < 4 ? 'HPET registers take 4- or 8-byte accesses' : null) },
    });
  }

  reset(): void {
    for (const t of this.qtimers) this.ctx.clock.timer_del(t);
    this.config = 0;
    this.isr = 0;
    this.hpet_counter = 0;
    this.timers = Array.from({ length: HPET_NUM_TIMERS }, () => ({
      // hpet_reset(): every comparator periodic-capable and 64-bit, no FSB (MSI) delivery; the route caps (the high
      // half) are constant and read from HPET_INTCAP.
      config: HPET_TN_PERIODIC_CAP | HPET_TN_SIZE_CAP,
      cmp: 2 ** 53 - 1, period: 0, fsb: 0,
    }));
  }

  private enabled(): boolean { return (this.config & HPET_CFG_ENABLE) !== 0; }

  /** hpet_get_ticks(): the main counter now. */
  hpet_get_ticks(): number {
    if (!this.enabled()) return this.hpet_counter;
    return this.hpet_counter + Math.floor((this.ctx.clock.now_ns() - this.started_ns) / HPET_CLK_PERIOD_NS);
  }

  private ticks_to_ns(ticks: number): number { return ticks * HPET_CLK_PERIOD_NS; }

  /** A register's 64 bits (BigInt: the capabilities and the timers' route caps fill the high half). */
  private read64(off: number): bigint {
    if (off === HPET_ID) return BigInt(HPET_CAP_ID) | (BigInt(HPET_CLK_PERIOD_NS * FS_PER_NS) << 32n);
    if (off === HPET_CFG) return BigInt(this.config);
    if (off === HPET_STATUS) return BigInt(this.isr);
    if (off === HPET_COUNTER) return BigInt(this.hpet_get_ticks());
    if (off >= 0x100 && off < 0x100 + 0x20 * HPET_NUM_TIMERS) {
      const t = this.timers[(off - 0x100) >> 5]!;
      const r = (off - 0x100) & 0x1f;
      if (r === HPET_TN_CFG) return BigInt(t.config) | (BigInt(HPET_INTCAP) << 32n);
      if (r === HPET_TN_CMP) return BigInt(t.cmp);
      if (r === HPET_TN_ROUTE) return BigInt(t.fsb);
    }
    return 0n;
  }

  /** hpet_ram_read(): 64-bit registers read whole or as 32-bit halves. */
  private hpet_ram_read(off: number, size: number): number | bigint {
    const v = this.read64(off & ~7);
    if (size === 8) return v;
    return Number(BigInt.asUintN(32, off & 4 ? v >> 32n : v));
  }

  /** hpet_ram_write(): a 32-bit write replaces its half; an 8-byte one the register. */
  private hpet_ram_write(off: number, value: number | bigint, size: number): void {
    const base = off & ~7;
    const old = this.read64(base);
    const v = BigInt.asUintN(64, BigInt(value));
    const nv = size === 8 ? v : off & 4 ? (old & 0xffffffffn) | (BigInt.asUintN(32, v) << 32n) : (old & ~0xffffffffn) | BigInt.asUintN(32, v);
    const low = Number(nv & 0xffffffffn);
    if (base === HPET_CFG) this.write_config(low & 3);
    else if (base === HPET_STATUS) this.isr &= ~low;
    else if (base === HPET_COUNTER) {
      // Writable only while the counter is halted, as the specification says (QEMU ignores it otherwise).
      if (this.enabled()) this.guest_error('access', 'HPET: writing the main counter while it runs has no effect; clear ENABLE_CNF first');
      else this.hpet_counter = Number(nv);
    } else if (base >= 0x100 && base < 0x100 + 0x20 * HPET_NUM_TIMERS) {
      const n = (base - 0x100) >> 5;
      const t = this.timers[n]!;
      const r = (base - 0x100) & 0x1f;
      if (r === HPET_TN_CFG) {
        const cfg = (t.config & ~HPET_TN_CFG_WRITE_MASK) | (low & HPET_TN_CFG_WRITE_MASK);
        const route = (cfg & HPET_TN_INT_ROUTE_MASK) >> HPET_TN_INT_ROUTE_SHIFT;
        if (!(HPET_INTCAP & (1 << route)) && cfg & HPET_TN_ENABLE) this.guest_error('config', `HPET timer ${n}: IRQ route ${route} is not in its capabilities (0x${HPET_INTCAP.toString(16)})`);
        t.config = cfg >>> 0;
      } else if (r === HPET_TN_CMP) {
        const val = Number(t.config & HPET_TN_32BIT ? nv & 0xffffffffn : nv);
        if (!(t.config & HPET_TN_PERIODIC) || t.config & HPET_TN_SETVAL) t.cmp = val;
        t.period = val;
        t.config &= ~HPET_TN_SETVAL;
      } else if (r === HPET_TN_ROUTE) t.fsb = Number(nv);
      this.hpet_set_timer(n);
    }
  }

  private write_config(cfg: number): void {
    const was = this.enabled();
    if (!was && cfg & HPET_CFG_ENABLE) this.started_ns = this.ctx.clock.now_ns();
    if (was && !(cfg & HPET_CFG_ENABLE)) this.hpet_counter = this.hpet_get_ticks();
    this.config = cfg;
    for (let n = 0; n < HPET_NUM_TIMERS; n++) this.hpet_set_timer(n);
  }

  /** hpet_set_timer(): arms the comparator's expiry in virtual time while the counter runs. */
  private hpet_set_timer(n: number): void {
    const q = this.qtimers[n]!;
    this.ctx.clock.timer_del(q);
    const t = this.timers[n]!;
    if (!this.enabled()) return;
    const now = this.hpet_get_ticks();
    const wrap = t.config & HPET_TN_32BIT ? 2 ** 32 : 2 ** 53;
    const diff = (((t.cmp - now) % wrap) + wrap) % wrap;
    this.ctx.clock.timer_mod(q, this.ctx.clock.now_ns() + this.ticks_to_ns(diff));
  }

  /** The GSI a comparator drives: legacy replacement's IRQ 0 (GSI 2 through the override) and IRQ 8, else its route. */
  private timer_gsi(n: number): number {
    if (this.config & HPET_CFG_LEGACY && n < 2) return n === 0 ? 2 : 8;
    return (this.timers[n]!.config & HPET_TN_INT_ROUTE_MASK) >> HPET_TN_INT_ROUTE_SHIFT;
  }

  /** hpet_timer(): the comparator matched: status bit, interrupt if enabled, the next period if periodic. */
  private hpet_timer(n: number): void {
    const t = this.timers[n]!;
    if (t.config & HPET_TN_PERIODIC && t.period) {
      t.cmp += t.period;
      this.hpet_set_timer(n);
    }
    if (!(t.config & HPET_TN_ENABLE)) return;
    if (t.config & HPET_TN_TYPE_LEVEL) this.isr |= 1 << n;
    qemu_irq_pulse(this.gsi[this.timer_gsi(n)]);
  }

  readonly vmsd: VMStateDescription<HPETState> = {
    name: 'hpet',
    fields: [['config', vmstate_info_scalar], ['isr', vmstate_info_scalar], ['hpet_counter', vmstate_info_scalar], ['started_ns', vmstate_info_scalar], ['timers', vmstate_info_json]],
  };
}
