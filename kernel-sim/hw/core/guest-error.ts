// Models QEMU util/log.c qemu_log_mask(LOG_GUEST_ERROR, ...): the channel where models report guest misuse.

export type GuestErrorKind = 'access' | 'unimplemented' | 'dma' | 'config';

/** One report of the guest (driver) using the hardware wrongly, worded for a learner. */
export interface GuestError {
  /** Device instance name, e.g. "edu" or "0000:00:02.0 edu". */
  device: string;
  kind: GuestErrorKind;
  message: string;
  time_ns: number;
  /** DMA faults carry the offending addresses so the UI can show a fault report. */
  addresses?: { dev_addr?: number; ram_addr?: number; len?: number };
}

export type GuestErrorListener = (e: GuestError) => void;

/** A per-machine log channel: keeps the last `capacity` entries and notifies listeners. */
export class GuestErrorLog {
  readonly entries: GuestError[] = [];
  private readonly listeners: GuestErrorListener[] = [];
  constructor(private readonly capacity = 1024) {}

  log(e: GuestError): void {
    this.entries.push(e);
    if (this.entries.length > this.capacity) this.entries.shift();
    for (const l of this.listeners) l(e);
  }

  subscribe(l: GuestErrorListener): () => void {
    this.listeners.push(l);
    return () => {
      const i = this.listeners.indexOf(l);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  clear(): void {
    this.entries.length = 0;
  }
}

export function hex(n: number | bigint, width = 0): string {
  return '0x' + n.toString(16).padStart(width, '0');
}
