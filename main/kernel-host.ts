// Supervises the kernel-sim utility process: forks it, connects the renderer through a fresh MessageChannel, restarts it with backoff when it dies.
import type { HostEvent } from '../kernel-sim/api/workbench-bridge.ts';
import { hostEvent } from './channels.ts';

/** The parts of Electron's UtilityProcess the supervisor uses. */
export interface UtilityChild<P> {
  postMessage(message: unknown, transfer?: P[]): void;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface RestartPolicy {
  /** Delay before the first restart; doubles for each further restart within `windowMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Restarts allowed within `windowMs`; one more crash and the supervisor gives up. */
  maxRestarts: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { baseDelayMs: 250, maxDelayMs: 8_000, maxRestarts: 5, windowMs: 60_000 };

export interface KernelHostDeps<P> {
  /** Forks kernel-sim/host/utility in a utility process. */
  fork(): UtilityChild<P>;
  /** A new MessageChannelMain. */
  createChannel(): { port1: P; port2: P };
  /** Hands the renderer a port (and a host event), or just the event when there is no port (gave up). */
  deliver(port: P | null, event: HostEvent | null): void;
  schedule(fn: () => void, ms: number): () => void;
  now(): number;
  policy?: Partial<RestartPolicy>;
  log?(message: string): void;
}

export type KernelHostState = 'stopped' | 'running' | 'restarting' | 'gave-up';

/** The message main posts to the utility process with a new port in `ports[0]`. */
export const CONNECT_MESSAGE = { type: 'connect' } as const;

/** Delay before restart number `recent + 1` within the window. */
export function restartDelay(recent: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, recent));
}

export class KernelHost<P> {
  private child: UtilityChild<P> | null = null;
  private cancelTimer: (() => void) | null = null;
  private restarts: number[] = [];
  private rendererAttached = false;
  private stopped = false;
  private readonly policy: RestartPolicy;
  state: KernelHostState = 'stopped';

  constructor(private readonly deps: KernelHostDeps<P>) {
    this.policy = { ...DEFAULT_RESTART_POLICY, ...deps.policy };
  }

  /** Forks kernel-sim if it is not running. */
  start(): void {
    this.stopped = false;
    if (!this.child && this.state !== 'restarting') this.spawn();
  }

  /** Gives the renderer a new connection (first load, reload); `event` travels with the port. */
  connectRenderer(event: HostEvent | null = null): void {
    this.rendererAttached = true;
    if (!this.child) return; // connected when the restart happens
    const { port1, port2 } = this.deps.createChannel();
    this.child.postMessage(CONNECT_MESSAGE, [port1]);
    this.deps.deliver(port2, event);
  }

  /** Restarts kernel-sim now, on request (Machine > Restart Kernel Host); also recovers from giving up. */
  restart(reason: string): void {
    this.stopped = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.restarts = [];
    this.retire();
    this.spawn();
    if (this.child && this.rendererAttached) this.connectRenderer(hostEvent(true, reason));
  }

  /** Stops kernel-sim for good (the app quits). */
  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.retire();
    this.state = 'stopped';
  }

  private retire(): void {
    const old = this.child;
    this.child = null; // its exit is expected now
    old?.kill();
  }

  private spawn(): void {
    let child: UtilityChild<P>;
    try {
      child = this.deps.fork();
    } catch (err) {
      this.crashed(`kernel-sim host failed to start: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.child = child;
    this.state = 'running';
    child.on('exit', (code) => {
      if (this.child !== child) return;
      this.child = null;
      this.crashed(`kernel-sim host exited unexpectedly (code ${code})`);
    });
  }

  private crashed(reason: string): void {
    if (this.stopped) return;
    this.deps.log?.(reason);
    const now = this.deps.now();
    this.restarts = this.restarts.filter((t) => now - t < this.policy.windowMs);
    if (this.restarts.length >= this.policy.maxRestarts) {
      this.state = 'gave-up';
      const message = `${reason}; gave up after ${this.restarts.length} restarts in ${Math.round(this.policy.windowMs / 1000)} s (Machine > Restart Kernel Host tries again)`;
      this.deps.log?.(message);
      if (this.rendererAttached) this.deps.deliver(null, hostEvent(false, message));
      return;
    }
    this.state = 'restarting';
    const delay = restartDelay(this.restarts.length, this.policy);
    this.cancelTimer = this.deps.schedule(() => {
      this.cancelTimer = null;
      if (this.stopped) return;
      this.restarts.push(this.deps.now());
      this.spawn();
      if (this.child && this.rendererAttached) this.connectRenderer(hostEvent(true, reason));
    }, delay);
  }
}
