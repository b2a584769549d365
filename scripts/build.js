// Builds everything the app runs from dist/: the renderer (Vite), the kernel-sim web and worker hosts and the kwb CLI (esbuild), and Electron main via build-main.js when present.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');

/** What a build reads: a change to any of these makes dist/ stale. */
const INPUTS = ['renderer', 'kernel-sim', 'main', 'resources', 'vite.config.ts', 'package.json', 'scripts/build.js', 'scripts/build-main.js'];
/** The name of that table beside a bundle (kernel-sim/host/kwb-build.ts reads it). */
export const SYMVERS_FILE = 'Module.symvers';
/** What a build must have produced for the app to run in web mode. */
export const OUTPUTS = ['dist/renderer/index.html', 'dist/host/web-server.js', 'dist/host/worker.js', 'dist/host/compiler-worker.js'];

/**
 * Dependencies never bundled: loaded from node_modules at run time, on first use. binaryen is 15 MB of JavaScript that
 * a host should not parse before it needs it (the CLI bundle carries it split instead: binaryenSplit). @yowasp/clang's
 * JavaScript glue is bundled (a lazy chunk) with yowaspDirectLoad, its 105 MB of wasm and resources still read from
 * node_modules.
 */
const EXTERNAL = ['binaryen'];

/**
 * @yowasp/clang fetches its resources through fetch() and, because a progress callback is always installed, pipes
 * all 105 MB through a TransformStream into Response objects before compiling: ~1 s of CPU in every process that
 * starts clang (node --cpu-prof: undici's extractBody, Buffer copies, compileStreaming). This plugin bundles the glue
 * with those reads replaced by readFile + WebAssembly.compile from the package's own folder (import.meta.resolve).
 * If a new @yowasp/clang no longer has the expected code, the package stays external and loads as it ships.
 */
const YOWASP_FETCH = /fetch3\(new URL\("\.\/([\w.-]+)", import\.meta\.url\)\)\.then\((compileWasmModule|\(resp\) => resp\.arrayBuffer\(\))\)/g;
const YOWASP_PRELUDE = `import { open as __kwbOpen, readFile as __kwbReadFile } from "node:fs/promises";
const __kwbGen = import.meta.resolve("@yowasp/clang");
const __kwbBytes = (name) => __kwbReadFile(new URL(name, __kwbGen));
const __kwbCompile = (name) => __kwbBytes(name).then((b) => WebAssembly.compile(b));
const __kwbArrayBuffer = (name) => __kwbBytes(name).then((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
`;

/**
 * Two smaller costs of every clang run, patched where the code is as expected (else left as shipped): jco's debug log
 * reads process.env (a lookup in C++) on every WASI call, thousands per run; and the in-memory file system copies a
 * whole file into a new array on every write, so writing an object file in 4 KiB pieces is quadratic. Writes now grow
 * the file's array geometrically (only arrays this code allocated, never a view into an input such as the resource tar).
 */
const YOWASP_SMALL_PATCHES = [
  ['if (!globalThis?.process?.env?.JCO_DEBUG) {', 'if (!__kwbJcoDebug) {'],
  [`    const newData = new Uint8Array(Math.max(this.file.data.length, offset + contents.length));
    newData.set(this.file.data);
    newData.subarray(offset).set(contents);
    this.file.data = newData;`, `    this.file.data = __kwbGrow(this.file.data, offset + contents.length);
    this.file.data.set(contents, offset);`],
];
/**
 * Two more per-run costs, each patched only where the code is as expected: every run rebuilt the virtual file system
 * of clang's resource headers (the 2,466 entries of llvm-resources.tar, read only) into new File and Directory objects;
 * it is built once now. And jco's generated bindings open and close a component-model task around every WASI call
 * (a task object, a map entry and two stack pushes each), which only asynchronous calls use; this glue makes none (every
 * call site is startCurrentTask(0, false, ...)), so the bookkeeping is skipped unless JCO_DEBUG is set.
 */
