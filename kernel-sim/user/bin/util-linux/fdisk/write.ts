// Models util-linux 2.38's libfdisk writing a new label: a DOS MBR (disk identifier, four primary entries) or a GPT (protective MBR, primary and backup headers with their CRC32s, 128 entries), written through the disk's block device.
import type { KGen } from '../../../../include/linux/sched.ts';
import type { Libc } from '../../../lib/libc.ts';
import { O_RDWR } from '../../../../include/uapi/stat.ts';
import { is_extended, type fdisk_partition } from './label.ts';

/** crc32 (zlib's, as GPT uses). */
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) { c ^= x; for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1; }
  return (c ^ 0xffffffff) >>> 0;
}

/** A GUID string to its on-disk bytes (the first three fields little-endian). */
function guid_bytes(s: string): Uint8Array {
  const h = s.replace(/-/g, '');
  const b = Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));
  b.subarray(0, 4).reverse(); b.subarray(4, 6).reverse(); b.subarray(6, 8).reverse();
  return b;
}

/** An MBR entry (CHS fields left 0xfe/0xff as libfdisk does past 8 GiB; LBA fields are what Linux reads). */
function mbr_entry(mbr: Uint8Array, i: number, boot: boolean, type: number, start: number, size: number): void {
  const o = 446 + i * 16, dv = new DataView(mbr.buffer);
  mbr[o] = boot ? 0x80 : 0;
  mbr.set([0xfe, 0xff, 0xff], o + 1); mbr[o + 4] = type; mbr.set([0xfe, 0xff, 0xff], o + 5);
  dv.setUint32(o + 8, start, true); dv.setUint32(o + 12, Math.min(size, 0xffffffff), true);
}

export interface new_label { type: 'dos' | 'gpt'; id: string; parts: fdisk_partition[]; first_lba: number; last_lba: number }

/** The sectors to write, by LBA, for a label on a disk of `sectors` 512-byte sectors. */
export function label_sectors(l: new_label, sectors: number): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  const mbr = new Uint8Array(512);
  mbr[510] = 0x55; mbr[511] = 0xaa;
  if (l.type === 'dos') {
    new DataView(mbr.buffer).setUint32(440, parseInt(l.id, 16) >>> 0, true);
    const primaries = l.parts.filter((p) => p.partno <= 4), logicals = l.parts.filter((p) => p.partno > 4);
    for (const p of primaries) mbr_entry(mbr, p.partno - 1, p.boot, parseInt(p.type, 16), p.start, p.size);
    out.set(0, mbr);
    const ext = primaries.find((p) => is_extended(parseInt(p.type, 16)));
    if (ext) {
      // An empty extended partition still gets an empty EBR, so no stale chain is read from it.
      const first = new Uint8Array(512);
      first[510] = 0x55; first[511] = 0xaa;
      out.set(ext.start, first);
    }
    // The chain of EBRs: each holds its logical partition (start relative to the EBR) and a link to the next EBR
    // (start relative to the extended partition, size covering the next EBR and its data), as libfdisk writes them.
    logicals.forEach((p, i) => {
      const ebr = new Uint8Array(512);
      ebr[510] = 0x55; ebr[511] = 0xaa;
      mbr_entry(ebr, 0, p.boot, parseInt(p.type, 16), p.start - p.ebr!, p.size);
      const next = logicals[i + 1];
      if (next && ext) mbr_entry(ebr, 1, false, 0x05, next.ebr! - ext.start, next.start + next.size - next.ebr!);
      out.set(p.ebr!, ebr);
    });
    return out;
  }
  mbr_entry(mbr, 0, false, 0xee, 1, sectors - 1);
  out.set(0, mbr);
  const entries = new Uint8Array(128 * 128);
  l.parts.forEach((p) => {
    const e = entries.subarray((p.partno - 1) * 128, p.partno * 128), dv = new DataView(e.buffer, e.byteOffset);
    e.set(guid_bytes(p.type), 0); e.set(guid_bytes(p.uuid), 16);
    dv.setBigUint64(32, BigInt(p.start), true); dv.setBigUint64(40, BigInt(p.start + p.size - 1), true);
    const name = p.name.slice(0, 36);
    for (let k = 0; k < name.length; k++) dv.setUint16(56 + 2 * k, name.charCodeAt(k), true);
  });
  const ecrc = crc32(entries);
  const header = (my: number, alt: number, entries_lba: number): Uint8Array => {
    const h = new Uint8Array(512), dv = new DataView(h.buffer);
    h.set(new TextEncoder().encode('EFI PART'));
    dv.setUint32(8, 0x00010000, true); dv.setUint32(12, 92, true);
    dv.setBigUint64(24, BigInt(my), true); dv.setBigUint64(32, BigInt(alt), true);
    dv.setBigUint64(40, BigInt(l.first_lba), true); dv.setBigUint64(48, BigInt(l.last_lba), true);
    h.set(guid_bytes(l.id), 56); dv.setBigUint64(72, BigInt(entries_lba), true);
    dv.setUint32(80, 128, true); dv.setUint32(84, 128, true); dv.setUint32(88, ecrc, true);
    dv.setUint32(16, crc32(h.subarray(0, 92)), true);
    return h;
  };
  out.set(1, header(1, sectors - 1, 2));
  for (let k = 0; k < 32; k++) { out.set(2 + k, entries.slice(k * 512, (k + 1) * 512)); out.set(sectors - 33 + k, entries.slice(k * 512, (k + 1) * 512)); }
  out.set(sectors - 1, header(sectors - 1, 1, sectors - 33));
  return out;
}

/** fdisk_write_disklabel: the sectors through the device, then fsync. */
export function* write_label(c: Libc, path: string, sectors: Map<number, Uint8Array>): KGen<number> {
  const fd = yield* c.open(path, O_RDWR);
  if (fd < 0) return fd;
  for (const [lba, data] of sectors) {
    if ((yield* c.lseek(fd, lba * 512, 0)) < 0) continue;
    const w = yield* c.write(fd, data);
    if (w < 0) { yield* c.close(fd); return w; }
  }
  yield* c.syscall('fsync', fd);
  return fd;
}

/** A random DOS disk identifier or v4 GUID, from the kernel's random source. */
export function* random_id(c: Libc, kind: 'dos' | 'guid'): KGen<string> {
  const fd = yield* c.open('/dev/urandom', 0);
  const r = fd >= 0 ? yield* c.read(fd, 16) : -1;
  if (fd >= 0) yield* c.close(fd);
  const b = typeof r === 'number' ? new Uint8Array(16).fill(0x5a) : r;
  if (kind === 'dos') return `0x${[...b.subarray(0, 4)].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
  b[6] = (b[6]! & 0x0f) | 0x40; b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
