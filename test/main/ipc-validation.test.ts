// Validation of IPC arguments: relative paths that stay inside the workspace, text caps, arity, trusted senders.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import {
  MAX_FILE_BYTES, MAX_PATH_LENGTH, WorkbenchError, isTrustedSender, resolveInside, validateArity, validateFileText, validateRelativePath,
} from '../../main/ipc-validation.ts';

const codeOf = (fn: () => unknown): string | undefined => {
  try { fn(); } catch (err) { return err instanceof WorkbenchError ? err.code : 'not a WorkbenchError'; }
  return undefined;
};

describe('validateRelativePath', () => {
  it.each([
    ['drivers/edu.c', ['drivers', 'edu.c']],
    ['Makefile', ['Makefile']],
    ['.config', ['.config']],
    ['a b/ü.c', ['a b', 'ü.c']],
  ])('accepts %s', (rel, segments) => {
    expect(validateRelativePath(rel)).toEqual(segments);
  });

  it.each([
    ['..', 'EACCES'],
    ['../x', 'EACCES'],
    ['a/../../x', 'EACCES'],
    ['a/..', 'EACCES'],
    ['/etc/passwd', 'EINVAL'],
    ['C:/Windows/win.ini', 'EINVAL'],
    ['c:x', 'EINVAL'],
    ['a\\..\\b', 'EINVAL'],
    ['\\\\server\\share', 'EINVAL'],
    ['a\0b', 'EINVAL'],
    ['a\nb', 'EINVAL'],
    ['', 'EINVAL'],
    ['a//b', 'EINVAL'],
    ['./a', 'EINVAL'],
    ['a/', 'EINVAL'],
    ['file.c:stream', 'EINVAL'],
    ['CON', 'EINVAL'],
    ['nul.txt', 'EINVAL'],
    ['trailing.', 'EINVAL'],
    ['x'.repeat(MAX_PATH_LENGTH + 1), 'EINVAL'],
    [`${'y'.repeat(256)}`, 'EINVAL'],
    [Array(40).fill('d').join('/'), 'EINVAL'],
  ])('rejects %j with %s', (rel, code) => {
    expect(codeOf(() => validateRelativePath(rel))).toBe(code);
  });

  it.each([[42], [null], [undefined], [{}], [['a']], [new String('a')]])('rejects non-string %j', (value) => {
    expect(codeOf(() => validateRelativePath(value))).toBe('EINVAL');
  });
});

describe('resolveInside', () => {
  const root = path.resolve('/ws/project');
  it('resolves below the root', () => {
    expect(resolveInside(root, 'src/a.c')).toBe(path.join(root, 'src', 'a.c'));
  });
  it('never leaves the root', () => {
    for (const rel of ['../project2/a', '..', '/ws/project/a', 'a/../../b']) {
      expect(() => resolveInside(root, rel)).toThrow(WorkbenchError);
    }
  });
});

describe('validateFileText and arity', () => {
  it('caps text at MAX_FILE_BYTES of UTF-8', () => {
    expect(validateFileText('hello')).toBe('hello');
    expect(codeOf(() => validateFileText('a'.repeat(MAX_FILE_BYTES + 1)))).toBe('EFBIG');
    // Fewer characters than the cap, but more bytes once encoded.
    expect(codeOf(() => validateFileText('€'.repeat(MAX_FILE_BYTES / 2)))).toBe('EFBIG');
    expect(codeOf(() => validateFileText(new Uint8Array(3)))).toBe('EINVAL');
  });
  it('wants the exact number of arguments', () => {
    expect(codeOf(() => validateArity(['a'], 1))).toBeUndefined();
    expect(codeOf(() => validateArity(['a', 'b'], 1))).toBe('EINVAL');
    expect(codeOf(() => validateArity([], 2))).toBe('EINVAL');
  });
});

describe('isTrustedSender', () => {
  it('trusts only the main frame of the app origin', () => {
    expect(isTrustedSender({ url: 'app://workbench/index.html', parent: null }, 'app://workbench')).toBe(true);
    expect(isTrustedSender({ url: 'app://workbench/index.html', parent: {} }, 'app://workbench')).toBe(false);
    expect(isTrustedSender({ url: 'https://workbench/index.html', parent: null }, 'app://workbench')).toBe(false);
    expect(isTrustedSender({ url: 'app://workbench.evil/index.html', parent: null }, 'app://workbench')).toBe(false);
    expect(isTrustedSender({ url: 'file:///index.html', parent: null }, 'app://workbench')).toBe(false);
    expect(isTrustedSender(null, 'app://workbench')).toBe(false);
  });
});