/**
 * clang's resources (llvm-resources.tar, 29 MB: libc++ and wasi-libc headers and libraries under /usr) are never read
 * by the workbench's runs: every compile is -nostdinc (kernel-sim/toolchain/flags.ts), wasm-ld gets no library paths,
 * and the driver's `clang -###` prints the same cc1 line without them. Reading and unpacking the tar cost ~40 ms of CPU
 * and ~50 ms more in parseTar and its garbage in every process that starts clang (the cold `kwb build`'s server, the
 * app's compiler thread), and kept 29 MB resident. Patched only where the line is as expected; the output is byte for
 * byte what the shipped glue builds (test/integration/build-script.test.ts).
 */
const YOWASP_NO_RESOURCES = [
  ['  "usr": await __kwbArrayBuffer("llvm-resources.tar").then(unpackTarFilesystem)\n', ''],
];
const YOWASP_RUN_PATCHES = [
  ['      environment.root.files[dirName] = directoryFromTree(dirContents);', '      environment.root.files[dirName] = __kwbResourceDirectory(dirContents);'],
  ...YOWASP_NO_RESOURCES,
];
const YOWASP_SYNC_TASK_PATCHES = [
  ['  function startCurrentTask(componentIdx, isAsync, entryFnName) {\n', '  function startCurrentTask(componentIdx, isAsync, entryFnName) {\n    if (!__kwbJcoDebug) return 0;\n'],
  ['  function endCurrentTask(componentIdx, taskId) {\n', '  function endCurrentTask(componentIdx, taskId) {\n    if (!__kwbJcoDebug) return;\n'],
];
const YOWASP_SMALL_PRELUDE = `const __kwbJcoDebug = !!globalThis.process?.env?.JCO_DEBUG;
const __kwbResourceDirectories = new WeakMap();
const __kwbResourceDirectory = (tree) => {
  let dir = __kwbResourceDirectories.get(tree);
  if (!dir) __kwbResourceDirectories.set(tree, dir = directoryFromTree(tree));
  return dir;
};
const __kwbOwned = new WeakSet();
const __kwbGrow = (data, end) => {
  if (end <= data.length) return data;
  if (__kwbOwned.has(data.buffer) && end <= data.buffer.byteLength - data.byteOffset) return new Uint8Array(data.buffer, data.byteOffset, end);
  const grown = new Uint8Array(Math.max(end, data.length * 2, 65536));
  __kwbOwned.add(grown.buffer);
  grown.set(data);
  return grown.subarray(0, end);
};
`;

/**
 * Every LLVM run (cc1, wasm-ld) instantiates LLVM anew, and a fresh instance gets a fresh memory: the 9.4 MB of data
 * segments and the tens of MB clang's heap then touches are new pages, each a page fault (perf on the reference
 * machine: most of a run's fixed ~70 ms of CPU, half of it in the kernel). So the main core module is compiled to
 * import its memory ("kwb" "memory", same limits) and runs reuse one memory: zeroed over the module's initial size
 * (its data, bss and stack, as a fresh instance finds them; the data segments are written again by instantiation)
 * before each run. Above that size a run's heap comes from memory.grow (wasi-libc's malloc starts with the initial
 * memory and grows past the current end), so a reused memory grows by what each run needs past its initial size, ~2.5
 * MB for a driver's cc1; the pages between the initial size and the current end are never used again, yet stay
 * resident. So once past __kwbMemoryPoolMax (24 MB: two driver builds, cc1 and wasm-ld each, reuse one) it is dropped for a
 * fresh one (runs were also measured 3× slower in a memory grown past 60 MB), and where the host exposes gc (the build
 * server does) a major collection is scheduled once the run has let go of it: a WebAssembly memory is freed only by
 * the GC, which left dropped memories and other runs' garbage resident (the server's RSS: 434 MB after 8 chardev builds
 * with a 40 MB limit and no collection, 375-388 MB now, flat). Output is byte for byte what fresh instances give
 * (test/integration/build-script.test.ts). A run finding the memory in use (runs overlap only across awaits) gets a new one.
 */
