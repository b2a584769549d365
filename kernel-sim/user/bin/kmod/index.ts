// The module tools: insmod, rmmod, lsmod (busybox), modinfo, modprobe, depmod (kmod), installed where Debian puts them.
import type { program } from '../index.ts';
import { insmod_main } from './insmod.ts';
import { rmmod_main } from './rmmod.ts';
import { lsmod_main } from './lsmod.ts';
import { modinfo_main } from './modinfo.ts';
import { modprobe_main } from './modprobe.ts';
import { depmod_main } from './depmod.ts';

export const kmod_programs: Record<string, program> = {
  insmod: { main: insmod_main, path: '/sbin/insmod' },
  rmmod: { main: rmmod_main, path: '/sbin/rmmod' },
  lsmod: { main: lsmod_main, path: '/sbin/lsmod', aliases: ['/bin/lsmod'] },
  modinfo: { main: modinfo_main, path: '/sbin/modinfo' },
  modprobe: { main: modprobe_main, path: '/sbin/modprobe' },
  depmod: { main: depmod_main, path: '/sbin/depmod' },
};
