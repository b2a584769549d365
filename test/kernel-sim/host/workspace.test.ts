// The workspace folder: list, read and atomic write, refusing paths and symlinks that lead outside it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Workspace } from '../../main/workspace.ts';
import { MAX_FILE_BYTES, WorkbenchError } from '../../main/ipc-validation.ts';

let dir: string;
let root: string;
let outside: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kwb-ws-'));
  root = path.join(dir, 'ws');
  outside = path.join(dir, 'outside');
  mkdirSync(path.join(root, 'drivers'), { recursive: true });
  mkdirSync(path.join(root, '.git'));
  mkdirSync(path.join(root, 'node_modules', 'x'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(root, 'drivers', 'edu.c'), '#include <linux/module.h>\n');
  writeFileSync(path.join(root, 'Makefile'), 'obj-m += edu.o\n');
  writeFileSync(path.join(root, '.git', 'HEAD'), 'ref');
  writeFileSync(path.join(outside, 'secret'), 'secret');
  symlinkSync(outside, path.join(root, 'escape'));
  symlinkSync(path.join(outside, 'secret'), path.join(root, 'secret-link'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const code = async (p: Promise<unknown>): Promise<string> => {
  try { await p; } catch (err) { return err instanceof WorkbenchError ? err.code : `other: ${String(err)}`; }
  return 'resolved';
};

describe('Workspace', () => {
  it('opens only existing absolute folders', async () => {
    expect((await Workspace.open(root)).info().name).toBe('ws');
    expect(await code(Workspace.open('relative/dir'))).toBe('EINVAL');
    expect(await code(Workspace.open(path.join(dir, 'missing')))).toBe('ENOENT');
    expect(await code(Workspace.open(path.join(root, 'Makefile')))).toBe('ENOTDIR');
  });

  it('lists files and folders, skipping dot-folders, node_modules and symlinks', async () => {
    const ws = await Workspace.open(root);
    expect(await ws.list()).toEqual([
      { path: 'Makefile', type: 'file', size: 15 },
      { path: 'drivers', type: 'dir', size: 0 },
      { path: 'drivers/edu.c', type: 'file', size: 26 },
    ]);
  });

  it('reads and writes text, creating folders, leaving no temporary files', async () => {
    const ws = await Workspace.open(root);
    expect(await ws.read('drivers/edu.c')).toContain('linux/module.h');
    await ws.write('labs/01/hello.c', 'int x;\n');
    await ws.write('labs/01/hello.c', 'int y;\n');
    expect(readFileSync(path.join(root, 'labs', '01', 'hello.c'), 'utf8')).toBe('int y;\n');
    expect(readdirSync(path.join(root, 'labs', '01'))).toEqual(['hello.c']);
  });

  it('maps errors to codes', async () => {
    const ws = await Workspace.open(root);
    expect(await code(ws.read('nope.c'))).toBe('ENOENT');
    expect(await code(ws.read('drivers'))).toBe('EISDIR');
    expect(await code(ws.write('drivers', 'x'))).toBe('EISDIR');
    expect(await code(ws.read('Makefile/x'))).toBe('ENOTDIR');
    writeFileSync(path.join(root, 'big.bin'), Buffer.alloc(MAX_FILE_BYTES + 1));
    expect(await code(ws.read('big.bin'))).toBe('EFBIG');
    expect(await code(ws.write('a.c', 42))).toBe('EINVAL');
  });

  it('refuses paths out of the workspace', async () => {
    const ws = await Workspace.open(root);
    expect(await code(ws.read('../outside/secret'))).toBe('EACCES');
    expect(await code(ws.read('/etc/passwd'))).toBe('EINVAL');
    expect(await code(ws.write('../outside/new', 'x'))).toBe('EACCES');
    expect(existsSync(path.join(outside, 'new'))).toBe(false);
  });

  it('refuses symlinks that lead out, and creates nothing through them', async () => {
    const ws = await Workspace.open(root);
    expect(await code(ws.read('escape/secret'))).toBe('EACCES');
    expect(await code(ws.read('secret-link'))).toBe('EACCES');
    expect(await code(ws.write('escape/newdir/file.c', 'x'))).toBe('EACCES');
    expect(await code(ws.write('secret-link', 'overwritten'))).toBe('EACCES');
    expect(existsSync(path.join(outside, 'newdir'))).toBe(false);
    expect(readFileSync(path.join(outside, 'secret'), 'utf8')).toBe('secret');
  });
});
