// Models linux/drivers/i2c/i2c-dev.c (i2c-dev.ko): /dev/i2c-N on major 89 for every adapter, the i2c-dev class, read/write as plain I2C messages and the I2C_SLAVE, I2C_FUNCS, I2C_RDWR and I2C_SMBUS ioctls.
import type { KGen } from '../../include/linux/sched.ts';
import type { file, file_operations, inode } from '../../include/linux/fs_types.ts';
import { MINOR, MKDEV } from '../../include/linux/fs_types.ts';
import {
  I2C_CLIENT_PEC, I2C_CLIENT_TEN, I2C_FUNC_10BIT_ADDR, I2C_M_RD, I2C_M_RECV_LEN, I2C_SMBUS_BLOCK_DATA, I2C_SMBUS_BLOCK_MAX,
  I2C_SMBUS_BLOCK_PROC_CALL, I2C_SMBUS_BYTE, I2C_SMBUS_BYTE_DATA, I2C_SMBUS_DATA_SIZE, I2C_SMBUS_I2C_BLOCK_BROKEN, I2C_SMBUS_I2C_BLOCK_DATA,
  I2C_SMBUS_PROC_CALL, I2C_SMBUS_QUICK, I2C_SMBUS_READ, I2C_SMBUS_WORD_DATA, I2C_SMBUS_WRITE, type i2c_adapter, type i2c_client,
  type i2c_msg, i2c_check_functionality, i2c_get_functionality, i2c_smbus_data_alloc,
} from '../../include/linux/i2c.ts';
import { EBUSY, EFAULT, EINVAL, ENODEV, ENOMEM, ENOTTY } from '../../include/uapi/asm-generic/errno.ts';
import { current } from '../../kernel/sched/core.ts';
import { defineState } from '../../kernel/state.ts';
import type { ts_module_def } from '../../kernel/module/obj_m.ts';
import { copy_from_user, copy_to_user, put_user_u32, put_user_u64 } from '../../mm/uaccess.ts';
import { register_chrdev, unregister_chrdev } from '../../fs/char_dev.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import type { class_, device, device_attribute } from '../base/base.ts';
import { class_create, class_destroy } from '../base/class.ts';
import { device_create_with_groups, device_destroy } from '../base/core.ts';
import {
  i2c_client_at, i2c_get_adapter, i2c_master_recv, i2c_master_send, i2c_register_adapter_notifier,
  i2c_unregister_adapter_notifier, type i2c_adapter_notifier, i2c_transfer,
} from './i2c-core-base.ts';
import { i2c_smbus_xfer } from './i2c-core-smbus.ts';

export const I2C_MAJOR = 89;
const I2C_MINORS = 1 << 20;
/** ioctl numbers (uapi/linux/i2c-dev.h): plain numbers, not _IOC encoded. */
export const I2C_RETRIES = 0x0701, I2C_TIMEOUT = 0x0702, I2C_SLAVE = 0x0703, I2C_TENBIT = 0x0704, I2C_FUNCS = 0x0705;
export const I2C_SLAVE_FORCE = 0x0706, I2C_RDWR = 0x0707, I2C_PEC = 0x0708, I2C_SMBUS = 0x0720;
export const I2C_RDWR_IOCTL_MAX_MSGS = 42;
const MAX_XFER = 8192;

/** C programs built for wasm32 are ILP32 (compat_ioctl); the workbench's own tools use the 64-bit layouts. */
const in_compat_syscall = (): boolean => current().mm?.kind === 'wasm';

interface I2cDevState { cls: class_ | null; devices: Map<number, device>; notifier: i2c_adapter_notifier | null }
const i2cdevState = defineState<I2cDevState>('i2c_dev', () => ({ cls: null, devices: new Map(), notifier: null }));

const client_of = (f: file): i2c_client => f.private_data as i2c_client;

