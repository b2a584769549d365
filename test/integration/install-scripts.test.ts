// package.json's allowScripts decides every installed dependency's install scripts: npm 11 skips unlisted ones silently
// (Electron's binary download among them, which `npm start` needs for the desktop window) and warns at install.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const INSTALL_HOOKS = ['preinstall', 'install', 'postinstall'] as const;

interface Manifest { name?: string; scripts?: Record<string, string>; allowScripts?: Record<string, boolean> }

function readManifest(dir: string): Manifest | undefined {
  const file = join(dir, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : undefined;
}

/** Every package directory under node_modules, nested ones included (npm installs those too). */
function packageDirs(nodeModules: string): string[] {
  if (!existsSync(nodeModules)) return [];
  const dirs: string[] = [];
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const path = join(nodeModules, entry.name);
    const members = entry.name.startsWith('@') ? readdirSync(path).map((name) => join(path, name)) : [path];
    for (const dir of members) dirs.push(dir, ...packageDirs(join(dir, 'node_modules')));
  }
  return dirs;
}

function packagesWithInstallScripts(): string[] {
  const names = new Set<string>();
  for (const dir of packageDirs(join(ROOT, 'node_modules'))) {
    const manifest = readManifest(dir);
    if (manifest?.name && INSTALL_HOOKS.some((hook) => manifest.scripts?.[hook])) names.add(manifest.name);
  }
  return [...names].sort();
}

describe('install scripts', () => {
  const allow = readManifest(ROOT)?.allowScripts ?? {};

  it('allows or denies, by name, every installed dependency that has an install script', () => {
    const found = packagesWithInstallScripts();
    expect(found).toContain('electron');
    expect(found.filter((name) => !(name in allow))).toEqual([]);
  });

  it("runs Electron's installer, which fetches the desktop app's binary", () => {
    expect(allow.electron).toBe(true);
  });

  it('lists no package that is not installed', () => {
    const found = new Set(packagesWithInstallScripts());
    expect(Object.keys(allow).filter((name) => !found.has(name))).toEqual([]);
  });
});
