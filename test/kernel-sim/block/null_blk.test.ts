// null_blk on blk-mq: the disk as a device (/sys/block, /proc/partitions, queue/ against Linux's), and the IO path: plugging and merges, splitting at max_sectors, tags exhausted, requeue, an I/O error, flush on a write-through queue.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { boot, run, dmesg } from '../core/harness.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import { null_init, null_devices, type null_blk_params } from '../../../kernel-sim/drivers/block/null_blk/main.ts';
import { bio_alloc, bio_add_page } from '../../../kernel-sim/block/bio.ts';
import { submit_bio, submit_bio_wait, blk_start_plug, blk_finish_plug } from '../../../kernel-sim/block/blk-core.ts';
import { REQ_OP_READ, REQ_OP_WRITE, REQ_OP_FLUSH, REQ_PREFLUSH, type bio } from '../../../kernel-sim/include/linux/blk_types.ts';
import { trace_events, trace_subsystem_enable } from '../../../kernel-sim/kernel/trace/trace.ts';
import { ktime_get } from '../../../kernel-sim/kernel/time/timekeeping.ts';
import { schedule_timeout_uninterruptible } from '../../../kernel-sim/kernel/sched/core.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

const ref = (f: string): string => readFileSync(new URL(`../../fixtures/reference/linux-6.1/${f}`, import.meta.url), 'utf8');

function load(m: Machine, p: Partial<null_blk_params> = {}): void {
  const r = run(m, function* () { return yield* null_init(p); });
  expect(r.status, dmesg(m).slice(-30).join('\n')).toBe(0);
}

/** Runs `fn` in a task of the guest and returns what it returned. */
function inKernel<T>(m: Machine, fn: () => KGen<T>): T {
  let out: T | undefined;
  const r = run(m, function* () { out = yield* fn(); return 0; });
  expect(r.status).toBe(0);
  return out as T;
}

const letters = (m: Machine, from: number): string[] => m.inspect(() => trace_events().slice(from).filter((e) => e.cat === 'block').map((e) => e.name));
const nevents = (m: Machine): number => m.inspect(() => trace_events().length);
const page = (): Uint8Array => new Uint8Array(4096);

function rbio(sector: number, bytes: number, op = REQ_OP_READ): bio {
  const b = bio_alloc(null_devices()[0]!.disk.part0, Math.ceil(bytes / 4096), op);
  b.bi_iter.bi_sector = sector;
  for (let off = 0; off < bytes; off += 4096) bio_add_page(b, page(), Math.min(4096, bytes - off), 0);
  return b;
}

