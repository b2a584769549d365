// Models GNU coreutils ls(1): -l -a -A -i -d -1 -R -h -r -t -S -n -F -C, long format with device numbers, C-locale name order, columns on a terminal.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc, kstat } from '../../lib/libc.ts';
import { getopt, has } from '../../lib/getopt.ts';
import { ostream, usage_error, warn, join_path, quote } from '../../lib/stdio.ts';
import { filemode } from '../../lib/mode.ts';
import { ls_time } from '../../lib/time.ts';
import { human_size } from '../../lib/human.ts';
import { idcache, isatty, get_winsize, major, minor } from '../../lib/unistd.ts';
import { columns } from '../../lib/columns.ts';
import { S_ISDIR, S_ISLNK, S_ISCHR, S_ISBLK, S_ISFIFO, S_ISSOCK } from '../../../include/uapi/stat.ts';

interface entry { name: string; path: string; st: kstat | null; target?: string; target_st?: kstat | null }
interface opts { long: boolean; all: boolean; almost: boolean; inode: boolean; dir: boolean; one: boolean; recursive: boolean; human: boolean; reverse: boolean; sort: 't' | 'S' | 'name' | 'none'; numeric: boolean; classify: boolean; columns: boolean; width: number; now: number }

const LONG = { all: 'a', 'almost-all': 'A', inode: 'i', directory: 'd', recursive: 'R', 'human-readable': 'h', reverse: 'r', 'numeric-uid-gid': 'n', classify: 'F', 'color=': '\x01', 'color': '\x02', help: '\x03' };

/** C-locale byte order, as strcmp. */
export const cmp_c = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function* ls_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'laAid1RhrtSnFCUf', long: LONG });
  if (p.error) return yield* usage_error(c, 'ls', p.error, 2);
  const tty = yield* isatty(c, 1);
  const ws = tty ? yield* get_winsize(c, 1) : null;
  const o: opts = {
    long: false, all: false, almost: false, inode: has(p, 'i'), dir: has(p, 'd'), one: !tty, recursive: has(p, 'R'), human: has(p, 'h'),
    reverse: has(p, 'r'), sort: 'name', numeric: false, classify: has(p, 'F'), columns: tty, width: ws?.cols || 80, now: 0,
  };
  for (const [k] of p.opts) {
    if (k === 'l') { o.long = true; o.columns = false; }
    else if (k === 'n') { o.long = true; o.numeric = true; o.columns = false; }
    else if (k === '1') { o.one = true; o.columns = false; }
    else if (k === 'C') { o.columns = true; o.one = false; }
    else if (k === 'a') o.all = true;
    else if (k === 'A') o.almost = true;
    else if (k === 't') o.sort = 't';
    else if (k === 'S') o.sort = 'S';
    else if (k === 'U') o.sort = 'none';
    else if (k === 'f') { o.sort = 'none'; o.all = true; }
  }
  if (o.long) o.columns = false;
  o.now = yield* c.clock_gettime(0);
  const ids = new idcache(c);
  if (o.long && !o.numeric) yield* ids.load();
  const out = new ostream(c);
  let status = 0;
  const operands = p.args.length ? p.args : ['.'];
  const files: entry[] = [];
  const dirs: entry[] = [];
  for (const name of operands) {
    const lst = yield* c.stat(name, false);
    if (typeof lst === 'number') { yield* warn(c, 'ls', `cannot access ${quote(name)}`, lst); status = 2; continue; }
    let st = lst;
    const e: entry = { name, path: name, st };
    // Command-line symlinks to directories are followed unless -l, -d or -F.
    if (S_ISLNK(lst.mode)) {
      const fst = yield* c.stat(name, true);
      if (typeof fst !== 'number' && !o.long && !o.dir && !o.classify) { st = fst; e.st = fst; }
      if (typeof fst !== 'number' && S_ISDIR(fst.mode) && !o.dir && !o.long && !o.classify) { dirs.push(e); continue; }
    }
    if (S_ISDIR(st.mode) && !o.dir) dirs.push(e); else files.push(e);
  }
  let first = true;
  if (files.length) {
    yield* fill_links(c, files, o);
    yield* print_entries(c, out, sort(files, o), o, ids);
    first = false;
  }
  const sorted_dirs = sort(dirs, o);
  const show_names = operands.length > 1 || o.recursive;
  for (const d of sorted_dirs) {
    const r = yield* list_dir(c, out, d.path, o, ids, show_names, first, true);
    first = false;
    if (r > status) status = r;
  }
  yield* out.flush();
  return status;
}

function* fill_links(c: Libc, list: entry[], o: opts): KGen<void> {
  if (!o.long && !o.classify) return;
  for (const e of list) {
    if (e.st && S_ISLNK(e.st.mode)) {
      const t = yield* c.readlink(e.path);
      if (typeof t === 'string') e.target = t;
      const ts = yield* c.stat(e.path, true);
      e.target_st = typeof ts === 'number' ? null : ts;
    }
  }
}

