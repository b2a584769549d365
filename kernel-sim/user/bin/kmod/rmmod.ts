// Models busybox rmmod: rmmod [-wf] MODULE... through delete_module (refused while the module is in use).
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../../include/uapi/asm-generic/errno.ts';
import { modname } from './common.ts';

const O_NONBLOCK = 0o4000, O_TRUNC = 0o1000;

export function* rmmod_main(c: Libc, argv: string[]): KGen<number> {
  let flags = O_NONBLOCK;
  const names: string[] = [];
  for (const a of argv.slice(1)) {
    if (a === '-w') flags &= ~O_NONBLOCK;
    else if (a === '-f') flags |= O_TRUNC;
    else if (a.startsWith('-')) continue;
    else names.push(a);
  }
  if (!names.length) {
    yield* c.write(2, 'BusyBox v1.36.1 (Debian 1:1.36.1-9) multi-call binary.\n\nUsage: rmmod [-wfa] [MODULE]...\n\nUnload kernel modules\n');
    return 1;
  }
  let status = 0;
  for (const n of names) {
    const name = modname(n);
    const r = yield* c.scratch(function* () { return yield* c.syscall('delete_module', c.cstr(name), flags); });
    if (r < 0) {
      yield* c.write(2, `rmmod: can't unload module '${name}': ${strerror(-r)}\n`);
      status = 1;
    }
  }
  return status;
}
