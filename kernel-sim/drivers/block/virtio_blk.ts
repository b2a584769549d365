// Models linux/drivers/block/virtio_blk.c: the virtio block driver on blk-mq — one hardware queue per virtqueue, requests as (header, data, status) descriptor chains, completion from the queue's interrupt; vda, vdb ... under their virtio device.
import type { KGen } from '../../include/linux/sched.ts';
import {
  type blk_status_t, BLK_STS_DEV_RESOURCE, BLK_STS_IOERR, BLK_STS_NOTSUPP, BLK_STS_OK, REQ_OP_DISCARD, REQ_OP_DRV_IN, REQ_OP_FLUSH,
  REQ_OP_MASK, REQ_OP_READ, REQ_OP_WRITE, REQ_OP_WRITE_ZEROES,
} from '../../include/linux/blk_types.ts';
import { QUEUE_FLAG_WC, blk_queue_flag_set, type gendisk, type request_queue } from '../../include/linux/blkdev.ts';
import { type blk_mq_ops, type blk_mq_tag_set, type request, BLK_MQ_F_SHOULD_MERGE, blk_rq_pos, blk_rq_bytes } from '../../include/linux/blk-mq.ts';
import {
  blk_mq_alloc_tag_set, blk_mq_complete_request, blk_mq_free_tag_set, blk_mq_end_request, blk_mq_init_queue, blk_mq_start_request,
  blk_mq_start_stopped_hw_queues, blk_mq_stop_hw_queue, blk_mq_tag_set_init, rq_for_each_segment,
} from '../../block/blk-mq.ts';
import { __alloc_disk_node, del_gendisk, device_add_disk, put_disk, register_blkdev, set_capacity, unregister_blkdev } from '../../block/genhd.ts';
import { dev_info } from '../base/core.ts';
import type { device } from '../base/base.ts';
import {
  DMA_FROM_DEVICE, DMA_TO_DEVICE, dma_alloc_coherent, dma_free_coherent, dma_map_single, dma_unmap_single, type dma_coherent_buf, type dma_data_direction,
} from '../../kernel/dma/mapping.ts';
import { kbytes } from '../../mm/kmem.ts';
import { ENOMEM, ENOSPC } from '../../include/uapi/asm-generic/errno.ts';
import {
  type virtio_device, type virtio_driver, VIRTIO_ID_BLOCK, VIRTIO_DEV_ANY_ID, register_virtio_driver, unregister_virtio_driver, virtio_cread16, virtio_cread32,
  virtio_cread64, virtio_has_feature, virtio_cread8,
} from '../virtio/virtio.ts';
import { type scatterlist, type virtqueue, virtqueue_add_sgs, virtqueue_get_buf_ctx, virtqueue_kick } from '../virtio/virtio_ring.ts';
import { runqueue } from '../../kernel/sched/core.ts';
import { defineState } from '../../kernel/state.ts';
import { run_sync } from '../base/sync.ts';
// The Set-backed ida_alloc (lowest free number) the SCSI mid-layer's host and sd indexes use too.
import { ida_alloc } from '../scsi/scsi_sysfs.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';

export const VIRTIO_BLK_F_SIZE_MAX = 1, VIRTIO_BLK_F_SEG_MAX = 2, VIRTIO_BLK_F_BLK_SIZE = 6, VIRTIO_BLK_F_FLUSH = 9;
export const VIRTIO_BLK_F_TOPOLOGY = 10, VIRTIO_BLK_F_CONFIG_WCE = 11, VIRTIO_BLK_F_MQ = 12, VIRTIO_BLK_F_DISCARD = 13, VIRTIO_BLK_F_WRITE_ZEROES = 14;
export const VIRTIO_BLK_T_IN = 0, VIRTIO_BLK_T_OUT = 1, VIRTIO_BLK_T_FLUSH = 4, VIRTIO_BLK_T_GET_ID = 8, VIRTIO_BLK_T_DISCARD = 11, VIRTIO_BLK_T_WRITE_ZEROES = 13;
export const VIRTIO_BLK_S_OK = 0, VIRTIO_BLK_S_IOERR = 1, VIRTIO_BLK_S_UNSUPP = 2;
/** struct virtio_blk_config offsets. */
const CFG = { capacity: 0, size_max: 8, seg_max: 12, blk_size: 20, wce: 32, num_queues: 34, max_discard_sectors: 36, max_discard_seg: 40, discard_sector_alignment: 44, max_write_zeroes_sectors: 48 } as const;

