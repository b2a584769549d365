// Models the .initcall*.init sections the linker assembles: every subsystem's init function at its level, in link order.
import { define_initcall } from './initcalls.ts';
import { init_pipe_fs } from '../fs/pipe.ts';
import { init_ramfs_fs } from '../fs/ramfs/inode.ts';
import { chr_dev_init } from '../drivers/char/mem.ts';
import { tty_init } from '../drivers/tty/tty_io.ts';
import { serial8250_init } from '../drivers/tty/serial/8250_core.ts';
import { populate_rootfs } from './initramfs.ts';
import { devtmpfs_init } from '../drivers/base/devtmpfs.ts';
import { register_binfmt, script_format } from '../fs/exec.ts';
import { init_kwb_binfmt } from '../fs/binfmt_kwb.ts';
import { extra_initcalls } from './initcall_extra.ts';
import '../fs/proc/root.ts';
import '../kernel/hung_task.ts';
import '../arch/x86/pci/init.ts';
import '../kernel/module/syscalls.ts';
import '../fs/binfmt_wasm.ts';
import '../drivers/base/init.ts';
import '../fs/devpts/init.ts';
import '../fs/romfs/super.ts';
import '../drivers/block/brd.ts';

export function register_initcalls(): void {
  // driver_init() runs before the initcalls; devtmpfs comes up there.
  define_initcall('early', 'devtmpfs_init', devtmpfs_init, 1_200_000);
  define_initcall('core', 'init_script_binfmt', () => { register_binfmt(script_format); return 0; }, 4_000);
  define_initcall('core', 'init_kwb_binfmt', init_kwb_binfmt, 4_000);
  define_initcall('fs', 'init_pipe_fs', init_pipe_fs, 90_000);
  define_initcall('fs', 'init_ramfs_fs', init_ramfs_fs, 30_000);
  define_initcall('fs', 'chr_dev_init', () => {
    // The /dev nodes come from device_add (drivers/base/builtin_devices.ts), as devtmpfs makes them.
    const r = chr_dev_init();
    tty_init();
    return r;
  }, 2_400_000);
  define_initcall('rootfs', 'populate_rootfs', populate_rootfs, 10_000_000);
  define_initcall('device', 'serial8250_init', () => {
    return serial8250_init();
  }, 5_600_000);
  for (const [level, name, fn, cost] of extra_initcalls()) define_initcall(level, name, fn, cost);
}
