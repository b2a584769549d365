// Shared helpers of the input tests: the default machine (with its i8042 and PS/2 keyboard) and key presses at a virtual time.
import { Machine } from '../../../kernel-sim/machine.ts';
import { machine_hw } from '../../../kernel-sim/machine/hardware.ts';
import { machine_kbd } from '../../../kernel-sim/hw/input/pckbd.ts';
import { ktime_get, NSEC_PER_MSEC } from '../../../kernel-sim/kernel/time/timekeeping.ts';
import { machineSource } from '../hw/machine-harness.ts';

export function bootDefault(): Machine {
  const m = new Machine({ dts: machineSource('default.dts'), dtsName: 'default.dts' });
  m.boot();
  return m;
}

/** Presses or releases a key on the machine's PS/2 keyboard `ms` milliseconds of virtual time from now (a timer of the keyboard model). */
export function pressAt(m: Machine, ms: number, keycode: number, down: boolean): void {
  m.inspect(() => {
    const kbd = machine_kbd(machine_hw());
    if (!kbd) throw new Error('no PS/2 keyboard');
    const t = kbd.ctx.clock.timer_new_ns(() => { kbd.key_event(keycode, down); });
    kbd.ctx.clock.timer_mod(t, ktime_get() + ms * NSEC_PER_MSEC);
  });
}
