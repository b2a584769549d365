// Models linux/kernel/trace/blktrace.c: BLKTRACESETUP/START/STOP/TEARDOWN on a block device, the probes on the block tracepoints that turn each IO step into a struct blk_io_trace in the relay channel (/sys/kernel/debug/block/<dev>/trace<cpu>, dropped, msg), and the process and timestamp notes blkparse reads names and times from.
//
// Linux attaches its probes with register_trace_block_*(); here the probes listen on the trace bus while at least
// one trace is set up (get_probe_ref/put_probe_ref), and read each event's typed payload: the disk (dev), sector,
// size, and the rwbs string the tracepoint computed from the bio's or request's flags (blk_fill_rwbs), which holds
// exactly the flags blktrace's categories need. The block layer's debugfs root (blk_debugfs_root, blk-core.c) and
// each queue's directory (q->debugfs_dir, blk-sysfs.c) live here too: blktrace is what uses them.
import type { request_queue } from '../../include/linux/blkdev.ts';
import type { block_device } from '../../include/linux/blk_types.ts';
import type { KGen, task_struct } from '../../include/linux/sched.ts';
import type { TraceEvent } from '../../api/protocol.ts';
import { EBUSY, EFAULT, EINVAL, ENOENT, ENOTTY, ENXIO } from '../../include/uapi/asm-generic/errno.ts';
import {
  BLK_IO_TRACE_MAGIC, BLK_IO_TRACE_VERSION, BLK_TA_BACKMERGE, BLK_TA_BOUNCE, BLK_TA_COMPLETE, BLK_TA_FRONTMERGE, BLK_TA_GETRQ,
  BLK_TA_INSERT, BLK_TA_ISSUE, BLK_TA_PLUG, BLK_TA_QUEUE, BLK_TA_REMAP, BLK_TA_REQUEUE, BLK_TA_SPLIT, BLK_TA_UNPLUG_IO,
  BLK_TA_UNPLUG_TIMER, BLK_TC_ACT, BLK_TC_AHEAD, BLK_TC_DISCARD, BLK_TC_FLUSH, BLK_TC_FS, BLK_TC_FUA, BLK_TC_META, BLK_TC_PC,
  BLK_TC_READ, BLK_TC_SHIFT, BLK_TC_SYNC, BLK_TC_WRITE, BLK_TN_MAX_MSG, BLK_TN_MESSAGE, BLK_TN_PROCESS, BLK_TN_TIMESTAMP,
  BLK_USER_TRACE_SETUP_SIZE, BLKTRACESETUP, BLKTRACESTART, BLKTRACESTOP, BLKTRACETEARDOWN, BLKTRACE_BDEV_SIZE, Blktrace_running,
  Blktrace_setup, Blktrace_stopped, blk_io_trace_encode, blk_user_trace_setup_decode, blk_user_trace_setup_encode,
} from '../../include/uapi/linux/blktrace_api.ts';
import { copy_from_user, copy_to_user } from '../../mm/uaccess.ts';
import { debugfs_create_dir, debugfs_create_file, debugfs_initialized, debugfs_remove } from '../../fs/debugfs/inode.ts';
import type { kernfs_node } from '../../fs/sysfs/kernfs.ts';
import { bdevname_of, trace_dev } from '../../block/blk.ts';
import { defineState } from '../state.ts';
import { current, runqueue } from '../sched/core.ts';
import { pr_warn } from '../printk/printk.ts';
import { ktime_get, ktime_get_real, NSEC_PER_SEC } from '../time/timekeeping.ts';
import { trace_subscribe } from './trace.ts';
import { relay_close, relay_flush, relay_open, relay_write, type rchan } from './blktrace_relay.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';

/** struct blk_trace. */
export interface blk_trace {
  trace_state: number;
  act_mask: number;
  start_lba: number;
  end_lba: number;
  pid: number;
  /** The traced device's dev_t (a partition's when a partition is traced): every record carries it. */
  dev: number;
  /** The disk's dev as the block tracepoints print it ("253,0"): how an event finds its queue's trace. */
  disk_key: string;
  /** Per-CPU sequence numbers. */
  sequence: number[];
  dropped: number;
  rchan: rchan;
  /** A directory of its own (a partition's), removed at teardown; null when the queue's directory is used. */
  dir: kernfs_node | null;
  files: kernfs_node[];
}

