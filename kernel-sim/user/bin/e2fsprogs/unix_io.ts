// Models e2fsprogs' lib/ext2fs/unix_io.c and getsize.c: a device or image file opened for block IO through read/write/lseek, its size from BLKGETSIZE64 or st_size.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { O_RDONLY, O_RDWR, SEEK_SET, S_ISBLK } from '../../../include/uapi/stat.ts';
import { BLKGETSIZE64 } from '../../../block/fops.ts';

export interface io_channel { fd: number; size: number; name: string }

/** Opens `name`; returns the channel or -errno. */
export function* unix_open(c: Libc, name: string, write: boolean): KGen<io_channel | number> {
  const fd = yield* c.open(name, write ? O_RDWR : O_RDONLY);
  if (fd < 0) return fd;
  const st = yield* c.fstat(fd);
  if (typeof st === 'number') { yield* c.close(fd); return st; }
  let size = st.size;
  if (S_ISBLK(st.mode)) {
    const [r, out] = yield* c.ioctl(fd, BLKGETSIZE64, 0, 8);
    if (r < 0) { yield* c.close(fd); return r; }
    size = Number(new DataView(out.buffer, out.byteOffset).getBigUint64(0, true));
  }
  return { fd, size, name };
}

/** Reads `len` bytes at `off`; short reads past the end come back zero-filled; -errno on error. */
export function* io_read(c: Libc, ch: io_channel, off: number, len: number): KGen<Uint8Array | number> {
  const out = new Uint8Array(len);
  const r = yield* c.lseek(ch.fd, off, SEEK_SET);
  if (r < 0) return r;
  for (let got = 0; got < len;) {
    const b = yield* c.read(ch.fd, len - got);
    if (typeof b === 'number') return b;
    if (b.length === 0) break;
    out.set(b, got);
    got += b.length;
  }
  return out;
}

export function* io_write(c: Libc, ch: io_channel, off: number, data: Uint8Array): KGen<number> {
  const r = yield* c.lseek(ch.fd, off, SEEK_SET);
  if (r < 0) return r;
  const w = yield* c.write(ch.fd, data);
  return w < 0 ? w : 0;
}

/** The version banner every e2fsprogs tool prints (Debian 12's e2fsprogs). */
export const E2FSPROGS_VERSION = '1.47.0 (5-Feb-2023)';
