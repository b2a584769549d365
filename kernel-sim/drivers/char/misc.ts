// Models linux/drivers/char/misc.c: misc devices on major 10 (misc_register/misc_deregister), the misc class and /proc/misc.
import type { KGen } from '../../include/linux/sched.ts';
import type { file_operations } from '../../include/linux/fs_types.ts';
import { MKDEV, MINOR } from '../../include/linux/fs_types.ts';
import { EBUSY, EINVAL, ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { register_chrdev } from '../../fs/char_dev.ts';
import { proc_create_single } from '../../fs/proc/generic.ts';
import { seq_puts } from '../../fs/seq_file.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import type { class_, device } from '../base/base.ts';
import { class_create } from '../base/class.ts';
import { device_create_with_groups, device_destroy } from '../base/core.ts';

export const MISC_MAJOR = 10;
export const MISC_DYNAMIC_MINOR = 255;
/** Dynamic minors come from a 128-bit map, highest first: 127, 126, ... (6.1's DYNAMIC_MINORS). */
export const DYNAMIC_MINORS = 128;

export interface miscdevice {
  minor: number;
  name: string;
  fops: file_operations;
  parent?: device | null;
  this_device?: device | null;
  groups?: attribute_group[];
  nodename?: string | null;
  mode?: number;
}

interface MiscState { misc_class: class_ | null; list: miscdevice[]; minors: boolean[] }
const miscState = defineState<MiscState>('misc', () => ({ misc_class: null, list: [], minors: new Array(DYNAMIC_MINORS).fill(false) }));

export function misc_class(): class_ | null { return miscState().misc_class; }
export function misc_list(): miscdevice[] { return miscState().list.slice(); }

/** Opening /dev/NAME: the misc device's own fops take over (misc_open). */
const misc_fops: file_operations = {
  open: function* (inode, file) {
    const minor = MINOR(inode.i_rdev);
    const c = miscState().list.find((m) => m.minor === minor);
    if (!c) return -ENODEV;
    file.private_data = c;
    file.f_op = c.fops;
    return c.fops.open ? yield* c.fops.open(inode, file) : 0;
  },
};

/** Registers a misc device: a minor (dynamic ones counting down from 127), /sys/class/misc/NAME and /dev/NAME. */
export function* misc_register(misc: miscdevice): KGen<number> {
  const st = miscState();
  if (!st.misc_class) return -ENODEV;
  const dynamic = misc.minor === MISC_DYNAMIC_MINOR;
  if (dynamic) {
    const i = st.minors.indexOf(false);
    if (i < 0) return -EBUSY;
    misc.minor = DYNAMIC_MINORS - i - 1;
    st.minors[i] = true;
  } else if (st.list.some((c) => c.minor === misc.minor)) return -EBUSY;
  if (misc.minor < 0 || misc.minor > 255) return -EINVAL;
  const dev = yield* device_create_with_groups(st.misc_class, misc.parent ?? null, MKDEV(MISC_MAJOR, misc.minor), misc, misc.groups, misc.name);
  if (typeof dev === 'number') {
    if (dynamic) { st.minors[DYNAMIC_MINORS - misc.minor - 1] = false; misc.minor = MISC_DYNAMIC_MINOR; }
    return dev;
  }
  misc.this_device = dev;
  st.list.unshift(misc);
  return 0;
}

export function* misc_deregister(misc: miscdevice): KGen<void> {
  const st = miscState();
  if (!st.list.includes(misc)) return;
  st.list = st.list.filter((m) => m !== misc);
  yield* device_destroy(st.misc_class!, MKDEV(MISC_MAJOR, misc.minor));
  if (misc.minor < DYNAMIC_MINORS) st.minors[DYNAMIC_MINORS - misc.minor - 1] = false;
  misc.this_device = null;
}

/** /proc/misc: "%3i %s", newest first. */
export function misc_seq_show(): string {
  return miscState().list.map((m) => `${String(m.minor).padStart(3, ' ')} ${m.name}\n`).join('');
}

/** misc_init(): the class, major 10 and /proc/misc. */
export function misc_init(): number {
  const st = miscState();
  const cls = class_create('misc');
  if (typeof cls === 'number') return cls;
  cls.devnode = (dev) => {
    const c = dev.driver_data as miscdevice | null;
    return c ? { name: c.nodename ?? null, mode: c.mode ?? 0 } : null;
  };
  st.misc_class = cls;
  const r = register_chrdev(MISC_MAJOR, 'misc', misc_fops);
  if (r < 0) return r;
  proc_create_single('misc', 0, null, (m) => { seq_puts(m, misc_seq_show()); });
  return 0;
}
