// Models util-linux 2.38 blkid(8): the block devices of /proc/partitions (or those named) with their LABEL, UUID, BLOCK_SIZE, TYPE, PTUUID, PTTYPE and PARTUUID tags, -s, -o value|export|full, -L and -U, exit 2 when nothing is found.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt } from '../../lib/getopt.ts';
import { blkid_probe, partition_of } from '../../lib/blkid.ts';
import { usage_error } from '../../lib/stdio.ts';

/** The order blkid prints a device's tags in (the probing order: superblock, then partition table and entry). */
const TAG_ORDER = ['LABEL', 'UUID', 'BLOCK_SIZE', 'TYPE', 'PTUUID', 'PTTYPE', 'PARTUUID'];

function* partitions_list(c: Libc): KGen<string[]> {
  const t = yield* c.read_text('/proc/partitions');
  if (typeof t === 'number') return [];
  return t.split('\n').slice(2).map((l) => l.trim().split(/\s+/)[3]).filter((n): n is string => !!n);
}

/** The tags of one device under blkid's names (PART_ENTRY_UUID is PARTUUID). */
export function* device_tags(c: Libc, dev: string): KGen<[string, string][]> {
  const name = dev.replace(/^\/dev\//, '');
  const raw = yield* blkid_probe(c, dev, yield* partition_of(c, name));
  const tags = new Map(raw);
  if (raw.has('PART_ENTRY_UUID')) tags.set('PARTUUID', raw.get('PART_ENTRY_UUID')!);
  return TAG_ORDER.filter((k) => tags.has(k)).map((k) => [k, tags.get(k)!]);
}

export function* blkid_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 's:o:L:U:', long: { 'match-tag': 's=', output: 'o=', label: 'L=', uuid: 'U=' } });
  if (p.error) return yield* usage_error(c, 'blkid', p.error);
  const only = p.opts.filter(([k]) => k === 's').map(([, v]) => v);
  const format = p.opts.find(([k]) => k === 'o')?.[1] ?? 'full';
  if (!['full', 'value', 'export', 'device'].includes(format)) { yield* c.write(2, `blkid: unsupported output format ${format}\n`); return 4; }
  const lookup = p.opts.find(([k]) => k === 'L' || k === 'U');
  const devs = p.args.length ? p.args : (yield* partitions_list(c)).map((n) => `/dev/${n}`);
  let out = '', found = 0;
  for (const dev of devs) {
    let tags = yield* device_tags(c, dev);
    if (lookup) {
      if (tags.some(([k, v]) => k === (lookup[0] === 'L' ? 'LABEL' : 'UUID') && v === lookup[1])) { yield* c.write(1, `${dev}\n`); return 0; }
      continue;
    }
    if (only.length) tags = tags.filter(([k]) => only.includes(k));
    if (!tags.length) continue;
    found++;
    if (format === 'value') out += tags.map(([, v]) => `${v}\n`).join('');
    else if (format === 'export') out += `DEVNAME=${dev}\n` + tags.map(([k, v]) => `${k}=${v}\n`).join('') + '\n';
    else if (format === 'device') out += `${dev}\n`;
    else out += `${dev}: ${tags.map(([k, v]) => `${k}="${v}"`).join(' ')}\n`;
  }
  yield* c.write(1, format === 'export' ? out.replace(/\n$/, '') : out);
  return found ? 0 : 2;
}
