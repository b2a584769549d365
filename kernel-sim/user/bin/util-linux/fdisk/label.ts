// Models util-linux 2.38's libfdisk as fdisk -l and sfdisk --dump read a disk: the device's geometry from its ioctls, and its DOS (MBR with logical partitions) or GPT label with each partition's start, size, type and flags.
import type { KGen } from '../../../../include/linux/sched.ts';
import type { Libc } from '../../../lib/libc.ts';
import { guid_str, read_at } from '../../../lib/blkid.ts';
import { O_RDONLY } from '../../../../include/uapi/stat.ts';

const BLKGETSIZE64 = 0x80081272, BLKSSZGET = 0x1268, BLKPBSZGET = 0x127b, BLKIOMIN = 0x1278, BLKIOOPT = 0x1279;

/** A partition; a logical one (DOS, partno ≥ 5) also has its EBR's sector, where its entry and the link to the next live. */
export interface fdisk_partition { partno: number; start: number; size: number; type: string; boot: boolean; uuid: string; name: string; ebr?: number }
export interface fdisk_label { type: 'dos' | 'gpt'; id: string; parts: fdisk_partition[]; first_lba: number; last_lba: number }
export interface fdisk_device { path: string; bytes: number; sector_size: number; phy_sector_size: number; io_min: number; io_opt: number; label: fdisk_label | null }

/** The DOS partition types fdisk names (include/pt-mbr-partnames.h, the ones a Linux disk carries). */
export const DOS_TYPES: Readonly<Record<string, string>> = {
  0: 'Empty', 1: 'FAT12', 5: 'Extended', 6: 'FAT16', 7: 'HPFS/NTFS/exFAT', b: 'W95 FAT32', c: 'W95 FAT32 (LBA)', e: 'W95 FAT16 (LBA)',
  f: "W95 Ext'd (LBA)", 82: 'Linux swap / Solaris', 83: 'Linux', 85: 'Linux extended', '8e': 'Linux LVM', ee: 'GPT', ef: 'EFI (FAT-12/16/32)', fd: 'Linux raid autodetect',
};

/** The GPT partition types fdisk names (libfdisk/src/pt-gpt-partnames.h). */
export const GPT_TYPES: Readonly<Record<string, string>> = {
  '0FC63DAF-8483-4772-8E79-3D69D8477DE4': 'Linux filesystem', 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B': 'EFI System',
  '0657FD6D-A4AB-43C4-84E5-0933C84B4F4F': 'Linux swap', 'E6D6D379-F507-44C2-A23C-238F2A3DF928': 'Linux LVM',
  '21686148-6449-6E6F-744E-656564454649': 'BIOS boot', 'A19D880F-05FC-4D3B-A006-743F0F84911E': 'Linux RAID',
  'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7': 'Microsoft basic data', '933AC7E1-2EB4-4F13-B844-0E14E2AEF915': 'Linux home',
};

const le32 = (b: Uint8Array, o: number): number => new DataView(b.buffer, b.byteOffset).getUint32(o, true);
export const is_extended = (t: number): boolean => t === 0x05 || t === 0x0f || t === 0x85;

function* read_dos(c: Libc, path: string, mbr: Uint8Array, ss: number): KGen<fdisk_label> {
  const parts: fdisk_partition[] = [];
  const entry = (b: Uint8Array, i: number): { boot: boolean; type: number; start: number; size: number } =>
    ({ boot: b[446 + i * 16] === 0x80, type: b[446 + i * 16 + 4]!, start: le32(b, 446 + i * 16 + 8), size: le32(b, 446 + i * 16 + 12) });
  let ext: { start: number; size: number } | null = null;
  for (let i = 0; i < 4; i++) {
    const e = entry(mbr, i);
    if (!e.type) continue;
    parts.push({ partno: i + 1, start: e.start, size: e.size, type: e.type.toString(16), boot: e.boot, uuid: '', name: '' });
    if (is_extended(e.type) && !ext) ext = { start: e.start, size: e.size };
  }
  // The logical partitions: a chain of EBRs inside the extended one, numbered from 5.
  for (let sector = ext?.start ?? 0, n = 5, loops = 0; ext && loops < 100; loops++) {
    const ebr = yield* read_at(c, path, sector * ss, ss);
    if (!ebr || ebr[510] !== 0x55 || ebr[511] !== 0xaa) break;
    const [l, link] = [entry(ebr, 0), entry(ebr, 1)];
    if (l.type) parts.push({ partno: n++, start: sector + l.start, size: l.size, type: l.type.toString(16), boot: l.boot, uuid: '', name: '', ebr: sector });
    if (!link.type || !is_extended(link.type)) break;
    sector = ext.start + link.start;
  }
  return { type: 'dos', id: `0x${le32(mbr, 440).toString(16).padStart(8, '0')}`, parts, first_lba: 0, last_lba: 0 };
}

