// Models linux/drivers/usb/storage/usb.c and usb-storage.ko: the usb_driver for mass-storage interfaces — probe (the "USB Mass Storage device detected" line, a SCSI host named "usb-storage 1-1:1.0", the SCSI scan delay_use seconds later) and disconnect (the host and its disks removed).
import type { KGen } from '../../../include/linux/sched.ts';
import {
  type usb_device, type usb_device_id, type usb_driver, type usb_interface, USB_CLASS_MASS_STORAGE, USB_DIR_IN, USB_ENDPOINT_XFERTYPE_MASK,
  USB_ENDPOINT_XFER_BULK, USB_INTERFACE_INFO, USB_STATE_NOTATTACHED, usb_rcvbulkpipe, usb_sndbulkpipe,
} from '../../../include/linux/usb.ts';
import type { ts_module_def } from '../../../kernel/module/obj_m.ts';
import { dev_info, dev_name } from '../../base/core.ts';
import { ENODEV } from '../../../include/uapi/asm-generic/errno.ts';
import { schedule_timeout_uninterruptible } from '../../../kernel/sched/core.ts';
import { INIT_WORK, alloc_workqueue, flush_work, queue_work, type work_struct } from '../../../kernel/workqueue.ts';
import { usb_register_driver, usb_deregister } from '../core/driver.ts';
import { interface_to_usbdev } from '../core/usb-internal.ts';
import type { Scsi_Host, scsi_cmnd } from '../../scsi/scsi_types.ts';
import { scsi_add_host, scsi_host_alloc, scsi_host_put, scsi_remove_host } from '../../scsi/hosts.ts';
import { scsi_scan_host } from '../../scsi/scsi_scan.ts';
import { usb_stor_host_template } from './scsiglue.ts';
import { usb_stor_Bulk_max_lun } from './transport.ts';

/** The interface subclasses (USB_SC_*) and protocols (USB_PR_*) of usual-tables.c's generic entries. */
export const USB_SC_RBC = 0x01, USB_SC_8020 = 0x02, USB_SC_QIC = 0x03, USB_SC_UFI = 0x04, USB_SC_8070 = 0x05, USB_SC_SCSI = 0x06;
export const USB_PR_CBI = 0x00, USB_PR_CB = 0x01, USB_PR_BULK = 0x50;

/** module_param delay_use: seconds before a new device is scanned (1 in 6.1). */
const delay_use = 1;

/** struct us_data: one mass-storage interface and its SCSI host. */
export interface us_data {
  pusb_dev: usb_device;
  pusb_intf: usb_interface;
  ifnum: number;
  host: Scsi_Host;
  scsi_name: string;
  send_bulk_pipe: number;
  recv_bulk_pipe: number;
  max_lun: number;
  tag: number;
  /** The command at the device (us->srb). */
  srb: scsi_cmnd | null;
  /** US_FLIDX_DISCONNECTING: no more commands reach the device. */
  disconnecting: boolean;
  scan_dwork: work_struct;
}

/** usb_stor_scan_dwork: after delay_use seconds, the LUN count from the device, then the SCSI scan. */
function usb_stor_scan_dwork(us: us_data): (w: work_struct) => KGen<void> {
  return function* () {
    yield* schedule_timeout_uninterruptible(delay_use * 1_000_000_000);
    if (us.disconnecting) return;
    us.max_lun = yield* usb_stor_Bulk_max_lun(us);
    us.host.max_lun = us.max_lun + 1;
    if (us.disconnecting) return;
    yield* scsi_scan_host(us.host);
  };
}

/** get_pipes: the bulk IN and bulk OUT endpoints of the interface. */
function get_pipes(us: us_data): number {
  let ep_in = 0, ep_out = 0;
  for (const ep of us.pusb_intf.cur_altsetting.endpoint) {
    if ((ep.desc.bmAttributes & USB_ENDPOINT_XFERTYPE_MASK) !== USB_ENDPOINT_XFER_BULK) continue;
    if (ep.desc.bEndpointAddress & USB_DIR_IN) ep_in ||= ep.desc.bEndpointAddress & 0x0f;
    else ep_out ||= ep.desc.bEndpointAddress & 0x0f;
  }
  if (!ep_in || !ep_out) return -ENODEV;
  us.send_bulk_pipe = usb_sndbulkpipe(us.pusb_dev, ep_out);
  us.recv_bulk_pipe = usb_rcvbulkpipe(us.pusb_dev, ep_in);
  return 0;
}