/** i2cdev_open(): an anonymous client on the adapter (no address until I2C_SLAVE). */
function* i2cdev_open(inode: inode, f: file): KGen<number> {
  const adap = i2c_get_adapter(MINOR(inode.i_rdev));
  if (!adap) return -ENODEV;
  const client: i2c_client = { flags: 0, addr: 0, name: `i2c-dev ${adap.nr}`, adapter: adap, dev: adap.dev, init_irq: 0, irq: 0 };
  f.private_data = client;
  yield* [];
  return 0;
}

function* i2cdev_read(f: file, buf: number, count: number): KGen<number> {
  const n = Math.min(count, MAX_XFER);
  const tmp = new Uint8Array(n);
  const ret = yield* i2c_master_recv(client_of(f), tmp);
  if (ret >= 0 && copy_to_user(buf, tmp.subarray(0, ret))) return -EFAULT;
  return ret;
}

function* i2cdev_write(f: file, buf: number, count: number): KGen<number> {
  const tmp = copy_from_user(buf, Math.min(count, MAX_XFER));
  if (!tmp) return -EFAULT;
  return yield* i2c_master_send(client_of(f), tmp);
}

/** i2cdev_check_addr(): a bound driver owns the address (I2C_SLAVE_FORCE overrides). */
function i2cdev_check_addr(adap: i2c_adapter, addr: number): number {
  return i2c_client_at(adap, addr)?.dev.driver ? -EBUSY : 0;
}

/** i2cdev_ioctl_rdwr(): the user's messages as one combined transfer; read buffers copied back. */
function* i2cdev_ioctl_rdwr(client: i2c_client, msgs_ptr: number, nmsgs: number): KGen<number> {
  const compat = in_compat_syscall();
  const msz = compat ? 12 : 16;
  const raw = copy_from_user(msgs_ptr, nmsgs * msz);
  if (!raw) return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const msgs: i2c_msg[] = [];
  const ubufs: number[] = [];
  for (let i = 0; i < nmsgs; i++) {
    const o = i * msz;
    const len = v.getUint16(o + 4, true);
    const flags = v.getUint16(o + 2, true);
    const ubuf = compat ? v.getUint32(o + 8, true) : Number(v.getBigUint64(o + 8, true));
    if (len > MAX_XFER) return -EINVAL;
    const data = copy_from_user(ubuf, len);
    if (!data) return -EFAULT;
    // A block read's length byte must say how much room follows (i2cdev_ioctl_rdwr's I2C_M_RECV_LEN check).
    if (flags & I2C_M_RECV_LEN && (!(flags & I2C_M_RD) || len < 1 || data[0]! < 1 || len < data[0]! + I2C_SMBUS_BLOCK_MAX)) return -EINVAL;
    msgs.push({ addr: v.getUint16(o, true), flags, len, buf: data });
    ubufs.push(ubuf);
  }
  const res = yield* i2c_transfer(client.adapter, msgs);
  for (let i = 0; res >= 0 && i < nmsgs; i++) {
    if (msgs[i]!.flags & I2C_M_RD && copy_to_user(ubufs[i]!, msgs[i]!.buf.subarray(0, msgs[i]!.len))) return -EFAULT;
  }
  return res;
}

