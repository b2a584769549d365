// Models include/uapi/linux/blktrace_api.h: blktrace's categories and actions, struct blk_io_trace as it travels through the relay files, and the setup ioctl's struct.

/** enum blktrace_cat: what a trace is about (the high 16 bits of `action`, shifted by BLK_TC_SHIFT). */
export const BLK_TC_READ = 1 << 0, BLK_TC_WRITE = 1 << 1, BLK_TC_FLUSH = 1 << 2, BLK_TC_SYNC = 1 << 3, BLK_TC_QUEUE = 1 << 4;
export const BLK_TC_REQUEUE = 1 << 5, BLK_TC_ISSUE = 1 << 6, BLK_TC_COMPLETE = 1 << 7, BLK_TC_FS = 1 << 8, BLK_TC_PC = 1 << 9;
export const BLK_TC_NOTIFY = 1 << 10, BLK_TC_AHEAD = 1 << 11, BLK_TC_META = 1 << 12, BLK_TC_DISCARD = 1 << 13;
export const BLK_TC_DRV_DATA = 1 << 14, BLK_TC_FUA = 1 << 15;
export const BLK_TC_SHIFT = 16;
export const BLK_TC_ACT = (act: number): number => (act << BLK_TC_SHIFT) >>> 0;

/** enum blktrace_act: the low 16 bits of `action`. */
export const __BLK_TA_QUEUE = 1, __BLK_TA_BACKMERGE = 2, __BLK_TA_FRONTMERGE = 3, __BLK_TA_GETRQ = 4, __BLK_TA_SLEEPRQ = 5;
export const __BLK_TA_REQUEUE = 6, __BLK_TA_ISSUE = 7, __BLK_TA_COMPLETE = 8, __BLK_TA_PLUG = 9, __BLK_TA_UNPLUG_IO = 10;
export const __BLK_TA_UNPLUG_TIMER = 11, __BLK_TA_INSERT = 12, __BLK_TA_SPLIT = 13, __BLK_TA_BOUNCE = 14, __BLK_TA_REMAP = 15;
export const __BLK_TA_ABORT = 16, __BLK_TA_DRV_DATA = 17, __BLK_TA_CGROUP = 1 << 8;

/** enum blktrace_notify. */
export const __BLK_TN_PROCESS = 0, __BLK_TN_TIMESTAMP = 1, __BLK_TN_MESSAGE = 2;

/** The full actions: the basic one with its category. */
export const BLK_TA_QUEUE = (__BLK_TA_QUEUE | BLK_TC_ACT(BLK_TC_QUEUE)) >>> 0;
export const BLK_TA_BACKMERGE = (__BLK_TA_BACKMERGE | BLK_TC_ACT(BLK_TC_QUEUE)) >>> 0;
export const BLK_TA_FRONTMERGE = (__BLK_TA_FRONTMERGE | BLK_TC_ACT(BLK_TC_QUEUE)) >>> 0;
export const BLK_TA_GETRQ = (__BLK_TA_GETRQ | BLK_TC_ACT(BLK_TC_QUEUE)) >>> 0;
export const BLK_TA_SLEEPRQ = (__BLK_TA_SLEEPRQ | BLK_TC_ACT(BLK_TC_QUEUE)) >>> 0;
export const BLK_TA_REQUEUE = (__BLK_TA_REQUEUE | BLK_TC_ACT(BLK_TC_REQUEUE)) >>> 0;
export const BLK_TA_ISSUE = (__BLK_TA_ISSUE | BLK_TC_ACT(BLK_TC_ISSUE)) >>> 0;
export const BLK_TA_COMPLETE = (__BLK_TA_COMPLETE | BLK_TC_ACT(BLK_TC_COMPLETE)) >>> 0;
export const BLK_TA_PLUG = (__BLK_TA_PLUG | BLK_TC_ACT(BLK_TC_QUEUE)) >>> 0;
export const BLK_TA_UNPLUG_IO = (__BLK_TA_UNPLUG_IO | BLK_TC_ACT(BLK_TC_QUEUE)) >>> 0;
export const BLK_TA_UNPLUG_TIMER = (__BLK_TA_UNPLUG_TIMER | BLK_TC_ACT(BLK_TC_QUEUE)) >>> 0;
export const BLK_TA_INSERT = (__BLK_TA_INSERT | BLK_TC_ACT(BLK_TC_QUEUE)) >>> 0;
export const BLK_TA_SPLIT = __BLK_TA_SPLIT;
export const BLK_TA_BOUNCE = __BLK_TA_BOUNCE;
export const BLK_TA_REMAP = (__BLK_TA_REMAP | BLK_TC_ACT(BLK_TC_QUEUE)) >>> 0;
export const BLK_TN_PROCESS = (__BLK_TN_PROCESS | BLK_TC_ACT(BLK_TC_NOTIFY)) >>> 0;
export const BLK_TN_TIMESTAMP = (__BLK_TN_TIMESTAMP | BLK_TC_ACT(BLK_TC_NOTIFY)) >>> 0;
export const BLK_TN_MESSAGE = (__BLK_TN_MESSAGE | BLK_TC_ACT(BLK_TC_NOTIFY)) >>> 0;