function* list_dir(c: Libc, out: ostream, path: string, o: opts, ids: idcache, show_name: boolean, first: boolean, top: boolean): KGen<number> {
  const ents = yield* c.readdir(path);
  if (typeof ents === 'number') {
    yield* out.flush();
    yield* warn(c, 'ls', `cannot open directory ${quote(path)}`, ents);
    return top ? 2 : 1;
  }
  if (show_name) yield* out.write(`${first ? '' : '\n'}${path}:\n`);
  const list: entry[] = [];
  for (const d of ents) {
    if (d.name.startsWith('.')) {
      if (!o.all && !o.almost) continue;
      if (!o.all && (d.name === '.' || d.name === '..')) continue;
    }
    const full = join_path(path, d.name);
    const need_stat = o.long || o.inode || o.classify || o.sort !== 'name' || o.recursive;
    let st: kstat | null = null;
    if (need_stat) { const s = yield* c.stat(full, false); st = typeof s === 'number' ? null : s; }
    list.push({ name: d.name, path: full, st: st ?? (need_stat ? null : { ino: d.ino, mode: d.type << 12 } as kstat) });
  }
  yield* fill_links(c, list, o);
  const sorted = sort(list, o);
  if (o.long) {
    let blocks = 0;
    for (const e of sorted) if (e.st) blocks += e.st.blocks;
    yield* out.write(`total ${o.human ? human_size(blocks * 512) : Math.ceil(blocks / 2)}\n`);
  }
  yield* print_entries(c, out, sorted, o, ids);
  let status = 0;
  if (o.recursive) {
    for (const e of sorted) {
      if (!e.st || !S_ISDIR(e.st.mode) || e.name === '.' || e.name === '..') continue;
      const r = yield* list_dir(c, out, e.path, o, ids, true, false, false);
      if (r > status) status = r;
    }
  }
  return status;
}

function sort(list: entry[], o: opts): entry[] {
  if (o.sort === 'none') return o.reverse ? list.slice().reverse() : list;
  const key = (a: entry, b: entry): number => {
    if (o.sort === 't') { const d = (b.st?.mtime_ns ?? 0) - (a.st?.mtime_ns ?? 0); if (d) return d; }
    if (o.sort === 'S') { const d = (b.st?.size ?? 0) - (a.st?.size ?? 0); if (d) return d; }
    return cmp_c(a.name, b.name);
  };
  const r = list.slice().sort(key);
  return o.reverse ? r.reverse() : r;
}

function indicator(st: kstat | null | undefined): string {
  if (!st) return '';
  if (S_ISDIR(st.mode)) return '/';
  if (S_ISLNK(st.mode)) return '@';
  if (S_ISFIFO(st.mode)) return '|';
  if (S_ISSOCK(st.mode)) return '=';
  if (!S_ISCHR(st.mode) && !S_ISBLK(st.mode) && st.mode & 0o111) return '*';
  return '';
}

function* print_entries(_c: Libc, out: ostream, list: entry[], o: opts, ids: idcache): KGen<void> {
  const ino_w = o.inode ? Math.max(0, ...list.map((e) => String(e.st?.ino ?? '?').length)) : 0;
  if (!o.long) {
    const names = list.map((e) => (o.inode ? `${String(e.st?.ino ?? '?').padStart(ino_w)} ` : '') + e.name + (o.classify ? (e.st && S_ISLNK(e.st.mode) ? '@' : indicator(e.st)) : ''));
    if (!o.columns) { for (const n of names) yield* out.write(n + '\n'); return; }
    yield* out.write(columns(names, o.width));
    return;
  }
  const rows = list.map((e) => {
    const st = e.st;
    if (!st) return { e, cells: null };
    const dev = S_ISCHR(st.mode) || S_ISBLK(st.mode);
    return {
      e,
      cells: {
        ino: String(st.ino), mode: filemode(st.mode), nlink: String(st.nlink),
        owner: o.numeric ? String(st.uid) : ids.user(st.uid), group: o.numeric ? String(st.gid) : ids.group(st.gid),
        size: dev ? '' : o.human ? human_size(st.size) : String(st.size),
        maj: dev ? String(major(st.rdev)) : '', min: dev ? String(minor(st.rdev)) : '', dev,
        time: ls_time(st.mtime_ns, o.now),
      },
    };
  });
  const w = (f: (x: NonNullable<typeof rows[0]['cells']>) => string): number => Math.max(0, ...rows.map((r) => (r.cells ? f(r.cells).length : 0)));
  const nlink_w = w((x) => x.nlink), owner_w = w((x) => x.owner), group_w = w((x) => x.group);
  const maj_w = w((x) => x.maj), min_w = w((x) => x.min);
  const size_w = Math.max(w((x) => x.size), rows.some((r) => r.cells?.dev) ? maj_w + 2 + min_w : 0);
  for (const { e, cells } of rows) {
    if (!cells) {
      yield* out.write(`${o.inode ? '?'.padStart(ino_w) + ' ' : ''}l????????? ? ? ? ? ? ${e.name}\n`);
      continue;
    }
    const size = cells.dev
      ? `${cells.maj.padStart(size_w - 2 - min_w)}, ${cells.min.padStart(min_w)}`
      : cells.size.padStart(size_w);
    let name = e.name;
    if (e.target !== undefined) name += ` -> ${e.target}${o.classify ? indicator(e.target_st) : ''}`;
    else if (o.classify) name += indicator(e.st);
    yield* out.write(`${o.inode ? cells.ino.padStart(ino_w) + ' ' : ''}${cells.mode} ${cells.nlink.padStart(nlink_w)} ${cells.owner.padEnd(owner_w)} ${cells.group.padEnd(group_w)} ${size} ${cells.time} ${name}\n`);
  }
}
