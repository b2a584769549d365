// Models util-linux 2.38 lsblk(8): block devices from /sys/block with their partitions as a tree, mount points from /proc/self/mountinfo, filesystems and partition tables probed as libblkid does (-f, PTUUID, PARTUUID), queue topology (-t), and the -a -b -d -l -n -o -p -r options.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has } from '../../lib/getopt.ts';
import { scols_print, type scols_column, type scols_line } from '../../lib/smartcols.ts';
import { size_to_human_string } from '../../lib/size_human.ts';
import { statfs } from '../../lib/statfs.ts';
import { usage_error } from '../../lib/stdio.ts';
import { blkid_probe, type blkid_tags } from '../../lib/blkid.ts';

interface blkdev {
  name: string;
  /** Its folder in sysfs, and its disk's (the same for a whole disk). */
  sys: string;
  disk_sys: string;
  maj: number;
  min: number;
  type: 'disk' | 'part' | 'loop' | 'rom';
  /** A partition's number in its disk's table (0 for a disk). */
  partno: number;
  parent: blkdev | null;
  mountpoints: string[];
  parts: blkdev[];
}

/** What a column shows for a device; `right` columns are right-aligned, as lsblk declares them. */
interface column_def { right?: boolean; get: (d: blkdev, x: ctx) => KGen<string> }

interface ctx { c: Libc; bytes: boolean; paths: boolean; tree: boolean; raw: boolean }

const size = (x: ctx, n: number): string => (x.bytes ? String(n) : size_to_human_string(n));

function* attr(c: Libc, path: string): KGen<string> {
  const t = yield* c.read_text(path);
  return typeof t === 'number' ? '' : t.trim();
}

/** The device's tags as libblkid probes them (a partition's entry from its disk's table). */
function* probe(c: Libc, d: blkdev): KGen<blkid_tags> {
  return yield* blkid_probe(c, `/dev/${d.name}`, d.parent ? { disk: `/dev/${d.parent.name}`, number: d.partno } : null);
}

function tag_column(tag: string): column_def {
  return { get: function* (d, x) { return (yield* probe(x.c, d)).get(tag) ?? ''; } };
}

/** FSAVAIL, FSSIZE, FSUSED, FSUSE%: statfs of the device's first mount point. */
function statfs_column(pick: (s: { bsize: number; blocks: number; bfree: number; bavail: number }, x: ctx) => string): column_def {
  return {
    right: true,
    get: function* (d, x) {
      if (!d.mountpoints.length) return '';
      const s = yield* statfs(x.c, d.mountpoints[0]!);
      if (typeof s === 'number') return '';
      return pick({ bsize: s.f_frsize || s.f_bsize, blocks: s.f_blocks, bfree: s.f_bfree, bavail: s.f_bavail }, x);
    },
  };
}

function queue_column(file: string, right = true, fmt: (v: string, x: ctx) => string = (v) => v): column_def {
  return { right, get: function* (d, x) { return fmt(yield* attr(x.c, `${d.disk_sys}/queue/${file}`), x); } };
}

const human_attr = (v: string, x: ctx): string => (v === '' ? '' : size(x, Number(v)));

