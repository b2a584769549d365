// The simulated computer: a kernel instance booted on the machine's hardware, driven by a host in virtual time.
import type { DmesgRecord, EventMessage, MachineInfo, MachineState, TraceEvent } from '../api/protocol.ts';
import { KernelInstance, enter_kernel } from '../kernel/state.ts';
import { runqueue, run_until, type RunStop } from '../kernel/sched/core.ts';
import { ktime_get, ktime_get_real, timekeeping, NSEC_PER_SEC } from '../kernel/time/timekeeping.ts';
import { trace_events, trace_export_chrome, trace_subscribe } from '../kernel/trace/trace.ts';
import { panicState, taint_letters } from '../kernel/panic.ts';
import { printkState, type printk_record } from '../kernel/printk/printk.ts';
import { module_list } from '../kernel/module/list.ts';
import { rebootState } from '../kernel/reboot.ts';
import { seed_machine_random } from '../lib/machine_random.ts';
import { start_kernel } from '../init/main.ts';
import { vmlinux_configure } from '../init/kconfig.ts';
import { boot_complete } from '../init/boot_state.ts';
import { vmlinux } from '../Kbuild.ts';
import { parse_boot_params } from '../init/params.ts';
import { set_initramfs } from '../init/initramfs.ts';
import { set_kwb_loader } from '../fs/binfmt_kwb.ts';
import { serial8250_set_backend, serial8250_console_setup, serial8250_rx } from '../drivers/tty/serial/8250_core.ts';
import { console_tty, tty_do_resize } from '../drivers/tty/tty_io.ts';
import { pty_alloc, pty_master_close, pty_master_write, pty_open_peer, pty_resize, pty_spawn_session, type pty_pair } from '../drivers/tty/pty.ts';
import { call_usermodehelper, capture_file } from '../kernel/umh.ts';
import { oops_task } from '../kernel/oops.ts';
import { send_signal } from '../kernel/signal.ts';
import { release_task } from '../kernel/exit.ts';
import { EXIT_ZOMBIE, type task_struct } from '../include/linux/sched.ts';
import { SIGKILL } from '../include/uapi/signal.ts';
import { put_file } from './put_file.ts';
import { devices_snapshot } from '../drivers/base/snapshot.ts';
import type { DevicesSnapshot } from '../api/devices.ts';
import { default_initramfs } from '../user/initramfs.ts';
import { modules_install } from '../user/modules_install.ts';
import { Libc } from '../user/lib/libc.ts';
import { programs } from '../user/bin/index.ts';
import { MachineError, type MachineListener, type MachineOptions, type RunCommandOptions } from './types.ts';
import { machine_config_from, type machine_config } from './config.ts';
import { build_hardware } from './hardware.ts';
import { attach_disks, root_disk_uuid, type disk_store } from './disks.ts';

/** Console output kept for terminals that attach after boot. */
const CONSOLE_BACKLOG = 256 * 1024;
/** Virtual time a boot may take before the machine is declared hung. */
const BOOT_TIMEOUT_NS = 120 * NSEC_PER_SEC;
/** Scheduler steps one host call may run before yielding back to the host. */
const STEP_BUDGET_NS = 5 * NSEC_PER_SEC;

// kernel-static: kernel ids must be unique across every machine of the process
let nextKernelId = 1;

export class Machine {
  private kernel: KernelInstance | null = null;
  private readonly listeners = new Set<MachineListener>();
  private state: MachineState = 'off';
  private bootCount = 0;
  private backlog = '';
  private readonly config: machine_config;
  private readonly seed: number;
  /** The disks' contents, kept across reboots (not across app restarts unless saved). */
  private readonly disks: disk_store = new Map();
  private traceUnsub: (() => void) | null = null;
  private traceOff: (() => void) | null = null;
  private readonly decoder = new TextDecoder();
  /** Terminals beyond the serial console: pseudo-terminal masters held by the host, by tty name ('pts/0'). */
  private ptys = new Map<string, pty_pair>();
  private ptyShells = new Map<string, task_struct>();
  private consoleOpen = false;

  constructor(private readonly opts: MachineOptions = {}) {
    const cfg = machine_config_from(opts);
    if (!cfg.ok) throw new MachineError('EINVAL', cfg.messages.join('\n'), { diagnostics: cfg.messages });
    this.config = cfg.config;
    this.seed = opts.seed ?? 1;
  }

