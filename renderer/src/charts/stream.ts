// Streaming-chart plumbing: a fixed-size ring buffer per series, min/max decimation to the pixels available, and a redraw throttle near 30 Hz.

export class RingBuffer {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private start = 0;
  length = 0;

  constructor(readonly capacity: number) {
    this.xs = new Float64Array(capacity);
    this.ys = new Float64Array(capacity);
  }

  push(x: number, y: number): void {
    const i = (this.start + this.length) % this.capacity;
    this.xs[i] = x;
    this.ys[i] = y;
    if (this.length < this.capacity) this.length++;
    else this.start = (this.start + 1) % this.capacity;
  }

  at(i: number): { x: number; y: number } {
    const j = (this.start + i) % this.capacity;
    return { x: this.xs[j]!, y: this.ys[j]! };
  }

  /** Points oldest first. */
  points(): Array<{ x: number; y: number }> {
    const out = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    return out;
  }

  clear(): void { this.start = 0; this.length = 0; }
}

/** Min/max decimation: at most 2 points per bucket, keeping peaks (what the eye must not miss). */
export function decimate(points: Array<{ x: number; y: number }>, buckets: number): Array<{ x: number; y: number }> {
  if (points.length <= buckets * 2 || buckets < 1) return points;
  const out: Array<{ x: number; y: number }> = [];
  const size = points.length / buckets;
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size), to = Math.min(points.length, Math.floor((b + 1) * size));
    let min = points[from]!, max = points[from]!;
    for (let i = from + 1; i < to; i++) {
      const p = points[i]!;
      if (p.y < min.y) min = p;
      if (p.y > max.y) max = p;
    }
    if (min === max) out.push(min);
    else if (min.x < max.x) out.push(min, max);
    else out.push(max, min);
  }
  return out;
}

/** Calls `draw` at most once per `intervalMs` (default ~30 Hz), coalescing requests; the clock and scheduler are injectable for tests. */
export class FrameThrottle {
  private last = -Infinity;
  private pending: ReturnType<typeof setTimeout> | null = null;
  draws = 0;

  constructor(
    private readonly draw: () => void,
    readonly intervalMs = 1000 / 30,
    private readonly now: () => number = () => performance.now(),
    private readonly later: (fn: () => void, ms: number) => ReturnType<typeof setTimeout> = (fn, ms) => setTimeout(fn, ms),
  ) {}

  request(): void {
    if (this.pending !== null) return;
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) { this.fire(); return; }
    this.pending = this.later(() => { this.pending = null; this.fire(); }, wait);
  }

  private fire(): void {
    this.last = this.now();
    this.draws++;
    this.draw();
  }

  cancel(): void { if (this.pending !== null) clearTimeout(this.pending); this.pending = null; }
}
