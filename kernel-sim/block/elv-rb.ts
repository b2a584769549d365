// Models linux/block/elevator.c's request-sorting helpers: elv_rb_add/del/find/latter (requests sorted by start sector, an rbtree in Linux, a sorted array here) and elv_rqhash (requests by end sector, for back merges).
import { type request, blk_rq_pos, blk_rq_sectors } from '../include/linux/blk-mq.ts';

/** Requests sorted by start sector; equal sectors keep insertion order, as elv_rb_add puts a duplicate to the right. */
export class elv_rb_root {
  readonly rqs: request[] = [];

  get size(): number { return this.rqs.length; }

  /** First index whose sector is > `sector` (upper bound). */
  private upper(sector: number): number {
    let lo = 0, hi = this.rqs.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (blk_rq_pos(this.rqs[mid]!) <= sector) lo = mid + 1; else hi = mid; }
    return lo;
  }

  add(rq: request): void { this.rqs.splice(this.upper(blk_rq_pos(rq)), 0, rq); }

  del(rq: request): void {
    // Search from the upper bound leftwards among requests at the same sector.
    for (let i = this.upper(blk_rq_pos(rq)) - 1; i >= 0 && blk_rq_pos(this.rqs[i]!) === blk_rq_pos(rq); i--) {
      if (this.rqs[i] === rq) { this.rqs.splice(i, 1); return; }
    }
    const i = this.rqs.indexOf(rq);
    if (i >= 0) this.rqs.splice(i, 1);
  }

  /** elv_rb_find: a request starting at `sector`. */
  find(sector: number): request | null {
    const i = this.upper(sector) - 1;
    return i >= 0 && blk_rq_pos(this.rqs[i]!) === sector ? this.rqs[i]! : null;
  }

  /** elv_rb_latter_request: the next request in sector order after `rq` (null at the end). */
  latter(rq: request): request | null {
    let i = this.upper(blk_rq_pos(rq)) - 1;
    while (i >= 0 && this.rqs[i] !== rq) i--;
    return i >= 0 ? this.rqs[i + 1] ?? null : null;
  }

  /** The first request at or after `sector` (bfq's and deadline's "next in the head's direction"). */
  ceil(sector: number): request | null {
    let lo = 0, hi = this.rqs.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (blk_rq_pos(this.rqs[mid]!) < sector) lo = mid + 1; else hi = mid; }
    return this.rqs[lo] ?? null;
  }

  /** The last request before `sector`. */
  floor(sector: number): request | null {
    let lo = 0, hi = this.rqs.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (blk_rq_pos(this.rqs[mid]!) < sector) lo = mid + 1; else hi = mid; }
    return this.rqs[lo - 1] ?? null;
  }

  first(): request | null { return this.rqs[0] ?? null; }
}

/** elv_rqhash: requests by the sector just past their end, where a bio would back-merge. */
export class elv_rqhash {
  private readonly m = new Map<number, request>();
  add(rq: request): void { this.m.set(blk_rq_pos(rq) + blk_rq_sectors(rq), rq); }
  del(rq: request): void {
    const k = blk_rq_pos(rq) + blk_rq_sectors(rq);
    if (this.m.get(k) === rq) this.m.delete(k);
  }
  find(sector: number): request | null { return this.m.get(sector) ?? null; }
  /** A request that grew (merge) moves to its new end sector; `old_end` is where it was. */
  reposition(rq: request, old_end: number): void {
    if (this.m.get(old_end) === rq) this.m.delete(old_end);
    this.add(rq);
  }
}

/** An insertion-ordered FIFO with O(1) removal from anywhere (list_del_init on rq->queuelist). */
export class rq_fifo {
  private readonly s = new Set<request>();
  get size(): number { return this.s.size; }
  add(rq: request): void { this.s.add(rq); }
  del(rq: request): void { this.s.delete(rq); }
  first(): request | null { for (const r of this.s) return r; return null; }
  has(rq: request): boolean { return this.s.has(rq); }
  values(): IterableIterator<request> { return this.s.values(); }
}
