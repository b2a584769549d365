// Entry of the build server process that build-client.ts starts: one warm toolchain for every kwb of this user, until idle.
//
// Usage (internal): node kwb-build-server.js --dir RUNTIME_DIR --id ID --include INCLUDE_DIR [--idle-ms N]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { yowaspBackend } from '../toolchain/clang.ts';
import type { Toolchain } from '../toolchain/build.ts';
import { DEFAULT_IDLE_MS, ensurePrivateDir, serverAddress, startBuildServer } from './build-service.ts';
import { BUILD_SERVER_V8_FLAGS, loadTree, makeToolchain, useClangV8Flags } from './kwb-build.ts';
import { fileCc1Store } from './cc1-store.ts';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The newest modification time under `dir`: a header edited while the server runs must not be served stale. */
function newestMtime(dir: string): number {
  let newest = statSync(dir).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const dir = option('--dir'), id = option('--id'), include = option('--include');
if (!dir || !id || !include) {
  process.stderr.write('usage: kwb-build-server --dir DIR --id ID --include DIR [--idle-ms N]\n');
  process.exit(2);
}
const idleMs = Number(option('--idle-ms') ?? DEFAULT_IDLE_MS);
ensurePrivateDir(dir);

// Started with BUILD_SERVER_V8_FLAGS by the client; set here too for a server started by hand.
useClangV8Flags();
for (const f of BUILD_SERVER_V8_FLAGS) setFlagsFromString(f);
setFlagsFromString('--expose-gc');
(globalThis as { gc?: unknown }).gc ??= runInNewContext('gc');
const backend = yowaspBackend(fileCc1Store(dir));
let current: { stamp: number; tc: Toolchain } | undefined;
/** The toolchain over the include folder as it is now; one clang behind every version of it. */
function toolchain(): Toolchain {
  const stamp = newestMtime(include!);
  if (!current || current.stamp !== stamp) current = { stamp, tc: makeToolchain(backend, loadTree(include!)) };
  return current.tc;
}

/**
 * Builds run one at a time (clang is one instance). No warm-up rounds between them: LLVM runs on Liftoff code only
 * (CLANG_V8_FLAGS), so there is no tier-up to wait for, and a build after the first costs what the fifth does.
 */
let chain: Promise<unknown> = Promise.resolve();
function build(req: Parameters<Toolchain['build']>[0]): ReturnType<Toolchain['build']> {
  const run = chain.then(() => toolchain().build(req));
  chain = run.catch(() => undefined);
  return run;
}

const server = await startBuildServer({ address: serverAddress(dir, id), id, idleMs, build, onClose: () => process.exit(0) });
if (!server) {
  // Another server won the race to start; clients find it at the same socket.
  process.exit(0);
}
process.stderr.write(`kwb build server ${id} (pid ${process.pid}) listening; idle timeout ${idleMs} ms\n`);
// Compile LLVM, and load the post-link steps, while the client that started us sends its request (a full warm-up
// build would only delay that request).
backend.prepare?.().catch((e: unknown) => process.stderr.write(`clang failed to load: ${(e as Error).message}\n`));
toolchain().preload?.().catch((e: unknown) => process.stderr.write(`the post-link steps failed to load: ${(e as Error).message}\n`));
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void server.close());

/** True when dist/cli/manifest.json names a newer bundle than ours: clients have moved on to a new server. */
function superseded(): boolean {
  const here = dirname(fileURLToPath(import.meta.url));
  try { return (JSON.parse(readFileSync(join(here, '..', 'manifest.json'), 'utf8')) as { version?: string }).version !== basename(here); } catch { return false; }
}
if (!import.meta.url.endsWith('.ts')) {
  setInterval(() => { if (!server.info().busy && superseded()) void server.close(); }, 30_000).unref();
}
