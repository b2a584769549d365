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
 * Dependencies never bundled: loaded from node_modules at run time, on first use. clang finds its wasm files next to
 * its own bundle (import.meta.url); binaryen is 15 MB of JavaScript that a host should not parse before it needs it.
 */
const EXTERNAL = ['@yowasp/clang', 'binaryen'];
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
    metafile: true,
    write: false,
    logLevel: 'warning',
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

/** The CLI bundle's manifest, building it first when it is missing or older than its sources. */
export async function ensureCli({ dir = cliDist() } = {}) {
  if (!cliStaleReason(dir)) return { ...readManifest(dir), rebuilt: false };
  return { ...(await buildCli({ dir })), rebuilt: true };
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
