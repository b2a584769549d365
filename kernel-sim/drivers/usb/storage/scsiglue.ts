// Models linux/drivers/usb/storage/scsiglue.c: usb-storage as a SCSI host — its host template (one command at a time, 240-sector transfers), queuecommand starting the command's transport, and slave_configure's quirks for disks behind USB bridges.
import { type Scsi_Host, type scsi_cmnd, type scsi_device, type scsi_host_template, DID_BAD_TARGET, DID_NO_CONNECT, SCSI_MLQUEUE_HOST_BUSY, TYPE_DISK } from '../../scsi/scsi_types.ts';
import { scsi_done } from '../../scsi/scsi_lib.ts';
import { usb_stor_invoke_transport } from './transport.ts';
import type { us_data } from './usb.ts';

export const host_to_us = (shost: Scsi_Host): us_data => shost.hostdata as us_data;

function command_done(us: us_data, srb: scsi_cmnd): void {
  us.srb = null;
  scsi_done(srb);
}

/** queuecommand: refused while one is in flight; after disconnect it ends at once with DID_NO_CONNECT. */
function queuecommand(shost: Scsi_Host, srb: scsi_cmnd): number {
  const us = host_to_us(shost);
  if (us.srb) return SCSI_MLQUEUE_HOST_BUSY;
  if (us.disconnecting) {
    srb.result = DID_NO_CONNECT << 16;
    scsi_done(srb);
    return 0;
  }
  us.srb = srb;
  // The command goes to the device now; its completion (usb_stor_control_thread's tail) frees the host for the next.
  if (srb.device.id || srb.device.lun > us.max_lun) { srb.result = DID_BAD_TARGET << 16; command_done(us, srb); return 0; }
  usb_stor_invoke_transport(srb, us, () => command_done(us, srb));
  return 0;
}

/** slave_configure: what sd must not ask a USB bridge (page 8 alone, VPD pages, READ CAPACITY(16) first). */
function slave_configure(sdev: scsi_device): number {
  if (sdev.type === TYPE_DISK) {
    sdev.use_192_bytes_for_3f = true;
    sdev.skip_ms_page_8 = true;
    sdev.skip_vpd_pages = true;
    sdev.try_rc_10_first = true;
    sdev.allow_restart = true;
  } else {
    sdev.use_10_for_ms = true;
  }
  return 0;
}

export const usb_stor_host_template: scsi_host_template = {
  name: 'usb-storage',
  proc_name: 'usb-storage',
  module: 'usb_storage',
  info: (shost) => host_to_us(shost).scsi_name,
  queuecommand,
  slave_configure,
  can_queue: 1,
  this_id: -1,
  sg_tablesize: 2048,
  max_sectors: 240,
  cmd_per_lun: 1,
  emulated: true,
  skip_settle_delay: true,
};
