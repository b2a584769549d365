// Models linux/fs/aio.c: Linux native AIO — io_setup, io_destroy, io_submit, io_getevents and io_cancel; a kioctx per context of a process (gone at its exit; /proc/sys/fs/aio-nr and aio-max-nr), iocbs read from user memory, reads and writes of an O_DIRECT block device left in flight until their bios end, other files done at submit (as a buffered file's aio is), completions reaped as io_events.
import type { KGen, task_struct } from '../include/linux/sched.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';
import type { file, file_system_type } from '../include/linux/fs_types.ts';
import { FMODE_READ, FMODE_WRITE } from '../include/linux/fs_types.ts';
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import { EAGAIN, EBADF, EFAULT, EINTR, EINVAL } from '../include/uapi/asm-generic/errno.ts';
import { O_DIRECT } from '../include/uapi/stat.ts';
import { defineState } from '../kernel/state.ts';
import { current } from '../kernel/sched/core.ts';
import { nr_cpu_ids } from '../kernel/cpu.ts';
import { register_exit_hook } from '../kernel/exit.ts';
import { proc_doulongvec_minmax } from '../kernel/sysctl.ts';
import { register_sysctl } from './proc/proc_sysctl.ts';
import { wait_queue_head, wait_event, wait_event_interruptible, wait_event_interruptible_timeout, wake_up } from '../kernel/sched/wait.ts';
import { copy_from_user, copy_to_user } from '../mm/uaccess.ts';
import { blk_start_plug, blk_finish_plug } from '../block/blk-core.ts';
import { blkdev_direct_IO_async, def_blk_fops, EIOCBQUEUED } from '../block/fops.ts';
import { fget } from './file.ts';
import { kern_mount } from './mount.ts';
import { alloc_super } from './super.ts';
import { new_inode } from './inode.ts';
import { vfs_read, vfs_write } from './read_write.ts';
import { vfs_fsync } from './sync.ts';

/** uapi/linux/aio_abi.h: the commands of struct iocb. */
export const IOCB_CMD_PREAD = 0, IOCB_CMD_PWRITE = 1, IOCB_CMD_FSYNC = 2, IOCB_CMD_FDSYNC = 3, IOCB_CMD_POLL = 5, IOCB_CMD_NOOP = 6, IOCB_CMD_PREADV = 7, IOCB_CMD_PWRITEV = 8;
export const IOCB_FLAG_RESFD = 1 << 0;
const IOCB_SIZE = 64, IO_EVENT_SIZE = 32;
/** AIO_PLUG_THRESHOLD: io_submit plugs a batch of more than this many iocbs. */
const AIO_PLUG_THRESHOLD = 2;
/** /proc/sys/fs/aio-max-nr's default. */
const AIO_MAX_NR = 0x10000;

/** struct io_event, with a read's bytes still to copy to the submitter's buffer when it is reaped. */
interface io_event { data: bigint; obj: number; res: number; res2: number; copy: { buf: number; data: Uint8Array } | null }

/** struct kioctx: a context's capacity, requests in flight and completed events. */
interface kioctx {
  user_id: number;
  mm: unknown;
  /** What io_setup asked for (counted in aio-nr), and the ring's events (nr_events - 1 can be in flight). */
  max_reqs: number;
  nr_events: number;
  reqs_active: number;
  events: io_event[];
  wait: wait_queue_head;
  dead: boolean;
}

/** Context ids look like the user address of the ring Linux maps for each (aio_setup_ring). */
const AIO_RING_BASE = 0x7f00_0000_0000, AIO_RING_STRIDE = 0x1000 * 4;

const aioState = defineState('aio', () => ({ ctxs: new Map<number, kioctx>(), next: 0, nr: 0, max_nr: AIO_MAX_NR }));

/** lookup_ioctx: the calling process's context by its id. */
function lookup_ioctx(id: number): kioctx | null {
  const ctx = aioState().ctxs.get(id);
  return ctx && !ctx.dead && ctx.mm === current().mm ? ctx : null;
}