/** storage_probe: usb_stor_probe1 (the line, the host) and usb_stor_probe2 (pipes, thread, host added, scan queued). */
function* storage_probe(intf: usb_interface, _id: usb_device_id): KGen<number> {
  dev_info(intf.dev, 'USB Mass Storage device detected');
  const us = {
    pusb_dev: interface_to_usbdev(intf), pusb_intf: intf, ifnum: intf.cur_altsetting.desc.bInterfaceNumber, scsi_name: `usb-storage ${dev_name(intf.dev)}`,
    send_bulk_pipe: 0, recv_bulk_pipe: 0, max_lun: 0, tag: 0, srb: null, disconnecting: false,
  } as unknown as us_data;
  us.host = scsi_host_alloc(usb_stor_host_template, us);
  // One target per device: only multi-target bridges scan more ids.
  us.host.max_id = 1;
  intf.dev.driver_data = us;
  let r = get_pipes(us);
  if (r) { scsi_host_put(us.host); return r; }
  r = yield* scsi_add_host(us.host, intf.dev);
  if (r) { scsi_host_put(us.host); return r; }
  us.scan_dwork = INIT_WORK(usb_stor_scan_dwork(us));
  queue_work(alloc_workqueue('events_freezable'), us.scan_dwork);
  return 0;
}

/** usb_stor_disconnect: quiesce_and_remove_host — a device already gone fails its commands at once; the scan is waited for; the host goes. */
function* storage_disconnect(intf: usb_interface): KGen<void> {
  const us = intf.dev.driver_data as us_data;
  if (us.pusb_dev.state === USB_STATE_NOTATTACHED) us.disconnecting = true;
  yield* flush_work(us.scan_dwork);
  yield* scsi_remove_host(us.host);
  us.disconnecting = true;
  scsi_host_put(us.host);
}

/** usb_storage_usb_ids: the generic entries of usual-tables.c, every transparent subclass with each protocol. */
const usb_storage_usb_ids: usb_device_id[] = [USB_SC_RBC, USB_SC_8020, USB_SC_QIC, USB_SC_UFI, USB_SC_8070, USB_SC_SCSI]
  .flatMap((sc) => [USB_PR_CBI, USB_PR_CB, USB_PR_BULK].map((pr) => USB_INTERFACE_INFO(USB_CLASS_MASS_STORAGE, sc, pr)));

export const usb_storage_driver: usb_driver = {
  name: 'usb-storage', probe: storage_probe, disconnect: storage_disconnect, id_table: usb_storage_usb_ids, drvwrap: { name: 'usb-storage' }, soft_unbind: true,
};

const hex2 = (v: number): string => v.toString(16).toUpperCase().padStart(2, '0');

/** usb-storage.ko: udev loads it from a mass-storage interface's modalias. */
export const obj_m: readonly ts_module_def[] = [{
  name: 'usb_storage',
  path: 'kernel/drivers/usb/storage/usb-storage.ko',
  description: 'USB Mass Storage driver for Linux',
  license: 'GPL',
  author: 'Matthew Dharm <mdharm-usb@one-eyed-alien.net>',
  alias: usb_storage_usb_ids.map((id) => `usb:v*p*d*dc*dsc*dp*ic${hex2(id.bInterfaceClass!)}isc${hex2(id.bInterfaceSubClass!)}ip${hex2(id.bInterfaceProtocol!)}in*`),
  depends: ['usbcore', 'scsi_mod'],
  size: 81920,
  init: () => usb_register_driver(usb_storage_driver, 'usb_storage'),
  exit: () => usb_deregister(usb_storage_driver),
}];
