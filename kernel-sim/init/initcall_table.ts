// Models the .initcall*.init sections the linker assembles: every subsystem's init function at its level, in link order.
import { define_initcall } from './initcalls.ts';
import { init_pipe_fs } from '../fs/pipe.ts';
import { init_ramfs_fs } from '../fs/ramfs/inode.ts';
import { chr_dev_init, mem_devices, mem_dev } from '../drivers/char/mem.ts';
import { tty_init, TTYAUX_MAJOR } from '../drivers/tty/tty_io.ts';
import { serial8250_init, TTY_MAJOR, SERIAL_MINOR_BASE, UART_NR } from '../drivers/tty/serial/8250_core.ts';
import { populate_rootfs } from './initramfs.ts';
import { devtmpfs_init, devtmpfs_create_node } from '../drivers/base/devtmpfs.ts';
import { register_binfmt, script_format } from '../fs/exec.ts';
import { init_kwb_binfmt } from '../fs/binfmt_kwb.ts';
import { MKDEV } from '../include/linux/fs_types.ts';
import { extra_initcalls } from './initcall_extra.ts';
import '../fs/proc/root.ts';
import '../kernel/hung_task.ts';

export function register_initcalls(): void {
  // driver_init() runs before the initcalls; devtmpfs comes up there.
  define_initcall('early', 'devtmpfs_init', devtmpfs_init, 1_200_000);
  define_initcall('core', 'init_script_binfmt', () => { register_binfmt(script_format); return 0; }, 4_000);
  define_initcall('core', 'init_kwb_binfmt', init_kwb_binfmt, 4_000);
  define_initcall('fs', 'init_pipe_fs', init_pipe_fs, 90_000);
  define_initcall('fs', 'init_ramfs_fs', init_ramfs_fs, 30_000);
  define_initcall('fs', 'chr_dev_init', () => {
    const r = chr_dev_init();
    for (const d of mem_devices) devtmpfs_create_node(d.name, d.mode, mem_dev(d.minor));
    tty_init();
    devtmpfs_create_node('tty', 0o666, MKDEV(TTYAUX_MAJOR, 0), 0, 5);
    devtmpfs_create_node('console', 0o600, MKDEV(TTYAUX_MAJOR, 1));
    return r;
  }, 2_400_000);
  define_initcall('rootfs', 'populate_rootfs', populate_rootfs, 10_000_000);
  define_initcall('device', 'serial8250_init', () => {
    const r = serial8250_init();
    for (let i = 0; i < UART_NR; i++) devtmpfs_create_node(`ttyS${i}`, 0o660, MKDEV(TTY_MAJOR, SERIAL_MINOR_BASE + i), 0, 20);
    return r;
  }, 5_600_000);
  for (const [level, name, fn, cost] of extra_initcalls()) define_initcall(level, name, fn, cost);
}
