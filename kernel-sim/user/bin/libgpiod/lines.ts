// Models libgpiod 1.6 tools/gpioget.c, gpioset.c and gpiomon.c (with tools-common.c's option helpers): read input lines, drive output lines (exit, wait, time and signal modes), and print the edge events of lines.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { EINVAL } from '../../../include/uapi/asm-generic/errno.ts';
import { getopt, type optspec, type parsed } from '../../lib/getopt.ts';
import { poll, POLLIN } from '../../lib/socket.ts';
import { gpiod_chip_close, gpiod_chip_open_lookup, type gpiod_chip } from './core.ts';
import {
  GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW, GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE, GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN, GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP,
  GPIOD_LINE_REQUEST_FLAG_OPEN_DRAIN, GPIOD_LINE_REQUEST_FLAG_OPEN_SOURCE, gpiod_line_event_read_multiple, gpiod_line_get_value_bulk, gpiod_line_release_bulk,
  gpiod_line_request_bulk, type gpiod_line_event, type request_type,
} from './request.ts';

const SIGINT = 2, SIGTERM = 15;
const INT_MAX = 0x7fffffff;

/** die()/die_perror() of tools-common.c: "<prog>: <msg>[: <strerror>]" on stderr, exit status 1. */
class Die { constructor(readonly msg: string) {} }
const die = (msg: string): never => { throw new Die(msg); };
const die_perror = (msg: string, err: number): never => die(`${msg}: ${strerror(-err)}`);

/** Runs a tool body, turning die() into its message and status 1. */
function* tool(c: Libc, prog: string, body: () => KGen<number>): KGen<number> {
  try {
    return yield* body();
  } catch (e) {
    if (!(e instanceof Die)) throw e;
    yield* c.write(2, `${prog}: ${e.msg}\n`);
    return 1;
  }
}

/** getopt_long with "+" (no permutation); an unknown option prints glibc's line, then "try <prog> --help". */
function* options(c: Libc, prog: string, argv: string[], spec: optspec): KGen<parsed> {
  const p = getopt(argv, { ...spec, permute: false });
  if (p.error) {
    yield* c.write(2, `${prog}: ${p.error}\n`);
    die(`try ${prog} --help`);
  }
  return p;
}

/** parse_bias() of tools-common.c. */
function parse_bias(option: string): number {
  const m: Record<string, number> = { 'as-is': 0, disable: GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE, 'pull-down': GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN, 'pull-up': GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP };
  return m[option] ?? die(`invalid bias: ${option}`);
}

/** The -l and -B options the three tools share. */
function common_flags(p: parsed): number {
  let flags = 0;
  for (const [k, v] of p.opts) {
    if (k === 'l') flags |= GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW;
    else if (k === 'B') flags |= parse_bias(v);
  }
  return flags;
}

/** gpiod_chip_open_lookup() then gpiod_chip_get_lines(): an offset past the chip's last line is EINVAL. */
function* open_chip(c: Libc, name: string, offsets: number[]): KGen<gpiod_chip> {
  const chip = yield* gpiod_chip_open_lookup(c, name);
  if (typeof chip === 'number') return die_perror(`unable to open ${name}`, chip);
  if (offsets.some((o) => o >= chip.num_lines)) die_perror('unable to retrieve GPIO lines from chip', -EINVAL);
  return chip;
}

/** strtoul(...) with nothing left over, at most INT_MAX. */
function parse_offset(s: string): number | null {
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n > INT_MAX ? null : n;
}

const HELP_COMMON = '  -h, --help:\t\tdisplay this message and exit\n  -v, --version:\t\tdisplay the version and exit\n  -l, --active-low:\tset the line active state to low\n'
  + '  -B, --bias=[as-is|disable|pull-down|pull-up] (defaults to \'as-is\'):\n\t\tset the line bias\n';
const VERSION = (prog: string): string => `${prog} (libgpiod) v1.6.3\nCopyright (C) 2017-2018 Bartosz Golaszewski\nLicense: LGPLv2.1\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n`;

/** -h / -v: the text, and true when the tool should exit 0. */
function* help_or_version(c: Libc, prog: string, p: parsed, help: string): KGen<boolean> {
  if (p.opts.some(([k]) => k === 'h')) { yield* c.write(1, help); return true; }
  if (p.opts.some(([k]) => k === 'v')) { yield* c.write(1, VERSION(prog)); return true; }
  return false;
}

// ---- gpioget ---------------------------------------------------------------------------

const GPIOGET: optspec = { short: 'hvlB:', long: { help: 'h', version: 'v', 'active-low': 'l', 'bias=': 'B' } };

