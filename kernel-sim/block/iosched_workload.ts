// Models an fio-like job runner inside the kernel (as kernel threads, one per job, each its own process for the schedulers): sequential and random readers and writers with an iodepth, a think time and an I/O priority, over raw bios — the seeded workload the IO view's compare mode and the scheduler tests replay.
import type { KGen, task_struct } from '../include/linux/sched.ts';
import { TASK_UNINTERRUPTIBLE, EXIT_DEAD, EXIT_ZOMBIE } from '../include/linux/sched.ts';
import { type bio, REQ_OP_READ, REQ_OP_WRITE, REQ_SYNC, SECTOR_SHIFT } from '../include/linux/blk_types.ts';
import { FMODE_READ, FMODE_WRITE } from '../include/linux/fs_types.ts';
import { bio_add_page, bio_alloc } from './bio.ts';
import { submit_bio } from './blk-core.ts';
import { blkdev_get_by_dev, blkdev_put } from './bdev.ts';
import { blk_lookup_devt } from './genhd.ts';
import { set_task_ioprio } from './ioprio.ts';
import { kernel_thread } from '../kernel/fork.ts';
import { current, schedule_timeout, set_current_state, runqueue } from '../kernel/sched/core.ts';
import { wait_queue_head, wait_event, wake_up } from '../kernel/sched/wait.ts';
import { ktime_get } from '../kernel/time/timekeeping.ts';
import { PRandom } from '../lib/prandom.ts';

export type io_rw = 'read' | 'write' | 'randread' | 'randwrite';

/** One job, as an fio job section would give it. */
export interface io_job {
  readonly name: string;
  readonly rw: io_rw;
  /** Block size in bytes (a multiple of 512). */
  readonly bs: number;
  readonly iodepth: number;
  readonly nr_ios: number;
  /** Where the job's region starts and how long it is, in sectors. */
  readonly offset: number;
  readonly span: number;
  /** IOPRIO_PRIO_VALUE(class, level) for the job's task (ionice). */
  readonly ioprio?: number;
  /** Virtual ns the job waits after each completion before submitting again (a latency-sensitive reader). */
  readonly think_ns?: number;
  /** Bytes skipped after each sequential I/O (fio's rw=read:<skip>): sequential but never adjacent, so never merged. */
  readonly skip?: number;
  /** Virtual ns the job waits before its first I/O (fio's startdelay). */
  readonly delay_ns?: number;
  /** Writes carry a pattern derived from their sector (io_pattern_word) so a read-back can check them. */
  readonly pattern?: boolean;
}

export interface io_job_result {
  readonly name: string;
  readonly pid: number;
  readonly ios: number;
  readonly bytes: number;
  readonly errors: number;
  /** Bios whose end_io ran other than exactly once (0 when nothing was lost or completed twice). */
  readonly lost_or_doubled: number;
  readonly start_ns: number;
  readonly end_ns: number;
}

/** The 32-bit word every 4-byte slot of a patterned sector holds. */
export const io_pattern_word = (sector: number, word: number): number => (Math.imul(sector + 1, 0x9e3779b1) ^ word) >>> 0;

export function io_fill_pattern(page: Uint8Array, sector: number): void {
  const dv = new DataView(page.buffer, page.byteOffset, page.byteLength);
  for (let off = 0; off + 4 <= page.byteLength; off += 4) dv.setUint32(off, io_pattern_word(sector + (off >> SECTOR_SHIFT), off & 511), true);
}

/** How many sectors of `data` (starting at `sector`) do not hold the pattern. */
export function io_check_pattern(data: Uint8Array, sector: number): number {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let bad = 0;
  for (let s = 0; s < data.byteLength >> SECTOR_SHIFT; s++) {
    for (let off = 0; off < 512; off += 4) {
      if (dv.getUint32(s * 512 + off, true) !== io_pattern_word(sector + s, off)) { bad++; break; }
    }
  }
  return bad;
}

