// Models util-linux 2.38 swapon(8): enable swap areas named on the command line, by LABEL=/UUID=, or (-a) every swap line of /etc/fstab not yet active (pri=, discard, nofail, noauto); the checks before swapon(2) (permissions, holes, the signature, rewriting a stale hibernation signature); --show's table and -s's summary from /proc/swaps.
import type { KGen } from '../../../../include/linux/sched.ts';
import type { Libc } from '../../../lib/libc.ts';
import { strerror } from '../../../lib/libc.ts';
import { getopt, has, optval } from '../../../lib/getopt.ts';
import { size_to_human_string } from '../../../lib/size_human.ts';
import { scols_print } from '../../../lib/smartcols.ts';
import { O_WRONLY, S_ISBLK, S_ISREG } from '../../../../include/uapi/stat.ts';
import { PAGE_SIZE, SWAP_SIGNATURE, SWAP_SIGNATURE_SZ, get_swaps, read_first_page, resolve_spec, swap_detect_signature, type swap_entry } from './swapheader.ts';

const SWAP_FLAG_PREFER = 0x8000, SWAP_FLAG_PRIO_MASK = 0x7fff;
const SWAP_FLAG_DISCARD = 0x10000, SWAP_FLAG_DISCARD_ONCE = 0x20000, SWAP_FLAG_DISCARD_PAGES = 0x40000;

interface swapon_ctl { c: Libc; verbose: boolean }

function* warnx(c: Libc, msg: string): KGen<void> { yield* c.write(2, `swapon: ${msg}\n`); }

/** swap_rewrite_signature(): SWAPSPACE2 over a hibernation image's signature, so the next resume cannot read stale data. */
function* swap_rewrite_signature(c: Libc, dev: string): KGen<number> {
  const fd = yield* c.open(dev, O_WRONLY);
  if (fd < 0) { yield* warnx(c, `cannot open ${dev}: ${strerror(-fd)}`); return -1; }
  let rc = 0;
  if ((yield* c.lseek(fd, PAGE_SIZE - SWAP_SIGNATURE_SZ, 0)) < 0) { yield* warnx(c, `${dev}: lseek failed`); rc = -1; }
  else if ((yield* c.write(fd, SWAP_SIGNATURE)) !== SWAP_SIGNATURE_SZ) { yield* warnx(c, `${dev}: write signature failed`); rc = -1; }
  if ((yield* c.syscall('fsync', fd)) < 0) rc = -1;
  yield* c.close(fd);
  return rc;
}

/** swapon_checks(): what swapon(8) verifies before asking the kernel; -1 after saying why. */
function* swapon_checks(x: swapon_ctl, special: string): KGen<number> {
  const c = x.c;
  const st = yield* c.stat(special);
  if (typeof st === 'number') { yield* warnx(c, `stat of ${special} failed: ${strerror(-st)}`); return -1; }
  const permMask = S_ISBLK(st.mode) ? 0o7007 : 0o7077;
  if (st.mode & permMask) {
    yield* warnx(c, `${special}: insecure permissions ${(st.mode & 0o7777).toString(8).padStart(4, '0')}, ${(~permMask & 0o666).toString(8).padStart(4, '0')} suggested.`);
  }
  if (S_ISREG(st.mode) && st.uid !== 0) yield* warnx(c, `${special}: insecure file owner ${st.uid}, 0 (root) suggested.`);
  if (S_ISREG(st.mode) && st.blocks * 512 < st.size) { yield* warnx(c, `${special}: skipping - it appears to have holes.`); return -1; }
  const page = yield* read_first_page(c, special);
  const sig = page ? swap_detect_signature(page.subarray(PAGE_SIZE - SWAP_SIGNATURE_SZ)) : null;
  if (!sig) { yield* warnx(c, `${special}: read swap header failed`); return -1; }
  if (sig === 'swsuspend') {
    yield* warnx(c, `${special}: software suspend data detected. Rewriting the swap signature.`);
    if ((yield* swap_rewrite_signature(c, special)) < 0) return -1;
  }
  return 0;
}

