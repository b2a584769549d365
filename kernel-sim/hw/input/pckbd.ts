// Models QEMU hw/input/pckbd.c: the i8042 keyboard controller at ports 0x60 (data) and 0x64 (status/command), its command byte (CTR) with XLATE, its own commands, and IRQ 1 (keyboard) / IRQ 12 (aux).
import { type qemu_irq, qemu_set_irq } from '../core/irq.ts';
import { MemoryRegion } from '../core/memory.ts';
import { DeviceState, type HwContext } from '../core/qdev.ts';
import { type VMStateDescription, type VMStateInfo, vmstate_info_numbers, vmstate_info_scalar } from '../core/vmstate.ts';
import type { TypeInfo } from '../core/qom.ts';
import type { ICH9LPCState } from '../isa/lpc_ich9.ts';
import { prop_cells } from '../../scripts/dtc/livetree.ts';
import { PS2KbdState } from './ps2.ts';

export const KBD_STAT_OBF = 0x01, KBD_STAT_IBF = 0x02, KBD_STAT_SELFTEST = 0x04, KBD_STAT_CMD = 0x08;
export const KBD_STAT_UNLOCKED = 0x10, KBD_STAT_MOUSE_OBF = 0x20;
export const KBD_MODE_KBD_INT = 0x01, KBD_MODE_MOUSE_INT = 0x02, KBD_MODE_SYS = 0x04, KBD_MODE_DISABLE_KBD = 0x10;
export const KBD_MODE_DISABLE_MOUSE = 0x20, KBD_MODE_KCC = 0x40;

export const KBD_CCMD_READ_MODE = 0x20, KBD_CCMD_WRITE_MODE = 0x60, KBD_CCMD_MOUSE_DISABLE = 0xa7, KBD_CCMD_MOUSE_ENABLE = 0xa8;
export const KBD_CCMD_TEST_MOUSE = 0xa9, KBD_CCMD_SELF_TEST = 0xaa, KBD_CCMD_KBD_TEST = 0xab, KBD_CCMD_KBD_DISABLE = 0xad;
export const KBD_CCMD_KBD_ENABLE = 0xae, KBD_CCMD_READ_INPORT = 0xc0, KBD_CCMD_READ_OUTPORT = 0xd0, KBD_CCMD_WRITE_OUTPORT = 0xd1;
export const KBD_CCMD_WRITE_OBUF = 0xd2, KBD_CCMD_WRITE_AUX_OBUF = 0xd3, KBD_CCMD_WRITE_MOUSE = 0xd4;

/** Where the byte in the output buffer came from. */
const SRC_KBD = 0, SRC_AUX = 1;

/** The command byte SeaBIOS leaves behind: keyboard interrupt on, system flag, aux disabled, XLATE on. */
export const KBD_MODE_BIOS = KBD_MODE_KBD_INT | KBD_MODE_SYS | KBD_MODE_DISABLE_MOUSE | KBD_MODE_KCC;

export class KBDState extends DeviceState {
  readonly type_info = { name: 'i8042', desc: 'PS/2 keyboard controller (i8042)' };
  status = KBD_STAT_CMD | KBD_STAT_UNLOCKED;
  mode = KBD_MODE_BIOS;
  outport = 0x03;
  /** The controller command waiting for its data byte (0x60, 0xd1-0xd4), else 0. */
  write_cmd = 0;
  /** Controller replies queue ahead of the devices', with their source port. */
  ctl_queue: number[] = [];
  obdata = 0;
  obsrc = SRC_KBD;
  /** Bytes the (absent) aux device would send: only what 0xd3 writes loop back. */
  aux_queue: number[] = [];
  readonly kbd: PS2KbdState;
  readonly data_io: MemoryRegion;
  readonly cmd_io: MemoryRegion;
  irq_kbd: qemu_irq | null = null;
  irq_mouse: qemu_irq | null = null;

  constructor(ctx: HwContext, id: string) {
    super(ctx, id);
    this.kbd = new PS2KbdState(() => this.kbd_update_irq());
    const valid = { min_access_size: 1, max_access_size: 1, check: (_o: number, s: number) => (s !== 1 ? 'the i8042 registers are 8 bits wide: use inb/outb' : null) };
    this.data_io = new MemoryRegion(this, 'i8042-data', 1, { read: () => this.kbd_read_data(), write: (_o, v) => this.kbd_write_data(Number(v)), valid });
    this.cmd_io = new MemoryRegion(this, 'i8042-cmd', 1, { read: () => this.kbd_read_status(), write: (_o, v) => this.kbd_write_command(Number(v)), valid });
  }

