// Models QEMU hw/scsi/scsi-disk.c (scsi-hd) with scsi-bus.c's sense handling: a SCSI direct-access LUN backed by sparse 4 KiB pages, answering the commands Linux's sd and scsi_scan send (INQUIRY, TEST UNIT READY, READ CAPACITY(10), READ/WRITE(6/10), REQUEST SENSE, MODE SENSE(6), SYNCHRONIZE CACHE, START STOP UNIT) as QEMU does.

export const GOOD = 0x00, CHECK_CONDITION = 0x02;
export const TEST_UNIT_READY = 0x00, REQUEST_SENSE = 0x03, READ_6 = 0x08, WRITE_6 = 0x0a, INQUIRY = 0x12, MODE_SENSE = 0x1a;
export const START_STOP = 0x1b, ALLOW_MEDIUM_REMOVAL = 0x1e, READ_CAPACITY_10 = 0x25, READ_10 = 0x28, WRITE_10 = 0x2a;
export const VERIFY_10 = 0x2f, SYNCHRONIZE_CACHE = 0x35, REPORT_LUNS = 0xa0;

/** A sense key with its additional sense code and qualifier (scsi-bus.c's SCSISense). */
export interface SCSISense { key: number; asc: number; ascq: number }
export const SENSE_NO_SENSE: SCSISense = { key: 0, asc: 0, ascq: 0 };
/** Power on, reset or bus device reset occurred (UNIT ATTENTION 29/00): what a disk reports once after a reset. */
export const SENSE_RESET: SCSISense = { key: 0x06, asc: 0x29, ascq: 0x00 };
export const SENSE_INVALID_OPCODE: SCSISense = { key: 0x05, asc: 0x20, ascq: 0x00 };
export const SENSE_INVALID_FIELD: SCSISense = { key: 0x05, asc: 0x24, ascq: 0x00 };
export const SENSE_LBA_OUT_OF_RANGE: SCSISense = { key: 0x05, asc: 0x21, ascq: 0x00 };

/** What a command did: its status, the data it returns (data-in), and how many bytes of data-out it expects first. */
export interface SCSIResult { status: number; data: Uint8Array }

const PAGE = 4096;
/** QEMU_HW_VERSION: the revision scsi-hd reports in INQUIRY. */
const QEMU_REVISION = '2.5+';

/** The mode pages scsi-hd returns for MODE SENSE page 0x3f, in page-code order (mode_sense_page). */
const MODE_PAGES: readonly number[] = [0x01, 0x04, 0x05, 0x08];

const be16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
const be32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const ascii = (s: string, n: number): number[] => Array.from(s.padEnd(n, ' ').slice(0, n), (c) => c.charCodeAt(0));

export class SCSIDiskState {
  /** The sense of the last failed command, returned by REQUEST SENSE (then cleared). */
  sense: SCSISense = SENSE_NO_SENSE;
  /** The UNIT ATTENTION reported to the first command after a reset (not to INQUIRY, REPORT LUNS or REQUEST SENSE). */
  unit_attention: SCSISense | null = SENSE_RESET;
  write_cache = true;

  constructor(readonly pages: Map<number, Uint8Array>, readonly nb_sectors: number, readonly removable = false) {}

  /** scsi_device_reset: back to power-on, with the UNIT ATTENTION pending again. */
  reset(): void { this.unit_attention = SENSE_RESET; this.sense = SENSE_NO_SENSE; }

  /** How many bytes of data-out the command takes before it runs (the WRITE commands); 0 for the others. */
  data_out_len(cdb: Uint8Array): number {
    if (cdb[0] === WRITE_10) return ((cdb[7]! << 8) | cdb[8]!) * 512;
    if (cdb[0] === WRITE_6) return (cdb[4]! || 256) * 512;
    return 0;
  }

