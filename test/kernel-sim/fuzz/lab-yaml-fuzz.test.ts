// Fuzz: seeded mutants of the shipped lab files and hostile YAML each parse or get line:column errors, never a host exception.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { LAB_MAX_DEPTH, parse_lab } from '../../../kernel-sim/lab/schema.ts';
import { mutant, prng } from './mutate.ts';

const LABS = new URL('../../../labs/', import.meta.url);
const FILES = readdirSync(LABS).sort().map((d) => `${d}/lab.yaml`);
const PER_FILE = 700;

function problems_of(text: string, where: string): string[] {
  try {
    const r = parse_lab(text);
    if (r.ok) return [];
    const lines = text.split('\n').length;
    const bad = r.errors.filter((e) => !(e.line >= 1 && e.line <= lines + 1 && e.column >= 1 && e.message.length > 0));
    if (!r.errors.length) return [`${where}: failed without errors`];
    return bad.map((e) => `${where}: bad diagnostic ${JSON.stringify(e)}`);
  } catch (e) {
    return [`${where}: threw ${String(e).slice(0, 200)}`];
  }
}

describe('lab YAML fuzz', () => {
  for (const file of FILES) {
    it(`${file}: ${PER_FILE} seeded mutants parse or get line:column errors`, () => {
      const base = readFileSync(new URL(file, LABS), 'utf8');
      expect(parse_lab(base).ok).toBe(true);
      const rng = prng(0x6c6162 + file.length);
      const problems: string[] = [];
      let rejected = 0;
      for (let i = 0; i < PER_FILE; i++) {
        const { text, ops } = mutant(base, rng);
        problems.push(...problems_of(text, `mutant ${i} (${ops.join('+')})`));
        if (!parse_lab(text).ok) rejected++;
      }
      expect(problems.slice(0, 20)).toEqual([]);
      expect(rejected).toBeGreaterThan(PER_FILE / 10);
    });
  }

  it('hostile documents: deep nesting, alias bombs, unresolved aliases, bad regexps, huge files', () => {
    const head = 'title: t\nsummary: s\nobjectives: [o]\nsteps:\n  - id: a\n    title: A\n    text: t\n    checks:\n';
    const cases: Array<[string, string, { line: number; column: number; message: string }]> = [
      ['20,000 open brackets (the YAML library aborted the process)', `title: ${'['.repeat(20_000)}${']'.repeat(20_000)}`, { line: 1, column: 8 + LAB_MAX_DEPTH, message: `brackets nested more than ${LAB_MAX_DEPTH} levels deep` }],
      ['300 nested mappings', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), { line: LAB_MAX_DEPTH, column: LAB_MAX_DEPTH + 1, message: `nested more than ${LAB_MAX_DEPTH} levels deep` }],
      ['an alias bomb', 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n', { line: 2, column: 8, message: 'Excessive alias count indicates a resource exhaustion attack' }],
      ['an unresolved alias', 'title: *nope\n', { line: 1, column: 8, message: 'Unresolved alias (the anchor must be set before the alias): nope' }],
      ['a regexp that does not compile', `${head}      - run: x\n        output_matches: "("\n`, { line: 10, column: 25, message: 'steps.0.checks.0.output_matches: not a valid regular expression' }],
      ['a 2 MiB file', `title: "${'x'.repeat(2 << 20)}"\n`, { line: 1, column: 1, message: 'the lab file is larger than 1048576 bytes' }],
    ];
    for (const [what, text, want] of cases) expect(parse_lab(text), what).toEqual({ ok: false, errors: [want] });
    // Brackets inside quotes, comments and block scalars are text, not nesting.
    const texty = `${head}      - run: "${'['.repeat(100)}" # ${'{'.repeat(100)}\n        message: |\n          ${'['.repeat(100)}\n`;
    expect(parse_lab(texty).ok).toBe(true);
  });
});