/** gpioget <chip> <offset>...: the lines' values as input, space separated. */
export function* gpioget_main(c: Libc, argv: string[]): KGen<number> {
  return yield* tool(c, 'gpioget', function* () {
    const p = yield* options(c, 'gpioget', argv, GPIOGET);
    const usage = 'Usage: gpioget [OPTIONS] <chip name/number> <offset 1> <offset 2> ...\n\nRead line value(s) from a GPIO chip\n\nOptions:\n' + HELP_COMMON;
    if (yield* help_or_version(c, 'gpioget', p, usage)) return 0;
    const flags = common_flags(p);
    if (p.args.length < 1) die('gpiochip must be specified');
    if (p.args.length < 2) die('at least one GPIO line offset must be specified');
    const offsets = p.args.slice(1).map((a) => parse_offset(a) ?? die(`invalid GPIO offset: ${a}`));
    const chip = yield* open_chip(c, p.args[0]!, offsets);
    const req = yield* gpiod_line_request_bulk(c, chip, offsets, 'input', 'gpioget', flags);
    if (typeof req === 'number') return die_perror('unable to request lines', req);
    const values = yield* gpiod_line_get_value_bulk(c, req);
    if (typeof values === 'number') die_perror('error reading GPIO values', values as number);
    yield* c.write(1, `${(values as number[]).join(' ')}\n`);
    yield* gpiod_line_release_bulk(c, req);
    yield* gpiod_chip_close(c, chip);
    return 0;
  });
}

// ---- gpioset ---------------------------------------------------------------------------

const GPIOSET: optspec = {
  short: 'hvlB:D:m:s:u:b',
  long: { help: 'h', version: 'v', 'active-low': 'l', 'bias=': 'B', 'drive=': 'D', 'mode=': 'm', 'sec=': 's', 'usec=': 'u', background: 'b' },
};
const MODES = ['exit', 'wait', 'time', 'signal'] as const;

/** gpioset <chip> <offset>=<value>...: drives the lines, then holds them as the mode says. */
export function* gpioset_main(c: Libc, argv: string[]): KGen<number> {
  return yield* tool(c, 'gpioset', function* () {
    const p = yield* options(c, 'gpioset', argv, GPIOSET);
    const usage = 'Usage: gpioset [OPTIONS] <chip name/number> <offset1>=<value1> <offset2>=<value2> ...\n\nSet GPIO line values of a GPIO chip and maintain the state until the process exits\n\nOptions:\n'
      + HELP_COMMON + '  -D, --drive=[push-pull|open-drain|open-source] (defaults to \'push-pull\'):\n\t\tset the line drive mode\n'
      + '  -m, --mode=[exit|wait|time|signal] (defaults to \'exit\'):\n\t\ttell the program what to do after setting values\n'
      + '  -s, --sec=SEC:\tspecify the number of seconds to wait (only valid for --mode=time)\n  -u, --usec=USEC:\tspecify the number of microseconds to wait (only valid for --mode=time)\n'
      + '  -b, --background:\tafter setting values: detach from the controlling terminal\n';
    if (yield* help_or_version(c, 'gpioset', p, usage)) return 0;
    let flags = common_flags(p), mode: (typeof MODES)[number] = 'exit', sec = 0, usec = 0, background = false;
    for (const [k, v] of p.opts) {
      if (k === 'D') {
        const d: Record<string, number> = { 'push-pull': 0, 'open-drain': GPIOD_LINE_REQUEST_FLAG_OPEN_DRAIN, 'open-source': GPIOD_LINE_REQUEST_FLAG_OPEN_SOURCE };
        flags |= d[v] ?? die(`invalid drive: ${v}`);
      } else if (k === 'm') mode = MODES.find((m) => m === v) ?? die(`invalid mode: ${v}`);
      else if (k === 's') sec = parse_offset(v) ?? die(`invalid time value in seconds: ${v}`);
      else if (k === 'u') usec = parse_offset(v) ?? die(`invalid time value in microseconds: ${v}`);
      else if (k === 'b') background = true;
    }
    if (mode !== 'time' && (sec || usec)) die('can\'t specify wait time in this mode');
    if (background && mode !== 'signal' && mode !== 'time') die('can\'t daemonize in this mode');
    if (p.args.length < 1) die('gpiochip must be specified');
    if (p.args.length < 2) die('at least one GPIO line offset to value mapping must be specified');
    const offsets: number[] = [], values: number[] = [];
    for (const a of p.args.slice(1)) {
      const m = /^(\d+)=(-?\d+)/.exec(a);
      if (!m) die(`invalid offset<->value mapping: ${a}`);
      const value = Number(m![2]);
      if (value !== 0 && value !== 1) die(`value must be 0 or 1: ${a}`);
      if (Number(m![1]) > INT_MAX) die(`invalid offset: ${a}`);
      offsets.push(Number(m![1]));
      values.push(value);
    }
    const chip = yield* open_chip(c, p.args[0]!, offsets);
    const req = yield* gpiod_line_request_bulk(c, chip, offsets, 'output', 'gpioset', flags, values);
    if (typeof req === 'number') return die_perror('unable to request lines', req);
    if (mode === 'wait') yield* c.read(0, 1); // wait_enter(): getchar()
    else if (mode === 'time') yield* c.nanosleep(sec * 1e9 + usec * 1e3);
    else if (mode === 'signal') yield* wait_signal(c);
    yield* gpiod_line_release_bulk(c, req);
    yield* gpiod_chip_close(c, chip);
    return 0;
  });
}

