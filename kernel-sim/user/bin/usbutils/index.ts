// usbutils' registrations: lsusb in /usr/bin (Debian's path).
import type { program } from '../index.ts';
import { lsusb_main } from './lsusb.ts';

export const usbutils_programs: Record<string, program> = {
  lsusb: { main: lsusb_main, path: '/usr/bin/lsusb' },
};
