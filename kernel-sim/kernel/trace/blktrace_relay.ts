// Models linux/kernel/relay.c as blktrace uses it: a channel of per-CPU buffers (n_subbufs x subbuf_size bytes each), one debugfs file per CPU (trace0, trace1 ...) that reads what was written and not yet read, no-overwrite mode (a full buffer drops new records), readers woken at each sub-buffer switch and at relay_flush.
import type { file_operations } from '../../include/linux/fs_types.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { EFAULT } from '../../include/uapi/asm-generic/errno.ts';
import { copy_to_user } from '../../mm/uaccess.ts';
import { wait_queue_head, wake_up_all } from '../sched/wait.ts';
import { debugfs_create_file_fops, debugfs_remove } from '../../fs/debugfs/inode.ts';
import type { kernfs_node } from '../../fs/sysfs/kernfs.ts';

const POLLIN = 0x1, POLLRDNORM = 0x40;
/** relay creates its buffer files S_IRUSR. */
const RELAY_FILE_MODE = 0o400;

/** struct rchan_buf: one CPU's buffer; `chunks` holds the records written and not yet read, oldest first. */
export interface rchan_buf {
  cpu: number;
  chunks: Uint8Array[];
  /** Bytes of chunks[0] already read. */
  head_off: number;
  /** Bytes written and not yet read. */
  bytes: number;
  /** Bytes written into the current sub-buffer (a switch wakes the readers). */
  offset: number;
  read_wait: wait_queue_head;
  dentry: kernfs_node | number;
}

/** struct rchan. */
export interface rchan {
  subbuf_size: number;
  n_subbufs: number;
  bufs: rchan_buf[];
  /** subbuf_start's answer when the buffer is full: blktrace counts a drop. */
  on_full: () => void;
}

const relay_buf_capacity = (ch: rchan): number => ch.subbuf_size * ch.n_subbufs;

/** relay_buf_full: no room for more (nothing is overwritten; the reader must consume first). */
export function relay_buf_full(ch: rchan, buf: rchan_buf, len: number): boolean {
  return buf.bytes + len > relay_buf_capacity(ch);
}

/** relay_file_read: what the CPU's buffer holds, up to count bytes; 0 when it is empty (relay files do not block). */
function* relay_file_read(buf: rchan_buf, to: number, count: number): KGen<number> {
  let done = 0;
  while (done < count && buf.chunks.length) {
    const c = buf.chunks[0]!;
    const n = Math.min(count - done, c.length - buf.head_off);
    if (copy_to_user(to + done, c.subarray(buf.head_off, buf.head_off + n))) return done || -EFAULT;
    done += n;
    buf.head_off += n;
    if (buf.head_off === c.length) { buf.chunks.shift(); buf.head_off = 0; }
  }
  buf.bytes -= done;
  return done;
}

function relay_file_operations(buf: rchan_buf): file_operations {
  return {
    read: function* (_f, to, count) { return yield* relay_file_read(buf, to, count); },
    poll: function* (f, wait) {
      wait.qproc?.(f, buf.read_wait);
      return buf.bytes ? POLLIN | POLLRDNORM : 0;
    },
  };
}

/** relay_open: a buffer and its file `<base>N` under `parent` for each CPU. */
export function relay_open(base: string, parent: kernfs_node | null, subbuf_size: number, n_subbufs: number, nr_cpus: number, on_full: () => void): rchan {
  const ch: rchan = { subbuf_size, n_subbufs, bufs: [], on_full };
  for (let cpu = 0; cpu < nr_cpus; cpu++) {
    const buf: rchan_buf = { cpu, chunks: [], head_off: 0, bytes: 0, offset: 0, read_wait: new wait_queue_head(`relay ${base}${cpu}`), dentry: -1 };
    buf.dentry = debugfs_create_file_fops(`${base}${cpu}`, RELAY_FILE_MODE, parent, relay_file_operations(buf));
    ch.bufs.push(buf);
  }
  return ch;
}

/**
 * relay_write (relay_reserve + copy) into the CPU's buffer: false when the buffer is full and the record is
 * dropped. Crossing into a new sub-buffer wakes the readers, as relay_switch_subbuf does.
 */
export function relay_write(ch: rchan, cpu: number, rec: Uint8Array): boolean {
  const buf = ch.bufs[cpu % ch.bufs.length]!;
  if (relay_buf_full(ch, buf, rec.length)) { ch.on_full(); return false; }
  buf.chunks.push(rec);
  buf.bytes += rec.length;
  buf.offset += rec.length;
  if (buf.offset >= ch.subbuf_size) { buf.offset %= ch.subbuf_size; wake_up_all(buf.read_wait); }
  return true;
}

/** relay_flush: the partly filled sub-buffers are handed to the readers. */
export function relay_flush(ch: rchan): void {
  for (const buf of ch.bufs) { buf.offset = 0; wake_up_all(buf.read_wait); }
}

/** relay_close: the files go away (an open reader keeps its buffer until it closes). */
export function relay_close(ch: rchan): void {
  for (const buf of ch.bufs) { wake_up_all(buf.read_wait); if (typeof buf.dentry !== 'number') debugfs_remove(buf.dentry); }
}
