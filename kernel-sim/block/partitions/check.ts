// Models linux/block/partitions/check.h: what a partition-table parser sees (the disk's sectors read through the block layer) and what it reports.
export interface parsed_partition {
  partno: number;
  start: number;
  size: number;
  /** GPT partition name, for PARTNAME. */
  volname: string;
  uuid: string;
}

export interface parsed_partitions {
  name: string;
  /** The disk size in sectors. */
  nr_sectors: number;
  /** Sectors [sector, sector + n) of the disk, read before parsing starts (the parsers are pure functions of them). */
  read(sector: number, n: number): Uint8Array | null;
  parts: parsed_partition[];
  /** The " vda: vda1 vda2" line check_partition prints. */
  pp_buf: string;
  limit: number;
}

export const le16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
export const le32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
export const le64 = (b: Uint8Array, o: number): number => le32(b, o) + le32(b, o + 4) * 0x1_0000_0000;

/** put_partition: records partition n unless it is past the disk's minors. */
export function put_partition(p: parsed_partitions, n: number, from: number, size: number, volname = '', uuid = ''): void {
  if (n >= p.limit) return;
  p.parts.push({ partno: n, start: from, size, volname, uuid });
  p.pp_buf += ` ${/[0-9]$/.test(p.name) ? `${p.name}p${n}` : `${p.name}${n}`}`;
}
