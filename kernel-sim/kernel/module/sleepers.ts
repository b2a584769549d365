// Prepares a built .ko for sleeping: asyncify limited to the kernel functions it imports that may sleep (generator kapi entries).
//
// binaryen rewrites every function body, so the DWARF line table no longer matches the code; the stale .debug_*
// sections are dropped (backtraces keep function+offset from the name section) rather than showing wrong lines.
import { asyncify } from '../../toolchain/asyncify.ts';
import { inspectKo } from '../../toolchain/ko.ts';
import { parseSections } from '../../toolchain/wasm/sections.ts';
import { kapi_lookup } from '../kapi/registry.ts';
import './load_all.ts';

export const ASYNCIFY_MARK = 'kwb.asyncify';

/** The imports of `wasm` that may sleep. */
export function sleeping_imports(wasm: Uint8Array): string[] {
  return inspectKo(wasm).functions.filter((f) => kapi_lookup(f)?.sleeps);
}

function strip_debug(bytes: Uint8Array): Uint8Array {
  const keep: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const s of parseSections(bytes)) if (!(s.id === 0 && s.name?.startsWith('.debug_'))) keep.push(bytes.subarray(s.headerStart, s.end));
  const out = new Uint8Array(keep.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of keep) { out.set(p, o); o += p.length; }
  return out;
}

/** The .ko as the loader wants it: asyncified when it calls a kernel function that may sleep, unchanged otherwise. */
export async function prepare_ko(wasm: Uint8Array): Promise<Uint8Array> {
  const sleepers = sleeping_imports(wasm);
  if (!sleepers.length) return wasm;
  const out = await asyncify(wasm, { imports: sleepers.map((s) => `env.${s}`), optimizeLevel: 0 });
  return strip_debug(out);
}