  on(listener: MachineListener): () => void {
    this.listeners.add(listener);
    this.syncTraceForwarding();
    return () => { this.listeners.delete(listener); this.syncTraceForwarding(); };
  }

  /**
   * Forwards trace events only while someone listens, so tracepoints that cost
   * a record per event (one per system call) are off when nobody watches, as
   * ftrace's are until enabled.
   */
  private syncTraceForwarding(): void {
    const want = this.kernel !== null && this.listeners.size > 0;
    if (want && !this.traceOff) {
      this.traceOff = enter_kernel(this.kernel!, () => trace_subscribe((ev) => this.emit({ type: 'event', stream: 'trace', data: [ev] })));
    } else if (!want && this.traceOff) {
      this.traceOff();
      this.traceOff = null;
    }
  }

  private emit(ev: EventMessage): void {
    for (const l of this.listeners) {
      try { l(ev); } catch { /* a listener's failure is the host's business */ }
    }
  }

  private consoleOut(port: number, data: Uint8Array): void {
    if (port !== 0) return;
    const text = this.decoder.decode(data, { stream: true });
    this.backlog += text;
    if (this.backlog.length > CONSOLE_BACKLOG) this.backlog = this.backlog.slice(-CONSOLE_BACKLOG);
    this.emit({ type: 'event', stream: 'console', data: { tty: 'ttyS0', data: text } });
  }

  /** Runs fn inside this machine's kernel; a host exception becomes a kernel BUG, never an escape. */
  private enter<R>(fn: () => R, fallback: R): R {
    if (!this.kernel) throw new MachineError('ENODEV', 'the machine is not powered on');
    try {
      return enter_kernel(this.kernel, fn);
    } catch (err) {
      try {
        enter_kernel(this.kernel, () => oops_task(runqueue().curr ?? runqueue().idle!, err));
      } catch { /* the report itself failed: the machine stops */ this.state = 'panicked'; }
      return fallback;
    }
  }

  /** Powers on: builds the kernel and runs it until the console shell waits for input. */
  boot(): MachineInfo {
    this.traceUnsub?.();
    this.traceOff?.();
    this.traceOff = null;
    this.kernel = new KernelInstance(nextKernelId++);
    this.syncTraceForwarding();
    this.state = 'booting';
    this.bootCount++;
    this.backlog = '';
    this.ptys = new Map();
    this.ptyShells = new Map();
    const cfg = this.config;
    let hwErrors: string[] = [];
    // The kernel this machine boots: vmlinux and its modules as the machine's kernel config builds them.
    const image = vmlinux_configure(vmlinux, cfg.kconfig);
    this.enter(() => {
      seed_machine_random(this.seed);
      if (this.opts.dts !== undefined) {
        const hw = build_hardware(this.opts.dts, this.opts.dtsName ?? 'machine.dts');
        if (!hw.ok) { hwErrors = hw.messages.length ? hw.messages : ['the boot config describes no buildable machine']; return; }
        hwErrors = attach_disks(hw.machine, this.disks, { tree: () => [...default_initramfs(), ...modules_install(image.modules)], uuid: root_disk_uuid(this.seed), now: Math.floor(ktime_get_real() / NSEC_PER_SEC) });
        if (hwErrors.length) return;
      }
      runqueue().on_fault = (t, err) => oops_task(t, err);
      set_initramfs([...default_initramfs(), ...modules_install(image.modules)]);
      set_kwb_loader((name, argv, envp) => {
        const p = programs[name];
        if (!p) return null;
        return function* () {
          const c = new Libc(envp);
          c.attach();
          const code = yield* p.main(c, argv, envp);
          // crt's __libc_start_main: returning from main is exit(), i.e. exit_group(2).
          return yield* c.exit(code);
        };
      });
      const params = parse_boot_params(cfg.cmdline);
      const consolePort = params.console.map((c) => /^ttyS(\d+)/.exec(c)).find(Boolean);
      serial8250_set_backend((port, data) => this.consoleOut(port, data), consolePort ? Number(consolePort[1]) : -1);
      const dmesgListener = (r: printk_record) => this.emit({ type: 'event', stream: 'dmesg', data: [dmesgRecord(r)] });
      const log = printkState();
      log.listeners.add(dmesgListener);
      this.traceUnsub = () => { log.listeners.delete(dmesgListener); };
      start_kernel({ nr_cpus: cfg.nr_cpus, ram_bytes: cfg.ram_bytes, initrd_bytes: cfg.initrd_bytes, cmdline: cfg.cmdline, params }, image, () => {
        if (consolePort) serial8250_console_setup(Number(consolePort[1]));
      });
    }, undefined);
    if (hwErrors.length) {
      this.state = 'off';
      this.kernel = null;
      throw new MachineError('EINVAL', hwErrors.join('\n'), { diagnostics: hwErrors });
    }
    // The boot ends when a shell waits on the console, or (no usable console) when the booted system goes idle, or at
    // BOOT_TIMEOUT_NS of virtual time even if tasks keep running (run_until checks its limit only when idle).
    const booted = () => boot_complete() && (this.consoleWaiting() || (!console_tty() && runqueue().queue.length === 0));
    for (let stop: RunStop = 'budget'; stop === 'budget' && this.enter(() => ktime_get(), BOOT_TIMEOUT_NS) < BOOT_TIMEOUT_NS;) stop = this.runUntil(BOOT_TIMEOUT_NS, booted);
    if (this.state === 'booting') this.state = 'running';
    const info = this.info();
    this.emit({ type: 'event', stream: 'machine', data: info });
    return info;
  }

