// Backpressure for one web-mode connection: console output coalesced and, when the page stops reading, dropped as an overrun serial line drops it.
//
// A WebSocket buffers whatever is sent until the peer reads it, so a tab that
// stops reading (a hung page, a paused debugger, a script that opened the
// socket and never reads) would grow the server without bound. The outbox
// keeps at most `soft` bytes in flight for streams: console text waits,
// coalesced per terminal, and past `consoleKeep` bytes its oldest part is
// dropped (with a note in the text, so the learner sees the gap); trace events
// are dropped and dmesg records kept up to a count. Responses and machine/host
// events always go out; if even they pile up past `hard`, the connection is
// closed: the client is not reading at all.

export interface OutboxSocket {
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code: number, reason: string): void;
}

export interface OutboxLimits {
  /** Bytes in flight above which stream output waits. */
  soft: number;
  /** Bytes in flight above which the connection is closed. */
  hard: number;
  /** Console bytes kept per terminal while waiting. */
  consoleKeep: number;
  /** dmesg records kept while waiting. */
  dmesgKeep: number;
}

export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = { soft: 1 << 20, hard: 32 << 20, consoleKeep: 256 << 10, dmesgKeep: 4096 };

type Message = { type?: unknown; stream?: unknown; data?: unknown };

export class Outbox {
  private readonly console = new Map<string, { text: string; dropped: number }>();
  private dmesg: unknown[] = [];
  private dmesgDropped = 0;
  private traceDropped = 0;
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly socket: OutboxSocket,
    /** Runs `flush` later (setImmediate while the socket drains; a timer while it is full). */
    private readonly later: (fn: () => void, busy: boolean) => void,
    private readonly limits: OutboxLimits = DEFAULT_OUTBOX_LIMITS,
  ) {}

  /** Queues or sends one server message. */
  push(msg: unknown): void {
    if (this.closed) return;
    const m = msg as Message;
    if (m?.type === 'event' && m.stream === 'console') {
      const d = m.data as { tty: string; data: string };
      const held = this.console.get(d.tty) ?? { text: '', dropped: 0 };
      held.text += d.data;
      if (held.text.length > this.limits.consoleKeep) {
        held.dropped += held.text.length - this.limits.consoleKeep;
        held.text = held.text.slice(-this.limits.consoleKeep);
      }
      this.console.set(d.tty, held);
      return this.schedule();
    }
    if (m?.type === 'event' && (m.stream === 'dmesg' || m.stream === 'trace') && (this.pending() || this.socket.bufferedAmount > this.limits.soft)) {
      if (m.stream === 'trace') this.traceDropped += Array.isArray(m.data) ? m.data.length : 1;
      else {
        this.dmesg.push(...(m.data as unknown[]));
        const over = this.dmesg.length - this.limits.dmesgKeep;
        if (over > 0) {
          this.dmesg.splice(0, over);
          this.dmesgDropped += over;
        }
      }
      return this.schedule();
    }
    this.write(msg);
  }

  /** Counts of what was dropped so far (for tests and the server's log). */
  dropped(): { consoleBytes: number; dmesg: number; trace: number } {
    let consoleBytes = 0;
    for (const h of this.console.values()) consoleBytes += h.dropped;
    return { consoleBytes: consoleBytes + this.consoleDroppedSent, dmesg: this.dmesgDropped, trace: this.traceDropped };
  }

  private consoleDroppedSent = 0;

  private pending(): boolean {
    return this.console.size > 0 || this.dmesg.length > 0;
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    this.later(() => {
      this.scheduled = false;
      this.flush();
    }, this.socket.bufferedAmount > this.limits.soft);
  }

  /** Sends what waits if the socket has room; otherwise tries again later. */
  flush(): void {
    if (this.closed || !this.pending()) return;
    if (this.socket.bufferedAmount > this.limits.soft) return this.schedule();
    if (this.dmesg.length) {
      this.write({ type: 'event', stream: 'dmesg', data: this.dmesg });
      this.dmesg = [];
    }
    for (const [tty, held] of this.console) {
      const note = held.dropped ? `\r\n[kwb: ${held.dropped} bytes of console output dropped: the page was not reading]\r\n` : '';
      this.consoleDroppedSent += held.dropped;
      this.write({ type: 'event', stream: 'console', data: { tty, data: note + held.text } });
    }
    this.console.clear();
  }

  private write(msg: unknown): void {
    if (this.closed) return;
    if (this.socket.bufferedAmount > this.limits.hard) {
      this.closed = true;
      this.socket.close(1008, 'client is not reading');
      return;
    }
    this.socket.send(JSON.stringify(msg));
  }
}
