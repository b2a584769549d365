// Models GNU coreutils 9.1 df(1): mounted filesystems from /proc/self/mountinfo, statfs of each, dummy and empty filesystems hidden (shown with -a), and the -h -H -i -k -T -t -x forms with df's minimum column widths.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has } from '../../lib/getopt.ts';
import { statfs } from '../../lib/statfs.ts';
import { usage_error, warn } from '../../lib/stdio.ts';
import { human_size } from '../../lib/human.ts';

interface mount_entry { source: string; target: string; fstype: string; dev: string }

/** gnulib mountlist's dummy filesystems: no storage of their own. */
const DUMMY = new Set([
  'autofs', 'proc', 'subfs', 'debugfs', 'devpts', 'fusectl', 'mqueue', 'rpc_pipefs', 'sysfs', 'devfs', 'kernfs', 'ignore',
  'none', 'cgroup', 'cgroup2', 'bpf', 'tracefs', 'securityfs', 'pstore', 'configfs', 'nsfs', 'hugetlbfs', 'rootfs', 'binfmt_misc',
]);

function* mounts(c: Libc): KGen<mount_entry[]> {
  const t = yield* c.read_text('/proc/self/mountinfo');
  if (typeof t === 'number') return [];
  const unescape = (s: string): string => s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
  const out: mount_entry[] = [];
  for (const line of t.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const f = left.split(' ');
    const [fstype, source] = right.split(' ');
    out.push({ source: unescape(source ?? 'none'), target: unescape(f[4]!), fstype: fstype!, dev: f[2]! });
  }
  return out;
}

/** df -H: powers of 1000, as human_size rounds (up, one decimal below 10). */
function si_size(n: number): string {
  if (n < 1000) return String(n);
  const units = ['k', 'M', 'G', 'T', 'P', 'E'];
  let v = n, u = -1;
  while (v >= 1000 && u < units.length - 1) { v /= 1000; u++; }
  if (v < 10) { const r = Math.ceil(v * 10) / 10; return r >= 10 ? `${Math.ceil(r)}${units[u]}` : `${r.toFixed(1)}${units[u]}`; }
  return `${Math.ceil(v)}${units[u]}`;
}

/** Each field's header and df's minimum width (df.c field_data); numbers and Use% are right-aligned. */
interface field { header: string; min: number; right: boolean }

export function* df_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, {
    short: 'ahHikTt:x:',
    long: { all: 'a', 'human-readable': 'h', si: 'H', inodes: 'i', 'print-type': 'T', type: 't=', 'exclude-type': 'x=' },
  });
  if (p.error) return yield* usage_error(c, 'df', p.error);
  const only = p.opts.filter(([k]) => k === 't').map(([, v]) => v);
  const skip = p.opts.filter(([k]) => k === 'x').map(([, v]) => v);
  const human = has(p, 'h') ? human_size : has(p, 'H') ? si_size : null;
  const inodes = has(p, 'i');
  let list = yield* mounts(c);
  let status = 0;
  if (p.args.length) {
    // An operand selects the filesystem it lives on: the mount with the same device and the longest target.
    const picked: mount_entry[] = [];
    for (const a of p.args) {
      const st = yield* c.stat(a);
      if (typeof st === 'number') { yield* warn(c, 'df', a, st); status = 1; continue; }
      const target = [...list].reverse().find((m) => a === m.target || a.startsWith(m.target.endsWith('/') ? m.target : m.target + '/')) ?? list[0];
      if (target) picked.push(target);
    }
    list = picked;
  } else {
    list = list.filter((m) => (has(p, 'a') || !DUMMY.has(m.fstype)) && (!only.length || only.includes(m.fstype)) && !skip.includes(m.fstype));
    // One line per device: a device mounted twice shows once (unless -a).
    if (!has(p, 'a')) list = list.filter((m, i) => list.findIndex((o) => o.dev === m.dev) === i);
  }
  const fields: field[] = [{ header: 'Filesystem', min: 14, right: false }];
  if (has(p, 'T')) fields.push({ header: 'Type', min: 4, right: false });
  if (inodes) fields.push({ header: 'Inodes', min: 5, right: true }, { header: 'IUsed', min: 5, right: true }, { header: 'IFree', min: 5, right: true }, { header: 'IUse%', min: 5, right: true });
  else fields.push({ header: human ? 'Size' : '1K-blocks', min: 5, right: true }, { header: 'Used', min: 5, right: true }, { header: human ? 'Avail' : 'Available', min: 5, right: true }, { header: 'Use%', min: 4, right: true });
  fields.push({ header: 'Mounted on', min: 0, right: false });
  const rows: string[][] = [];
  const pct = (used: number, avail: number): string => (used + avail ? `${Math.ceil((used * 100) / (used + avail))}%` : '-');
  for (const m of list) {
    const s = yield* statfs(c, m.target);
    if (typeof s === 'number') continue;
    const bsize = s.f_frsize || s.f_bsize;
    if (!inodes && s.f_blocks === 0 && !has(p, 'a') && !p.args.length) continue;
    const row = [m.source];
    if (has(p, 'T')) row.push(m.fstype);
    if (inodes) {
      const used = s.f_files - s.f_ffree;
      row.push(String(s.f_files), String(used), String(s.f_ffree), s.f_files ? pct(used, s.f_ffree) : '-');
    } else {
      const fmt = (blocks: number): string => (human ? human(blocks * bsize) : String(Math.ceil((blocks * bsize) / 1024)));
      const used = s.f_blocks - s.f_bfree;
      row.push(fmt(s.f_blocks), fmt(used), fmt(s.f_bavail), s.f_blocks ? pct(used, s.f_bavail) : '-');
    }
    row.push(m.target);
    rows.push(row);
  }
  if (!rows.length && p.args.length) return status;
  if (!rows.length) { yield* c.write(2, 'df: no file systems processed\n'); return 1; }
  const all = [fields.map((f) => f.header), ...rows];
  const widths = fields.map((f, k) => Math.max(f.min, ...all.map((r) => r[k]!.length)));
  const text = all.map((r) => r.map((v, k) => (k === r.length - 1 ? v : fields[k]!.right ? v.padStart(widths[k]!) : v.padEnd(widths[k]!))).join(' ')).join('\n');
  yield* c.write(1, text + '\n');
  return status;
}
