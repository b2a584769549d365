// Compile errors come back as structured diagnostics at the right line:column, with clang's own text kept.
import { describe, it, expect, beforeAll } from 'vitest';
import { makeToolchain, buildSource } from './helpers.ts';
import type { Toolchain } from '../../../kernel-sim/toolchain/build.ts';
import { parseDiagnostics } from '../../../kernel-sim/toolchain/diagnostics.ts';

let tc: Toolchain;
beforeAll(() => { tc = makeToolchain(); });

const BROKEN = `#include <linux/module.h>
#include <linux/kernel.h>

static void helper(void)
{
	int unused;
}

static int __init broken_init(void)
{
	pr_info("x=%d\\n", missing_variable);
	return not_a_kernel_function(3);
}
module_init(broken_init);
MODULE_LICENSE("GPL");
`;

describe('diagnostics', () => {
  it('reports an undeclared identifier and an implicit declaration with file, line and column', async () => {
    const r = await buildSource(tc, 'labs/demo/broken.c', BROKEN);
    expect(r.ok).toBe(false);
    expect(r.wasm).toBeUndefined();
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toContainEqual(expect.objectContaining({
      file: 'labs/demo/broken.c', line: 11, column: 20, severity: 'error', message: "use of undeclared identifier 'missing_variable'",
    }));
    const implicit = errors.find((d) => d.message.includes('not_a_kernel_function'));
    expect(implicit).toMatchObject({ file: 'labs/demo/broken.c', line: 12, column: 9, flag: '-Wimplicit-function-declaration' });
    expect(implicit!.text.startsWith('labs/demo/broken.c:12:9: error: ')).toBe(true);
    expect(r.log).toContain("labs/demo/broken.c:11:20: error: use of undeclared identifier 'missing_variable'");
    const warning = r.diagnostics.find((d) => d.severity === 'warning');
    expect(warning).toMatchObject({ line: 6, column: 6, flag: '-Wunused-variable' });
  });

  it('reports errors inside headers at the header line', async () => {
    const r = await buildSource(tc, 'x.c', '#include <linux/slab.h>\nvoid f(void) { kfree(1, 2); }\n');
    const e = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(e).toMatchObject({ file: 'x.c', line: 2, column: 25, message: 'too many arguments to function call, expected single argument \'objp\', have 2 arguments' });
    const note = r.diagnostics.find((d) => d.severity === 'note')!;
    expect(note.file).toBe('/kwb/include/linux/slab.h');
    expect(note.line).toBeGreaterThan(1);
  });

  it('parses clang and wasm-ld lines and skips the rest', () => {
    const ds = parseDiagnostics([
      'In file included from a.c:1:',
      'b.h:3:14: warning: unused variable \'x\' [-Wunused-variable]',
      'a.c:10:2: fatal error: \'nope.h\' file not found',
      'wasm-ld: error: duplicate symbol: foo',
      '1 error generated.',
    ].join('\n'));
    expect(ds).toEqual([
      { file: 'b.h', line: 3, column: 14, severity: 'warning', message: "unused variable 'x'", flag: '-Wunused-variable', text: "b.h:3:14: warning: unused variable 'x' [-Wunused-variable]" },
      { file: 'a.c', line: 10, column: 2, severity: 'fatal error', message: "'nope.h' file not found", text: "a.c:10:2: fatal error: 'nope.h' file not found" },
      { file: '', line: 0, column: 0, severity: 'error', message: 'duplicate symbol: foo', text: 'wasm-ld: error: duplicate symbol: foo' },
    ]);
  });
});
