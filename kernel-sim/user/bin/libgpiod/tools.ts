// Models libgpiod 1.6 tools/gpiodetect.c and tools/gpioinfo.c: list the GPIO chips, and each chip's lines with name, consumer, direction, active state and flags.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import {
  gpiod_chip_close, gpiod_chip_get_line, gpiod_chip_iter, gpiod_chip_open_lookup, gpiod_line_is_active_low, gpiod_line_is_open_drain, gpiod_line_is_open_source,
  gpiod_line_is_output, gpiod_line_is_used, line_bias_is_disabled, line_bias_is_pulldown, line_bias_is_pullup, type gpiod_chip, type gpiod_line,
} from './core.ts';

/** tools-common.c die()/die_perror(): "<prog>: <message>" and exit status 1. */
function* die(c: Libc, prog: string, msg: string): KGen<number> {
  yield* c.write(2, `${prog}: ${msg}\n`);
  return 1;
}

/** gpiodetect: "<name> [<label>] (<n> lines)" per chip. */
export function* gpiodetect_main(c: Libc, argv: string[]): KGen<number> {
  if (argv.length > 1 && argv[1] !== '-h' && argv[1] !== '--help') return yield* die(c, 'gpiodetect', 'unrecognized argument');
  const chips = yield* gpiod_chip_iter(c);
  if (typeof chips === 'number') return yield* die(c, 'gpiodetect', `unable to access GPIO chips: ${strerror(-chips)}`);
  let out = '';
  for (const chip of chips) {
    out += `${chip.name} [${chip.label}] (${chip.num_lines} lines)\n`;
    yield* gpiod_chip_close(c, chip);
  }
  yield* c.write(1, out);
  return 0;
}

/**
 * prinfo(): the text right-aligned in `prlen` columns, unless it (less one) is as wide as the column
 * or an earlier field already overflowed: then as is, and every later field of the line too.
 */
function prinfo(of: { v: boolean }, prlen: number, text: string): string {
  if (text.length - 1 >= prlen || of.v) {
    of.v = true;
    return text;
  }
  return text.padStart(prlen);
}

const FLAGS: ReadonlyArray<[string, (l: gpiod_line) => boolean]> = [
  ['used', gpiod_line_is_used], ['open-drain', gpiod_line_is_open_drain], ['open-source', gpiod_line_is_open_source],
  ['pull-up', line_bias_is_pullup], ['pull-down', line_bias_is_pulldown], ['bias-disabled', line_bias_is_disabled],
];

/** list_lines(): the chip's header and one row per line. */
function* list_lines(c: Libc, chip: gpiod_chip): KGen<string | number> {
  let out = `${chip.name} - ${chip.num_lines} lines:\n`;
  for (let offset = 0; offset < chip.num_lines; offset++) {
    const line = yield* gpiod_chip_get_line(c, chip, offset);
    if (typeof line === 'number') return line;
    const of = { v: false };
    out += `\tline ${prinfo(of, 3, String(offset))}: `;
    out += `${prinfo(of, 12, line.name ? `"${line.name}"` : 'unnamed')} `;
    out += `${prinfo(of, 12, !gpiod_line_is_used(line) ? 'unused' : line.consumer ? `"${line.consumer}"` : 'kernel')} `;
    out += prinfo(of, 8, `${gpiod_line_is_output(line) ? 'output' : 'input'} `);
    out += prinfo(of, 13, `${gpiod_line_is_active_low(line) ? 'active-low' : 'active-high'} `);
    const set = FLAGS.filter(([, f]) => f(line)).map(([n]) => n);
    if (set.length) out += `[${set.join(' ')}]`;
    out += '\n';
  }
  return out;
}

/** gpioinfo [CHIP]...: every chip, or the named ones. */
export function* gpioinfo_main(c: Libc, argv: string[]): KGen<number> {
  const args = argv.slice(1);
  const bad = args.find((a) => a.startsWith('-') && a !== '-h' && a !== '--help');
  if (bad) return yield* die(c, 'gpioinfo', `unrecognized option '${bad}'`);
  let chips: gpiod_chip[];
  if (!args.length) {
    const all = yield* gpiod_chip_iter(c);
    if (typeof all === 'number') return yield* die(c, 'gpioinfo', `unable to access GPIO chips: ${strerror(-all)}`);
    chips = all;
  } else {
    chips = [];
    for (const a of args) {
      const chip = yield* gpiod_chip_open_lookup(c, a);
      if (typeof chip === 'number') {
        return yield* die(c, 'gpioinfo', `looking up chip ${a}: ${strerror(-chip)}`);
      }
      chips.push(chip);
    }
  }
  for (const chip of chips) {
    const text = yield* list_lines(c, chip);
    yield* gpiod_chip_close(c, chip);
    if (typeof text === 'number') return yield* die(c, 'gpioinfo', `unable to retrieve GPIO line info: ${strerror(-text)}`);
    yield* c.write(1, text);
  }
  return 0;
}
