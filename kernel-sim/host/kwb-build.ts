// Implements `kwb build FILE.c... [-o OUT] [-DNAME[=VAL]] [-I DIR] [--user] [--modname NAME]`: file I/O around kernel-sim/toolchain.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { Toolchain, modnameOf, type BuildRequest, type BuildResult, type SourceFile } from '../toolchain/build.ts';
import { parseKbuild, type ObjectFlags } from '../toolchain/kbuild.ts';
import { yowaspBackend, type ClangBackend, type Tree } from '../toolchain/clang.ts';
import { loadBinaryen } from '../toolchain/asyncify.ts';
import { resources_dir } from './machines.ts';
import { read_dump, type symvers_t } from '../kernel/module/symvers.ts';
import { fileURLToPath } from 'node:url';

export interface KwbIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const KWB_BUILD_USAGE = `usage: kwb build FILE.c... [-o OUT] [-DNAME[=VAL]] [-I DIR] [--user] [--modname NAME] [KBUILD_MODPOST_WARN=1]
       kwb build DIR | DIR/Kbuild | DIR/Makefile [KBUILD_MODPOST_WARN=1]
  Compiles C to a kernel module (OUT defaults to NAME.ko next to the first file) or,
  with --user, to a user program linked against the workbench libc. Given a folder
  (or its Kbuild/Makefile), builds every obj-m module there as make M=DIR modules
  does: NAME-objs/NAME-y list a module's files, ccflags-y adds -D and -I flags.
  As modpost does, a module calling a symbol the kernel does not export is an
  ERROR; KBUILD_MODPOST_WARN=1 (argument or environment) makes it a WARNING.
`;

/** resources/include of this installation (override with KWB_INCLUDE). */
export function defaultIncludeDir(): string {
  if (process.env.KWB_INCLUDE) return process.env.KWB_INCLUDE;
  return join(resources_dir(), 'include');
}

export function loadTree(dir: string): Tree {
  const t: Tree = {};
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    t[n] = statSync(p).isDirectory() ? loadTree(p) : new Uint8Array(readFileSync(p));
  }
  return t;
}

/** The module loader's post-link steps, loaded on first use: they pull in the kernel's API tables and binaryen. */
const sleepers = (): Promise<typeof import('../kernel/module/sleepers.ts')> => import('../kernel/module/sleepers.ts');

/** The kernel's export table that scripts/build.js writes beside a compiled bundle (modpost's Module.symvers). */
export const SYMVERS_FILE = 'Module.symvers';

let symvers: Promise<symvers_t> | undefined;
/**
 * vmlinux's exports, for modpost's check and the loader's asyncify: in a compiled bundle, the Module.symvers written
 * beside it (reading it costs ~10 ms; the kernel it comes from, ~0.5 s of CPU to load and link); from the sources, or a
 * bundle without one, the live table.
 */
export function kernelSymbols(): Promise<symvers_t> {
  symvers ??= (async () => {
    const file = join(dirname(fileURLToPath(import.meta.url)), SYMVERS_FILE);
    if (!import.meta.url.endsWith('.ts') && existsSync(file)) return read_dump(readFileSync(file, 'utf8'), file);
    return (await sleepers()).kernel_symbols();
  })();
  return symvers;
}

/** A toolchain over `include` with the module loader's post-link steps (asyncify, instrumentation). */
export function makeToolchain(backend: ClangBackend, include: Tree): Toolchain {
  const tc = new Toolchain(backend, include);
  tc.koHook = async (wasm) => (await sleepers()).prepare_ko(wasm, await kernelSymbols());
  tc.userHook = async (wasm) => (await sleepers()).prepare_program(wasm);
  tc.modpost = async (wasm, license, extra) => (await import('../kernel/module/modpost.ts')).modpost_check(wasm, license, await kernelSymbols(), extra);
  // The post-link steps' code (binaryen: 15 MB of JavaScript, ~0.6 s to load; the kernel's export table) is loaded
  // while V8 compiles LLVM on its background threads.
  tc.preload = () => Promise.all([loadBinaryen(), sleepers(), kernelSymbols()]);
  return tc;
}

/**
 * V8 flags for a process that runs clang. LLVM is 75 MB of WebAssembly: with V8's default dynamic tiering, TurboFan
 * recompiles its hot functions on every core for dozens of builds, and a build costs more CPU (and, on a busy
 * machine, more wall time) than with Liftoff's baseline code alone: the chardev driver's first build in a new process
 * took 5.9 s of CPU against 2.0 s, and a warm one 540 ms against 390 ms (node --cpu-prof, this repo's bench/).
 * The build server is started with them; an in-process host sets them before its first compile.
 */
export const CLANG_V8_FLAGS = ['--liftoff-only'];

