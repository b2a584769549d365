// Bundles the Electron side with esbuild: main and preload (CJS) into dist/main, the kernel-sim utility-process entry (ESM) into dist/host.
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Electron 45 ships Node 22 and Chromium 140. */
const NODE_TARGET = 'node22';

/**
 * Builds dist/main/main.cjs, dist/main/preload.cjs and dist/host/utility.js (with dist/host/package.json marking it ESM).
 * @param {{ outdir?: string }} [options] output folder, relative to the repository root unless absolute
 * @returns {Promise<string[]>} the files written
 */
export async function buildMain({ outdir = 'dist' } = {}) {
  const out = path.resolve(root, outdir);
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'none',
  };
  const jobs = [
    { ...common, entryPoints: ['main/main.ts'], outfile: path.join(out, 'main', 'main.cjs'), format: 'cjs', external: ['electron'] },
    // Sandboxed preloads are single CommonJS scripts that may require only 'electron' (and a few browser-safe modules).
    { ...common, entryPoints: ['main/preload.ts'], outfile: path.join(out, 'main', 'preload.cjs'), format: 'cjs', external: ['electron'], target: ['chrome140'] },
    {
      ...common,
      entryPoints: ['kernel-sim/host/utility.ts'],
      outfile: path.join(out, 'host', 'utility.js'),
      format: 'esm',
      // The compiler (clang's wasm files, binaryen) loads from node_modules at its first build, never bundled:
      // bundling them made utility.js 18 MB and its start take a minute; electron-builder ships them as dependencies.
      external: ['@yowasp/clang', 'binaryen'],
      // Lets bundled CommonJS dependencies require Node built-ins from an ES module.
      banner: { js: "import { createRequire as __kwbCreateRequire } from 'node:module'; const require = __kwbCreateRequire(import.meta.url);" },
    },
  ];
  await Promise.all(jobs.map((options) => build(options)));
  // Packaged, dist/host sits in app.asar.unpacked, away from the app's package.json: this keeps its .js files ES modules there too.
  const scope = path.join(out, 'host', 'package.json');
  await mkdir(path.dirname(scope), { recursive: true });
  await writeFile(scope, `${JSON.stringify({ type: 'module' })}\n`);
  return [...jobs.map((j) => j.outfile), scope];
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  buildMain().then(
    (files) => { for (const f of files) console.log(`built ${path.relative(root, f)}`); },
    (err) => { console.error(err instanceof Error ? err.message : err); process.exit(1); },
  );
}
