// Models the IO accounting of linux/block/blk-mq.c and blk-core.c (blk_account_io_*, update_io_ticks, part_stat_*): what /proc/diskstats and /sys/block/X/stat count.
import { type block_device, type disk_stats, REQ_OP_DISCARD, REQ_OP_FLUSH, REQ_OP_MASK, STAT_DISCARD, STAT_FLUSH, STAT_READ, STAT_WRITE, op_is_write } from '../include/linux/blk_types.ts';
import { type request, RQF_FLUSH_SEQ, RQF_IO_STAT } from '../include/linux/blk-mq.ts';
import { jiffies } from '../kernel/time/timekeeping.ts';

/** op_stat_group: which column group an operation counts in. */
export function op_stat_group(opf: number): number {
  const op = opf & REQ_OP_MASK;
  if (op === REQ_OP_FLUSH) return STAT_FLUSH;
  if (op === REQ_OP_DISCARD) return STAT_DISCARD;
  return op_is_write(op) ? STAT_WRITE : STAT_READ;
}

/** The whole disk of a partition (part_stat_* add to the partition and to it), or null for the disk itself: no array per request. */
const whole = (p: block_device): disk_stats | null => (p.bd_partno ? p.bd_disk.part0.bd_stats : null);

/** update_io_ticks: time with IO in flight, in jiffies. */
function update_io_ticks(p: block_device, end: boolean): void {
  const now = jiffies();
  io_ticks(p.bd_stats, now, end);
  const d = whole(p);
  if (d) io_ticks(d, now, end);
}

function io_ticks(s: disk_stats, now: number, end: boolean): void {
  if (now > s.stamp) {
    if (end || s.in_flight[0] + s.in_flight[1] > 0) s.io_ticks += now - s.stamp;
    s.stamp = now;
  }
}

const accounted = (rq: request): boolean => (rq.rq_flags & RQF_IO_STAT) !== 0 && rq.part !== null && !(rq.rq_flags & RQF_FLUSH_SEQ);

export function blk_account_io_start(rq: request): void {
  if (!accounted(rq)) return;
  const p = rq.part!, d = whole(p);
  update_io_ticks(p, false);
  const w = op_is_write(rq.cmd_flags & REQ_OP_MASK) ? 1 : 0;
  p.bd_stats.in_flight[w]++;
  if (d) d.in_flight[w]++;
}

export function blk_account_io_completion(rq: request, bytes: number): void {
  if (!accounted(rq)) return;
  const p = rq.part!, d = whole(p), g = op_stat_group(rq.cmd_flags);
  p.bd_stats.sectors[g] += bytes >> 9;
  if (d) d.sectors[g] += bytes >> 9;
}

function io_done(s: disk_stats, g: number, w: number, ns: number): void {
  s.ios[g]++;
  s.nsecs[g] += ns;
  if (s.in_flight[w] > 0) s.in_flight[w]--;
}

export function blk_account_io_done(rq: request, now_ns: number): void {
  if (!accounted(rq)) return;
  const p = rq.part!, d = whole(p), g = op_stat_group(rq.cmd_flags), w = op_is_write(rq.cmd_flags & REQ_OP_MASK) ? 1 : 0;
  update_io_ticks(p, true);
  io_done(p.bd_stats, g, w, now_ns - rq.start_time_ns);
  if (d) io_done(d, g, w, now_ns - rq.start_time_ns);
}

export function blk_account_io_merge_bio(rq: request): void {
  if (!accounted(rq)) return;
  const p = rq.part!, d = whole(p), g = op_stat_group(rq.cmd_flags);
  p.bd_stats.merges[g]++;
  if (d) d.merges[g]++;
}

/** part_in_flight: requests in flight on the partition, both directions. */
export const part_in_flight = (p: block_device): number => p.bd_stats.in_flight[0] + p.bd_stats.in_flight[1];
