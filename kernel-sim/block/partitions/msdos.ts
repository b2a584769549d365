// Models linux/block/partitions/msdos.c: the MBR's four primary entries and the logical partitions chained from an extended one (numbered from 5).
import { type parsed_partitions, le16, le32, put_partition } from './check.ts';

const MSDOS_LABEL_MAGIC = 0xaa55;
const EFI_PMBR_OSTYPE_EFI_GPT = 0xee;
const is_extended = (t: number): boolean => t === 0x05 || t === 0x0f || t === 0x85;

interface entry { boot_ind: number; sys_ind: number; start: number; size: number }
function entries(b: Uint8Array): entry[] {
  return [0, 1, 2, 3].map((i) => {
    const o = 446 + i * 16;
    return { boot_ind: b[o]!, sys_ind: b[o + 4]!, start: le32(b, o + 8), size: le32(b, o + 12) };
  });
}

/** parse_extended: follows the chain of EBRs; each holds one logical partition and a link to the next. */
function parse_extended(state: parsed_partitions, first: number, size: number): void {
  let this_sector = first, n = 5;
  for (let loops = 0; loops < 100 && this_sector < first + size; loops++) {
    const b = state.read(this_sector, 1);
    if (!b || le16(b, 510) !== MSDOS_LABEL_MAGIC) return;
    let next = 0;
    for (const e of entries(b).slice(0, 2)) {
      if (!e.size) continue;
      if (is_extended(e.sys_ind)) { if (!next) next = first + e.start; continue; }
      put_partition(state, n++, this_sector + e.start, e.size);
    }
    if (!next) return;
    this_sector = next;
  }
}

/** msdos_partition: 1 when a table was found, 0 when the sector is not an MBR (or is GPT's protective one). */
export function msdos_partition(state: parsed_partitions): number {
  const b = state.read(0, 1);
  if (!b) return -1;
  if (le16(b, 510) !== MSDOS_LABEL_MAGIC) return 0;
  const es = entries(b);
  // A boot indicator other than 0 or 0x80 means this is not a partition table (a FAT boot sector, say).
  if (es.some((e) => e.boot_ind !== 0 && e.boot_ind !== 0x80)) return 0;
  if (es.some((e) => e.sys_ind === EFI_PMBR_OSTYPE_EFI_GPT)) return 0;
  state.pp_buf += '';
  es.forEach((e, i) => {
    if (!e.size) return;
    if (is_extended(e.sys_ind)) {
      // The extended partition itself shows as a 1 KiB (2-sector) device, as Linux does.
      put_partition(state, i + 1, e.start, Math.min(e.size, 2));
      parse_extended(state, e.start, e.size);
    } else {
      put_partition(state, i + 1, e.start, e.size);
    }
  });
  return 1;
}