  reboot(): MachineInfo {
    return this.boot();
  }

  /** True once something sleeps reading the console and nothing else wants the CPU. */
  private consoleWaiting(): boolean {
    const tty = console_tty();
    return !!tty && tty.read_wait.head.length > 0 && runqueue().queue.length === 0;
  }

  /** Runs the scheduler; handles halt, reboot and panic when the kernel stops. */
  private runUntil(limitNs: number, until?: () => boolean): RunStop {
    if (!this.kernel || this.state === 'off' || this.state === 'halted') return 'stopped';
    if (this.state === 'panicked' && !panicState) return 'stopped';
    const stop = this.enter(() => run_until(limitNs, until), 'stopped' as RunStop);
    if (stop === 'stopped') this.afterStop();
    return stop;
  }

  private afterStop(): void {
    const st = this.enter(() => rebootState().system_state, 'panic');
    const timeout = this.enter(() => panicState().panic_timeout, 0);
    // panic=N reboots, but a panic before init ran would only panic again: stop there, as QEMU's -no-reboot would.
    const reachedInit = this.enter(() => boot_complete() && runqueue().tasks.has(1), false) && this.state === 'running';
    if (st === 'restart' || (st === 'panic' && timeout !== 0 && reachedInit)) {
      this.boot();
      return;
    }
    this.state = st === 'panic' ? 'panicked' : st === 'halt' ? 'halted' : 'off';
    this.emit({ type: 'event', stream: 'machine', data: this.info() });
  }

  /** Lets virtual time advance by `ns` (hosts pace this to their clock). */
  runFor(ns: number): void {
    if (this.state !== 'running' && this.state !== 'booting') return;
    const now = this.enter(() => ktime_get(), 0);
    this.runUntil(now + Math.max(0, ns));
  }

  info(): MachineInfo {
    if (!this.kernel) {
      return { state: this.state, uptimeNs: 0, release: '', hostname: '', taint: '', modules: [], bootCount: this.bootCount, cmdline: this.config.cmdline };
    }
    return enter_kernel(this.kernel, () => {
      const init = runqueue().tasks.get(1) ?? runqueue().idle;
      return {
        state: this.state,
        uptimeNs: timekeeping().now,
        release: init?.nsproxy.uts_ns.name.release ?? '',
        hostname: init?.nsproxy.uts_ns.name.nodename ?? '',
        taint: taint_letters(),
        modules: module_list().map((m) => m.name),
        bootCount: this.bootCount,
        cmdline: this.config.cmdline,
      };
    });
  }