const u64 = (b: Uint8Array, off: number): number => Number(new DataView(b.buffer, b.byteOffset).getBigUint64(off, true));

/** io_setup: a context for nr_events requests, its id stored at *ctxp (which must hold 0). */
function sys_io_setup(nr_events: number, ctxp: number): number {
  const cur = copy_from_user(ctxp, 8);
  if (!cur) return -EFAULT;
  if (u64(cur, 0) !== 0 || nr_events <= 0 || nr_events > 0x7fff_ffff) return -EINVAL;
  const st = aioState();
  // ioctx_alloc: the ring holds max(nr_events, 4 per CPU) x 2 events, rounded up to whole pages of 32-byte
  // io_events after the 32-byte aio_ring header (aio_setup_ring); aio-nr counts what was asked for.
  const want = Math.max(nr_events, nr_cpu_ids() * 4) * 2;
  const ring_pages = Math.ceil((32 + want * IO_EVENT_SIZE) / 4096);
  if (nr_events > st.max_nr || st.nr + nr_events > st.max_nr) return -EAGAIN;
  const id = AIO_RING_BASE + st.next++ * AIO_RING_STRIDE;
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(id), true);
  if (copy_to_user(ctxp, out)) return -EFAULT;
  st.ctxs.set(id, { user_id: id, mm: current().mm, max_reqs: nr_events, nr_events: (ring_pages * 4096 - 32) / IO_EVENT_SIZE, reqs_active: 0, events: [], wait: new wait_queue_head('aio'), dead: false });
  st.nr += nr_events;
  return 0;
}

/** io_destroy: the context goes; its requests in flight are waited for (kill_ioctx, then the wait in io_destroy). */
function* sys_io_destroy(id: number): KGen<number> {
  const ctx = lookup_ioctx(id);
  if (!ctx) return -EINVAL;
  kill_ioctx(ctx);
  yield* wait_event(ctx.wait, () => ctx.reqs_active === 0, 'io_destroy');
  return 0;
}

/** kill_ioctx: the context leaves the process's table and aio-nr; requests in flight still complete into it. */
function kill_ioctx(ctx: kioctx): void {
  const st = aioState();
  ctx.dead = true;
  if (st.ctxs.delete(ctx.user_id)) st.nr -= ctx.max_reqs;
  wake_up(ctx.wait);
}

/** exit_aio: the last task of an address space leaves — its contexts go, without waiting for their requests. */
function* exit_aio(t: task_struct): KGen<void> {
  if (!t.mm || t.mm.users > 1) return;
  for (const ctx of [...aioState().ctxs.values()]) if (ctx.mm === t.mm) kill_ioctx(ctx);
}

const AIO_RING_MAGIC = 0xa10a10a1;
const aio_fs: file_system_type = { name: 'aio', fs_flags: 0, mount: () => -EINVAL };

/** aio_setup: /proc/sys/fs/aio-nr (events asked for by live contexts) and aio-max-nr, and the exit hook. */
function aio_setup(): number {
  // aio_mnt: the pseudo filesystem each context's ring file lives on.
  const m = kern_mount(aio_fs, () => alloc_super(aio_fs, AIO_RING_MAGIC, (sb) => new_inode(sb, 0o40700)));
  if (typeof m === 'number') return m;
  register_exit_hook(exit_aio);
  return register_sysctl('fs', [
    { procname: 'aio-nr', mode: 0o444, proc_handler: proc_doulongvec_minmax, data: { get: () => aioState().nr } },
    { procname: 'aio-max-nr', mode: 0o644, proc_handler: proc_doulongvec_minmax, data: { get: () => aioState().max_nr, set: (v) => { aioState().max_nr = (v as number[])[0]!; } } },
  ]);
}

export const initcalls: initcall_entry[] = [['fs', 'aio_setup', aio_setup, 2_000]];

