// The kernel session store: connection to kernel-sim, machine info, and the guest terminals bound to ttys.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { MachineInfo } from '../../../kernel-sim/api/protocol.ts';
import { KernelError, type KernelClient } from '../kernel/client.ts';
import { shellShown } from '../startup.ts';

/** What a terminal view gives the session: its size, and where guest output goes. */
export interface TerminalSink {
  size(): { cols: number; rows: number };
  /** Shows guest output; calls `written`, when given, once it has taken the data in (xterm: parsed, drawn in the next frame). */
  write(data: string, written?: () => void): void;
  /** A workbench notice (not guest output), e.g. that kernel-sim restarted. */
  notice(text: string): void;
  /** Told which guest tty the view is bound to, each time it is (re)bound. */
  opened?(tty: string): void;
}

/** What the session gives a terminal view back. */
export interface TerminalBinding {
  readonly tty: string | null;
  input(data: string): void;
  resize(cols: number, rows: number): void;
  detach(): void;
}

export type Connection = 'connecting' | 'online' | 'reconnecting' | 'offline';

/** How often the status bar's virtual time is refreshed, ms. */
const INFO_POLL_MS = 1000;
/** Output kept for a tty whose tty.open answer has not arrived yet, characters. */
const EARLY_OUTPUT_LIMIT = 1 << 20;

interface Bound { sink: TerminalSink; tty: string | null; opening: boolean }

