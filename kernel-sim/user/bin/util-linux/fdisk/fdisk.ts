// Models util-linux 2.38's fdisk -l (fdisk-list.c): each disk's size, units, sector and I/O sizes, its label type and identifier, and the partition table in libsmartcols columns (Device, Boot, Start, End, Sectors, Size, Id, Type for DOS; no Boot or Id for GPT); every whole disk of /proc/partitions when none is named.
import type { KGen } from '../../../../include/linux/sched.ts';
import type { Libc } from '../../../lib/libc.ts';
import { strerror } from '../../../lib/libc.ts';
import { size_to_human_string } from '../../../lib/size_human.ts';
import { DOS_TYPES, GPT_TYPES, fdisk_read, partname, type fdisk_device } from './label.ts';

/** size_to_human_string with SIZE_SUFFIX_SPACE | SIZE_SUFFIX_3LETTER: "1 GiB", "1023.5 MiB", "512 B". */
export function size_3letter(bytes: number): string {
  const s = size_to_human_string(bytes);
  const unit = s.slice(-1), num = s.slice(0, -1);
  return unit === 'B' ? `${num} B` : `${num} ${unit}iB`;
}

/** A column: its header, whether it is right-aligned, and libfdisk's width hint (a minimum). */
interface column { name: string; right: boolean; hint: number }
const COLS: Readonly<Record<string, column>> = {
  Device: { name: 'Device', right: false, hint: 10 }, Boot: { name: 'Boot', right: false, hint: 1 }, Start: { name: 'Start', right: true, hint: 5 },
  End: { name: 'End', right: true, hint: 5 }, Sectors: { name: 'Sectors', right: true, hint: 5 }, Size: { name: 'Size', right: true, hint: 5 },
  Id: { name: 'Id', right: true, hint: 2 }, Type: { name: 'Type', right: false, hint: 0 },
};

/** libsmartcols' table: each column as wide as its widest cell (or its hint), one space apart, the last unpadded. */
function table(cols: column[], rows: string[][]): string {
  const w = cols.map((c, i) => Math.max(c.name.length, c.hint, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((v, i) => (i === cells.length - 1 ? v : cols[i]!.right ? v.padStart(w[i]!) : v.padEnd(w[i]!))).join(' ');
  return [line(cols.map((c) => c.name)), ...rows.map(line)].join('\n') + '\n';
}

/** list_disk_geometry + list_disklabel: one disk's block. */
export function fdisk_list(d: fdisk_device): string {
  const sectors = Math.floor(d.bytes / d.sector_size);
  let o = `Disk ${d.path}: ${size_3letter(d.bytes)}, ${d.bytes} bytes, ${sectors} sectors\n`;
  o += `Units: sectors of 1 * ${d.sector_size} = ${d.sector_size} bytes\n`;
  o += `Sector size (logical/physical): ${d.sector_size} bytes / ${d.phy_sector_size} bytes\n`;
  o += `I/O size (minimum/optimal): ${d.io_min} bytes / ${d.io_opt || d.io_min} bytes\n`;
  const l = d.label;
  if (!l) return o;
  o += `Disklabel type: ${l.type}\nDisk identifier: ${l.id}\n`;
  if (!l.parts.length) return o;
  const disk = d.path.replace(/^.*\//, ''), dir = d.path.slice(0, d.path.length - disk.length);
  const dos = l.type === 'dos';
  const cols = (dos ? ['Device', 'Boot', 'Start', 'End', 'Sectors', 'Size', 'Id', 'Type'] : ['Device', 'Start', 'End', 'Sectors', 'Size', 'Type']).map((k) => COLS[k]!);
  const rows = l.parts.map((p) => {
    const common = [String(p.start), String(p.start + p.size - 1), String(p.size), size_to_human_string(p.size * d.sector_size)];
    const dev = `${dir}${partname(disk, p.partno)}`;
    return dos ? [dev, p.boot ? '*' : '', ...common, p.type, DOS_TYPES[p.type] ?? 'unknown'] : [dev, ...common, GPT_TYPES[p.type] ?? p.type];
  });
  return `${o}\n${table(cols, rows)}`;
}

/** The whole disks of /proc/partitions, in its order (a partition's name is its disk's plus a number). */
function* all_disks(c: Libc): KGen<string[]> {
  const t = yield* c.read_text('/proc/partitions');
  if (typeof t !== 'string') return [];
  const names = t.split('\n').slice(2).map((l) => l.trim().split(/\s+/)[3]).filter((n): n is string => !!n);
  return names.filter((n) => !names.some((d) => d !== n && n.startsWith(d) && /^p?\d+$/.test(n.slice(d.length)))).map((n) => `/dev/${n}`);
}

export function* fdisk_main(c: Libc, argv: string[]): KGen<number> {
  const args = argv.slice(1);
  if (!args.includes('-l') && !args.includes('--list')) {
    yield* c.write(2, 'Usage:\n fdisk [options] <disk>         change partition table\n fdisk [options] -l [<disk>...] list partition table(s)\n');
    return 1;
  }
  const named = args.filter((a) => !a.startsWith('-'));
  const devs = named.length ? named : yield* all_disks(c);
  const blocks: string[] = [];
  let status = 0;
  for (const path of devs) {
    const d = yield* fdisk_read(c, path);
    if (typeof d === 'number') { yield* c.write(2, `fdisk: cannot open ${path}: ${strerror(-d)}\n`); status = 1; continue; }
    blocks.push(fdisk_list(d));
  }
  yield* c.write(1, blocks.join('\n\n'));
  return status;
}
