// worker_threads entry of kernel-sim: one paced KernelService bridged to the parent thread's port.
//
// The parent (the web server, or any Node host) posts client messages (objects
// or JSON strings) and receives server messages as plain objects. workerData may
// carry `defaultBoot` options for a client that opens a tty before booting.
import { parentPort, workerData } from 'node:worker_threads';
import { KernelService, type ServiceOptions } from './service.ts';

if (!parentPort) throw new Error('kernel-sim/host/worker.ts must run in a worker thread');
const port = parentPort;
const data = (workerData ?? {}) as { defaultBoot?: ServiceOptions['defaultBoot'] };

const service = new KernelService((message) => port.postMessage(message), { pace: true, defaultBoot: data.defaultBoot });
port.on('message', (raw: unknown) => service.receive(raw));
port.on('close', () => service.dispose());
