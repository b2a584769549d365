// The one service that keeps the data stores attached to kernel-sim: on every (re)connect, kernel-sim restart and new boot it subscribes each store's streams and backfills it from boot; live events flow in between.
//
// A store describes itself as an AttachedStore (its subscriber name, streams,
// backfill and live wiring); nothing here knows what the data is. A view
// opened late reads its store, which already holds the history from boot.
import type { Stream } from '../../../kernel-sim/api/protocol.ts';
import type { KernelClient } from './client.ts';

/** Why a store is (re)synced: a new channel, a new kernel-sim behind it, or a new boot of the machine. */
export type SyncReason = 'connect' | 'restart' | 'boot';

export interface AttachedStore {
  /** Its name as an events.subscribe subscriber. */
  readonly name: string;
  readonly streams: readonly Stream[];
  /** Fetches the store's data from boot. On 'restart' and 'boot' earlier data belongs to another machine. */
  backfill(client: KernelClient, reason: SyncReason): Promise<void>;
  /** Wires the store to live events of the client; returns the functions that unwire it. */
  live?(client: KernelClient): Array<() => void>;
}

interface Entry { store: AttachedStore; running: Promise<void> | null; again: SyncReason | null; offs: Array<() => void> }

export class AttachService {
  private readonly entries: Entry[] = [];
  private readonly offs: Array<() => void>;
  private bootCount: number | null = null;
  /** Errors of the last syncs, by store (the next trigger retries). */
  readonly errors = new Map<string, unknown>();

  constructor(readonly client: KernelClient) {
    this.offs = [
      client.onConnection((state) => { if (state === 'open') this.syncAll('connect'); }),
      client.onHost((ev) => { if (ev.restarted) { this.bootCount = null; this.syncAll('restart'); } }),
      client.onMachine((info) => {
        const seen = this.bootCount;
        this.bootCount = info.bootCount;
        if (seen !== null && seen !== info.bootCount) this.syncAll('boot');
      }),
    ];
  }

  /** Attaches a store: live events now, a backfill now if connected and on every later trigger. */
  add(store: AttachedStore): () => void {
    const entry: Entry = { store, running: null, again: null, offs: store.live?.(this.client) ?? [] };
    this.entries.push(entry);
    if (this.client.state === 'open') void this.sync(entry, 'connect');
    return () => {
      entry.offs.forEach((off) => off());
      this.entries.splice(this.entries.indexOf(entry), 1);
      if (this.client.state === 'open') void this.client.request('events.unsubscribe', { subscriber: store.name }).catch(() => {});
    };
  }

  /** Resolves once every store's current sync has finished. */
  async settled(): Promise<void> {
    while (this.entries.some((e) => e.running)) await Promise.all(this.entries.map((e) => e.running));
  }

  dispose(): void {
    this.offs.forEach((off) => off());
    for (const e of this.entries) e.offs.forEach((off) => off());
    this.entries.length = 0;
  }

  private syncAll(reason: SyncReason): void {
    for (const e of this.entries) void this.sync(e, reason);
  }

  /** Subscribes and backfills one store; a trigger during a sync runs it once more after. */
  private sync(entry: Entry, reason: SyncReason): Promise<void> {
    if (entry.running) {
      // A restart or a boot outranks a reconnect (the next run must drop old data); else the latest reason wins.
      entry.again = reason === 'connect' && entry.again ? entry.again : reason;
      return entry.running;
    }
    const run = async () => {
      const { store } = entry;
      try {
        if (store.streams.length) await this.client.request('events.subscribe', { subscriber: store.name, streams: [...store.streams] });
        await store.backfill(this.client, reason);
        this.errors.delete(store.name);
      } catch (err) {
        this.errors.set(store.name, err);
      }
    };
    entry.running = run().finally(() => {
      entry.running = null;
      const next = entry.again;
      entry.again = null;
      if (next && this.client.state === 'open' && this.entries.includes(entry)) void this.sync(entry, next);
    });
    return entry.running;
  }
}

/** Attaches stores to a client with one service; returns it. */
export function attachStores(client: KernelClient, stores: readonly AttachedStore[]): AttachService {
  const service = new AttachService(client);
  for (const s of stores) service.add(s);
  return service;
}