const YOWASP_MEMORY_PATCHES = [
  ['    ({ exports: exports1 } = yield instantiateCore(yield module0, {\n', '    ({ exports: exports1 } = yield instantiateCore(yield module0, {\n      kwb: { memory: __kwbTakeMemory() },\n'],
  ['return { run: run023, "wasi:cli/run@0.2.3": run023 };', 'return { run: run023, "wasi:cli/run@0.2.3": run023, __kwbMemory: exports1.memory };'],
  ['        wasmCommand.run.run();\n      } catch (e) {\n        if (!(e instanceof Exit))\n          throw e;\n        if (e instanceof Exit && e.code !== 0)\n          error = e;\n      }',
    '        wasmCommand.run.run();\n      } catch (e) {\n        if (!(e instanceof Exit))\n          throw e;\n        if (e instanceof Exit && e.code !== 0)\n          error = e;\n      } finally {\n        __kwbGiveMemory(wasmCommand.__kwbMemory);\n      }'],
];
const YOWASP_MEMORY_PRELUDE = `const __kwbMemoryPoolMax = 24 << 20;
let __kwbMemoryLimits = null;
const __kwbMemoryPool = [];
/**
 * llvm.core.wasm with its one memory moved from the memory section to an import "kwb" "memory" (same limits); null:
 * leave it. The module is bytes[slack..]: it is rewritten in place when the import's few more bytes fit in the slack
 * before it (__kwbBytesWithSlack reads it so), since a copy of LLVM's 75 MB, alive while V8 compiles its own copy of
 * the wire bytes, was most of the build server's peak RSS over its first build (+72 MB). In place, only the sections
 * before the memory section move (the types, imports, functions and table: under 1 MB); the code and data after it
 * stay where they are read, and the module's start moves into the slack instead (moving all 75 MB by a few bytes cost
 * 100-350 ms of CPU per process that starts clang).
 */
const __kwbImportMemory = (bytes, slack = 0) => {
  const b = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = slack + 8;
  const leb = () => { let r = 0, s = 0, x; do { x = b[o++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  const enc = (n) => { const out = []; do { let x = n % 128; n = Math.floor(n / 128); if (n) x |= 0x80; out.push(x); } while (n); return out; };
  const sections = [];
  while (o < b.length) { const start = o, id = b[o++], size = leb(); sections.push({ id, start, body: o, end: o + size }); o += size; }
  const mem = sections.filter((s) => s.id === 5), imp = sections.filter((s) => s.id === 2);
  if (mem.length !== 1 || imp.length !== 1) return null;
  o = mem[0].body;
  if (leb() !== 1) return null;
  const flags = b[o++];
  if (flags > 1) return null;
  const initial = leb(), maximum = flags & 1 ? leb() : undefined;
  o = imp[0].body;
  const count = leb();
  const name = (t) => [...enc(t.length), ...new TextEncoder().encode(t)];
  const body = [...enc(count + 1), ...b.subarray(o, imp[0].end), ...name("kwb"), ...name("memory"), 2, flags, ...enc(initial), ...(maximum === undefined ? [] : enc(maximum))];
  const imports = new Uint8Array([2, ...enc(body.length), ...body]);
  const memSize = mem[0].end - mem[0].start, grown = imports.length - (imp[0].end - imp[0].start);
  const start = slack + memSize - grown;
  let out;
  if (imp[0].end <= mem[0].start && start >= 0) {
    // In place: the sections between the imports and the memory section move up over it, those before the imports
    // move by what the import section gains less the memory section's size, and the new imports go between them.
    b.copyWithin(imp[0].end + memSize, imp[0].end, mem[0].start);
    b.copyWithin(start, slack, imp[0].start);
    b.set(imports, imp[0].start + memSize - grown);
    out = b.subarray(start);
  } else {
    out = new Uint8Array(b.length - slack - memSize + grown);
    let at = 0;
    const put = (from, to) => { out.set(b.subarray(from, to), at); at += to - from; };
    put(slack, slack + 8);
    for (const s of sections) {
      if (s.id === 2) { out.set(imports, at); at += imports.length; } else if (s.id !== 5) put(s.start, s.end);
    }
  }
  __kwbMemoryLimits = maximum === undefined ? { initial } : { initial, maximum };
  return out;
};
/** A file's bytes after slack free bytes, read into one array: __kwbImportMemory rewrites it in place. */
const __kwbBytesWithSlack = async (name, slack) => {
  const file = await __kwbOpen(new URL(name, __kwbGen));
  try {
    const size = (await file.stat()).size, b = new Uint8Array(slack + size);
    for (let at = 0; at < size;) {
      const { bytesRead } = await file.read(b, slack + at, size - at, at);
      if (!bytesRead) throw new Error(name + ": file shrank while read");
      at += bytesRead;
    }
    return b;
  } finally {
    await file.close();
  }
};
const __kwbCompileImportingMemory = (name) => __kwbBytesWithSlack(name, 64).then((b) => WebAssembly.compile(__kwbImportMemory(b, 64) ?? b.subarray(64)));
const __kwbTakeMemory = () => {
  if (!__kwbMemoryLimits) return undefined;
  const m = __kwbMemoryPool.pop();
  if (!m) return new WebAssembly.Memory(__kwbMemoryLimits);
  new Uint8Array(m.buffer, 0, __kwbMemoryLimits.initial * 65536).fill(0);
  return m;
};
const __kwbGiveMemory = (m) => {
  if (!__kwbMemoryLimits || !(m instanceof WebAssembly.Memory)) return;
  if (__kwbMemoryPool.length === 0 && m.buffer.byteLength <= __kwbMemoryPoolMax) __kwbMemoryPool.push(m);
  else if (typeof globalThis.gc === "function") setTimeout(() => globalThis.gc({ type: "major", execution: "async" }), 0);
};
`;