  /**
   * Opens a terminal. The first is the serial console (its output so far is
   * replayed); every further one is a pseudo-terminal whose master the host
   * holds, with a login shell in its own session on the slave, as a terminal
   * emulator would start it.
   */
  openTty(cols: number, rows: number): string {
    if (!this.consoleOpen || !this.kernel) {
      this.consoleOpen = true;
      this.ttyResize('ttyS0', cols, rows);
      if (this.backlog) this.emit({ type: 'event', stream: 'console', data: { tty: 'ttyS0', data: this.backlog } });
      return 'ttyS0';
    }
    if (this.state !== 'running') throw new MachineError('EBUSY', `the machine is ${this.state}`);
    const env = ['HOME=/root', 'TERM=xterm-256color', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'SHELL=/bin/sh', 'USER=root', 'LOGNAME=root'];
    const opened = this.enter((): pty_pair | string => {
      const pair = pty_alloc();
      if (typeof pair === 'number') return `cannot allocate a pseudo-terminal (error ${pair})`;
      const name = `pts/${pair.index}`;
      const decoder = new TextDecoder();
      pair.listener = (bytes) => this.emit({ type: 'event', stream: 'console', data: { tty: name, data: decoder.decode(bytes, { stream: true }) } });
      tty_do_resize(pair.slave, rows, cols);
      const task = pty_spawn_session(pair, '/bin/sh', ['-sh'], env, '/root');
      if (typeof task === 'number') { pty_master_close(pair); return `cannot start a shell on ${name} (error ${task})`; }
      this.ptyShells.set(name, task);
      return pair;
    }, 'the kernel failed opening a pseudo-terminal');
    if (typeof opened === 'string') throw new MachineError('EIO', opened);
    const name = `pts/${opened.index}`;
    this.ptys.set(name, opened);
    // Let the shell start and print its prompt.
    const now = this.enter(() => ktime_get(), 0);
    this.runUntil(now + NSEC_PER_SEC, () => opened.slave.read_wait.head.length > 0 && runqueue().queue.length === 0);
    return name;
  }

  private pty(tty: string): pty_pair | null {
    if (tty === 'ttyS0') return null;
    const p = this.ptys.get(tty);
    if (!p) throw new MachineError('ENOENT', `no such terminal: ${tty}`);
    return p;
  }

  ttyInput(tty: string, data: string): void {
    const p = this.pty(tty);
    if (this.state !== 'running') return;
    const bytes = new TextEncoder().encode(data);
    this.enter(() => (p ? pty_master_write(p, bytes) : serial8250_rx(0, bytes)), undefined);
    const now = this.enter(() => ktime_get(), 0);
    this.runUntil(now);
  }

  ttyResize(tty: string, cols: number, rows: number): void {
    const p = this.pty(tty);
    if (!this.kernel) return;
    this.enter(() => {
      if (p) return pty_resize(p, rows, cols);
      const t = console_tty();
      if (t) tty_do_resize(t, rows, cols);
    }, undefined);
  }

  /** Closes a terminal: a pseudo-terminal's master goes away and its session gets SIGHUP. */
  closeTty(tty: string): void {
    const p = this.pty(tty);
    if (!p) { this.consoleOpen = false; return; }
    this.ptys.delete(tty);
    const shell = this.ptyShells.get(tty);
    this.ptyShells.delete(tty);
    if (!this.kernel) return;
    this.enter(() => pty_master_close(p), undefined);
    // The hung-up shell exits; reap it as the terminal emulator (its parent) would.
    const now = this.enter(() => ktime_get(), 0);
    this.runUntil(now + NSEC_PER_SEC, () => !shell || shell.exit_state !== 0);
    if (shell?.exit_state === EXIT_ZOMBIE) this.enter(() => release_task(shell), undefined);
  }