export const BLK_IO_TRACE_MAGIC = 0x65617400;
export const BLK_IO_TRACE_VERSION = 0x07;
/** blk_trace's message limit (kernel/trace/blktrace.c BLK_TN_MAX_MSG). */
export const BLK_TN_MAX_MSG = 128;

/** struct blk_io_trace, 48 bytes, little-endian on x86: the header of every record; pdu_len bytes of payload follow. */
export const BLK_IO_TRACE_SIZE = 48;
export interface blk_io_trace {
  magic: number; sequence: number; time: number; sector: number; bytes: number; action: number;
  pid: number; device: number; cpu: number; error: number; pdu_len: number;
}

/** Writes a record (header and payload) as the kernel lays it out in a relay buffer. */
export function blk_io_trace_encode(t: blk_io_trace, pdu: Uint8Array | null): Uint8Array {
  const b = new Uint8Array(BLK_IO_TRACE_SIZE + (pdu?.length ?? 0));
  const dv = new DataView(b.buffer);
  dv.setUint32(0, t.magic, true); dv.setUint32(4, t.sequence >>> 0, true);
  dv.setBigUint64(8, BigInt(Math.max(0, Math.floor(t.time))), true); dv.setBigUint64(16, BigInt(Math.max(0, t.sector)), true);
  dv.setUint32(24, t.bytes >>> 0, true); dv.setUint32(28, t.action >>> 0, true); dv.setUint32(32, t.pid >>> 0, true);
  dv.setUint32(36, t.device >>> 0, true); dv.setUint32(40, t.cpu >>> 0, true); dv.setUint16(44, t.error & 0xffff, true);
  dv.setUint16(46, t.pdu_len, true);
  if (pdu) b.set(pdu, BLK_IO_TRACE_SIZE);
  return b;
}

/** Reads a record's header at `off` (the payload is the pdu_len bytes after it). */
export function blk_io_trace_decode(b: Uint8Array, off: number): blk_io_trace {
  const dv = new DataView(b.buffer, b.byteOffset + off, BLK_IO_TRACE_SIZE);
  return {
    magic: dv.getUint32(0, true), sequence: dv.getUint32(4, true), time: Number(dv.getBigUint64(8, true)),
    sector: Number(dv.getBigUint64(16, true)), bytes: dv.getUint32(24, true), action: dv.getUint32(28, true),
    pid: dv.getUint32(32, true), device: dv.getUint32(36, true), cpu: dv.getUint32(40, true),
    error: dv.getUint16(44, true), pdu_len: dv.getUint16(46, true),
  };
}

/** The trace states (Blktrace_setup/running/stopped). */
export const Blktrace_setup = 1, Blktrace_running = 2, Blktrace_stopped = 3;
export const BLKTRACE_BDEV_SIZE = 32;

/**
 * struct blk_user_trace_setup, 72 bytes on x86-64: name[32] (out), act_mask u16 @32, buf_size u32 @36, buf_nr u32 @40,
 * start_lba u64 @48, end_lba u64 @56, pid u32 @64.
 */
export const BLK_USER_TRACE_SETUP_SIZE = 72;
export interface blk_user_trace_setup { name: string; act_mask: number; buf_size: number; buf_nr: number; start_lba: number; end_lba: number; pid: number }

export function blk_user_trace_setup_encode(s: blk_user_trace_setup): Uint8Array {
  const b = new Uint8Array(BLK_USER_TRACE_SETUP_SIZE);
  const dv = new DataView(b.buffer);
  b.set(new TextEncoder().encode(s.name).subarray(0, BLKTRACE_BDEV_SIZE - 1));
  dv.setUint16(32, s.act_mask, true); dv.setUint32(36, s.buf_size, true); dv.setUint32(40, s.buf_nr, true);
  dv.setBigUint64(48, BigInt(s.start_lba), true); dv.setBigUint64(56, BigInt(s.end_lba), true); dv.setUint32(64, s.pid, true);
  return b;
}

export function blk_user_trace_setup_decode(b: Uint8Array): blk_user_trace_setup {
  const dv = new DataView(b.buffer, b.byteOffset, BLK_USER_TRACE_SETUP_SIZE);
  const nul = b.subarray(0, BLKTRACE_BDEV_SIZE).indexOf(0);
  return {
    name: new TextDecoder().decode(b.subarray(0, nul < 0 ? BLKTRACE_BDEV_SIZE : nul)), act_mask: dv.getUint16(32, true),
    buf_size: dv.getUint32(36, true), buf_nr: dv.getUint32(40, true), start_lba: Number(dv.getBigUint64(48, true)),
    end_lba: Number(dv.getBigUint64(56, true)), pid: dv.getUint32(64, true),
  };
}

/** include/uapi/linux/fs.h: _IOWR(0x12, 115, struct blk_user_trace_setup) and _IO(0x12, 116..118). */
export const BLKTRACESETUP = ((3 << 30) | (BLK_USER_TRACE_SETUP_SIZE << 16) | (0x12 << 8) | 115) >>> 0;
export const BLKTRACESTART = 0x1274, BLKTRACESTOP = 0x1275, BLKTRACETEARDOWN = 0x1276;
