// The lint that keeps kernel-sim registrable and multi-machine: no side-effect imports, no per-boot module globals, no value-import cycles.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import kernel from '../../scripts/eslint/kernel-rules.js';
import { ROOT } from './toolchain/helpers.ts';

RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });

describe('kernel/no-boot-global', () => {
  tester.run('no-boot-global', kernel.rules['no-boot-global'], {
    valid: [
      "const TABLE = new Map([['a', 1]]);\nexport function f(k: string) { return TABLE.get(k); }",
      "const st = defineState('x', () => ({ n: 0 }));\nexport function bump() { st().n++; }",
      "// kernel-static: a hook set once at load, the same for every boot\nlet hook = () => 0;\nexport function set_hook(f: () => number) { hook = f; }",
      "const OPS = { x: { set: (v: number) => v } };\nexport function f() { return OPS.x.set(1); }",
      'export function f() { let n = 0; n++; return n; }',
    ],
    invalid: [
      { code: 'let pcibios_min_mem = 0x20000000;\nexport function set(v: number) { pcibios_min_mem = v; }', errors: [{ messageId: 'mutableBinding' }] },
      { code: 'export let count = 0;', errors: [{ messageId: 'mutableBinding' }] },
      { code: 'const seen = new Set<number>();', errors: [{ messageId: 'mutableContainer' }] },
      { code: 'const late: number[] = [];\nexport function add(n: number) { late.push(n); }', errors: [{ messageId: 'mutableContainer' }] },
      { code: "const byName: Record<string, number> = {};\nexport function add(k: string) { byName[k] = 1; }", errors: [{ messageId: 'mutableContainer' }] },
      { code: '// a comment without the mark\nlet x = 1;', errors: [{ messageId: 'mutableBinding' }] },
    ],
  });
});

describe('kernel/no-side-effect-import', () => {
  tester.run('no-side-effect-import', kernel.rules['no-side-effect-import'], {
    valid: ["import { x } from './x.ts';", "import * as unit from './unit.ts';", "import type { T } from './t.ts';"],
    invalid: [{ code: "import './load_all.ts';", errors: [{ messageId: 'sideEffect' }] }],
  });
});

describe('scripts/check-cycles.js', () => {
  const run = (dir: string): { code: number; out: string } => {
    try {
      return { code: 0, out: execFileSync('node', [join(ROOT, 'scripts/check-cycles.js'), dir], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' }) };
    } catch (e) {
      const x = e as { status: number; stderr: string };
      return { code: x.status, out: x.stderr };
    }
  };

  it('fails on a value-import cycle and names it', () => {
    const r = run('test/fixtures/cycles/value');
    expect(r.code).toBe(1);
    expect(r.out).toContain('1 new value-import cycle');
    expect(r.out).toMatch(/test\/fixtures\/cycles\/value\/a\.ts -> test\/fixtures\/cycles\/value\/b\.ts -> test\/fixtures\/cycles\/value\/a\.ts/);
  });

  it('does not count imports that bring only types', () => {
    expect(run('test/fixtures/cycles/type-only').code).toBe(0);
  });
});
