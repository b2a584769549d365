// Models linux/fs/proc/devices.c: /proc/devices, the character majors then the block majors.
import { chrdev_show } from '../char_dev.ts';
import { seq_puts, type seq_file } from '../seq_file.ts';
import { proc_create_single } from './generic.ts';
import { proc_source_text } from './placeholders.ts';

function devinfo_show(m: seq_file): number {
  seq_puts(m, `Character devices:\n${chrdev_show()}\nBlock devices:\n${proc_source_text(m, 'blkdev')}`);
  return 0;
}

export function proc_devices_init(): number {
  proc_create_single('devices', 0, null, devinfo_show);
  return 0;
}
