// Runs real clang and wasm-ld (@yowasp/clang, LLVM compiled to WebAssembly) over an in-memory file tree; one warm instance per host.
import type { Command } from '@yowasp/clang';

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

/**
 * The @yowasp/clang backend. LLVM's wasm is compiled once per process and kept warm by @yowasp itself. For `clang -c`
 * of one C file, the cc1 command line that `clang -###` prints is cached per flag set, so later compiles run cc1 only;
 * with a `store`, a new process skips the driver run too. `load` imports the package (default: as installed).
 */
export function yowaspBackend(store?: Cc1Store, load: () => Promise<YowaspModule> = () => import('@yowasp/clang')): ClangBackend {
  let ready: Promise<YowaspModule> | undefined;
  // Import (a dependency the hosts load from node_modules, never bundle), fetch and compile LLVM once, quietly
  // (runClang's inner runs would otherwise log download progress).
  const warm = (): Promise<YowaspModule> => (ready ??= load().then(async (m) => {
    await m.runLLVM(undefined, {}, { fetchProgress: () => {} });
    return m;
  }));
  const cc1 = new Map<string, Promise<string[] | undefined>>();

  async function cc1Template(flags: string[]): Promise<string[] | undefined> {
    const stored = store?.get(flags);
    if (stored) { await warm(); return stored; }
    const { runLLVM } = await warm();
    const r = await run(runLLVM, ['clang', '-###', '-c', ...flags, SRC, '-o', OUT], { kwb: { '__kwb_src__.c': '' } });
    const lines = r.stderr.split('\n').filter((l) => l.startsWith(' "'));
    if (r.code !== 0 || lines.length !== 1) return undefined;
    const argv = unquote(lines[0]!);
    if (argv[1] !== '-cc1') return undefined;
    store?.set(flags, argv);
    return argv;
  }

  async function compileOne(args: string[], files: Tree): Promise<ToolResult | undefined> {
    const c = args.indexOf('-c'), o = args.indexOf('-o');
    const inputs = args.filter((a, i) => a.endsWith('.c') && args[i - 1] !== '-o' && args[i - 1] !== '-include');
    if (c < 0 || o < 0 || inputs.length !== 1) return undefined;
    const src = inputs[0]!, out = args[o + 1]!;
    const { rest, preprocessor } = splitPreprocessor(args.filter((a, i) => i !== c && i !== o && i !== o + 1 && a !== src));
    const key = JSON.stringify(rest);
    let t = cc1.get(key);
    if (!t) { t = cc1Template(rest); cc1.set(key, t); }
    const template = await t;
    if (!template) return undefined;
    const base = src.split('/').pop()!;
    const argv = template.map((a) => (a === SRC ? src : a === OUT ? out : a === '__kwb_src__.c' ? base : a === `${OUT}-` ? `${out}-` : a));
    // The driver passes preprocessor options to cc1 as given, in their order: add them after -cc1.
    return run((await warm()).runLLVM, [...argv.slice(0, 2), ...preprocessor, ...argv.slice(2)], files);
  }

  return {
    clang: async (args, files) => (await compileOne(args, files)) ?? run((await warm()).commands.clang, args, files),
    llvm: async (tool, args, files) => run((await warm()).runLLVM, [tool, ...args], files),
    prepare: async () => { await warm(); },
  };
}
