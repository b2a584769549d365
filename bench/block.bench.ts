// Block layer benchmark: simulated 4 KiB O_DIRECT-style reads (one bio each, submit_bio at iodepth 32, random offsets, no scheduler; block tracepoints off as on Linux until something enables them, plus one null_blk figure with every IO's block events recorded into the trace ring) per wall second and per CPU second of the process (the machine is shared), on null_blk (completed in queue_rq) and on vda (virtio-blk: descriptor chains and DMA through guest memory, the device model's service time, completion by MSI-X interrupt in virtual time), median of 3 runs with the 1-minute load average beside them; and the default machine's boot with its ext2 root on vda1 against the initramfs root.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { Machine } from '../kernel-sim/machine.ts';
import { register_programs } from '../kernel-sim/user/bin/index.ts';
import { kwb_image } from '../kernel-sim/fs/binfmt_kwb.ts';
import type { KGen } from '../kernel-sim/include/linux/sched.ts';
import { null_init } from '../kernel-sim/drivers/block/null_blk/main.ts';
import { blkdev_get_by_dev } from '../kernel-sim/block/bdev.ts';
import { blk_lookup_devt } from '../kernel-sim/block/genhd.ts';
import { bio_alloc, bio_add_page } from '../kernel-sim/block/bio.ts';
import { submit_bio } from '../kernel-sim/block/blk-core.ts';
import { REQ_OP_READ, REQ_SYNC } from '../kernel-sim/include/linux/blk_types.ts';
import { FMODE_READ } from '../kernel-sim/include/linux/fs_types.ts';
import { wait_queue_head, wait_event, wake_up } from '../kernel-sim/kernel/sched/wait.ts';
import { trace_subsystem_enable } from '../kernel-sim/kernel/trace/trace.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const IODEPTH = 32;

/** fio-like: `total` 4 KiB reads at random aligned offsets of `disk`, IODEPTH in flight; returns reads done. */
function* randread(disk: string, total: number): KGen<number> {
  const b = yield* blkdev_get_by_dev(blk_lookup_devt(disk), FMODE_READ);
  if (typeof b === 'number') return -1;
  const wq = new wait_queue_head('bench');
  const pages = Array.from({ length: IODEPTH }, () => new Uint8Array(4096));
  let inflight = 0, done = 0, submitted = 0, seed = 12345;
  const blocks = Math.floor(b.bd_nr_sectors / 8);
  const end = (): void => { inflight--; done++; wake_up(wq); };
  while (done < total) {
    while (inflight < IODEPTH && submitted < total) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const bio = bio_alloc(b, 1, REQ_OP_READ | REQ_SYNC);
      bio.bi_iter.bi_sector = (seed % blocks) * 8;
      bio_add_page(bio, pages[submitted % IODEPTH]!, 4096, 0);
      bio.bi_end_io = end;
      inflight++; submitted++;
      yield* submit_bio(bio);
    }
    // Sleep for a free slot while there is more to submit, else for the last completions.
    if (done < total) yield* wait_event(wq, () => (submitted < total ? inflight < IODEPTH : done >= total));
  }
  return done;
}

let seq = 0;
function measure(m: Machine, disk: string, total: number): { wall: number; cpu: number } {
  const name = `blkbench_${++seq}`;
  let n = 0;
  register_programs({ [name]: { main: function* () { n = yield* randread(disk, total); return 0; }, path: `/bin/${name}` } });
  m.putFile(`/bin/${name}`, kwb_image(name), 0o755);
  const t = performance.now(), c0 = process.cpuUsage();
  m.runCommand(`/bin/${name}`, { timeoutNs: 3600e9 });
  const ms = performance.now() - t, c = process.cpuUsage(c0);
  if (process.env.KWB_BENCH_VERBOSE) console.error(disk, total, Math.round(ms), 'ms', Math.round((c.user + c.system) / 1000), 'ms cpu');
  if (n !== total) throw new Error(`${disk}: ${n} of ${total} reads`);
  return { wall: Math.round((total / ms) * 1000), cpu: Math.round(total / ((c.user + c.system) / 1e6)) };
}

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