export const useSessionStore = defineStore('session', () => {
  const connection = ref<Connection>('connecting');
  const connectionDetail = ref('');
  const transportKind = ref<string | null>(null);
  const machine = ref<MachineInfo | null>(null);
  const lastError = ref<string | null>(null);
  const hostRestarts = ref(0);
  const client = shallowRef<KernelClient | null>(null);

  const terminals = new Set<Bound>();
  const byTty = new Map<string, Bound>();
  let early = new Map<string, string>();
  let generation = 0;
  let everOnline = false;
  /** A channel came back without a host event explaining it: say so once the machine answers. */
  let reconnectNotice = false;
  let poll: ReturnType<typeof setInterval> | null = null;
  let offs: Array<() => void> = [];

  function report(err: unknown): void {
    if (err instanceof KernelError && err.code === 'ENOTCONN') return;
    lastError.value = err instanceof Error ? err.message : String(err);
  }

  /** Binds the session to a client and starts connecting. */
  function connect(c: KernelClient): void {
    disconnect();
    client.value = c;
    transportKind.value = c.transport.kind;
    offs = [
      c.onConnection((state, detail) => {
        connectionDetail.value = detail;
        if (state === 'open') {
          connection.value = 'online';
          reconnectNotice = everOnline;
          everOnline = true;
          void sync();
        } else {
          connection.value = state === 'closed' ? 'offline' : everOnline ? 'reconnecting' : 'connecting';
          forgetTtys();
        }
      }),
      c.onHost((ev) => {
        if (!ev.restarted) {
          // The host gave up restarting kernel-sim.
          connection.value = 'offline';
          lastError.value = `kernel-sim is down: ${ev.reason}`;
          announce(`kernel-sim is down: ${ev.reason}`);
          return;
        }
        hostRestarts.value++;
        reconnectNotice = false;
        announce(`kernel-sim restarted (${ev.reason}); a fresh machine is booting`);
        forgetTtys();
        void sync();
      }),
      c.onMachine((info) => { machine.value = info; }),
      // The status bar's module list follows module loads and unloads at once, not at the next poll.
      c.onTrace((batch) => { if (batch.some((e) => e.cat === 'module')) void refreshInfo(); }),
      c.onConsole(({ tty, data }) => {
        const bound = byTty.get(tty);
        if (bound) return bound.sink.write(data);
        const kept = (early.get(tty) ?? '') + data;
        early.set(tty, kept.length > EARLY_OUTPUT_LIMIT ? kept.slice(-EARLY_OUTPUT_LIMIT) : kept);
      }),
      c.onStrayError((err) => report(err)),
    ];
    poll = setInterval(() => { if (connection.value === 'online') void refreshInfo(); }, INFO_POLL_MS);
    c.start();
    if (c.state === 'open') {
      connection.value = 'online';
      everOnline = true;
      void sync();
    }
  }

  function disconnect(): void {
    offs.forEach((off) => off());
    offs = [];
    if (poll) clearInterval(poll);
    poll = null;
    client.value = null;
    forgetTtys();
  }

  /** Brings a fresh (or freshly reached) kernel-sim up to the UI's state: machine booted, one tty per terminal. */
  async function sync(): Promise<void> {
    const c = client.value;
    if (!c) return;
    const gen = ++generation;
    try {
      const info = await c.request('machine.info', {});
      if (gen !== generation) return;
      machine.value = info;
      lastError.value = null;
      if (reconnectNotice) announce('reconnected to kernel-sim; a fresh machine is running');
      reconnectNotice = false;
      for (const bound of terminals) await openTty(c, bound, gen);
    } catch (err) {
      if (gen === generation) report(err);
    }
  }

  async function openTty(c: KernelClient, bound: Bound, gen: number): Promise<void> {
    if (bound.tty || bound.opening || !terminals.has(bound)) return;
    bound.opening = true;
    let tty: string;
    try {
      const { cols, rows } = bound.sink.size();
      tty = (await c.request('tty.open', { cols, rows })).tty;
    } finally {
      bound.opening = false;
    }
    if (!terminals.has(bound)) return;
    if (gen !== generation) {
      // kernel-sim changed under this open: open again on the current one.
      if (connection.value === 'online' && client.value) await openTty(client.value, bound, generation);
      return;
    }
    bound.tty = tty;
    byTty.set(tty, bound);
    bound.sink.opened?.(tty);
    const pending = early.get(tty);
    early.delete(tty);
    // Once the boot log and the prompt are on a terminal, what start-up deferred (startup.ts) may load: not while xterm
    // still parses them, which it does in slices between frames.
    if (pending) bound.sink.write(pending, shellShown);
    else shellShown();
  }

  async function refreshInfo(): Promise<void> {
    const c = client.value;
    if (!c || document.visibilityState === 'hidden') return;
    try { machine.value = await c.request('machine.info', {}); } catch (err) { report(err); }
  }

  function forgetTtys(): void {
    generation++;
    for (const bound of terminals) bound.tty = null;
    byTty.clear();
    early = new Map();
  }

  function announce(text: string): void {
    for (const bound of terminals) bound.sink.notice(text);
  }

  /** Binds a terminal view to a guest tty, now if connected, else as soon as kernel-sim is reachable. */
  function attachTerminal(sink: TerminalSink): TerminalBinding {
    const bound: Bound = { sink, tty: null, opening: false };
    terminals.add(bound);
    const c = client.value;
    if (c && connection.value === 'online' && machine.value) openTty(c, bound, generation).catch(report);
    return {
      get tty() { return bound.tty; },
      input(data: string) {
        const cl = client.value;
        if (cl && bound.tty) cl.request('tty.input', { tty: bound.tty, data }).catch(report);
      },
      resize(cols: number, rows: number) {
        const cl = client.value;
        if (cl && bound.tty) cl.request('tty.resize', { tty: bound.tty, cols, rows }).catch(report);
      },
      detach() {
        terminals.delete(bound);
        const cl = client.value;
        if (bound.tty) {
          byTty.delete(bound.tty);
          cl?.request('tty.close', { tty: bound.tty }).catch(report);
        }
        bound.tty = null;
      },
    };
  }

  /** Reboots the machine; terminals on pseudo-terminals (gone with the old kernel) get new shells. */
  async function reboot(): Promise<void> {
    const c = client.value;
    if (!c) return;
    try {
      machine.value = await c.request('machine.reboot', {});
      const gen = generation;
      for (const bound of terminals) {
        if (bound.tty && bound.tty !== 'ttyS0') {
          byTty.delete(bound.tty);
          bound.tty = null;
          bound.sink.notice('the machine rebooted; a new shell');
          await openTty(c, bound, gen);
        }
      }
    } catch (err) { report(err); }
  }

  /** Types text into the first bound terminal, as if the learner had typed it. */
  function typeIntoTerminal(text: string): boolean {
    const c = client.value;
    const first = [...terminals].find((b) => b.tty);
    if (!c || !first?.tty) return false;
    c.request('tty.input', { tty: first.tty, data: text }).catch(report);
    return true;
  }

  return {
    connection, connectionDetail, transportKind, machine, lastError, hostRestarts, client,
    connect, disconnect, sync, attachTerminal, typeIntoTerminal, reboot,
  };
});
