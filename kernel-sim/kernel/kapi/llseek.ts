// Models linux/fs/read_write.c's generic_file_llseek_size and vfs_setpos for modules: a driver's own llseek moving the C struct file's f_pos within maxsize, with eof as SEEK_END's base (drivers/char/nvram.c seeks its 114 bytes so).
import { EINVAL, ENXIO } from '../../include/uapi/asm-generic/errno.ts';
import { SEEK_CUR, SEEK_DATA, SEEK_END, SEEK_HOLE } from '../../include/uapi/stat.ts';
import { file_view } from '../../toolchain/layouts/views.generated.ts';
import { EXPORT_KAPI } from './registry.ts';

/** vfs_setpos(): a negative or too large position is -EINVAL (no FMODE_UNSIGNED_OFFSET file comes from a module). */
function vfs_setpos(file: number, offset: bigint, maxsize: bigint): bigint {
  if (offset < 0n || offset > maxsize) return BigInt(-EINVAL);
  const v = file_view(file);
  if (BigInt(v.f_pos) !== offset) {
    v.f_pos = Number(offset);
    v.f_version = 0;
  }
  return offset;
}

/** generic_file_llseek_size(file, offset, whence, maxsize, eof). */
export function generic_file_llseek_size(file: number, offset: bigint, whence: number, maxsize: bigint, eof: bigint): bigint {
  switch (whence) {
    case SEEK_END: offset += eof; break;
    case SEEK_CUR: {
      // Only a move takes f_lock in Linux; asking where we are does not.
      const pos = BigInt(file_view(file).f_pos);
      if (offset === 0n) return pos;
      return vfs_setpos(file, pos + offset, maxsize);
    }
    case SEEK_DATA: if (BigInt.asUintN(64, offset) >= BigInt.asUintN(64, eof)) return BigInt(-ENXIO); break;
    case SEEK_HOLE: if (BigInt.asUintN(64, offset) >= BigInt.asUintN(64, eof)) return BigInt(-ENXIO); offset = eof; break;
    default: break;
  }
  return vfs_setpos(file, offset, maxsize);
}

export const ksymtab = [...EXPORT_KAPI({ generic_file_llseek_size })];
