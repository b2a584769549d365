// Instruments a built .ko the way a debug kernel builds modules: KASAN checks on every load/store, a watchdog tick on every loop, asyncify for sleeping calls.
//
// binaryen's safe-heap pass routes each memory access through a SAFE_HEAP_* helper; their bodies are replaced by
// inline KASAN: load the shadow bytes of the first and last byte of the access and call __asan_report_* (the
// kernel's check) only when one is non-zero. log-execution calls log_execution at every function entry and loop
// head: the soft-lockup watchdog's budget. The original module rides along in the custom section "kwb.orig" so
// backtraces can still map code offsets to the learner's lines.
import { loadBinaryen, binaryenFeatures } from '../../toolchain/asyncify.ts';
import { parseSections } from '../../toolchain/wasm/sections.ts';
import { withCustomSection } from '../../toolchain/wasm/sections.ts';
import { KMEM_SHADOW } from '../../mm/kmem.ts';

export const ORIG_SECTION = 'kwb.orig';
export const INSTRUMENTED_SECTION = 'kwb.instrumented';

type Binaryen = Awaited<ReturnType<typeof loadBinaryen>>;

interface FnInfo { name: string; params: number; results: number; vars: number[]; body: number }

function rewrite_safe_heap(b: Binaryen, mod: ReturnType<Binaryen['readBinary']>): void {
  const bx = b as unknown as Record<string, (...a: unknown[]) => unknown>;
  const n = bx._BinaryenGetNumFunctions!(mod.ptr) as number;
  mod.addFunctionImport('__asan_check', 'env', '__asan_check', b.createType([b.i32, b.i32, b.i32]), b.none);
  for (let i = 0; i < n; i++) {
    const ref = bx._BinaryenGetFunctionByIndex!(mod.ptr, i) as number;
    const info = b.getFunctionInfo(ref) as unknown as FnInfo;
    const m = /^SAFE_HEAP_(LOAD|STORE)_(i32|i64|f32|f64)_(\d+)_(?:U_)?(\d+)$/.exec(info.name);
    if (!m) continue;
    const size = Number(m[3]);
    const write = m[1] === 'STORE' ? 1 : 0;
    const body = b.getExpressionInfo(info.body) as unknown as { children: number[] };
    const setAddr = body.children[0]!;
    const access = body.children[body.children.length - 1]!;
    const slot = b.expandType(info.params).length;
    const addrLocal = (): number => mod.local.get(slot, b.i32);
    const shadowOf = (e: number): number => mod.i32.load8_u(0, 1, mod.i32.add(mod.i32.const(KMEM_SHADOW), mod.i32.shr_u(e, mod.i32.const(3))));
    const bad = mod.i32.or(shadowOf(addrLocal()), shadowOf(mod.i32.add(addrLocal(), mod.i32.const(size - 1))));
    const check = mod.if(bad, mod.call('__asan_check', [addrLocal(), mod.i32.const(size), mod.i32.const(write)], b.none));
    const block = mod.block(null, [setAddr, check, access], b.getExpressionType(access));
    bx._BinaryenFunctionSetBody!(ref, block);
  }
}

function stripDebug(bytes: Uint8Array): Uint8Array {
  const keep: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const s of parseSections(bytes)) if (!(s.id === 0 && s.name?.startsWith('.debug_'))) keep.push(bytes.subarray(s.headerStart, s.end));
  const out = new Uint8Array(keep.reduce((k, p) => k + p.length, 0));
  let o = 0;
  for (const p of keep) { out.set(p, o); o += p.length; }
  return out;
}

/** KASAN + watchdog instrumentation, and asyncify for `sleepers` ("env.NAME") when there are any. */
export async function instrument_ko(wasm: Uint8Array, sleepers: string[]): Promise<Uint8Array> {
  const b = await loadBinaryen();
  const read = b.readBinary as unknown as (data: Uint8Array, features: number) => ReturnType<Binaryen['readBinary']>;
  const mod = read(wasm, binaryenFeatures(b, wasm));
  try {
    b.setDebugInfo(true);
    b.setOptimizeLevel(0);
    b.setShrinkLevel(0);
    b.clearPassArguments();
    mod.runPasses(['log-execution', 'safe-heap']);
    rewrite_safe_heap(b, mod);
    if (sleepers.length) {
      b.setPassArgument('asyncify-imports', sleepers.join(','));
      b.setPassArgument('asyncify-ignore-indirect', '1');
      mod.runPasses(['asyncify']);
    }
    if (!mod.validate()) throw new Error('instrumentation produced an invalid module');
    const out = stripDebug(mod.emitBinary());
    return withCustomSection(withCustomSection(out, ORIG_SECTION, wasm), INSTRUMENTED_SECTION, new Uint8Array([1]));
  } finally {
    b.clearPassArguments();
    mod.dispose();
  }
}
