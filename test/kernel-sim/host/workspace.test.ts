// The workspace service both hosts use: list, read and atomic write, refusing paths and symlinks that lead outside it, errors without host paths.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_FILE_BYTES, WorkbenchError, Workspace } from '../../../kernel-sim/host/workspace.ts';

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

describe('Workspace errors and limits, the same in every host', () => {
  it('refuses names longer than NAME_MAX (255 bytes) with EINVAL before asking the file system', async () => {
    const ws = await Workspace.open(root);
    for (const name of ['n'.repeat(256), 'é'.repeat(128), `drivers/${'x'.repeat(300)}.c`]) {
      await expect(ws.write(name, 'x')).rejects.toMatchObject({ code: 'EINVAL', message: 'file name longer than 255 bytes' });
      await expect(ws.read(name)).rejects.toMatchObject({ code: 'EINVAL' });
    }
    await ws.write('n'.repeat(255), 'fits\n');
    expect(await ws.read('n'.repeat(255))).toBe('fits\n');
  });

  it('names files in errors by their workspace-relative path, never by where the workspace is', async () => {
    const ws = await Workspace.open(root);
    mkdirSync(path.join(root, 'loop'));
    symlinkSync('a', path.join(root, 'loop', 'b'));
    symlinkSync('b', path.join(root, 'loop', 'a'));
    const failures: unknown[] = [];
    for (const op of [() => ws.read('nope.c'), () => ws.read('drivers'), () => ws.read('Makefile/x'), () => ws.write('Makefile/x', 'y'),
      () => ws.read('escape/secret'), () => ws.read('loop/a'), () => ws.write('drivers', 'x'), () => ws.write('.x.kwb-0123456789ab.lock', 'x'),
      () => Workspace.open(path.join(dir, 'missing'))]) {
      failures.push(await op().then(() => 'resolved', (err: unknown) => err));
    }
    for (const err of failures) {
      expect(err).toBeInstanceOf(WorkbenchError);
      expect((err as Error).message).not.toContain(dir);
      expect((err as Error).message).not.toContain(tmpdir());
    }
    expect((failures[5] as WorkbenchError).message).toBe('too many levels of symbolic links: loop/a');
  });

  it('hides its temporary and lock files from listings and refuses them as names', async () => {
    const ws = await Workspace.open(root);
    writeFileSync(path.join(root, 'drivers', '.edu.c.kwb-123-4-0123456789ab.tmp'), 'half');
    writeFileSync(path.join(root, 'drivers', '.edu.c.kwb-0123456789ab.lock'), '1 0 x');
    expect((await ws.list()).map((e) => e.path)).toEqual(['Makefile', 'drivers', 'drivers/edu.c']);
    expect(await code(ws.read('drivers/.edu.c.kwb-0123456789ab.lock'))).toBe('EINVAL');
  });
});
