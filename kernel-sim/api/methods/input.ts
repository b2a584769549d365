// Protocol methods of the input subsystem: keys pressed and released on the machine's PS/2 keyboard (the UI's "Keyboard" mode).
import { z } from 'zod';
import { methodSchemas } from '../method-schema.ts';

/** A Linux key: its KEY_ or BTN_ name from input-event-codes.h, or its code. */
export const KeyNameSchema = z.union([z.string().regex(/^(KEY|BTN)_[A-Z0-9_]+$/).max(40), z.number().int().min(1).max(0x2ff)]);

export const inputApi = methodSchemas({
  /**
   * Keys pressed (down) and released on the machine's keyboard, in order: each
   * goes through the keyboard's scancodes and the i8042 to atkbd, and out of
   * /dev/input/eventN. ENODEV when the machine has no PS/2 keyboard; EINVAL
   * for a key the keyboard does not have.
   */
  'input.keys': {
    params: z.object({ keys: z.array(z.object({ key: KeyNameSchema, down: z.boolean() }).strict()).min(1).max(256) }).strict(),
    result: z.object({ sent: z.number().int() }).strict(),
  },
});
