// The `kwb` command line: boots machines in-process to run commands, an interactive shell, builds and lab checks.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MachineError } from '../machine/types.ts';
import type { Machine } from '../machine.ts';
import { load_machine } from './machines.ts';
import { PACE_INTERVAL_MS, pace_step_ns } from './pacing.ts';
import { NSEC_PER_SEC } from '../kernel/time/timekeeping.ts';
import type { ModuleBuilder } from './kwb-build.ts';

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIO: CliIO = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

const HELP = `Usage: kwb <command> [options]

Kernel Workbench: a simulated Linux 6.1 machine for learning and testing drivers.

Commands:
  run     boot a machine, run commands in its shell, print their output
  shell   boot a machine and talk to its console interactively
  build   compile kernel modules or user programs written in C
  lab     list, show and check guided labs

Run 'kwb <command> --help' for a command's options.
`;

const MACHINE_OPTS = `  --machine FILE      boot config (.dts) to boot; default: resources/machines/default.dts
                      (a bare name like "pci-lab" means resources/machines/pci-lab.dts)
  --cmdline STR       kernel command line, replacing the boot config's /chosen/bootargs
  --seed N            seed of the machine's random number generator (default 1)
`;

const RUN_HELP = `Usage: kwb run [options] -- CMD...

Boots a machine in-process, copies host files into the guest, runs each CMD in
the guest shell in order (as lines of one shell session: a cd carries over) and
prints what they print. They print to a terminal (an 80x24 pseudo-terminal, as
on a console: ls lists in columns) and read /dev/null. The exit status is the
last command's.

Options:
${MACHINE_OPTS}  --put HOST:GUEST    copy a host file into the guest before the commands (repeatable)
  --timeout SECONDS   virtual-time limit for all commands (default 600)
  -h, --help          show this help

Example:
  kwb run -- "uname -a" "echo hi"
`;

const SHELL_HELP = `Usage: kwb shell [options]

Boots a machine and connects this terminal to its serial console (ttyS0):
the boot log, then a root shell. Lines typed on stdin go to the guest; when
stdin is a terminal, keys go through raw, so Ctrl-C reaches the guest
(press Ctrl-] to leave). The session ends at end of input or when the
machine halts or powers off.

Options:
${MACHINE_OPTS}  --put HOST:GUEST    copy a host file into the guest before the shell starts (repeatable)
  --quiet             do not print the boot log
  -h, --help          show this help
`;

interface MachineArgs { machine?: string; cmdline?: string; seed?: number; puts: [string, string][]; rest: string[]; timeout?: number; quiet?: boolean; help?: boolean }

class UsageError extends Error {}

