// Builds everything the app runs from dist/: the renderer (Vite), the kernel-sim web and worker hosts (esbuild), and Electron main via build-main.js when present.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');

/** What a build reads: a change to any of these makes dist/ stale. */
const INPUTS = ['renderer', 'kernel-sim', 'main', 'resources', 'vite.config.ts', 'package.json', 'scripts/build.js', 'scripts/build-main.js'];
/** What a build must have produced for the app to run in web mode. */
export const OUTPUTS = ['dist/renderer/index.html', 'dist/host/web-server.js', 'dist/host/worker.js'];

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

async function buildRenderer(quiet) {
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
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
    // Self-contained like the Electron bundles (build-main.js): bundled CommonJS (ws) may require Node built-ins.
    banner: { js: "import { createRequire as __kwbCreateRequire } from 'node:module'; const require = __kwbCreateRequire(import.meta.url);" },
    // clang's wasm files are found next to its bundle (import.meta.url): load it from node_modules, never bundle it.
    external: ['@yowasp/clang'],
    logLevel: 'warning',
  });
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
  await buildRenderer(quiet);
  say('build: kernel-sim hosts (esbuild) → dist/host/');
  await buildHosts();
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
