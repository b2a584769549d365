// Models linux/drivers/spi/spidev.c: /dev/spidevB.C for user-space SPI: read/write (half duplex) and the SPI_IOC_* ioctls, full duplex messages through SPI_IOC_MESSAGE(N).
import type { KGen } from '../../include/linux/sched.ts';
import type { file, file_operations } from '../../include/linux/fs_types.ts';
import { MKDEV, MINOR } from '../../include/linux/fs_types.ts';
import { EFAULT, EINVAL, EMSGSIZE, ENODEV, ENOTTY, ENXIO, ESHUTDOWN } from '../../include/uapi/asm-generic/errno.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { defineState } from '../../kernel/state.ts';
import { copy_from_user, copy_to_user } from '../../mm/uaccess.ts';
import { register_chrdev, unregister_chrdev } from '../../fs/char_dev.ts';
import type { class_ } from '../base/base.ts';
import { class_create, class_destroy } from '../base/class.ts';
import { device_create, device_destroy, dev_dbg } from '../base/core.ts';
import { run_sync } from '../base/sync.ts';
import {
  __spi_register_driver, spi_setup, spi_sync, spi_message_init_with_transfers, spi_get_drvdata, spi_set_drvdata,
  type spi_device, type spi_driver, type spi_transfer, SPI_MODE_USER_MASK, SPI_LSB_FIRST,
} from './spi.ts';
import {
  SPI_IOC_MAGIC, SPI_IOC_TRANSFER_SIZE, SPI_IOC_RD_MODE, SPI_IOC_WR_MODE, SPI_IOC_RD_LSB_FIRST, SPI_IOC_WR_LSB_FIRST, SPI_IOC_RD_BITS_PER_WORD,
  SPI_IOC_WR_BITS_PER_WORD, SPI_IOC_RD_MAX_SPEED_HZ, SPI_IOC_WR_MAX_SPEED_HZ, SPI_IOC_RD_MODE32, SPI_IOC_WR_MODE32, spi_ioc_transfer_decode,
} from '../../include/uapi/linux/spi/spidev.ts';

export const SPIDEV_MAJOR = 153;
const N_SPI_MINORS = 32;
/** The module parameter bufsiz: the most one message may move. */
const BUFSIZ = 4096;
/** struct spidev_data. */
interface spidev_data { devt: number; spi: spi_device | null; users: number; speed_hz: number }

const st = defineState('spidev', () => ({ cls: null as class_ | null, devices: [] as spidev_data[], minors: new Set<number>() }));

const u8 = (b: Uint8Array): number => b[0]!;
const le32 = (b: Uint8Array, o = 0): number => new DataView(b.buffer, b.byteOffset + o, 4).getUint32(0, true);

/** spidev_sync(): -ESHUTDOWN once the device is gone, else the bytes moved. */
function* spidev_sync(spidev: spidev_data, xfers: spi_transfer[]): KGen<number> {
  const spi = spidev.spi;
  if (!spi) return -ESHUTDOWN;
  const msg = spi_message_init_with_transfers(xfers);
  const status = yield* spi_sync(spi, msg);
  return status === 0 ? msg.actual_length : status;
}

/** spidev_message(): the user's spi_ioc_transfer array as one message; rx buffers copied back after it ran. */
function* spidev_message(spidev: spidev_data, arg: number, n: number): KGen<number> {
  const raw = copy_from_user(arg, n * SPI_IOC_TRANSFER_SIZE);
  if (!raw) return -EFAULT;
  const xfers: spi_transfer[] = [];
  const rx_to: { user: number; buf: Uint8Array }[] = [];
  let total = 0, tx_total = 0, rx_total = 0;
  for (let i = 0; i < n; i++) {
    const { tx_buf, rx_buf, len, speed_hz, delay_usecs, bits_per_word: bits, cs_change, tx_nbits, rx_nbits } = spi_ioc_transfer_decode(raw, i * SPI_IOC_TRANSFER_SIZE);
    total += len;
    if (total > BUFSIZ) return -EMSGSIZE;
    const x: spi_transfer = { tx_buf: null, rx_buf: null, len, cs_change: !!cs_change, tx_nbits, rx_nbits, bits_per_word: bits, delay_usecs, speed_hz: speed_hz || spidev.speed_hz };
    if (rx_buf) {
      rx_total += len;
      if (rx_total > BUFSIZ) return -EMSGSIZE;
      x.rx_buf = new Uint8Array(len);
      rx_to.push({ user: rx_buf, buf: x.rx_buf });
    }
    if (tx_buf) {
      tx_total += len;
      if (tx_total > BUFSIZ) return -EMSGSIZE;
      const data = copy_from_user(tx_buf, len);
      if (!data) return -EFAULT;
      x.tx_buf = data;
    }
    xfers.push(x);
  }
  const status = yield* spidev_sync(spidev, xfers);
  if (status < 0) return status;
  for (const r of rx_to) if (copy_to_user(r.user, r.buf)) return -EFAULT;
  return total;
}

