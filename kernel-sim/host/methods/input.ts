// Handlers of the input methods: host key presses into the machine's PS/2 keyboard model, a millisecond of virtual time each (a PS/2 byte takes about that).
import { inputApi } from '../../api/methods/input.ts';
import { INPUT_EVENT_CODES } from '../../include/uapi/linux/input-event-codes.ts';
import { machine_hw } from '../../machine/hardware.ts';
import { MachineError } from '../../machine/types.ts';
import { machine_kbd } from '../../hw/input/pckbd.ts';
import { NSEC_PER_MSEC } from '../../kernel/time/timekeeping.ts';
import { defineMethods } from './define.ts';

const CODES = INPUT_EVENT_CODES as Readonly<Record<string, number>>;

/** A key's Linux code from its name (KEY_A) or number. */
export function key_code(key: string | number): number {
  if (typeof key === 'number') return key;
  const c = CODES[key];
  if (c === undefined) throw new MachineError('EINVAL', `unknown key ${key}: use a KEY_* name from linux/input-event-codes.h`);
  return c;
}

export const inputMethods = defineMethods(inputApi, {
  'input.keys': (params, ctx) => {
    const m = ctx.machine();
    const codes = params.keys.map((k) => ({ code: key_code(k.key), down: k.down, name: k.key }));
    let sent = 0;
    for (const k of codes) {
      const ok = m.inspect(() => {
        const kbd = machine_kbd(machine_hw());
        if (!kbd) throw new MachineError('ENODEV', 'this machine has no PS/2 keyboard (no "intel,8042" node in its boot config)');
        return kbd.key_event(k.code, k.down);
      });
      if (!ok) throw new MachineError('EINVAL', `the PS/2 keyboard has no key ${k.name}`);
      m.runFor(NSEC_PER_MSEC);
      sent++;
    }
    return { sent };
  },
});
