// Models linux/drivers/scsi/hosts.c: allocating a Scsi_Host (hostN from the host index), adding it under its parent (the "scsi hostN: <info>" line, the scsi_host class device, the tag set) and removing it with its LUNs.
import type { KGen } from '../../include/linux/sched.ts';
import type { device } from '../base/base.ts';
import { device_add, device_del, put_device } from '../base/core.ts';
import { KERN_INFO, printk } from '../../kernel/printk/printk.ts';
import { blk_mq_free_tag_set } from '../../block/blk-mq.ts';
import { type Scsi_Host, type scsi_host_template, SHOST_CREATED, SHOST_DEL, SHOST_RUNNING } from './scsi_types.ts';
import { __scsi_remove_device, ida_alloc, scsiState, scsi_device_init, scsi_host_class, scsi_host_type, scsi_target_reap } from './scsi_sysfs.ts';
import { scsi_mq_setup_tags } from './scsi_lib.ts';

/** shost_printk: "scsi host0: ..." (the host's device is on the scsi bus, never bound). */
export function shost_printk(level: string, shost: Scsi_Host, msg: string): void { printk(`${level}scsi host${shost.host_no}: ${msg}`); }

/** scsi_host_alloc: host number, limits from the template, the two devices (not yet added). */
export function scsi_host_alloc(sht: scsi_host_template, hostdata: unknown): Scsi_Host {
  const host_no = ida_alloc(scsiState().host_ids);
  const shost = {
    hostt: sht, host_no, shost_state: SHOST_CREATED, max_channel: 0, max_id: 8, max_lun: 8, this_id: sht.this_id, can_queue: sht.can_queue,
    max_sectors: sht.max_sectors || 1024, host_busy: 0, tag_set: null, __devices: [], __targets: [], hostdata,
  } as unknown as Scsi_Host;
  shost.shost_gendev = scsi_device_init(shost, `host${host_no}`, null, scsi_host_type, null);
  shost.shost_dev = scsi_device_init(shost, `host${host_no}`, shost.shost_gendev, null, scsi_host_class);
  return shost;
}

/** scsi_add_host_with_dma: the template's info line, the tag set, hostN under `parent` and its class device. */
export function* scsi_add_host(shost: Scsi_Host, parent: device): KGen<number> {
  const sht = shost.hostt;
  shost_printk(KERN_INFO, shost, sht.info ? sht.info(shost) : sht.name);
  let r = scsi_mq_setup_tags(shost);
  if (r) return r;
  shost.shost_gendev.parent = parent;
  r = yield* device_add(shost.shost_gendev);
  if (r) return r;
  shost.shost_state = SHOST_RUNNING;
  r = yield* device_add(shost.shost_dev);
  if (r) { yield* device_del(shost.shost_gendev); return r; }
  return 0;
}

/** scsi_remove_host: every LUN removed (scsi_forget_host), then the class device and hostN. */
export function* scsi_remove_host(shost: Scsi_Host): KGen<void> {
  if (shost.shost_state === SHOST_DEL) return;
  for (const sdev of shost.__devices.slice()) {
    yield* __scsi_remove_device(sdev);
    yield* scsi_target_reap(sdev.sdev_target);
  }
  shost.shost_state = SHOST_DEL;
  if (shost.shost_dev.kobj.state_in_sysfs) yield* device_del(shost.shost_dev);
  if (shost.shost_gendev.kobj.state_in_sysfs) yield* device_del(shost.shost_gendev);
}

/** scsi_host_put: the last reference — the tag set and the host number go back. */
export function scsi_host_put(shost: Scsi_Host): void {
  if (shost.tag_set) { blk_mq_free_tag_set(shost.tag_set); shost.tag_set = null; }
  put_device(shost.shost_dev);
  put_device(shost.shost_gendev);
  scsiState().host_ids.delete(shost.host_no);
}
