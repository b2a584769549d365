// Models linux/drivers/block/null_blk/main.c: the null block device on blk-mq — requests completed without data (or into RAM when memory_backed), at once, from softirq or from a timer completion_nsec later; badblocks fail with an I/O error; requeue injection.
import type { KGen } from '../../../include/linux/sched.ts';
import { type blk_status_t, BLK_STS_IOERR, BLK_STS_OK, op_is_write, REQ_OP_MASK, REQ_OP_READ, REQ_OP_WRITE } from '../../../include/linux/blk_types.ts';
import { type gendisk, QUEUE_FLAG_NONROT, QUEUE_FLAG_POLL, blk_queue_flag_set } from '../../../include/linux/blkdev.ts';
import { type blk_mq_ops, type blk_mq_tag_set, type request, BLK_EH_DONE, BLK_MQ_F_SHOULD_MERGE, blk_rq_pos, blk_rq_sectors } from '../../../include/linux/blk-mq.ts';
import {
  blk_mq_alloc_tag_set, blk_mq_complete_request, blk_mq_end_request, blk_mq_init_queue, blk_mq_requeue_request,
  blk_mq_start_request, blk_mq_tag_set_init, rq_for_each_segment,
} from '../../../block/blk-mq.ts';
import { __alloc_disk_node, device_add_disk, del_gendisk, register_blkdev, set_capacity, unregister_blkdev } from '../../../block/genhd.ts';
import { pr_info } from '../../../kernel/printk/printk.ts';
import { defineState } from '../../../kernel/state.ts';
import { hrtimer_create, hrtimer_start, ktime_get, NSEC_PER_SEC } from '../../../kernel/time/timekeeping.ts';
import type { ts_module_def, ts_module_param } from '../../../kernel/module/obj_m.ts';
import { configfs_register_subsystem, configfs_unregister_subsystem, type configfs_subsystem } from '../../../fs/configfs/dir.ts';

export const NULL_IRQ_NONE = 0, NULL_IRQ_SOFTIRQ = 1, NULL_IRQ_TIMER = 2;
export const NULL_Q_BIO = 0, NULL_Q_MQ = 2;

/** The module parameters, with their defaults (module_param in main.c). */
export interface null_blk_params {
  nr_devices: number; queue_mode: number; irqmode: number; completion_nsec: number; hw_queue_depth: number;
  submit_queues: number; gb: number; bs: number; memory_backed: boolean; max_sectors: number;
}
export const null_blk_defaults: null_blk_params = {
  nr_devices: 1, queue_mode: NULL_Q_MQ, irqmode: NULL_IRQ_SOFTIRQ, completion_nsec: 10_000, hw_queue_depth: 64,
  submit_queues: 1, gb: 250, bs: 512, memory_backed: false, max_sectors: 255,
};

export interface nullb {
  disk: gendisk;
  tag_set: blk_mq_tag_set;
  params: null_blk_params;
  /** memory_backed: the device's sectors, 4 KiB pages by index. */
  pages: Map<number, Uint8Array>;
  /** badblocks (configfs): sectors whose IO fails. */
  badblocks: Set<number>;
  /** Fault injection: the next N requests are requeued once (null_blk's requeue fault attribute). */
  requeue_next: number;
  /** Fault injection: the next N requests are never completed (the timeout fault attribute). */
  timeout_next: number;
}

const nullbState = defineState('null_blk', () => ({ major: 0, devices: [] as nullb[] }));

/** null_handle_memory_backed: copy the request's segments to or from the device's pages. */
function null_transfer(nb: nullb, rq: request): void {
  const write = op_is_write(rq.cmd_flags & REQ_OP_MASK);
  rq_for_each_segment(rq, (data, sector) => {
    for (let done = 0; done < data.length;) {
      const pos = sector * 512 + done, idx = Math.floor(pos / 4096), po = pos % 4096, n = Math.min(4096 - po, data.length - done);
      let p = nb.pages.get(idx);
      if (!p && write) { p = new Uint8Array(4096); nb.pages.set(idx, p); }
      if (write) p!.set(data.subarray(done, done + n), po); else if (p) data.set(p.subarray(po, po + n), done); else data.fill(0, done, done + n);
      done += n;
    }
  });
}

