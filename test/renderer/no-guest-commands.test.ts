// No chart, graph or view runs a command in the guest (issue 20: the interrupt chart ran `sh -c cat /proc/interrupts` every second): the renderer's sources never ask for shell.run, and only the terminal's session store types into a tty.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(import.meta.dirname, '..', '..', 'renderer', 'src');

/** Every TypeScript and Vue source under renderer/src, relative to it. */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|vue)$/.test(e.name) ? [relative(SRC, p)] : [];
  });
}
const text = (f: string) => readFileSync(join(SRC, f), 'utf8');

describe('renderer sources', () => {
  const files = sources();

  it('are found (the scan reads the charts, the graph and the terminal)', () => {
    expect(files).toEqual(expect.arrayContaining(['components/InterruptChart.vue', 'components/DeviceGraph.vue', 'stores/interrupts.ts', 'stores/session.ts']));
  });

  it('never ask the kernel to run a shell command (charts read typed data: irq.history, devices.snapshot, fs.read)', () => {
    expect(files.filter((f) => /['"`]shell\.run['"`]|\bshell\.run\(/.test(text(f)))).toEqual([]);
  });

  it('type into a tty only from the terminal\'s session store (what the learner types), never from a chart or view', () => {
    expect(files.filter((f) => /['"`]tty\.(input|open)['"`]/.test(text(f)))).toEqual(['stores/session.ts']);
  });

  it('name no guest command line a chart could run (cat /proc/..., sh -c)', () => {
    const charts = files.filter((f) => /Chart|charts\/|stores\/(interrupts|devices|trace|dmesg)/.test(f));
    expect(charts.length).toBeGreaterThan(4);
    expect(charts.filter((f) => /\bsh -c\b|\bcat \/proc\//.test(text(f)))).toEqual([]);
  });
});
