// Models GNU coreutils nice(1): prints the niceness, or runs a command with it raised by N (-n N, -N; 10 by default) through setpriority.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { execvp } from '../../lib/spawn.ts';

const PRIO_PROCESS = 0;

export function* nice_main(c: Libc, argv: string[]): KGen<number> {
  let i = 1, adj: string | null = null;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (a === '-n' || a === '--adjustment') { adj = argv[++i] ?? ''; continue; }
    if (a.startsWith('--adjustment=')) { adj = a.slice(13); continue; }
    if (/^-n.+/.test(a)) { adj = a.slice(2); continue; }
    if (/^-[-+]?\d+$/.test(a)) { adj = a.slice(1); continue; } // the obsolete -N form
    if (a.startsWith('-') && a !== '-') {
      yield* c.write(2, `nice: invalid option -- '${a.slice(1, 2)}'\nTry 'nice --help' for more information.\n`);
      return 125;
    }
    break;
  }
  // getpriority returns 20 - nice (so that no nice value looks like an error).
  const cur = yield* c.syscall('getpriority', PRIO_PROCESS, 0);
  const nice_now = 20 - cur;
  if (i >= argv.length) {
    if (adj !== null) { yield* c.write(2, 'nice: a command must be given with an adjustment\nTry \'nice --help\' for more information.\n'); return 125; }
    yield* c.write(1, `${nice_now}\n`);
    return 0;
  }
  if (adj !== null && !/^[-+]?\d+$/.test(adj)) { yield* c.write(2, `nice: invalid adjustment '${adj}'\n`); return 125; }
  const n = Math.min(19, Math.max(-20, nice_now + (adj === null ? 10 : Number(adj))));
  const r = yield* c.syscall('setpriority', PRIO_PROCESS, 0, n);
  if (r < 0) yield* c.write(2, `nice: cannot set niceness: ${strerror(-r)}\n`);
  const e = yield* execvp(c, argv.slice(i));
  yield* c.write(2, `nice: '${argv[i]}': ${strerror(-e)}\n`);
  return e === -2 ? 127 : 126;
}
