// modpost's check in `kwb build`: a call to a symbol the kernel does not export fails the build with 6.1's ERROR line
// (KBUILD_MODPOST_WARN=1 makes it a WARNING and writes the module), and insmod then names every missing symbol.
import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kwbBuild } from '../../../kernel-sim/host/kwb-build.ts';
import { Machine } from '../../../kernel-sim/machine.ts';
import { scratchDirs } from '../../fixtures/scratch.ts';

const tmp = scratchDirs();
afterAll(tmp.cleanup);

const NEEDY = `#include <linux/module.h>
extern void kwb_nosuch(void);
extern int kwb_nosuch_data;
static int __init needy_init(void) { kwb_nosuch(); return kwb_nosuch_data; }
module_init(needy_init);
MODULE_LICENSE("GPL");
`;

function io(): { out: string[]; err: string[]; io: { stdout: (s: string) => void; stderr: (s: string) => void } } {
  const out: string[] = [], err: string[] = [];
  return { out, err, io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s) } };
}

describe('modpost in kwb build', () => {
  it('fails on undefined symbols with modpost\'s ERROR lines and make\'s, writing no module', async () => {
    const dir = tmp.make('modpost-');
    writeFileSync(join(dir, 'needy.c'), NEEDY);
    const o = io();
    expect(await kwbBuild([join(dir, 'needy.c')], o.io)).toBe(1);
    const err = o.err.join('');
    expect(err).toMatch(/^ERROR: modpost: "kwb_nosuch" \[.*\/needy\.ko\] undefined!$/m);
    expect(err).toMatch(/^ERROR: modpost: "kwb_nosuch_data" \[.*needy\.ko\] undefined!$/m);
    expect(err).toMatch(/^make\[1\]: \*\*\* \[scripts\/Makefile\.modpost:127: .*Module\.symvers\] Error 1$/m);
    expect(existsSync(join(dir, 'needy.ko'))).toBe(false);
  }, 120_000);

  it('GPL-only symbols in a GPL-incompatible module are an error even with KBUILD_MODPOST_WARN=1', async () => {
    const dir = tmp.make('modpost-');
    writeFileSync(join(dir, 'prop.c'), '#include <linux/module.h>\n#include <linux/gpio/consumer.h>\nstatic int __init p(void) { return gpiod_get_value(NULL); }\nmodule_init(p);\nMODULE_LICENSE("Proprietary");\n');
    const o = io();
    expect(await kwbBuild([join(dir, 'prop.c'), 'KBUILD_MODPOST_WARN=1'], o.io)).toBe(1);
    expect(o.err.join('')).toContain("ERROR: modpost: GPL-incompatible module prop.ko uses GPL-only symbol 'gpiod_get_value'");
  }, 120_000);

  it('KBUILD_MODPOST_WARN=1 warns and writes the module; insmod lists every unknown symbol in dmesg', async () => {
    const dir = tmp.make('modpost-');
    writeFileSync(join(dir, 'needy.c'), NEEDY);
    const o = io();
    expect(await kwbBuild([join(dir, 'needy.c'), 'KBUILD_MODPOST_WARN=1'], o.io)).toBe(0);
    expect(o.err.join('')).toMatch(/^WARNING: modpost: "kwb_nosuch" \[.*needy\.ko\] undefined!$/m);
    expect(o.err.join('')).not.toContain('Error 1');
    const m = new Machine({ dts: readFileSync(join(__dirname, '../../../resources/machines/default.dts'), 'utf8'), dtsName: 'default.dts' });
    m.boot();
    m.putFile('/root/needy.ko', new Uint8Array(readFileSync(join(dir, 'needy.ko'))));
    const r = m.runCommand('insmod /root/needy.ko; dmesg | tail -n 2');
    expect(r.output).toMatch(/Unknown symbol in module|No such file or directory/);
    expect(r.output).toContain('needy: Unknown symbol kwb_nosuch (err -2)');
    expect(r.output).toContain('needy: Unknown symbol kwb_nosuch_data (err -2)');
  }, 120_000);

  it('a module of the same Kbuild folder may use what another exports', async () => {
    const dir = tmp.make('modpost-');
    writeFileSync(join(dir, 'lib.c'), '#include <linux/module.h>\nint kwb_lib_fn(void) { return 0; }\nEXPORT_SYMBOL_GPL(kwb_lib_fn);\nMODULE_LICENSE("GPL");\n');
    writeFileSync(join(dir, 'user.c'), '#include <linux/module.h>\nint kwb_lib_fn(void);\nstatic int __init u(void) { return kwb_lib_fn(); }\nmodule_init(u);\nMODULE_LICENSE("GPL");\n');
    writeFileSync(join(dir, 'Kbuild'), 'obj-m := lib.o user.o\n');
    const o = io();
    expect(await kwbBuild([dir], o.io)).toBe(0);
    expect(o.err.join('')).toBe('');
  }, 120_000);
});