/** Wall ms of the default machine's first boot (its root disk image built) and of a reboot, median of `runs`; `cmdline` overrides root=. */
function bootMs(runs: number, cmdline?: string): { first: number; reboot: number } {
  const dts = readFileSync(join(ROOT, 'resources/machines/default.dts'), 'utf8');
  const first: number[] = [], reboot: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    let t = performance.now();
    const m = new Machine({ dts, dtsName: 'default.dts', ...(cmdline ? { cmdline } : {}) });
    if (m.boot().state !== 'running') throw new Error('default machine did not boot');
    const f = performance.now() - t;
    t = performance.now();
    m.reboot();
    if (i > 0) { first.push(f); reboot.push(performance.now() - t); }
  }
  return { first: Number(median(first).toFixed(1)), reboot: Number(median(reboot).toFixed(1)) };
}

export default function bench(): Record<string, number> {
  // KWB_BLOCK_BENCH_READS_ONLY=1 leaves out the boot figures (while working on the read path).
  const boots = !process.env.KWB_BLOCK_BENCH_READS_ONLY;
  const ext2 = boots ? bootMs(5) : { first: 0, reboot: 0 };
  const initramfs = boots ? bootMs(5, 'console=ttyS0 panic=-1') : { first: 0, reboot: 0 };
  const m = new Machine({ dts: readFileSync(join(ROOT, 'resources/machines/qemu-q35-reference.dts'), 'utf8'), dtsName: 'qemu-q35-reference.dts' });
  m.boot();
  // Debian's config (the reference machine's) builds virtio as modules: load them as the reference's capture.sh does.
  m.runCommand('modprobe virtio_pci; modprobe virtio_blk');
  const name = 'nullb_load';
  register_programs({ [name]: { main: function* () { return yield* null_init({ irqmode: 0 }); }, path: `/bin/${name}` } });
  m.putFile(`/bin/${name}`, kwb_image(name), 0o755);
  m.runCommand(`/bin/${name}`);
  const n = Number(process.env.KWB_BLOCK_BENCH_IOS ?? 100_000);
  measure(m, 'nullb0', Math.ceil(n / 10));
  measure(m, 'vda', Math.ceil(n / 40));
  const load = Number(loadavg()[0]!.toFixed(2));
  const nullb: { wall: number; cpu: number }[] = [], vda: { wall: number; cpu: number }[] = [];
  for (let r = 0; r < 3; r++) { nullb.push(measure(m, 'nullb0', n)); vda.push(measure(m, 'vda', Math.ceil(n / 4))); }
  // The same reads with block events recorded (blktrace or the trace view listening): what tracing costs.
  const off = m.inspect(() => trace_subsystem_enable('block'));
  const traced = measure(m, 'nullb0', n);
  m.inspect(off);
  return {
    ...(boots ? {
      block_default_boot_ext2_root_ms: ext2.first,
      block_default_reboot_ext2_root_ms: ext2.reboot,
      block_default_boot_initramfs_root_ms: initramfs.first,
      block_default_reboot_initramfs_root_ms: initramfs.reboot,
    } : {}),
    block_null_blk_4k_reads_per_sec: median(nullb.map((x) => x.wall)),
    block_null_blk_4k_reads_per_cpu_sec: median(nullb.map((x) => x.cpu)),
    block_null_blk_4k_reads_traced_per_sec: traced.wall,
    block_null_blk_4k_reads_traced_per_cpu_sec: traced.cpu,
    block_vda_4k_reads_per_sec: median(vda.map((x) => x.wall)),
    block_vda_4k_reads_per_cpu_sec: median(vda.map((x) => x.cpu)),
    block_loadavg_1m: load,
    block_loadavg_1m_end: Number(loadavg()[0]!.toFixed(2)),
  };
}
