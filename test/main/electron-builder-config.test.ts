// Checks electron-builder.yml against electron-builder's own JSON schema and validator (the Electron binary can't be fetched here to package for real).
import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(schema);
}

describe('electron-builder.yml', () => {
  it('matches scheme.json of app-builder-lib (no type coercion)', () => {
    const validate = validator();
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check rejects a broken config, so the test above means something', () => {
    const validate = validator();
    expect(validate({ ...config, linux: { ...config.linux, target: 42, bogusOption: true } })).toBe(false);
    expect(validate({ ...config, notAnOption: 1 })).toBe(false);
  });

  it("passes electron-builder's own validateConfiguration", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...structuredClone(config), mac: { category: 7, nope: true } }, new DebugLogger(false))).rejects.toThrow(/Invalid configuration/);
  });

  it('declares the app, targets and entry the project needs', () => {
    expect(config.appId).toBe('dev.kernelworkbench.app');
    expect(config.productName).toBe('Kernel Workbench');
    expect(config.extraMetadata.main).toBe('dist/main/main.cjs');
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'labs/**/*', 'package.json']));
    expect(config.extraResources.map((r: { to: string }) => r.to).sort()).toEqual(['include', 'machines']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Development');
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.category).toBe('public.app-category.developer-tools');
    expect(config.win.target).toEqual(['nsis']);
    expect(config.asarUnpack).toContain('dist/host/**/*');
  });

  it('ships the folders DESIGN.md names as extra resources, and a 512x512 PNG icon', () => {
    // resources/include and resources/machines are filled by other parts of the project; their names are fixed by the layout.
    expect(config.extraResources.map((r: { from: string; to: string }) => [r.from, r.to])).toEqual([['resources/include', 'include'], ['resources/machines', 'machines']]);
    expect(existsSync(path.join(root, config.linux.icon))).toBe(true);
    const icon = readFileSync(path.join(root, config.linux.icon));
    expect(icon.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(icon.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);
    expect(config.mac.icon).toBe(config.linux.icon);
    expect(config.win.icon).toBe(config.linux.icon);
  });

  it('package.json main and dist script agree with the config', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe(config.extraMetadata.main);
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.yml');
  });
});
