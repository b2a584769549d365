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

/** The partition and, when it is one, its whole disk: part_stat_* add to both. */
function parts(p: block_device): disk_stats[] {
  return p.bd_partno ? [p.bd_stats, p.bd_disk.part0.bd_stats] : [p.bd_stats];
}

/** update_io_ticks: time with IO in flight, in jiffies. */
function update_io_ticks(p: block_device, end: boolean): void {
  const now = jiffies();
  for (const s of parts(p)) {
    if (now > s.stamp) {
      if (end || s.in_flight[0] + s.in_flight[1] > 0) s.io_ticks += now - s.stamp;
      s.stamp = now;
    }
  }
}

const accounted = (rq: request): boolean => (rq.rq_flags & RQF_IO_STAT) !== 0 && rq.part !== null && !(rq.rq_flags & RQF_FLUSH_SEQ);

export function blk_account_io_start(rq: request): void {
  if (!accounted(rq)) return;
  update_io_ticks(rq.part!, false);
  const w = op_is_write(rq.cmd_flags & REQ_OP_MASK) ? 1 : 0;
  for (const s of parts(rq.part!)) s.in_flight[w]++;
}

export function blk_account_io_completion(rq: request, bytes: number): void {
  if (!accounted(rq)) return;
  const g = op_stat_group(rq.cmd_flags);
  for (const s of parts(rq.part!)) s.sectors[g] += bytes >> 9;
}

export function blk_account_io_done(rq: request, now_ns: number): void {
  if (!accounted(rq)) return;
  const g = op_stat_group(rq.cmd_flags), w = op_is_write(rq.cmd_flags & REQ_OP_MASK) ? 1 : 0;
  update_io_ticks(rq.part!, true);
  for (const s of parts(rq.part!)) {
    s.ios[g]++;
    s.nsecs[g] += now_ns - rq.start_time_ns;
    if (s.in_flight[w] > 0) s.in_flight[w]--;
  }
}

export function blk_account_io_merge_bio(rq: request): void {
  if (!accounted(rq)) return;
  const g = op_stat_group(rq.cmd_flags);
  for (const s of parts(rq.part!)) s.merges[g]++;
}

/** part_in_flight: requests in flight on the partition, both directions. */
export const part_in_flight = (p: block_device): number => p.bd_stats.in_flight[0] + p.bd_stats.in_flight[1];
