// bin/kwb.js runs the compiled CLI bundle (dist/cli), rebuilds it when its sources are newer, and `kwb build` from it goes through one shared build server.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDirs } from '../fixtures/scratch.ts';
import { readModinfo } from '../../kernel-sim/toolchain/modinfo.ts';
import { BUILD_SERVER_V8_FLAGS, SYMVERS_FILE } from '../../kernel-sim/host/kwb-build.ts';
import { vmlinux } from '../../kernel-sim/Kbuild.ts';
import { write_dump } from '../../kernel-sim/kernel/module/symvers.ts';
// @ts-expect-error: a plain ES module script without type declarations
import { cliStaleReason } from '../../scripts/build.js';
// @ts-expect-error: a plain ES module script without type declarations
import { CLI_SCRIPT, CLI_SCRIPT_CACHE } from '../../scripts/cli-script.js';

const tmp = scratchDirs();
afterAll(tmp.cleanup);
const ROOT = join(import.meta.dirname, '../..');
const KWB = join(ROOT, 'bin/kwb.js');

interface Manifest { version: string; entry: string; built: number; inputs: string[] }
const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

function kwb(env: Record<string, string>, ...argv: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [KWB, ...argv], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 240_000 });
}

/** Runs kwb asynchronously, so two can run at once. */
function kwbAsync(env: Record<string, string>, ...argv: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [KWB, ...argv], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d; });
    child.stderr.on('data', (d: Buffer) => { stderr += d; });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('the kwb CLI bundle', () => {
  // Inside the checkout, as dist/cli is: the bundle finds resources/ and node_modules/ (clang, binaryen) walking up.
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const dist = mkdtempSync(join(ROOT, 'dist', '.test-cli-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
  const env = { KWB_CLI_DIST: dist };

  it('is built on first use and runs from it', { timeout: 240_000 }, () => {
    const started = Date.now();
    const r = kwb(env, '--help');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: kwb <command>/);
    const m = manifest(dist);
    expect(existsSync(join(dist, m.entry))).toBe(true);
    expect(m.inputs).toContain('kernel-sim/host/cli.ts');
    expect(m.inputs.some((i) => i.includes('node_modules'))).toBe(false);
    expect(m.built).toBeGreaterThanOrEqual(started);
    // Beside it, the bundled kernel's Module.symvers, as the sources' kernel exports them now: builds read it instead of
    // loading the kernel, so it must never fall behind an export added or removed.
    expect(readFileSync(join(dist, m.version, SYMVERS_FILE), 'utf8')).toBe(write_dump(vmlinux.ksymtab));
    // Fresh while no source is newer than the build (frozen here: others may be editing kernel-sim in this tree).
    writeFileSync(join(dist, 'manifest.json'), JSON.stringify({ ...m, built: Date.now() + 86_400_000 }));
    expect(cliStaleReason(dist)).toBeNull();
    // Booting a machine works from the bundle too.
    const run = kwb(env, 'run', '--', 'echo from the bundle');
    expect(run.stdout).toBe('from the bundle\n');
  });

  it('boots machines from its script with a code cache, the first kwb of each command writing it', { timeout: 240_000 }, () => {
    const dir = join(dist, manifest(dist).version);
    // The run above compiled the script and cached what it compiled; a lab command adds its own functions once.
    expect(existsSync(join(dir, CLI_SCRIPT))).toBe(true);
    expect(readFileSync(join(dir, `${CLI_SCRIPT_CACHE}.commands`), 'utf8')).toBe('run\n');
    const before = readFileSync(join(dir, CLI_SCRIPT_CACHE));
    const list = kwb(env, 'lab', 'list');
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^pci-probe\s+The PCI probe path$/m);
    expect(readFileSync(join(dir, `${CLI_SCRIPT_CACHE}.commands`), 'utf8')).toBe('run\nlab list\n');
    expect(readFileSync(join(dir, CLI_SCRIPT_CACHE)).equals(before)).toBe(false);
    // A known command leaves the cache as it is, and runs as before.
    const cached = readFileSync(join(dir, CLI_SCRIPT_CACHE));
    const again = kwb(env, 'run', '--', 'echo from the bundle');
    expect(again.stdout).toBe('from the bundle\n');
    expect(readFileSync(join(dir, CLI_SCRIPT_CACHE)).equals(cached)).toBe(true);
    // A cache V8 rejects (another Node wrote it, or it is damaged) is compiled around, then written again.
    writeFileSync(join(dir, CLI_SCRIPT_CACHE), Buffer.from('not a code cache'));
    const damaged = kwb(env, 'run', '--', 'uname -r');
    expect(damaged.stdout).toBe('6.1.0-kwb\n');
    expect(readFileSync(join(dir, CLI_SCRIPT_CACHE)).length).toBeGreaterThan(1 << 20);
    expect(readFileSync(join(dir, `${CLI_SCRIPT_CACHE}.commands`), 'utf8')).toBe('run\n');
  });

  it('grades a lab step from the script with clang in-process, through the bundle\'s own clang and binaryen chunks', { timeout: 600_000 }, () => {
    // No build server: the script imports the patched clang glue and the split binaryen the ES module build made.
    const r = kwb({ ...env, KWB_BUILD_SERVER: '0' }, 'lab', 'check', 'pci-probe', '--workspace', join(ROOT, 'labs/pci-probe/solution'), '--step', '4');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^4 checks: 4 passed, 0 failed$/m);
    expect(r.status).toBe(0);
    const script = readFileSync(join(dist, manifest(dist).version, CLI_SCRIPT), 'utf8');
    expect(script).toMatch(/__kwbImport\("\.\/bundle-\w+\.js"\)/);
    expect(script).toMatch(/__kwbImport\("\.\/binaryen-\w+\.js"\)/);
    expect(script).not.toMatch(/\bimport\("/);
  });

  it('runs whatever the manifest names, without rebuilding while nothing changed', () => {
    const m = manifest(dist);
    const stub = join(dist, 'stub');
    mkdirSync(stub, { recursive: true });
    writeFileSync(join(stub, 'kwb.js'), 'export async function main(argv) { process.stdout.write(`stub ${argv.join(" ")}\\n`); return 3; }\n');
    writeFileSync(join(dist, 'manifest.json'), JSON.stringify({ ...m, entry: 'stub/kwb.js', built: Date.now() + 86_400_000 }));
    const r = kwb(env, 'lab', 'list');
    expect(r.stdout).toBe('stub lab list\n');
    expect(r.status).toBe(3);
  });

  it('is rebuilt when a source it was built from is newer than it', { timeout: 240_000 }, () => {
    const m = manifest(dist);
    // As if kernel-sim had been edited after the build.
    writeFileSync(join(dist, 'manifest.json'), JSON.stringify({ ...m, entry: 'stub/kwb.js', built: 0 }));
    expect(cliStaleReason(dist)).toMatch(/changed since the CLI was built/);
    const r = kwb(env, '--help');
    expect(r.stdout).toMatch(/^Usage: kwb <command>/);
    const after = manifest(dist);
    expect(after.entry).toBe(`${after.version}/kwb.js`);
    expect(after.built).toBeGreaterThan(0);
    expect(existsSync(join(dist, after.entry))).toBe(true);
  });

  it('names a missing or incomplete bundle as stale', () => {
    expect(cliStaleReason(join(dist, 'nowhere'))).toBe('no CLI bundle');
    const m = manifest(dist);
    writeFileSync(join(dist, 'manifest.json'), JSON.stringify({ ...m, built: Date.now() + 86_400_000, inputs: [...m.inputs, 'kernel-sim/no-such-file.ts'] }));
    expect(cliStaleReason(dist)).toBe('kernel-sim/no-such-file.ts was removed');
    writeFileSync(join(dist, 'manifest.json'), JSON.stringify(m));
  });

  it('builds through one build server for two kwb builds at once, the same .ko as in-process, and the server stops when idle', { timeout: 300_000 }, async () => {
    const work = tmp.make('kwb-cli-build-');
    const run = join(work, 'run');
    for (const n of ['a', 'b']) {
      mkdirSync(join(work, n));
      writeFileSync(join(work, n, 'kwbchar.c'), readFileSync(join(ROOT, 'test/fixtures/drivers/chardev/kwbchar.c')));
      writeFileSync(join(work, n, 'kwbchar.h'), readFileSync(join(ROOT, 'test/fixtures/drivers/chardev/kwbchar.h')));
    }
    // Frozen for this test: an edit under kernel-sim meanwhile (other work in the tree) would rebuild the bundle and give
    // the in-process build other kernel code than the server's.
    writeFileSync(join(dist, 'manifest.json'), JSON.stringify({ ...manifest(dist), built: Date.now() + 86_400_000 }));
    const serverEnv = { ...env, KWB_RUNTIME_DIR: run, KWB_BUILD_SERVER_IDLE_MS: '3000' };
    const [a, b] = await Promise.all([
      kwbAsync(serverEnv, 'build', join(work, 'a', 'kwbchar.c')),
      kwbAsync(serverEnv, 'build', join(work, 'b', 'kwbchar.c')),
    ]);
    for (const r of [a, b]) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/ {2}LD \[M\] {2}.*kwbchar\.ko\n$/);
    }
    const logs = readdirSync(run).filter((f) => f.endsWith('.log'));
    expect(logs).toHaveLength(1);
    expect(readFileSync(join(run, logs[0]!), 'utf8').match(/listening/g)).toHaveLength(1);
    // It runs LLVM with the build server's V8 flags (Liftoff only, functions validated when first compiled).
    const pid = Number(readFileSync(join(run, logs[0]!.replace(/\.log$/, '.lock')), 'utf8'));
    if (existsSync(`/proc/${pid}/cmdline`)) expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining(BUILD_SERVER_V8_FLAGS));

    // The same module as a build in this process: same size, imports, exports and modinfo. (Not the same bytes: the
    // loader's instrumentation numbers its probes per process, so even two builds in one process differ there.)
    const ko = (n: string): Buffer => readFileSync(join(work, n, 'kwbchar.ko'));
    const served = ko('a');
    expect(served.subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
    expect(ko('b').length).toBe(served.length);
    const local = kwb({ ...env, KWB_BUILD_SERVER: '0' }, 'build', join(work, 'a', 'kwbchar.c'));
    expect(local.status).toBe(0);
    const shape = (b: Buffer): unknown => {
      const m = new WebAssembly.Module(new Uint8Array(b));
      return { size: b.length, imports: WebAssembly.Module.imports(m), exports: WebAssembly.Module.exports(m), modinfo: readModinfo(new Uint8Array(b)) };
    };
    expect(shape(ko('a'))).toEqual(shape(served));

    // Builds check a module's symbols against that Module.symvers, not the kernel's live table: without cdev_add in
    // it, modpost refuses the module.
    const symvers = join(dist, manifest(dist).version, SYMVERS_FILE);
    const table = readFileSync(symvers, 'utf8');
    try {
      writeFileSync(symvers, table.replace(/^.*\tcdev_add\t.*\n/m, ''));
      const refused = kwb({ ...env, KWB_BUILD_SERVER: '0' }, 'build', join(work, 'b', 'kwbchar.c'));
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/^ERROR: modpost: "cdev_add" \[.*kwbchar\.ko\] undefined!$/m);
    } finally {
      writeFileSync(symvers, table);
    }

    // Idle for its timeout, the server exits and removes its socket.
    const socket = join(run, logs[0]!.replace(/\.log$/, '.sock'));
    for (let i = 0; i < 600 && existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(socket)).toBe(false);
  });
});
