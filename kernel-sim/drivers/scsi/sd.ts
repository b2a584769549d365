// Models linux/drivers/scsi/sd.c and sd_mod.ko: the SCSI disk driver — a LUN of type disk becomes sda, sdb ... (major 8), revalidated with TEST UNIT READY, READ CAPACITY(10) and MODE SENSE with Linux's "[sda] ..." lines, block requests turned into READ(10)/WRITE(10)/SYNCHRONIZE CACHE, and on removal the cache synchronized.
import type { KGen } from '../../include/linux/sched.ts';
import type { ts_module_def } from '../../kernel/module/obj_m.ts';
import {
  type blk_status_t, BLK_STS_NOTSUPP, BLK_STS_OK, REQ_OP_FLUSH, REQ_OP_MASK, REQ_OP_READ, REQ_OP_WRITE,
} from '../../include/linux/blk_types.ts';
import { QUEUE_FLAG_WC, blk_queue_flag_clear, blk_queue_flag_set, type gendisk } from '../../include/linux/blkdev.ts';
import { blk_rq_bytes, blk_rq_pos, blk_rq_sectors } from '../../include/linux/blk-mq.ts';
import { rq_for_each_segment } from '../../block/blk-mq.ts';
import { __alloc_disk_node, del_gendisk, device_add_disk, register_blkdev, set_capacity, unregister_blkdev } from '../../block/genhd.ts';
import type { class_, device, device_driver } from '../base/base.ts';
import { class_register, class_unregister } from '../base/class.ts';
import { dev_name, device_add, device_del, put_device } from '../base/core.ts';
import { driver_register, driver_unregister } from '../base/driver.ts';
import { KERN_DEBUG, KERN_ERR, KERN_INFO, KERN_NOTICE, KERN_WARNING } from '../../kernel/printk/printk.ts';
import { flush_workqueue, system_unbound_wq } from '../../kernel/workqueue.ts';
import { ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import { string_get_size, virtblk_name_format } from '../block/virtio_blk.ts';
import {
  type scsi_cmnd, type scsi_device, type scsi_driver, type scsi_sense_hdr, DMA_FROM_DEVICE, DMA_NONE, DMA_TO_DEVICE, MODE_SENSE, READ_10, READ_CAPACITY,
  SYNCHRONIZE_CACHE, TEST_UNIT_READY, TYPE_DISK, UNIT_ATTENTION, WRITE_10, hostbyte_names, host_byte,
} from './scsi_types.ts';
import { scsi_bus_type, scsiState, ida_alloc, scsi_device_init, to_scsi_device } from './scsi_sysfs.ts';
import { scsi_execute_cmd } from './scsi_lib.ts';
import { sdev_printk } from './scsi_error.ts';

export const SCSI_DISK0_MAJOR = 8;
/** The 16 majors sd registers: 8, 65-71, 128-135 (16 disks of 16 minors each). */
const SD_MAJORS = [8, 65, 66, 67, 68, 69, 70, 71, 128, 129, 130, 131, 132, 133, 134, 135];
const SD_MAX_RETRIES = 5, SD_BUF_SIZE = 512;

/** struct scsi_disk: the LUN, its gendisk and its scsi_disk class device, and what revalidation learned. */
interface scsi_disk {
  device: scsi_device;
  disk: gendisk;
  dev: device;
  index: number;
  capacity: number;
  sector_size: number;
  write_prot: boolean;
  WCE: boolean;
  RCD: boolean;
  DPOFUA: boolean;
  media_present: boolean;
  first_scan: boolean;
}

const sd_disk_class: class_ = { name: 'scsi_disk' };
const sdkp_of = (sdev: scsi_device): scsi_disk | null => sdev.sdev_gendev.driver_data as scsi_disk | null;

/** sd_printk: "sd 0:0:0:0: [sda] ...". */
const sd_printk = (level: string, sdkp: scsi_disk, msg: string): void => sdev_printk(level, sdkp.device, `[${sdkp.disk.disk_name}] ${msg}`);

/** sd_print_result: a failed command's host byte. */
function sd_print_result(sdkp: scsi_disk, msg: string, result: number): void {
  const hb = hostbyte_names[host_byte(result)];
  sd_printk(KERN_INFO, sdkp, hb ? `${msg}: Result: hostbyte=${hb} driverbyte=DRIVER_OK` : `${msg}: Result: hostbyte=0x${host_byte(result).toString(16).padStart(2, '0')} driverbyte=DRIVER_OK`);
}

/** sd_spinup_disk: TEST UNIT READY until the unit attentions of a fresh device are consumed (three tries). */
function* sd_spinup_disk(sdkp: scsi_disk): KGen<void> {
  for (let retries = 0; retries < 3; retries++) {
    const r = yield* scsi_execute_cmd(sdkp.device, new Uint8Array([TEST_UNIT_READY, 0, 0, 0, 0, 0]), DMA_NONE, new Uint8Array(0), SD_MAX_RETRIES);
    if (r.result < 0) return;
    const ua = r.sshdr?.sense_key === UNIT_ATTENTION;
    if (!r.result && !ua) return;
    if (r.sshdr?.sense_key === 0x02 && r.sshdr.asc === 0x3a) { sdkp.media_present = false; return; }
  }
}

/** read_capacity_10: the last LBA and the block size; the capacity line on the first scan (sd_print_capacity). */
function* sd_read_capacity(sdkp: scsi_disk): KGen<void> {
  const buf = new Uint8Array(8);
  const r = yield* scsi_execute_cmd(sdkp.device, new Uint8Array([READ_CAPACITY, 0, 0, 0, 0, 0, 0, 0, 0, 0]), DMA_FROM_DEVICE, buf, SD_MAX_RETRIES);
  if (r.result) { sd_printk(KERN_NOTICE, sdkp, 'READ CAPACITY failed'); sdkp.capacity = 0; return; }
  const v = new DataView(buf.buffer);
  const old = sdkp.capacity;
  sdkp.capacity = v.getUint32(0) + 1;
  sdkp.sector_size = v.getUint32(4) || 512;
  if (sdkp.first_scan || old !== sdkp.capacity) {
    const bytes = sdkp.capacity * sdkp.sector_size;
    sd_printk(KERN_NOTICE, sdkp, `${sdkp.capacity} ${sdkp.sector_size}-byte logical blocks: (${string_get_size(bytes, 1000)}/${string_get_size(bytes, 1024)})`);
  }
}

interface mode_sense_data { length: number; device_specific: number; header_length: number; block_descriptor_length: number }

/** sd_do_mode_sense: MODE SENSE(6) of `modepage`; the parsed header, or null when it failed. */
function* sd_do_mode_sense(sdkp: scsi_disk, dbd: number, modepage: number, buf: Uint8Array, len: number): KGen<{ data: mode_sense_data; sshdr: scsi_sense_hdr | null } | null> {
  buf.fill(0);
  const r = yield* scsi_execute_cmd(sdkp.device, new Uint8Array([MODE_SENSE, dbd, modepage, 0, len, 0]), DMA_FROM_DEVICE, buf.subarray(0, len), SD_MAX_RETRIES);
  if (r.result) return null;
  return { data: { length: buf[0]! + 1, device_specific: buf[2]!, header_length: 4, block_descriptor_length: buf[3]! }, sshdr: r.sshdr };
}

/** sd_read_write_protect_flag: the WP bit of the mode parameter header, and the header itself at debug level. */
function* sd_read_write_protect_flag(sdkp: scsi_disk, buf: Uint8Array): KGen<void> {
  const sdp = sdkp.device;
  if (sdp.skip_ms_page_3f) { sd_printk(KERN_NOTICE, sdkp, 'Assuming Write Enabled'); return; }
  let res = yield* sd_do_mode_sense(sdkp, 0, 0x3f, buf, sdp.use_192_bytes_for_3f ? 192 : 4);
  if (!res && !sdp.use_192_bytes_for_3f) res = (yield* sd_do_mode_sense(sdkp, 0, 0, buf, 4)) ?? (yield* sd_do_mode_sense(sdkp, 0, 0x3f, buf, 255));
  if (!res) { sd_printk(KERN_WARNING, sdkp, 'Test WP failed, assume Write Enabled'); return; }
  sdkp.write_prot = (res.data.device_specific & 0x80) !== 0;
  sd_printk(KERN_NOTICE, sdkp, `Write Protect is ${sdkp.write_prot ? 'on' : 'off'}`);
  sd_printk(KERN_DEBUG, sdkp, `Mode Sense: ${Array.from(buf.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ')}`);
}

/** sd_read_cache_type: the caching page (8) — from all pages when the host says page 8 alone is unsafe (usb-storage). */
function* sd_read_cache_type(sdkp: scsi_disk, buf: Uint8Array): KGen<void> {
  const sdp = sdkp.device;
  let modepage = 8, first_len = 4;
  if (sdp.skip_ms_page_8) {
    if (sdp.skip_ms_page_3f) return sd_cache_defaults(sdkp);
    modepage = 0x3f;
    if (sdp.use_192_bytes_for_3f) first_len = 192;
  }
  let res = yield* sd_do_mode_sense(sdkp, 0, modepage, buf, first_len);
  if (!res || res.data.length < 3) { sd_printk(KERN_ERR, sdkp, 'Asking for cache data failed'); return sd_cache_defaults(sdkp); }
  let len = Math.min(res.data.length, SD_BUF_SIZE);
  if (modepage === 0x3f && sdp.use_192_bytes_for_3f) len = 192;
  if (len > first_len) res = yield* sd_do_mode_sense(sdkp, 0, modepage, buf, len);
  if (!res) { sd_printk(KERN_ERR, sdkp, 'Asking for cache data failed'); return sd_cache_defaults(sdkp); }
  // Walk the pages after the header and block descriptors for the caching page.
  for (let off = res.data.header_length + res.data.block_descriptor_length; off < len;) {
    const code = buf[off]! & 0x3f, spf = buf[off]! & 0x40;
    if (code === 8) {
      sdkp.WCE = (buf[off + 2]! & 0x04) !== 0;
      sdkp.RCD = (buf[off + 2]! & 0x01) !== 0;
      sdkp.DPOFUA = (res.data.device_specific & 0x10) !== 0;
      if (sdkp.WCE && sdkp.write_prot) sdkp.WCE = false;
      sd_printk(KERN_NOTICE, sdkp, `Write cache: ${sdkp.WCE ? 'enabled' : 'disabled'}, read cache: ${sdkp.RCD ? 'disabled' : 'enabled'}, ${sdkp.DPOFUA ? 'supports DPO and FUA' : 'doesn\'t support DPO or FUA'}`);
      return;
    }
    if (!buf[off] && !buf[off + 1]) break;
    off += spf ? 4 + ((buf[off + 2]! << 8) | buf[off + 3]!) : 2 + buf[off + 1]!;
  }
  sd_printk(KERN_WARNING, sdkp, 'No Caching mode page found');
  sd_cache_defaults(sdkp);
}

function sd_cache_defaults(sdkp: scsi_disk): void {
  sd_printk(KERN_WARNING, sdkp, 'Assuming drive cache: write through');
  sdkp.WCE = false;
  sdkp.RCD = false;
}

/** sd_revalidate_disk: spin up, capacity, write protect, cache type; the queue follows (write-back cache: flushes go to the disk). */
function* sd_revalidate_disk(sdkp: scsi_disk): KGen<void> {
  const buf = new Uint8Array(SD_BUF_SIZE);
  yield* sd_spinup_disk(sdkp);
  if (sdkp.media_present) {
    yield* sd_read_capacity(sdkp);
    yield* sd_read_write_protect_flag(sdkp, buf);
    yield* sd_read_cache_type(sdkp, buf);
  }
  const q = sdkp.device.request_queue;
  if (sdkp.WCE) blk_queue_flag_set(QUEUE_FLAG_WC, q); else blk_queue_flag_clear(QUEUE_FLAG_WC, q);
  q.limits.logical_block_size = q.limits.physical_block_size = sdkp.sector_size;
  set_capacity(sdkp.disk, sdkp.capacity * (sdkp.sector_size >> 9));
  sdkp.first_scan = false;
}

/** sd_init_command: READ(10)/WRITE(10) of the request's blocks, SYNCHRONIZE CACHE(10) for a flush. */
function sd_init_command(cmd: scsi_cmnd): blk_status_t {
  const rq = cmd.request, op = rq.cmd_flags & REQ_OP_MASK;
  if (op === REQ_OP_FLUSH) {
    cmd.cmnd = new Uint8Array([SYNCHRONIZE_CACHE, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    cmd.sc_data_direction = DMA_NONE;
    cmd.allowed = SD_MAX_RETRIES;
    return BLK_STS_OK;
  }
  if (op !== REQ_OP_READ && op !== REQ_OP_WRITE) return BLK_STS_NOTSUPP;
  const lba = blk_rq_pos(rq), n = blk_rq_sectors(rq);
  cmd.cmnd = new Uint8Array([op === REQ_OP_READ ? READ_10 : WRITE_10, 0, (lba >>> 24) & 0xff, (lba >> 16) & 0xff, (lba >> 8) & 0xff, lba & 0xff, 0, (n >> 8) & 0xff, n & 0xff, 0]);
  cmd.sdb = new Uint8Array(blk_rq_bytes(rq));
  let off = 0;
  rq_for_each_segment(rq, (data) => {
    if (op === REQ_OP_WRITE) cmd.sdb.set(data, off);
    else cmd.segments.push(data);
    off += data.length;
  });
  cmd.sc_data_direction = op === REQ_OP_READ ? DMA_FROM_DEVICE : DMA_TO_DEVICE;
  cmd.allowed = SD_MAX_RETRIES;
  return BLK_STS_OK;
}

/** sd_done: the bytes that completed; a READ's data lands in the request's pages. */
function sd_done(cmd: scsi_cmnd): number {
  if (cmd.result) return 0;
  let off = 0;
  for (const seg of cmd.segments) { seg.set(cmd.sdb.subarray(off, off + seg.length)); off += seg.length; }
  return cmd.sdb.length - cmd.resid;
}

/** sd_sync_cache: SYNCHRONIZE CACHE(10); a failure is reported (a device already gone answers DID_ERROR or DID_NO_CONNECT). */
function* sd_sync_cache(sdkp: scsi_disk): KGen<number> {
  const r = yield* scsi_execute_cmd(sdkp.device, new Uint8Array([SYNCHRONIZE_CACHE, 0, 0, 0, 0, 0, 0, 0, 0, 0]), DMA_NONE, new Uint8Array(0), SD_MAX_RETRIES);
  if (!r.result) return 0;
  if (r.result < 0) return r.result;
  sd_print_result(sdkp, 'Synchronize Cache(10) failed', r.result);
  return -ENODEV;
}

/** sd_probe: disks only; sdX with its scsi_disk class device, revalidated, added (its partitions scanned), then "Attached". */
function* sd_probe(dev: device): KGen<number> {
  const sdp = to_scsi_device(dev);
  if (sdp.type !== TYPE_DISK) return -ENODEV;
  const index = ida_alloc(scsiState().sd_ids);
  const disk = __alloc_disk_node(sdp.request_queue);
  disk.major = SD_MAJORS[index >> 4] ?? SCSI_DISK0_MAJOR;
  disk.first_minor = (index & 15) << 4;
  disk.minors = 16;
  disk.disk_name = virtblk_name_format('sd', index);
  disk.fops = {};
  const sdkp: scsi_disk = {
    device: sdp, disk, dev: scsi_device_init(null, dev_name(dev), dev, null, sd_disk_class), index, capacity: 0, sector_size: 512,
    write_prot: false, WCE: false, RCD: false, DPOFUA: false, media_present: true, first_scan: true,
  };
  sdkp.dev.container = sdkp;
  disk.private_data = sdkp;
  dev.driver_data = sdkp;
  let r = yield* device_add(sdkp.dev);
  if (r) { scsiState().sd_ids.delete(index); return r; }
  yield* sd_revalidate_disk(sdkp);
  r = yield* device_add_disk(dev, disk);
  if (r) { yield* device_del(sdkp.dev); scsiState().sd_ids.delete(index); return r; }
  // add_disk scans the partitions before it returns in Linux; here the scan is queued on events_unbound, so wait for it.
  yield* flush_workqueue(system_unbound_wq());
  sd_printk(KERN_NOTICE, sdkp, `Attached SCSI ${sdp.removable ? 'removable ' : ''}disk`);
  return 0;
}

/** sd_remove: the class device, the disk, then sd_shutdown's cache flush. */
function* sd_remove(dev: device): KGen<void> {
  const sdkp = sdkp_of(to_scsi_device(dev));
  if (!sdkp) return;
  yield* device_del(sdkp.dev);
  yield* del_gendisk(sdkp.disk);
  if (sdkp.WCE && sdkp.media_present) {
    sd_printk(KERN_NOTICE, sdkp, 'Synchronizing SCSI cache');
    yield* sd_sync_cache(sdkp);
  }
  put_device(sdkp.dev);
  scsiState().sd_ids.delete(sdkp.index);
  dev.driver_data = null;
}

/** The driver model's half; `scsi` leads scsi_lib back to the upper-level driver (to_scsi_driver). */
const sd_gendrv: device_driver & { readonly scsi: scsi_driver } = {
  name: 'sd', bus: scsi_bus_type, owner: 'sd_mod', probe: sd_probe, remove: sd_remove, get scsi() { return sd_template; },
};
export const sd_template: scsi_driver = { gendrv: sd_gendrv, init_command: sd_init_command, done: sd_done };

/** init_sd: the sd majors, the scsi_disk class, the driver (LUNs already there are probed now). */
function* init_sd(): KGen<number> {
  for (const m of SD_MAJORS) register_blkdev(m, 'sd');
  let r = class_register(sd_disk_class);
  if (r) { for (const m of SD_MAJORS) unregister_blkdev(m, 'sd'); return r; }
  r = yield* driver_register(sd_gendrv);
  if (r) { class_unregister(sd_disk_class); for (const m of SD_MAJORS) unregister_blkdev(m, 'sd'); }
  return r;
}

function* exit_sd(): KGen<void> {
  yield* driver_unregister(sd_gendrv);
  class_unregister(sd_disk_class);
  for (const m of SD_MAJORS) unregister_blkdev(m, 'sd');
}

/** sd_mod.ko: udev loads it from a disk LUN's scsi:t-0x00 modalias. */
export const obj_m: readonly ts_module_def[] = [{
  name: 'sd_mod',
  path: 'kernel/drivers/scsi/sd_mod.ko',
  description: 'SCSI disk (sd) driver',
  license: 'GPL',
  author: 'Eric Youngdale',
  alias: ['scsi:t-0x00*', 'scsi:t-0x07*', 'scsi:t-0x0e*', 'scsi:t-0x14*', 'block-major-8-*', 'block-major-65-*', 'block-major-66-*', 'block-major-67-*',
    'block-major-68-*', 'block-major-69-*', 'block-major-70-*', 'block-major-71-*', 'block-major-128-*', 'block-major-129-*', 'block-major-130-*',
    'block-major-131-*', 'block-major-132-*', 'block-major-133-*', 'block-major-134-*', 'block-major-135-*'],
  depends: ['scsi_mod'],
  size: 69632,
  init: init_sd,
  exit: exit_sd,
}];
