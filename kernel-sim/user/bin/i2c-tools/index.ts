// i2c-tools 4.3's registrations: i2cdetect, i2cget, i2cset and i2cdump in /usr/sbin, as Debian 12 installs them.
import type { program } from '../index.ts';
import { i2cdetect_main } from './i2cdetect.ts';
import { i2cget_main } from './i2cget.ts';
import { i2cset_main } from './i2cset.ts';
import { i2cdump_main } from './i2cdump.ts';

export const i2c_tools_programs: Record<string, program> = {
  i2cdetect: { main: i2cdetect_main, path: '/usr/sbin/i2cdetect' },
  i2cget: { main: i2cget_main, path: '/usr/sbin/i2cget' },
  i2cset: { main: i2cset_main, path: '/usr/sbin/i2cset' },
  i2cdump: { main: i2cdump_main, path: '/usr/sbin/i2cdump' },
};