interface blktrace_state {
  blk_debugfs_root: kernfs_node | null;
  /** q->debugfs_dir and q->blk_trace (request_queue has no fields for them here). */
  queues: WeakMap<request_queue, { debugfs_dir: kernfs_node | null; blk_trace: blk_trace | null }>;
  /** Traces by their disk's dev string, as the block tracepoints carry it. */
  by_disk: Map<string, blk_trace>;
  running: Set<blk_trace>;
  /** blktrace_seq: bumped at each start, so every task's next record notes its name again. */
  blktrace_seq: number;
  btrace_seq: WeakMap<task_struct, number>;
  blk_probes_ref: number;
  unregister: (() => void) | null;
}

const blktraceState = defineState<blktrace_state>('blktrace', () => ({
  blk_debugfs_root: null, queues: new WeakMap(), by_disk: new Map(), running: new Set(), blktrace_seq: 1,
  btrace_seq: new WeakMap(), blk_probes_ref: 0, unregister: null,
}));

const queue_dbg = (q: request_queue): { debugfs_dir: kernfs_node | null; blk_trace: blk_trace | null } => {
  const s = blktraceState();
  let d = s.queues.get(q);
  if (!d) { d = { debugfs_dir: null, blk_trace: null }; s.queues.set(q, d); }
  return d;
};

const TASK_COMM_LEN = 16;
const be64 = (v: number): Uint8Array => { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, BigInt(v)); return b; };

/** Writes one record into the CPU's relay buffer; the sequence counts only records that found room. */
function relay_record(bt: blk_trace, cpu: number, hdr: { sector: number; bytes: number; action: number; pid: number; error: number; seq: boolean }, pdu: Uint8Array | null): void {
  const sequence = hdr.seq ? (bt.sequence[cpu] ?? 0) + 1 : 0;
  const rec = blk_io_trace_encode({
    magic: BLK_IO_TRACE_MAGIC | BLK_IO_TRACE_VERSION, sequence, time: ktime_get(), sector: hdr.sector, bytes: hdr.bytes,
    action: hdr.action, pid: hdr.pid, device: bt.dev, cpu, error: hdr.error, pdu_len: pdu?.length ?? 0,
  }, pdu);
  if (relay_write(bt.rchan, cpu, rec) && hdr.seq) bt.sequence[cpu] = sequence;
}

/** trace_note: a notify record (process name, timestamp, message); notes carry no sequence. */
function trace_note(bt: blk_trace, pid: number, action: number, data: Uint8Array): void {
  relay_record(bt, current().cpu, { sector: 0, bytes: 0, action, pid, error: 0, seq: false }, data);
}

/** trace_note_tsk: the task's pid and comm, for every running trace, once per start. */
function trace_note_tsk(tsk: task_struct): void {
  const s = blktraceState();
  s.btrace_seq.set(tsk, s.blktrace_seq);
  const comm = new Uint8Array(TASK_COMM_LEN);
  comm.set(new TextEncoder().encode(tsk.comm).subarray(0, TASK_COMM_LEN - 1));
  for (const bt of s.running) trace_note(bt, tsk.pid, BLK_TN_PROCESS, comm);
}

/** trace_note_time: the wall clock at start, so blkparse can print absolute times. */
function trace_note_time(bt: blk_trace): void {
  const now = ktime_get_real();
  const words = new Uint8Array(8);
  const dv = new DataView(words.buffer);
  dv.setUint32(0, Math.floor(now / NSEC_PER_SEC) >>> 0, true); dv.setUint32(4, now % NSEC_PER_SEC, true);
  trace_note(bt, 0, BLK_TN_TIMESTAMP, words);
}

/**
 * The categories of an IO from its rwbs (what ddir_act and MASK_TC_BIT take from the flags): a leading F is a
 * preflush, then the op (W write/write-zeroes, D discard, DE secure erase, F flush, R read, N other), then F for
 * FUA, A read-ahead, S sync, M metadata.
 */
const rwbs_op_index = (rwbs: string): number => (rwbs.length > 1 && rwbs[0] === 'F' && 'WDFRN'.includes(rwbs[1]!) ? 1 : 0);

