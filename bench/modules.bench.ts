// Module benchmarks: cold first build, warm build of a ~200-line driver (kwbchar.c), and build + insmod + probe of edu on the reference machine with its CPU time and its parts (compile, link, modpost, instrument, insmod, probe, read + rmmod), with the ratios to real Linux; clang as the hosts run it (getToolchain's V8 flags and hooks).
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SourceFile } from '../kernel-sim/toolchain/build.ts';
import { yowaspBackend, type ClangBackend, type YowaspModule } from '../kernel-sim/toolchain/clang.ts';
import { loadTree, makeToolchain, useClangV8Flags } from '../kernel-sim/host/kwb-build.ts';
import { Machine } from '../kernel-sim/machine.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function driver(dir: string): { sources: SourceFile[]; extraFiles: SourceFile[] } {
  const abs = join(ROOT, 'test/fixtures/drivers', dir);
  const names = readdirSync(abs);
  const f = (n: string): SourceFile => ({ path: `test/fixtures/drivers/${dir}/${n}`, text: readFileSync(join(abs, n)) });
  return { sources: names.filter((n) => n.endsWith('.c')).map(f), extraFiles: names.filter((n) => n.endsWith('.h')).map(f) };
}

/** Real Linux on the reference machine: kbuild of the same driver, and the whole edit → build → insmod → probe loop. */
const KBUILD_MS = 1660, LINUX_LOOP_MS = 13_900;
const ratio = (linux: number, ours: number): number => Math.round((linux / ours) * 10) / 10;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number): number => Math.round(x * 10) / 10;
/** This process's CPU time in ms (every thread): on a busy machine it says more than wall time. */
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** The parts of the edu loop, each timed in CPU ms. */
const PARTS = ['compile', 'link', 'modpost', 'instrument', 'insmod', 'probe', 'read_rmmod'] as const;
type Part = typeof PARTS[number];

/** Adds the CPU time `f` takes to `into[part]` (the build's steps run one at a time: nothing else runs in between). */
async function timed<T>(into: Partial<Record<Part, number>>, part: Part, f: () => T | Promise<T>): Promise<T> {
  const c = cpuMs();
  try { return await f(); } finally { into[part] = (into[part] ?? 0) + cpuMs() - c; }
}

export default async function bench(): Promise<Record<string, number>> {
  // As the hosts run clang (getToolchain in the bundles, the build server): with their V8 flags, post-link hooks and
  // the bundles' patched @yowasp/clang glue (memory reused between runs; scripts/build.js).
  useClangV8Flags();
  const { importPatchedYowasp } = await import(pathToFileURL(join(ROOT, 'scripts/build.js')).href) as { importPatchedYowasp: () => Promise<YowaspModule | null> };
  const load = async (): Promise<YowaspModule> => (await importPatchedYowasp()) ?? import('@yowasp/clang');
  // The build's steps, timed into `parts` while it points at a record (the edu loop's).
  let parts: Partial<Record<Part, number>> | undefined;
  const step = <T>(part: Part, f: () => Promise<T>): Promise<T> => (parts ? timed(parts, part, f) : f());
  const yowasp = yowaspBackend(undefined, load);
  const backend: ClangBackend = {
    clang: (args, files) => step('compile', () => yowasp.clang(args, files)),
    llvm: (tool, args, files) => step('link', () => yowasp.llvm(tool, args, files)),
    prepare: yowasp.prepare,
  };
  const tc = makeToolchain(backend, loadTree(join(ROOT, 'resources/include')));
  const { koHook, modpost } = tc;
  tc.koHook = koHook && ((wasm) => step('instrument', () => koHook(wasm)));
  tc.modpost = modpost && ((wasm, license, extra) => step('modpost', () => modpost(wasm, license, extra)));
  const chardev = driver('chardev');
  const edu = driver('edu');
  let t = performance.now();
  const first = await tc.build({ mode: 'kernel', ...chardev });
  const cold = performance.now() - t;
  if (!first.ok) throw new Error(first.log);
  const warm: number[] = [], warmCpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    const c = cpuMs();
    const r = await tc.build({ mode: 'kernel', ...chardev });
    warm.push(performance.now() - t);
    warmCpu.push(cpuMs() - c);
    if (!r.ok) throw new Error(r.log);
  }
  const m = new Machine({ dts: readFileSync(join(ROOT, 'resources/machines/qemu-q35-reference.dts'), 'utf8'), dtsName: 'qemu-q35-reference.dts' });
  m.boot();
  // insmod and probe apart: with autoprobe off, insmod registers the driver only, and bind probes the device (as
  // insmod's driver_attach would have).
  const sh = (cmd: string): string => m.runCommand(cmd).output;
  sh('echo 0 > /sys/bus/pci/drivers_autoprobe');
  const loads: number[] = [], loadsCpu: number[] = [];
  const runs: Partial<Record<Part, number>>[] = [];
  // Five rounds of the edit loop on one file: from the second, clang has its preamble precompiled (clang.ts).
  for (let i = 0; i < 5; i++) {
    const run: Partial<Record<Part, number>> = {};
    t = performance.now();
    const c = cpuMs();
    parts = run;
    const r = await tc.build({ mode: 'kernel', ...edu });
    parts = undefined;
    if (!r.ok) throw new Error(r.log);
    m.putFile('/root/edu.ko', r.wasm!);
    const out = [
      await timed(run, 'insmod', () => sh('insmod /root/edu.ko')),
      await timed(run, 'probe', () => sh('echo 0000:00:02.0 > /sys/bus/pci/drivers/edu/bind')),
      await timed(run, 'read_rmmod', () => sh('cat /dev/edu && rmmod edu')),
    ].join('');
    loads.push(performance.now() - t);
    loadsCpu.push(cpuMs() - c);
    runs.push(run);
    if (out !== '0x010000ed\n') throw new Error(`edu did not load: ${out}`);
  }
  const lines = readFileSync(join(ROOT, 'test/fixtures/drivers/chardev/kwbchar.c'), 'utf8').split('\n').length;
  return {
    // Issue 12's goals beside the figures they bound.
    module_warm_build_goal_ms: 300,
    module_build_insmod_probe_goal_ms: 400,
    module_cold_first_build_ms: round(cold),
    module_warm_build_ms: round(median(warm)),
    module_warm_build_x_faster_than_kbuild: ratio(KBUILD_MS, median(warm)),
    module_warm_build_cpu_ms: round(median(warmCpu)),
    module_warm_build_source_lines: lines,
    module_build_insmod_probe_ms: round(median(loads)),
    module_build_insmod_probe_x_faster_than_linux_loop: ratio(LINUX_LOOP_MS, median(loads)),
    module_build_insmod_probe_cpu_ms: round(median(loadsCpu)),
    ...Object.fromEntries(PARTS.map((p) => [`module_build_insmod_probe_${p}_cpu_ms`, round(median(runs.map((r) => r[p] ?? 0)))])),
  };
}
