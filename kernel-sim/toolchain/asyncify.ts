// Runs binaryen's asyncify on a module, limited to the imports that may sleep, so a wasm stack can unwind at a sleep and rewind later.
import { readModuleInfo, customSection } from './wasm/module-info.ts';
import { WasmReader } from './wasm/reader.ts';
import { withoutCustomSections } from './wasm/sections.ts';

type Binaryen = typeof import('binaryen').default;
let binaryenPromise: Promise<Binaryen> | undefined;

/** binaryen is large: load it on first use. */
export function loadBinaryen(): Promise<Binaryen> {
  binaryenPromise ??= import('binaryen').then((m) => m.default);
  return binaryenPromise;
}

/** The features clang enabled (target_features section), mapped to binaryen's flags. Never Features.All: Node 20 rejects its encoding. */
export function binaryenFeatures(b: Binaryen, wasm: Uint8Array): number {
  const F = b.Features;
  const map: Record<string, number> = {
    'mutable-globals': F.MutableGlobals, 'bulk-memory': F.BulkMemory, 'sign-ext': F.SignExt, 'nontrapping-fptoint': F.NontrappingFPToInt,
    'reference-types': F.ReferenceTypes, multivalue: F.Multivalue, 'bulk-memory-opt': F.BulkMemoryOpt,
    'call-indirect-overlong': F.CallIndirectOverlong, 'extended-const': F.ExtendedConst, simd128: F.SIMD128,
  };
  let features = F.MVP | F.MutableGlobals | F.BulkMemory | F.SignExt | F.NontrappingFPToInt | F.ReferenceTypes | F.Multivalue;
  const info = readModuleInfo(wasm);
  const tf = customSection(wasm, info.sections, 'target_features');
  if (tf) {
    const r = new WasmReader(tf);
    const n = r.u32();
    for (let i = 0; i < n; i++) {
      const prefix = String.fromCharCode(r.u8());
      const name = r.name();
      if (prefix === '+' && map[name] !== undefined) features |= map[name]!;
    }
  }
  return features;
}

export interface AsyncifyOptions {
  /** Imports that may sleep, as "module.name" (e.g. "env.schedule"); only calls that can reach them are instrumented. */
  imports: string[];
  /** Keep the name section (for symbolized backtraces). Default true. */
  keepNames?: boolean;
  optimizeLevel?: number;
}

/** Exports asyncify adds: asyncify_start_unwind(data), asyncify_stop_unwind(), asyncify_start_rewind(data), asyncify_stop_rewind(), asyncify_get_state(). */
export const ASYNCIFY_STATE = { normal: 0, unwinding: 1, rewinding: 2 } as const;

export async function asyncify(wasm: Uint8Array, opts: AsyncifyOptions): Promise<Uint8Array> {
  const b = await loadBinaryen();
  // binaryen's readBinary takes the features as an optional second argument (its .d.ts omits it).
  const read = b.readBinary as unknown as (data: Uint8Array, features: number) => ReturnType<Binaryen['readBinary']>;
  // Debug info must be on while reading, so binaryen keeps the code locations it needs to rewrite DWARF.
  b.setDebugInfo(opts.keepNames ?? true);
  const mod = read(wasm, binaryenFeatures(b, wasm));
  try {
    b.setOptimizeLevel(opts.optimizeLevel ?? 1);
    b.clearPassArguments();
    b.setPassArgument('asyncify-imports', opts.imports.join(','));
    mod.runPasses(['asyncify']);
    if (!mod.validate()) throw new Error('asyncify produced an invalid module');
    // binaryen copies DWARF through asyncify without updating it: drop it rather than keep wrong lines.
    // Symbolize with `new Symbolizer(asyncified, { linesFrom: original })` to get file:line back.
    return withoutCustomSections(mod.emitBinary(), (n) => n.startsWith('.debug_'));
  } finally {
    b.clearPassArguments();
    mod.dispose();
  }
}
