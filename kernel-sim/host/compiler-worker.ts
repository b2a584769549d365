// Entry of the compiler thread (compiler-thread.ts): the host's one warm clang on a thread of its own, so a build never holds up the kernel's.
//
// Messages in: { id, req } builds one module (one at a time, in arrival order); { exit: true } ends the thread once
// no WebAssembly compile of its own is in flight (wasm-compiles.ts: ending mid-compile crashes Node 20).
// Messages out: { id, ok: true, result } or { id, ok: false, error }.
import { parentPort } from 'node:worker_threads';
import type { BuildRequest, BuildResult } from '../toolchain/build.ts';
import { trackWasmCompiles } from './wasm-compiles.ts';
import { getToolchain } from './kwb-build.ts';

if (!parentPort) throw new Error('kernel-sim/host/compiler-worker.ts must run in a worker thread');
const port = parentPort;

export type CompilerRequest = { id: number; req: BuildRequest } | { exit: true };
export type CompilerResponse = { id: number; ok: true; result: BuildResult } | { id: number; ok: false; error: string };

// Before anything compiles: LLVM's compile is the one to wait for.
const settled = trackWasmCompiles();
const tc = getToolchain();
// LLVM compiles, and binaryen loads, from the moment the thread starts; then a warm-up build takes the code paths a
// driver's build takes (Toolchain.warm), so the learner's first Build & Load finds clang as warm as later ones do.
tc.prepare();
let chain: Promise<unknown> = tc.warm().catch((e: unknown) => process.stderr.write(`the compiler's warm-up failed: ${(e as Error).message}\n`));
port.on('message', (msg: CompilerRequest) => {
  if ('exit' in msg) { void settled().then(() => process.exit(0)); return; }
  const run = chain.then(() => tc.build(msg.req));
  chain = run.catch(() => undefined);
  run.then(
    (result) => port.postMessage({ id: msg.id, ok: true, result } satisfies CompilerResponse),
    (e: unknown) => port.postMessage({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) } satisfies CompilerResponse),
  );
});
