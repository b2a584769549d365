// App benchmarks (issue 12): a fresh kernel-sim host as web mode starts it (the built worker, dist/host/worker.js); the compiler warm-up the status bar runs on connect, then the first Build & Load of edu (build, insmod, probe), through the protocol.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ServerMessage } from '../kernel-sim/api/protocol.ts';

const ROOT = join(import.meta.dirname, '..');
/** The real edit → build → insmod → probe loop on Linux (kbuild, insmod, probe on the reference machine). */
const LINUX_LOOP_MS = 13_900;
const round = (x: number): number => Math.round(x * 10) / 10;
/** This process's CPU time in ms, every thread (the kernel worker and its compiler thread run in it): on a busy machine it says more than wall time. */
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

export default async function bench(): Promise<Record<string, number>> {
  const { ensureBuilt } = await import(pathToFileURL(join(ROOT, 'scripts/build.js')).href) as { ensureBuilt: (o: { quiet: boolean }) => Promise<boolean> };
  await ensureBuilt({ quiet: true });
  // Not the bench runner's flags (--import tsx, --input-type): the worker runs compiled JavaScript, as in web mode.
  const host = new Worker(join(ROOT, 'dist/host/worker.js'), { execArgv: [] });
  let next = 1;
  const pending = new Map<number, (m: Extract<ServerMessage, { type: 'response' }>) => void>();
  host.on('message', (m: ServerMessage) => { if (m.type === 'response' && m.id !== null) pending.get(m.id)?.(m); });
  const request = async (method: string, params: unknown): Promise<any> => {
    const id = next++;
    const r = await new Promise<Extract<ServerMessage, { type: 'response' }>>((resolve) => { pending.set(id, resolve); host.postMessage({ type: 'request', id, method, params }); });
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.result;
  };
  const load = loadavg()[0]!;
  try {
    await request('machine.boot', { dts: readFileSync(join(ROOT, 'resources/machines/qemu-q35-reference.dts'), 'utf8'), dtsName: 'qemu-q35-reference.dts' });
    // What the status bar sends on connect (renderer/src/components/StatusBar.vue): a small module, built while the user reads.
    const warmText = ['module', 'slab', 'mutex', 'fs', 'cdev', 'device', 'uaccess', 'pci', 'io', 'interrupt', 'wait'].map((h) => `#include <linux/${h}.h>\n`).join('')
      + 'static DEFINE_MUTEX(lock);\n'
      + 'static int __init warm_init(void)\n{\n\tint *p = kzalloc(sizeof(*p), GFP_KERNEL);\n\tmutex_lock(&lock);\n\tpr_info("warm %p\\n", p);\n'
      + '\tmutex_unlock(&lock);\n\tkfree(p);\n\treturn 0;\n}\nmodule_init(warm_init);\nMODULE_LICENSE("GPL");\n';
    let t = performance.now();
    let c = cpuMs();
    const warm = await request('build', { files: [{ path: 'kwb-warm/kwb_warm.c', text: warmText }] });
    const warmupMs = performance.now() - t;
    const warmupCpu = cpuMs() - c;
    if (!warm.ok) throw new Error(warm.log);
    const dir = join(ROOT, 'test/fixtures/drivers/edu');
    const files = ['edu.c', 'edu.h'].map((n) => ({ path: `edu/${n}`, text: readFileSync(join(dir, n), 'utf8') }));
    t = performance.now();
    c = cpuMs();
    const built = await request('build', { files });
    if (!built.ok) throw new Error(built.log);
    const buildMs = performance.now() - t;
    await request('fs.put', { path: '/root/edu.ko', data: built.ko, encoding: 'base64' });
    const out = await request('shell.run', { command: 'insmod /root/edu.ko && cat /dev/edu' });
    const firstMs = performance.now() - t;
    const firstCpu = cpuMs() - c;
    if (out.output !== '0x010000ed\n') throw new Error(`edu did not probe: ${out.output}`);
    return {
      app_load_average_1min: round(load),
      app_compiler_warmup_ms: round(warmupMs),
      app_compiler_warmup_cpu_ms: round(warmupCpu),
      app_first_build_load_cpu_ms: round(firstCpu),
      app_first_build_load_ms: round(firstMs),
      app_first_build_ms: round(buildMs),
      app_first_build_load_x_faster_than_linux_loop: Math.round((LINUX_LOOP_MS / firstMs) * 10) / 10,
    };
  } finally {
    await host.terminate();
  }
}