  reset(): void {
    this.mode = KBD_MODE_BIOS;
    this.status = KBD_STAT_CMD | KBD_STAT_UNLOCKED;
    this.outport = 0x03;
    this.write_cmd = 0;
    this.ctl_queue = [];
    this.aux_queue = [];
    this.kbd.reset();
    this.kbd.translate = this.mode & KBD_MODE_KCC ? 1 : 0;
    this.kbd_update_irq();
  }

  /** kbd_update_irq(): fill an empty output buffer (controller, then keyboard, then aux) and drive IRQ 1 / IRQ 12. */
  kbd_update_irq(): void {
    if (!(this.status & KBD_STAT_OBF)) {
      if (this.ctl_queue.length) {
        this.obdata = this.ctl_queue.shift()!;
        this.obsrc = SRC_KBD;
        this.status |= KBD_STAT_OBF;
      } else if (this.kbd.queue.length && !(this.mode & KBD_MODE_DISABLE_KBD)) {
        this.obdata = this.kbd.queue.shift()!;
        this.obsrc = SRC_KBD;
        this.status |= KBD_STAT_OBF;
      } else if (this.aux_queue.length && !(this.mode & KBD_MODE_DISABLE_MOUSE)) {
        this.obdata = this.aux_queue.shift()!;
        this.obsrc = SRC_AUX;
        this.status |= KBD_STAT_OBF | KBD_STAT_MOUSE_OBF;
      }
    }
    const full = (this.status & KBD_STAT_OBF) !== 0;
    qemu_set_irq(this.irq_kbd, full && this.obsrc === SRC_KBD && this.mode & KBD_MODE_KBD_INT ? 1 : 0);
    qemu_set_irq(this.irq_mouse, full && this.obsrc === SRC_AUX && this.mode & KBD_MODE_MOUSE_INT ? 1 : 0);
  }

  private kbd_queue(b: number, src = SRC_KBD): void {
    if (src === SRC_AUX) this.aux_queue.push(b & 0xff);
    else this.ctl_queue.push(b & 0xff);
    this.kbd_update_irq();
  }

  kbd_read_status(): number { return this.status; }

  /** kbd_read_data(): takes the output buffer; the next byte, if any, raises the line again. */
  kbd_read_data(): number {
    const v = this.obdata;
    if (this.status & KBD_STAT_OBF) {
      this.status &= ~(KBD_STAT_OBF | KBD_STAT_MOUSE_OBF);
      qemu_set_irq(this.irq_kbd, 0);
      qemu_set_irq(this.irq_mouse, 0);
      this.kbd_update_irq();
    }
    return v;
  }

  private set_mode(v: number): void {
    this.mode = v & 0xff;
    this.kbd.translate = this.mode & KBD_MODE_KCC ? 1 : 0;
    this.kbd_update_irq();
  }

  kbd_write_command(val: number): void {
    switch (val & 0xff) {
      case KBD_CCMD_READ_MODE: this.kbd_queue(this.mode); return;
      case KBD_CCMD_WRITE_MODE: case KBD_CCMD_WRITE_OBUF: case KBD_CCMD_WRITE_AUX_OBUF: case KBD_CCMD_WRITE_MOUSE: case KBD_CCMD_WRITE_OUTPORT:
        this.write_cmd = val & 0xff;
        return;
      case KBD_CCMD_MOUSE_DISABLE: this.set_mode(this.mode | KBD_MODE_DISABLE_MOUSE); return;
      case KBD_CCMD_MOUSE_ENABLE: this.set_mode(this.mode & ~KBD_MODE_DISABLE_MOUSE); return;
      case KBD_CCMD_TEST_MOUSE: this.kbd_queue(0x00); return;
      case KBD_CCMD_SELF_TEST: this.status |= KBD_STAT_SELFTEST; this.kbd_queue(0x55); return;
      case KBD_CCMD_KBD_TEST: this.kbd_queue(0x00); return;
      case KBD_CCMD_KBD_DISABLE: this.set_mode(this.mode | KBD_MODE_DISABLE_KBD); return;
      case KBD_CCMD_KBD_ENABLE: this.set_mode(this.mode & ~KBD_MODE_DISABLE_KBD); return;
      case KBD_CCMD_READ_INPORT: this.kbd_queue(0x80); return;
      case KBD_CCMD_READ_OUTPORT: this.kbd_queue(this.outport); return;
      default:
        if ((val & 0xf0) === 0xf0) return; // pulse output lines (0xfe would reset the CPU; not modelled)
        this.guest_error('unimplemented', `unsupported keyboard controller command 0x${(val & 0xff).toString(16)}`);
    }
  }

