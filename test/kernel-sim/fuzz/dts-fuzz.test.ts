// Fuzz: thousands of seeded mutants of the shipped machine DTS files each get file:line:column errors or build a machine (a sample boots fully).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { dtc_compile } from '../../../kernel-sim/scripts/dtc/dtc.ts';
import { machine_build } from '../../../kernel-sim/hw/core/machine-builder.ts';
import { TestClock } from '../../../kernel-sim/hw/core/test-clock.ts';
import { Machine, MachineError } from '../../../kernel-sim/machine.ts';
import { mutant, prng } from './mutate.ts';

const DIR = new URL('../../../resources/machines/', import.meta.url);
const MACHINES = readdirSync(DIR).filter((f) => f.endsWith('.dts')).sort();
/** Mutants per file: default.dts is the one learners start from, so it gets most. */
const COUNT: Record<string, number> = { 'default.dts': 2000 };
const OTHERS = 250;
const FULL_BOOTS = 3;

/** Problems with one compiler message: its shape, and a position inside the mutant. */
function bad_message(msg: string, file: string, lines: number): string | null {
  const m = /^(.+?):(\d+):(\d+): (error|warning): \S/.exec(msg);
  if (!m) return `not file:line:col: ${JSON.stringify(msg.slice(0, 200))}`;
  if (m[1] !== file) return `wrong file in ${msg.slice(0, 200)}`;
  if (Number(m[2]) < 1 || Number(m[2]) > lines + 1 || Number(m[3]) < 1) return `position outside the file: ${msg.slice(0, 200)}`;
  return null;
}

describe('DTS fuzz: every mutant gets a diagnostic or builds a machine', () => {
  for (const file of MACHINES) {
    it(`${file}: ${COUNT[file] ?? OTHERS} seeded mutants`, () => {
      const base = readFileSync(new URL(file, DIR), 'utf8');
      const rng = prng(0x6b7762 + file.length);
      const problems: string[] = [];
      const tally = { diagnosed: 0, built: 0, build_diagnosed: 0 };
      const bootable: string[] = [];
      for (let i = 0; i < (COUNT[file] ?? OTHERS); i++) {
        const { text, ops } = mutant(base, rng);
        const where = `mutant ${i} (${ops.join('+')})`;
        const lines = text.split('\n').length;
        try {
          const r = dtc_compile(text, file);
          for (const msg of r.messages) {
            const bad = bad_message(msg, file, lines);
            if (bad) problems.push(`${where}: ${bad}`);
          }
          if (r.failed) {
            if (!r.messages.some((m) => m.includes(': error: '))) problems.push(`${where}: failed without an error message`);
            tally.diagnosed++;
            continue;
          }
          const b = machine_build(text, { file, clock: new TestClock(), sink: () => {} });
          if (b.ok) {
            tally.built++;
            if (text !== base) bootable.push(text);
          } else {
            tally.build_diagnosed++;
            if (!b.messages.length) problems.push(`${where}: the build failed without a message`);
            for (const msg of b.messages) {
              const bad = bad_message(msg, file, lines);
              if (bad) problems.push(`${where}: ${bad}`);
            }
          }
        } catch (e) {
          problems.push(`${where}: threw ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
        }
      }
      expect(problems.slice(0, 20)).toEqual([]);
      expect(tally.diagnosed).toBeGreaterThan(0);
      if (file === 'default.dts') {
        expect(tally.built).toBeGreaterThan(0);
        // A sample of mutants that compiled boots all the way to the shell, or stops with the machine's diagnostics.
        const step = Math.max(1, Math.floor(bootable.length / FULL_BOOTS));
        for (let k = 0; k < FULL_BOOTS && k * step < bootable.length; k++) {
          const text = bootable[k * step]!;
          try {
            const info = new Machine({ dts: text, dtsName: file }).boot();
            expect(['running', 'panicked', 'halted', 'off']).toContain(info.state);
          } catch (e) {
            expect(e).toBeInstanceOf(MachineError);
            expect((e as MachineError).message).toMatch(new RegExp(`^${file.replace('.', '\\.')}:\\d+:\\d+: error: `));
          }
        }
      }
    });
  }
});
