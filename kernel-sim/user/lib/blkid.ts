// Models util-linux's libblkid probing as blkid, lsblk and udev's blkid builtin use it: the ext2/3/4 superblock (TYPE, UUID, LABEL, VERSION, BLOCK_SIZE), swap areas and hibernation images (superblocks/swap.c: TYPE swap or swsuspend, LABEL, UUID, VERSION) and the partition table around a partition (DOS or GPT: PTTYPE, PTUUID, PART_ENTRY_*).
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from './libc.ts';
import { O_RDONLY } from '../../include/uapi/stat.ts';

/** The values blkid reports, by its tag names (TYPE, UUID, LABEL, PARTUUID, ...). */
export type blkid_tags = Map<string, string>;

export function* read_at(c: Libc, dev: string, offset: number, len: number): KGen<Uint8Array | null> {
  const fd = yield* c.open(dev, O_RDONLY);
  if (fd < 0) return null;
  if ((yield* c.lseek(fd, offset, 0)) < 0) { yield* c.close(fd); return null; }
  const b = yield* c.read(fd, len);
  yield* c.close(fd);
  return typeof b === 'number' || b.length < len ? null : b;
}

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

/** An ext2 UUID as printed: 8-4-4-4-12 of the raw bytes. */
function uuid_str(b: Uint8Array): string {
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A GPT GUID as printed: the first three fields are little-endian on disk. */
export function guid_str(b: Uint8Array): string {
  const le = (o: number, n: number): string => hex(b.slice(o, o + n).reverse());
  return `${le(0, 4)}-${le(4, 2)}-${le(6, 2)}-${hex(b.slice(8, 10))}-${hex(b.slice(10, 16))}`;
}

/** ext2/3/4 (libblkid superblocks/ext.c): magic 0xEF53 at 1024+56. */
function* probe_ext(c: Libc, dev: string, tags: blkid_tags): KGen<boolean> {
  const sb = yield* read_at(c, dev, 1024, 1024);
  if (!sb || sb[56] !== 0x53 || sb[57] !== 0xef) return false;
  const dv = new DataView(sb.buffer, sb.byteOffset, sb.byteLength);
  const compat = dv.getUint32(92, true), incompat = dv.getUint32(96, true);
  const label = new TextDecoder().decode(sb.subarray(120, 136)).replace(/\0.*$/s, '');
  if (label) tags.set('LABEL', label);
  tags.set('UUID', uuid_str(sb.subarray(104, 120)));
  tags.set('VERSION', '1.0');
  tags.set('BLOCK_SIZE', String(1024 << dv.getUint32(24, true)));
  // A journal (compat 0x4) makes ext3; extents or 64bit (incompat 0x40, 0x80) make ext4.
  tags.set('TYPE', incompat & 0xc0 ? 'ext4' : compat & 0x4 ? 'ext3' : 'ext2');
  tags.set('USAGE', 'filesystem');
  return true;
}

/** swap.c's magics at the end of the first 4 KiB page (the 4086-byte offset of x86's page size): swap areas, then hibernation images. */
const SWAP_MAGICS: [string, 'swap' | 'swsuspend', string][] = [
  ['SWAP-SPACE', 'swap', '0'], ['SWAPSPACE2', 'swap', '1'],
  ['S1SUSPEND', 'swsuspend', 's1suspend'], ['S2SUSPEND', 'swsuspend', 's2suspend'], ['ULSUSPEND', 'swsuspend', 'ulsuspend'], ['LINHIB0001', 'swsuspend', 'linhib0001'],
];

/**
 * probe_swap()/probe_swsuspend(): the signature at 0xff6; v1 headers (and images over them) carry the label and UUID
 * of struct swap_header_v1_2 at 1024 (version, lastpage, nr_badpages, uuid[16], volume[16], padding[117]), read only
 * when padding[32] and [33] are clear; a SWAPSPACE2 area with another version or no last page is not swap.
 */
function* probe_swap(c: Libc, dev: string, tags: blkid_tags): KGen<boolean> {
  const page = yield* read_at(c, dev, 0, 4096);
  if (!page) return false;
  const magic = (m: string): boolean => new TextDecoder().decode(page.subarray(0xff6, 0xff6 + m.length)) === m;
  const hit = SWAP_MAGICS.find(([m]) => magic(m));
  if (!hit) return false;
  const [, type, version] = hit;
  if (version !== '0') {
    const dv = new DataView(page.buffer, page.byteOffset + 1024, 1024);
    if (version === '1' && (dv.getUint32(0, true) !== 1 || dv.getUint32(4, true) === 0)) return false;
    if (dv.getUint32(12 + 32 + 32 * 4, true) === 0 && dv.getUint32(12 + 32 + 33 * 4, true) === 0) {
      const label = new TextDecoder().decode(page.subarray(1052, 1068)).replace(/\0.*$/s, '').trimEnd();
      if (label) tags.set('LABEL', label);
      const uuid = page.subarray(1036, 1052);
      if (uuid.some((b) => b !== 0)) tags.set('UUID', uuid_str(uuid));
    }
  }
  tags.set('VERSION', version);
  tags.set('TYPE', type);
  tags.set('USAGE', 'other');
  return true;
}

/** The disk's partition table: DOS (signature 0x55AA, disk id at 440) or GPT (protective MBR, "EFI PART" at LBA 1). */
function* probe_table(c: Libc, disk: string): KGen<{ type: 'dos' | 'gpt'; uuid: string; part_uuid: (n: number) => string | null } | null> {
  const mbr = yield* read_at(c, disk, 0, 512);
  if (!mbr || mbr[510] !== 0x55 || mbr[511] !== 0xaa) return null;
  if (mbr[446 + 4] === 0xee) {
    const hdr = yield* read_at(c, disk, 512, 512);
    if (hdr && new TextDecoder().decode(hdr.subarray(0, 8)) === 'EFI PART') {
      const dv = new DataView(hdr.buffer, hdr.byteOffset);
      const entries_lba = Number(dv.getBigUint64(72, true)), count = dv.getUint32(80, true), size = dv.getUint32(84, true);
      const table = yield* read_at(c, disk, entries_lba * 512, Math.min(count, 128) * size);
      return {
        type: 'gpt', uuid: guid_str(hdr.subarray(56, 72)),
        part_uuid: (n) => (table && n >= 1 && n <= count ? guid_str(table.subarray((n - 1) * size + 16, (n - 1) * size + 32)) : null),
      };
    }
  }
  const id = new DataView(mbr.buffer, mbr.byteOffset).getUint32(440, true).toString(16).padStart(8, '0');
  return { type: 'dos', uuid: id, part_uuid: (n) => `${id}-${String(n).padStart(2, '0')}` };
}

/**
 * Probes a block device node. `part` names the partition's disk and number when the device is a partition
 * (from sysfs), so the partition entry's tags come from its disk's table.
 */
export function* blkid_probe(c: Libc, dev: string, part: { disk: string; number: number } | null): KGen<blkid_tags> {
  const tags: blkid_tags = new Map();
  if (!(yield* probe_ext(c, dev, tags))) yield* probe_swap(c, dev, tags);
  if (part) {
    const t = yield* probe_table(c, part.disk);
    const u = t?.part_uuid(part.number);
    if (t && u) { tags.set('PART_ENTRY_SCHEME', t.type); tags.set('PART_ENTRY_UUID', u); tags.set('PART_ENTRY_NUMBER', String(part.number)); }
  } else if (!tags.has('TYPE')) {
    const t = yield* probe_table(c, dev);
    if (t) { tags.set('PTUUID', t.uuid); tags.set('PTTYPE', t.type); }
  }
  return tags;
}

/** A partition's disk and number from /sys/class/block/NAME (its `partition` file and parent directory). */
export function* partition_of(c: Libc, name: string): KGen<{ disk: string; number: number } | null> {
  const n = yield* c.read_text(`/sys/class/block/${name}/partition`);
  if (typeof n === 'number') return null;
  const link = yield* c.readlink(`/sys/class/block/${name}`);
  if (typeof link === 'number') return null;
  const parts = link.split('/');
  return { disk: `/dev/${parts[parts.length - 2]}`, number: Number(n.trim()) };
}