/** aio_complete: the request's event joins the context's ring and waiters wake (any context). */
function aio_complete(ctx: kioctx, ev: io_event): void {
  ctx.events.push(ev);
  ctx.reqs_active--;
  wake_up(ctx.wait);
}

/** A vectored iocb's (buf, len) pairs from user memory. */
function read_iovec(addr: number, n: number): [number, number][] | number {
  if (n < 0 || n > 1024) return -EINVAL;
  const raw = copy_from_user(addr, n * 16);
  if (!raw) return -EFAULT;
  return Array.from({ length: n }, (_, i) => [u64(raw, i * 16), u64(raw, i * 16 + 8)] as [number, number]);
}

/** aio_read / aio_write done at submit: the file's read or write at the iocb's offset; bytes or -errno. */
function* aio_rw_sync(f: file, write: boolean, segs: [number, number][], pos: number): KGen<number> {
  let done = 0;
  for (const [buf, len] of segs) {
    const r = write ? yield* vfs_write(f, buf, len, { pos: pos + done }) : yield* vfs_read(f, buf, len, { pos: pos + done });
    if (r < 0) return done || r;
    done += r;
    if (r < len) break;
  }
  return done;
}

/** io_submit_one: one iocb read from user memory and started; 0 or -errno (nothing was queued then). */
function* io_submit_one(ctx: kioctx, user_iocb: number): KGen<number> {
  const cb = copy_from_user(user_iocb, IOCB_SIZE);
  if (!cb) return -EFAULT;
  const dv = new DataView(cb.buffer, cb.byteOffset, IOCB_SIZE);
  const data = dv.getBigUint64(0, true), opcode = dv.getUint16(16, true), fd = dv.getUint32(20, true);
  const buf = u64(cb, 24), nbytes = u64(cb, 32), offset = Number(dv.getBigInt64(40, true)), flags = dv.getUint32(56, true);
  if (dv.getBigUint64(48, true) !== 0n) return -EINVAL; // aio_reserved2
  if (flags & IOCB_FLAG_RESFD) return -EINVAL; // no eventfd to signal in this kernel
  const f = fget(fd);
  if (!f) return -EBADF;
  if (ctx.reqs_active >= ctx.nr_events - 1) return -EAGAIN; // get_reqs_available
  const write = opcode === IOCB_CMD_PWRITE || opcode === IOCB_CMD_PWRITEV;
  const ev: io_event = { data, obj: user_iocb, res: 0, res2: 0, copy: null };
  ctx.reqs_active++;
  switch (opcode) {
    case IOCB_CMD_PREAD: case IOCB_CMD_PWRITE: case IOCB_CMD_PREADV: case IOCB_CMD_PWRITEV: {
      if (!(f.f_mode & (write ? FMODE_WRITE : FMODE_READ))) { ctx.reqs_active--; return -EBADF; }
      if (offset < 0) { ctx.reqs_active--; return -EINVAL; }
      const vectored = opcode >= IOCB_CMD_PREADV;
      if (!vectored && f.f_op === def_blk_fops && f.f_flags & O_DIRECT) {
        const r = yield* blkdev_direct_IO_async(f, write, buf, nbytes, offset, (res, staged) => {
          ev.res = res;
          if (staged && res > 0) ev.copy = { buf, data: staged.subarray(0, res) };
          aio_complete(ctx, ev);
        });
        if (r === -EIOCBQUEUED) return 0;
        ev.res = r;
        aio_complete(ctx, ev);
        return 0;
      }
      const segs = vectored ? read_iovec(buf, nbytes) : [[buf, nbytes] as [number, number]];
      if (typeof segs === 'number') { ctx.reqs_active--; return segs; }
      ev.res = yield* aio_rw_sync(f, write, segs, offset);
      aio_complete(ctx, ev);
      return 0;
    }
    case IOCB_CMD_FSYNC: case IOCB_CMD_FDSYNC:
      // aio_fsync: offset, length and buffer must be zero.
      if (buf || nbytes || offset) { ctx.reqs_active--; return -EINVAL; }
      ev.res = yield* vfs_fsync(fd);
      aio_complete(ctx, ev);
      return 0;
    default:
      ctx.reqs_active--;
      return -EINVAL; // IOCB_CMD_NOOP, and IOCB_CMD_POLL which is not modelled
  }
}

