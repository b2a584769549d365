// Models debianutils which(1): the first (or with -a every) executable regular file named so in PATH; exit 1 when any is missing.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { S_ISREG } from '../../../include/uapi/stat.ts';

export function* which_main(c: Libc, argv: string[]): KGen<number> {
  let all = false;
  const names: string[] = [];
  for (const a of argv.slice(1)) {
    if (a === '-a') all = true;
    else if (a.startsWith('-') && names.length === 0 && a !== '-') { yield* c.write(2, `Illegal option -${a.slice(1)}\nUsage: ${argv[0]} [-a] args\n`); return 2; }
    else names.push(a);
  }
  if (!names.length) return 1;
  let status = 0;
  const path = (c.getenv('PATH') ?? '/usr/bin:/bin').split(':');
  for (const n of names) {
    let found = false;
    const cands = n.includes('/') ? [n] : path.map((d) => `${d || '.'}/${n}`);
    for (const p of cands) {
      const st = yield* c.stat(p);
      if (typeof st === 'number' || !S_ISREG(st.mode)) continue;
      if ((yield* c.access(p, 1)) !== 0) continue;
      yield* c.write(1, p + '\n');
      found = true;
      if (!all) break;
    }
    if (!found) status = 1;
  }
  return status;
}