  kbd_write_data(val: number): void {
    const cmd = this.write_cmd;
    this.write_cmd = 0;
    switch (cmd) {
      case 0:
        // Sending data to the keyboard re-enables its port.
        this.kbd.write(val & 0xff);
        this.set_mode(this.mode & ~KBD_MODE_DISABLE_KBD);
        return;
      case KBD_CCMD_WRITE_MODE: this.set_mode(val); return;
      case KBD_CCMD_WRITE_OBUF: this.kbd_queue(val, SRC_KBD); return;
      case KBD_CCMD_WRITE_AUX_OBUF: this.kbd_queue(val, SRC_AUX); return;
      case KBD_CCMD_WRITE_OUTPORT: this.outport = val & 0xff; return;
      case KBD_CCMD_WRITE_MOUSE: return; // no PS/2 mouse on the aux port: the byte is lost, as with nothing plugged in
    }
  }

  /** A host key (Linux keycode) pressed or released on the PS/2 keyboard; false if the keyboard has no such key. */
  key_event(keycode: number, down: boolean): boolean { return this.kbd.key_event(keycode, down); }

  readonly vmsd: VMStateDescription<KBDState> = {
    name: 'pckbd',
    fields: [
      ...(['status', 'mode', 'outport', 'write_cmd', 'obdata', 'obsrc'] as const).map((f) => [f, vmstate_info_scalar] as const),
      ['ctl_queue', vmstate_info_numbers], ['aux_queue', vmstate_info_numbers], ['kbd', vmstate_info_ps2kbd],
    ],
    post_load: (d) => d.kbd_update_irq(),
  };
}

/** vmstate_ps2_keyboard as a sub-section of the controller: the keyboard's fields copied in and out. */
const vmstate_info_ps2kbd: VMStateInfo<unknown> = {
  put: (d) => {
    const k = (d as KBDState).kbd as unknown as Record<string, unknown>;
    return Object.fromEntries(PS2KbdState.fields.map((f) => [f, Array.isArray(k[f]) ? [...(k[f] as number[])] : k[f]]));
  },
  get: (d, _f, v) => {
    const k = (d as KBDState).kbd as unknown as Record<string, unknown>;
    for (const f of PS2KbdState.fields) {
      const x = (v as Record<string, unknown>)[f];
      k[f] = Array.isArray(x) ? [...(x as number[])] : x;
    }
  },
};

/** An i8042 node on the ISA bus: reg = <1 0x60 1>, <1 0x64 1>; interrupts = <1 ...>, <12 ...> (the keyboard's and the aux port's). */
export const types: TypeInfo<KBDState>[] = [{
  name: 'i8042', compatible: 'intel,8042', bus: 'isa',
  instance_init: (ctx) => new KBDState(ctx, 'i8042'),
  plug: (s, env) => {
    const reg = prop_cells(env.node.get_property('reg')!);
    if (reg.length < 6 || Number(reg[0]) !== 1 || Number(reg[3]) !== 1) { env.fail(`"reg" of ${env.node.full_path} must be two I/O port ranges: <1 0x60 1>, <1 0x64 1>`); return; }
    const irqs = env.node.get_property('interrupts') ? prop_cells(env.node.get_property('interrupts')!).map(Number) : [1, 1, 12, 1];
    const lpc = env.parent as ICH9LPCState;
    s.irq_kbd = lpc.isa_get_irq(irqs[0] ?? 1);
    s.irq_mouse = lpc.isa_get_irq(irqs[2] ?? 12);
    env.machine.system_io.memory_region_add_subregion(Number(reg[1]), s.data_io);
    env.machine.system_io.memory_region_add_subregion(Number(reg[4]), s.cmd_io);
  },
}];

/** The machine's PS/2 keyboard controller, if its boot config has one (where host key presses go). */
export function machine_kbd(m: { devices: readonly { dev: unknown }[] } | null): KBDState | null {
  const d = m?.devices.find((x) => x.dev instanceof KBDState);
  return (d?.dev as KBDState | undefined) ?? null;
}
