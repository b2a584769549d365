// The packaged app's layout, as far as it can be built without Electron's binary: `electron-builder --dir` over the
// built dist/ with a stand-in Electron distribution (a script carrying Electron's fuse wire), then the layout the
// main process relies on: the asar and what is unpacked from it, the headers and boot configs as extra resources,
// and the fuses flipped as electron-builder.yml asks.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** @electron/fuses' sentinel: the fuse wire follows it (version byte, length byte, one byte per fuse). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's default wire: RunAsNode, CookieEncryption, NODE_OPTIONS, inspect args, asar integrity, only-asar, V8 snapshot, file:// privileges. */
const DEFAULT_WIRE = '10110001';

let out = '';
let resources = '';

/** An unpacked "Electron" whose binary is a script with the fuse wire where Electron has it. */
function stand_in_electron(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const bin = Buffer.concat([Buffer.from(`#!/bin/sh\necho stand-in\n# ${SENTINEL}`), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(`${DEFAULT_WIRE}\n`)]);
  writeFileSync(join(dir, 'electron'), bin);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), '41.7.1');
}

beforeAll(() => {
  const tmp = mkdtempSync(join(tmpdir(), 'kwb-dist-'));
  stand_in_electron(join(tmp, 'electron-dist'));
  out = join(tmp, 'release');
  execFileSync(process.execPath, [
    join(ROOT, 'node_modules/electron-builder/cli.js'), '--dir', '--linux', '--x64',
    `-c.electronDist=${join(tmp, 'electron-dist')}`, '-c.electronVersion=41.7.1', `-c.directories.output=${out}`,
  ], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  resources = join(out, 'linux-unpacked', 'resources');
}, 300_000);

describe('electron-builder --dir', () => {
  it('puts the app in an asar with the main, preload and renderer bundles, and nothing the utility process must read as a file', () => {
    const require = createRequire(import.meta.url);
    const asar = require(join(ROOT, 'node_modules/@electron/asar')) as { listPackage(p: string, o: object): string[] };
    const files = asar.listPackage(join(resources, 'app.asar'), {}).map((f) => f.replace(/\\/g, '/'));
    for (const f of ['/dist/main/main.cjs', '/dist/main/preload.cjs', '/dist/renderer/index.html', '/package.json', '/labs/boot/lab.yaml']) expect(files).toContain(f);
    expect(files.some((f) => f.endsWith('.map'))).toBe(false);
  });

  it('unpacks the utility process entry and the compiler, which are read from real files', () => {
    const un = join(resources, 'app.asar.unpacked');
    expect(existsSync(join(un, 'dist/host/utility.js'))).toBe(true);
    expect(existsSync(join(un, 'node_modules/@yowasp/clang/package.json'))).toBe(true);
    expect(existsSync(join(un, 'node_modules/binaryen/package.json'))).toBe(true);
  });

  it('ships the kernel headers and boot configs where the packaged app looks for them (resourcesPath/include, /machines)', () => {
    expect(readFileSync(join(resources, 'include/linux/module.h'), 'utf8')).toContain('module_init');
    expect(existsSync(join(resources, 'machines/default.dts'))).toBe(true);
  });

  it('flips the fuses electron-builder.yml sets: no RunAsNode, no NODE_OPTIONS or inspect arguments, only the asar, cookie encryption on', () => {
    const bin = readFileSync(join(out, 'linux-unpacked', 'kernel-workbench'));
    const at = bin.indexOf(SENTINEL) + SENTINEL.length;
    const wire = bin.subarray(at + 2, at + 2 + bin[at + 1]).toString('latin1');
    expect(wire).toBe('01000100');
  });
});
