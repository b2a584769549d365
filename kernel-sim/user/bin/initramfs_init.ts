// /init of the initramfs, as a minimal busybox initramfs script does it: mount /proc, read init= from /proc/cmdline, then exec it.
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from '../lib/libc.ts';
import { strerror } from '../lib/libc.ts';
import { MS_NOSUID, MS_NODEV, MS_NOEXEC } from '../../fs/namespace.ts';

/** The value of `key=` on the kernel command line (the last word that starts with it wins, as a shell loop over $(cat /proc/cmdline) would). */
export function cmdline_value(cmdline: string, key: string): string | null {
  let v: string | null = null;
  for (const w of cmdline.trim().split(/\s+/)) if (w.startsWith(key + '=')) v = w.slice(key.length + 1);
  return v;
}

export function* initramfs_init_main(c: Libc, argv: string[], envp: string[]): KGen<number> {
  yield* c.mount('proc', '/proc', 'proc', MS_NOSUID | MS_NODEV | MS_NOEXEC);
  const cmdline = yield* c.read_text('/proc/cmdline');
  const init = (typeof cmdline === 'string' ? cmdline_value(cmdline, 'init') : null) ?? '/sbin/init';
  // The real init mounts /proc itself.
  yield* c.umount('/proc');
  const e = yield* c.execve(init, [init, ...argv.slice(1)], envp);
  yield* c.write(2, `/init: exec ${init}: ${strerror(-e)}\n`);
  return 1;
}
