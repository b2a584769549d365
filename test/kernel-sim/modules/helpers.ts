// Shared setup for module tests: one warm toolchain per test file, fixture drivers built with it, a booted machine with the .ko in /root.
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { makeToolchain, buildDriver, buildSource, REFERENCE } from '../toolchain/helpers.ts';
import { Machine } from '../../../kernel-sim/machine.ts';
import type { Toolchain } from '../../../kernel-sim/toolchain/build.ts';

export { REFERENCE };

let tc: Toolchain | undefined;
export function toolchain(): Toolchain { return (tc ??= makeToolchain()); }

export async function driver(dir: string): Promise<Uint8Array> {
  const r = await buildDriver(toolchain(), dir);
  expect(r.log).toBe('');
  return r.wasm!;
}

export async function source(name: string, text: string): Promise<Uint8Array> {
  const r = await buildSource(toolchain(), name, text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.wasm!;
}

export function machine(files: Record<string, Uint8Array> = {}): Machine {
  const m = new Machine({});
  m.boot();
  for (const [p, b] of Object.entries(files)) m.putFile(p, b);
  return m;
}

export function sh(m: Machine, cmd: string): string { return m.runCommand(cmd).output; }

/** dmesg lines without the timestamps. */
export function dmesg(m: Machine): string[] {
  return sh(m, 'dmesg').split('\n').map((l) => l.replace(/^\[[ \d.]+\] /, '')).filter(Boolean);
}

export function reference(name: string): string { return readFileSync(new URL(name, REFERENCE), 'utf8'); }