/** The patched glue, or null when the package's code is not what the patch expects. */
export function patchYowaspGlue(source) {
  let reads = 0;
  let out = source.replace(YOWASP_FETCH, (_, name, then) => { reads++; return then === 'compileWasmModule' ? `__kwbCompile(${JSON.stringify(name)})` : `__kwbArrayBuffer(${JSON.stringify(name)})`; });
  if (reads < 2 || !out.includes('__kwbCompile(') || !out.includes('__kwbArrayBuffer(')) return null;
  for (const [from, to] of [...YOWASP_SMALL_PATCHES, ...YOWASP_RUN_PATCHES]) if (out.split(from).length === 2) out = out.replace(from, to);
  // Skipping the task bookkeeping is right only while every call is synchronous: both functions, or neither.
  const calls = out.match(/\bstartCurrentTask\([^)]*\)/g) ?? [];
  const syncOnly = calls.every((c) => c.startsWith('startCurrentTask(0, false, ') || c === 'startCurrentTask(componentIdx, isAsync, entryFnName)' || c === 'startCurrentTask()');
  if (syncOnly && YOWASP_SYNC_TASK_PATCHES.every(([from]) => out.split(from).length === 2)) for (const [from, to] of YOWASP_SYNC_TASK_PATCHES) out = out.replace(from, to);
  // All three places or none: a core module importing a memory nobody passes would not instantiate.
  const pooled = YOWASP_MEMORY_PATCHES.every(([from]) => out.split(from).length === 2);
  if (pooled) for (const [from, to] of YOWASP_MEMORY_PATCHES) out = out.replace(from, to);
  return (pooled ? YOWASP_PRELUDE.replace('const __kwbCompile = (name) => ', 'const __kwbCompile = (name) => name === "llvm.core.wasm" ? __kwbCompileImportingMemory(name) : ') : YOWASP_PRELUDE)
    + YOWASP_SMALL_PRELUDE + (pooled ? YOWASP_MEMORY_PRELUDE : '') + out.replaceAll('import.meta.url', '__kwbGen');
}

/**
 * The patched glue imported in this process without a bundle (a data: URL, the package folder written in), for hosts
 * and benchmarks that run the TypeScript sources; null when the installed glue is not what the patch expects.
 */
export async function importPatchedYowasp() {
  const path = join(ROOT, 'node_modules/@yowasp/clang/gen/bundle.js');
  const patched = existsSync(path) ? patchYowaspGlue(readFileSync(path, 'utf8')) : null;
  if (!patched) return null;
  const source = patched.replace('import.meta.resolve("@yowasp/clang")', JSON.stringify(pathToFileURL(path).href));
  return import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
}

