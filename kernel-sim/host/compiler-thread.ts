// The compiled hosts' module builder: clang on a thread of its own (compiler-worker.ts), started on first use and kept warm.
//
// A build took the kernel worker's thread for its whole length (LLVM's compile on first use: seconds), so the
// simulated machine and every other request waited behind it; and the app's compiler warm-up, sent when it
// connects, competed with booting. On its own thread clang compiles while the kernel runs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BuildRequest, BuildResult } from '../toolchain/build.ts';
import type { CompilerRequest, CompilerResponse } from './compiler-worker.ts';

/** The thread's entry, next to the bundle that starts it (dist/host/compiler-worker.js). */
const ENTRY = new URL('./compiler-worker.js', import.meta.url);

/** True where the compiler thread can run: a compiled host with the worker's bundle beside it (not the TypeScript sources). */
export function compilerThreadAvailable(): boolean {
  return ENTRY.protocol === 'file:' && !import.meta.url.endsWith('.ts') && existsSync(fileURLToPath(ENTRY));
}

class CompilerThread {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (r: BuildResult) => void; reject: (e: Error) => void }>();
  readonly exited: Promise<void>;

  constructor(private readonly worker: Worker) {
    worker.on('message', (m: CompilerResponse) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      this.idle();
      if (m.ok) p.resolve(m.result); else p.reject(new Error(m.error));
    });
    this.exited = new Promise((resolve) => {
      const gone = (why: string): void => {
        if (thread === this) thread = undefined;
        for (const p of this.pending.values()) p.reject(new Error(`the compiler thread ${why}`));
        this.pending.clear();
        resolve();
      };
      worker.on('error', (e) => gone(`failed: ${e.message}`));
      worker.on('exit', (code) => gone(`exited (${code})`));
    });
    this.idle();
  }

  /** No build in flight: the thread must not keep its host alive. */
  private idle(): void { if (this.pending.size === 0) this.worker.unref(); }

  build(req: BuildRequest): Promise<BuildResult> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, req } satisfies CompilerRequest);
    });
  }

  /** Asks the thread to end once its WebAssembly compiles have settled. */
  stop(): Promise<void> {
    this.worker.postMessage({ exit: true } satisfies CompilerRequest);
    return this.exited;
  }
}

let thread: CompilerThread | undefined;

/** The host's compiler thread, started on first use (a thread that died is replaced on the next build). */
export function compilerThread(): { build(req: BuildRequest): Promise<BuildResult> } {
  thread ??= new CompilerThread(new Worker(ENTRY));
  return thread;
}

/** Ends the compiler thread, if one runs, once its compiles have settled (a host's exit waits for it). */
export function stopCompilerThread(): Promise<void> {
  return thread ? thread.stop() : Promise.resolve();
}
