// Models GNU coreutils stty(1): the short and -a listings, size, raw/cooked/sane, named flags with "-" to clear, control characters, rows/cols, via TCGETS/TCSETS and TIOCGWINSZ/TIOCSWINSZ.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { tcgetattr, tcsetattr, get_winsize, type termios } from '../../lib/unistd.ts';
import * as T from '../../../drivers/tty/termios.ts';

type flagset = 'c_iflag' | 'c_oflag' | 'c_cflag' | 'c_lflag';
/** The flags stty knows: name, field, bit, whether -a shows it, and the sane value. */
const FLAGS: [string, flagset, number, boolean, boolean][] = [
  ['parenb', 'c_cflag', 0o400, true, false], ['parodd', 'c_cflag', 0o1000, true, false], ['cmspar', 'c_cflag', 0o10000000000, true, false],
  ['cs8', 'c_cflag', 0o60, true, true], ['hupcl', 'c_cflag', T.HUPCL, true, true], ['cstopb', 'c_cflag', 0o100, true, false],
  ['cread', 'c_cflag', T.CREAD, true, true], ['clocal', 'c_cflag', T.CLOCAL, true, false], ['crtscts', 'c_cflag', 0o20000000000, true, false],
  ['ignbrk', 'c_iflag', T.IGNBRK, true, false], ['brkint', 'c_iflag', T.BRKINT, true, true], ['ignpar', 'c_iflag', T.IGNPAR, true, false],
  ['parmrk', 'c_iflag', 0o10, true, false], ['inpck', 'c_iflag', 0o20, true, false], ['istrip', 'c_iflag', T.ISTRIP, true, false],
  ['inlcr', 'c_iflag', T.INLCR, true, false], ['igncr', 'c_iflag', T.IGNCR, true, false], ['icrnl', 'c_iflag', T.ICRNL, true, true],
  ['ixon', 'c_iflag', T.IXON, true, true], ['ixoff', 'c_iflag', T.IXOFF, true, false], ['iuclc', 'c_iflag', 0o1000, true, false],
  ['ixany', 'c_iflag', T.IXANY, true, false], ['imaxbel', 'c_iflag', T.IMAXBEL, true, true], ['iutf8', 'c_iflag', T.IUTF8, true, false],
  ['opost', 'c_oflag', T.OPOST, true, true], ['olcuc', 'c_oflag', 0o2, true, false], ['ocrnl', 'c_oflag', T.OCRNL, true, false],
  ['onlcr', 'c_oflag', T.ONLCR, true, true], ['onocr', 'c_oflag', 0o20, true, false], ['onlret', 'c_oflag', 0o40, true, false],
  ['ofill', 'c_oflag', 0o100, true, false], ['ofdel', 'c_oflag', 0o200, true, false],
  ['isig', 'c_lflag', T.ISIG, true, true], ['icanon', 'c_lflag', T.ICANON, true, true], ['iexten', 'c_lflag', T.IEXTEN, true, true],
  ['echo', 'c_lflag', T.ECHO, true, true], ['echoe', 'c_lflag', T.ECHOE, true, true], ['echok', 'c_lflag', T.ECHOK, true, true],
  ['echonl', 'c_lflag', T.ECHONL, true, false], ['noflsh', 'c_lflag', T.NOFLSH, true, false], ['xcase', 'c_lflag', 0o4, true, false],
  ['tostop', 'c_lflag', T.TOSTOP, true, false], ['echoprt', 'c_lflag', T.ECHOPRT, true, false], ['echoctl', 'c_lflag', T.ECHOCTL, true, true],
  ['echoke', 'c_lflag', T.ECHOKE, true, true], ['flusho', 'c_lflag', 0o10000, true, false], ['extproc', 'c_lflag', 0o200000, true, false],
];
const GROUP_BREAK = new Set(['ignbrk', 'opost', 'isig']);
const CHARS: [string, number][] = [
  ['intr', T.VINTR], ['quit', T.VQUIT], ['erase', T.VERASE], ['kill', T.VKILL], ['eof', T.VEOF], ['eol', T.VEOL], ['eol2', T.VEOL2],
  ['swtch', T.VSWTC], ['start', T.VSTART], ['stop', T.VSTOP], ['susp', T.VSUSP], ['rprnt', T.VREPRINT], ['werase', T.VWERASE],
  ['lnext', T.VLNEXT], ['discard', T.VDISCARD],
];
const SPEEDS: Record<number, string> = { 0o17: '38400', 0o15: '9600', 0o16: '19200', 0o10001: '57600', 0o10002: '115200', 0o10003: '230400', 0o10004: '460800', 0o10010: '921600' };