export const yowaspDirectLoad = {
  name: 'kwb-yowasp-direct-load',
  setup(build) {
    build.onResolve({ filter: /^@yowasp\/clang$/ }, (args) => {
      const path = join(ROOT, 'node_modules/@yowasp/clang/gen/bundle.js');
      if (!existsSync(path) || !patchYowaspGlue(readFileSync(path, 'utf8'))) return { path: args.path, external: true };
      return { path, namespace: 'kwb-yowasp' };
    });
    build.onLoad({ filter: /.*/, namespace: 'kwb-yowasp' }, (args) => ({
      contents: patchYowaspGlue(readFileSync(args.path, 'utf8')), loader: 'js', resolveDir: dirname(args.path),
    }));
  },
};
/**
 * binaryen's index.js is 15 MB, 14.7 of them one template literal: its wasm as a string, which a decoder function turns
 * into bytes. Every process that instruments a module parsed that literal twice (the module's compile, then its factory
 * function's on first call) and decoded it: ~1.7 s of CPU before binaryen could start (node --cpu-prof of a cold
 * `kwb build`: compileSourceTextModule 800 ms, the factory 660 ms, the decoder 280 ms). The CLI bundle carries
 * binaryen's JavaScript without the literal and the decoded bytes in binaryen.wasm beside its chunks, read when the
 * factory asks for them. If a new binaryen no longer has the expected code, it stays external and loads as it ships.
 */
const BINARYEN_INDEX = join(ROOT, 'node_modules/binaryen/index.js');
export const BINARYEN_WASM = 'binaryen.wasm';

/** binaryen's source split into its JavaScript (the literal replaced by a read of BINARYEN_WASM) and its wasm; null when not as expected. */
export function splitBinaryen(source) {
  // The decoder: each character's code, a byte (emscripten's SINGLE_FILE binary encoding).
  const decoder = /function (\w+)\((\w+)\)\{for\(var (\w+)=0,(\w+)=\2\.length,(\w+)=new Uint8Array\(\4\),(\w+);\3<\4;\+\+\3\)\6=\2\.charCodeAt\(\3\),\5\[\3\]=~\6>>8&\6;return \5\}/.exec(source);
  if (!decoder) return null;
  const call = `${decoder[1]}(\``;
  const at = source.indexOf(call);
  if (at < 0 || source.indexOf(call, at + 1) >= 0) return null;
  const from = at + call.length;
  let end = from;
  for (; end < source.length && source[end] !== '`'; end++) {
    if (source[end] === '\\') end++;
    else if (source[end] === '$' && source[end + 1] === '{') return null;
  }
  if (source[end + 1] !== ')') return null;
  // Decoded by the package's own decoder.
  const wasm = new Function(`${decoder[0]}; return ${decoder[1]}(\`${source.slice(from, end)}\`);`)();
  if (wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) return null;
  const js = `import { readFileSync as __kwbReadFileSync } from "node:fs";\n${source.slice(0, at)}new Uint8Array(__kwbReadFileSync(new URL(${JSON.stringify(`./${BINARYEN_WASM}`)}, import.meta.url)))${source.slice(end + 2)}`;
  return { js, wasm };
}

/**
 * splitBinaryen of the installed binaryen, kept in node_modules/.cache/kwb (splitting costs ~0.8 s of CPU, and the CLI
 * bundle is rebuilt after every edit under kernel-sim); null when binaryen is missing or not as expected.
 */
function installedBinaryenSplit() {
  if (!existsSync(BINARYEN_INDEX)) return null;
  const st = statSync(BINARYEN_INDEX);
  const cache = join(ROOT, 'node_modules/.cache/kwb', `binaryen-${st.size}-${Math.round(st.mtimeMs)}`);
  try {
    return { js: readFileSync(join(cache, 'index.js'), 'utf8'), wasm: new Uint8Array(readFileSync(join(cache, BINARYEN_WASM))) };
  } catch { /* not split yet */ }
  const split = splitBinaryen(readFileSync(BINARYEN_INDEX, 'utf8'));
  if (!split) return null;
  try {
    const tmp = `${cache}.${process.pid}.tmp`;
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, 'index.js'), split.js);
    writeFileSync(join(tmp, BINARYEN_WASM), split.wasm);
    try { renameSync(tmp, cache); } catch { rmSync(tmp, { recursive: true, force: true }); }
  } catch { /* a read-only node_modules: split again next time */ }
  return split;
}