/** do_swapon(): resolve the spec, check it, swapon(2) with the priority and discard flags; 0 or -1. */
function* do_swapon(x: swapon_ctl, spec: string, prio: number, discard: number): KGen<number> {
  const c = x.c;
  if (x.verbose) yield* c.write(1, `swapon ${spec}\n`);
  const special = yield* resolve_spec(c, spec);
  if (!special) { yield* warnx(c, `cannot find the device for ${spec.replace(/^(UUID|LABEL)=/, '')}`); return -1; }
  if ((yield* swapon_checks(x, special)) < 0) return -1;
  let flags = prio >= 0 ? SWAP_FLAG_PREFER | Math.min(prio, SWAP_FLAG_PRIO_MASK) : 0;
  if (discard) flags |= discard & SWAP_FLAG_DISCARD_ONCE && discard & SWAP_FLAG_DISCARD_PAGES ? SWAP_FLAG_DISCARD : discard;
  const r = yield* c.swapon(special, flags);
  if (r < 0) { yield* warnx(c, `${spec}: swapon failed: ${strerror(-r)}`); return -1; }
  return 0;
}

/** parse_options(): fstab's (or -o's) pri=, discard[=once|pages] and nofail. */
function parse_options(opts: string, o: { prio: number; discard: number; nofail: boolean }): void {
  for (const opt of opts.split(',')) {
    const [k, v] = opt.split('=');
    if (k === 'nofail') o.nofail = true;
    else if (k === 'pri' && v !== undefined) o.prio = parseInt(v, 10) || 0;
    else if (k === 'discard') o.discard |= SWAP_FLAG_DISCARD | (v === 'once' ? SWAP_FLAG_DISCARD_ONCE : v === 'pages' ? SWAP_FLAG_DISCARD_PAGES : 0);
  }
}

/** swapon_all(): each swap line of /etc/fstab without noauto, unless already active (or missing with nofail). */
function* swapon_all(x: swapon_ctl, prio: number, discard: number, ifexists: boolean): KGen<number> {
  const c = x.c;
  const fstab = yield* c.read_text('/etc/fstab');
  if (typeof fstab === 'number') return 0;
  const active = new Set((yield* get_swaps(c)).map((s) => s.path));
  let status = 0;
  for (const line of fstab.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 3 || f[0]!.startsWith('#') || f[2] !== 'swap') continue;
    const o = { prio, discard, nofail: ifexists };
    const opts = f[3] ?? 'defaults';
    if (opts.split(',').includes('noauto')) continue;
    parse_options(opts, o);
    const src = yield* resolve_spec(c, f[0]!);
    if (!src) { if (!o.nofail) status |= yield* do_swapon(x, f[0]!, o.prio, o.discard); continue; }
    if (active.has(src)) continue;
    if (o.nofail && typeof (yield* c.stat(src)) === 'number') continue;
    status |= yield* do_swapon(x, src, o.prio, o.discard);
  }
  return status;
}

/** display_summary() (-s): /proc/swaps' areas in the old fixed columns. */
function* display_summary(c: Libc): KGen<number> {
  const swaps = yield* get_swaps(c);
  if (!swaps.length) return 0;
  let out = 'Filename\t\t\t\tType\t\tSize\tUsed\tPriority\n';
  for (const s of swaps) out += `${s.path.padEnd(39)}\t${s.type.padEnd(8)}\t${s.size}\t${s.used}\t${s.prio}\n`;
  yield* c.write(1, out);
  return 0;
}

const COLUMNS: Record<string, { right: boolean; get: (s: swap_entry, bytes: boolean) => string }> = {
  NAME: { right: false, get: (s) => s.path },
  TYPE: { right: false, get: (s) => s.type },
  SIZE: { right: true, get: (s, b) => (b ? String(s.size * 1024) : size_to_human_string(s.size * 1024)) },
  USED: { right: true, get: (s, b) => (b ? String(s.used * 1024) : size_to_human_string(s.used * 1024)) },
  PRIO: { right: true, get: (s) => String(s.prio) },
};

