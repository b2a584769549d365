// Models BusyBox 1.36's ls (coreutils/ls.c), the reference machine's: -l -a -A -i -d -1 -R -h -r -t -S -n -F -C, its fixed-width long format, C-locale name order, equal-width columns on a terminal.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc, kstat } from '../../lib/libc.ts';
import { getopt, has } from '../../lib/getopt.ts';
import { ostream, usage_error, warn, join_path } from '../../lib/stdio.ts';
import { filemode } from '../../lib/mode.ts';
import { gmtime, strftime } from '../../lib/time.ts';
import { idcache, isatty, get_winsize, major, minor } from '../../lib/unistd.ts';
import { S_ISDIR, S_ISLNK, S_ISCHR, S_ISBLK, S_ISFIFO, S_ISSOCK } from '../../../include/uapi/stat.ts';

interface entry { name: string; path: string; st: kstat | null; target?: string; target_st?: kstat | null }
interface opts { long: boolean; all: boolean; almost: boolean; inode: boolean; dir: boolean; one: boolean; recursive: boolean; human: boolean; reverse: boolean; sort: 't' | 'S' | 'name' | 'none'; numeric: boolean; classify: boolean; columns: boolean; width: number; now: number }

const LONG = { all: 'a', 'almost-all': 'A', inode: 'i', directory: 'd', recursive: 'R', 'human-readable': 'h', reverse: 'r', 'numeric-uid-gid': 'n', classify: 'F', 'color=': '\x01', 'color': '\x02', help: '\x03' };

/** C-locale byte order, as strcmp. */
export const cmp_c = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function* ls_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'laAid1RhrtSnFCUf', long: LONG });
  if (p.error) return yield* usage_error(c, 'ls', p.error, 2);
  // Columns when stdout is a terminal; their width comes from stdin's terminal (else $COLUMNS, else 80), less one.
  const tty = yield* isatty(c, 1);
  const ws = yield* get_winsize(c, 0);
  const env_cols = Number(c.getenv('COLUMNS'));
  const width = (ws && ws.cols > 1 ? ws.cols : env_cols > 1 && env_cols < 30000 ? env_cols : 80) - 1;
  const o: opts = {
    long: false, all: false, almost: false, inode: has(p, 'i'), dir: has(p, 'd'), one: !tty, recursive: has(p, 'R'), human: has(p, 'h'),
    reverse: has(p, 'r'), sort: 'name', numeric: false, classify: has(p, 'F'), columns: tty, width, now: 0,
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
    if (typeof lst === 'number') { yield* warn(c, 'ls', name, lst); status = 1; continue; }
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
    const r = yield* list_dir(c, out, d.path, o, ids, show_names, first);
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

function* list_dir(c: Libc, out: ostream, path: string, o: opts, ids: idcache, show_name: boolean, first: boolean): KGen<number> {
  const ents = yield* c.readdir(path);
  if (typeof ents === 'number') {
    yield* out.flush();
    yield* warn(c, 'ls', `can't open '${path}'`, ents);
    return 1;
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
    yield* out.write(`total ${Math.ceil(blocks / 2)}\n`);
  }
  yield* print_entries(c, out, sorted, o, ids);
  let status = 0;
  if (o.recursive) {
    for (const e of sorted) {
      if (!e.st || !S_ISDIR(e.st.mode) || e.name === '.' || e.name === '..') continue;
      const r = yield* list_dir(c, out, e.path, o, ids, true, false);
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

/** make_human_readable_str(size, 1, 0): the unit that keeps the number under 1024, one decimal ("754.8K"); bytes bare. */
export function bb_human(size: number): string {
  if (size === 0) return '0';
  const units = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  let val = size, frac = 0, u = 0;
  while (val >= 1024 && u < units.length - 1) {
    frac = Math.floor(((val % 1024) * 10 + 512) / 1024);
    val = Math.floor(val / 1024);
    u++;
  }
  if (frac >= 10) { val++; frac = 0; }
  return u ? `${val}.${frac}${units[u]}` : String(val);
}

/** The date column: "Nov 22 02:11" within six months back (or 15 minutes ahead), else "Nov 22  2025". */
function bb_time(ns: number, now_ns: number): string {
  const sec = Math.floor(ns / 1e9);
  const age = Math.floor(now_ns / 1e9) - sec;
  const t = gmtime(sec);
  return age < (3600 * 24 * 365) / 2 && age > -15 * 60 ? strftime('%b %e %H:%M', t) : `${strftime('%b %e', t)}  ${t.year + 1900}`;
}

/** display_files: one column width for all (the longest name plus two), as many columns as fit, filled top to bottom. */
function bb_columns(names: string[], plain: number[], width: number): string {
  const colw = Math.max(0, ...plain) + 2;
  let ncols = Math.floor(width / colw);
  let nrows = names.length;
  if (ncols > 1) nrows = Math.ceil(names.length / ncols); else ncols = 1;
  let s = '';
  for (let row = 0; row < nrows; row++) {
    let column = 0, nexttab = 0;
    for (let nc = 0; nc < ncols; nc++) {
      const i = nc * nrows + row;
      if (i >= names.length) continue;
      if (column > 0) { s += ' '.repeat(Math.max(0, nexttab - column)); column = nexttab; }
      nexttab = column + colw;
      s += names[i];
      column += [...names[i]!].length;
    }
    s += '\n';
  }
  return s;
}

function* print_entries(_c: Libc, out: ostream, list: entry[], o: opts, ids: idcache): KGen<void> {
  const ino = (e: entry): string => (o.inode ? `${String(e.st?.ino ?? 0).padStart(7)} ` : '');
  if (!o.long) {
    const names = list.map((e) => ino(e) + e.name + (o.classify ? (e.st && S_ISLNK(e.st.mode) ? '@' : indicator(e.st)) : ''));
    if (!o.columns) { for (const n of names) yield* out.write(n + '\n'); return; }
    // The column width counts the name (and inode), not the -F mark.
    yield* out.write(bb_columns(names, list.map((e) => [...e.name].length + (o.inode ? 8 : 0)), o.width));
    return;
  }
  for (const e of list) {
    const st = e.st;
    if (!st) continue;
    const dev = S_ISCHR(st.mode) || S_ISBLK(st.mode);
    const owner = o.numeric ? `${String(st.uid).padEnd(8)} ${String(st.gid).padEnd(8)}` : `${ids.user(st.uid).slice(0, 8).padEnd(8)} ${ids.group(st.gid).slice(0, 8).padEnd(8)}`;
    const size = dev ? `${String(major(st.rdev)).padStart(4)}, ${String(minor(st.rdev)).padStart(3)}` : (o.human ? bb_human(st.size) : String(st.size)).padStart(9);
    let name = e.name;
    if (e.target !== undefined) name += ` -> ${e.target}${o.classify ? indicator(e.target_st) : ''}`;
    else if (o.classify) name += indicator(e.st);
    yield* out.write(`${ino(e)}${filemode(st.mode).padEnd(10)} ${String(st.nlink).padStart(4)} ${owner} ${size} ${bb_time(st.mtime_ns, o.now)} ${name}\n`);
  }
}