/** Bundles binaryen split (splitBinaryen) and hands its wasm to `onWasm`, which must write it beside the chunks. */
export function binaryenSplit(onWasm) {
  return {
    name: 'kwb-binaryen-split',
    setup(build) {
      let split;
      build.onResolve({ filter: /^binaryen$/ }, (args) => {
        split ??= installedBinaryenSplit();
        if (!split) return { path: args.path, external: true };
        onWasm(split.wasm);
        return { path: BINARYEN_INDEX, namespace: 'kwb-binaryen' };
      });
      build.onLoad({ filter: /.*/, namespace: 'kwb-binaryen' }, () => ({ contents: split.js, loader: 'js', resolveDir: dirname(BINARYEN_INDEX) }));
    },
  };
}

/** Lets bundled CommonJS dependencies (ws, yaml) require Node built-ins from an ES module. */
const REQUIRE_BANNER = "import { createRequire as __kwbCreateRequire } from 'node:module'; const require = __kwbCreateRequire(import.meta.url);";

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Why dist/ needs a build, or null when it is up to date. */
export function staleReason() {
  for (const out of OUTPUTS) if (!existsSync(join(ROOT, out))) return `${out} is missing`;
  if (!existsSync(STAMP)) return 'no build stamp';
  const built = statSync(STAMP).mtimeMs;
  for (const input of INPUTS) {
    if (newestMtime(join(ROOT, input)) > built) return `${input} changed since the last build`;
  }
  return null;
}

/** Vite's own lines (its chunk list) are noise in a build log; warnings and errors still print. */
async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

/** The kernel-sim hosts' entries in dist/host. */
const HOST_ENTRIES = {
  'web-server': join(ROOT, 'kernel-sim/host/web-server.ts'),
  worker: join(ROOT, 'kernel-sim/host/worker.ts'),
  // clang's thread, started by worker.js (and the Electron utility process, dist/host/utility.js) on first build.
  'compiler-worker': join(ROOT, 'kernel-sim/host/compiler-worker.ts'),
};

