// Prepares a built .ko for loading: instrumentation, and asyncify limited to the kernel functions it imports that may sleep (generator kapi entries).
import { instrument_ko } from './instrument.ts';
import { asyncify } from '../../toolchain/asyncify.ts';
import { inspectKo } from '../../toolchain/ko.ts';
import { vmlinux } from '../../Kbuild.ts';

/** The imports of `wasm` that may sleep. */
export function sleeping_imports(wasm: Uint8Array): string[] {
  return inspectKo(wasm).functions.filter((f) => vmlinux.ksymtab.func(f)?.sleeps);
}

/** The .ko as the loader wants it: KASAN and watchdog instrumentation, asyncified when it calls a kernel function that may sleep. */
export async function prepare_ko(wasm: Uint8Array): Promise<Uint8Array> {
  return instrument_ko(wasm, sleeping_imports(wasm).map((s) => `env.${s}`));
}

/** A user program as binfmt_wasm runs it: asyncified at its system call, so it can sleep in read() and wake. */
export async function prepare_program(wasm: Uint8Array): Promise<Uint8Array> {
  return asyncify(wasm, { imports: ['env.__syscall'], optimizeLevel: 1 });
}
