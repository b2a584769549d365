// Counts a thread's asynchronous WebAssembly compiles, so the thread can wait for them before it ends.
//
// Node 20 crashes the whole process (SIGSEGV in v8::internal::wasm::AsyncCompileJob::StartForegroundTask) when a
// worker thread ends while V8 is still compiling a WebAssembly module for it on background threads. clang's 75 MB of
// LLVM, whose compile the app's warm-up starts on connect, takes seconds: a tab closed meanwhile ended its worker
// mid-compile (the ui bench died with signal 11 as its web server closed).

type AsyncCompile = (...args: unknown[]) => Promise<unknown>;
const ASYNC_COMPILES = ['compile', 'compileStreaming', 'instantiate', 'instantiateStreaming'] as const;

/**
 * Wraps the asynchronous compile functions of `wasm` (this thread's WebAssembly) to count what is in flight.
 * Returns a function whose promise resolves once none is.
 */
export function trackWasmCompiles(wasm: object = WebAssembly): () => Promise<void> {
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const done = (): void => {
    if (--inFlight > 0) return;
    for (const ok of waiters) ok();
    waiters = [];
  };
  const table = wasm as Record<string, unknown>;
  for (const name of ASYNC_COMPILES) {
    const fn = table[name];
    if (typeof fn !== 'function') continue;
    const original = (fn as AsyncCompile).bind(wasm);
    table[name] = (...args: unknown[]): Promise<unknown> => {
      inFlight++;
      let p: Promise<unknown>;
      try { p = original(...args); } catch (e) { done(); throw e; }
      p.then(done, done);
      return p;
    };
  }
  return () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((ok) => { waiters.push(ok); }));
}
