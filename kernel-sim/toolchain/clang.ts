// Runs real clang and wasm-ld (@yowasp/clang, LLVM compiled to WebAssembly) over an in-memory file tree; one warm instance per host.
import type { Command } from '@yowasp/clang';
import { INCLUDE_ROOT } from './flags.ts';
import { preambleOf } from './preamble.ts';
import { getDir, getFile, putFile } from './tree.ts';

/** A directory tree: file contents (text or bytes) or nested directories. */
export interface Tree { [name: string]: Tree | string | Uint8Array }

export interface ToolResult {
  /** Exit status: 0 on success. */
  code: number;
  /** The file tree after the run (inputs plus outputs). */
  files: Tree;
  stderr: string;
}

/** What the toolchain needs from an LLVM: clang's driver and any LLVM tool (wasm-ld). */
export interface ClangBackend {
  clang(args: string[], files: Tree): Promise<ToolResult>;
  llvm(tool: string, args: string[], files: Tree): Promise<ToolResult>;
  /** Loads and compiles LLVM ahead of the first run. */
  prepare?(): Promise<void>;
}

function collector(): { sink: (b: Uint8Array | null) => void; text: () => string } {
  const parts: Uint8Array[] = [];
  return {
    sink: (b) => { if (b) parts.push(new Uint8Array(b)); },
    text: () => {
      const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) { all.set(p, o); o += p.length; }
      return new TextDecoder().decode(all);
    },
  };
}

interface ExitLike { code: number; files: Tree }
function isExit(e: unknown): e is ExitLike {
  return typeof e === 'object' && e !== null && typeof (e as ExitLike).code === 'number' && 'files' in e;
}

async function run(fn: Command, argv: string[], files: Tree): Promise<ToolResult> {
  const err = collector();
  const opts = { stdout: err.sink, stderr: err.sink, decodeASCII: false, fetchProgress: () => {} };
  try {
    const out = (await fn(argv, files, opts)) ?? {};
    return { code: 0, files: out as Tree, stderr: err.text() };
  } catch (e) {
    if (isExit(e)) return { code: e.code || 1, files: e.files ?? {}, stderr: err.text() };
    throw e;
  }
}

const SRC = '/kwb/__kwb_src__.c';
const OUT = '/kwb/__kwb_out__.o';
/** A preamble (preamble.ts) as a header, and clang's precompiled form of it. */
const PRE = '/kwb/__kwb_pre__.h';
const PCH = '/kwb/__kwb_pre__.pch';
/** Precompiled preambles kept per include tree (each is ~1 MB), and preambles remembered as built once. */
const PCH_KEEP = 16, PCH_SEEN_KEEP = 1024;

