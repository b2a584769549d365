// util-linux 2.38's partitioning tools: fdisk and sfdisk in /usr/sbin, as Debian 12 installs them.
import type { program } from '../../index.ts';
import { fdisk_main } from './fdisk.ts';
import { sfdisk_main } from './sfdisk.ts';

export const fdisk_programs: Record<string, program> = {
  fdisk: { main: fdisk_main, path: '/usr/sbin/fdisk' },
  sfdisk: { main: sfdisk_main, path: '/usr/sbin/sfdisk' },
};
