// The clang command lines for kernel modules (PIC wasm32 .ko) and user programs (wasm32 executables against the small libc).

/** Where the toolchain mounts resources/include in clang's file tree. */
export const INCLUDE_ROOT = '/kwb/include';

export interface CompileFlagsOptions {
  /** KBUILD_MODNAME for kernel modules. */
  modname?: string;
  /** -DNAME or -DNAME=VALUE, without the -D. */
  defines?: string[];
  /** Extra include directories (paths inside the tree). */
  includeDirs?: string[];
}

/**
 * What cc1 may skip without changing a byte of the object (test/kernel-sim/toolchain/speed-flags.test.ts). @yowasp/clang
 * is an assertions build, whose driver keeps the IR verifier and local value names that a release clang drops
 * (-disable-llvm-verifier, -discard-value-names); and wasm32 without simd128 has no vector registers, so the loop and
 * SLP vectorizers only analyse. cc1 of edu with its PCH: 2-12% less CPU (interleaved runs at load 10-20), within the
 * noise of a whole build's CPU.
 */
export const SPEED_FLAGS = ['-fno-verify-intermediate-code', '-fdiscard-value-names', '-fno-vectorize', '-fno-slp-vectorize'];

/** -gline-tables-only: DWARF line tables give file:line in backtraces (names come from the name section), and build faster than -g. */
const COMMON = ['--target=wasm32', '-O2', '-gline-tables-only', '-nostdinc', '-ffreestanding', '-fno-builtin-printf',
  '-fno-color-diagnostics', '-fno-caret-diagnostics', '-Wall', '-Wno-unused-function', '-Werror=implicit-function-declaration',
  '-Werror=incompatible-pointer-types', '-Werror=int-conversion', '-Werror=return-type', '-std=gnu11', ...SPEED_FLAGS];

/** clang -c flags for one kernel-module translation unit. */
export function kernelCompileFlags(o: CompileFlagsOptions): string[] {
  const modname = o.modname ?? 'module';
  return [
    // -Wno-pointer-sign as Linux's top Makefile gives every kernel build (LKMPG's hello-5 passes an int * as the array count).
    ...COMMON, '-fPIC', '-fno-common', '-fno-strict-aliasing', '-fno-delete-null-pointer-checks', '-fwrapv', '-Wno-pointer-sign',
    '-D__KERNEL__', '-DMODULE', `-DKBUILD_MODNAME="${modname}"`, `-DKBUILD_BASENAME="${modname}"`, '-D__KWB__',
    ...(o.defines ?? []).map((d) => `-D${d}`),
    ...(o.includeDirs ?? []).map((d) => `-I${d}`),
    `-I${INCLUDE_ROOT}`, `-I${INCLUDE_ROOT}/uapi`, '-include', `${INCLUDE_ROOT}/linux/kconfig.h`,
  ];
}

/** wasm-ld flags linking kernel-module objects into a position-independent side module. */
export function kernelLinkFlags(): string[] {
  return ['-m', 'wasm32', '-shared', '--experimental-pic', '--unresolved-symbols=import-dynamic'];
}

/** clang -c flags for one user-program translation unit. */
export function userCompileFlags(o: CompileFlagsOptions): string[] {
  return [
    ...COMMON, '-D__KWB_USER__', ...(o.defines ?? []).map((d) => `-D${d}`),
    ...(o.includeDirs ?? []).map((d) => `-I${d}`), `-I${INCLUDE_ROOT}/user`,
  ];
}

/**
 * wasm-ld flags for a user program: its own exported memory and function table (signal handlers are called through
 * it); system calls are imports from "env". Function pointers start at 2, so that no function is SIG_DFL (0) or SIG_IGN (1).
 */
export function userLinkFlags(): string[] {
  return ['-m', 'wasm32', '--entry=_start', '--export=_start', '--export=__stack_pointer', '--export-if-defined=__heap_base', '--export-table', '--table-base=2',
    '--allow-undefined', '-z', 'stack-size=65536'];
}