  /**
   * Runs one command line in a fresh guest shell (`sh -c`), with stdin from
   * /dev/null and its output captured, fast-forwarding virtual time until it ends.
   */
  runCommand(command: string, opts: RunCommandOptions = {}): { output: string; status: number } {
    if (this.state !== 'running') throw new MachineError('EBUSY', `the machine is ${this.state}`);
    const chunks: Uint8Array[] = [];
    const sink = (b: Uint8Array): void => { chunks.push(b); };
    const tty = opts.tty;
    // On a terminal: a pseudo-terminal whose master the host reads (as `script` or `ssh -t` hold one).
    const pair = tty ? this.enter(() => { const p = pty_alloc(); if (typeof p === 'number') return null; p.listener = sink; p.locked = false; tty_do_resize(p.slave, tty.rows, tty.cols); return p; }, null) : null;
    // The slave is opened from the master, as TIOCGPTPEER would: the guest needs no devpts mounted for it.
    const out = pair ? () => pty_open_peer(pair) : this.enter(() => capture_file(sink), null);
    if (!out) throw new MachineError('EIO', 'could not start the command');
    const env = ['HOME=/root', 'TERM=linux', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'PWD=/root'];
    const task = this.enter(() => call_usermodehelper('/bin/sh', ['sh', '-c', command], env, out, '/root'), -5);
    if (typeof task === 'number') {
      if (pair) this.enter(() => pty_master_close(pair), undefined);
      throw new MachineError('EIO', `could not start /bin/sh (error ${task})`);
    }
    const start = this.enter(() => ktime_get(), 0);
    const timeout = opts.timeoutNs ?? 600 * NSEC_PER_SEC;
    let status = -1;
    for (;;) {
      const done = (): boolean => task.exit_state === EXIT_ZOMBIE || task.exit_state !== 0 || (opts.cancelled?.() ?? false);
      const now = this.enter(() => ktime_get(), 0);
      const stop = this.runUntil(Math.min(start + timeout, now + STEP_BUDGET_NS), done);
      if (task.exit_state !== 0) { status = task.exit_code; break; }
      if (stop === 'stopped' || this.state !== 'running') { status = -1; break; }
      const t = this.enter(() => ktime_get(), 0);
      if (opts.cancelled?.() || t >= start + timeout || stop === 'idle' && !this.hasPendingWork()) {
        // Out of time (or nothing can ever wake it): kill it, as a terminal's Ctrl-C would not be enough.
        this.enter(() => send_signal(SIGKILL, task), 0);
        this.runUntil(this.enter(() => ktime_get(), 0) + NSEC_PER_SEC, () => task.exit_state !== 0);
        status = task.exit_code || SIGKILL;
        if (opts.cancelled?.()) throw new MachineError('ECANCELED', 'command cancelled');
        break;
      }
    }
    if (task.exit_state === EXIT_ZOMBIE) this.enter(() => release_task(task), undefined);
    if (pair) this.enter(() => pty_master_close(pair), undefined);
    const text = new TextDecoder().decode(concat(chunks));
    // The terminal's output processing (ONLCR) turned each LF into CR LF; the host gets lines back.
    const output = pair ? text.replace(/\r\n/g, '\n') : text;
    return { output, status: decodeWaitStatus(status) };
  }

  /** Whether timers are pending that could still wake someone. */
  private hasPendingWork(): boolean {
    return this.enter(() => timekeeping().timers.size > 0 || runqueue().queue.length > 0, false);
  }

  /** Copies a file into the guest's root filesystem (mkdir -p of its parents). */
  putFile(path: string, bytes: Uint8Array, mode?: number): void {
    if (!path.startsWith('/')) throw new MachineError('EINVAL', `guest path must be absolute: ${path}`);
    const r = this.enter(() => put_file(path, bytes, mode ?? 0o644), -5);
    if (r < 0) throw new MachineError('EIO', `cannot write ${path} in the guest (error ${r})`);
  }

  /** The driver model's snapshot at the current virtual time (api/devices.ts). */
  devicesSnapshot(): DevicesSnapshot {
    if (!this.kernel) throw new MachineError('ENODEV', 'the machine is not powered on');
    return enter_kernel(this.kernel, () => devices_snapshot());
  }

  exportTrace(): string {
    if (!this.kernel) return JSON.stringify({ traceEvents: [] });
    return enter_kernel(this.kernel, () => trace_export_chrome());
  }

  /** The kernel log records still in the ring buffer with seq >= sinceSeq. */
  dmesg(sinceSeq = 0): DmesgRecord[] {
    if (!this.kernel) return [];
    return enter_kernel(this.kernel, () => printkState().records.filter((r) => r.seq >= sinceSeq).map(dmesgRecord));
  }

  /** Trace events still in the kernel's trace ring, oldest first. */
  traceEvents(): TraceEvent[] {
    return this.kernel ? enter_kernel(this.kernel, () => trace_events()) : [];
  }

  /** Everything the serial console printed since power-on (bounded). */
  consoleLog(): string {
    return this.backlog;
  }

  /** Runs fn inside the kernel (tests and tools that inspect kernel state). */
  inspect<R>(fn: () => R): R {
    if (!this.kernel) throw new MachineError('ENODEV', 'the machine is not powered on');
    return enter_kernel(this.kernel, fn);
  }
}

function dmesgRecord(r: printk_record): DmesgRecord {
  return { seq: r.seq, tsNs: r.ts_nsec, level: r.level, facility: r.facility, text: r.text };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const n = chunks.reduce((a, c) => a + c.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

/** A wait status as a shell's $? shows it. */
export function decodeWaitStatus(st: number): number {
  if (st < 0) return 255;
  if ((st & 0x7f) === 0) return (st >> 8) & 0xff;
  return 128 + (st & 0x7f);
}
