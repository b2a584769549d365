// Models linux/drivers/hid/hidraw.c: /dev/hidrawN, the raw reports of a HID device (one report per read, blocking or not), writes as output reports.
import type { KGen } from '../../include/linux/sched.ts';
import type { file, file_operations } from '../../include/linux/fs_types.ts';
import { MAJOR, MINOR, MKDEV } from '../../include/linux/fs_types.ts';
import { EAGAIN, EFAULT, EINVAL, ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import { O_NONBLOCK } from '../../include/uapi/stat.ts';
import { defineState } from '../../kernel/state.ts';
import { wait_queue_head, wait_event_interruptible, wake_up_interruptible } from '../../kernel/sched/wait.ts';
import { copy_from_user, copy_to_user } from '../../mm/uaccess.ts';
import { alloc_chrdev_region, cdev_add, cdev_del, cdev_init, unregister_chrdev_region, type cdev } from '../../fs/char_dev.ts';
import type { class_, device } from '../base/base.ts';
import { class_register, class_unregister } from '../base/class.ts';
import { device_create, device_destroy } from '../base/core.ts';
import type { hid_device } from './hid-core.ts';
import { POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM, POLLERR, POLLHUP } from '../tty/tty_io.ts';

export const HIDRAW_MAX_DEVICES = 64;
/** Reports kept per reader (HIDRAW_BUFFER_SIZE); older ones are dropped. */
const HIDRAW_BUFFER_SIZE = 64;

export interface hidraw { minor: number; hid: hid_device; exist: boolean; wait: wait_queue_head; readers: { list: Uint8Array[] }[]; dev: device | null }

const rawState = defineState('hidraw', () => ({ major: 0, cls: null as class_ | null, cdev: null as cdev | null, table: new Array<hidraw | null>(HIDRAW_MAX_DEVICES).fill(null) }));

const fops: file_operations = {
  open: function* (ino, f) {
    const raw = rawState().table[MINOR(ino.i_rdev)];
    if (!raw?.exist) return -ENODEV;
    const reader = { list: [] as Uint8Array[] };
    raw.readers.push(reader);
    f.private_data = { raw, reader };
    return 0;
  },
  read: function* (f, buf, count) {
    const { raw, reader } = f.private_data as { raw: hidraw; reader: { list: Uint8Array[] } };
    if (!reader.list.length) {
      if (f.f_flags & O_NONBLOCK) return -EAGAIN;
      const r = yield* wait_event_interruptible(raw.wait, () => reader.list.length > 0 || !raw.exist, 'hidraw_read');
      if (r) return r;
      if (!raw.exist) return -ENODEV;
    }
    const rep = reader.list.shift()!;
    const n = Math.min(rep.length, count);
    return copy_to_user(buf, rep.subarray(0, n)) ? -EFAULT : n;
  },
  write: function* (f, buf, count) {
    const { raw } = f.private_data as { raw: hidraw };
    if (!raw.exist) return -ENODEV;
    if (!count) return -EINVAL;
    const b = copy_from_user(buf, count);
    if (!b) return -EFAULT;
    const r = raw.hid.ll_driver.output_report?.(raw.hid, b);
    return r === undefined ? -EINVAL : r < 0 ? r : count;
  },
  poll: function* (f: file, wait) {
    const { raw, reader } = f.private_data as { raw: hidraw; reader: { list: Uint8Array[] } };
    wait.qproc?.(f, raw.wait);
    let mask = raw.exist ? POLLOUT | POLLWRNORM : POLLHUP | POLLERR;
    if (reader.list.length) mask |= POLLIN | POLLRDNORM;
    return mask;
  },
  release: function* (_i, f) {
    const { raw, reader } = f.private_data as { raw: hidraw; reader: { list: Uint8Array[] } };
    raw.readers = raw.readers.filter((r) => r !== reader);
    return 0;
  },
};

/** hidraw_report_event(): every open reader gets a copy of the report. */
export function hidraw_report_event(hid: hid_device, data: Uint8Array): void {
  const raw = hid.hidraw;
  if (!raw) return;
  for (const r of raw.readers) {
    if (r.list.length >= HIDRAW_BUFFER_SIZE) r.list.shift();
    r.list.push(data.slice());
  }
  wake_up_interruptible(raw.wait);
}

/** hidraw_connect(): the first free minor, /dev/hidrawN under the HID device. */
export function* hidraw_connect(hid: hid_device): KGen<number> {
  const st = rawState();
  if (!st.cls) return -ENODEV;
  const minor = st.table.indexOf(null);
  if (minor < 0) return -EINVAL;
  const raw: hidraw = { minor, hid, exist: true, wait: new wait_queue_head(`hidraw${minor}`), readers: [], dev: null };
  st.table[minor] = raw;
  const dev = yield* device_create(st.cls, hid.dev, MKDEV(st.major, minor), raw, `hidraw${minor}`);
  if (typeof dev === 'number') { st.table[minor] = null; return dev; }
  raw.dev = dev;
  hid.hidraw = raw;
  return 0;
}

export function* hidraw_disconnect(hid: hid_device): KGen<void> {
  const st = rawState();
  const raw = hid.hidraw;
  if (!raw || !st.cls) return;
  raw.exist = false;
  wake_up_interruptible(raw.wait);
  yield* device_destroy(st.cls, MKDEV(st.major, raw.minor));
  st.table[raw.minor] = null;
  hid.hidraw = null;
}

/** hidraw_init(), called by hid_init (hidraw.o is part of hid.ko): the hidraw class and a dynamic major ("hidraw" in /proc/devices). */
export function hidraw_init(): number {
  const st = rawState();
  const dev = alloc_chrdev_region(0, HIDRAW_MAX_DEVICES, 'hidraw');
  if (dev < 0) return dev;
  st.major = MAJOR(dev);
  const c = cdev_init(fops);
  const r = cdev_add(c, dev, HIDRAW_MAX_DEVICES);
  if (r) return r;
  st.cdev = c;
  const cls: class_ = { name: 'hidraw' };
  const e = class_register(cls);
  if (e) return e;
  st.cls = cls;
  return 0;
}

/** hidraw_exit(), from hid_exit: the class and the major go. */
export function hidraw_exit(): void {
  const st = rawState();
  if (st.cls) class_unregister(st.cls);
  if (st.cdev) cdev_del(st.cdev);
  if (st.major) unregister_chrdev_region(MKDEV(st.major, 0), HIDRAW_MAX_DEVICES);
  st.cls = null; st.cdev = null; st.major = 0;
}
