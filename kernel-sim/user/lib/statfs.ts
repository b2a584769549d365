// Models glibc's statfs(2) wrapper: struct statfs as x86_64 lays it out (eleven 64-bit words from f_type to f_flags).
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from './libc.ts';

export interface statfs_t {
  f_type: number; f_bsize: number; f_blocks: number; f_bfree: number; f_bavail: number;
  f_files: number; f_ffree: number; f_namelen: number; f_frsize: number; f_flags: number;
}

const STATFS_SIZE = 120;

export function* statfs(c: Libc, path: string): KGen<statfs_t | number> {
  return yield* c.scratch(function* () {
    const buf = c.alloc(STATFS_SIZE);
    const r = yield* c.syscall('statfs', c.cstr(path), buf);
    if (r < 0) return r;
    const dv = new DataView(c.get(buf, STATFS_SIZE).buffer);
    const u = (o: number): number => Number(dv.getBigUint64(o, true));
    return {
      f_type: u(0), f_bsize: u(8), f_blocks: u(16), f_bfree: u(24), f_bavail: u(32), f_files: u(40), f_ffree: u(48),
      f_namelen: u(64), f_frsize: u(72), f_flags: u(80),
    };
  });
}
