// /init of the initramfs, as a minimal busybox initramfs script does it: mount /proc, read root=/rootfstype=/init= from /proc/cmdline; with root=, mount it on /root and switch_root into it, otherwise exec init= from the initramfs.
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from '../lib/libc.ts';
import { strerror } from '../lib/libc.ts';
import { MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_RDONLY } from '../../fs/namespace.ts';

/** The value of `key=` on the kernel command line (the last word that starts with it wins, as a shell loop over $(cat /proc/cmdline) would). */
export function cmdline_value(cmdline: string, key: string): string | null {
  let v: string | null = null;
  for (const w of cmdline.trim().split(/\s+/)) if (w.startsWith(key + '=')) v = w.slice(key.length + 1);
  return v;
}

/** How long /init waits for the root device to appear (rootdelay= seconds, as initramfs-tools' ROOTDELAY; 30 by default). */
const ROOT_WAIT_STEP_NS = 100_000_000;

/**
 * The real root: devtmpfs on /dev for the device node, then root= mounted on /root with
 * rootfstype= (ro unless rw is on the command line, as the kernel's own mount_root).
 * Returns 0, or the error already reported (the initramfs stays the root then).
 */
function* mount_real_root(c: Libc, cmdline: string, root: string): KGen<number> {
  const words = cmdline.trim().split(/\s+/);
  const rw = words.lastIndexOf('rw') > words.lastIndexOf('ro');
  const fstype = cmdline_value(cmdline, 'rootfstype') ?? 'ext2';
  const delay = Number(cmdline_value(cmdline, 'rootdelay') ?? 30);
  yield* c.mount('devtmpfs', '/dev', 'devtmpfs', MS_NOSUID);
  // The disk's driver may still be probing: wait for its node as initramfs-tools does.
  for (let waited = 0; typeof (yield* c.stat(root)) === 'number' && waited < delay * 1e9; waited += ROOT_WAIT_STEP_NS) yield* c.nanosleep(ROOT_WAIT_STEP_NS);
  const r = yield* c.mount(root, '/root', fstype, rw ? 0 : MS_RDONLY);
  if (r < 0) yield* c.write(2, `/init: mounting ${root} on /root failed: ${strerror(-r)}\n`);
  return r;
}

export function* initramfs_init_main(c: Libc, argv: string[], envp: string[]): KGen<number> {
  yield* c.mount('proc', '/proc', 'proc', MS_NOSUID | MS_NODEV | MS_NOEXEC);
  const text = yield* c.read_text('/proc/cmdline');
  const cmdline = typeof text === 'string' ? text : '';
  const init = cmdline_value(cmdline, 'init') ?? '/sbin/init';
  const root = cmdline_value(cmdline, 'root');
  const on_real_root = root !== null && (yield* mount_real_root(c, cmdline, root)) === 0;
  // The real init mounts /proc itself.
  yield* c.umount('/proc');
  if (on_real_root) {
    const e = yield* c.execve('/sbin/switch_root', ['switch_root', '/root', init, ...argv.slice(1)], envp);
    yield* c.write(2, `/init: exec switch_root: ${strerror(-e)}\n`);
  }
  const e = yield* c.execve(init, [init, ...argv.slice(1)], envp);
  yield* c.write(2, `/init: exec ${init}: ${strerror(-e)}\n`);
  return 1;
}
