// Models procps-ng kill(1): -l [SIG], -L, -s SIG, -SIG / -NUM / -SIGNAME, and its "kill: (PID): No such process" errors.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { signal_names } from '../../../include/uapi/signal.ts';

/** Signal names without "SIG", as procps lists them (29 is POLL). */
export function sig_name(n: number): string {
  if (n === 29) return 'POLL';
  return (signal_names[n] ?? '').replace(/^SIG/, '');
}

/** A signal given as a number or a name (with or without SIG, case-insensitive); -1 when unknown. */
export function sig_number(s: string): number {
  if (/^\d+$/.test(s)) { const n = Number(s); return n >= 0 && n <= 64 ? n : -1; }
  const u = s.toUpperCase().replace(/^SIG/, '');
  if (u === 'IO' || u === 'POLL') return 29;
  if (u === 'IOT') return 6;
  if (u === 'CLD') return 17;
  if (u.startsWith('RTMIN')) { const k = Number(u.slice(5) || 0); return 34 + k; }
  if (u.startsWith('RTMAX')) { const k = Number(u.slice(5) || 0); return 64 + k; }
  const i = signal_names.findIndex((x) => x === 'SIG' + u);
  return i > 0 ? i : -1;
}

/** unix_print_signals(): names separated by spaces, a new line once a line passes 73 columns. */
export function list_signals(): string {
  let out = '', pos = 0;
  for (let i = 1; i <= 31; i++) {
    if (i > 1) { if (pos > 73) { out += '\n'; pos = 0; } else { out += ' '; pos++; } }
    const n = sig_name(i);
    out += n; pos += n.length;
  }
  return out + '\n';
}

export function* kill_main(c: Libc, argv: string[]): KGen<number> {
  let sig = 15;
  let i = 1;
  const usage = function* (): KGen<number> {
    yield* c.write(2, '\nUsage:\n kill [options] <pid> [...]\n\nOptions:\n <pid> [...]            send signal to every <pid> listed\n -<signal>, -s, --signal <signal>\n                        specify the <signal> to be sent\n -q, --queue <value>    integer value to be sent with the signal\n -l, --list=[<signal>]  list all signal names, or convert one to a name\n -L, --table            list all signal names in a nice table\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see kill(1).\n');
    return 1;
  };
  if (argv.length < 2) return yield* usage();
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    if (a === '-l' || a === '--list' || a.startsWith('--list=')) {
      const v = a.startsWith('--list=') ? a.slice(7) : argv[i + 1];
      if (v === undefined) { yield* c.write(1, list_signals()); return 0; }
      const n = sig_number(v);
      if (n < 0 || n > 64) { yield* c.write(2, `kill: unknown signal name ${v}\n`); return 1; }
      yield* c.write(1, /^\d+$/.test(v) ? `${sig_name(n & 0x7f)}\n` : `${n}\n`);
      return 0;
    }
    if (a === '-L' || a === '--table') {
      let s = '';
      for (let k = 1; k <= 31; k++) s += `${String(k).padStart(2)} ${sig_name(k).padEnd(8)}${k % 7 === 0 || k === 31 ? '\n' : ''}`;
      yield* c.write(1, s.replace(/ +\n/g, '\n'));
      return 0;
    }
    if (a === '-s' || a === '--signal' || a === '-n') {
      const v = argv[++i];
      if (v === undefined) return yield* usage();
      sig = sig_number(v);
      if (sig < 0) { yield* c.write(2, `kill: Unknown signal ${v}\n`); return 1; }
      continue;
    }
    if (/^-/.test(a) && !/^-\d+$/.test(a) || (/^-\d+$/.test(a) && i === 1 && argv.length > 2)) {
      sig = sig_number(a.slice(1));
      if (sig < 0) { yield* c.write(2, `kill: Unknown signal ${a.slice(1)}; valid signals:\n`); yield* c.write(2, list_signals()); return 1; }
      continue;
    }
    break;
  }
  const targets = argv.slice(i);
  if (!targets.length) return yield* usage();
  let status = 0;
  for (const t of targets) {
    if (!/^-?\d+$/.test(t)) { yield* c.write(2, `kill: failed to parse argument: '${t}'\n`); status = 1; continue; }
    const r = yield* c.kill(Number(t), sig);
    if (r < 0) { yield* c.write(2, `kill: (${t}): ${strerror(-r)}\n`); status = 1; }
  }
  return status;
}
