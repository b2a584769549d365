// Models ncurses clear(1) for TERM=xterm/linux: home the cursor, erase the screen and (unless -x) the scrollback (E3).
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';

export function* clear_main(c: Libc, argv: string[]): KGen<number> {
  const keep_scrollback = argv.includes('-x');
  const term = c.getenv('TERM') ?? 'xterm';
  if (term === 'dumb') { yield* c.write(2, "clear: terminal 'dumb' cannot clear\n"); return 1; }
  yield* c.write(1, keep_scrollback ? '\x1b[H\x1b[2J' : '\x1b[H\x1b[2J\x1b[3J');
  return 0;
}