/**
 * The build server's V8 flags: CLANG_V8_FLAGS, and LLVM's functions validated when first compiled instead of all 75 MB
 * up front (WebAssembly.compile of LLVM: 800 → 430 ms of CPU). Only for a process whose wasm is the toolchain's own
 * (LLVM, binaryen): where the kernel loads modules, an invalid one must fail at insmod, not at its first call.
 */
export const BUILD_SERVER_V8_FLAGS = [...CLANG_V8_FLAGS, '--wasm-lazy-validation'];

let flagsSet = false;
/** Applies CLANG_V8_FLAGS to this process (V8 reads them when it compiles a module, so before LLVM's compile). */
export function useClangV8Flags(): void {
  if (flagsSet) return;
  flagsSet = true;
  for (const f of CLANG_V8_FLAGS) setFlagsFromString(f);
}

let shared: Toolchain | undefined;
/** The host's one warm toolchain (clang stays compiled; the libc objects are built once). */
export function getToolchain(includeDir = defaultIncludeDir()): Toolchain {
  if (!shared) {
    useClangV8Flags();
    shared = makeToolchain(yowaspBackend(), loadTree(includeDir));
  }
  return shared;
}

/** What `kwb build` needs to build: the in-process toolchain, or the build server's client (build-client.ts). */
export interface ModuleBuilder {
  build(req: BuildRequest): Promise<BuildResult>;
  /** Starts the compiler (or its server) in the background, ahead of the first build. */
  prepare?(): void;
}

interface BuildArgs { sources: string[]; out?: string; defines: string[]; includeDirs: string[]; user: boolean; modname?: string; modpostWarn: boolean }

function parseArgs(argv: string[]): BuildArgs | string {
  const a: BuildArgs = { sources: [], defines: [], includeDirs: [], user: false, modpostWarn: process.env.KBUILD_MODPOST_WARN === '1' };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    const next = (): string | undefined => argv[++i];
    if (x === '--user') a.user = true;
    else if (/^KBUILD_MODPOST_WARN=/.test(x)) a.modpostWarn = x.endsWith('=1');
    else if (x === '-o') { const v = next(); if (!v) return '-o needs a file name'; a.out = v; }
    else if (x === '--modname') { const v = next(); if (!v) return '--modname needs a name'; a.modname = v; }
    else if (x === '-D') { const v = next(); if (!v) return '-D needs NAME[=VAL]'; a.defines.push(v); }
    else if (x.startsWith('-D')) a.defines.push(x.slice(2));
    else if (x === '-I') { const v = next(); if (!v) return '-I needs a directory'; a.includeDirs.push(v); }
    else if (x.startsWith('-I')) a.includeDirs.push(x.slice(2));
    else if (x.startsWith('-')) return `unknown option ${x}`;
    else a.sources.push(x);
  }
  if (a.sources.length === 0) return 'no input files';
  return a;
}

/** The path clang sees: relative to the working directory when inside it, else absolute. */
function treePath(p: string): string {
  const abs = resolve(p);
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

function read(p: string): SourceFile {
  return { path: treePath(p), text: new Uint8Array(readFileSync(p)) };
}

/** Headers a file includes with quotes, resolved like clang does (its directory, then -I), transitively. */
export function collectHeaders(files: string[], includeDirs: string[]): SourceFile[] {
  const seen = new Set<string>(files.map((f) => resolve(f)));
  const out: SourceFile[] = [];
  const queue = [...files];
  while (queue.length) {
    const f = queue.shift()!;
    let text: string;
    try { text = readFileSync(f, 'utf8'); } catch { continue; }
    for (const m of text.matchAll(/^[ \t]*#[ \t]*include[ \t]*["<]([^">\n]+)[">]/gm)) {
      for (const dir of [dirname(f), ...includeDirs]) {
        const cand = resolve(dir, m[1]!);
        if (seen.has(cand) || !existsSync(cand) || !statSync(cand).isFile()) continue;
        seen.add(cand);
        out.push(read(cand));
        queue.push(cand);
        break;
      }
    }
  }
  return out;
}

interface BuildJob {
  sources: string[]; out: string; modname: string; defines: string[]; includeDirs: string[]; user: boolean; modpostWarn: boolean; extraSymbols?: string[];
  /** CFLAGS_<obj>.o by source path: its -D and -I (directories as given) for that file only. */
  objectFlags?: Record<string, ObjectFlags>;
}

/** Compiles and links one module or program, printing kbuild's CC/LD lines; 0 when written. */
async function buildOne(job: BuildJob, io: KwbIO, builder: ModuleBuilder): Promise<number> {
  const sources = job.sources.map((p) => {
    const own = job.objectFlags?.[p];
    return own ? { ...read(p), defines: own.defines, includeDirs: own.includeDirs.map(treePath) } : read(p);
  });
  const extraFiles = collectHeaders(job.sources, [...job.includeDirs, ...Object.values(job.objectFlags ?? {}).flatMap((f) => f.includeDirs)]);
  for (const s of sources) io.stdout(`  CC${job.user ? '     ' : ' [M]'}  ${s.path}\n`);
  const result = await builder.build({
    mode: job.user ? 'user' : 'kernel', sources, extraFiles, modname: job.modname,
    defines: job.defines, includeDirs: job.includeDirs.map(treePath), modpost: job.modpostWarn ? 'warn' : 'error', extraSymbols: job.extraSymbols,
  });
  if (result.log) io.stderr(result.log.endsWith('\n') ? result.log : `${result.log}\n`);
  if (!result.ok || !result.wasm) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'fatal error').length;
    io.stderr(`kwb build: ${errors || 'the'} error${errors === 1 ? '' : 's'}${errors ? '' : ' above'}; no ${job.user ? 'program' : 'module'} written\n`);
    return 1;
  }
  writeFileSync(job.out, result.wasm);
  io.stdout(`  LD${job.user ? '     ' : ' [M]'}  ${job.out}\n`);
  return 0;
}

