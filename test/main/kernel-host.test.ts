// Supervision of the kernel-sim utility process: connect, crash -> restart with backoff and a host event, give up at the cap.
import { describe, expect, it } from 'vitest';
import { CONNECT_MESSAGE, DEFAULT_RESTART_POLICY, KernelHost, restartDelay, type UtilityChild } from '../../main/kernel-host.ts';
import type { HostEvent } from '../../kernel-sim/api/workbench-bridge.ts';

interface FakePort { id: number }

class FakeUtility implements UtilityChild<FakePort> {
  posted: Array<{ message: unknown; transfer?: FakePort[] }> = [];
  killed = false;
  private exitListeners: Array<(code: number) => void> = [];
  postMessage(message: unknown, transfer?: FakePort[]) { this.posted.push({ message, transfer }); }
  on(_event: 'exit', listener: (code: number) => void) { this.exitListeners.push(listener); return this; }
  kill() { this.killed = true; this.exit(0); return true; }
  exit(code: number) { for (const l of this.exitListeners) l(code); }
}

function setup(policy = {}) {
  let clock = 0;
  let nextPort = 1;
  const timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];
  const children: FakeUtility[] = [];
  const delivered: Array<{ port: FakePort | null; event: HostEvent | null }> = [];
  let forkFails = false;
  const host = new KernelHost<FakePort>({
    fork: () => {
      if (forkFails) throw new Error('no such file dist/host/utility.js');
      const c = new FakeUtility();
      children.push(c);
      return c;
    },
    createChannel: () => ({ port1: { id: nextPort++ }, port2: { id: nextPort++ } }),
    deliver: (port, event) => delivered.push({ port, event }),
    schedule: (fn, ms) => { const t = { at: clock + ms, fn, cancelled: false }; timers.push(t); return () => { t.cancelled = true; }; },
    now: () => clock,
    policy,
  });
  /** Advances the fake clock, running due timers. */
  const advance = (ms: number) => {
    clock += ms;
    for (const t of timers.splice(0)) {
      if (t.cancelled) continue;
      if (t.at <= clock) t.fn(); else timers.push(t);
    }
  };
  const pending = () => timers.filter((t) => !t.cancelled).map((t) => t.at - clock);
  return { host, children, delivered, advance, pending, failForks: (v: boolean) => { forkFails = v; } };
}

describe('KernelHost', () => {
  it('forks once and hands each renderer connection a fresh channel', () => {
    const { host, children, delivered } = setup();
    host.start();
    host.start();
    expect(children).toHaveLength(1);
    host.connectRenderer();
    host.connectRenderer(); // a reload
    expect(children[0]!.posted).toEqual([
      { message: CONNECT_MESSAGE, transfer: [{ id: 1 }] },
      { message: CONNECT_MESSAGE, transfer: [{ id: 3 }] },
    ]);
    expect(delivered).toEqual([{ port: { id: 2 }, event: null }, { port: { id: 4 }, event: null }]);
  });

  it('restarts a crashed utility process after a backoff and tells the renderer', () => {
    const { host, children, delivered, advance, pending } = setup();
    host.start();
    host.connectRenderer();
    children[0]!.exit(134);
    expect(host.state).toBe('restarting');
    expect(children).toHaveLength(1);
    expect(pending()).toEqual([DEFAULT_RESTART_POLICY.baseDelayMs]);
    advance(DEFAULT_RESTART_POLICY.baseDelayMs - 1);
    expect(children).toHaveLength(1);
    advance(1);
    expect(children).toHaveLength(2);
    expect(host.state).toBe('running');
    const last = delivered.at(-1)!;
    expect(last.port).toEqual({ id: 4 });
    expect(last.event).toEqual({ type: 'event', stream: 'host', data: { restarted: true, reason: 'kernel-sim host exited unexpectedly (code 134)' } });
    expect(children[1]!.posted).toEqual([{ message: CONNECT_MESSAGE, transfer: [{ id: 3 }] }]);
  });

  it('backs off exponentially and gives up at the cap, with a host event', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000, maxRestarts: 3, windowMs: 60_000 };
    const { host, children, delivered, advance, pending } = setup(policy);
    host.start();
    host.connectRenderer();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      children.at(-1)!.exit(1);
      delays.push(pending()[0]!);
      advance(pending()[0]!);
    }
    expect(delays).toEqual([100, 200, 400]);
    expect(children).toHaveLength(4);
    children.at(-1)!.exit(1);
    expect(host.state).toBe('gave-up');
    expect(pending()).toEqual([]);
    const last = delivered.at(-1)!;
    expect(last.port).toBeNull();
    expect(last.event?.data.restarted).toBe(false);
    expect(last.event?.data.reason).toMatch(/gave up after 3 restarts/);
    // A manual restart recovers.
    host.restart('restarted from the Machine menu');
    expect(children).toHaveLength(5);
    expect(host.state).toBe('running');
    expect(delivered.at(-1)!.event).toEqual({ type: 'event', stream: 'host', data: { restarted: true, reason: 'restarted from the Machine menu' } });
  });

  it('forgets crashes older than the window', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000, maxRestarts: 2, windowMs: 10_000 };
    const { host, children, advance, pending } = setup(policy);
    host.start();
    for (let i = 0; i < 5; i++) {
      children.at(-1)!.exit(1);
      expect(pending()).toEqual([100]);
      advance(100);
      advance(20_000); // runs stably for a while
    }
    expect(children).toHaveLength(6);
    expect(host.state).toBe('running');
  });

  it('caps the delay', () => {
    expect(restartDelay(0)).toBe(DEFAULT_RESTART_POLICY.baseDelayMs);
    expect(restartDelay(50)).toBe(DEFAULT_RESTART_POLICY.maxDelayMs);
  });

  it('an intentional restart or stop is not a crash', () => {
    const { host, children, pending } = setup();
    host.start();
    host.connectRenderer();
    host.restart('manual');
    expect(children[0]!.killed).toBe(true);
    expect(children).toHaveLength(2);
    expect(pending()).toEqual([]);
    host.stop();
    expect(children[1]!.killed).toBe(true);
    expect(children).toHaveLength(2);
    expect(pending()).toEqual([]);
    expect(host.state).toBe('stopped');
  });

  it('a fork that throws counts as a crash and is retried', () => {
    const { host, children, advance, pending, failForks } = setup();
    failForks(true);
    host.start();
    expect(children).toHaveLength(0);
    expect(host.state).toBe('restarting');
    failForks(false);
    advance(pending()[0]!);
    expect(children).toHaveLength(1);
  });

  it('a renderer that connects while kernel-sim restarts gets its port after the restart', () => {
    const { host, children, delivered, advance, pending } = setup();
    host.start();
    children[0]!.exit(1);
    host.connectRenderer();
    expect(delivered).toEqual([]);
    advance(pending()[0]!);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.event?.data.restarted).toBe(true);
  });
});
