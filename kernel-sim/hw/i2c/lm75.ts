// Models an LM75 temperature sensor on I2C (QEMU hw/sensor/tmp105.c, the National LM75 datasheet): pointer, temperature, configuration, T_HYST and T_OS registers, and the OS output pin.
import type { DTNode, DeviceTree } from '../../scripts/dtc/livetree.ts';
import { find_by_phandle, prop_cells, prop_u32 } from '../../scripts/dtc/livetree.ts';
import type { HwContext } from '../core/qdev.ts';
import type { TypeInfo } from '../core/qom.ts';
import { type VMStateDescription, vmstate_info_scalar } from '../core/vmstate.ts';
import { I2CSlave, type i2c_event } from './core.ts';
import { i2c_slave_plug } from './i2c_slave.ts';

/** Register pointer values (the low two bits of the pointer byte). */
export const LM75_REG_TEMP = 0, LM75_REG_CONF = 1, LM75_REG_HYST = 2, LM75_REG_TOS = 3;
/** Configuration bits. */
export const LM75_SHUTDOWN = 1 << 0, LM75_INT_MODE = 1 << 1, LM75_OS_POL = 1 << 2;

/** Millidegrees Celsius to the 9-bit two's-complement register (0.5 degC steps in bits 15..7). */
export function lm75_temp_to_reg(mc: number): number {
  const half = Math.round(Math.max(-55_000, Math.min(125_000, mc)) / 500);
  return (half << 7) & 0xff80;
}
/** The register back to millidegrees (sign-extended). */
export function lm75_reg_to_temp(reg: number): number {
  return ((reg << 16) >> 16 >> 7) * 500;
}

export class LM75State extends I2CSlave {
  readonly type_info = { name: 'lm75', desc: 'LM75 digital temperature sensor' };
  pointer = 0;
  /** Register values as the chip holds them (16-bit, MSB first on the wire). */
  temperature = lm75_temp_to_reg(25_000);
  config = 0;
  t_hyst = lm75_temp_to_reg(75_000);
  t_os = lm75_temp_to_reg(80_000);
  /** OS asserted (before polarity). */
  alarm = 0;
  /** Bytes of the current transfer: the first write is the pointer. */
  private len = 0;
  private readonly os_observers: Array<(level: number) => void> = [];

  constructor(ctx: HwContext, id: string, private readonly initial_mc = 25_000) {
    super(ctx, id);
  }

  /** The OS pin's electrical level: active low unless OS_POL is set. */
  os_level(): number {
    return this.alarm ^ (this.config & LM75_OS_POL ? 0 : 1);
  }

  on_os(cb: (level: number) => void): void {
    this.os_observers.push(cb);
  }

  private set_alarm(alarm: number): void {
    const before = this.os_level();
    this.alarm = alarm;
    const after = this.os_level();
    if (before !== after) for (const o of this.os_observers) o(after);
  }

  /** tmp105_alarm_update(): comparator mode follows T_OS/T_HYST; interrupt mode latches until a register is read. */
  private alarm_update(): void {
    if (this.config & LM75_SHUTDOWN) return;
    const t = lm75_reg_to_temp(this.temperature);
    if (t >= lm75_reg_to_temp(this.t_os)) this.set_alarm(1);
    else if (t < lm75_reg_to_temp(this.t_hyst) && !(this.config & LM75_INT_MODE)) this.set_alarm(0);
  }

  /** Host side: the temperature the die measures, in millidegrees Celsius; a shut-down chip keeps its last reading. */
  set_temperature(mc: number): void {
    if (this.config & LM75_SHUTDOWN) return;
    this.temperature = lm75_temp_to_reg(mc);
    this.alarm_update();
  }

  private reg_bytes(): number[] {
    const p = this.pointer & 3;
    if (p === LM75_REG_CONF) return [this.config];
    const v = p === LM75_REG_TEMP ? this.temperature : p === LM75_REG_HYST ? this.t_hyst : this.t_os;
    return [(v >> 8) & 0xff, v & 0xff];
  }

  event(ev: i2c_event): number {
    if (ev === 'I2C_START_SEND' || ev === 'I2C_START_RECV') this.len = 0;
    // Interrupt mode: reading any register clears OS.
    if (ev === 'I2C_START_RECV' && this.config & LM75_INT_MODE) this.set_alarm(0);
    return 0;
  }

  send(data: number): number {
    if (this.len++ === 0) {
      if (data & ~3) this.guest_error('access', `${this.id}: pointer byte 0x${data.toString(16)} has bits above 1 set; the LM75 has 4 registers`);
      this.pointer = data & 3;
      return 0;
    }
    const i = this.len - 2;
    const p = this.pointer & 3;
    if (p === LM75_REG_TEMP) {
      this.guest_error('access', `${this.id}: write to the read-only temperature register ignored`);
      return 0;
    }
    if (p === LM75_REG_CONF) {
      if (i === 0) this.config = data & 0x1f;
    } else {
      const key = p === LM75_REG_HYST ? 't_hyst' : 't_os';
      this[key] = i === 0 ? (data << 8) | (this[key] & 0xff) : (this[key] & 0xff00) | (data & 0x80);
    }
    this.alarm_update();
    return 0;
  }

  recv(): number {
    const bytes = this.reg_bytes();
    return bytes[this.len++ % bytes.length]!;
  }

  reset(): void {
    this.pointer = 0;
    this.config = 0;
    this.t_hyst = lm75_temp_to_reg(75_000);
    this.t_os = lm75_temp_to_reg(80_000);
    this.temperature = lm75_temp_to_reg(this.initial_mc);
    this.set_alarm(0);
  }

  readonly vmsd: VMStateDescription<LM75State> = {
    name: 'lm75',
    fields: [['pointer', vmstate_info_scalar], ['temperature', vmstate_info_scalar], ['config', vmstate_info_scalar], ['t_hyst', vmstate_info_scalar],
      ['t_os', vmstate_info_scalar], ['alarm', vmstate_info_scalar], ['len', vmstate_info_scalar]],
  };
}

/** `interrupts-extended = <&gpio line flags>` or `interrupt-parent` + `interrupts = <line flags>`: the controller node and the line the OS pin drives. */
function os_wiring(tree: DeviceTree, n: DTNode): { ctl: DTNode; line: number } | null {
  const ext = n.get_property('interrupts-extended');
  if (ext) {
    const c = prop_cells(ext);
    const ctl = find_by_phandle(tree, Number(c[0] ?? 0));
    return ctl && c.length >= 2 ? { ctl, line: Number(c[1]) } : null;
  }
  const ip = prop_u32(n, 'interrupt-parent');
  const irq = n.get_property('interrupts');
  if (ip === undefined || !irq) return null;
  const ctl = find_by_phandle(tree, ip);
  return ctl ? { ctl, line: Number(prop_cells(irq)[0] ?? 0) } : null;
}

export const types: TypeInfo<LM75State>[] = [{
  name: 'lm75', compatible: 'national,lm75', bus: 'i2c',
  instance_init: (ctx, n) => new LM75State(ctx, n.name, prop_u32(n, 'kwb,temperature-millicelsius') ?? 25_000),
  plug: (s, env) => {
    i2c_slave_plug(s, env);
    // The OS pin wired to a GPIO input: the line follows the pin (the controller is looked up when the pin moves,
    // since GPIO controllers are built after the PCI tree).
    const w = os_wiring(env.machine.tree, env.node);
    if (!w) return;
    const drive = (level: number) => env.machine.gpio_controllers.get(w.ctl.full_path)?.set_input(w.line, level);
    s.on_os(drive);
  },
}];
