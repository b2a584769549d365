// Every function and object the shipped kernel headers declare (not static, not inline) is exported by the kernel:
// a module that calls it links at insmod. What is not yet exported is listed, by name, in exports.known-missing.json,
// and that list may only shrink: a new declaration without an export fails here, not at a learner's insmod.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { INCLUDE, makeToolchain } from './helpers.ts';
import { kernelCompileFlags, INCLUDE_ROOT } from '../../../kernel-sim/toolchain/flags.ts';
import { mount, putFile } from '../../../kernel-sim/toolchain/tree.ts';
import type { Tree } from '../../../kernel-sim/toolchain/clang.ts';
import { externalDeclarations, type HeaderDecl } from '../../../kernel-sim/toolchain/header_decls.ts';
import { vmlinux } from '../../../kernel-sim/Kbuild.ts';

/**
 * Declared on purpose without a kernel export, each for a reason:
 * - init_module/cleanup_module: the module defines them (module_init's alias, or an old-style module's own function);
 * - __this_module: the module's own struct module, which the loader places (as modpost's .gnu.linkonce.this_module);
 * - __start___param/__stop___param: linker-made bounds of the built-in kernel's __param section, never a module's.
 * - firmware_request_cache: linux/firmware.h declares it whatever the config; only the firmware loader, absent here, defines it.
 */
const NOT_EXPORTED: Record<string, string> = {
  init_module: 'defined by the module', cleanup_module: 'defined by the module', __this_module: 'the module\'s own, placed by the loader',
  __start___param: 'built-in kernel only (linker section bound)', __stop___param: 'built-in kernel only (linker section bound)',
  firmware_request_cache: 'firmware loader only (drivers/base/firmware_loader/main.c): this kernel is configured without CONFIG_FW_LOADER, where Linux declares it but modpost finds no export either',
};

/** Headers of a subsystem that is itself a module: what they declare is exported by that module, not the kernel. */
const MODULE_HEADERS: Record<string, string> = {
  'linux/c2port.h': 'the c2port core module (drivers/misc/c2port/core.c)',
  'linux/enclosure.h': 'the enclosure module (drivers/misc/enclosure.c)',
  'linux/eeprom_93cx6.h': 'the eeprom_93cx6 module (drivers/misc/eeprom/eeprom_93cx6.c)',
  'linux/cb710.h': 'the cb710 module (drivers/misc/cb710/core.c and sgbuf2.c)',
  'linux/tifm.h': 'the tifm_core module (drivers/misc/tifm_core.c)',
  'linux/mei_cl_bus.h': 'the mei module (drivers/misc/mei/bus.c)',
  'linux/nvram.h': 'the nvram module (drivers/char/nvram.c, in the corpus bench), which defines arch_nvram_ops on x86',
};

const KNOWN_MISSING: string[] = JSON.parse(readFileSync(join(__dirname, 'exports.known-missing.json'), 'utf8')) as string[];

function kernelHeaders(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) { if (n !== 'user' && n !== 'uapi' && n !== 'generated') walk(p); } else if (n.endsWith('.h')) out.push(relative(INCLUDE, p));
    }
  };
  walk(INCLUDE);
  return out.sort();
}

async function declarations(): Promise<HeaderDecl[]> {
  const tc = makeToolchain();
  const tree: Tree = {};
  mount(tree, INCLUDE_ROOT, tc.include);
  putFile(tree, '/kwb/all.c', kernelHeaders().map((h) => `#include <${h}>`).join('\n') + '\n');
  const r = await tc.backend.clang(['-fsyntax-only', ...kernelCompileFlags({}), '-Xclang', '-ast-dump', '/kwb/all.c'], tree);
  expect(r.code).toBe(0);
  return externalDeclarations(r.stderr, INCLUDE_ROOT);
}

const exported = (d: HeaderDecl): boolean => (d.kind === 'function' ? vmlinux.ksymtab.func(d.name) !== undefined : vmlinux.ksymtab.data(d.name) !== undefined);

describe('header declarations against the kernel symbol table', () => {
  it('reads the top-level declarations clang sees, skipping static inline ones', () => {
    const ast = [
      "|-FunctionDecl 0x1 </kwb/include/linux/a.h:3:1, col:20> col:5 used foo 'int (void)'",
      "|-FunctionDecl 0x2 </kwb/include/linux/a.h:4:1, line:6:1> line:4:19 bar 'int (void)' static inline",
      "|-VarDecl 0x3 <line:7:1, col:20> col:12 baz 'int' extern",
      "|-VarDecl 0x4 <line:8:1, col:20> col:12 local 'int'",
      "`-FunctionDecl 0x5 </kwb/include/linux/b.h:9:1, col:9> <scratch space>:3:1 qux 'void (int)' extern",
    ].join('\n');
    expect(externalDeclarations(ast, '/kwb/include')).toEqual([
      { kind: 'function', name: 'foo', file: 'linux/a.h', line: 3 },
      { kind: 'object', name: 'baz', file: 'linux/a.h', line: 7 },
      { kind: 'function', name: 'qux', file: 'linux/b.h', line: 9 },
    ]);
  });

  it('every declared function and object is exported, allowed for a stated reason, or on the shrinking known-missing list', async () => {
    const decls = await declarations();
    expect(decls.length).toBeGreaterThan(700);
    const missing = decls.filter((d) => !exported(d) && !(d.name in NOT_EXPORTED) && !(d.file in MODULE_HEADERS));
    const unlisted = missing.filter((d) => !KNOWN_MISSING.includes(d.name)).map((d) => `${d.name} (${d.file}:${d.line})`);
    expect(unlisted, 'declared in a header but not exported by the kernel: export it or do not declare it').toEqual([]);
    const names = new Set(missing.map((d) => d.name));
    const stale = KNOWN_MISSING.filter((n) => !names.has(n));
    expect(stale, 'exported (or no longer declared) now: remove from exports.known-missing.json').toEqual([]);
    for (const n of ['ioremap', 'iounmap', 'ioremap_wc', 'inb', 'outl', 'ioread32be', '__request_region', 'platform_device_register',
      'platform_device_alloc', 'proc_set_size', 'proc_set_user', 'sscanf', 'kstrtoint', 'kthread_complete_and_exit', 'param_set_int',
      'param_get_int', 'of_property_read_string', 'debugfs_create_blob', 'debugfs_create_u8', 'debugfs_create_x32', 'debugfs_create_bool',
      'debugfs_create_file', 'debugfs_create_dir', 'debugfs_remove']) expect(vmlinux.ksymtab.func(n), n).toBeDefined();
  }, 120_000);
});
