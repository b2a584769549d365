// Builds everything the app runs from dist/: the renderer (Vite), the kernel-sim web and worker hosts and the kwb CLI (esbuild), and Electron main via build-main.js when present.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');

/** What a build reads: a change to any of these makes dist/ stale. */
const INPUTS = ['renderer', 'kernel-sim', 'main', 'resources', 'vite.config.ts', 'package.json', 'scripts/build.js', 'scripts/build-main.js'];
/** What a build must have produced for the app to run in web mode. */
export const OUTPUTS = ['dist/renderer/index.html', 'dist/host/web-server.js', 'dist/host/worker.js'];

/**
 * Dependencies never bundled: loaded from node_modules at run time, on first use. binaryen is 15 MB of JavaScript that
 * a host should not parse before it needs it. @yowasp/clang's JavaScript glue is bundled (a lazy chunk) with
 * yowaspDirectLoad, its 105 MB of wasm and resources still read from node_modules.
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
const YOWASP_PRELUDE = `import { readFile as __kwbReadFile } from "node:fs/promises";
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
const YOWASP_SMALL_PRELUDE = `const __kwbJcoDebug = !!globalThis.process?.env?.JCO_DEBUG;
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

/** The patched glue, or null when the package's code is not what the patch expects. */
export function patchYowaspGlue(source) {
  let reads = 0;
  let out = source.replace(YOWASP_FETCH, (_, name, then) => { reads++; return then === 'compileWasmModule' ? `__kwbCompile(${JSON.stringify(name)})` : `__kwbArrayBuffer(${JSON.stringify(name)})`; });
  if (reads < 2 || !out.includes('__kwbCompile(') || !out.includes('__kwbArrayBuffer(')) return null;
  for (const [from, to] of YOWASP_SMALL_PATCHES) if (out.split(from).length === 2) out = out.replace(from, to);
  return YOWASP_PRELUDE + YOWASP_SMALL_PRELUDE + out.replaceAll('import.meta.url', '__kwbGen');
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

async function buildHosts() {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: {
      'web-server': join(ROOT, 'kernel-sim/host/web-server.ts'),
      worker: join(ROOT, 'kernel-sim/host/worker.ts'),
    },
    outdir: join(DIST, 'host'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    banner: { js: REQUIRE_BANNER },
    external: EXTERNAL,
    plugins: [yowaspDirectLoad],
    logLevel: 'warning',
  });
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
  const r = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { kwb: 'kernel-sim/host/cli.ts', 'kwb-build-server': 'kernel-sim/host/kwb-build-server.ts' },
    outdir: join(dir, 'out'),
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: REQUIRE_BANNER },
    external: EXTERNAL,
    plugins: [yowaspDirectLoad],
    metafile: true,
    write: false,
    // Errors come back in the exception (ensureCli may fall back to the previous bundle); warnings still print.
    logLevel: 'silent',
  });
  const hash = createHash('sha256');
  for (const f of [...r.outputFiles].sort((a, b) => a.path.localeCompare(b.path))) hash.update(f.path.slice(dir.length)).update(f.contents);
  const version = hash.digest('hex').slice(0, 16);
  const target = join(dir, version);
  if (!existsSync(join(target, 'kwb.js'))) {
    const tmp = `${target}.${process.pid}.tmp`;
    for (const f of r.outputFiles) {
      const p = join(tmp, relative(join(dir, 'out'), f.path));
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.contents);
    }
    // ES modules wherever dist/ ends up (a package.json of type module above it is not guaranteed).
    writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }\n');
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
