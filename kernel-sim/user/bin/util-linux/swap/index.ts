// The swap tools of util-linux: mkswap, swapon, swapoff (installed in /sbin as Debian's util-linux does).
import type { program } from '../../index.ts';
import { mkswap_main } from './mkswap.ts';
import { swapon_main } from './swapon.ts';
import { swapoff_main } from './swapoff.ts';

export const swap_programs: Record<string, program> = {
  mkswap: { main: mkswap_main, path: '/sbin/mkswap' },
  swapon: { main: swapon_main, path: '/sbin/swapon' },
  swapoff: { main: swapoff_main, path: '/sbin/swapoff' },
};