  /** scsi_req_new + scsi_disk_emulate_command / scsi_disk_dma_command: runs one command; `out` holds its data-out. */
  command(cdb: Uint8Array, out: Uint8Array = new Uint8Array(0)): SCSIResult {
    const op = cdb[0]!;
    if (op === REQUEST_SENSE) return this.ok(this.request_sense(cdb[4]!));
    if (this.unit_attention && op !== INQUIRY && op !== REPORT_LUNS) {
      const ua = this.unit_attention;
      this.unit_attention = null;
      return this.check(ua);
    }
    switch (op) {
      case TEST_UNIT_READY: case START_STOP: case ALLOW_MEDIUM_REMOVAL: case VERIFY_10: case SYNCHRONIZE_CACHE: return this.ok();
      case INQUIRY: return this.inquiry(cdb);
      case REPORT_LUNS: return this.ok(new Uint8Array([...be32(8), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).subarray(0, (cdb[6]! << 24 | cdb[7]! << 16 | cdb[8]! << 8 | cdb[9]!) >>> 0));
      case READ_CAPACITY_10: return this.ok(new Uint8Array([...be32(Math.min(this.nb_sectors - 1, 0xffffffff)), ...be32(512)]));
      case MODE_SENSE: return this.mode_sense(cdb);
      case READ_10: return this.read(((cdb[2]! << 24) | (cdb[3]! << 16) | (cdb[4]! << 8) | cdb[5]!) >>> 0, (cdb[7]! << 8) | cdb[8]!);
      case READ_6: return this.read(((cdb[1]! & 0x1f) << 16) | (cdb[2]! << 8) | cdb[3]!, cdb[4]! || 256);
      case WRITE_10: return this.write(((cdb[2]! << 24) | (cdb[3]! << 16) | (cdb[4]! << 8) | cdb[5]!) >>> 0, (cdb[7]! << 8) | cdb[8]!, out);
      case WRITE_6: return this.write(((cdb[1]! & 0x1f) << 16) | (cdb[2]! << 8) | cdb[3]!, cdb[4]! || 256, out);
      default: return this.check(SENSE_INVALID_OPCODE);
    }
  }

  private ok(data: Uint8Array = new Uint8Array(0)): SCSIResult { return { status: GOOD, data }; }
  private check(s: SCSISense): SCSIResult { this.sense = s; return { status: CHECK_CONDITION, data: new Uint8Array(0) }; }

  /** Fixed-format sense data (response code 0x70), as scsi_build_sense; the stored sense is consumed. */
  private request_sense(len: number): Uint8Array {
    const s = this.sense;
    this.sense = SENSE_NO_SENSE;
    const b = new Uint8Array(18);
    b[0] = 0x70; b[2] = s.key; b[7] = 10; b[12] = s.asc; b[13] = s.ascq;
    return b.subarray(0, Math.min(len, 18));
  }

  /** scsi_disk_emulate_inquiry: standard data (vital product pages are not offered: EVPD is refused). */
  private inquiry(cdb: Uint8Array): SCSIResult {
    if (cdb[1]! & 1) return this.check(SENSE_INVALID_FIELD);
    const alloc = (cdb[3]! << 8) | cdb[4]!;
    const b = [0x00, this.removable ? 0x80 : 0x00, 0x05, 0x02 | 0x10, 36 - 5, 0, 0, 0x02,
      ...ascii('QEMU', 8), ...ascii('QEMU HARDDISK', 16), ...ascii(QEMU_REVISION, 4)];
    return this.ok(new Uint8Array(b).subarray(0, alloc));
  }

  /** One mode page as mode_sense_page writes it (current values). */
  private mode_page(code: number): number[] {
    switch (code) {
      case 0x01: return [0x01, 0x0a, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0];
      case 0x04: {
        // Rigid disk geometry: 16 heads, 63 sectors per track, cylinders from the size; 5400 rpm.
        const cyl = Math.floor(this.nb_sectors / (16 * 63));
        return [0x04, 0x16, (cyl >> 16) & 0xff, (cyl >> 8) & 0xff, cyl & 0xff, 16, (cyl >> 16) & 0xff, (cyl >> 8) & 0xff, cyl & 0xff,
          (cyl >> 16) & 0xff, (cyl >> 8) & 0xff, cyl & 0xff, 0, 0x2a, 0x30, 0, 0, 0, 0, 0, ...be16(5400), 0, 0];
      }
      case 0x05: {
        // Flexible disk page: 5000 kbit/s, 16 heads, 63 sectors of 512 bytes, the cylinders; rotation rate at bytes 28-29.
        const p = new Array<number>(32).fill(0);
        p.splice(0, 10, 0x05, 0x1e, 0x13, 0x88, 16, 63, 0x02, 0x00, ...be16(Math.floor(this.nb_sectors / (16 * 63))));
        p.splice(28, 2, ...be16(5400));
        return p;
      }
      default: return [0x08, 0x12, this.write_cache ? 0x04 : 0x00, ...new Array<number>(17).fill(0)];
    }
  }

  /** scsi_disk_emulate_mode_sense for MODE SENSE(6): header, one block descriptor (unless DBD), the page or all pages. */
  private mode_sense(cdb: Uint8Array): SCSIResult {
    const dbd = (cdb[1]! & 0x08) !== 0, page = cdb[2]! & 0x3f, alloc = cdb[4]!;
    const codes = page === 0x3f ? MODE_PAGES : MODE_PAGES.filter((c) => c === page);
    if (!codes.length) return this.check(SENSE_INVALID_FIELD);
    const body: number[] = [];
    if (!dbd) body.push(0, ...be32(this.nb_sectors > 0xffffff ? 0 : this.nb_sectors).slice(1), 0, ...be32(512).slice(1));
    for (const c of codes) body.push(...this.mode_page(c));
    const b = [3 + body.length, 0x00, 0x00, dbd ? 0 : 8, ...body];
    return this.ok(new Uint8Array(b).subarray(0, alloc));
  }

  private in_range(lba: number, n: number): boolean { return lba + n <= this.nb_sectors; }

  private read(lba: number, n: number): SCSIResult {
    if (!this.in_range(lba, n)) return this.check(SENSE_LBA_OUT_OF_RANGE);
    const out = new Uint8Array(n * 512);
    for (let off = 0; off < out.length;) {
      const at = lba * 512 + off, p = this.pages.get(Math.floor(at / PAGE)), o = at % PAGE, len = Math.min(PAGE - o, out.length - off);
      if (p) out.set(p.subarray(o, o + len), off);
      off += len;
    }
    return this.ok(out);
  }

  private write(lba: number, n: number, data: Uint8Array): SCSIResult {
    if (!this.in_range(lba, n)) return this.check(SENSE_LBA_OUT_OF_RANGE);
    for (let off = 0; off < Math.min(data.length, n * 512);) {
      const at = lba * 512 + off, idx = Math.floor(at / PAGE), o = at % PAGE, len = Math.min(PAGE - o, data.length - off);
      let p = this.pages.get(idx);
      if (!p) { p = new Uint8Array(PAGE); this.pages.set(idx, p); }
      p.set(data.subarray(off, off + len), o);
      off += len;
    }
    return this.ok();
  }
}
