// Models i2c-tools 4.3 tools/util.c: user_ack() behind the WARNING/Continue prompt the tools show without -y.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';

/** Prints the warning, `what`, then "Continue? [Y/n] "; an empty line or y/Y goes on. */
export function* confirm_prompt(c: Libc, what: string, dflt = true): KGen<boolean> {
  yield* c.write(2, `WARNING! This program can confuse your I2C bus, cause data loss and worse!\n${what}Continue? [${dflt ? 'Y/n' : 'y/N'}] `);
  const ans = yield* c.read(0, 64);
  const s = typeof ans === 'number' ? '' : new TextDecoder().decode(ans);
  const ok = s[0] === '\n' ? dflt : s[0] === 'y' || s[0] === 'Y';
  if (!ok) yield* c.write(2, 'Aborting on user request.\n');
  return ok;
}