function* read_gpt(c: Libc, path: string, ss: number): KGen<fdisk_label | null> {
  const hdr = yield* read_at(c, path, ss, ss);
  if (!hdr || new TextDecoder().decode(hdr.subarray(0, 8)) !== 'EFI PART') return null;
  const dv = new DataView(hdr.buffer, hdr.byteOffset);
  const entries_lba = Number(dv.getBigUint64(72, true)), count = dv.getUint32(80, true), esz = dv.getUint32(84, true);
  const table = yield* read_at(c, path, entries_lba * ss, Math.min(count, 128) * esz);
  const parts: fdisk_partition[] = [];
  for (let i = 0; table && i < Math.min(count, 128); i++) {
    const e = table.subarray(i * esz, (i + 1) * esz);
    if (e.subarray(0, 16).every((b) => b === 0)) continue;
    const ev = new DataView(e.buffer, e.byteOffset);
    const first = Number(ev.getBigUint64(32, true)), last = Number(ev.getBigUint64(40, true));
    const name = new TextDecoder('utf-16le').decode(e.subarray(56, 128)).replace(/\0.*$/s, '');
    parts.push({ partno: i + 1, start: first, size: last - first + 1, type: guid_str(e.subarray(0, 16)).toUpperCase(), boot: false, uuid: guid_str(e.subarray(16, 32)).toUpperCase(), name });
  }
  return { type: 'gpt', id: guid_str(hdr.subarray(56, 72)).toUpperCase(), parts, first_lba: Number(dv.getBigUint64(40, true)), last_lba: Number(dv.getBigUint64(48, true)) };
}

/** fdisk_assign_device + the label probe: -errno when the device cannot be opened. */
export function* fdisk_read(c: Libc, path: string): KGen<fdisk_device | number> {
  const fd = yield* c.open(path, O_RDONLY);
  if (fd < 0) return fd;
  const q = function* (cmd: number, size: 4 | 8): KGen<number> {
    const [r, out] = yield* c.ioctl(fd, cmd, new Uint8Array(size), size);
    const dv = new DataView(out.buffer, out.byteOffset, size);
    return r < 0 ? 0 : size === 8 ? Number(dv.getBigUint64(0, true)) : dv.getUint32(0, true);
  };
  const dev: fdisk_device = {
    path, bytes: yield* q(BLKGETSIZE64, 8), sector_size: (yield* q(BLKSSZGET, 4)) || 512, phy_sector_size: (yield* q(BLKPBSZGET, 4)) || 512,
    io_min: (yield* q(BLKIOMIN, 4)) || 512, io_opt: yield* q(BLKIOOPT, 4), label: null,
  };
  yield* c.close(fd);
  const mbr = yield* read_at(c, path, 0, dev.sector_size);
  if (mbr && mbr[510] === 0x55 && mbr[511] === 0xaa) {
    dev.label = mbr[446 + 4] === 0xee ? yield* read_gpt(c, path, dev.sector_size) : yield* read_dos(c, path, mbr, dev.sector_size);
  }
  return dev;
}

/** A partition's device name: vda1, nvme0n1p1. */
export const partname = (disk: string, n: number): string => (/\d$/.test(disk) ? `${disk}p${n}` : `${disk}${n}`);
