// Runs real clang and wasm-ld (@yowasp/clang, LLVM compiled to WebAssembly) over an in-memory file tree; one warm instance per host.
import { commands, runLLVM, type Command } from '@yowasp/clang';

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

/** The @yowasp/clang backend. LLVM's wasm is compiled once per process and kept warm by @yowasp itself. */
export function yowaspBackend(): ClangBackend {
  let ready: Promise<unknown> | undefined;
  // Fetch and compile LLVM once, quietly (runClang's inner runs would otherwise log download progress).
  const warm = (): Promise<unknown> => (ready ??= Promise.resolve(runLLVM(undefined, {}, { fetchProgress: () => {} })));
  return {
    clang: async (args, files) => { await warm(); return run(commands.clang, args, files); },
    llvm: async (tool, args, files) => { await warm(); return run(runLLVM, [tool, ...args], files); },
  };
}
