// Models linux/kernel/time/hrtimer.c: the machine's one queue of timed events in virtual nanoseconds.
//
// Ordered by expiry, then by arming order, so equal expiries fire
// deterministically. Both kernel timers and hardware models' timers live here.

export interface hrtimer {
  expires: number;
  seq: number;
  fn: () => void;
  /** Index in the heap, -1 when not queued. */
  idx: number;
  name: string;
}

export class TimerQueue {
  private heap: hrtimer[] = [];
  private seq = 0;

  get size(): number { return this.heap.length; }

  create(name: string, fn: () => void): hrtimer {
    return { expires: 0, seq: 0, fn, idx: -1, name };
  }

  /** Arms (or re-arms) a timer to fire at `expires`. */
  start(t: hrtimer, expires: number): void {
    if (t.idx >= 0) this.cancel(t);
    t.expires = expires;
    t.seq = this.seq++;
    t.idx = this.heap.length;
    this.heap.push(t);
    this.up(t.idx);
  }

  cancel(t: hrtimer): boolean {
    const i = t.idx;
    if (i < 0) return false;
    const last = this.heap.pop()!;
    if (last !== t) {
      this.heap[i] = last;
      last.idx = i;
      this.down(i);
      this.up(last.idx);
    }
    t.idx = -1;
    return true;
  }

  active(t: hrtimer): boolean { return t.idx >= 0; }

  /** The queued timers in expiry order (timerqueue_iterate_next from the first), for /proc/timer_list. */
  queued(): hrtimer[] { return [...this.heap].sort((a, b) => (this.less(a, b) ? -1 : 1)); }

  next_expiry(): number | null { return this.heap.length ? this.heap[0].expires : null; }

  /** Removes and returns the earliest timer if it has expired by `now`. */
  pop_expired(now: number): hrtimer | null {
    const top = this.heap[0];
    if (!top || top.expires > now) return null;
    this.cancel(top);
    return top;
  }

  private less(a: hrtimer, b: hrtimer): boolean {
    return a.expires < b.expires || (a.expires === b.expires && a.seq < b.seq);
  }
  private swap(i: number, j: number): void {
    const h = this.heap, a = h[i], b = h[j];
    h[i] = b; h[j] = a;
    b.idx = i;
    a.idx = j;
  }
  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(this.heap[i], this.heap[p])) break;
      this.swap(i, p);
      i = p;
    }
  }
  private down(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < n && this.less(this.heap[l], this.heap[m])) m = l;
      if (r < n && this.less(this.heap[r], this.heap[m])) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
}
