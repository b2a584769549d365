// Models linux/drivers/scsi/scsi_scan.c: scanning a host — a target per id, LUN 0 probed with INQUIRY (scsi_probe_lun), the "scsi H:C:T:L: Direct-Access ..." line and the LUN added (scsi_add_lun), then the other LUNs in sequence.
import type { KGen } from '../../include/linux/sched.ts';
import { KERN_NOTICE } from '../../kernel/printk/printk.ts';
import { wait_queue_head } from '../../kernel/sched/wait.ts';
import { type Scsi_Host, type scsi_device, type scsi_target, DMA_FROM_DEVICE, INQUIRY, SCSI_2, SDEV_CREATED } from './scsi_types.ts';
import { scsi_dev_type, scsi_device_class, scsi_device_init, scsi_sdev_groups, scsi_sysfs_add_sdev, scsi_target_reap, scsi_target_type, __scsi_remove_device } from './scsi_sysfs.ts';
import { scsi_alloc_queue, scsi_execute_cmd } from './scsi_lib.ts';
import { sdev_printk } from './scsi_error.ts';

/** scsi_device_types: the names INQUIRY's peripheral device type prints as, padded to 17 as Linux's table is. */
const scsi_device_types = ['Direct-Access    ', 'Sequential-Access', 'Printer          ', 'Processor        ', 'WORM             ', 'CD-ROM           ',
  'Scanner          ', 'Optical Device   ', 'Medium Changer   ', 'Communications   ', 'ASC IT8          ', 'ASC IT8          ', 'RAID             ',
  'Enclosure        ', 'Direct-Access-RBC', 'Optical card     ', 'Bridge controller', 'Object storage   ', 'Automation/Drive ', 'Security Manager ',
  'Direct-Access-ZBC'];
export const scsi_device_type = (t: number): string => (t === 0x1e ? 'Well-known LUN   ' : t === 0x1f ? 'No Device        ' : scsi_device_types[t] ?? 'Unknown          ');

const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);

/** scsi_alloc_target: target<host>:<channel>:<id> under the host (added with its first LUN). */
function scsi_alloc_target(shost: Scsi_Host, channel: number, id: number): scsi_target {
  const found = shost.__targets.find((t) => t.channel === channel && t.id === id);
  if (found) return found;
  const t = { shost, channel, id, scsi_level: SCSI_2 } as scsi_target;
  t.dev = scsi_device_init(t, `target${shost.host_no}:${channel}:${id}`, shost.shost_gendev, scsi_target_type, null);
  shost.__targets.push(t);
  return t;
}

/** scsi_alloc_sdev: the LUN's devices and request queue; the host driver's slave_alloc. */
function scsi_alloc_sdev(t: scsi_target, lun: number): scsi_device {
  const shost = t.shost;
  const sdev = {
    host: shost, sdev_target: t, channel: t.channel, id: t.id, lun, type: 0x1f, scsi_level: 0, inquiry: new Uint8Array(0), vendor: '', model: '', rev: '',
    removable: false, sdev_state: SDEV_CREATED, queue_depth: 1, use_192_bytes_for_3f: false, skip_ms_page_8: false, skip_ms_page_3f: false,
    skip_vpd_pages: false, use_10_for_ms: false, try_rc_10_first: false, allow_restart: false, exec_wait: new wait_queue_head('scsi_exec'),
  } as unknown as scsi_device;
  const name = `${shost.host_no}:${t.channel}:${t.id}:${lun}`;
  sdev.sdev_gendev = scsi_device_init(sdev, name, t.dev, scsi_dev_type, null);
  sdev.sdev_gendev.groups = scsi_sdev_groups;
  sdev.sdev_dev = scsi_device_init(sdev, name, sdev.sdev_gendev, null, scsi_device_class);
  scsi_alloc_queue(sdev);
  shost.__devices.push(sdev);
  shost.hostt.slave_alloc?.(sdev);
  return sdev;
}

/** scsi_probe_lun: standard INQUIRY data (36 bytes, more if the device has more), or null when the LUN does not answer. */
function* scsi_probe_lun(sdev: scsi_device): KGen<Uint8Array | null> {
  let len = 36;
  for (let pass = 0; pass < 2; pass++) {
    const buf = new Uint8Array(len);
    const r = yield* scsi_execute_cmd(sdev, new Uint8Array([INQUIRY, 0, 0, 0, len, 0]), DMA_FROM_DEVICE, buf, 3);
    if (r.result) return null;
    const got = len - r.resid, want = Math.min(255, buf[4]! + 5);
    if (want <= len || pass) return buf.subarray(0, Math.max(got, 36));
    len = want;
  }
  return null;
}

/** scsi_add_lun: identity from INQUIRY, the notice line, the host's slave_configure, the LUN on the bus. */
function* scsi_add_lun(sdev: scsi_device, inq: Uint8Array): KGen<number> {
  sdev.inquiry = inq;
  sdev.vendor = latin1(inq.subarray(8, 16));
  sdev.model = latin1(inq.subarray(16, 32));
  sdev.rev = latin1(inq.subarray(32, 36));
  sdev.type = inq[0]! & 0x1f;
  sdev.removable = (inq[1]! & 0x80) !== 0;
  sdev.scsi_level = inq[2]! & 0x07;
  if (sdev.scsi_level >= 2 || (sdev.scsi_level === 1 && (inq[3]! & 0x0f) === 1)) sdev.scsi_level++;
  sdev.sdev_target.scsi_level = sdev.scsi_level;
  const pq = (inq[0]! >> 5) & 7;
  sdev_printk(KERN_NOTICE, sdev, `${scsi_device_type(sdev.type)} ${sdev.vendor.padEnd(8).slice(0, 8)} ${sdev.model.padEnd(16).slice(0, 16)} ${sdev.rev.padEnd(4).slice(0, 4)} PQ: ${pq} ANSI: ${inq[2]! & 0x07}${(inq[3]! & 0x0f) === 1 ? ' CCS' : ''}`);
  const r = sdev.host.hostt.slave_configure?.(sdev) ?? 0;
  if (r) return r;
  return yield* scsi_sysfs_add_sdev(sdev);
}

/** scsi_probe_and_add_lun: true when a LUN is there and was added. */
function* scsi_probe_and_add_lun(t: scsi_target, lun: number): KGen<boolean> {
  const sdev = scsi_alloc_sdev(t, lun);
  const inq = yield* scsi_probe_lun(sdev);
  // Peripheral qualifier 3 (no LUN here) or no answer: the LUN is dropped.
  if (!inq || (inq[0]! >> 5) === 3 || (yield* scsi_add_lun(sdev, inq))) {
    yield* __scsi_remove_device(sdev);
    return false;
  }
  return true;
}

/** __scsi_scan_target: LUN 0, then LUNs 1..max_lun-1 while they answer (scsi_sequential_lun_scan). */
function* __scsi_scan_target(shost: Scsi_Host, channel: number, id: number): KGen<void> {
  const t = scsi_alloc_target(shost, channel, id);
  if (yield* scsi_probe_and_add_lun(t, 0)) {
    for (let lun = 1; lun < shost.max_lun; lun++) if (!(yield* scsi_probe_and_add_lun(t, lun))) break;
  }
  yield* scsi_target_reap(t);
}

/** scsi_scan_host: every channel and id but the host's own. */
export function* scsi_scan_host(shost: Scsi_Host): KGen<void> {
  for (let channel = 0; channel <= shost.max_channel; channel++) {
    for (let id = 0; id < shost.max_id; id++) if (id !== shost.this_id) yield* __scsi_scan_target(shost, channel, id);
  }
}
