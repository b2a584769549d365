// Models util-linux 2.38's sfdisk(8): --dump (-d) of a DOS or GPT label as a script, and a script on stdin (header lines, then partitions as "start, size, type, bootable" or named fields, DOS logical partitions inside an extended one) written as a new label, with sfdisk's report and BLKRRPART so the kernel re-reads the table.
import type { KGen } from '../../../../include/linux/sched.ts';
import type { Libc } from '../../../lib/libc.ts';
import { strerror } from '../../../lib/libc.ts';
import { O_RDONLY } from '../../../../include/uapi/stat.ts';
import { DOS_TYPES, GPT_TYPES, fdisk_read, is_extended, partname, type fdisk_device, type fdisk_partition } from './label.ts';
import { fdisk_list, size_3letter } from './fdisk.ts';
import { label_sectors, random_id, write_label, type new_label } from './write.ts';

const BLKRRPART = 0x125f;
/** libfdisk's default alignment: 1 MiB. */
const GRAIN = 2048;
/** Type shortcuts (sfdisk's L, S, E, U, R, V) per label. */
const SHORTCUTS: Readonly<Record<string, readonly [string, string]>> = {
  L: ['83', '0FC63DAF-8483-4772-8E79-3D69D8477DE4'], S: ['82', '0657FD6D-A4AB-43C4-84E5-0933C84B4F4F'], E: ['5', ''],
  U: ['ef', 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B'], R: ['fd', 'A19D880F-05FC-4D3B-A006-743F0F84911E'], V: ['8e', 'E6D6D379-F507-44C2-A23C-238F2A3DF928'],
};

/** --dump: the label as a script sfdisk reads back. */
function dump(d: fdisk_device): string {
  const l = d.label!;
  const disk = d.path.replace(/^.*\//, ''), dir = d.path.slice(0, d.path.length - disk.length);
  let o = `label: ${l.type}\nlabel-id: ${l.id}\ndevice: ${d.path}\nunit: sectors\n`;
  if (l.type === 'gpt') o += `first-lba: ${l.first_lba}\nlast-lba: ${l.last_lba}\n`;
  o += `sector-size: ${d.sector_size}\n\n`;
  for (const p of l.parts) {
    o += `${dir}${partname(disk, p.partno)} : start=${String(p.start).padStart(12)}, size=${String(p.size).padStart(12)}, type=${p.type}`;
    if (p.boot) o += ', bootable';
    if (l.type === 'gpt') o += `, uuid=${p.uuid}${p.name ? `, name="${p.name}"` : ''}`;
    o += '\n';
  }
  return o;
}

/** A size field: sectors, or with a KiB/MiB/GiB suffix (K, M, G). */
function parse_sectors(v: string): number | null {
  const m = /^\+?(\d+)([KMGT]?)(iB)?$/i.exec(v.trim());
  if (!m) return null;
  const mult = { '': 0, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 }[m[2]!.toUpperCase()]!;
  return mult ? Math.floor((Number(m[1]) * mult) / 512) : Number(m[1]);
}

interface script { header: Map<string, string>; parts: { start: string; size: string; type: string; boot: boolean; name: string }[] }

/** The script: "key: value" header lines, then one partition per line (positional or name=value fields). */
function parse_script(text: string): script | string {
  const s: script = { header: new Map(), parts: [] };
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const hdr = /^([a-z-]+):\s*(.*)$/.exec(line);
    if (hdr && !line.includes('=')) { s.header.set(hdr[1]!, hdr[2]!); continue; }
    const body = line.replace(/^\S+\s*:\s*/, (m) => (m.includes('=') ? m : ''));
    const p = { start: '', size: '', type: '', boot: false, name: '' };
    if (body.includes('=')) {
      for (const f of body.split(',').map((x) => x.trim()).filter(Boolean)) {
        const [k, v = ''] = f.split('=').map((x) => x.trim());
        if (k === 'start') p.start = v; else if (k === 'size') p.size = v; else if (k === 'type' || k === 'Id') p.type = v;
        else if (k === 'bootable') p.boot = true; else if (k === 'name') p.name = v.replace(/^"|"$/g, ''); else if (k !== 'uuid' && k !== 'attrs') return `sfdisk: line ${i + 1}: unsupported command\n`;
      }
    } else {
      const f = body.split(/\s*,\s*|\s+/);
      [p.start = '', p.size = '', p.type = ''] = f;
      p.boot = f[3] === '*';
    }
    s.parts.push(p);
  }
  return s;
}

/** A line's type as the label stores it: a shortcut (L, S, E, ...), a DOS id in hex, or a GPT type GUID; '' if unknown. */
function label_type(type: 'dos' | 'gpt', t: string): string {
  const sc = SHORTCUTS[t.toUpperCase() || 'L'];
  if (sc) return sc[type === 'dos' ? 0 : 1];
  return type === 'dos' ? t.toLowerCase().replace(/^0x/, '').replace(/^0+(?=.)/, '') : t.toUpperCase();
}

const align_up = (x: number): number => Math.ceil(x / GRAIN) * GRAIN;

/** sfdisk's "failed to add #N partition" after libfdisk's own message. */
const add_failed = (n: number, why: string): string => `${why}sfdisk: failed to add #${n} partition: Invalid argument\n`;

/**
 * libfdisk's dos_add_partition for a script line: a line whose start lies inside the extended partition is a
 * logical one; a line with no start is primary while a primary slot and space outside the extended partition
 * remain, and logical after that (numbered from 5). A logical partition's EBR sits one grain before its data,
 * so logical partitions follow each other with a 1 MiB gap.
 */
function place_dos(s: script, sectors: number): fdisk_partition[] | string {
  const last = sectors - 1;
  const parts: fdisk_partition[] = [];
  let ext: fdisk_partition | null = null;
  for (const [i, p] of s.parts.entries()) {
    const t = label_type('dos', p.type);
    if (!t) return `sfdisk: unsupported partition type '${p.type}'\n`;
    const explicit = p.start ? parse_sectors(p.start) : undefined;
    if (explicit === null || (explicit !== undefined && (explicit < GRAIN || explicit > last))) return `sfdisk: failed to parse start '${p.start}'\n`;
    const ext_end = ext ? ext.start + ext.size - 1 : -1;
    const primaries = parts.filter((x) => x.partno <= 4);
    const primary_end = Math.max(GRAIN - 1, ...primaries.map((x) => x.start + x.size - 1));
    const room_outside = align_up(primary_end + 1) + GRAIN <= last;
    const logical = ext !== null && (explicit !== undefined ? explicit >= ext.start && explicit <= ext_end : primaries.length === 4 || !room_outside);
    if (is_extended(parseInt(t, 16)) && ext) return add_failed(i + 1, 'Extended partition already exists.\n');
    let start: number, end: number, partno: number, ebr: number | undefined;
    if (logical) {
      const logicals = parts.filter((x) => x.partno > 4);
      const prev = logicals[logicals.length - 1];
      start = explicit ?? align_up((prev ? prev.start + prev.size : ext!.start) + GRAIN);
      ebr = start - GRAIN;
      end = ext_end;
      partno = 5 + logicals.length;
    } else {
      if (primaries.length === 4) {
        return add_failed(i + 1, 'Impossible to create another primary partition. If you want to create more partitions, you must replace a primary partition with an extended partition first.\n');
      }
      start = explicit ?? align_up(primary_end + 1);
      end = last;
      partno = [1, 2, 3, 4].find((n) => !primaries.some((x) => x.partno === n))!;
    }
    const size = p.size ? parse_sectors(p.size) : end - start + 1;
    if (!size || start + size - 1 > end || (logical && ebr! < ext!.start)) return `sfdisk: ${p.size ? `size ${p.size}` : 'partition'} out of range\n`;
    const part: fdisk_partition = { partno, start, size, type: t, boot: p.boot, uuid: '', name: '', ...(ebr === undefined ? {} : { ebr }) };
    parts.push(part);
    if (!logical && is_extended(parseInt(t, 16))) ext = part;
  }
  return parts.sort((a, b) => a.partno - b.partno);
}

/** Places a GPT script's partitions: a missing start is the next aligned free sector, a missing size the rest of the disk. */
function* place_gpt(c: Libc, s: script, first: number, last: number): KGen<fdisk_partition[] | string> {
  const parts: fdisk_partition[] = [];
  let next = first;
  for (const [i, p] of s.parts.entries()) {
    const start = p.start ? parse_sectors(p.start) : align_up(next);
    if (start === null || start < first || start > last) return `sfdisk: failed to parse start '${p.start}'\n`;
    const size = p.size ? parse_sectors(p.size) : last - start + 1;
    if (!size || start + size - 1 > last) return `sfdisk: ${p.size ? `size ${p.size}` : 'partition'} out of range\n`;
    const t = label_type('gpt', p.type);
    if (!t) return `sfdisk: unsupported partition type '${p.type}'\n`;
    parts.push({ partno: i + 1, start, size, type: t, boot: p.boot, uuid: yield* random_id(c, 'guid'), name: p.name });
    next = start + size;
  }
  return parts;
}

function* build_label(c: Libc, s: script, d: fdisk_device): KGen<new_label | string> {
  const type = (s.header.get('label') ?? 'dos') as 'dos' | 'gpt';
  if (type !== 'dos' && type !== 'gpt') return `sfdisk: unsupported label '${type}'\n`;
  const sectors = Math.floor(d.bytes / 512);
  const first = type === 'gpt' ? Number(s.header.get('first-lba') ?? GRAIN) : GRAIN;
  const last = type === 'gpt' ? Number(s.header.get('last-lba') ?? sectors - 34) : sectors - 1;
  const id = s.header.get('label-id') ?? (yield* random_id(c, type === 'dos' ? 'dos' : 'guid'));
  const parts = type === 'dos' ? place_dos(s, sectors) : yield* place_gpt(c, s, first, last);
  if (typeof parts === 'string') return parts;
  return { type, id, parts, first_lba: type === 'gpt' ? first : 0, last_lba: type === 'gpt' ? last : 0 };
}

function* write_script(c: Libc, path: string): KGen<number> {
  const input = yield* c.read_all(0);
  const s = parse_script(typeof input === 'number' ? '' : new TextDecoder().decode(input));
  if (typeof s === 'string') { yield* c.write(2, s); return 1; }
  const d = yield* fdisk_read(c, path);
  if (typeof d === 'number') { yield* c.write(2, `sfdisk: cannot open ${path}: ${strerror(-d)}\n`); return 1; }
  const l = yield* build_label(c, s, d);
  if (typeof l === 'string') { yield* c.write(2, l); return 1; }
  let o = `Checking that no-one is using this disk right now ... OK\n\n${fdisk_list({ ...d, label: null })}\n`;
  for (let k = 0; k < s.header.size; k++) o += '>>> Script header accepted.\n';
  o += `>>> Created a new ${l.type === 'dos' ? 'DOS' : 'GPT'} disklabel with disk identifier ${l.id}.\n`;
  const disk = path.replace(/^.*\//, ''), dir = path.slice(0, path.length - disk.length);
  for (const p of l.parts) {
    const tname = l.type === 'dos' ? DOS_TYPES[p.type] ?? 'unknown' : GPT_TYPES[p.type] ?? p.type;
    o += `${dir}${partname(disk, p.partno)}: Created a new partition ${p.partno} of type '${tname}' and of size ${size_3letter(p.size * 512)}.\n`;
  }
  o += `${dir}${partname(disk, Math.max(0, ...l.parts.map((p) => p.partno)) + 1)}: Done.\n\nNew situation:\n`;
  const fd = yield* write_label(c, path, label_sectors(l, Math.floor(d.bytes / 512)));
  if (fd < 0) { yield* c.write(1, o); yield* c.write(2, `sfdisk: failed to write disklabel: ${strerror(-fd)}\n`); return 1; }
  o += fdisk_list({ ...d, label: l }).split('\n').slice(4).join('\n');
  o += '\nThe partition table has been altered.\nCalling ioctl() to re-read partition table.\n';
  // reread_partition_table: the kernel drops and re-reads the table (BLKRRPART), unless a partition is in use.
  const [r] = yield* c.ioctl(fd, BLKRRPART);
  yield* c.close(fd);
  if (r < 0) o += `Re-reading the partition table failed.: ${strerror(-r)}\nThe kernel still uses the old table. The new table will be used at the next reboot or after you run partprobe(8) or partx(8).\n`;
  o += 'Syncing disks.\n';
  yield* c.write(1, o);
  return r < 0 ? 1 : 0;
}

export function* sfdisk_main(c: Libc, argv: string[]): KGen<number> {
  const args = argv.slice(1);
  const devs = args.filter((a) => !a.startsWith('-'));
  if (!devs.length) { yield* c.write(2, 'sfdisk: no disk device specified\nTry \'sfdisk --help\' for more information.\n'); return 1; }
  if (args.includes('-d') || args.includes('--dump')) {
    const d = yield* fdisk_read(c, devs[0]!);
    if (typeof d === 'number') { yield* c.write(2, `sfdisk: cannot open ${devs[0]}: ${strerror(-d)}\n`); return 1; }
    if (!d.label) { yield* c.write(2, `sfdisk: ${devs[0]}: does not contain a recognized partition table\n`); return 1; }
    yield* c.write(1, dump(d));
    return 0;
  }
  const fd = yield* c.open(devs[0]!, O_RDONLY);
  if (fd < 0) { yield* c.write(2, `sfdisk: cannot open ${devs[0]}: ${strerror(-fd)}\n`); return 1; }
  yield* c.close(fd);
  return yield* write_script(c, devs[0]!);
}