/** io_submit: up to nr iocbs (a batch of more than 2 under a plug); how many were queued, or the first one's -errno. */
function* sys_io_submit(id: number, nr: number, iocbpp: number): KGen<number> {
  const ctx = lookup_ioctx(id);
  if (!ctx) return -EINVAL;
  if (nr < 0) return -EINVAL;
  nr = Math.min(nr, ctx.nr_events);
  const ptrs = nr ? copy_from_user(iocbpp, nr * 8) : new Uint8Array(0);
  if (!ptrs) return -EFAULT;
  const plug = nr > AIO_PLUG_THRESHOLD ? blk_start_plug() : null;
  let i = 0, ret = 0;
  for (; i < nr; i++) {
    ret = yield* io_submit_one(ctx, u64(ptrs, i * 8));
    if (ret) break;
  }
  if (plug) blk_finish_plug(plug);
  return i || ret;
}

/** io_getevents: waits for at least min_nr events (or the relative timeout), then hands out up to nr as struct io_event. */
function* sys_io_getevents(id: number, min_nr: number, nr: number, events: number, timeout: number): KGen<number> {
  const ctx = lookup_ioctx(id);
  if (!ctx) return -EINVAL;
  if (min_nr > nr || min_nr < 0 || nr < 0) return -EINVAL;
  let until = Infinity;
  if (timeout) {
    const ts = copy_from_user(timeout, 16);
    if (!ts) return -EFAULT;
    const sec = u64(ts, 0), nsec = u64(ts, 8);
    if (nsec >= 1e9 || sec < 0) return -EINVAL;
    until = sec * 1e9 + nsec;
  }
  const ready = (): boolean => ctx.events.length >= min_nr || ctx.dead;
  if (!ready()) {
    const r = until === Infinity ? yield* wait_event_interruptible(ctx.wait, ready, 'read_events') : until > 0 ? yield* wait_event_interruptible_timeout(ctx.wait, ready, until) : 0;
    if (r < 0 && !ctx.events.length) return -EINTR;
  }
  const take = ctx.events.splice(0, Math.min(nr, ctx.events.length));
  const out = new Uint8Array(take.length * IO_EVENT_SIZE);
  const odv = new DataView(out.buffer);
  take.forEach((ev, i) => {
    if (ev.copy && copy_to_user(ev.copy.buf, ev.copy.data)) ev.res = -EFAULT;
    odv.setBigUint64(i * IO_EVENT_SIZE, ev.data, true);
    odv.setBigUint64(i * IO_EVENT_SIZE + 8, BigInt(ev.obj), true);
    odv.setBigInt64(i * IO_EVENT_SIZE + 16, BigInt(ev.res), true);
    odv.setBigInt64(i * IO_EVENT_SIZE + 24, BigInt(ev.res2), true);
  });
  if (take.length && copy_to_user(events, out)) return -EFAULT;
  return take.length;
}

/** io_cancel: no request of this kernel can be cancelled once queued (none sets ki_cancel): -EINVAL, as for a block device's. */
const sys_io_cancel = (): number => -EINVAL;

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('io_setup', ['uint', 'ptr'], sys_io_setup),
  SYSCALL_DEFINE('io_destroy', ['hex'], sys_io_destroy),
  SYSCALL_DEFINE('io_submit', ['hex', 'int', 'ptr'], sys_io_submit),
  SYSCALL_DEFINE('io_getevents', ['hex', 'int', 'int', 'ptr', 'ptr'], sys_io_getevents),
  SYSCALL_DEFINE('io_cancel', ['hex', 'ptr', 'ptr'], sys_io_cancel),
];
