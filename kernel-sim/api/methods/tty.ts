// Protocol methods of terminals: a shell on a new tty, keyboard input, window size, hang-up.
import { z } from 'zod';
import { Empty, TtyNameSchema } from '../protocol.ts';
import { methodSchemas } from '../method-schema.ts';

const Size = z.number().int().min(1).max(1000);

export const ttyApi = methodSchemas({
  /** Opens a terminal on the guest: a shell on a new tty; returns its name. */
  'tty.open': { params: z.object({ cols: Size.optional(), rows: Size.optional() }).strict(), result: z.object({ tty: z.string() }).strict() },
  /** Bytes typed into a terminal (keyboard input, UTF-8 text). */
  'tty.input': { params: z.object({ tty: TtyNameSchema, data: z.string().max(65536) }).strict(), result: Empty },
  'tty.resize': { params: z.object({ tty: TtyNameSchema, cols: Size, rows: Size }).strict(), result: Empty },
  'tty.close': { params: z.object({ tty: TtyNameSchema }).strict(), result: Empty },
});
