// Models linux/block/partitions/efi.c: a GUID partition table behind a protective MBR, its header and entry CRCs checked, entries numbered from 1.
import { type parsed_partitions, le16, le32, le64, put_partition } from './check.ts';

const GPT_HEADER_SIGNATURE = 'EFI PART';

/** crc32 (IEEE, reflected), as efi_crc32. */
export function efi_crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function guid_str(b: Uint8Array, o: number): string {
  const h = (i: number, n: number, rev: boolean): string => {
    const bytes = Array.from(b.subarray(o + i, o + i + n));
    return (rev ? bytes.reverse() : bytes).map((x) => x.toString(16).padStart(2, '0')).join('');
  };
  return `${h(0, 4, true)}-${h(4, 2, true)}-${h(6, 2, true)}-${h(8, 2, false)}-${h(10, 6, false)}`;
}

/** is_pmbr_valid: an MBR whose entry of type 0xEE covers the disk. */
function pmbr_valid(mbr: Uint8Array): boolean {
  if (le16(mbr, 510) !== 0xaa55) return false;
  for (let i = 0; i < 4; i++) if (mbr[446 + i * 16 + 4] === 0xee) return true;
  return false;
}

/** efi_partition: 1 with the partitions of a valid GPT, 0 when there is none. */
export function efi_partition(state: parsed_partitions): number {
  const mbr = state.read(0, 1), hdr = state.read(1, 1);
  if (!mbr || !hdr) return -1;
  if (!pmbr_valid(mbr)) return 0;
  if (new TextDecoder().decode(hdr.subarray(0, 8)) !== GPT_HEADER_SIGNATURE) return 0;
  const hsize = le32(hdr, 12);
  if (hsize < 92 || hsize > 512) return 0;
  const h = hdr.slice(0, hsize);
  const crc = le32(h, 16);
  h.fill(0, 16, 20);
  if (efi_crc32(h) !== crc) return 0;
  if (le64(hdr, 24) !== 1) return 0;
  const entry_lba = le64(hdr, 72), n = le32(hdr, 80), esz = le32(hdr, 84), last_usable = le64(hdr, 48);
  if (esz < 128 || n > 4096) return 0;
  const ents = state.read(entry_lba, Math.ceil((n * esz) / 512));
  if (!ents || efi_crc32(ents.subarray(0, n * esz)) !== le32(hdr, 88)) return 0;
  for (let i = 0; i < n && i + 1 < state.limit; i++) {
    const o = i * esz;
    if (ents.subarray(o, o + 16).every((x) => x === 0)) continue;
    const start = le64(ents, o + 32), end = le64(ents, o + 40);
    if (start > end || end > last_usable) continue;
    let name = '';
    for (let k = 0; k < 36; k++) { const ch = le16(ents, o + 56 + k * 2); if (!ch) break; name += String.fromCharCode(ch); }
    put_partition(state, i + 1, start, end - start + 1, name, guid_str(ents, o + 16));
  }
  return 1;
}
