// Models posix_spawnp/system as tools use them (find -exec, xargs, watch): fork, PATH search with execve, and waitpid.
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from './libc.ts';
import { ENOENT, EACCES } from '../../include/uapi/asm-generic/errno.ts';

/** execvp: tries each PATH directory; returns -errno when none could be executed. */
export function* execvp(c: Libc, argv: string[], env: string[] = c.environ()): KGen<number> {
  const name = argv[0];
  if (name.includes('/')) return yield* c.execve(name, argv, env);
  let err = -ENOENT;
  for (const dir of (c.getenv('PATH') ?? '/usr/local/bin:/usr/bin:/bin').split(':')) {
    const e = yield* c.execve(`${dir || '.'}/${name}`, argv, env);
    if (e === -EACCES) err = e;
  }
  return err;
}

/** Runs argv in a child and waits: the exit status (128+sig for a signal), 127 not found, 126 not executable. */
export function* spawn_wait(c: Libc, argv: string[], prog: string, setup?: (cc: Libc) => KGen<void>): KGen<number> {
  const pid = yield* c.fork(function* (cc) {
    if (setup) yield* setup(cc);
    const e = yield* execvp(cc, argv);
    yield* cc.write(2, `${prog}: ${argv[0]}: ${e === -ENOENT ? 'No such file or directory' : 'Permission denied'}\n`);
    return yield* cc.exit(e === -ENOENT ? 127 : 126);
  });
  if (pid < 0) return 126;
  for (;;) {
    const r = yield* c.waitpid(pid);
    if (typeof r === 'number') { if (r === -4) continue; return 126; }
    const st = r[1];
    if ((st & 0x7f) === 0) return (st >> 8) & 0xff;
    return 128 + (st & 0x7f);
  }
}
