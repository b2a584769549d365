// worker_threads entry of kernel-sim: one paced KernelService bridged to the parent thread's port.
//
// The parent (the web server, or any Node host) posts client messages (objects
// or JSON strings) and receives server messages as plain objects. workerData may
// carry `defaultBoot` options for a client that opens a tty before booting.
// Objects with a `__kwb` key are the host's own control messages, never a
// client's (clients' messages arrive as strings): `ping` is the host's watchdog
// asking whether this thread still turns its event loop; `preboot` boots the default machine ahead of a client (a
// spare worker's, KernelService.preboot); `debug` operations
// (only when the host enabled them, for tests) make the thread misbehave on purpose; `exit` asks the thread to end
// once no WebAssembly compile of its own, or of its compiler thread, is in flight (wasm-compiles.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { KernelService, type ServiceOptions } from './service.ts';
import { trackWasmCompiles } from './wasm-compiles.ts';
import { stopCompilerThread } from './compiler-thread.ts';

if (!parentPort) throw new Error('kernel-sim/host/worker.ts must run in a worker thread');
const port = parentPort;
const data = (workerData ?? {}) as { defaultBoot?: ServiceOptions['defaultBoot']; debugOps?: boolean };

export type HostControl = { __kwb: 'ping'; seq: number } | { __kwb: 'exit' } | { __kwb: 'preboot' } | { __kwb: 'debug'; op: 'exhaust-heap' | 'spin' };

/** Ending this thread mid-compile would crash the process (wasm-compiles.ts): `exit` waits for them. */
const wasmSettled = trackWasmCompiles();

const DEBUG_OPS: Record<string, () => void> = {
  /** Allocates until the worker's heap limit ends it. */
  'exhaust-heap': () => {
    const hoard: unknown[] = [];
    for (;;) hoard.push(new Array(1 << 16).fill(hoard.length));
  },
  /** Never returns to the event loop: only the watchdog can end it. */
  spin: () => { for (;;); },
};

const service = new KernelService((message) => port.postMessage(message), { pace: true, defaultBoot: data.defaultBoot });
port.on('message', (raw: unknown) => {
  if (raw !== null && typeof raw === 'object' && '__kwb' in raw) {
    const ctl = raw as HostControl;
    if (ctl.__kwb === 'ping') port.postMessage({ __kwb: 'pong', seq: ctl.seq });
    else if (ctl.__kwb === 'preboot') service.preboot();
    else if (ctl.__kwb === 'exit') void Promise.all([wasmSettled(), stopCompilerThread()]).then(() => process.exit(0));
    else if (ctl.__kwb === 'debug' && data.debugOps) DEBUG_OPS[ctl.op]?.();
    return;
  }
  service.receive(raw);
});
port.on('close', () => service.dispose());
