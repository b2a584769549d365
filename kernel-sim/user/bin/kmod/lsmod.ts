// Models busybox lsmod: /proc/modules as "Module Size Used by" with the taint summary of /proc/sys/kernel/tainted.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';

function tainted_summary(t: number): string {
  return t ? `    Tainted: ${t & 1 ? 'P' : 'G'}${t & 2 ? 'F' : ' '}${t & 4 ? 'S' : ' '}` : '    Not tainted';
}

export function* lsmod_main(c: Libc): KGen<number> {
  const text = yield* c.read_text('/proc/modules');
  if (typeof text === 'number') { yield* c.write(2, "lsmod: can't open '/proc/modules': No such file or directory\n"); return 1; }
  const tt = yield* c.read_text('/proc/sys/kernel/tainted');
  const taint = typeof tt === 'number' ? 0 : Number(tt.trim()) || 0;
  let out = `Module                  Size  Used by${tainted_summary(taint)}\n`;
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [name = '', size = '', refs = '', deps = ''] = line.split(' ');
    const users = deps === '-' ? '' : deps.replace(/,$/, '');
    out += `${name.padEnd(19)} ${size.padStart(8)} ${refs.padStart(2)} ${users}\n`;
  }
  yield* c.write(1, out);
  return 0;
}
