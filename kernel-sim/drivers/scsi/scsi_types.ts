// Models linux/include/scsi/scsi_host.h, scsi_device.h, scsi_cmnd.h, scsi_driver.h and scsi_proto.h: the SCSI mid layer's hosts, targets, devices, commands, upper-level drivers and the opcodes and status codes they speak.
import type { KGen } from '../../include/linux/sched.ts';
import type { blk_status_t } from '../../include/linux/blk_types.ts';
import type { request_queue } from '../../include/linux/blkdev.ts';
import type { blk_mq_tag_set, request } from '../../include/linux/blk-mq.ts';
import type { device, device_driver } from '../base/base.ts';
import type { wait_queue_head } from '../../kernel/sched/wait.ts';

// scsi_proto.h: opcodes.
export const TEST_UNIT_READY = 0x00, REQUEST_SENSE = 0x03, INQUIRY = 0x12, MODE_SENSE = 0x1a, READ_CAPACITY = 0x25;
export const READ_10 = 0x28, WRITE_10 = 0x2a, SYNCHRONIZE_CACHE = 0x35;
// Status bytes and sense keys.
export const SAM_STAT_GOOD = 0x00, SAM_STAT_CHECK_CONDITION = 0x02;
export const NO_SENSE = 0x00, NOT_READY = 0x02, MEDIUM_ERROR = 0x03, ILLEGAL_REQUEST = 0x05, UNIT_ATTENTION = 0x06;
// Host bytes (cmd->result >> 16) and the names scsi_hostbyte_string gives them.
export const DID_OK = 0x00, DID_NO_CONNECT = 0x01, DID_BAD_TARGET = 0x04, DID_ABORT = 0x05, DID_ERROR = 0x07;
export const hostbyte_names: Readonly<Record<number, string>> = {
  [DID_OK]: 'DID_OK', [DID_NO_CONNECT]: 'DID_NO_CONNECT', [DID_BAD_TARGET]: 'DID_BAD_TARGET', [DID_ABORT]: 'DID_ABORT', [DID_ERROR]: 'DID_ERROR',
};
export const host_byte = (result: number): number => (result >> 16) & 0xff;
export const SCSI_MLQUEUE_HOST_BUSY = 0x1055;
// Device types (the peripheral device type of INQUIRY) and SCSI levels.
export const TYPE_DISK = 0x00, TYPE_ROM = 0x05;
export const SCSI_2 = 3, SCSI_3 = 4, SCSI_SPC_2 = 5, SCSI_SPC_3 = 6;
/** DMA directions of a command's data (dma-direction.h). */
export const DMA_BIDIRECTIONAL = 0, DMA_TO_DEVICE = 1, DMA_FROM_DEVICE = 2, DMA_NONE = 3;

/** enum scsi_device_state, and the names the state attribute shows. */
export const SDEV_CREATED = 1, SDEV_RUNNING = 2, SDEV_CANCEL = 3, SDEV_DEL = 4, SDEV_QUIESCE = 5, SDEV_OFFLINE = 6;
export const sdev_state_names: Readonly<Record<number, string>> = {
  [SDEV_CREATED]: 'created', [SDEV_RUNNING]: 'running', [SDEV_CANCEL]: 'cancel', [SDEV_DEL]: 'deleted', [SDEV_QUIESCE]: 'quiesce', [SDEV_OFFLINE]: 'offline',
};
/** enum scsi_host_state. */
export const SHOST_CREATED = 1, SHOST_RUNNING = 2, SHOST_CANCEL = 3, SHOST_DEL = 4;

/** struct scsi_sense_hdr: the parts of sense data the mid layer decides by. */
export interface scsi_sense_hdr { response_code: number; sense_key: number; asc: number; ascq: number }

/** struct scsi_cmnd: one command, its data buffer (the scatterlist, flattened) and what the host answered. */
export interface scsi_cmnd {
  device: scsi_device;
  cmnd: Uint8Array;
  sc_data_direction: number;
  /** The data: what the device returns (DMA_FROM_DEVICE) or is sent (DMA_TO_DEVICE); its length is the transfer length. */
  sdb: Uint8Array;
  /** Bytes not transferred (scsi_set_resid). */
  resid: number;
  /** status byte | host byte << 16. */
  result: number;
  sense_buffer: Uint8Array;
  request: request;
  retries: number;
  allowed: number;
  /** The block request's segments a READ scatters into once done (the sd request's bios). */
  segments: Uint8Array[];
}

/** struct scsi_host_template: what a low-level driver offers the mid layer. */
export interface scsi_host_template {
  name: string;
  proc_name: string;
  module: string | null;
  info?(shost: Scsi_Host): string;
  /** 0 when taken (completion later through scsi_done), SCSI_MLQUEUE_HOST_BUSY to be asked again. */
  queuecommand(shost: Scsi_Host, cmd: scsi_cmnd): number;
  slave_alloc?(sdev: scsi_device): number;
  slave_configure?(sdev: scsi_device): number;
  can_queue: number;
  this_id: number;
  sg_tablesize: number;
  max_sectors: number;
  cmd_per_lun: number;
  emulated: boolean;
  skip_settle_delay?: boolean;
}

/** struct Scsi_Host: host N, its device (hostN on the scsi bus) and its scsi_host class device. */
export interface Scsi_Host {
  hostt: scsi_host_template;
  host_no: number;
  shost_gendev: device;
  shost_dev: device;
  shost_state: number;
  max_channel: number;
  max_id: number;
  max_lun: number;
  this_id: number;
  can_queue: number;
  max_sectors: number;
  /** Commands the low-level driver holds (scsi_host_busy). */
  host_busy: number;
  tag_set: blk_mq_tag_set | null;
  __devices: scsi_device[];
  __targets: scsi_target[];
  /** The low-level driver's data (shost_priv). */
  hostdata: unknown;
}

export interface scsi_target { dev: device; shost: Scsi_Host; channel: number; id: number; scsi_level: number }

/** struct scsi_device: one LUN, its device (H:C:T:L on the scsi bus), its scsi_device class device and its request queue. */
export interface scsi_device {
  host: Scsi_Host;
  sdev_target: scsi_target;
  sdev_gendev: device;
  sdev_dev: device;
  request_queue: request_queue;
  channel: number;
  id: number;
  lun: number;
  type: number;
  scsi_level: number;
  inquiry: Uint8Array;
  vendor: string;
  model: string;
  rev: string;
  removable: boolean;
  sdev_state: number;
  queue_depth: number;
  /** Quirks the low-level driver sets in slave_configure (usb-storage: scsiglue.c). */
  use_192_bytes_for_3f: boolean;
  skip_ms_page_8: boolean;
  skip_ms_page_3f: boolean;
  skip_vpd_pages: boolean;
  use_10_for_ms: boolean;
  try_rc_10_first: boolean;
  allow_restart: boolean;
  /** Passthrough commands sleep here until their request ends (blk_execute_rq's wait). */
  exec_wait: wait_queue_head;
}

/** struct scsi_driver: an upper-level driver (sd): its driver, and how it turns block requests into commands. */
export interface scsi_driver {
  gendrv: device_driver;
  init_command(cmd: scsi_cmnd): blk_status_t;
  /** Bytes that completed well (sd_done). */
  done(cmd: scsi_cmnd): number;
  rescan?(dev: device): KGen<void>;
}