function spidev_of(f: file): spidev_data { return f.private_data as spidev_data; }

/** The WR_* ioctls change a device setting and keep it only if spi_setup takes it. */
function try_setup(spi: spi_device, apply: () => void, undo: () => void): number {
  apply();
  const r = spi_setup(spi);
  if (r < 0) undo();
  return r;
}

function* spidev_ioctl(f: file, cmd: number, arg: number): KGen<number> {
  cmd >>>= 0;
  if (((cmd >>> 8) & 0xff) !== SPI_IOC_MAGIC) return -ENOTTY;
  const spidev = spidev_of(f);
  const spi = spidev.spi;
  if (!spi) return -ESHUTDOWN;
  const put = (v: number, size: 1 | 4): number => {
    const b = new Uint8Array(size);
    if (size === 1) b[0] = v & 0xff; else new DataView(b.buffer).setUint32(0, v >>> 0, true);
    return copy_to_user(arg, b) ? -EFAULT : 0;
  };
  const get = (size: 1 | 4): number | null => { const b = copy_from_user(arg, size); return b ? (size === 1 ? u8(b) : le32(b)) : null; };
  switch (cmd) {
    case SPI_IOC_RD_MODE: return put(spi.mode & SPI_MODE_USER_MASK, 1);
    case SPI_IOC_RD_MODE32: return put(spi.mode & SPI_MODE_USER_MASK, 4);
    case SPI_IOC_RD_LSB_FIRST: return put(spi.mode & SPI_LSB_FIRST ? 1 : 0, 1);
    case SPI_IOC_RD_BITS_PER_WORD: return put(spi.bits_per_word, 1);
    case SPI_IOC_RD_MAX_SPEED_HZ: return put(spidev.speed_hz, 4);
    case SPI_IOC_WR_MODE: case SPI_IOC_WR_MODE32: {
      const tmp = get(cmd === SPI_IOC_WR_MODE ? 1 : 4);
      if (tmp === null) return -EFAULT;
      if (tmp & ~SPI_MODE_USER_MASK) return -EINVAL;
      const save = spi.mode;
      const r = try_setup(spi, () => { spi.mode = (tmp | (spi.mode & ~SPI_MODE_USER_MASK)) >>> 0; }, () => { spi.mode = save; });
      if (r >= 0) dev_dbg(spi.dev, `spi mode ${tmp.toString(16)}`);
      return r;
    }
    case SPI_IOC_WR_LSB_FIRST: {
      const tmp = get(1);
      if (tmp === null) return -EFAULT;
      const save = spi.mode;
      const r = try_setup(spi, () => { spi.mode = tmp ? spi.mode | SPI_LSB_FIRST : spi.mode & ~SPI_LSB_FIRST; }, () => { spi.mode = save; });
      if (r >= 0) dev_dbg(spi.dev, `${tmp ? 'lsb' : 'msb'} first`);
      return r;
    }
    case SPI_IOC_WR_BITS_PER_WORD: {
      const tmp = get(1);
      if (tmp === null) return -EFAULT;
      const save = spi.bits_per_word;
      const r = try_setup(spi, () => { spi.bits_per_word = tmp; }, () => { spi.bits_per_word = save; });
      if (r >= 0) dev_dbg(spi.dev, `${tmp} bits per word`);
      return r;
    }
    case SPI_IOC_WR_MAX_SPEED_HZ: {
      const tmp = get(4);
      if (tmp === null) return -EFAULT;
      if (tmp === 0) return -EINVAL;
      const save = spi.max_speed_hz;
      spi.max_speed_hz = tmp;
      const r = spi_setup(spi);
      if (r === 0) { spidev.speed_hz = tmp; dev_dbg(spi.dev, `${tmp} Hz (max)`); }
      spi.max_speed_hz = save;
      return r;
    }
    default: {
      // SPI_IOC_MESSAGE(N): direction write, number 0, a size that is a whole number of transfers.
      if ((cmd & 0xff) !== 0 || cmd >>> 30 !== 1) return -ENOTTY;
      const size = (cmd >>> 16) & 0x3fff;
      if (size % SPI_IOC_TRANSFER_SIZE) return -EINVAL;
      const n = size / SPI_IOC_TRANSFER_SIZE;
      return n ? yield* spidev_message(spidev, arg, n) : 0;
    }
  }
}

