// Builds kernel modules (.ko: PIC wasm32 + .modinfo) and user programs from C sources with one warm clang.
import type { ClangBackend, Tree } from './clang.ts';
import { INCLUDE_ROOT, kernelCompileFlags, kernelLinkFlags, userCompileFlags, userLinkFlags } from './flags.ts';
import { parseDiagnostics, hasErrors, type Diagnostic } from './diagnostics.ts';
import { getFile, mount, putFile } from './tree.ts';
import { modinfoFromObjects, modinfoValue, completeModinfo, encodeModinfo, MODINFO_SECTION, type ModinfoField } from './modinfo.ts';
import { deviceTableAliases } from './device-table.ts';
import { withCustomSection } from './wasm/sections.ts';
import { rewriteDotDotIncludes } from './includes.ts';

export interface SourceFile {
  /** The path as the user names it; diagnostics use it. Relative paths resolve from the tree root. */
  path: string;
  text: string | Uint8Array;
}

export interface BuildRequest {
  mode: 'kernel' | 'user';
  sources: SourceFile[];
  /** Headers and other files the sources include ("edu.h" next to edu.c, -I directories). */
  extraFiles?: SourceFile[];
  /** KBUILD_MODNAME; default: the first source's base name. */
  modname?: string;
  defines?: string[];
  includeDirs?: string[];
  /**
   * modpost's undefined symbols: 'error' fails the build as make does; 'warn' (the default, KBUILD_MODPOST_WARN=1)
   * prints WARNINGs and writes the module, so the workbench's own load path shows insmod's refusal as Linux words it.
   */
  modpost?: 'error' | 'warn';
  /** KBUILD_EXTRA_SYMBOLS: symbols other modules export, which this one may use. */
  extraSymbols?: string[];
}

export interface BuildResult {
  ok: boolean;
  /** The .ko (kernel) or program (user) bytes. */
  wasm?: Uint8Array;
  diagnostics: Diagnostic[];
  /** clang and wasm-ld output, as they print it. */
  log: string;
  modinfo?: ModinfoField[];
}

function baseName(path: string): string {
  const b = path.split('/').pop() ?? path;
  return b.replace(/\.[^.]*$/, '');
}

/** KBUILD_MODNAME from a file name: Linux replaces '-' with '_'. */
export function modnameOf(path: string): string {
  return baseName(path).replace(/-/g, '_');
}

/**
 * A small module that takes every stage a driver's build takes: clang's front end over the headers drivers include most
 * (the fixtures' and labs' most common #includes), code
 * generation, wasm-ld, and the post-link hook's asyncify (mutex_lock may sleep). V8 compiles LLVM's functions lazily,
 * on first call, so building this once makes a learner's first build as fast as the ones after it.
 */
const WARM_SOURCE = `#include <linux/module.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/miscdevice.h>
#include <linux/uaccess.h>
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/interrupt.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/sched.h>
static DEFINE_MUTEX(warm_lock);
struct warm { int n; char name[16]; };
static int __init warm_init(void)
{
	struct warm *w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	mutex_lock(&warm_lock);
	w->n = snprintf(w->name, sizeof(w->name), "warm%d", 1);
	mutex_unlock(&warm_lock);
	pr_info("%s %d\\n", w->name, w->n);
	kfree(w);
	return 0;
}
static void __exit warm_exit(void) { }
module_init(warm_init);
module_exit(warm_exit);
MODULE_LICENSE("GPL");
`;

/** modpost's lines for what its check found (scripts/mod/modpost.c: modpost_log, check_exports); failed unless -w. */
function modpostLog(r: { undefined: string[]; gpl_only: string[] }, req: BuildRequest, modname: string): { log: string; failed: boolean } {
  // mod->name: the object's path without .o (kbuild's obj-m name keeps its dashes; the sole source names it).
  const first = req.sources[0]!.path;
  const obj = req.sources.length === 1 ? first.replace(/\.[^./]*$/, '') : `${first.slice(0, first.lastIndexOf('/') + 1)}${modname}`;
  const warn = req.modpost !== 'error';
  const level = warn ? 'WARNING' : 'ERROR';
  const lines = [
    ...r.undefined.map((s) => `${level}: modpost: "${s}" [${obj}.ko] undefined!`),
    ...r.gpl_only.map((s) => `ERROR: modpost: GPL-incompatible module ${obj.split('/').pop()!}.ko uses GPL-only symbol '${s}'`),
  ];
  const failed = r.gpl_only.length > 0 || (r.undefined.length > 0 && !warn);
  if (failed) lines.push(`make[1]: *** [scripts/Makefile.modpost:127: ${first.slice(0, first.lastIndexOf('/') + 1)}Module.symvers] Error 1`);
  return { log: lines.map((l) => `${l}\n`).join(''), failed };
}

export class Toolchain {
  private libcObjects: Promise<Uint8Array[]> | undefined;
  /** Post-link step for kernel modules (the module loader's asyncify of sleeping imports); null: none. */
  koHook: ((wasm: Uint8Array) => Promise<Uint8Array>) | null = null;
  /** modpost's symbol check of a linked module against the kernel's exports; null: none (the toolchain alone). */
  modpost: ((wasm: Uint8Array, license: string, extra: string[]) => Promise<{ undefined: string[]; gpl_only: string[] }>) | null = null;
  /** Post-link step for user programs (asyncify of the system call, so a program can block in read()); null: none. */
  userHook: ((wasm: Uint8Array) => Promise<Uint8Array>) | null = null;