function rwbs_categories(rwbs: string): number {
  let i = rwbs_op_index(rwbs), tc = i ? BLK_TC_FLUSH : 0;
  const op = rwbs[i++];
  if (op === 'W') tc |= BLK_TC_WRITE;
  else if (op === 'D') { tc |= BLK_TC_WRITE | BLK_TC_DISCARD; if (rwbs[i] === 'E') i++; } else if (op === 'F') tc |= BLK_TC_FLUSH | BLK_TC_READ;
  else tc |= BLK_TC_READ;
  for (; i < rwbs.length; i++) tc |= ({ F: BLK_TC_FUA, A: BLK_TC_AHEAD, S: BLK_TC_SYNC, M: BLK_TC_META } as Record<string, number>)[rwbs[i]!] ?? 0;
  return BLK_TC_ACT(tc);
}

/** act_log_check: the action mask, the LBA window and the pid filter of the setup. */
function act_log_check(bt: blk_trace, what: number, sector: number, pid: number): boolean {
  if ((((bt.act_mask << BLK_TC_SHIFT) >>> 0) & what) === 0) return true;
  if (sector && (sector < bt.start_lba || sector > bt.end_lba)) return true;
  return bt.pid !== 0 && pid !== bt.pid;
}

/** __blk_add_trace: one IO record on this CPU, after the task's name note if this start has not seen it yet. */
function __blk_add_trace(bt: blk_trace, sector: number, bytes: number, what: number, error: number, pdu: Uint8Array | null): void {
  if (bt.trace_state !== Blktrace_running) return;
  const tsk = current();
  if (act_log_check(bt, what >>> 0, sector, tsk.pid)) return;
  const s = blktraceState();
  if (s.btrace_seq.get(tsk) !== s.blktrace_seq) trace_note_tsk(tsk);
  relay_record(bt, tsk.cpu, { sector, bytes, action: what >>> 0, pid: tsk.pid, error, seq: true }, pdu);
}

/** The fields the block tracepoints carry (include/trace/events/block.h's payloads, all optional here). */
interface blk_event_args {
  dev?: string; sector?: number; nr_sector?: number; bytes?: number; rwbs?: string; error?: number;
  nr_rq?: number; explicit?: boolean; new_sector?: number; old_dev?: string; old_sector?: number;
}

/** How each tracepoint becomes a record: its action, and whether it is a request's (FS, or PC for passthrough). */
type probe = (bt: blk_trace, a: blk_event_args) => void;
const bio_probe = (what: number): probe => (bt, a) => __blk_add_trace(bt, a.sector!, a.nr_sector! << 9, what | rwbs_categories(a.rwbs!), 0, null);
const rq_probe = (what: number): probe => (bt, a) => {
  // blk_rq_is_passthrough: driver-private ops (REQ_OP_DRV_IN/OUT) show as N.
  const pc = a.rwbs![rwbs_op_index(a.rwbs!)] === 'N' ? BLK_TC_PC : BLK_TC_FS;
  __blk_add_trace(bt, a.sector!, a.bytes ?? a.nr_sector! << 9, what | BLK_TC_ACT(pc) | rwbs_categories(a.rwbs!), a.error ?? 0, null);
};

const dev_from_str = (s: string): number => { const [ma, mi] = s.split(',').map(Number); return ((ma! << 20) | mi!) >>> 0; };

/** blk_register_tracepoints: the probes of Linux's list, by tracepoint name. */
const PROBES: Readonly<Record<string, probe>> = {
  block_bio_queue: bio_probe(BLK_TA_QUEUE),
  block_getrq: bio_probe(BLK_TA_GETRQ),
  block_bio_backmerge: bio_probe(BLK_TA_BACKMERGE),
  block_bio_frontmerge: bio_probe(BLK_TA_FRONTMERGE),
  block_bio_bounce: bio_probe(BLK_TA_BOUNCE),
  block_rq_insert: rq_probe(BLK_TA_INSERT),
  block_rq_issue: rq_probe(BLK_TA_ISSUE),
  block_rq_merge: rq_probe(BLK_TA_BACKMERGE),
  block_rq_requeue: rq_probe(BLK_TA_REQUEUE),
  block_rq_complete: rq_probe(BLK_TA_COMPLETE),
  block_rq_error: rq_probe(BLK_TA_COMPLETE),
  block_bio_complete: (bt, a) => __blk_add_trace(bt, a.sector!, a.nr_sector! << 9, BLK_TA_COMPLETE | rwbs_categories(a.rwbs!), a.error ?? 0, null),
  block_plug: (bt) => __blk_add_trace(bt, 0, 0, BLK_TA_PLUG, 0, null),
  block_unplug: (bt, a) => __blk_add_trace(bt, 0, 0, a.explicit ? BLK_TA_UNPLUG_IO : BLK_TA_UNPLUG_TIMER, 0, be64(a.nr_rq!)),
  // trace_block_split(split, new_sector): the piece that goes first, and where the rest starts.
  block_split: (bt, a) => __blk_add_trace(bt, a.sector!, (a.new_sector! - a.sector!) << 9, BLK_TA_SPLIT | rwbs_categories(a.rwbs!), 0, be64(a.new_sector!)),
  block_bio_remap: (bt, a) => {
    // struct blk_io_trace_remap: device_from, device_to (big-endian), sector_from.
    const r = new Uint8Array(16);
    const dv = new DataView(r.buffer);
    dv.setUint32(0, dev_from_str(a.old_dev!)); dv.setUint32(4, dev_from_str(a.dev!)); dv.setBigUint64(8, BigInt(a.old_sector!));
    __blk_add_trace(bt, a.sector!, a.nr_sector! << 9, BLK_TA_REMAP | rwbs_categories(a.rwbs ?? 'N'), 0, r);
  },
};

