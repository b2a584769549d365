// The console shell's line editor under a long paste: 32 KiB pasted at once into ttyS0 (as xterm.js delivers a paste), the wall time until the kernel has echoed it, and the bytes the editor wrote for it (linear: about one per byte pasted).
import { performance } from 'node:perf_hooks';
import { Machine } from '../kernel-sim/machine.ts';

export default function bench(): Record<string, number> {
  const m = new Machine({});
  m.boot();
  let bytes = 0;
  m.on((e) => { if (e.type === 'event' && e.stream === 'console') bytes += (e.data as { data: string }).data.length; });
  m.runFor(1e9);
  bytes = 0;
  const paste = 'echo ' + 'x'.repeat(32 * 1024 - 5);
  const t0 = performance.now();
  m.ttyInput('ttyS0', paste);
  // Until everything pasted has been echoed (or 60 virtual seconds).
  for (let i = 0; i < 600 && bytes < paste.length; i++) m.runFor(1e8);
  const ms = performance.now() - t0;
  return { shell_paste_32k_ms: Math.round(ms), shell_paste_32k_output_bytes: bytes };
}