/** Bundles the hosts' entries (default: all of them, into dist/host). */
export async function buildHosts({ outdir = join(DIST, 'host'), entryPoints = HOST_ENTRIES } = {}) {
  const esbuild = await import('esbuild');
  const options = { bundle: true, platform: 'node', format: 'esm', target: 'node20', banner: { js: REQUIRE_BANNER }, external: EXTERNAL, plugins: [yowaspDirectLoad], logLevel: 'warning' };
  await esbuild.build({ ...options, entryPoints, outdir, sourcemap: true });
  // The hosts' builds (the compiler thread) read the kernel's exports from Module.symvers too, beside their bundles.
  const tmp = join(outdir, `.symvers-${process.pid}`);
  try {
    await esbuild.build({ ...options, entryPoints: { 'kwb-symvers': join(ROOT, 'kernel-sim/host/kwb-symvers.ts') }, outdir: tmp });
    writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }\n');
    await writeSymvers(tmp);
    renameSync(join(tmp, SYMVERS_FILE), join(outdir, SYMVERS_FILE));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** dist/cli: the kwb command line as compiled JavaScript ($KWB_CLI_DIST moves it, for tests). */
export function cliDist(env = process.env) {
  return env.KWB_CLI_DIST || join(DIST, 'cli');
}

function readManifest(dir) {
  try { return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')); } catch { return null; }
}

/** Why the CLI bundle in `dir` needs a build, or null when every source it was built from is older than it. */
export function cliStaleReason(dir = cliDist()) {
  const m = readManifest(dir);
  if (!m || typeof m.entry !== 'string' || !Array.isArray(m.inputs)) return 'no CLI bundle';
  if (!existsSync(join(dir, m.entry))) return `${m.entry} is missing`;
  for (const input of m.inputs) {
    let mtime;
    try { mtime = statSync(join(ROOT, input)).mtimeMs; } catch { return `${input} was removed`; }
    if (mtime > m.built) return `${input} changed since the CLI was built`;
  }
  return null;
}

/**
 * Bundles kernel-sim/host/cli.ts (and the build server's entry) into dist/cli/<version>/ and points manifest.json at it.
 * Each version gets its own folder and the manifest is replaced atomically, so a kwb already running, or building at
 * the same moment, never reads half-written files; the version (a hash of the output) also names the build server.
 */
export async function buildCli({ dir = cliDist() } = {}) {
  const esbuild = await import('esbuild');
  const built = Date.now();
  let binaryenWasm;
  const r = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { kwb: 'kernel-sim/host/cli.ts', 'kwb-build-server': 'kernel-sim/host/kwb-build-server.ts', 'kwb-symvers': 'kernel-sim/host/kwb-symvers.ts' },
    outdir: join(dir, 'out'),
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: REQUIRE_BANNER },
    external: EXTERNAL.filter((d) => d !== 'binaryen'),
    plugins: [yowaspDirectLoad, binaryenSplit((wasm) => { binaryenWasm = wasm; })],
    metafile: true,
    write: false,
    // Errors come back in the exception (ensureCli may fall back to the previous bundle); warnings still print.
    logLevel: 'silent',
  });
  // Without it (a module the script format cannot carry, such as one with a top-level await) kwb runs from the modules.
  const script = await buildCliScript(r.metafile, join(dir, 'out')).catch(() => null);
  const outputs = script ? [...r.outputFiles, script] : r.outputFiles;
  // node:crypto only here: every kwb imports this file to check its bundle is fresh.
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  for (const f of [...outputs].sort((a, b) => a.path.localeCompare(b.path))) hash.update(f.path.slice(dir.length)).update(f.contents);
  if (binaryenWasm) hash.update(BINARYEN_WASM).update(binaryenWasm);
  const version = hash.digest('hex').slice(0, 16);
  const target = join(dir, version);
  if (!existsSync(join(target, 'kwb.js'))) {
    const tmp = `${target}.${process.pid}.tmp`;
    for (const f of outputs) {
      const p = join(tmp, relative(join(dir, 'out'), f.path));
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.contents);
    }
    if (binaryenWasm) writeFileSync(join(tmp, BINARYEN_WASM), binaryenWasm);
    // ES modules wherever dist/ ends up (a package.json of type module above it is not guaranteed).
    writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }\n');
    await writeSymvers(tmp);
    try { renameSync(tmp, target); } catch { rmSync(tmp, { recursive: true, force: true }); }
  }
  const inputs = Object.keys(r.metafile.inputs).filter((p) => !p.includes('node_modules')).sort();
  const manifest = { version, entry: `${version}/kwb.js`, server: `${version}/kwb-build-server.js`, built, inputs };
  const tmpManifest = join(dir, `manifest.${process.pid}.tmp`);
  writeFileSync(tmpManifest, JSON.stringify(manifest, null, 1) + '\n');
  renameSync(tmpManifest, join(dir, 'manifest.json'));
  pruneCliVersions(dir, version);
  return manifest;
}

/** The CLI script's name beside the ES module entry (kwb.js) of the same bundle version. */
export const CLI_SCRIPT = 'kwb-script.js';

/**
 * Bundles kernel-sim/host/cli.ts once more, as one CommonJS script (CLI_SCRIPT) for cli-script.js to compile with V8's code cache:
 * Node 20 keeps no compiled code for ES modules, and a kwb that boots a machine spent ~0.5 s of CPU compiling the
 * 3.5 MB kernel chunk and the functions a boot calls, every time. import.meta.url is the ES module entry's URL (same
 * folder: Module.symvers, the build server, binaryen.wasm); clang's patched glue and the split binaryen stay the ES
 * chunks the module build made of them (`metafile` says which), imported from this folder when an in-process build
 * needs them (through the loader's import function, `__kwbImport`), so the script carries no second copy of either.
 */
