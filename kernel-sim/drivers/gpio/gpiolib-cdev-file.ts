// Models the pieces linux/drivers/gpio/gpiolib-cdev.c takes from fs/anon_inodes.c and linux/kfifo.h: a request's anonymous file (anon_inode:gpio-line) and its bounded event FIFO, plus the uAPI struct accessors its ioctls share.
import type { KGen } from '../../include/linux/sched.ts';
import type { file, file_operations } from '../../include/linux/fs_types.ts';
import { O_CLOEXEC, O_NONBLOCK, O_RDONLY } from '../../include/uapi/stat.ts';
import { EAGAIN, EFAULT, EINVAL, ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import { alloc_fd, fd_install, put_unused_fd } from '../../fs/file.ts';
import { anon_inode_getfile } from '../../fs/anon_inodes.ts';
import { copy_to_user } from '../../mm/uaccess.ts';
import { wait_event_interruptible, wake_up_interruptible, type wait_queue_head } from '../../kernel/sched/wait.ts';
import { POLLERR, POLLHUP, POLLIN, POLLRDNORM } from '../tty/tty_io.ts';
import type { gpio_device } from './gpiolib.ts';

/**
 * get_unused_fd_flags(O_RDONLY | O_CLOEXEC) + anon_inode_getfile(name) + the
 * caller's copy_to_user + fd_install: `publish(fd)` reports the number to user
 * space before the file becomes reachable; if it fails the fd is put back and
 * `release` undoes the request (the fput of the real code).
 */
export function* anon_inode_getfd(name: string, fops: file_operations, priv: unknown, publish: (fd: number) => number, release: () => KGen<void>): KGen<number> {
  const fd = alloc_fd(0, O_CLOEXEC);
  if (fd < 0) { yield* release(); return fd; }
  const f = anon_inode_getfile(name, fops, priv, O_RDONLY | O_CLOEXEC);
  if (typeof f === 'number') { put_unused_fd(fd); yield* release(); return f; }
  if (publish(fd)) {
    put_unused_fd(fd);
    yield* release();
    return -EFAULT;
  }
  fd_install(fd, f);
  return 0;
}

/** DECLARE_KFIFO of fixed-size records with the wait queue readers sleep on (the request's lr->wait, le->wait). */
export interface event_fifo {
  events: Uint8Array[];
  /** Capacity in records: kfifo_alloc rounds the request up to a power of two. */
  size: number;
  wait: wait_queue_head;
}

export const roundup_pow_of_two = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

/**
 * The read() both line and event fds share (linereq_read_unlocked, lineevent_read_unlocked):
 * whole records only, at least one; blocks (interruptibly) while the FIFO is empty unless O_NONBLOCK.
 */
export function* fifo_read(filp: file, fifo: event_fifo, gdev: gpio_device, buf: number, count: number, size: number, wchan: string): KGen<number> {
  if (!gdev.chip) return -ENODEV;
  if (count < size) return -EINVAL;
  let bytes_read = 0;
  do {
    if (!fifo.events.length) {
      if (bytes_read) return bytes_read;
      if (filp.f_flags & O_NONBLOCK) return -EAGAIN;
      const ret = yield* wait_event_interruptible(fifo.wait, () => fifo.events.length > 0 || !gdev.chip, wchan);
      if (ret) return ret;
      if (!gdev.chip) return -ENODEV;
    }
    const ev = fifo.events.shift()!;
    if (copy_to_user(buf + bytes_read, ev.subarray(0, size))) return -EFAULT;
    bytes_read += size;
  } while (count >= bytes_read + size);
  return bytes_read;
}

/** poll(): EPOLLIN | EPOLLRDNORM when an event waits, EPOLLHUP | EPOLLERR once the chip is gone. */
export function fifo_poll(filp: file, fifo: event_fifo, gdev: gpio_device, wait: { qproc: ((f: file, wq: wait_queue_head) => void) | null }): number {
  if (!gdev.chip) return POLLHUP | POLLERR;
  wait.qproc?.(filp, fifo.wait);
  return fifo.events.length ? POLLIN | POLLRDNORM : 0;
}

/** kfifo_in + wake_up_poll(EPOLLIN). */
export function fifo_put(fifo: event_fifo, ev: Uint8Array): void {
  fifo.events.push(ev);
  wake_up_interruptible(fifo.wait);
}

/** Little-endian accessors of the uAPI structs (u64 fields as BigInt, since line bitmaps reach bit 63). */
export const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);
export const get_u32 = (b: Uint8Array, off: number): number => view(b).getUint32(off, true);
export const put_u32 = (b: Uint8Array, off: number, v: number): void => view(b).setUint32(off, v >>> 0, true);
export const get_u64 = (b: Uint8Array, off: number): bigint => view(b).getBigUint64(off, true);
export const put_u64 = (b: Uint8Array, off: number, v: bigint): void => view(b).setBigUint64(off, BigInt.asUintN(64, v), true);
export const mem_is_zero = (b: Uint8Array, off: number, len: number): boolean => b.subarray(off, off + len).every((x) => x === 0);
/** kstrndup(consumer, 31): the label up to its NUL, or null for an empty one ("label is only initialized if consumer is set"). */
export function get_label(b: Uint8Array, off: number): string | null {
  const s = b.subarray(off, off + 31);
  const z = s.indexOf(0);
  const label = new TextDecoder().decode(z < 0 ? s : s.subarray(0, z));
  return label || null;
}