/** show_table() (--show, or no arguments): a libsmartcols table, nothing at all when no area is active. */
function* show_table(c: Libc, cols: string[], bytes: boolean, raw: boolean, headings: boolean): KGen<number> {
  const swaps = yield* get_swaps(c);
  if (!swaps.length) return 0;
  const out = scols_print(cols.map((n) => ({ name: n, right: COLUMNS[n]!.right })), swaps.map((s) => ({ cells: cols.map((n) => COLUMNS[n]!.get(s, bytes)) })), { tree: false, raw, headings });
  yield* c.write(1, out);
  return 0;
}

export function* swapon_main(c: Libc, argv: string[]): KGen<number> {
  // --show[=<columns>] and --discard[=<policy>] take optional arguments, attached only.
  let columns = ['NAME', 'TYPE', 'SIZE', 'USED', 'PRIO'];
  argv = argv.map((a) => {
    const m = /^--(show|discard)=(.*)$/.exec(a);
    if (!m) return a;
    if (m[1] === 'show') columns = m[2]!.split(',').map((n) => n.toUpperCase());
    return m[1] === 'show' ? '--show' : `-d${m[2]}`;
  });
  const bad = columns.find((n) => !COLUMNS[n]);
  if (bad) { yield* c.write(2, `swapon: unknown column: ${bad}\n`); return 1; }
  const p = getopt(argv, {
    short: 'ahd::efo:p:svVL:U:',
    long: { 'priority=': 'p', discard: 'd', ifexists: 'e', 'options=': 'o', summary: 's', fixpgsz: 'f', all: 'a', help: 'h', verbose: 'v', version: 'V', show: 'S', noheadings: 'N', raw: 'R', bytes: 'B' },
  });
  if (p.error) { yield* c.write(2, `swapon: ${p.error}\nTry 'swapon --help' for more information.\n`); return 1; }
  if (has(p, 'V')) { yield* c.write(1, 'swapon from util-linux 2.38.1\n'); return 0; }
  if (has(p, 's')) return yield* display_summary(c);
  const x: swapon_ctl = { c, verbose: has(p, 'v') };
  const opts = { prio: -1, discard: 0, nofail: has(p, 'e') };
  const pv = optval(p, 'p');
  if (pv !== undefined) {
    if (!/^-?\d+$/.test(pv) || Math.abs(Number(pv)) > 32767) { yield* c.write(2, `swapon: failed to parse priority: '${pv}'\n`); return 1; }
    opts.prio = Number(pv);
  }
  for (const [k, v] of p.opts) {
    if (k !== 'd') continue;
    opts.discard |= SWAP_FLAG_DISCARD;
    const pol = v.replace(/^=/, '');
    if (pol === 'once') opts.discard |= SWAP_FLAG_DISCARD_ONCE;
    else if (pol === 'pages') opts.discard |= SWAP_FLAG_DISCARD_PAGES;
    else if (pol) { yield* c.write(2, `swapon: unsupported discard policy: ${pol}\n`); return 1; }
  }
  const specs = [...p.opts.filter(([k]) => k === 'L').map(([, v]) => `LABEL=${v}`), ...p.opts.filter(([k]) => k === 'U').map(([, v]) => `UUID=${v}`)];
  if (has(p, 'S') || (!has(p, 'a') && !specs.length && !p.args.length)) {
    return yield* show_table(c, columns, has(p, 'B'), has(p, 'R'), !has(p, 'N'));
  }
  let status = 0;
  if (has(p, 'a')) status |= yield* swapon_all(x, opts.prio, opts.discard, opts.nofail);
  const o = optval(p, 'o');
  if (o !== undefined) parse_options(o, opts);
  for (const s of [...specs, ...p.args]) status |= yield* do_swapon(x, s, opts.prio, opts.discard);
  // main() returns the OR of -1s: exit status 255 when any failed.
  return status & 0xff;
}
