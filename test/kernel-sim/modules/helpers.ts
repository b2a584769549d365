// Shared setup for module tests: one warm toolchain per test file, fixture drivers built with it, a booted machine with the .ko in /root.
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { makeToolchain, buildDriver, REFERENCE } from '../toolchain/helpers.ts';
import { Machine } from '../../../kernel-sim/machine.ts';
import type { Toolchain } from '../../../kernel-sim/toolchain/build.ts';
import { prepare_ko, prepare_program } from '../../../kernel-sim/kernel/module/sleepers.ts';
import { join } from 'node:path';
import { ROOT } from '../toolchain/helpers.ts';

export { REFERENCE };

let tc: Toolchain | undefined;
/** The warm toolchain, with the module loader's post-link step (instrumentation, asyncify) as kwb build runs it. */
export function toolchain(): Toolchain {
  if (!tc) { tc = makeToolchain(); tc.koHook = prepare_ko; tc.userHook = prepare_program; }
  return tc;
}

export async function driver(dir: string): Promise<Uint8Array> {
  const r = await buildDriver(toolchain(), dir);
  expect(r.log).toBe('');
  return r.wasm!;
}

export async function source(name: string, text: string | Uint8Array): Promise<Uint8Array> {
  const r = await toolchain().build({ mode: 'kernel', sources: [{ path: name, text }] });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.wasm!;
}

export function machine(files: Record<string, Uint8Array> = {}): Machine {
  const m = new Machine({});
  m.boot();
  for (const [p, b] of Object.entries(files)) m.putFile(p, b);
  return m;
}

/** The reference q35 machine (edu at 00:02.0), booted, with modules and executable programs placed by path. */
export function q35(files: Record<string, Uint8Array>, programs: Record<string, Uint8Array> = {}): Machine {
  const m = new Machine({ dts: readFileSync(join(ROOT, 'resources/machines/qemu-q35-reference.dts'), 'utf8'), dtsName: 'qemu-q35-reference.dts' });
  m.boot();
  // The reference machine's kernel has virtio as modules (its kernel config): capture.sh loads them first.
  m.runCommand('modprobe virtio_pci; modprobe virtio_blk');
  for (const [p, b] of Object.entries(files)) m.putFile(p, b);
  for (const [p, b] of Object.entries(programs)) m.putFile(p, b, 0o755);
  return m;
}

export function sh(m: Machine, cmd: string): string { return m.runCommand(cmd).output; }

/** dmesg lines without the timestamps. */
export function dmesg(m: Machine): string[] {
  return sh(m, 'dmesg').split('\n').map((l) => l.replace(/^\[[ \d.]+\] /, '')).filter(Boolean);
}

export function reference(name: string): string { return readFileSync(new URL(name, REFERENCE), 'utf8'); }

/** Builds a user test program (kwb build --user) from fixture paths relative to the repository root. */
export async function program(path: string, headers: string[] = []): Promise<Uint8Array> {
  const r = await toolchain().build({
    mode: 'user', sources: [{ path, text: readFileSync(join(ROOT, path)) }],
    extraFiles: headers.map((h) => ({ path: h, text: readFileSync(join(ROOT, h)) })),
  });
  expect(r.log).toBe('');
  return r.wasm!;
}