/** Splits one line of `clang -###` output into arguments (the quoting clang uses). */
function unquote(line: string): string[] {
  return [...line.matchAll(/ (?:([^ "]+)|"((?:[^"\\$]|\\["\\$])+)")/g)]
    .map((m) => m[1] ?? m[2]!.replace(/\\(["$\\])/g, '$1'))
    .filter((a) => a !== '');
}

/** Options with a value in the next argument that the driver hands to cc1 unchanged. */
const PREPROCESSOR_PAIRS = new Set(['-D', '-U', '-I', '-include']);

/**
 * Splits off the preprocessor options (-D, -U, -I, -include), which the driver passes to cc1 verbatim: one cc1 template
 * then serves every module name (-DKBUILD_MODNAME=...) and include folder.
 */
function splitPreprocessor(flags: string[]): { rest: string[]; preprocessor: string[] } {
  const rest: string[] = [], preprocessor: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    const a = flags[i]!;
    if (PREPROCESSOR_PAIRS.has(a) && i + 1 < flags.length) preprocessor.push(a, flags[++i]!);
    else if (/^-[DUI]./.test(a)) preprocessor.push(a);
    else rest.push(a);
  }
  return { rest, preprocessor };
}

/** Keeps the cc1 command lines `clang -###` printed beyond this process (the host stores them on disk). */
export interface Cc1Store {
  get(flags: string[]): string[] | undefined;
  set(flags: string[], cc1: string[]): void;
}

/** The @yowasp/clang package, as shipped or as a host's patched copy of its glue (scripts/build.js). */
export type YowaspModule = typeof import('@yowasp/clang');

export interface YowaspOptions {
  /**
   * Precompile a source's preamble (its leading #include <...> and #define lines, preamble.ts) when a build with the
   * same preamble, flags and include tree comes a second time, and compile it and later ones as the PCH plus the rest
   * of the file with the preamble's lines left blank (lines and columns stay, and a header without include guards is
   * still read once): the same object bytes, a warm build's cc1 20-40% less CPU. Default on.
   */
  preambles?: boolean;
}

/**
 * The @yowasp/clang backend. LLVM's wasm is compiled once per process and kept warm by @yowasp itself. For `clang -c`
 * of one C file, the cc1 command line that `clang -###` prints is cached per flag set, so later compiles run cc1 only;
 * with a `store`, a new process skips the driver run too. `load` imports the package (default: as installed). A
 * source's preamble is precompiled (YowaspOptions.preambles).
 */
export function yowaspBackend(store?: Cc1Store, load: () => Promise<YowaspModule> = () => import('@yowasp/clang'), options: YowaspOptions = {}): ClangBackend {
  let ready: Promise<YowaspModule> | undefined;
  // Import (a dependency the hosts load from node_modules, never bundle), fetch and compile LLVM once, quietly
  // (runClang's inner runs would otherwise log download progress).
  const warm = (): Promise<YowaspModule> => (ready ??= load().then(async (m) => {
    await m.runLLVM(undefined, {}, { fetchProgress: () => {} });
    return m;
  }));
  /** cc1's command line for `clang -c flags` (or, for `-x c-header ...`, for the preamble's PCH). */
  async function cc1Template(flags: string[]): Promise<string[] | undefined> {
    const stored = store?.get(flags);
    if (stored) { await warm(); return stored; }
    const { runLLVM } = await warm();
    const driver = flags[0] === '-x' ? ['clang', '-###', ...flags, PRE, '-o', PCH] : ['clang', '-###', '-c', ...flags, SRC, '-o', OUT];
    const r = await run(runLLVM, driver, { kwb: { '__kwb_src__.c': '', '__kwb_pre__.h': '' } });
    const lines = r.stderr.split('\n').filter((l) => l.startsWith(' "'));
    if (r.code !== 0 || lines.length !== 1) return undefined;
    const argv = unquote(lines[0]!);
    if (argv[1] !== '-cc1') return undefined;
    store?.set(flags, argv);
    return argv;
  }

  const templates = new Map<string, Promise<string[] | undefined>>();
  const template = (flags: string[]): Promise<string[] | undefined> => {
    const key = JSON.stringify(flags);
    let t = templates.get(key);
    if (!t) { t = cc1Template(flags); templates.set(key, t); }
    return t;
  };

  const pchs = new WeakMap<Tree, { built: Map<string, Promise<Uint8Array | null>>; seen: Set<string> }>();
  /**
   * The preamble's PCH under these flags and include tree; null when it cannot be used, or on its first build: a PCH
   * costs about one parse of the headers, which a file built once (a header check, a corpus sweep) never gets back, so
   * it is made when the same preamble comes again (the edit → build loop).
   */
  async function precompiled(include: Tree, rest: string[], preprocessor: string[], preamble: string): Promise<Uint8Array | null> {
    let cache = pchs.get(include);
    if (!cache) { cache = { built: new Map(), seen: new Set() }; pchs.set(include, cache); }
    const { built: byKey, seen } = cache;
    const key = JSON.stringify([rest, preprocessor, preamble]);
    let pch = byKey.get(key);
    if (pch) { byKey.delete(key); byKey.set(key, pch); return pch; }
    if (!seen.has(key)) {
      seen.add(key);
      for (const old of seen) if (seen.size > PCH_SEEN_KEEP) seen.delete(old);
      return null;
    }
    pch = (async () => {
      const argv = await template(['-x', 'c-header', ...rest]);
      if (!argv) return null;
      const tree: Tree = { kwb: { '__kwb_pre__.h': preamble, include } };
      const r = await run((await warm()).runLLVM, [...argv.slice(0, 2), ...preprocessor, ...argv.slice(2)], tree);
      // A warning from the headers is the compile's to print, where and when clang prints it without a PCH.
      const out = getFile(r.files, PCH);
      return r.code === 0 && r.stderr === '' && out instanceof Uint8Array ? out : null;
    })();
    byKey.set(key, pch);
    for (const old of byKey.keys()) if (byKey.size > PCH_KEEP) byKey.delete(old);
    return pch;
  }

  /** Runs cc1 over the source with its preamble precompiled; undefined when it has none that can be. */
  async function withPreamble(argv: string[], preprocessor: string[], rest: string[], src: string, files: Tree): Promise<ToolResult | undefined> {
    const include = getDir(files, INCLUDE_ROOT), text = getFile(files, src);
    // Angle includes search the -I folders too: only from the include tree, whose contents a PCH may assume.
    const dirs = preprocessor.filter((a, i) => a.startsWith('-I') || preprocessor[i - 1] === '-I').map((a) => (a === '-I' ? '' : a.replace(/^-I/, ''))).filter((d) => d);
    if (!include || text === undefined || dirs.some((d) => d !== INCLUDE_ROOT && !d.startsWith(`${INCLUDE_ROOT}/`))) return undefined;
    const source = typeof text === 'string' ? text : new TextDecoder().decode(text);
    const preamble = preambleOf(source);
    if (!preamble) return undefined;
    const pch = await precompiled(include, rest, preprocessor, preamble);
    if (!pch) return undefined;
    putFile(files, PRE, preamble);
    putFile(files, PCH, pch);
    putFile(files, src, preamble.replace(/[^\n]/g, '') + source.slice(preamble.length));
    try {
      return await run((await warm()).runLLVM, [...argv.slice(0, 2), ...preprocessor, '-include-pch', PCH, ...argv.slice(2)], files);
    } finally {
      putFile(files, src, text);
    }
  }

  async function compileOne(args: string[], files: Tree): Promise<ToolResult | undefined> {
    const c = args.indexOf('-c'), o = args.indexOf('-o');
    const inputs = args.filter((a, i) => a.endsWith('.c') && args[i - 1] !== '-o' && args[i - 1] !== '-include');
    if (c < 0 || o < 0 || inputs.length !== 1) return undefined;
    const src = inputs[0]!, out = args[o + 1]!;
    const { rest, preprocessor } = splitPreprocessor(args.filter((a, i) => i !== c && i !== o && i !== o + 1 && a !== src));
    const cc1 = await template(rest);
    if (!cc1) return undefined;
    const base = src.split('/').pop()!;
    const argv = cc1.map((a) => (a === SRC ? src : a === OUT ? out : a === '__kwb_src__.c' ? base : a === `${OUT}-` ? `${out}-` : a));
    if (options.preambles !== false) {
      const r = await withPreamble(argv, preprocessor, rest, src, files);
      // A PCH clang refused (its message names the file) is no diagnostic of the learner's: compile without.
      if (r && !(r.code !== 0 && r.stderr.includes('__kwb_pre__'))) return r;
    }
    // The driver passes preprocessor options to cc1 as given, in their order: add them after -cc1.
    return run((await warm()).runLLVM, [...argv.slice(0, 2), ...preprocessor, ...argv.slice(2)], files);
  }

  return {
    clang: async (args, files) => (await compileOne(args, files)) ?? run((await warm()).commands.clang, args, files),
    llvm: async (tool, args, files) => run((await warm()).runLLVM, [tool, ...args], files),
    prepare: async () => { await warm(); },
  };
}