const spidev_fops: file_operations = {
  open: function* (inode, f) {
    const spidev = st().devices.find((d) => d.devt === inode.i_rdev);
    if (!spidev) return -ENXIO;
    if (!spidev.spi) return -ENODEV;
    spidev.users++;
    f.private_data = spidev;
    return 0;
  },
  release: function* (_inode, f) {
    const spidev = spidev_of(f);
    spidev.users--;
    // The last close resets the speed to the device's maximum.
    if (!spidev.users && spidev.spi) spidev.speed_hz = spidev.spi.max_speed_hz;
    return 0;
  },
  /** Half-duplex read: the device clocks out `count` bytes while MOSI sends zeros. */
  read: function* (f, buf, count) {
    if (count > BUFSIZ) return -EMSGSIZE;
    const spidev = spidev_of(f);
    const rx = new Uint8Array(count);
    const status = yield* spidev_sync(spidev, [{ tx_buf: null, rx_buf: rx, len: count, speed_hz: spidev.speed_hz }]);
    if (status > 0 && copy_to_user(buf, rx.subarray(0, status))) return -EFAULT;
    return status;
  },
  write: function* (f, buf, count) {
    if (count > BUFSIZ) return -EMSGSIZE;
    const data = copy_from_user(buf, count);
    if (!data) return -EFAULT;
    const spidev = spidev_of(f);
    return yield* spidev_sync(spidev, [{ tx_buf: data, rx_buf: null, len: count, speed_hz: spidev.speed_hz }]);
  },
  unlocked_ioctl: spidev_ioctl,
};

/** spidev_probe(): the first free minor and /dev/spidevB.C under the SPI device. */
function* spidev_probe(spi: spi_device): KGen<number> {
  const s = st();
  let minor = 0;
  while (s.minors.has(minor) && minor < N_SPI_MINORS) minor++;
  if (minor >= N_SPI_MINORS) { dev_dbg(spi.dev, 'no minor number available!'); return -ENODEV; }
  const spidev: spidev_data = { devt: MKDEV(SPIDEV_MAJOR, minor), spi, users: 0, speed_hz: spi.max_speed_hz };
  const dev = yield* device_create(s.cls!, spi.dev, spidev.devt, spidev, `spidev${spi.controller.bus_num}.${spi.chip_select}`);
  if (typeof dev === 'number') return dev;
  s.minors.add(minor);
  s.devices.push(spidev);
  spi_set_drvdata(spi, spidev);
  return 0;
}

function* spidev_remove(spi: spi_device): KGen<void> {
  const s = st();
  const spidev = spi_get_drvdata(spi) as spidev_data;
  spidev.spi = null;
  s.devices = s.devices.filter((d) => d !== spidev);
  s.minors.delete(MINOR(spidev.devt));
  yield* device_destroy(s.cls!, spidev.devt);
}

// kernel-static: the driver's description; registered per machine by spidev_init
export const spidev_spi_driver: spi_driver = {
  driver: {
    name: 'spidev',
    of_match_table: ['cisco,spi-petra', 'dh,dhcom-board', 'elgin,jg10309-01', 'lineartechnology,ltc2488', 'lwn,bk4', 'menlo,m53cpld', 'micron,spi-authenta', 'rohm,bh2228fv', 'rohm,dh2228fv', 'semtech,sx1301']
      .map((compatible) => ({ compatible })),
  },
  id_table: ['bh2228fv', 'dh2228fv', 'jg10309-01', 'ltc2488', 'sx1301', 'bk4', 'dhcom-board', 'm53cpld', 'spi-petra', 'spi-authenta', 'em3581'].map((name) => ({ name })),
  probe: spidev_probe,
  remove: spidev_remove,
};

/** spidev_init(): major 153 "spi", class spidev, then the driver. */
function spidev_init(): number {
  const r = register_chrdev(SPIDEV_MAJOR, 'spi', spidev_fops);
  if (r < 0) return r;
  const cls = class_create('spidev');
  if (typeof cls === 'number') { unregister_chrdev(SPIDEV_MAJOR, 'spi'); return cls; }
  st().cls = cls;
  const d = run_sync(__spi_register_driver(null, spidev_spi_driver), 'spidev_init');
  if (d) { class_destroy(cls); st().cls = null; unregister_chrdev(SPIDEV_MAJOR, 'spi'); }
  return d;
}

export const initcalls: initcall_entry[] = [['device', 'spidev_init', spidev_init, 4_000]];
