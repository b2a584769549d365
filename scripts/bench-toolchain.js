// Prints JSON timings of the toolchain: cold first build, then warm builds of a ~200-line driver (edu.c) and of hello.c.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
register();
const { Toolchain } = await import('../kernel-sim/toolchain/build.ts');
const { yowaspBackend } = await import('../kernel-sim/toolchain/clang.ts');

function load(dir) {
  const t = {};
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    t[n] = statSync(p).isDirectory() ? load(p) : new Uint8Array(readFileSync(p));
  }
  return t;
}

const tc = new Toolchain(yowaspBackend(), load(join(root, 'resources/include')));
const src = (rel) => ({ path: rel, text: readFileSync(join(root, rel)) });
const edu = { mode: 'kernel', sources: [src('test/fixtures/drivers/edu/edu.c')], extraFiles: [src('test/fixtures/drivers/edu/edu.h')] };
const hello = { mode: 'kernel', sources: [src('test/fixtures/drivers/hello/hello.c')] };

async function time(req) {
  const t0 = performance.now();
  const r = await tc.build(req);
  if (!r.ok) throw new Error(r.log);
  return performance.now() - t0;
}

const cold = await time(edu);
const warm = [];
for (let i = 0; i < 5; i++) warm.push(await time(edu));
const helloWarm = await time(hello);
warm.sort((a, b) => a - b);
const lines = readFileSync(join(root, 'test/fixtures/drivers/edu/edu.c'), 'utf8').split('\n').length;
console.log(JSON.stringify({
  toolchain_cold_first_build_ms: Math.round(cold),
  toolchain_warm_build_ms: Math.round(warm[Math.floor(warm.length / 2)]),
  toolchain_warm_build_min_ms: Math.round(warm[0]),
  toolchain_warm_build_driver_lines: lines,
  toolchain_warm_build_hello_ms: Math.round(helloWarm),
}, null, 2));