function blk_trace_probe(ev: TraceEvent): void {
  if (ev.cat !== 'block') return;
  const a = ev.args as blk_event_args | undefined;
  const bt = a?.dev !== undefined ? blktraceState().by_disk.get(a.dev) : undefined;
  if (bt) PROBES[ev.name]?.(bt, a!);
}

function get_probe_ref(): void {
  const s = blktraceState();
  if (s.blk_probes_ref++ === 0) s.unregister = trace_subscribe(blk_trace_probe, ['block']); // enables block's events while a trace is set up
}

function put_probe_ref(): void {
  const s = blktraceState();
  if (--s.blk_probes_ref === 0) { s.unregister?.(); s.unregister = null; }
}

/** do_blk_trace_setup: the relay channel and its files in the queue's directory (a directory of its own for a partition). */
function do_blk_trace_setup(q: request_queue, name: string, bdev: block_device, buts: ReturnType<typeof blk_user_trace_setup_decode>): number {
  if (!buts.buf_size || !buts.buf_nr) return -EINVAL;
  buts.name = name.slice(0, BLKTRACE_BDEV_SIZE - 1).replace(/\//g, '_');
  const qd = queue_dbg(q), s = blktraceState();
  if (qd.blk_trace) { pr_warn(`Concurrent blktraces are not allowed on ${buts.name}`); return -EBUSY; }
  let dir = qd.debugfs_dir, own: kernfs_node | null = null;
  if (bdev.bd_partno) {
    const d = s.blk_debugfs_root ? debugfs_create_dir(buts.name, s.blk_debugfs_root) : -ENOENT;
    dir = own = typeof d === 'number' ? null : d;
  }
  if (!dir) { pr_warn(`debugfs_dir not present for ${buts.name} so skipping`); return -ENOENT; }
  const bt: blk_trace = {
    trace_state: Blktrace_setup, act_mask: buts.act_mask || 0xffff, start_lba: 0, end_lba: Number.MAX_SAFE_INTEGER, pid: buts.pid,
    dev: bdev.bd_dev, disk_key: trace_dev(bdev.bd_disk.part0.bd_dev), sequence: [], dropped: 0, dir: own, files: [],
    rchan: relay_open('trace', dir, buts.buf_size, buts.buf_nr, Math.max(1, runqueue().nr_cpus), () => { bt.dropped++; }),
  };
  // blk_trace_setup_lba: a partition's trace keeps to its own sectors (on the disk, after the remap).
  if (bdev.bd_partno) { bt.start_lba = bdev.bd_start_sect; bt.end_lba = bdev.bd_start_sect + bdev.bd_nr_sectors; }
  if (buts.start_lba) bt.start_lba = buts.start_lba;
  if (buts.end_lba) bt.end_lba = buts.end_lba;
  for (const f of [
    debugfs_create_file('dropped', 0o444, dir, { show: () => `${bt.dropped}\n` }),
    debugfs_create_file('msg', 0o222, dir, { store: (_kn, data) => blk_msg_write(bt, data) }),
  ]) if (typeof f !== 'number') bt.files.push(f);
  qd.blk_trace = bt;
  s.by_disk.set(bt.disk_key, bt);
  get_probe_ref();
  return 0;
}

/** blk_msg_write: a line written to msg becomes a message record (blkparse prints it as action m). */
function blk_msg_write(bt: blk_trace, data: Uint8Array): number {
  if (data.length >= BLK_TN_MAX_MSG) return -EINVAL;
  if (bt.trace_state === Blktrace_running) trace_note(bt, current().pid, BLK_TN_MESSAGE, data.slice());
  return data.length;
}

function blk_trace_start(bt: blk_trace): number {
  if (bt.trace_state !== Blktrace_setup && bt.trace_state !== Blktrace_stopped) return -EINVAL;
  const s = blktraceState();
  s.blktrace_seq++;
  bt.trace_state = Blktrace_running;
  s.running.add(bt);
  trace_note_time(bt);
  return 0;
}

function blk_trace_stop(bt: blk_trace): number {
  if (bt.trace_state !== Blktrace_running) return -EINVAL;
  bt.trace_state = Blktrace_stopped;
  blktraceState().running.delete(bt);
  relay_flush(bt.rchan);
  return 0;
}

/** __blk_trace_remove: stop, close the channel, remove the files (or the partition's directory). */
function __blk_trace_remove(q: request_queue): number {
  const qd = queue_dbg(q), bt = qd.blk_trace;
  if (!bt) return -EINVAL;
  qd.blk_trace = null;
  blk_trace_stop(bt);
  relay_close(bt.rchan);
  if (bt.dir) debugfs_remove(bt.dir); else bt.files.forEach((f) => debugfs_remove(f));
  blktraceState().by_disk.delete(bt.disk_key);
  put_probe_ref();
  return 0;
}

/** blk_trace_ioctl: the four BLKTRACE* commands on a block device (blkdev_ioctl hands them here). */
export function* blk_trace_ioctl(bdev: block_device, cmd: number, arg: number): KGen<number> {
  const q = bdev.bd_disk.queue;
  if (!q) return -ENXIO;
  const bt = queue_dbg(q).blk_trace;
  switch (cmd >>> 0) {
    case BLKTRACESETUP: {
      const raw = copy_from_user(arg, BLK_USER_TRACE_SETUP_SIZE);
      if (!raw) return -EFAULT;
      const buts = blk_user_trace_setup_decode(raw);
      const r = do_blk_trace_setup(q, bdevname_of(bdev), bdev, buts);
      if (r) return r;
      if (copy_to_user(arg, blk_user_trace_setup_encode(buts))) { __blk_trace_remove(q); return -EFAULT; }
      return 0;
    }
    case BLKTRACESTART: return bt ? blk_trace_start(bt) : -EINVAL;
    case BLKTRACESTOP: return bt ? blk_trace_stop(bt) : -EINVAL;
    case BLKTRACETEARDOWN: return __blk_trace_remove(q);
    default: return -ENOTTY;
  }
}

/** Whether a command is one of blktrace's (blkdev_ioctl's case list). */
export const is_blktrace_ioctl = (cmd: number): boolean => [BLKTRACESETUP, BLKTRACESTART, BLKTRACESTOP, BLKTRACETEARDOWN].includes(cmd >>> 0);

/** blk_register_queue's debugfs part: /sys/kernel/debug/block/<disk>/. */
export function blk_debugfs_register_queue(q: request_queue, name: string): void {
  const root = blktraceState().blk_debugfs_root;
  if (!root) return;
  const d = debugfs_create_dir(name, root);
  queue_dbg(q).debugfs_dir = typeof d === 'number' ? null : d;
}

/** blk_unregister_queue's debugfs part: a running trace is shut down (blk_trace_shutdown), then the directory goes. */
export function blk_debugfs_unregister_queue(q: request_queue): void {
  const qd = queue_dbg(q);
  if (qd.blk_trace) __blk_trace_remove(q);
  debugfs_remove(qd.debugfs_dir);
  qd.debugfs_dir = null;
}

/** blk_dev_init's blk_debugfs_root = debugfs_create_dir("block", NULL). */
function blk_debugfs_init(): number {
  if (!debugfs_initialized()) return 0;
  const d = debugfs_create_dir('block', null);
  blktraceState().blk_debugfs_root = typeof d === 'number' ? null : d;
  return 0;
}

export const initcalls: initcall_entry[] = [['subsys', 'blk_debugfs_init', blk_debugfs_init, 1_000]];
