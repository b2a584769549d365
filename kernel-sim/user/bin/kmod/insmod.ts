// Models busybox insmod: insmod FILE [SYMBOL=VALUE]... through finit_module.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../../include/uapi/asm-generic/errno.ts';
import { load_file } from './common.ts';

export function* insmod_main(c: Libc, argv: string[]): KGen<number> {
  const file = argv[1];
  if (!file) {
    yield* c.write(2, 'BusyBox v1.36.1 (Debian 1:1.36.1-9) multi-call binary.\n\nUsage: insmod FILE [SYMBOL=VALUE]...\n\nLoad kernel module\n');
    return 1;
  }
  const r = yield* load_file(c, file, argv.slice(2).join(' '));
  if (r < 0) {
    yield* c.write(2, `insmod: can't insert '${file}': ${strerror(-r)}\n`);
    return 1;
  }
  return 0;
}