async function buildCliScript(metafile, outdir) {
  const esbuild = await import('esbuild');
  // What the script imports for each package: the ES chunk made of it, else (not bundled there) the package itself.
  const specs = new Map([['@yowasp/clang', '@yowasp/clang'], ['binaryen', 'binaryen']]);
  for (const [out, o] of Object.entries(metafile.outputs)) {
    if (o.entryPoint?.endsWith('/node_modules/@yowasp/clang/gen/bundle.js')) specs.set('@yowasp/clang', `./${relative(outdir, join(ROOT, out))}`);
    if (o.entryPoint?.endsWith('/node_modules/binaryen/index.js')) specs.set('binaryen', `./${relative(outdir, join(ROOT, out))}`);
  }
  const externalChunks = {
    name: 'kwb-script-externals',
    setup(build) {
      build.onResolve({ filter: /^(@yowasp\/clang|binaryen)$/ }, (args) => ({ path: specs.get(args.path), external: true }));
    },
  };
  const r = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { [CLI_SCRIPT.replace(/\.js$/, '')]: 'kernel-sim/host/cli.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    define: { 'import.meta.url': '__kwbModuleUrl' },
    plugins: [externalChunks],
    write: false,
    logLevel: 'silent',
  });
  // Node 20 loses a script's dynamic-import callback in functions compiled lazily after their script came from a code
  // cache ("A dynamic import callback was not specified"): the loader passes its own import function instead.
  let text = r.outputFiles[0].text;
  for (const spec of specs.values()) {
    text = text.replaceAll(`import(${JSON.stringify(spec)})`, `__kwbImport(${JSON.stringify(spec)})`);
  }
  return { path: r.outputFiles[0].path, contents: new TextEncoder().encode(text) };
}

/**
 * Writes the bundled kernel's export table (modpost's Module.symvers, kernel-sim/kernel/module/symvers.ts) beside the
 * bundle: a module build reads it instead of loading and linking the 3 MB kernel chunk only to look symbols up. It comes
 * from the very kernel code bundled next to it, so it cannot disagree with the kernel a `kwb run` of this bundle boots.
 */
async function writeSymvers(dir) {
  const { module_symvers } = await import(pathToFileURL(join(dir, 'kwb-symvers.js')).href);
  writeFileSync(join(dir, SYMVERS_FILE), module_symvers());
}

/** Keeps the newest few versions: a kwb started from an older one may still load its lazy chunks. */
function pruneCliVersions(dir, keep) {
  const versions = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^[0-9a-f]{16}$/.test(e.name) && e.name !== keep)
    .map((e) => ({ name: e.name, mtime: statSync(join(dir, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const v of versions.slice(2)) rmSync(join(dir, v.name), { recursive: true, force: true });
}

/**
 * The CLI bundle's manifest, building it first when it is missing or older than its sources. When the sources do not
 * bundle (a kernel-sim file mid-edit) and a previous bundle exists, that one runs: `staleError` says why it was kept.
 */
export async function ensureCli({ dir = cliDist(), rebuild = buildCli } = {}) {
  if (!cliStaleReason(dir)) return { ...readManifest(dir), rebuilt: false };
  try {
    return { ...(await rebuild({ dir })), rebuilt: true };
  } catch (e) {
    const previous = readManifest(dir);
    if (!previous || typeof previous.entry !== 'string' || !existsSync(join(dir, previous.entry))) throw e;
    return { ...previous, rebuilt: false, staleError: String(e?.message ?? e).split('\n').slice(0, 6).join('\n') };
  }
}

async function buildElectronMain() {
  const file = join(ROOT, 'scripts/build-main.js');
  if (!existsSync(file)) return false;
  const mod = await import(pathToFileURL(file).href);
  if (typeof mod.buildMain !== 'function') throw new Error('scripts/build-main.js does not export buildMain()');
  await mod.buildMain();
  return true;
}

/** Builds all of dist/. */
export async function build({ quiet = false } = {}) {
  const say = (msg) => { if (!quiet) console.log(msg); };
  const t0 = Date.now();
  say('build: renderer (vite) → dist/renderer/');
  await buildRenderer();
  say('build: kernel-sim hosts (esbuild) → dist/host/');
  await buildHosts();
  say('build: kwb command line (esbuild) → dist/cli/');
  await buildCli();
  if (await buildElectronMain()) say('build: Electron main, preload and utility (build-main.js) → dist/main/');
  else say('build: scripts/build-main.js not present; Electron main not built');
  mkdirSync(DIST, { recursive: true });
  writeFileSync(STAMP, new Date().toISOString() + '\n');
  say(`build: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Builds when dist/ is missing or older than its sources; returns whether it built. */
export async function ensureBuilt({ quiet = false } = {}) {
  const reason = staleReason();
  if (!reason) return false;
  console.log(`build needed: ${reason}`);
  await build({ quiet });
  return true;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  build().catch((err) => {
    console.error(`build failed: ${err?.stack ?? err}`);
    process.exit(1);
  });
}
