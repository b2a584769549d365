// Toolchain.warm(): the small module the hosts build ahead of the learner's first build goes through every stage, asyncify included.
import { describe, expect, it } from 'vitest';
import { yowaspBackend } from '../../../kernel-sim/toolchain/clang.ts';
import { loadTree, makeToolchain } from '../../../kernel-sim/host/kwb-build.ts';
import { inspectKo } from '../../../kernel-sim/toolchain/ko.ts';
import { INCLUDE } from './helpers.ts';

describe('Toolchain.warm', () => {
  it('builds its module through clang, wasm-ld and the post-link hook', { timeout: 240_000 }, async () => {
    const tc = makeToolchain(yowaspBackend(), loadTree(INCLUDE));
    const linked: Uint8Array[] = [];
    const hook = tc.koHook!;
    tc.koHook = async (wasm) => { const out = await hook(wasm); linked.push(out); return out; };
    await tc.warm();
    expect(linked).toHaveLength(1);
    const ko = inspectKo(linked[0]!);
    // It calls a kernel function that may sleep, so asyncify ran on it.
    expect(ko.functions).toContain('mutex_lock');
    expect(ko.info.exports.map((e) => e.name)).toContain('asyncify_start_unwind');
  });
});