/**
 * The header and status byte of each tag of a queue, in one coherent buffer: a request's pdu is kernel memory the device
 * reaches where it is (virtblk_req's out_hdr and status are in blk_mq_rq_to_pdu), so only the data is mapped per request.
 * `view` reads and writes the buffer's kernel pages.
 */
interface virtblk_pdus { buf: dma_coherent_buf; view: DataView }
interface virtio_blk { vdev: virtio_device; vqs: virtqueue[]; pdus: virtblk_pdus[]; index: number; q: request_queue | null; disk: gendisk | null; tag_set: blk_mq_tag_set | null }
/** Bytes of a tag's slot: struct virtio_blk_outhdr (16), the status byte at 16, padding. */
const VIRTBLK_PDU_SIZE = 32, VIRTBLK_STATUS_OFF = 16;
/** One buffer of a chain: its scatterlist entry, and whether it was mapped for this request (data, a discard range) and the direction to unmap it with. */
type virtblk_sg = scatterlist & { mapped: boolean; dir: dma_data_direction };
/** struct virtblk_req: where its status byte is in kernel memory, and its scatterlist (sg_table: entries kept with the request and reused, the first nsg in use). */
interface virtblk_req { status_addr: number; sg: virtblk_sg[]; nsg: number }

/** The pdu of a request (blk_mq_rq_to_pdu): made on its first dispatch, kept with the request after. */
function virtblk_req_of(rq: request): virtblk_req {
  if (!rq.pdu) rq.pdu = { status_addr: 0, sg: [], nsg: 0 } satisfies virtblk_req;
  return rq.pdu as virtblk_req;
}

/** The virtblk major, vd_index_ida (indexes in use: a removed disk's name is free again) and each bound device's virtio_blk (Linux keeps it in vdev->priv, which the transport model uses). */
const vbState = defineState('virtio_blk', () => ({ major: 0, vd_index_ida: new Set<number>(), vblks: new Map<virtio_device, virtio_blk>() }));


/** virtblk_name_format: vda ... vdz, vdaa ... */
export function virtblk_name_format(prefix: string, index: number): string {
  let s = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(97 + ((i - 1) % 26)) + s;
  return prefix + s;
}

