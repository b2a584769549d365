// Models linux/drivers/scsi/scsi_lib.c: each LUN's blk-mq queue (scsi_queue_rq turns a request into a command — the upper-level driver builds block I/O, a passthrough request carries its own CDB — and hands it to the host's queuecommand), scsi_done and the completion (scsi_complete), and scsi_execute_cmd for the mid layer's and drivers' own commands.
import type { KGen } from '../../include/linux/sched.ts';
import {
  type blk_status_t, BLK_STS_IOERR, BLK_STS_OFFLINE, BLK_STS_OK, BLK_STS_RESOURCE, REQ_OP_DRV_IN, REQ_OP_DRV_OUT, REQ_OP_MASK,
} from '../../include/linux/blk_types.ts';
import { type blk_mq_ops, type request, blk_rq_bytes } from '../../include/linux/blk-mq.ts';
import {
  blk_mq_alloc_request, blk_mq_alloc_tag_set, blk_mq_complete_request, blk_mq_end_request, blk_mq_free_request, blk_mq_init_queue,
  blk_mq_request_bypass_insert, blk_mq_run_hw_queue, blk_mq_start_request, blk_mq_tag_set_init,
} from '../../block/blk-mq.ts';
import { KERN_ERR } from '../../kernel/printk/printk.ts';
import { wait_event, wake_up_all } from '../../kernel/sched/wait.ts';
import { ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import {
  type Scsi_Host, type scsi_cmnd, type scsi_device, type scsi_driver, type scsi_sense_hdr, DID_ERROR, DID_NO_CONNECT, DMA_TO_DEVICE,
  SDEV_CREATED, SDEV_DEL, SDEV_OFFLINE, SDEV_RUNNING,
} from './scsi_types.ts';
import { NEEDS_RETRY, scsi_decide_disposition, scsi_normalize_sense, sdev_printk } from './scsi_error.ts';

export const SCSI_SENSE_BUFFERSIZE = 96;

const blk_rq_is_passthrough = (rq: request): boolean => {
  const op = rq.cmd_flags & REQ_OP_MASK;
  return op === REQ_OP_DRV_IN || op === REQ_OP_DRV_OUT;
};

/** The upper-level driver bound to the LUN (scsi_cmd_to_driver). */
const scsi_cmd_to_driver = (sdev: scsi_device): scsi_driver | null => (sdev.sdev_gendev.driver as { scsi?: scsi_driver } | null)?.scsi ?? null;

export function scsi_alloc_cmnd(sdev: scsi_device, rq: request, cdb: Uint8Array, dir: number, sdb: Uint8Array): scsi_cmnd {
  return { device: sdev, cmnd: cdb, sc_data_direction: dir, sdb, resid: 0, result: 0, sense_buffer: new Uint8Array(SCSI_SENSE_BUFFERSIZE), request: rq, retries: 0, allowed: 0, segments: [] };
}

/** scsi_device_state_check: a LUN not running takes nothing (a dead one says so). */
function scsi_device_state_check(sdev: scsi_device): blk_status_t {
  switch (sdev.sdev_state) {
    case SDEV_CREATED: return BLK_STS_OK;
    case SDEV_OFFLINE: sdev_printk(KERN_ERR, sdev, 'rejecting I/O to offline device'); return BLK_STS_IOERR;
    case SDEV_DEL: sdev_printk(KERN_ERR, sdev, 'rejecting I/O to dead device'); return BLK_STS_IOERR;
    default: return BLK_STS_OFFLINE;
  }
}

/** scsi_queue_rq: the command for the request, then queuecommand; a busy host gets it again when a command completes. */
function scsi_queue_rq(hctx: Parameters<blk_mq_ops['queue_rq']>[0], bd: Parameters<blk_mq_ops['queue_rq']>[1]): blk_status_t {
  const rq = bd.rq, sdev = hctx.queue.queuedata as scsi_device, shost = sdev.host;
  const passthrough = blk_rq_is_passthrough(rq);
  let ret: blk_status_t = BLK_STS_OK;
  if (sdev.sdev_state !== SDEV_RUNNING) ret = scsi_device_state_check(sdev);
  let cmd = passthrough ? rq.pdu as scsi_cmnd : null;
  if (ret === BLK_STS_OK && !passthrough) {
    const drv = scsi_cmd_to_driver(sdev);
    cmd = scsi_alloc_cmnd(sdev, rq, new Uint8Array(0), 0, new Uint8Array(0));
    rq.pdu = cmd;
    ret = drv ? drv.init_command(cmd) : BLK_STS_IOERR;
  }
  if (ret !== BLK_STS_OK) {
    // The caller of a passthrough command reads why from the result (scsi_device_online: offline is DID_NO_CONNECT).
    if (cmd) cmd.result = (sdev.sdev_state === SDEV_OFFLINE ? DID_NO_CONNECT : DID_ERROR) << 16;
    return ret;
  }
  if (shost.host_busy >= shost.can_queue) return BLK_STS_RESOURCE;
  blk_mq_start_request(rq);
  shost.host_busy++;
  cmd!.result = 0;
  if (shost.hostt.queuecommand(shost, cmd!)) {
    shost.host_busy--;
    return BLK_STS_RESOURCE;
  }
  return BLK_STS_OK;
}

/** scsi_done: the low-level driver finished the command (any context). */
export function scsi_done(cmd: scsi_cmnd): void {
  cmd.device.host.host_busy--;
  blk_mq_complete_request(cmd.request);
}

/** scsi_complete: the disposition (unit attentions reported here), a retry, or the end of the request through its driver. */
function scsi_complete(rq: request): void {
  const cmd = rq.pdu as scsi_cmnd;
  const disposition = scsi_decide_disposition(cmd);
  if (disposition === NEEDS_RETRY && cmd.retries++ < cmd.allowed) {
    blk_mq_request_bypass_insert(rq, true);
    blk_mq_run_hw_queue(rq.mq_hctx, true);
    return;
  }
  if (blk_rq_is_passthrough(rq)) { blk_mq_end_request(rq, cmd.result ? BLK_STS_IOERR : BLK_STS_OK); return; }
  const drv = scsi_cmd_to_driver(cmd.device);
  const good = drv ? drv.done(cmd) : 0;
  blk_mq_end_request(rq, good >= blk_rq_bytes(rq) && !cmd.result ? BLK_STS_OK : BLK_STS_IOERR);
}

export const scsi_mq_ops: blk_mq_ops = { queue_rq: scsi_queue_rq, complete: scsi_complete };

/** scsi_mq_setup_tags: the host's tag set, as deep as it can queue. */
export function scsi_mq_setup_tags(shost: Scsi_Host): number {
  const set = blk_mq_tag_set_init({ ops: scsi_mq_ops, nr_hw_queues: 1, queue_depth: shost.can_queue, driver_data: shost });
  shost.tag_set = set;
  return blk_mq_alloc_tag_set(set);
}

/** The LUN's request queue on the host's tag set (scsi_alloc_sdev's blk_mq_init_queue). */
export function scsi_alloc_queue(sdev: scsi_device): void {
  const q = blk_mq_init_queue(sdev.host.tag_set!, sdev);
  q.limits.max_hw_sectors = q.limits.max_sectors = sdev.host.max_sectors;
  q.limits.max_segments = sdev.host.hostt.sg_tablesize;
  sdev.request_queue = q;
}

/** What scsi_execute_cmd returns: the result, the sense header when there was sense, and the bytes not transferred. */
export interface scsi_exec_result { result: number; sshdr: scsi_sense_hdr | null; resid: number }

/**
 * scsi_execute_cmd: a passthrough request with `cdb` on the LUN's queue, waited for (blk_execute_rq); the data moves
 * through `buf` (DMA_FROM_DEVICE fills it). A negative result is an errno (the LUN is gone).
 */
export function* scsi_execute_cmd(sdev: scsi_device, cdb: Uint8Array, dir: number, buf: Uint8Array, retries = 0): KGen<scsi_exec_result> {
  if (sdev.sdev_state === SDEV_DEL) return { result: -ENODEV, sshdr: null, resid: 0 };
  const rq = yield* blk_mq_alloc_request(sdev.request_queue, dir === DMA_TO_DEVICE ? REQ_OP_DRV_OUT : REQ_OP_DRV_IN);
  const cmd = scsi_alloc_cmnd(sdev, rq, cdb, dir, buf);
  cmd.allowed = retries;
  rq.pdu = cmd;
  let done = false;
  rq.end_io = () => { done = true; wake_up_all(sdev.exec_wait); };
  blk_mq_request_bypass_insert(rq, false);
  blk_mq_run_hw_queue(rq.mq_hctx, false);
  yield* wait_event(sdev.exec_wait, () => done, 'blk_execute_rq');
  blk_mq_free_request(rq);
  return { result: cmd.result, sshdr: cmd.result ? scsi_normalize_sense(cmd.sense_buffer) : null, resid: cmd.resid };
}
