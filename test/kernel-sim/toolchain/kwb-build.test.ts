// `kwb build` on the host: writes NAME.ko / user programs, prints clang's diagnostics, exit codes like a compiler.
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { kwbBuild } from '../../../kernel-sim/host/kwb-build.ts';
import { readModinfo, modinfoValue } from '../../../kernel-sim/toolchain/modinfo.ts';
import { ROOT } from './helpers.ts';
import { scratchDirs } from '../../fixtures/scratch.ts';

const tmp = scratchDirs();
afterAll(tmp.cleanup);

function io(): { out: string[]; err: string[]; io: { stdout: (s: string) => void; stderr: (s: string) => void } } {
  const out: string[] = [], err: string[] = [];
  return { out, err, io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s) } };
}

describe('kwb build', () => {
  it('builds hello.ko with -o and a -D define, kbuild-style output', async () => {
    const dir = tmp.make('kwb-build-');
    const o = io();
    const code = await kwbBuild([join(ROOT, 'test/fixtures/drivers/hello/hello.c'), '-o', join(dir, 'hello.ko'), '-DDEBUG'], o.io);
    expect(o.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(o.out.join('')).toMatch(/ {2}CC \[M\] {2}.*hello\.c\n {2}LD \[M\] {2}.*hello\.ko\n/);
    const ko = new Uint8Array(readFileSync(join(dir, 'hello.ko')));
    expect(modinfoValue(readModinfo(ko), 'license')).toBe('GPL');
    expect(modinfoValue(readModinfo(ko), 'name')).toBe('hello');
  });

  it('defaults the output to NAME.ko next to the source, with - replaced by _ in the module name', async () => {
    const dir = tmp.make('kwb-build-');
    mkdirSync(join(dir, 'inc'));
    writeFileSync(join(dir, 'inc', 'answer.h'), '#define ANSWER 42\n');
    writeFileSync(join(dir, 'my-mod.c'), '#include <linux/module.h>\n#include "answer.h"\nstatic int v = ANSWER + EXTRA;\nstatic int __init i(void) { return v - 43; }\nmodule_init(i);\nMODULE_LICENSE("GPL");\n');
    const o = io();
    expect(await kwbBuild([join(dir, 'my-mod.c'), '-I', join(dir, 'inc'), '-D', 'EXTRA=1'], o.io)).toBe(0);
    expect(existsSync(join(dir, 'my_mod.ko'))).toBe(true);
    expect(modinfoValue(readModinfo(new Uint8Array(readFileSync(join(dir, 'my_mod.ko')))), 'name')).toBe('my_mod');
  });

  it('fails with exit 1 and clang\'s file:line:col message, writing nothing', async () => {
    const dir = tmp.make('kwb-build-');
    writeFileSync(join(dir, 'bad.c'), '#include <linux/module.h>\nstatic int __init i(void)\n{\n\treturn nope;\n}\nmodule_init(i);\n');
    const o = io();
    expect(await kwbBuild([join(dir, 'bad.c')], o.io)).toBe(1);
    expect(o.err.join('')).toContain("bad.c:4:9: error: use of undeclared identifier 'nope'");
    expect(o.err.join('')).toContain('kwb build: 1 error; no module written');
    expect(existsSync(join(dir, 'bad.ko'))).toBe(false);
  });

  it('--user builds a program against the libc with "../" includes', async () => {
    const dir = tmp.make('kwb-build-');
    const o = io();
    const code = await kwbBuild(['--user', join(ROOT, 'test/fixtures/user/edu-test.c'), '-o', join(dir, 'edu-test')], o.io);
    expect(o.err.join('')).toBe('');
    expect(code).toBe(0);
    const mod = new WebAssembly.Module(readFileSync(join(dir, 'edu-test')));
    expect(WebAssembly.Module.exports(mod).map((e) => e.name)).toEqual(expect.arrayContaining(['_start', 'memory']));
    expect(WebAssembly.Module.imports(mod).map((i) => `${i.module}.${i.name}`).sort()).toEqual(['env.__kwb_argv', 'env.__syscall']);
  });

  it('builds every obj-m module of a folder from its Kbuild, NAME-objs listing a module\'s files', async () => {
    const dir = tmp.make('kwb-build-');
    for (const f of ['start.c', 'stop.c']) writeFileSync(join(dir, f), readFileSync(join(ROOT, 'test/fixtures/drivers/lkmpg-startstop', f)));
    writeFileSync(join(dir, 'Makefile'), 'obj-m += startstop.o\nstartstop-objs := start.o \\\n\tstop.o\nccflags-y := -DKWB_ANSWER=42\n\nall:\n\t$(MAKE) -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules\n');
    const o = io();
    expect(await kwbBuild([dir], o.io)).toBe(0);
    expect(o.out.join('')).toMatch(/CC \[M\] {2}.*start\.c\n {2}CC \[M\] {2}.*stop\.c\n {2}LD \[M\] {2}.*startstop\.ko\n$/);
    const mod = new WebAssembly.Module(readFileSync(join(dir, 'startstop.ko')));
    expect(WebAssembly.Module.exports(mod).map((e) => e.name)).toEqual(expect.arrayContaining(['init_module', 'cleanup_module']));
    expect(modinfoValue(readModinfo(new Uint8Array(readFileSync(join(dir, 'startstop.ko')))), 'name')).toBe('startstop');
    writeFileSync(join(dir, 'Kbuild'), 'obj-m := gone.o\n');
    const e = io();
    expect(await kwbBuild([join(dir, 'Kbuild')], e.io)).toBe(1);
    expect(e.err.join('')).toContain("No rule to make target '");
  }, 60_000);

  it('gives CFLAGS_<obj>.o\'s -I and -D to that object only, as kbuild does (mei\'s CFLAGS_mei-trace.o = -I$(src))', async () => {
    const dir = tmp.make('kwb-build-');
    mkdirSync(join(dir, 'inc'));
    writeFileSync(join(dir, 'inc', 'only_b.h'), '#define FROM_INC 2\n');
    writeFileSync(join(dir, 'a.c'), '#include <linux/module.h>\n#ifdef ONLY_B\n#error b.o\'s flag reached a.o\n#endif\nint b_value(void);\nstatic int __init i(void) { return b_value() - 42; }\nmodule_init(i);\nMODULE_LICENSE("GPL");\n');
    writeFileSync(join(dir, 'b.c'), '#include <only_b.h>\nint b_value(void) { return ONLY_B * 20 + FROM_INC; }\n');
    writeFileSync(join(dir, 'Kbuild'), 'obj-m := ab.o\nab-y := a.o b.o\nCFLAGS_b.o := -I$(src)/inc -DONLY_B=2\n');
    const o = io();
    expect(await kwbBuild([dir], o.io)).toBe(0);
    expect(o.err.join('')).toBe('');
    expect(existsSync(join(dir, 'ab.ko'))).toBe(true);
  }, 60_000);

  it('rejects bad usage with exit 2 and the usage text', async () => {
    const o = io();
    expect(await kwbBuild([], o.io)).toBe(2);
    expect(o.err.join('')).toContain('usage: kwb build');
    expect(await kwbBuild(['x.c', '--frobnicate'], o.io)).toBe(2);
  });
});