function null_handle_rq(nb: nullb, rq: request): blk_status_t {
  const op = rq.cmd_flags & REQ_OP_MASK;
  // null_handle_badblocks: only a device with bad blocks looks them up, sector by sector.
  if (nb.badblocks.size) {
    for (let s = blk_rq_pos(rq), end = s + blk_rq_sectors(rq); s < end; s++) if (nb.badblocks.has(s)) return BLK_STS_IOERR;
  }
  if (nb.params.memory_backed && (op === REQ_OP_READ || op === REQ_OP_WRITE)) null_transfer(nb, rq);
  return BLK_STS_OK;
}

/** The request's completion status, kept in its pdu until the (soft)irq completes it. */
interface nullb_cmd { error: blk_status_t; timer: ReturnType<typeof hrtimer_create> | null; rq: request | null }

const null_mq_ops: blk_mq_ops = {
  queue_rq(hctx, bd) {
    const nb = hctx.queue.queuedata as nullb, rq = bd.rq;
    if (nb.requeue_next > 0 && rq.nr_requeues === 0) { nb.requeue_next--; blk_mq_requeue_request(rq, true); return BLK_STS_OK; }
    blk_mq_start_request(rq);
    const cmd = (rq.pdu ??= { error: BLK_STS_OK, timer: null, rq: null }) as nullb_cmd;
    cmd.error = null_handle_rq(nb, rq);
    if (nb.timeout_next > 0) { nb.timeout_next--; return BLK_STS_OK; }
    switch (nb.params.irqmode) {
      case NULL_IRQ_NONE: blk_mq_end_request(rq, cmd.error); break;
      case NULL_IRQ_SOFTIRQ: blk_mq_complete_request(rq); break;
      default:
        cmd.rq = rq;
        cmd.timer ??= hrtimer_create('null_cmd_timer_expired', () => blk_mq_complete_request(cmd.rq!));
        hrtimer_start(cmd.timer, ktime_get() + nb.params.completion_nsec);
    }
    return BLK_STS_OK;
  },
  complete(rq) { blk_mq_end_request(rq, (rq.pdu as nullb_cmd).error); },
  /** null_timeout_rq: the command is failed with a timeout and completed. */
  timeout(rq) {
    pr_info(`null_blk: rq ${rq.tag} timed out`);
    (rq.pdu as nullb_cmd).error = 2;
    blk_mq_complete_request(rq);
    return BLK_EH_DONE;
  },
};

/** null_add_dev: a tag set, a queue with null_blk's limits and the disk nullbN. */
function* null_add_dev(index: number, params: null_blk_params): KGen<nullb | number> {
  const set = blk_mq_tag_set_init({
    ops: null_mq_ops, nr_hw_queues: params.submit_queues, queue_depth: params.hw_queue_depth, timeout: 5 * NSEC_PER_SEC, flags: BLK_MQ_F_SHOULD_MERGE,
    // g_poll_queues = 1: Linux adds a poll queue (nr_maps 3), which is why nullb0 starts on `none`; its hctx is not modelled.
    nr_maps: 3,
  });
  const r = blk_mq_alloc_tag_set(set);
  if (r) return r;
  const nb = { tag_set: set, params, pages: new Map(), badblocks: new Set(), requeue_next: 0, timeout_next: 0 } as unknown as nullb;
  const q = blk_mq_init_queue(set, nb);
  blk_queue_flag_set(QUEUE_FLAG_NONROT, q);
  blk_queue_flag_set(QUEUE_FLAG_POLL, q);
  q.limits.logical_block_size = q.limits.physical_block_size = q.limits.io_min = params.bs;
  q.limits.max_hw_sectors = q.limits.max_sectors = params.max_sectors;
  const disk = __alloc_disk_node(q);
  disk.major = nullbState().major; disk.first_minor = index; disk.minors = 1; disk.disk_name = `nullb${index}`;
  disk.fops = {}; disk.private_data = nb;
  set_capacity(disk, params.gb * 1024 * 1024 * 2);
  nb.disk = disk;
  const e = yield* device_add_disk(null, disk);
  if (e) return e;
  pr_info(`null_blk: disk ${disk.disk_name} created`);
  return nb;
}

/** nullb_subsys: /sys/kernel/config/nullb, where devices are configured (its items are not modelled). */
const nullb_subsys: configfs_subsystem = { ci_namebuf: 'nullb' };