function parse_args(argv: string[], allowRest: boolean): MachineArgs {
  const a: MachineArgs = { puts: [], rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const eq = arg.indexOf('=');
      if (eq > 0 && arg.startsWith('--')) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`option ${arg} needs a value`);
      return v;
    };
    const name = arg.startsWith('--') ? arg.split('=')[0] : arg;
    switch (name) {
      case '--': if (!allowRest) throw new UsageError("unexpected '--'"); a.rest = argv.slice(i + 1); return a;
      case '-h': case '--help': a.help = true; break;
      case '--machine': a.machine = value(); break;
      case '--cmdline': a.cmdline = value(); break;
      case '--seed': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--seed takes a whole number, not '${v}'`);
        a.seed = Number(v);
        break;
      }
      case '--timeout': {
        const v = Number(value());
        if (!(v > 0)) throw new UsageError('--timeout takes a positive number of seconds');
        a.timeout = v;
        break;
      }
      case '--quiet': a.quiet = true; break;
      case '--put': {
        const v = value();
        const colon = v.lastIndexOf(':');
        if (colon <= 0 || colon === v.length - 1) throw new UsageError(`--put takes HOST:GUEST, not '${v}'`);
        const guest = v.slice(colon + 1);
        if (!guest.startsWith('/')) throw new UsageError(`--put: guest path must be absolute: '${guest}'`);
        a.puts.push([v.slice(0, colon), guest]);
        break;
      }
      default:
        if (allowRest && !arg.startsWith('-')) { a.rest = argv.slice(i); return a; }
        throw new UsageError(`unknown option '${arg}'`);
    }
  }
  return a;
}

/** Builds and boots the machine the flags describe, with the --put files copied in. The kernel loads on first use: `kwb build` never needs it. */
async function boot_machine(a: MachineArgs, onConsole?: (s: string) => void): Promise<Machine> {
  const src = load_machine(a.machine ?? 'default');
  const { Machine } = await import('../machine.ts');
  const m = new Machine({ ...src, cmdline: a.cmdline, seed: a.seed });
  if (onConsole) m.on((ev) => { if (ev.stream === 'console') onConsole(ev.data.data); });
  m.boot();
  for (const [host, guest] of a.puts) {
    let bytes: Uint8Array, mode: number;
    try {
      bytes = readFileSync(host);
      mode = statSync(host).mode & 0o7777;
    } catch (e) {
      throw new UsageError(`--put: cannot read ${host}: ${(e as Error).message}`);
    }
    m.putFile(guest, bytes, mode);
  }
  return m;
}

async function cmd_run(argv: string[], io: CliIO): Promise<number> {
  const a = parse_args(argv, true);
  if (a.help) { io.out(RUN_HELP); return 0; }
  if (a.rest.length === 0) throw new UsageError('nothing to run: give commands after --, e.g. kwb run -- "uname -a"');
  const m = await boot_machine(a);
  const info = m.info();
  if (info.state !== 'running') {
    // The console may be elsewhere (no console= on the command line): show the kernel's log buffer
    // as it stands after the crash, as pstore would keep it, ending in the panic.
    io.out(format_kernel_log(m));
    io.err(`kwb: the machine did not come up (state: ${info.state})\n`);
    return 1;
  }
  // One shell session: the commands are consecutive lines of one script.
  const r = m.runCommand(a.rest.join('\n'), { timeoutNs: (a.timeout ?? 600) * NSEC_PER_SEC, tty: { cols: 80, rows: 24 } });
  io.out(r.output);
  const after = m.info();
  if (after.state === 'panicked') io.err('kwb: the kernel panicked (see dmesg or kwb shell)\n');
  return r.status;
}

/** The kernel log as `dmesg` prints it: `[    1.170474] text`. */
function format_kernel_log(m: Machine): string {
  return m.dmesg().map((r) => {
    const sec = Math.floor(r.tsNs / 1e9), usec = Math.floor((r.tsNs % 1e9) / 1e3);
    return `[${String(sec).padStart(5, ' ')}.${String(usec).padStart(6, '0')}] ${r.text}\n`;
  }).join('');
}

async function cmd_shell(argv: string[], io: CliIO): Promise<number> {
  const a = parse_args(argv, false);
  if (a.help) { io.out(SHELL_HELP); return 0; }
  let booted = false;
  const m = await boot_machine(a, (s) => { if (booted || !a.quiet) io.out(s); });
  booted = true;
  if (m.info().state !== 'running') return 1;
  if (a.quiet) io.out('root@kwb:~# ');
  const stdin = process.stdin;
  const raw = stdin.isTTY === true;
  if (raw) stdin.setRawMode(true);
  // Virtual time follows the host clock while the session is open (sleep 1 takes a second).
  let last = Date.now();
  const pace = setInterval(() => { const now = Date.now(); m.runFor(pace_step_ns(now - last)); last = now; }, PACE_INTERVAL_MS);
  return await new Promise<number>((resolve) => {
    const finish = (code: number): void => {
      clearInterval(pace);
      if (raw) stdin.setRawMode(false);
      stdin.pause();
      resolve(code);
    };
    const off = m.on((ev) => {
      if (ev.stream === 'machine' && (ev.data.state === 'halted' || ev.data.state === 'off' || ev.data.state === 'panicked')) {
        off();
        finish(ev.data.state === 'panicked' ? 1 : 0);
      }
    });
    stdin.on('data', (chunk: Buffer) => {
      const s = chunk.toString('utf8');
      if (raw && s.includes('\x1d')) { io.out('\n'); finish(0); return; }
      // A terminal sends CR for Enter; piped input has LF.
      m.ttyInput('ttyS0', raw ? s : s.replace(/\n/g, '\r'));
    });
    stdin.on('end', () => finish(0));
  });
}

/**
 * Where this process builds C: run from the compiled bundle, through the user's build server (started on demand,
 * shared by every kwb; in-process when it cannot run); from the TypeScript sources (tests), in this process.
 * KWB_BUILD_SERVER=0 always builds in-process.
 */
async function builder(): Promise<ModuleBuilder> {
  const kb = await import('./kwb-build.ts');
  const here = dirname(fileURLToPath(import.meta.url));
  const serverEntry = join(here, 'kwb-build-server.js');
  if (import.meta.url.endsWith('.ts') || process.env.KWB_BUILD_SERVER === '0') return kb.getToolchain();
  const [{ remoteBuilder }, { runtimeDir }] = await Promise.all([import('./build-client.ts'), import('./build-service.ts')]);
  return remoteBuilder({
    dir: runtimeDir(), serverEntry, includeDir: kb.defaultIncludeDir(), execArgv: kb.BUILD_SERVER_V8_FLAGS,
    ...(process.env.KWB_BUILD_SERVER_IDLE_MS ? { idleMs: Number(process.env.KWB_BUILD_SERVER_IDLE_MS) } : {}),
    fallback: () => kb.getToolchain(),
  });
}

async function cmd_build(argv: string[], io: CliIO): Promise<number> {
  const { kwbBuild } = await import('./kwb-build.ts');
  const wantsHelp = argv.includes('-h') || argv.includes('--help');
  return kwbBuild(argv, { stdout: io.out, stderr: io.err }, wantsHelp ? undefined : await builder());
}

async function cmd_lab(argv: string[], io: CliIO): Promise<number> {
  const { kwbLab } = await import('./kwb-lab.ts');
  return kwbLab(argv, io, argv[0] === 'check' ? await builder() : undefined);
}

/** Runs the CLI; returns the exit status. Never throws. */
export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined: case '-h': case '--help': case 'help': io.out(HELP); return cmd === undefined ? 2 : 0;
      case 'run': return await cmd_run(rest, io);
      case 'shell': return await cmd_shell(rest, io);
      case 'build': return await cmd_build(rest, io);
      case 'lab': return await cmd_lab(rest, io);
      default: io.err(`kwb: unknown command '${cmd}'\n\n${HELP}`); return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) { io.err(`kwb ${cmd}: ${e.message}\nTry 'kwb ${cmd} --help'.\n`); return 2; }
    if (e instanceof MachineError) { io.err(`kwb ${cmd}: ${e.message}\n`); return 1; }
    io.err(`kwb ${cmd}: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
}
