// Prepares a built .ko for loading: instrumentation, and asyncify limited to the kernel functions it imports that may sleep (generator kapi entries).
import { instrument_ko } from './instrument.ts';
import { asyncify } from '../../toolchain/asyncify.ts';
import { inspectKo } from '../../toolchain/ko.ts';
import type { symvers_t } from './symvers.ts';

/**
 * The kernel's exports as a module build sees them: `kernel` when the host has them (Module.symvers), else the live
 * table, imported only then — it links the whole kernel, which a build server never needs.
 */
export async function kernel_symbols(kernel?: symvers_t): Promise<symvers_t> {
  return kernel ?? (await import('../../Kbuild.ts')).vmlinux.ksymtab;
}

/** The imports of `wasm` that may sleep. */
export function sleeping_imports(wasm: Uint8Array, kernel: symvers_t): string[] {
  return inspectKo(wasm).functions.filter((f) => kernel.func(f)?.sleeps);
}

/** The .ko as the loader wants it: KASAN and watchdog instrumentation, asyncified when it calls a kernel function that may sleep. */
export async function prepare_ko(wasm: Uint8Array, kernel?: symvers_t): Promise<Uint8Array> {
  return instrument_ko(wasm, sleeping_imports(wasm, await kernel_symbols(kernel)).map((s) => `env.${s}`));
}

/** A user program as binfmt_wasm runs it: asyncified at its system call, so it can sleep in read() and wake. */
export async function prepare_program(wasm: Uint8Array): Promise<Uint8Array> {
  return asyncify(wasm, { imports: ['env.__syscall'], optimizeLevel: 1 });
}