/** null_init: module_init. */
export function* null_init(p: Partial<null_blk_params> = {}): KGen<number> {
  const params = { ...null_blk_defaults, ...p };
  if (params.bs !== 512 && params.bs !== 4096) params.bs = 512;
  if (params.queue_mode !== NULL_Q_MQ) return -22;
  const err = configfs_register_subsystem(nullb_subsys);
  if (err) return err;
  const major = register_blkdev(0, 'nullb');
  if (major < 0) { configfs_unregister_subsystem(nullb_subsys); return major; }
  nullbState().major = major;
  for (let i = 0; i < params.nr_devices; i++) {
    const nb = yield* null_add_dev(i, params);
    if (typeof nb === 'number') return nb;
    nullbState().devices.push(nb);
  }
  pr_info('null_blk: module loaded');
  return 0;
}

export function* null_exit(): KGen<void> {
  const s = nullbState();
  for (const nb of s.devices.splice(0)) yield* del_gendisk(nb.disk);
  unregister_blkdev(s.major, 'nullb');
  configfs_unregister_subsystem(nullb_subsys);
}

export const null_devices = (): nullb[] => nullbState().devices;

/** module_param()s of main.c that this model honours, with Linux's types, modes, descriptions and defaults. */
const null_blk_module_params: readonly ts_module_param[] = [
  { name: 'submit_queues', type: 'int', perm: 0o444, desc: 'Number of submission queues', default: null_blk_defaults.submit_queues },
  { name: 'queue_mode', type: 'int', perm: 0o444, desc: 'Block interface to use (0=bio,1=rq,2=multiqueue)', default: null_blk_defaults.queue_mode },
  { name: 'gb', type: 'int', perm: 0o444, desc: 'Size in GB', default: null_blk_defaults.gb },
  { name: 'bs', type: 'int', perm: 0o444, desc: 'Block size (in bytes)', default: null_blk_defaults.bs },
  { name: 'max_sectors', type: 'int', perm: 0o444, desc: 'Maximum size of a command (in 512B sectors)', default: 0 },
  { name: 'nr_devices', type: 'uint', perm: 0o444, desc: 'Number of devices to register', default: null_blk_defaults.nr_devices },
  { name: 'irqmode', type: 'int', perm: 0o444, desc: 'IRQ completion handler. 0-none, 1-softirq, 2-timer', default: null_blk_defaults.irqmode },
  { name: 'completion_nsec', type: 'ulong', perm: 0o444, desc: 'Time in ns to complete a request in hardware. Default: 10,000ns', default: null_blk_defaults.completion_nsec },
  { name: 'hw_queue_depth', type: 'int', perm: 0o444, desc: 'Queue depth for each hardware queue. Default: 64', default: null_blk_defaults.hw_queue_depth },
  { name: 'memory_backed', type: 'bool', perm: 0o444, desc: 'Create a memory-backed block device. Default: false', default: null_blk_defaults.memory_backed },
];

/** obj-m: null_blk.ko, as Debian ships it; `modprobe null_blk nr_devices=2 irqmode=2` reaches null_init with those values. */
export const obj_m: readonly ts_module_def[] = [{
  name: 'null_blk',
  path: 'kernel/drivers/block/null_blk/null_blk.ko',
  description: 'multi queue aware block test driver',
  license: 'GPL',
  author: 'Jens Axboe <axboe@kernel.dk>',
  // configfs_register_subsystem and friends: a dependency where the build makes configfs a module (init/kconfig.ts).
  depends: ['configfs'],
  params: null_blk_module_params,
  size: 110592,
  init: (v) => null_init({
    submit_queues: v.int('submit_queues'), queue_mode: v.int('queue_mode'), gb: v.int('gb'), bs: v.int('bs'),
    // max_sectors=0 takes the queue's default maximum (BLK_DEF_MAX_SECTORS capped as Linux's null_add_dev does).
    max_sectors: v.int('max_sectors') || null_blk_defaults.max_sectors, nr_devices: v.int('nr_devices'), irqmode: v.int('irqmode'),
    completion_nsec: v.int('completion_nsec'), hw_queue_depth: v.int('hw_queue_depth'), memory_backed: v.bool('memory_backed'),
  }),
  exit: null_exit,
}];
