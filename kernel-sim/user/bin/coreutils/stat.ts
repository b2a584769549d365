// Models GNU coreutils 9.1 stat(1): the default format, -c/--format and --printf, -L and -t.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc, kstat } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { ostream, usage_error, warn, quote } from '../../lib/stdio.ts';
import { filemode, file_type_name } from '../../lib/mode.ts';
import { stat_time } from '../../lib/time.ts';
import { idcache, major, minor } from '../../lib/unistd.ts';
import { S_ISLNK, S_ISCHR, S_ISBLK } from '../../../include/uapi/stat.ts';

const DEFAULT_HEAD = '  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n';
const DEFAULT_DEV = 'Device: %Hd,%Ld\tInode: %-11i Links: %-5h Device type: %Hr,%Lr\n';
const DEFAULT_NODEV = 'Device: %Hd,%Ld\tInode: %-11i Links: %h\n';
const DEFAULT_TAIL = 'Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z\n Birth: %w\n';
const TERSE = '%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n';

function fmt_field(spec: string, v: string | number): string {
  const m = /^([-0 #+']*)(\d*)(?:\.(\d+))?$/.exec(spec);
  if (!m) return String(v);
  let s = String(v);
  if (m[3] !== undefined && typeof v === 'string') s = s.slice(0, Number(m[3]));
  const w = Number(m[2] || 0);
  if (m[1].includes('-')) return s.padEnd(w);
  if (m[1].includes('0') && typeof v === 'number') return s.padStart(w, '0');
  return s.padStart(w);
}

function* expand(c: Libc, fmt: string, name: string, st: kstat, ids: idcache, printf_escapes: boolean): KGen<string> {
  let link = '';
  if (S_ISLNK(st.mode) && fmt.includes('%N')) { const t = yield* c.readlink(name); if (typeof t === 'string') link = t; }
  let s = fmt;
  if (printf_escapes) s = s.replace(/\\(n|t|\\|"|0[0-7]{0,3})/g, (_m, e: string) => (e === 'n' ? '\n' : e === 't' ? '\t' : e === '\\' ? '\\' : e === '"' ? '"' : String.fromCharCode(parseInt(e, 8))));
  return s.replace(/%([-0 #+']*\d*(?:\.\d+)?)([HL]?)([a-zA-Z%])/g, (_m, spec: string, hl: string, ch: string) => {
    const dev = ch === 'd' ? st.dev : st.rdev;
    if (hl) return fmt_field(spec, hl === 'H' ? major(dev) : minor(dev));
    switch (ch) {
      case '%': return '%';
      case 'n': return fmt_field(spec, name);
      case 'N': return fmt_field(spec, S_ISLNK(st.mode) ? `${quote(name)} -> ${quote(link)}` : quote(name));
      case 's': return fmt_field(spec, st.size);
      case 'b': return fmt_field(spec, st.blocks);
      case 'B': return fmt_field(spec, 512);
      case 'o': return fmt_field(spec, st.blksize);
      case 'F': return fmt_field(spec, file_type_name(st.mode, st.size));
      case 'f': return fmt_field(spec, st.mode.toString(16));
      case 'a': return spec.includes('0') ? (st.mode & 0o7777).toString(8).padStart(Number(spec.replace(/\D/g, '') || 0), '0') : fmt_field(spec, (st.mode & 0o7777).toString(8));
      case 'A': return fmt_field(spec, filemode(st.mode));
      case 'u': return fmt_field(spec, st.uid);
      case 'U': return fmt_field(spec, ids.user(st.uid));
      case 'g': return fmt_field(spec, st.gid);
      case 'G': return fmt_field(spec, ids.group(st.gid));
      case 'i': return fmt_field(spec, st.ino);
      case 'h': return fmt_field(spec, st.nlink);
      case 'd': return fmt_field(spec, st.dev);
      case 'D': return fmt_field(spec, st.dev.toString(16));
      case 't': return fmt_field(spec, major(st.rdev).toString(16));
      case 'T': return fmt_field(spec, minor(st.rdev).toString(16));
      case 'r': return fmt_field(spec, st.rdev);
      case 'x': return fmt_field(spec, stat_time(st.atime_ns));
      case 'y': return fmt_field(spec, stat_time(st.mtime_ns));
      case 'z': return fmt_field(spec, stat_time(st.ctime_ns));
      case 'w': return fmt_field(spec, '-');
      case 'X': return fmt_field(spec, Math.floor(st.atime_ns / 1e9));
      case 'Y': return fmt_field(spec, Math.floor(st.mtime_ns / 1e9));
      case 'Z': return fmt_field(spec, Math.floor(st.ctime_ns / 1e9));
      case 'W': return fmt_field(spec, 0);
      default: return `?`;
    }
  });
}

export function* stat_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'Lc:tf', long: { dereference: 'L', 'format=': 'c', 'printf=': 'P', terse: 't', 'file-system': 'f' } });
  if (p.error) return yield* usage_error(c, 'stat', p.error);
  if (!p.args.length) return yield* usage_error(c, 'stat', 'missing operand');
  const ids = new idcache(c);
  yield* ids.load();
  const out = new ostream(c);
  let status = 0;
  const fmt = optval(p, 'c');
  const pf = optval(p, 'P');
  for (const name of p.args) {
    const st = yield* c.stat(name, has(p, 'L'));
    if (typeof st === 'number') { yield* out.flush(); yield* warn(c, 'stat', `cannot statx ${quote(name)}`, st); status = 1; continue; }
    let f: string;
    if (pf !== undefined) f = pf;
    else if (fmt !== undefined) f = fmt + '\n';
    else if (has(p, 't')) f = TERSE;
    else f = DEFAULT_HEAD + (S_ISCHR(st.mode) || S_ISBLK(st.mode) ? DEFAULT_DEV : DEFAULT_NODEV) + DEFAULT_TAIL;
    let text = yield* expand(c, f, name, st, ids, pf !== undefined);
    if (fmt === undefined && pf === undefined && !has(p, 't')) text = text.replace(/^ {2}File: '([^']*)'/, (_m, n: string) => `  File: ${n}`).replace(/^( {2}File: .*) -> '([^']*)'/m, (_m, a: string, t: string) => `${a} -> ${t}`);
    yield* out.write(text);
  }
  yield* out.flush();
  return status;
}
