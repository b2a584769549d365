// Test harness: builds a machine from resources/machines/*.dts with a test clock and recording sinks.
import { readFileSync } from 'node:fs';
import { machine_build, type KwbMachine, type MachineBuildOptions } from '../../../kernel-sim/hw/core/machine-builder.ts';
import { TestClock } from '../../../kernel-sim/hw/core/test-clock.ts';

export const MACHINES = new URL('../../../resources/machines/', import.meta.url);
import { REFERENCE } from '../../fixtures/reference.ts';
export { REFERENCE };

export function machineSource(name: string): string {
  return readFileSync(new URL(name, MACHINES), 'utf8');
}

export interface Booted {
  m: KwbMachine;
  clock: TestClock;
  irqs: Array<{ n: number; level: number; msi: boolean }>;
  tx: number[][];
}

export function boot(nameOrSource: string, extra: Partial<MachineBuildOptions> = {}): Booted {
  const src = nameOrSource.includes('/dts-v1/') ? nameOrSource : machineSource(nameOrSource);
  const clock = new TestClock();
  const irqs: Booted['irqs'] = [];
  const tx: number[][] = [[], [], [], []];
  const r = machine_build(src, {
    file: 'test.dts',
    clock,
    sink: (n, level, msi) => irqs.push({ n, level, msi: !!msi }),
    chr_write: (i, b) => tx[i]!.push(b),
    // Model tests start from reset state; firmware tests ask for 'seabios'.
    firmware: 'chipset',
    ...extra,
  });
  if (!r.ok) throw new Error(r.messages.join('\n'));
  return { m: r.machine, clock, irqs, tx };
}

/** Parses `hexdump -C` blocks (with '*' repeats) of sysfs-pci-config-hexdump.txt: slot name -> 256 bytes. */
export function referenceConfigs(): Map<string, number[]> {
  const text = readFileSync(new URL('sysfs-pci-config-hexdump.txt', REFERENCE), 'utf8');
  const out = new Map<string, number[]>();
  let cur: number[] | null = null;
  let last: number[] = [];
  let lastOff = 0;
  for (const line of text.split('\n')) {
    const h = /^== (\S+) /.exec(line);
    if (h) {
      cur = [];
      out.set(h[1]!, cur);
      continue;
    }
    if (!cur) continue;
    if (line.trim() === '*') {
      last = [...last];
      continue;
    }
    const end = /^([0-9a-f]{8})\s*$/.exec(line);
    if (end) {
      // The closing offset: fill what '*' skipped.
      while (cur.length < parseInt(end[1]!, 16)) cur.push(...last);
      continue;
    }
    const m = /^([0-9a-f]{8})((?:\s+[0-9a-f]{2}){1,16})/.exec(line);
    if (!m) continue;
    const off = parseInt(m[1]!, 16);
    // Fill lines skipped by '*' with the repeated line.
    for (let o = lastOff + 16; o < off && cur.length < off; o += 16) cur.push(...last);
    const bytes = m[2]!.trim().split(/\s+/).map((x) => parseInt(x, 16));
    cur.push(...bytes);
    last = bytes;
    lastOff = off;
  }
  return out;
}
