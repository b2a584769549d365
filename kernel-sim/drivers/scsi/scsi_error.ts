// Models linux/drivers/scsi/scsi_error.c and scsi_common.c: reading sense data (scsi_normalize_sense), what a CHECK CONDITION means (scsi_check_sense, with the unit-attention reports such as "Power-on or device reset occurred"), and scsi_decide_disposition.
import { dev_driver_string, dev_name } from '../base/core.ts';
import { KERN_WARNING, printk } from '../../kernel/printk/printk.ts';
import { type scsi_cmnd, type scsi_device, type scsi_sense_hdr, DID_OK, SAM_STAT_CHECK_CONDITION, UNIT_ATTENTION, host_byte } from './scsi_types.ts';

export const SUCCESS = 0x2002, FAILED = 0x2003, NEEDS_RETRY = 0x2001;

/** sdev_printk: a message about a LUN, as "sd 0:0:0:0: ..." (the driver's name once bound, else the bus's). */
export function sdev_printk(level: string, sdev: scsi_device, msg: string): void {
  const d = sdev.sdev_gendev;
  printk(`${level}${dev_driver_string(d)} ${dev_name(d)}: ${msg}`);
}

/** scsi_normalize_sense: fixed (0x70/0x71) or descriptor (0x72/0x73) format; null when the buffer holds no sense. */
export function scsi_normalize_sense(b: Uint8Array): scsi_sense_hdr | null {
  if (b.length < 1 || (b[0]! & 0x70) !== 0x70) return null;
  const response_code = b[0]! & 0x7f;
  if (response_code >= 0x72) return { response_code, sense_key: (b[1] ?? 0) & 0xf, asc: b[2] ?? 0, ascq: b[3] ?? 0 };
  return { response_code, sense_key: (b[2] ?? 0) & 0xf, asc: b.length > 12 ? b[12]! : 0, ascq: b.length > 13 ? b[13]! : 0 };
}

export const scsi_sense_valid = (s: scsi_sense_hdr | null): s is scsi_sense_hdr => !!s && (s.response_code & 0x70) === 0x70;

/** scsi_report_sense: the unit attentions the mid layer names in the log. */
function scsi_report_sense(sdev: scsi_device, s: scsi_sense_hdr): void {
  if (s.sense_key !== UNIT_ATTENTION) return;
  if (s.asc === 0x29) sdev_printk(KERN_WARNING, sdev, 'Power-on or device reset occurred');
  else if (s.asc === 0x3f && s.ascq === 0x0e) sdev_printk(KERN_WARNING, sdev, 'LUN assignments on this target have changed. The Linux SCSI layer does not automatically remap LUN assignments.');
  else if (s.asc === 0x2a && s.ascq === 0x09) sdev_printk(KERN_WARNING, sdev, 'Capacity data has changed');
}

/** scsi_check_sense: a unit attention is reported and passed up (the caller decides); a "becoming ready" is retried. */
export function scsi_check_sense(cmd: scsi_cmnd): number {
  const s = scsi_normalize_sense(cmd.sense_buffer);
  if (!s) return FAILED;
  scsi_report_sense(cmd.device, s);
  if (s.sense_key === UNIT_ATTENTION && s.asc === 0x04 && s.ascq === 0x01) return NEEDS_RETRY;
  return SUCCESS;
}

/** scsi_decide_disposition: a host error ends the command; a CHECK CONDITION is judged by its sense. */
export function scsi_decide_disposition(cmd: scsi_cmnd): number {
  if (host_byte(cmd.result) !== DID_OK) return SUCCESS;
  if ((cmd.result & 0xff) === SAM_STAT_CHECK_CONDITION) return scsi_check_sense(cmd);
  return SUCCESS;
}