describe('null_blk as a disk', () => {
  const m = boot();
  // The IO letters are read from the trace ring, where block events go only once enabled (events/block/enable).
  m.inspect(() => trace_subsystem_enable('block'));
  load(m);

  it('appears in /sys/block (under devices/virtual), /proc/partitions (250 GiB) and /proc/devices as nullb', () => {
    const out = m.runCommand('ls -l /sys/block/; cat /proc/partitions; cat /proc/devices').output;
    expect(out).toMatch(/nullb0 -> \.\.\/devices\/virtual\/block\/nullb0/);
    expect(out).toMatch(/^ \d{3} {8}0  262144000 nullb0$/m);
    expect(out).toMatch(/Block devices:\n(.*\n)*253 nullb\n254 virtblk\n259 blkext\n/);
    expect(dmesg(m)).toContain('null_blk: disk nullb0 created');
    expect(m.runCommand('ls -l /dev/nullb0').output).toMatch(/^brw-rw---- +1 root +disk +\d+, +0 /);
  });

  it('queue/ matches block-nullb0-queue.txt line for line (the scheduler line lists only `none` until the schedulers exist)', () => {
    const want = ref('block-nullb0-queue.txt').split('\n').filter((l) => l && !l.startsWith('#'));
    const got = m.runCommand('cd /sys/block/nullb0/queue && grep . * 2>&1').output.split('\n').filter(Boolean);
    const strip = (ls: string[]): string[] => ls.filter((l) => !l.startsWith('scheduler:'));
    expect(strip(got)).toEqual(strip(want));
    expect(got).toContain('scheduler:[none] mq-deadline ');
  });

  it('mq/0 has the tags and CPUs; stat, inflight, size, range, ro, removable read as Linux prints them', () => {
    expect(m.runCommand('cat /sys/block/nullb0/mq/0/nr_tags /sys/block/nullb0/mq/0/cpu_list /sys/block/nullb0/size /sys/block/nullb0/range /sys/block/nullb0/ro /sys/block/nullb0/removable /sys/block/nullb0/inflight').output)
      .toBe('64\n0, 1\n524288000\n1\n0\n0\n       0        0\n');
  });

  it('a 4 KiB read goes Q G D C and counts in stat and /proc/diskstats', () => {
    const from = nevents(m);
    expect(inKernel(m, () => submit_bio_wait(rbio(8, 4096)))).toBe(0);
    expect(letters(m, from)).toEqual(['block_bio_queue', 'block_getrq', 'block_rq_issue', 'block_rq_complete']);
    const stat = m.runCommand('cat /sys/block/nullb0/stat').output.trim().split(/\s+/).map(Number);
    expect(stat[0]).toBeGreaterThanOrEqual(1);
    expect(stat[2]).toBeGreaterThanOrEqual(8);
    expect(m.runCommand('cat /proc/diskstats').output).toMatch(/^ {1}\d{3} {7}0 nullb0 \d+ 0 \d+ /m);
  });

  it('plugging: adjacent bios merge at the back (and front) of the plugged request; unplug issues one request (no block_unplug: null_blk has no ->commit_rqs, so 6.1 issues the plug directly without tracing it)', () => {
    const from = nevents(m);
    inKernel(m, function* () {
      const plug = blk_start_plug();
      const bios = [rbio(1000, 4096), rbio(1008, 4096), rbio(992, 4096)];
      let done = 0;
      for (const b of bios) { b.bi_end_io = () => { done++; }; yield* submit_bio(b); }
      blk_finish_plug(plug);
      while (done < 3) yield* submit_bio_wait(rbio(0, 512));
      return 0;
    });
    const ev = letters(m, from);
    // 6.1 traces P when the plug takes its first request (blk_add_rq_to_plug), after Q and G.
    expect(ev.slice(0, 8)).toEqual(['block_bio_queue', 'block_getrq', 'block_plug', 'block_bio_queue', 'block_bio_backmerge', 'block_bio_queue', 'block_bio_frontmerge', 'block_rq_issue']);
    const issue = m.inspect(() => trace_events().slice(from).find((e) => e.name === 'block_rq_issue')!.args as { sector: number; nr_sector: number });
    expect(issue).toMatchObject({ sector: 992, nr_sector: 24 });
  });

  it('a task that sleeps on something else with a request in its plug sends it out first (sched_submit_work)', () => {
    const from = nevents(m);
    const done_before_unplug = inKernel(m, function* () {
      const plug = blk_start_plug();
      const b = rbio(2000, 4096);
      let done = false;
      b.bi_end_io = () => { done = true; };
      yield* submit_bio(b);
      // Not an I/O wait: a timer. Without the flush on sleep the read would still sit in the plug when we wake.
      yield* schedule_timeout_uninterruptible(5_000_000);
      const seen = done;
      blk_finish_plug(plug);
      return seen;
    });
    expect(done_before_unplug).toBe(true);
    const unplug = m.inspect(() => trace_events().slice(from).find((e) => e.name === 'block_unplug')!.args as { explicit: boolean });
    expect(unplug.explicit).toBe(false);
  });

  it('a bio larger than max_sectors (255) is split (X) and both parts complete', () => {
    const from = nevents(m);
    expect(inKernel(m, () => submit_bio_wait(rbio(0, 256 * 1024)))).toBe(0);
    const ev = letters(m, from);
    expect(ev.filter((n) => n === 'block_split').length).toBe(2);
    expect(ev.filter((n) => n === 'block_rq_complete').length).toBe(3);
  });

  it('a bad sector fails the request with the kernel\'s I/O error line and -EIO', () => {
    m.inspect(() => null_devices()[0]!.badblocks.add(4096));
    expect(inKernel(m, () => submit_bio_wait(rbio(4096, 4096)))).toBe(-5);
    expect(dmesg(m)).toContain('I/O error, dev nullb0, sector 4096 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2');
  });

  it('the I/O error line carries the submitter\'s priority class: ionice -c idle, -c 1 (realtime) as root; ionice -p prints a task\'s', () => {
    m.inspect(() => null_devices()[0]!.badblocks.add(4104));
    const out = m.runCommand('ionice -c 3 dd if=/dev/nullb0 of=/dev/null bs=4k count=1 skip=513 iflag=direct 2>/dev/null; ionice -c realtime -n 2 dd if=/dev/nullb0 of=/dev/null bs=4k count=1 skip=513 iflag=direct 2>/dev/null; ionice -p $$; ionice -c 3 -p $$; ionice -p $$; ionice -c 9 true; echo rc=$?').output;
    expect(out).toBe("best-effort: prio 4\nidle\nionice: unknown scheduling class: '9'\nrc=1\n");
    const lines = dmesg(m).filter((l) => l.startsWith('I/O error, dev nullb0, sector 4104 '));
    expect(lines.slice(-2)).toEqual([
      'I/O error, dev nullb0, sector 4104 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 3',
      'I/O error, dev nullb0, sector 4104 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 1',
    ]);
  });

  it('a requeued request goes back (R), is inserted again (I) and completes', () => {
    m.inspect(() => { null_devices()[0]!.requeue_next = 1; });
    const from = nevents(m);
    expect(inKernel(m, () => submit_bio_wait(rbio(64, 4096)))).toBe(0);
    const ev = letters(m, from);
    expect(ev).toEqual(expect.arrayContaining(['block_rq_requeue', 'block_rq_insert', 'block_rq_issue', 'block_rq_complete']));
    expect(ev.indexOf('block_rq_requeue')).toBeLessThan(ev.indexOf('block_rq_issue'));
  });

  it('a request the device never completes times out after io_timeout (5 s of virtual time): the driver\'s timeout handler ends it with -ETIMEDOUT', () => {
    m.inspect(() => { null_devices()[0]!.timeout_next = 1; });
    const r = inKernel(m, function* () {
      const t0 = ktime_get();
      const err = yield* submit_bio_wait(rbio(256, 4096));
      return { err, waited: ktime_get() - t0 };
    });
    expect(r.err).toBe(-110);
    expect(r.waited).toBeGreaterThanOrEqual(5e9);
    expect(dmesg(m).some((l) => /^null_blk: rq \d+ timed out$/.test(l))).toBe(true);
  });

  it('an empty flush on a write-through queue ends at once, without reaching the driver', () => {
    const from = nevents(m);
    expect(inKernel(m, () => submit_bio_wait(bio_alloc(null_devices()[0]!.disk.part0, 0, REQ_OP_FLUSH | REQ_PREFLUSH)))).toBe(0);
    expect(letters(m, from)).not.toContain('block_rq_issue');
  });
});