  /** `include` is resources/include as a tree (linux/, asm/, user/, ...). */
  constructor(readonly backend: ClangBackend, readonly include: Tree) {}

  private baseTree(req: BuildRequest): Tree {
    const tree: Tree = {};
    mount(tree, INCLUDE_ROOT, this.include);
    const files = [...(req.extraFiles ?? []), ...req.sources];
    const exists = (p: string): boolean => getFile(tree, p) !== undefined;
    for (const f of files) putFile(tree, f.path, f.text);
    for (const f of files) {
      const text = typeof f.text === 'string' ? f.text : new TextDecoder().decode(f.text);
      if (text.includes('..')) putFile(tree, f.path, rewriteDotDotIncludes(f.path, text, exists));
    }
    return tree;
  }

  private async compile(tree: Tree, flags: string[], sources: string[]): Promise<{ objects: Uint8Array[]; log: string; ok: boolean }> {
    const objects: Uint8Array[] = [];
    let log = '';
    let ok = true;
    for (const [i, src] of sources.entries()) {
      const out = `/kwb/obj/${i}.o`;
      const r = await this.backend.clang(['-c', ...flags, src, '-o', out], tree);
      log += r.stderr;
      const obj = getFile(r.files, out);
      if (r.code !== 0 || !(obj instanceof Uint8Array)) { ok = false; continue; }
      objects.push(obj);
    }
    return { objects, log, ok };
  }

  private async link(objects: Uint8Array[], flags: string[]): Promise<{ wasm?: Uint8Array; log: string }> {
    const tree: Tree = {};
    const names = objects.map((o, i) => { const p = `/kwb/obj/${i}.o`; putFile(tree, p, o); return p; });
    const r = await this.backend.llvm('wasm-ld', [...flags, ...names, '-o', '/kwb/out.wasm'], tree);
    const wasm = getFile(r.files, '/kwb/out.wasm');
    return { ...(r.code === 0 && wasm instanceof Uint8Array ? { wasm } : {}), log: r.stderr };
  }

  private libc(): Promise<Uint8Array[]> {
    this.libcObjects ??= (async () => {
      const srcDir = this.include['user'];
      const libcDir = srcDir && typeof srcDir === 'object' && !(srcDir instanceof Uint8Array) ? srcDir['libc'] : undefined;
      if (!libcDir || typeof libcDir === 'string' || libcDir instanceof Uint8Array) return [];
      const names = Object.keys(libcDir).filter((n) => n.endsWith('.c')).sort().map((n) => `${INCLUDE_ROOT}/user/libc/${n}`);
      const tree: Tree = {};
      mount(tree, INCLUDE_ROOT, this.include);
      const r = await this.compile(tree, userCompileFlags({}), names);
      if (!r.ok) throw new Error(`libc failed to build:\n${r.log}`);
      return r.objects;
    })();
    return this.libcObjects;
  }

  /** Loads what the post-link hooks need (binaryen), started by prepare() alongside LLVM's compile; null: nothing. */
  preload: (() => Promise<unknown>) | null = null;

  /** Starts loading and compiling LLVM in the background (V8 compiles it on its own threads); builds wait for it. */
  prepare(): void {
    this.backend.prepare?.().catch(() => undefined);
    this.preload?.().catch(() => undefined);
  }

  /** Builds a small module through every stage, so later builds find clang, wasm-ld and binaryen compiled. */
  async warm(): Promise<void> {
    const r = await this.build({ mode: 'kernel', sources: [{ path: 'kwb-warm.c', text: WARM_SOURCE }] });
    if (!r.ok) throw new Error(`the toolchain failed to warm up:\n${r.log}`);
  }

  async build(req: BuildRequest): Promise<BuildResult> {
    if (req.sources.length === 0) return { ok: false, diagnostics: [], log: 'no input files\n' };
    const tree = this.baseTree(req);
    const modname = req.modname ?? modnameOf(req.sources[0]!.path);
    const opts = { modname, defines: req.defines ?? [], includeDirs: req.includeDirs ?? [] };
    const flags = req.mode === 'kernel' ? kernelCompileFlags(opts) : userCompileFlags(opts);
    const c = await this.compile(tree, flags, req.sources.map((s) => s.path));
    let log = c.log;
    let diagnostics = parseDiagnostics(log);
    if (!c.ok || hasErrors(diagnostics)) return { ok: false, diagnostics, log };
    const objects = req.mode === 'kernel' ? c.objects : [...c.objects, ...(await this.libc())];
    const l = await this.link(objects, req.mode === 'kernel' ? kernelLinkFlags() : userLinkFlags());
    log += l.log;
    diagnostics = parseDiagnostics(log);
    if (!l.wasm) return { ok: false, diagnostics, log };
    if (req.mode === 'user') return { ok: true, wasm: this.userHook ? await this.userHook(l.wasm) : l.wasm, diagnostics, log };
    const modinfo = completeModinfo(modinfoFromObjects(c.objects), deviceTableAliases(c.objects), modname);
    if (this.modpost) {
      const mp = modpostLog(await this.modpost(l.wasm, modinfoValue(modinfo, 'license') ?? '', req.extraSymbols ?? []), req, modname);
      log += mp.log;
      if (mp.failed) return { ok: false, diagnostics, log };
    }
    const linked = this.koHook ? await this.koHook(l.wasm) : l.wasm;
    return { ok: true, wasm: withCustomSection(linked, MODINFO_SECTION, encodeModinfo(modinfo)), diagnostics, log, modinfo };
  }
}
