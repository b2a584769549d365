// The `build` step shared by build and module.load: C sources to a .ko with the host's toolchain, the machine untouched.
import type { BuildDiagnostic, BuildResult, ParamsOf } from '../../api/protocol.ts';
import { modnameOf, type SourceFile } from '../../toolchain/build.ts';
import { MachineError } from '../../machine.ts';

/** What the build methods need from a toolchain (kernel-sim/toolchain's Toolchain fits). */
export interface ModuleBuilder {
  build(req: { mode: 'kernel'; sources: SourceFile[]; extraFiles: SourceFile[]; modname: string; defines?: string[] }): Promise<{
    ok: boolean; wasm?: Uint8Array; log: string; diagnostics: BuildDiagnostic[];
  }>;
}

/**
 * The host's one warm clang, loaded on first use: on a thread of its own in the compiled hosts (compiler-thread.ts),
 * in this thread when running from the TypeScript sources (tests) or where the thread's bundle is missing.
 */
export async function defaultBuilder(): Promise<ModuleBuilder> {
  const { compilerThread, compilerThreadAvailable } = await import('../compiler-thread.ts');
  if (compilerThreadAvailable()) return compilerThread();
  const { getToolchain } = await import('../kwb-build.ts');
  return getToolchain();
}

/** The module name Kbuild would give: the first source's base name, '-' as '_'. */
export function modname_of(params: ParamsOf<'build'>): string {
  const first = (params.sources ?? params.files.filter((f) => f.path.endsWith('.c')).map((f) => f.path))[0] ?? params.files[0]!.path;
  return params.modname ?? modnameOf(first);
}

/** Compiles module sources; the result carries the .ko (base64) and, on the side, its bytes. */
export async function build_module(builder: ModuleBuilder, params: ParamsOf<'build'>): Promise<{ result: BuildResult; ko: Uint8Array | null }> {
  const started = Date.now();
  const wanted = params.sources ?? params.files.filter((f) => f.path.endsWith('.c')).map((f) => f.path);
  const sources = params.files.filter((f) => wanted.includes(f.path));
  if (sources.length === 0) throw new MachineError('EINVAL', 'build: no C source among the files');
  const extraFiles = params.files.filter((f) => !wanted.includes(f.path));
  const modname = modname_of(params);
  const r = await builder.build({ mode: 'kernel', sources, extraFiles, modname, defines: params.defines });
  const result: BuildResult = { ok: r.ok && !!r.wasm, modname, diagnostics: r.diagnostics, log: r.log, ms: Date.now() - started };
  if (result.ok && r.wasm) result.ko = base64(r.wasm);
  return { result, ko: result.ok && r.wasm ? r.wasm : null };
}

export function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
