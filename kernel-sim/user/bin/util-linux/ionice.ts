// Models util-linux ionice(1): a process's I/O scheduling class and priority — printed for -p PIDs ("best-effort: prio 4", "idle"), set with -c/-n on PIDs or on a command it then runs (ioprio_get/ioprio_set).
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { execvp } from '../../lib/spawn.ts';

const IOPRIO_WHO_PROCESS = 1, IOPRIO_CLASS_SHIFT = 13, IOPRIO_CLASS_IDLE = 3;
const CLASSES = ['none', 'realtime', 'best-effort', 'idle'];

/** parse_ioclass: a class by number or (case-insensitive) name; -1 when unknown. */
const parse_ioclass = (v: string): number => (/^\d+$/.test(v) ? (Number(v) < CLASSES.length ? Number(v) : -1) : CLASSES.indexOf(v.toLowerCase()));

/** ioprio_print: "class: prio N", or the bare class for idle (which has no levels). */
const ioprio_print = (prio: number): string => {
  const cls = prio >> IOPRIO_CLASS_SHIFT;
  return cls === IOPRIO_CLASS_IDLE ? 'idle' : `${CLASSES[cls] ?? 'unknown'}: prio ${prio & ((1 << IOPRIO_CLASS_SHIFT) - 1)}`;
};

export function* ionice_main(c: Libc, argv: string[]): KGen<number> {
  let ioclass = -1, data = 4, set = false, tolerant = false;
  const pids: number[] = [];
  let i = 1;
  const err = function* (msg: string): KGen<number> { yield* c.write(2, `ionice: ${msg}\n`); return 1; };
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const a = argv[i]!, val = (): string | undefined => (a.length > 2 ? a.slice(2) : argv[++i]);
    switch (a.slice(0, 2)) {
      case '-c': { const v = val() ?? ''; ioclass = parse_ioclass(v); if (ioclass < 0) return yield* err(`unknown scheduling class: '${v}'`); set = true; break; }
      case '-n': { const v = val() ?? ''; if (!/^\d+$/.test(v)) return yield* err(`invalid class data argument: '${v}'`); data = Number(v); set = true; break; }
      case '-p': { const v = val() ?? ''; if (!/^\d+$/.test(v)) return yield* err(`invalid PID argument: '${v}'`); pids.push(Number(v)); break; }
      case '-t': tolerant = true; break;
      default: return yield* err(`invalid option -- '${a.slice(1)}'\nTry 'ionice --help' for more information.`);
    }
  }
  // Further PIDs follow -p's as plain arguments.
  if (pids.length) for (; i < argv.length; i++) { if (!/^\d+$/.test(argv[i]!)) return yield* err(`invalid PID argument: '${argv[i]}'`); pids.push(Number(argv[i])); }
  if (ioclass === IOPRIO_CLASS_IDLE) data = 0;
  const prio = ((ioclass < 0 ? 2 : ioclass) << IOPRIO_CLASS_SHIFT) | data;
  if (!set && (pids.length || i >= argv.length)) {
    for (const pid of pids.length ? pids : [0]) {
      const r = yield* c.syscall('ioprio_get', IOPRIO_WHO_PROCESS, pid);
      if (r < 0) return yield* err(`ioprio_get failed: ${strerror(-r)}`);
      yield* c.write(1, `${pids.length > 1 ? `${pid}: ` : ''}${ioprio_print(r)}\n`);
    }
    return 0;
  }
  for (const pid of pids.length ? pids : [0]) {
    const r = yield* c.syscall('ioprio_set', IOPRIO_WHO_PROCESS, pid, prio);
    if (r < 0 && !tolerant) return yield* err(`ioprio_set failed: ${strerror(-r)}`);
  }
  if (!pids.length && i < argv.length) {
    const e = yield* execvp(c, argv.slice(i));
    yield* c.write(2, `ionice: failed to execute ${argv[i]}: ${strerror(-e)}\n`);
    return e === -2 ? 127 : 126;
  }
  return 0;
}
