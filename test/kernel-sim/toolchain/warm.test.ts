// Toolchain.warm(): the small module the hosts build ahead of the learner's first build goes through every stage, asyncify included; cc1 command lines kept in a store skip the driver run.
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDirs } from '../../fixtures/scratch.ts';
import { yowaspBackend, type Cc1Store } from '../../../kernel-sim/toolchain/clang.ts';
import { fileCc1Store } from '../../../kernel-sim/host/cc1-store.ts';
import { loadTree, makeToolchain } from '../../../kernel-sim/host/kwb-build.ts';
import { inspectKo } from '../../../kernel-sim/toolchain/ko.ts';
import { INCLUDE } from './helpers.ts';

const tmp = scratchDirs();
afterAll(tmp.cleanup);

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

  it('keeps the cc1 command line in a store, and a new backend uses the stored one', { timeout: 240_000 }, async () => {
    const dir = tmp.make('kwb-cc1-');
    const first = makeToolchain(yowaspBackend(fileCc1Store(dir)), loadTree(INCLUDE));
    await first.warm();
    expect(readdirSync(dir).filter((f) => /^cc1-.*\.json$/.test(f))).toHaveLength(1);
    const stored = fileCc1Store(dir);
    // A marker define added to the stored line proves the compile ran it rather than asking the driver again.
    const marked: Cc1Store = {
      get: (flags) => { const a = stored.get(flags); return a && [...a.slice(0, 2), '-D', 'KWB_FROM_STORE=1', ...a.slice(2)]; },
      set: () => { throw new Error('the driver ran'); },
    };
    const second = makeToolchain(yowaspBackend(marked), loadTree(INCLUDE));
    const src = '#include <linux/module.h>\n#ifndef KWB_FROM_STORE\n#error not from the store\n#endif\nMODULE_LICENSE("GPL");\n';
    const r = await second.build({ mode: 'kernel', sources: [{ path: 'm.c', text: src }] });
    expect(r.log).toBe('');
    expect(r.ok).toBe(true);
  });

  it('starts empty from a missing or corrupt store file', () => {
    const dir = tmp.make('kwb-cc1-');
    expect(fileCc1Store(dir).get(['-O2'])).toBeUndefined();
    fileCc1Store(dir).set(['-O2'], ['clang', '-cc1', '-O2']);
    expect(fileCc1Store(dir).get(['-O2'])).toEqual(['clang', '-cc1', '-O2']);
    for (const f of readdirSync(dir)) writeFileSync(join(dir, f), '{not json');
    expect(fileCc1Store(dir).get(['-O2'])).toBeUndefined();
  });
});
