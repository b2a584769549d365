// Bad arguments get the errno Linux gives: EFAULT, EBADF, EINVAL, ENOENT, ENOTDIR, EISDIR, EEXIST, ENAMETOOLONG, ELOOP.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import { boot, run } from './harness.ts';
import { do_syscall_64 } from '../../../kernel-sim/arch/x86/entry/common.ts';
import {
  EFAULT, EBADF, EINVAL, ENOENT, ENOTDIR, EISDIR, EEXIST, ENAMETOOLONG, ELOOP, ENOSYS,
} from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { AT_FDCWD, O_RDONLY, O_WRONLY, O_CREAT, O_DIRECTORY } from '../../../kernel-sim/include/uapi/stat.ts';

let m: Machine;
beforeAll(() => { m = boot(); });

/** Runs `body` in a user process and returns the results it collected. */
function collect(body: (c: Libc, out: Record<string, number>) => Generator<void, void, void>): Record<string, number> {
  const out: Record<string, number> = {};
  run(m, function* (c) { yield* body(c, out); return 0; });
  return out;
}

describe('EFAULT', () => {
  it('pointers into the unmapped first page or past the end of memory fault', () => {
    const r = collect(function* (c, out) {
      const fd = yield* c.open('/dev/zero');
      const end = c.mem().length;
      out.readNull = yield* c.syscall('read', fd, 0, 8);
      out.readFirstPage = yield* c.syscall('read', fd, 0x10, 8);
      out.readPastEnd = yield* c.syscall('read', fd, end - 4, 8);
      out.readHuge = yield* c.syscall('read', fd, 2 ** 52, 8);
      out.openNull = yield* c.syscall('openat', AT_FDCWD, 0, O_RDONLY, 0);
      out.openPastEnd = yield* c.syscall('openat', AT_FDCWD, end + 100, O_RDONLY, 0);
      out.statBuf = yield* c.syscall('fstat', fd, 0x100);
      out.uname = yield* c.syscall('uname', 8);
      out.pipe = yield* c.syscall('pipe2', end, 0);
      out.writeBad = yield* c.syscall('write', 1, 0x800, 4);
    });
    for (const [k, v] of Object.entries(r)) expect([k, v]).toEqual([k, -EFAULT]);
    expect(Object.keys(r).length).toBe(10);
  });
});

describe('EBADF, EINVAL, ENOSYS', () => {
  it('bad descriptors, bad flags and unknown calls', () => {
    const r = collect(function* (c, out) {
      out.readClosed = yield* c.syscall('read', 99, c.alloc(8), 8);
      out.closeNeg = yield* c.syscall('close', -1);
      out.fstatClosed = yield* c.syscall('fstat', 1000, c.alloc(144));
      out.writeToReadOnly = yield* c.syscall('write', yield* c.open('/etc/hostname'), c.cstr('x'), 1);
      const fd = yield* c.open('/etc/hostname');
      out.lseekWhence = yield* c.syscall('lseek', fd, 0, 99);
      out.pipeFlags = yield* c.syscall('pipe2', c.alloc(8), 0x1234);
      out.dup3Same = yield* c.syscall('dup3', fd, fd, 0);
      out.waitOptions = yield* c.syscall('wait4', -1, 0, 0x1000, 0);
      out.killSig = yield* c.syscall('kill', 1, 999);
      out.unknown = yield* c.syscall('tuxcall');
      out.outOfTable = yield* do_syscall_64(1000);
      out.negativeNr = yield* do_syscall_64(-1);
    });
    expect(r).toEqual({
      readClosed: -EBADF, closeNeg: -EBADF, fstatClosed: -EBADF, writeToReadOnly: -EBADF,
      lseekWhence: -EINVAL, pipeFlags: -EINVAL, dup3Same: -EINVAL, waitOptions: -EINVAL, killSig: -EINVAL,
      unknown: -ENOSYS, outOfTable: -ENOSYS, negativeNr: -ENOSYS,
    });
  });
});

describe('path errors', () => {
  it('ENOENT, ENOTDIR, EISDIR, EEXIST, ENAMETOOLONG, ELOOP', () => {
    const r = collect(function* (c, out) {
      out.enoent = yield* c.open('/no/such/file');
      out.enoentEmpty = yield* c.open('');
      out.enotdir = yield* c.open('/etc/hostname/x');
      out.enotdirFlag = yield* c.open('/etc/hostname', O_RDONLY | O_DIRECTORY);
      out.eisdir = yield* c.open('/tmp', O_WRONLY);
      out.eexist = yield* c.mkdir('/tmp');
      out.eexistExcl = yield* c.open('/etc/hostname', O_WRONLY | O_CREAT | 0o200, 0o644);
      out.nameTooLong = yield* c.open('/tmp/' + 'n'.repeat(256));
      out.pathTooLong = yield* c.open('/' + 'd/'.repeat(2100));
      yield* c.symlink('/tmp/loop-b', '/tmp/loop-a');
      yield* c.symlink('/tmp/loop-a', '/tmp/loop-b');
      out.eloop = yield* c.open('/tmp/loop-a');
      out.rmdirFile = yield* c.rmdir('/etc/hostname');
      out.unlinkDir = yield* c.unlink('/tmp');
      out.chdirFile = yield* c.chdir('/etc/hostname');
    });
    expect(r).toEqual({
      enoent: -ENOENT, enoentEmpty: -ENOENT, enotdir: -ENOTDIR, enotdirFlag: -ENOTDIR, eisdir: -EISDIR,
      eexist: -EEXIST, eexistExcl: -EEXIST, nameTooLong: -ENAMETOOLONG, pathTooLong: -ENAMETOOLONG, eloop: -ELOOP,
      rmdirFile: -ENOTDIR, unlinkDir: -EISDIR, chdirFile: -ENOTDIR,
    });
  });
});