/** i2cdev_ioctl_smbus(): one SMBus transaction with the user's union i2c_smbus_data. */
function* i2cdev_ioctl_smbus(client: i2c_client, read_write: number, command: number, size: number, data: number): KGen<number> {
  if (![I2C_SMBUS_QUICK, I2C_SMBUS_BYTE, I2C_SMBUS_BYTE_DATA, I2C_SMBUS_WORD_DATA, I2C_SMBUS_PROC_CALL, I2C_SMBUS_BLOCK_DATA,
    I2C_SMBUS_I2C_BLOCK_BROKEN, I2C_SMBUS_I2C_BLOCK_DATA, I2C_SMBUS_BLOCK_PROC_CALL].includes(size)) return -EINVAL;
  if (read_write !== I2C_SMBUS_READ && read_write !== I2C_SMBUS_WRITE) return -EINVAL;
  if (size === I2C_SMBUS_QUICK || (size === I2C_SMBUS_BYTE && read_write === I2C_SMBUS_WRITE)) {
    return yield* i2c_smbus_xfer(client.adapter, client.addr, client.flags, read_write, command, size, null);
  }
  if (!data) return -EINVAL;
  const datasize = size === I2C_SMBUS_BYTE_DATA || size === I2C_SMBUS_BYTE ? 1
    : size === I2C_SMBUS_WORD_DATA || size === I2C_SMBUS_PROC_CALL ? 2 : I2C_SMBUS_DATA_SIZE;
  const temp = i2c_smbus_data_alloc();
  if (size === I2C_SMBUS_PROC_CALL || size === I2C_SMBUS_BLOCK_PROC_CALL || size === I2C_SMBUS_I2C_BLOCK_DATA || read_write === I2C_SMBUS_WRITE) {
    const u = copy_from_user(data, datasize);
    if (!u) return -EFAULT;
    temp.set(u);
  }
  if (size === I2C_SMBUS_I2C_BLOCK_BROKEN) {
    size = I2C_SMBUS_I2C_BLOCK_DATA;
    if (read_write === I2C_SMBUS_READ) temp[0] = I2C_SMBUS_BLOCK_MAX;
  }
  const res = yield* i2c_smbus_xfer(client.adapter, client.addr, client.flags, read_write, command, size, temp);
  if (!res && (size === I2C_SMBUS_PROC_CALL || size === I2C_SMBUS_BLOCK_PROC_CALL || read_write === I2C_SMBUS_READ)) {
    if (copy_to_user(data, temp.subarray(0, datasize))) return -EFAULT;
  }
  return res;
}

/** i2cdev_ioctl(). */
function* i2cdev_ioctl(f: file, cmd: number, arg: number): KGen<number> {
  const client = client_of(f);
  const compat = in_compat_syscall();
  switch (cmd) {
    case I2C_SLAVE:
    case I2C_SLAVE_FORCE:
      if (arg > (client.flags & I2C_CLIENT_TEN ? 0x3ff : 0x7f)) return -EINVAL;
      if (cmd === I2C_SLAVE && i2cdev_check_addr(client.adapter, arg)) return -EBUSY;
      client.addr = arg;
      return 0;
    case I2C_TENBIT:
      if (arg) {
        if (!i2c_check_functionality(client.adapter, I2C_FUNC_10BIT_ADDR)) return -EINVAL;
        client.flags |= I2C_CLIENT_TEN;
      } else client.flags &= ~I2C_CLIENT_TEN;
      return 0;
    case I2C_PEC:
      if (arg) client.flags |= I2C_CLIENT_PEC;
      else client.flags &= ~I2C_CLIENT_PEC;
      return 0;
    case I2C_FUNCS: {
      const funcs = i2c_get_functionality(client.adapter);
      return (compat ? put_user_u32(arg, funcs) : put_user_u64(arg, funcs)) ? -EFAULT : 0;
    }
    case I2C_RDWR: {
      const raw = copy_from_user(arg, compat ? 8 : 16);
      if (!raw) return -EFAULT;
      const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      const msgs = compat ? v.getUint32(0, true) : Number(v.getBigUint64(0, true));
      const nmsgs = v.getUint32(compat ? 4 : 8, true);
      if (!msgs || nmsgs > I2C_RDWR_IOCTL_MAX_MSGS) return -EINVAL;
      return yield* i2cdev_ioctl_rdwr(client, msgs, nmsgs);
    }
    case I2C_SMBUS: {
      const raw = copy_from_user(arg, compat ? 12 : 16);
      if (!raw) return -EFAULT;
      const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      const data = compat ? v.getUint32(8, true) : Number(v.getBigUint64(8, true));
      return yield* i2cdev_ioctl_smbus(client, raw[0]!, raw[1]!, v.getUint32(4, true), data);
    }
    case I2C_RETRIES:
      if (arg > 0x7fffffff) return -EINVAL;
      client.adapter.retries = arg;
      return 0;
    case I2C_TIMEOUT:
      if (arg > 0x7fffffff) return -EINVAL;
      // In units of 10 ms.
      client.adapter.timeout = arg * 10_000_000;
      return 0;
    default:
      // NOTE: returning a fault code here could cause trouble in buggy userspace code; some old kernel bugs returned zero in this case.
      return -ENOTTY;
  }
}

