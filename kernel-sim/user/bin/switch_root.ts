// Models busybox util-linux/switch_root.c: as PID 1, make NEW_ROOT (a mount point) the root with mount --move and chroot, then exec NEW_INIT.
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from '../lib/libc.ts';
import { strerror } from '../lib/libc.ts';
import { MS_MOVE } from '../../fs/namespace.ts';

const USAGE = 'Usage: switch_root [-c CONSOLE_DEV] NEW_ROOT NEW_INIT [ARGS]\n';

export function* switch_root_main(c: Libc, argv: string[]): KGen<number> {
  const die = function* (msg: string): KGen<number> { yield* c.write(2, `switch_root: ${msg}\n`); return 1; };
  let args = argv.slice(1);
  if (args[0] === '-c' && args.length > 1) args = args.slice(2); // the console stays as init left it
  if (args.length < 2) { yield* c.write(2, USAGE); return 1; }
  const [newroot, init, ...rest] = args;
  if ((yield* c.getpid()) !== 1) return yield* die('PID must be 1');
  let r = yield* c.chdir(newroot);
  if (r < 0) return yield* die(`can't change directory to '${newroot}': ${strerror(-r)}`);
  const dot = yield* c.stat('.');
  const slash = yield* c.stat('/');
  if (typeof dot === 'number' || typeof slash === 'number' || dot.dev === slash.dev) return yield* die(`'${newroot}' is not a mountpoint`);
  r = yield* c.mount('.', '/', '', MS_MOVE, '');
  if (r < 0) return yield* die(`error moving root: ${strerror(-r)}`);
  r = yield* c.chroot('.');
  if (r < 0) return yield* die(`can't change root directory to '.': ${strerror(-r)}`);
  r = yield* c.chdir('/');
  if (r < 0) return yield* die(`can't change directory to '/': ${strerror(-r)}`);
  r = yield* c.execve(init, [init, ...rest]);
  return yield* die(`can't execute '${init}': ${strerror(-r)}`);
}
