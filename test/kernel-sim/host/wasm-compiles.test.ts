// trackWasmCompiles: a thread waits for its asynchronous WebAssembly compiles before it ends (ending mid-compile crashes Node 20).
import { describe, expect, it } from 'vitest';
import { trackWasmCompiles } from '../../../kernel-sim/host/wasm-compiles.ts';

/** A stand-in for WebAssembly whose compiles finish when the test says. */
function fakeWasm() {
  const pending: { ok: (v: string) => void; fail: (e: Error) => void }[] = [];
  const wasm = {
    compile: (_bytes: unknown) => new Promise<string>((ok, fail) => pending.push({ ok, fail })),
    instantiate: (_bytes: unknown) => new Promise<string>((ok, fail) => pending.push({ ok, fail })),
    validate: () => true,
  };
  return { wasm, pending };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('trackWasmCompiles', () => {
  it('settles at once when nothing compiles', async () => {
    const { wasm } = fakeWasm();
    await expect(trackWasmCompiles(wasm)()).resolves.toBeUndefined();
  });

  it('waits for every compile in flight, failed ones too, and passes results through', async () => {
    const { wasm, pending } = fakeWasm();
    const settled = trackWasmCompiles(wasm);
    const a = wasm.compile(new Uint8Array());
    const b = wasm.instantiate(new Uint8Array());
    let done = false;
    void settled().then(() => { done = true; });
    pending[0]!.ok('module');
    await flush();
    expect(done).toBe(false);
    pending[1]!.fail(new Error('bad magic'));
    await expect(a).resolves.toBe('module');
    await expect(b).rejects.toThrow('bad magic');
    await flush();
    expect(done).toBe(true);
    // Synchronous functions are left alone.
    expect(wasm.validate()).toBe(true);
  });

  it('counts a compile that throws synchronously as finished', async () => {
    const wasm = { compile: () => { throw new TypeError('not bytes'); } };
    const settled = trackWasmCompiles(wasm);
    expect(() => (wasm.compile as () => unknown)()).toThrow('not bytes');
    await expect(settled()).resolves.toBeUndefined();
  });
});