const COLUMNS: Readonly<Record<string, column_def>> = {
  NAME: { get: function* (d, x) { return x.paths ? `/dev/${d.name}` : d.name; } },
  KNAME: { get: function* (d) { return d.name; } },
  PATH: { get: function* (d) { return `/dev/${d.name}`; } },
  PKNAME: { get: function* (d) { return d.parent?.name ?? ''; } },
  // lsblk aligns the colon ("%3u:%-3u") except in raw output.
  'MAJ:MIN': { get: function* (d, x) { return x.raw ? `${d.maj}:${d.min}` : `${String(d.maj).padStart(3)}:${String(d.min).padEnd(3)}`; } },
  RM: { right: true, get: function* (d, x) { return (yield* attr(x.c, `${d.disk_sys}/removable`)) || '0'; } },
  RO: { right: true, get: function* (d, x) { return (yield* attr(x.c, `${d.sys}/ro`)) || '0'; } },
  SIZE: { right: true, get: function* (d, x) { return size(x, Number(yield* attr(x.c, `${d.sys}/size`)) * 512); } },
  TYPE: { get: function* (d) { return d.type; } },
  MOUNTPOINT: { get: function* (d) { return d.mountpoints[0] ?? ''; } },
  MOUNTPOINTS: { get: function* (d) { return d.mountpoints.join('\n'); } },
  FSTYPE: tag_column('TYPE'),
  FSVER: tag_column('VERSION'),
  LABEL: tag_column('LABEL'),
  UUID: tag_column('UUID'),
  PTUUID: { get: function* (d, x) { return (yield* probe(x.c, d.parent ?? d)).get('PTUUID') ?? ''; } },
  PTTYPE: { get: function* (d, x) { return (yield* probe(x.c, d.parent ?? d)).get('PTTYPE') ?? ''; } },
  PARTUUID: tag_column('PART_ENTRY_UUID'),
  FSAVAIL: statfs_column((s, x) => size(x, s.bavail * s.bsize)),
  FSSIZE: statfs_column((s, x) => size(x, s.blocks * s.bsize)),
  FSUSED: statfs_column((s, x) => size(x, (s.blocks - s.bfree) * s.bsize)),
  'FSUSE%': statfs_column((s) => (s.blocks ? `${Math.round(((s.blocks - s.bfree) / s.blocks) * 100)}%` : '')),
  ALIGNMENT: { right: true, get: function* (d, x) { return (yield* attr(x.c, `${d.sys}/alignment_offset`)) || '0'; } },
  'MIN-IO': queue_column('minimum_io_size'),
  'OPT-IO': queue_column('optimal_io_size'),
  'PHY-SEC': queue_column('physical_block_size'),
  'LOG-SEC': queue_column('logical_block_size'),
  ROTA: queue_column('rotational'),
  SCHED: queue_column('scheduler', false, (v) => /\[([^\]]+)\]/.exec(v)?.[1] ?? ''),
  'RQ-SIZE': queue_column('nr_requests'),
  RA: queue_column('read_ahead_kb'),
  'DISC-GRAN': queue_column('discard_granularity', true, human_attr),
  'DISC-MAX': queue_column('discard_max_bytes', true, human_attr),
  'DISC-ZERO': queue_column('discard_zeroes_data'),
  WSAME: queue_column('write_same_max_bytes', true, human_attr),
};

const PRESET_DEFAULT = ['NAME', 'MAJ:MIN', 'RM', 'SIZE', 'RO', 'TYPE', 'MOUNTPOINTS'];
const PRESET_FS = ['NAME', 'FSTYPE', 'FSVER', 'LABEL', 'UUID', 'FSAVAIL', 'FSUSE%', 'MOUNTPOINTS'];
const PRESET_TOPOLOGY = ['NAME', 'ALIGNMENT', 'MIN-IO', 'OPT-IO', 'PHY-SEC', 'LOG-SEC', 'ROTA', 'SCHED', 'RQ-SIZE', 'RA', 'WSAME'];

/** /proc/self/mountinfo: mount points by "major:minor" (field 3), octal escapes decoded. */
function* mounts_by_dev(c: Libc): KGen<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const t = yield* c.read_text('/proc/self/mountinfo');
  if (typeof t === 'number') return out;
  for (const line of t.split('\n')) {
    const f = line.split(' ');
    if (f.length < 5) continue;
    const mp = f[4]!.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
    out.set(f[2]!, [...(out.get(f[2]!) ?? []), mp]);
  }
  return out;
}