/** string_get_size: "67.1 MB" / "64.0 MiB", three significant digits. */
export function string_get_size(bytes: number, base: 1000 | 1024): string {
  const units = base === 1000 ? ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] : ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes, u = 0;
  while (v >= base && u < units.length - 1) { v /= base; u++; }
  const digits = u === 0 ? 0 : v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${units[u]}`;
}

const op_to_type: Readonly<Record<number, number>> = {
  [REQ_OP_READ]: VIRTIO_BLK_T_IN, [REQ_OP_WRITE]: VIRTIO_BLK_T_OUT, [REQ_OP_FLUSH]: VIRTIO_BLK_T_FLUSH, [REQ_OP_DISCARD]: VIRTIO_BLK_T_DISCARD,
  [REQ_OP_WRITE_ZEROES]: VIRTIO_BLK_T_WRITE_ZEROES, [REQ_OP_DRV_IN]: VIRTIO_BLK_T_GET_ID,
};

/** vring_dma_dev: buffers are mapped for the transport's device (the PCI function), which does the DMA. */
const vring_dma_dev = (vblk: virtio_blk): device => vblk.vdev.dev.parent ?? vblk.vdev.dev;

/** The request's next scatterlist entry. */
function virtblk_sg_add(vbr: virtblk_req, dma: number, len: number, write: boolean, mapped: boolean, dir: dma_data_direction): void {
  const sg = vbr.sg[vbr.nsg] ??= { dma: 0, len: 0, write: false, mapped: false, dir };
  sg.dma = dma; sg.len = len; sg.write = write; sg.mapped = mapped; sg.dir = dir;
  vbr.nsg++;
}

/** One buffer of the chain mapped for the device, as the request's next scatterlist entry (remembered for virtblk_unmap). */
function virtblk_map(dev: device, vbr: virtblk_req, buf: Uint8Array, dir: dma_data_direction, write: boolean): void {
  virtblk_sg_add(vbr, dma_map_single(dev, buf, buf.length, dir), buf.length, write, true, dir);
}

function virtblk_unmap(vblk: virtio_blk, vbr: virtblk_req): void {
  const dev = vring_dma_dev(vblk);
  for (let i = 0; i < vbr.nsg; i++) { const sg = vbr.sg[i]!; if (sg.mapped) dma_unmap_single(dev, sg.dma, sg.len, sg.dir); }
  vbr.nsg = 0;
}

const virtio_mq_ops: blk_mq_ops = {
  /** virtio_queue_rq: header, data segments, status byte as one chain; a full ring stops the queue until completions free room. */
  queue_rq(hctx, bd) {
    const vblk = hctx.queue.queuedata as virtio_blk, rq = bd.rq, vq = vblk.vqs[hctx.queue_num]!;
    const type = op_to_type[rq.cmd_flags & REQ_OP_MASK];
    if (type === undefined) return BLK_STS_IOERR;
    const vbr = virtblk_req_of(rq), pdus = vblk.pdus[hctx.queue_num]!, slot = rq.tag * VIRTBLK_PDU_SIZE;
    // struct virtio_blk_outhdr: le32 type, le32 ioprio (virtblk_setup_cmd: req_get_ioprio), le64 sector.
    const dv = pdus.view, sector = type === VIRTIO_BLK_T_IN || type === VIRTIO_BLK_T_OUT ? blk_rq_pos(rq) : 0;
    dv.setUint32(slot, type, true); dv.setUint32(slot + 4, rq.ioprio, true); dv.setUint32(slot + 8, sector % 0x1_0000_0000, true); dv.setUint32(slot + 12, Math.floor(sector / 0x1_0000_0000), true);
    dv.setUint8(slot + VIRTBLK_STATUS_OFF, 0xff);
    vbr.status_addr = pdus.buf.cpu_addr + slot + VIRTBLK_STATUS_OFF;
    const dev = vring_dma_dev(vblk);
    vbr.nsg = 0;
    virtblk_sg_add(vbr, pdus.buf.dma_handle + slot, 16, false, false, DMA_TO_DEVICE);
    if (type === VIRTIO_BLK_T_DISCARD || type === VIRTIO_BLK_T_WRITE_ZEROES) {
      const range = new Uint8Array(16);
      const r = new DataView(range.buffer);
      r.setBigUint64(0, BigInt(blk_rq_pos(rq)), true); r.setUint32(8, blk_rq_bytes(rq) >> 9, true);
      virtblk_map(dev, vbr, range, DMA_TO_DEVICE, false);
    } else if (type === VIRTIO_BLK_T_IN || type === VIRTIO_BLK_T_OUT) {
      const dir = type === VIRTIO_BLK_T_OUT ? DMA_TO_DEVICE : DMA_FROM_DEVICE, write = type === VIRTIO_BLK_T_IN;
      rq_for_each_segment(rq, (data) => { virtblk_map(dev, vbr, data, dir, write); });
    }
    virtblk_sg_add(vbr, pdus.buf.dma_handle + slot + VIRTBLK_STATUS_OFF, 1, true, false, DMA_FROM_DEVICE);
    const err = virtqueue_add_sgs(vq, vbr.sg, rq, vbr.nsg);
    if (err) {
      virtblk_unmap(vblk, vbr);
      if (bd.last || err === -ENOSPC) virtqueue_kick(vq);
      if (err === -ENOSPC) { blk_mq_stop_hw_queue(hctx); return BLK_STS_DEV_RESOURCE; }
      return BLK_STS_IOERR;
    }
    blk_mq_start_request(rq);
    if (bd.last) virtqueue_kick(vq);
    return BLK_STS_OK;
  },
  commit_rqs(hctx) { virtqueue_kick((hctx.queue.queuedata as virtio_blk).vqs[hctx.queue_num]!); },
  complete(rq) { blk_mq_end_request(rq, virtblk_result(kbytes()[(rq.pdu as virtblk_req).status_addr]!)); },
};

function virtblk_result(status: number): blk_status_t {
  return status === VIRTIO_BLK_S_OK ? BLK_STS_OK : status === VIRTIO_BLK_S_UNSUPP ? BLK_STS_NOTSUPP : BLK_STS_IOERR;
}

/** virtblk_done: the queue's interrupt — reap used chains, complete their requests, restart a queue stopped for room. */
function virtblk_done(vq: virtqueue): void {
  let vblk: virtio_blk | null = null;
  for (let b = virtqueue_get_buf_ctx(vq, null); b !== null; b = virtqueue_get_buf_ctx(vq, null)) {
    const rq = b as request;
    vblk = rq.q.queuedata as virtio_blk;
    virtblk_unmap(vblk, rq.pdu as virtblk_req);
    blk_mq_complete_request(rq);
  }
  if (vblk?.q) blk_mq_start_stopped_hw_queues(vblk.q, true);
}

/** Each queue's pdu buffer, a slot per tag (the tag set's depth is the ring's size); null when the pool is out of room. */
function virtblk_alloc_pdus(vdev: virtio_device, vqs: virtqueue[]): virtblk_pdus[] | null {
  const dev = vdev.dev.parent ?? vdev.dev, out: virtblk_pdus[] = [];
  for (const vq of vqs) {
    const buf = dma_alloc_coherent(dev, vq.num_free * VIRTBLK_PDU_SIZE);
    if (!buf) { for (const p of out) dma_free_coherent(dev, p.buf.size, p.buf); return null; }
    const k = kbytes();
    out.push({ buf, view: new DataView(k.buffer, k.byteOffset + buf.cpu_addr, buf.size) });
  }
  return out;
}

function virtblk_free_pdus(vblk: virtio_blk): void {
  const dev = vring_dma_dev(vblk);
  for (const p of vblk.pdus) dma_free_coherent(dev, p.buf.size, p.buf);
  vblk.pdus = [];
}

/** virtblk_probe: queues, tag set, limits from the config space, the disk under the virtio device. */
function* virtblk_probe(vdev: virtio_device): KGen<number> {
  const index = ida_alloc(vbState().vd_index_ida);
  const nr_cpus = Math.max(1, runqueue().nr_cpus);
  const num_vqs = Math.min(virtio_has_feature(vdev, VIRTIO_BLK_F_MQ) ? virtio_cread16(vdev, CFG.num_queues) || 1 : 1, nr_cpus);
  const vqs = vdev.config.find_vqs(vdev, Array.from({ length: num_vqs }, () => virtblk_done), Array.from({ length: num_vqs }, (_, i) => `req.${i}`));
  if (typeof vqs === 'number') { vbState().vd_index_ida.delete(index); return vqs; }
  const pdus = virtblk_alloc_pdus(vdev, vqs);
  if (!pdus) { vdev.config.del_vqs(vdev); vbState().vd_index_ida.delete(index); return -ENOMEM; }
  const vblk: virtio_blk = { vdev, vqs, pdus, index, q: null, disk: null, tag_set: null };
  dev_info(vdev.dev, `${num_vqs}/0/0 default/read/poll queues`);
  const set = blk_mq_tag_set_init({ ops: virtio_mq_ops, nr_hw_queues: num_vqs, queue_depth: vqs[0]!.num_free, flags: BLK_MQ_F_SHOULD_MERGE, driver_data: vblk });
  const r = blk_mq_alloc_tag_set(set);
  if (r) { virtblk_free_pdus(vblk); vdev.config.del_vqs(vdev); vbState().vd_index_ida.delete(index); return r; }
  vblk.tag_set = set;
  const q = blk_mq_init_queue(set, vblk);
  vblk.q = q;
  const lim = q.limits;
  lim.max_segments = virtio_has_feature(vdev, VIRTIO_BLK_F_SEG_MAX) ? virtio_cread32(vdev, CFG.seg_max) || 1 : 1;
  lim.max_hw_sectors = 0xffffffff;
  lim.max_sectors = Math.min(lim.max_hw_sectors, 2560);
  lim.max_segment_size = virtio_has_feature(vdev, VIRTIO_BLK_F_SIZE_MAX) ? virtio_cread32(vdev, CFG.size_max) : 0xffffffff;
  const bs = virtio_has_feature(vdev, VIRTIO_BLK_F_BLK_SIZE) ? virtio_cread32(vdev, CFG.blk_size) : 512;
  lim.logical_block_size = lim.physical_block_size = lim.io_min = bs;
  if (virtio_has_feature(vdev, VIRTIO_BLK_F_DISCARD)) {
    lim.max_discard_sectors = lim.max_hw_discard_sectors = virtio_cread32(vdev, CFG.max_discard_sectors) || 0xffffffff >>> 9;
    lim.max_discard_segments = Math.max(1, virtio_cread32(vdev, CFG.max_discard_seg));
    lim.discard_granularity = (virtio_cread32(vdev, CFG.discard_sector_alignment) || 1) * 512;
  }
  if (virtio_has_feature(vdev, VIRTIO_BLK_F_WRITE_ZEROES)) lim.max_write_zeroes_sectors = virtio_cread32(vdev, CFG.max_write_zeroes_sectors) || 0xffffffff >>> 9;
  // virtblk_update_cache_mode: a device with FLUSH is a write-back cache unless it says otherwise.
  if (virtio_has_feature(vdev, VIRTIO_BLK_F_FLUSH) && (!virtio_has_feature(vdev, VIRTIO_BLK_F_CONFIG_WCE) || virtio_cread8(vdev, CFG.wce))) blk_queue_flag_set(QUEUE_FLAG_WC, q);
  const disk = __alloc_disk_node(q);
  disk.major = vbState().major; disk.first_minor = index * 16; disk.minors = 16;
  disk.disk_name = virtblk_name_format('vd', index);
  disk.fops = {}; disk.private_data = vblk;
  const cap = virtio_cread64(vdev, CFG.capacity);
  set_capacity(disk, cap);
  dev_info(vdev.dev, `[${disk.disk_name}] ${cap} 512-byte logical blocks (${string_get_size(cap * 512, 1000)}/${string_get_size(cap * 512, 1024)})`);
  vdev.config.set_status(vdev, vdev.config.get_status(vdev) | 4);
  vblk.disk = disk;
  vbState().vblks.set(vdev, vblk);
  return yield* device_add_disk(vdev.dev, disk);
}

/** virtblk_remove: the disk goes (del_gendisk), then the tag set; the device is reset so its queues stop, the virtqueues freed, and the disk put (virtblk_free_disk gives its index back). */
function* virtblk_remove(vdev: virtio_device): KGen<void> {
  const st = vbState(), vblk = st.vblks.get(vdev);
  if (!vblk) return;
  if (vblk.disk) yield* del_gendisk(vblk.disk);
  if (vblk.tag_set) blk_mq_free_tag_set(vblk.tag_set);
  vdev.config.reset(vdev);
  virtblk_free_pdus(vblk);
  vdev.config.del_vqs(vdev);
  if (vblk.disk) put_disk(vblk.disk);
  st.vblks.delete(vdev);
  st.vd_index_ida.delete(vblk.index);
}

export const virtio_blk: virtio_driver = {
  driver: { name: 'virtio_blk' },
  id_table: [{ device: VIRTIO_ID_BLOCK, vendor: VIRTIO_DEV_ANY_ID }],
  feature_table: [VIRTIO_BLK_F_SIZE_MAX, VIRTIO_BLK_F_SEG_MAX, VIRTIO_BLK_F_BLK_SIZE, VIRTIO_BLK_F_FLUSH, VIRTIO_BLK_F_TOPOLOGY,
    VIRTIO_BLK_F_CONFIG_WCE, VIRTIO_BLK_F_MQ, VIRTIO_BLK_F_DISCARD, VIRTIO_BLK_F_WRITE_ZEROES],
  probe: virtblk_probe,
  remove: virtblk_remove,
};

/** virtio_blk_init: the virtblk major, then the driver (devices already on the virtio bus are probed now). */
export function virtio_blk_init(): number {
  const major = register_blkdev(0, 'virtblk');
  if (major < 0) return major;
  vbState().major = major;
  return run_sync(register_virtio_driver(virtio_blk), 'virtio_blk_init');
}

/** virtio_blk_fini: module_exit where the kernel config makes virtio_blk a module (the driver, then the major). */
export function* virtio_blk_fini(): KGen<void> {
  yield* unregister_virtio_driver(virtio_blk);
  unregister_blkdev(vbState().major, 'virtblk');
}

export const initcalls: initcall_entry[] = [['device', 'virtio_blk_init', virtio_blk_init, 40_000]];