describe('null_blk with a timer completion and a small queue', () => {
  const m = boot();
  m.inspect(() => trace_subsystem_enable('block'));
  load(m, { irqmode: 2, completion_nsec: 1_000_000, hw_queue_depth: 2, memory_backed: true });

  it('tags exhausted: a third request sleeps for a tag until one completes, in virtual time', () => {
    const order: number[] = [];
    const t = inKernel(m, function* () {
      let done = 0;
      for (let i = 0; i < 3; i++) {
        const b = rbio(i * 64, 4096, REQ_OP_WRITE);
        b.bi_end_io = () => { order.push(i); done++; };
        yield* submit_bio(b);
      }
      const w = yield* submit_bio_wait(rbio(0, 4096));
      return { done, w, waits: null_devices()[0]!.tag_set.tags[0]!.nr_waits };
    });
    expect(t.waits).toBeGreaterThanOrEqual(1);
    expect(t.done).toBe(3);
    expect(order).toEqual([0, 1, 2]);
  });

  it('memory_backed: what is written reads back', () => {
    const got = inKernel(m, function* () {
      const w = rbio(128, 4096, REQ_OP_WRITE);
      w.bi_io_vec[0]!.bv_page.fill(0x5a);
      yield* submit_bio_wait(w);
      const r = rbio(128, 4096);
      yield* submit_bio_wait(r);
      return r.bi_io_vec[0]!.bv_page[100];
    });
    expect(got).toBe(0x5a);
  });
});