/** The job's sector for its n-th I/O: sequential through its region, or uniformly random blocks of it (seeded). */
function next_sector(job: io_job, n: number, rnd: PRandom): number {
  const step = (job.bs + (job.skip ?? 0)) >> SECTOR_SHIFT;
  const blocks = Math.max(1, Math.floor(job.span / step));
  const idx = job.rw === 'randread' || job.rw === 'randwrite' ? rnd.below(blocks) : n % blocks;
  return job.offset + idx * step;
}

/** One job's loop in its own task: keep iodepth bios in flight until nr_ios completed. */
function* io_job_fn(disk: string, job: io_job, seed: number, out: io_job_result[], idx: number): KGen<number> {
  const t = current();
  if (job.ioprio !== undefined) set_task_ioprio(t, job.ioprio);
  const write = job.rw === 'write' || job.rw === 'randwrite';
  const mode = write ? FMODE_READ | FMODE_WRITE : FMODE_READ;
  const bdev = yield* blkdev_get_by_dev(blk_lookup_devt(disk), mode);
  if (job.delay_ns) { set_current_state(TASK_UNINTERRUPTIBLE); yield* schedule_timeout(job.delay_ns); }
  const start_ns = ktime_get();
  if (typeof bdev === 'number') { out[idx] = { name: job.name, pid: t.pid, ios: 0, bytes: 0, errors: 1, lost_or_doubled: 0, start_ns, end_ns: start_ns }; return bdev; }
  const rnd = new PRandom(seed);
  const wq = new wait_queue_head(`io_job_${job.name}`);
  const ends = new Uint8Array(job.nr_ios);
  const pool: Uint8Array[] = [];
  let inflight = 0, done = 0, submitted = 0, errors = 0;
  while (done < job.nr_ios) {
    while (inflight < job.iodepth && submitted < job.nr_ios) {
      const n = submitted++;
      // A buffer per I/O in flight, reused after its completion (at most iodepth of them).
      const page = pool.pop() ?? new Uint8Array(job.bs);
      const b: bio = bio_alloc(bdev, Math.ceil(job.bs / 4096), (write ? REQ_OP_WRITE : REQ_OP_READ) | REQ_SYNC);
      b.bi_iter.bi_sector = next_sector(job, n, rnd);
      if (write && job.pattern) io_fill_pattern(page, b.bi_iter.bi_sector);
      for (let off = 0; off < job.bs; off += 4096) bio_add_page(b, page.subarray(off, Math.min(job.bs, off + 4096)), Math.min(4096, job.bs - off), 0);
      b.bi_end_io = (x: bio) => { ends[n]!++; inflight--; done++; if (x.bi_status) errors++; pool.push(page); wake_up(wq); };
      inflight++;
      yield* submit_bio(b);
    }
    if (done >= job.nr_ios) break;
    const before = done;
    yield* wait_event(wq, () => done > before || (submitted < job.nr_ios ? inflight < job.iodepth : done >= job.nr_ios), 'io_job');
    if (job.think_ns && done < job.nr_ios) { set_current_state(TASK_UNINTERRUPTIBLE); yield* schedule_timeout(job.think_ns); }
  }
  blkdev_put(bdev, mode);
  let bad = 0;
  for (const e of ends) if (e !== 1) bad++;
  out[idx] = { name: job.name, pid: t.pid, ios: done, bytes: done * job.bs, errors, lost_or_doubled: bad, start_ns, end_ns: ktime_get() };
  return 0;
}

/**
 * run_io_jobs: starts every job as a kernel thread named after it (so each is its own process to bfq and to the
 * charts) and waits for all of them; job i draws its offsets from seed + i. Same seed, same submissions.
 */
export function* run_io_jobs(disk: string, jobs: readonly io_job[], seed: number): KGen<io_job_result[]> {
  const out: io_job_result[] = [];
  const tasks: task_struct[] = [];
  jobs.forEach((job, i) => {
    const pid = kernel_thread(() => io_job_fn(disk, job, seed + i, out, i), job.name);
    const t = runqueue().tasks.get(pid);
    if (t) tasks.push(t);
  });
  while (tasks.some((t) => !(t.exit_state & (EXIT_ZOMBIE | EXIT_DEAD)))) {
    set_current_state(TASK_UNINTERRUPTIBLE);
    yield* schedule_timeout(1_000_000);
  }
  return out;
}
