// The registry of the workbench's built-in programs: name to main, and where each is installed in the root filesystem.
import type { Main } from '../lib/libc.ts';
import { init_main } from './init.ts';
import { initramfs_init_main } from './initramfs_init.ts';
import { sh_main } from '../sh/sh.ts';
import { echo_main, uname_main, true_main, false_main } from './basic.ts';
import { strace_main } from './strace.ts';
import { udev_programs } from './udev/index.ts';
import { tools } from './tools.ts';
import { kmod_programs } from './kmod/index.ts';
import { pciutils_programs } from './pciutils/index.ts';
import { usbutils_programs } from './usbutils/index.ts';
import { switch_root_main } from './switch_root.ts';
import { net_programs } from './iproute2/index.ts';
import { cgls_main } from './cgls.ts';
import { evtest_main } from './evtest/evtest.ts';
import { spi_programs } from './spi-tools/index.ts';
import { i2c_tools_programs } from './i2c-tools/index.ts';
import { sensors_main } from './lm-sensors/sensors.ts';
import { blktrace_programs } from './blktrace/index.ts';
import { fio_programs } from './fio/index.ts';
import { sysstat_programs } from './sysstat/index.ts';
import { fdisk_programs } from './util-linux/fdisk/index.ts';
import { swap_programs } from './util-linux/swap/index.ts';

export interface program { main: Main; path: string; aliases?: string[] }

export const programs: Record<string, program> = {
  init: { main: init_main, path: '/sbin/init' },
  'initramfs-init': { main: initramfs_init_main, path: '/init' },
  sh: { main: sh_main, path: '/bin/sh', aliases: ['/bin/ash'] },
  echo: { main: echo_main, path: '/bin/echo' },
  uname: { main: uname_main, path: '/bin/uname' },
  true: { main: true_main, path: '/bin/true' },
  false: { main: false_main, path: '/bin/false' },
  strace: { main: strace_main, path: '/usr/bin/strace' },
};

/** Adds programs (tools register themselves here as they are written). */
export function register_programs(more: Record<string, program>): void {
  Object.assign(programs, more);
}

register_programs(udev_programs);

register_programs(tools);

register_programs(kmod_programs);

register_programs(pciutils_programs);
register_programs(usbutils_programs);

register_programs({ switch_root: { main: switch_root_main, path: '/sbin/switch_root' } });

register_programs(net_programs);

register_programs({ 'systemd-cgls': { main: cgls_main, path: '/usr/bin/systemd-cgls' } });

register_programs(spi_programs);

register_programs({ evtest: { main: evtest_main, path: '/usr/bin/evtest' } });

register_programs(i2c_tools_programs);

register_programs({ sensors: { main: sensors_main, path: '/usr/bin/sensors' } });

register_programs(blktrace_programs);

register_programs(fio_programs);

register_programs(sysstat_programs);

register_programs(fdisk_programs);

register_programs(swap_programs);