function visible(ch: number): string {
  if (ch === 0) return '<undef>';
  if (ch === 127) return '^?';
  if (ch < 32) return '^' + String.fromCharCode(ch + 64);
  if (ch >= 128) return 'M-' + visible(ch - 128);
  return String.fromCharCode(ch);
}

function parse_char(s: string): number | null {
  if (s === '^-' || s === 'undef') return 0;
  if (s === '^?') return 127;
  if (/^\^.$/.test(s)) return s.charCodeAt(1) & 0x1f;
  if (/^\d+$/.test(s)) return Number(s) & 0xff;
  if (s.length === 1) return s.charCodeAt(0);
  return null;
}

/** coreutils' wrap(): items joined by spaces, a new line before an item that would reach max_col. */
function wrapper(max_col: number): { put(s: string): void; nl(): void; text(): string } {
  let out = '', col = 0;
  return {
    put(s: string) {
      if (col > 0) { if (col + 1 + s.length >= max_col) { out += '\n'; col = 0; } else { out += ' '; col++; } }
      out += s; col += s.length;
    },
    nl() { if (col > 0) { out += '\n'; col = 0; } },
    text() { return out + (col > 0 ? '\n' : ''); },
  };
}

export function* stty_main(c: Libc, argv: string[]): KGen<number> {
  const args = argv.slice(1);
  let fd = 0;
  let dev = 'standard input';
  const fi = args.findIndex((a) => a === '-F' || a === '--file' || a.startsWith('--file='));
  if (fi >= 0) {
    const name = args[fi].startsWith('--file=') ? args[fi].slice(7) : args[fi + 1];
    args.splice(fi, args[fi].startsWith('--file=') ? 1 : 2);
    fd = yield* c.open(name, 0o2 | 0o4000);
    if (fd < 0) { yield* c.write(2, `stty: ${name}: ${strerror(-fd)}\n`); return 1; }
    dev = name;
  }
  const t = yield* tcgetattr(c, fd);
  if (typeof t === 'number') { yield* c.write(2, `stty: '${dev}': ${strerror(-t)}\n`); return 1; }
  const ws = yield* get_winsize(c, fd);
  const out_ws = yield* get_winsize(c, 1);
  const max_col = out_ws?.cols || 80;
  if (args.length === 0 || args[0] === '-a' || args[0] === '--all' || args[0] === '-g' || args[0] === '--save') {
    const all = args[0] === '-a' || args[0] === '--all';
    if (args[0] === '-g' || args[0] === '--save') {
      yield* c.write(1, [t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag, ...t.c_cc.slice(0, T.NCCS)].map((v) => v.toString(16)).join(':') + '\n');
      return 0;
    }
    const w = wrapper(max_col);
    const speed = SPEEDS[t.c_cflag & 0o10017] ?? '38400';
    w.put(`speed ${speed} baud;`);
    if (all && ws) { w.put(`rows ${ws.rows};`); w.put(`columns ${ws.cols};`); }
    w.put(`line = ${t.c_line};`);
    const sane = T.tty_std_termios();
    if (all) {
      w.nl();
      for (const [name, idx] of CHARS) w.put(`${name} = ${visible(t.c_cc[idx])};`);
      w.put(`min = ${t.c_cc[T.VMIN]};`); w.put(`time = ${t.c_cc[T.VTIME]};`);
      w.nl();
      for (const [name, field, bit] of FLAGS) {
        if (GROUP_BREAK.has(name)) w.nl();
        w.put(((t[field] & bit) === bit ? '' : '-') + name);
        if (name === 'ofdel') { for (const x of ['nl0', 'cr0', 'tab0', 'bs0', 'vt0', 'ff0']) w.put(x); }
      }
    } else {
      const diffs_cc: string[] = [];
      for (const [name, idx] of CHARS) if (t.c_cc[idx] !== sane.c_cc[idx]) diffs_cc.push(`${name} = ${visible(t.c_cc[idx])};`);
      if (t.c_cc[T.VMIN] !== sane.c_cc[T.VMIN] || t.c_cc[T.VTIME] !== sane.c_cc[T.VTIME] || !(t.c_lflag & T.ICANON)) { diffs_cc.push(`min = ${t.c_cc[T.VMIN]};`, `time = ${t.c_cc[T.VTIME]};`); }
      for (const d of diffs_cc) w.put(d);
      w.nl();
      let group: flagset | null = null;
      for (const [name, field, bit] of FLAGS) {
        const on = (t[field] & bit) === bit, sane_on = (sane[field] & bit) === bit;
        if (on === sane_on) continue;
        if (group && group !== field) w.nl();
        group = field;
        w.put((on ? '' : '-') + name);
      }
    }
    yield* c.write(1, w.text());
    return 0;
  }
  if (args[0] === 'size') {
    if (!ws) { yield* c.write(2, `stty: ${dev}: unable to perform all requested operations\n`); return 1; }
    yield* c.write(1, `${ws.rows} ${ws.cols}\n`);
    return 0;
  }
  if (args[0] === 'speed') { yield* c.write(1, `${SPEEDS[t.c_cflag & 0o10017] ?? '38400'}\n`); return 0; }
  const n: termios = { ...t, c_cc: t.c_cc.slice() };
  let rows = ws?.rows ?? 0, cols = ws?.cols ?? 0, set_ws = false;
  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    const clear = a.startsWith('-');
    if (clear) a = a.slice(1);
    const flag = FLAGS.find((f) => f[0] === a);
    if (flag) { if (clear) n[flag[1]] &= ~flag[2]; else n[flag[1]] |= flag[2]; continue; }
    const cc = CHARS.find((x) => x[0] === a);
    if (cc && !clear) {
      const v = args[++i];
      const ch = v === undefined ? null : parse_char(v);
      if (ch === null) { yield* c.write(2, v === undefined ? `stty: missing argument to '${a}'\n` : `stty: invalid integer argument: '${v}'\n`); return 1; }
      n.c_cc[cc[1]] = ch; continue;
    }
    if ((a === 'min' || a === 'time') && !clear) { n.c_cc[a === 'min' ? T.VMIN : T.VTIME] = Number(args[++i] ?? 0) & 0xff; continue; }
    if ((a === 'rows' || a === 'cols' || a === 'columns') && !clear) { const v = Number(args[++i]); if (a === 'rows') rows = v; else cols = v; set_ws = true; continue; }
    if (a === 'raw' && !clear || a === 'cooked' && clear) {
      n.c_iflag &= ~(T.IGNBRK | T.BRKINT | T.IGNPAR | 0o10 | 0o20 | T.ISTRIP | T.INLCR | T.IGNCR | T.ICRNL | T.IXON | T.IXOFF | 0o1000 | T.IXANY | T.IMAXBEL);
      n.c_oflag &= ~T.OPOST;
      n.c_lflag &= ~(T.ISIG | T.ICANON | 0o4 | T.IEXTEN);
      n.c_cc[T.VMIN] = 1; n.c_cc[T.VTIME] = 0; continue;
    }
    if (a === 'raw' && clear || a === 'cooked' && !clear) {
      n.c_iflag |= T.BRKINT | T.IGNPAR | T.ISTRIP | T.ICRNL | T.IXON; n.c_oflag |= T.OPOST; n.c_lflag |= T.ISIG | T.ICANON; continue;
    }
    if (a === 'sane' && !clear) {
      const s = T.tty_std_termios();
      for (const [, field, bit, , on] of FLAGS) { if (on) n[field] |= bit; else n[field] &= ~bit; }
      for (const [, idx] of CHARS) n.c_cc[idx] = s.c_cc[idx];
      n.c_cc[T.VMIN] = 1; n.c_cc[T.VTIME] = 0; continue;
    }
    if (a === 'cbreak') { if (clear) n.c_lflag |= T.ICANON; else n.c_lflag &= ~T.ICANON; continue; }
    if (a === 'nl') { if (clear) { n.c_iflag |= T.ICRNL; n.c_oflag |= T.ONLCR; } else { n.c_iflag &= ~T.ICRNL; n.c_oflag &= ~T.ONLCR; } continue; }
    yield* c.write(2, `stty: invalid argument '${args[i]}'\nTry 'stty --help' for more information.\n`);
    return 1;
  }
  const r = yield* tcsetattr(c, fd, T.TCSETSW, n);
  if (r < 0) { yield* c.write(2, `stty: '${dev}': ${strerror(-r)}\n`); return 1; }
  if (set_ws) {
    const b = new Uint8Array(8);
    const dv = new DataView(b.buffer);
    dv.setUint16(0, rows, true); dv.setUint16(2, cols, true);
    yield* c.ioctl(fd, T.TIOCSWINSZ, b);
  }
  return 0;
}