function* read_dev(c: Libc, sys: string): KGen<[number, number] | null> {
  const m = /^(\d+):(\d+)$/.exec(yield* attr(c, `${sys}/dev`));
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** Every disk in /sys/block (readdir order, as lsblk walks it) with its partitions in partition order. */
function* scan(c: Libc, all: boolean): KGen<blkdev[]> {
  const mounts = yield* mounts_by_dev(c);
  const ents = yield* c.readdir('/sys/block');
  if (typeof ents === 'number') return [];
  const disks: blkdev[] = [];
  for (const e of ents) {
    if (e.name.startsWith('.')) continue;
    const sys = `/sys/block/${e.name}`;
    const dev = yield* read_dev(c, sys);
    if (!dev) continue;
    const sectors = Number(yield* attr(c, `${sys}/size`));
    // Without -a, lsblk hides empty devices and RAM disks (major 1).
    if (!all && (sectors === 0 || dev[0] === 1)) continue;
    const dtype = yield* attr(c, `${sys}/device/type`);
    const d: blkdev = {
      name: e.name, sys, disk_sys: sys, maj: dev[0], min: dev[1], partno: 0, parent: null, parts: [],
      type: e.name.startsWith('loop') ? 'loop' : dtype === '5' ? 'rom' : 'disk', mountpoints: mounts.get(`${dev[0]}:${dev[1]}`) ?? [],
    };
    const kids = yield* c.readdir(sys);
    if (typeof kids !== 'number') {
      const parts: [number, blkdev][] = [];
      for (const k of kids) {
        const psys = `${sys}/${k.name}`;
        const pno = Number(yield* attr(c, `${psys}/partition`));
        if (!pno) continue;
        const pdev = yield* read_dev(c, psys);
        if (!pdev) continue;
        parts.push([pno, { name: k.name, sys: psys, disk_sys: sys, maj: pdev[0], min: pdev[1], type: 'part', partno: pno, parent: d, parts: [], mountpoints: mounts.get(`${pdev[0]}:${pdev[1]}`) ?? [] }]);
      }
      d.parts = parts.sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    }
    disks.push(d);
  }
  return disks;
}

export function* lsblk_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, {
    short: 'abdflnprto:',
    long: { all: 'a', bytes: 'b', nodeps: 'd', fs: 'f', list: 'l', noheadings: 'n', paths: 'p', raw: 'r', topology: 't', output: 'o=' },
  });
  if (p.error) return yield* usage_error(c, 'lsblk', p.error);
  let names = has(p, 'f') ? PRESET_FS : has(p, 't') ? PRESET_TOPOLOGY : PRESET_DEFAULT;
  for (const [k, v] of p.opts) {
    if (k !== 'o') continue;
    const list = v.replace(/^\+/, '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
    names = v.startsWith('+') ? [...names, ...list] : list;
  }
  const bad = names.find((n) => !(n in COLUMNS));
  if (bad) { yield* c.write(2, `lsblk: unknown column: ${bad}\n`); return 1; }
  const x: ctx = { c, bytes: has(p, 'b'), paths: has(p, 'p'), tree: !has(p, 'l') && !has(p, 'r'), raw: has(p, 'r') };
  let top = yield* scan(c, has(p, 'a') || p.args.length > 0);
  if (p.args.length) {
    // Named devices: each on its own, a partition as a top-level line; unknown names are errors.
    const every = top.flatMap((d) => [d, ...d.parts]);
    const picked: blkdev[] = [];
    let missing = 0;
    for (const a of p.args) {
      const d = every.find((e) => `/dev/${e.name}` === a || e.name === a);
      if (!d) { yield* c.write(2, `lsblk: ${a}: not a block device\n`); missing++; continue; }
      picked.push(d);
    }
    top = picked;
    if (!picked.length) return 32;
    if (missing) return yield* print(c, names, top, x, has(p, 'd'), !has(p, 'n'), 64);
  }
  return yield* print(c, names, top, x, has(p, 'd'), !has(p, 'n'), 0);
}

function* print(c: Libc, names: string[], top: blkdev[], x: ctx, nodeps: boolean, headings: boolean, status: number): KGen<number> {
  const line = function* (d: blkdev): KGen<scols_line> {
    const cells: string[] = [];
    for (const n of names) cells.push(yield* COLUMNS[n]!.get(d, x));
    const children: scols_line[] = [];
    if (!nodeps) for (const p of d.parts) children.push(yield* line(p));
    return { cells, children };
  };
  const lines: scols_line[] = [];
  for (const d of top) lines.push(yield* line(d));
  const cols: scols_column[] = names.map((n) => ({ name: n, right: COLUMNS[n]!.right }));
  yield* c.write(1, scols_print(cols, lines, { tree: x.tree, raw: x.raw, headings }));
  return status;
}