/** wait_signal(): holds the lines until SIGINT or SIGTERM, then exits normally. */
function* wait_signal(c: Libc): KGen<void> {
  let got = false;
  const on = (): void => { got = true; };
  yield* c.signal(SIGINT, on);
  yield* c.signal(SIGTERM, on);
  while (!got) yield* c.nanosleep(3600 * 1e9);
}

// ---- gpiomon ---------------------------------------------------------------------------

const GPIOMON: optspec = {
  short: 'hvlB:n:srfbF:',
  long: { help: 'h', version: 'v', 'active-low': 'l', 'bias=': 'B', 'num-events=': 'n', silent: 's', 'rising-edge': 'r', 'falling-edge': 'f', 'line-buffered': 'b', 'format=': 'F' },
};

/** event_print_custom(): %e (1 rising, 0 falling), %o, %s, %n and %%; anything else is printed as is. */
function event_print_custom(fmt: string, ev: gpiod_line_event): string {
  const subst: Record<string, string> = { e: ev.rising ? '1' : '0', o: String(ev.offset), s: String(ev.sec), n: String(ev.nsec), '%': '%' };
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch === '%' && i + 1 < fmt.length && subst[fmt[i + 1]!] !== undefined) out += subst[fmt[++i]!];
    else out += ch;
  }
  return `${out}\n`;
}

/** event_print_human_readable(): "event:  RISING EDGE offset: 4 timestamp: [     123.000000456]". */
const event_print_human_readable = (ev: gpiod_line_event): string =>
  `event: ${ev.rising ? ' RISING EDGE' : 'FALLING EDGE'} offset: ${ev.offset} timestamp: [${String(ev.sec).padStart(8)}.${String(ev.nsec).padStart(9, '0')}]\n`;

/** gpiomon <chip> <offset>...: waits for edges (10 s poll timeouts) and prints each event until -n events or a signal. */
export function* gpiomon_main(c: Libc, argv: string[]): KGen<number> {
  return yield* tool(c, 'gpiomon', function* () {
    const p = yield* options(c, 'gpiomon', argv, GPIOMON);
    const usage = 'Usage: gpiomon [OPTIONS] <chip name/number> <offset 1> <offset 2> ...\n\nWait for events on GPIO lines and print them to standard output\n\nOptions:\n'
      + HELP_COMMON + '  -n, --num-events=NUM:\texit after processing NUM events\n  -s, --silent:\t\tdon\'t print event info\n'
      + '  -r, --rising-edge:\tonly process rising edge events\n  -f, --falling-edge:\tonly process falling edge events\n'
      + '  -b, --line-buffered:\tset standard output as line buffered\n  -F, --format=FMT\tspecify custom output format\n';
    if (yield* help_or_version(c, 'gpiomon', p, usage)) return 0;
    const flags = common_flags(p);
    let num = 0, silent = false, rising = false, falling = false, fmt: string | null = null;
    for (const [k, v] of p.opts) {
      if (k === 'n') num = parse_offset(v) ?? die(`invalid number: ${v}`);
      else if (k === 's') silent = true;
      else if (k === 'r') rising = true;
      else if (k === 'f') falling = true;
      else if (k === 'F') fmt = v;
    }
    const type: request_type = rising && !falling ? 'rising' : falling && !rising ? 'falling' : 'both';
    if (p.args.length < 1) die('gpiochip must be specified');
    if (p.args.length < 2) die('GPIO line offset must be specified');
    const offsets = p.args.slice(1).map((a) => parse_offset(a) ?? die(`invalid GPIO offset: ${a}`));
    const chip = yield* open_chip(c, p.args[0]!, offsets);
    const req = yield* gpiod_line_request_bulk(c, chip, offsets, type, 'gpiomon', flags);
    if (typeof req === 'number') return die_perror('unable to request GPIO lines for events', req);
    let stop = false;
    const on = (): void => { stop = true; };
    yield* c.signal(SIGINT, on);
    yield* c.signal(SIGTERM, on);
    let seen = 0;
    while (!stop) {
      const rev = yield* poll(c, req.fds.map((fd) => ({ fd, events: POLLIN })), 10_000);
      if (typeof rev === 'number') {
        if (stop) break;
        die_perror('error waiting for events', rev);
      }
      for (const [i, r] of (rev as number[]).entries()) {
        if (!(r & POLLIN)) continue;
        const evs = yield* gpiod_line_event_read_multiple(c, req.fds[i]!, req.offsets[i]!);
        if (typeof evs === 'number') die_perror('error reading line events', evs as number);
        for (const ev of evs as gpiod_line_event[]) {
          if (!silent) yield* c.write(1, fmt !== null ? event_print_custom(fmt, ev) : event_print_human_readable(ev));
          if (num && ++seen >= num) { stop = true; break; }
        }
        if (stop) break;
      }
    }
    yield* gpiod_line_release_bulk(c, req);
    yield* gpiod_chip_close(c, chip);
    return 0;
  });
}