function* i2cdev_release(_inode: inode, f: file): KGen<number> {
  f.private_data = null;
  yield* [];
  return 0;
}

const i2cdev_fops: file_operations = {
  open: i2cdev_open, read: i2cdev_read, write: i2cdev_write, unlocked_ioctl: i2cdev_ioctl, release: i2cdev_release,
};

/** /sys/class/i2c-dev/i2c-N/name: the adapter's name. */
const dev_attr_name: device_attribute = {
  name: 'name', mode: 0o444,
  show: (dev) => `${i2c_get_adapter(MINOR(dev.devt))?.name ?? ''}\n`,
};
const i2c_groups: attribute_group[] = [{ attrs: [dev_attr_name] }];

/** i2cdev_attach_adapter(): /dev/i2c-N below the adapter. */
function* i2cdev_attach_adapter(adap: i2c_adapter): KGen<void> {
  const st = i2cdevState();
  if (!st.cls || adap.nr >= I2C_MINORS) return;
  const dev = yield* device_create_with_groups(st.cls, adap.dev, MKDEV(I2C_MAJOR, adap.nr), null, i2c_groups, `i2c-${adap.nr}`);
  if (typeof dev !== 'number') st.devices.set(adap.nr, dev);
}

function* i2cdev_detach_adapter(adap: i2c_adapter): KGen<void> {
  const st = i2cdevState();
  if (!st.cls || !st.devices.has(adap.nr)) return;
  st.devices.delete(adap.nr);
  yield* device_destroy(st.cls, MKDEV(I2C_MAJOR, adap.nr));
}

/** i2c_dev_init(): major 89 "i2c", the class, and a device for every adapter now and later. */
function* i2c_dev_init(): KGen<number> {
  const st = i2cdevState();
  const r = register_chrdev(I2C_MAJOR, 'i2c', i2cdev_fops);
  if (r < 0) return r;
  const cls = class_create('i2c-dev');
  if (typeof cls === 'number') {
    unregister_chrdev(I2C_MAJOR, 'i2c');
    return cls === 0 ? -ENOMEM : cls;
  }
  st.cls = cls;
  st.notifier = { add: i2cdev_attach_adapter, del: i2cdev_detach_adapter };
  yield* i2c_register_adapter_notifier(st.notifier);
  return 0;
}

function* i2c_dev_exit(): KGen<void> {
  const st = i2cdevState();
  if (st.notifier) yield* i2c_unregister_adapter_notifier(st.notifier);
  class_destroy(st.cls);
  unregister_chrdev(I2C_MAJOR, 'i2c');
  st.cls = null;
  st.notifier = null;
}

/** obj-m: i2c-dev.ko (CONFIG_I2C_CHARDEV=m); nothing autoloads it, as on Debian: `modprobe i2c-dev` first. */
export const obj_m: readonly ts_module_def[] = [{
  name: 'i2c_dev',
  path: 'kernel/drivers/i2c/i2c-dev.ko',
  description: 'I2C /dev entries driver',
  license: 'GPL',
  author: 'Frodo Looijaard <frodol@dds.nl>, Simon G. Vogl <simon@tk.uni-linz.ac.at>',
  size: 24576,
  init: i2c_dev_init,
  exit: i2c_dev_exit,
}];