/** The folder a lone argument names as a kbuild tree: the folder itself, or the folder of a Kbuild/Makefile. */
function kbuildDir(args: BuildArgs): string | undefined {
  if (args.sources.length !== 1 || args.user) return undefined;
  const p = args.sources[0]!;
  if (statSync(p).isDirectory()) return p;
  return ['Kbuild', 'Makefile', 'makefile'].includes(basename(p)) ? dirname(p) : undefined;
}

/** `make -C $KDIR M=dir modules`: every obj-m module of the folder's Kbuild (else Makefile). */
async function buildKbuild(dir: string, args: BuildArgs, io: KwbIO, builder: ModuleBuilder): Promise<number> {
  const file = ['Kbuild', 'Makefile', 'makefile'].map((n) => join(dir, n)).find((f) => existsSync(f));
  if (!file) { io.stderr(`kwb build: ${dir}: no Kbuild or Makefile\n`); return 1; }
  const kb = parseKbuild(readFileSync(file, 'utf8'));
  for (const e of kb.errors) io.stderr(`${file}: ${e}\n`);
  if (kb.errors.length) return 1;
  if (args.out && kb.modules.length > 1) { io.stderr('kwb build: -o with several obj-m modules\n'); return 2; }
  // modpost reads every module of M= at once: what one exports, the others may use.
  const exported = kb.modules.flatMap((m) => m.sources.map((s) => join(dir, s)).filter(existsSync))
    .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bEXPORT_SYMBOL(?:_GPL)?\s*\(\s*(\w+)\s*\)/g)].map((x) => x[1]!));
  for (const m of kb.modules) {
    const sources = m.sources.map((s) => join(dir, s));
    const missing = sources.find((s) => !existsSync(s));
    if (missing) { io.stderr(`make[2]: *** No rule to make target '${missing.replace(/\.c$/, '.o')}', needed by '${join(dir, m.name)}.o'.  Stop.\n`); return 1; }
    const code = await buildOne({
      sources, modname: args.modname ?? m.name, out: args.out ?? join(dir, `${m.name}.ko`), user: false, modpostWarn: args.modpostWarn, extraSymbols: exported,
      defines: [...kb.defines, ...args.defines], includeDirs: [...kb.includeDirs.map((d) => resolve(dir, d)), ...args.includeDirs],
      objectFlags: Object.fromEntries(Object.entries(kb.objectFlags).map(([c, f]) => [join(dir, c), { defines: f.defines, includeDirs: f.includeDirs.map((d) => resolve(dir, d)) }])),
    }, io, builder);
    if (code) return code;
  }
  return 0;
}

export async function kwbBuild(argv: string[], io: KwbIO, builder?: ModuleBuilder): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) { io.stdout(KWB_BUILD_USAGE); return 0; }
  const args = parseArgs(argv);
  if (typeof args === 'string') { io.stderr(`kwb build: ${args}\n${KWB_BUILD_USAGE}`); return 2; }
  for (const s of args.sources) {
    if (!existsSync(s)) { io.stderr(`kwb build: ${s}: No such file or directory\n`); return 1; }
  }
  const dir = kbuildDir(args);
  if (dir !== undefined) return buildKbuild(dir, args, io, builder ?? getToolchain());
  const first = args.sources[0]!;
  const modname = args.modname ?? modnameOf(first);
  const out = args.out ?? join(dirname(first), args.user ? basename(first, extname(first)) : `${modname}.ko`);
  return buildOne({ sources: args.sources, out, modname, defines: args.defines, includeDirs: args.includeDirs, user: args.user, modpostWarn: args.modpostWarn }, io, builder ?? getToolchain());
}
