// Models linux/include/uapi/linux/romfs_fs.h and Documentation/filesystems/romfs.rst: the on-disk layout of romfs.
export const ROMSB_WORD0 = 0x2d726f6d; // "-rom"
export const ROMSB_WORD1 = 0x3166732d; // "1fs-"
export const ROMFS_MAGIC = 0x7275;
export const ROMBSIZE = 1024;
export const ROMFH_SIZE = 16;
export const ROMFH_PAD = ROMFH_SIZE - 1;
export const ROMFH_MASK = ~ROMFH_PAD;
export const ROMFH_TYPE = 7, ROMFH_EXEC = 8;
export const ROMFH_HRD = 0, ROMFH_DIR = 1, ROMFH_REG = 2, ROMFH_SYM = 3, ROMFH_BLK = 4, ROMFH_CHR = 5, ROMFH_SCK = 6, ROMFH_FIF = 7;
/** Bytes of metadata the checksums cover at most. */
export const ROMFS_MAXFN = 128;

/** Header + NUL-terminated name, padded to 16 bytes. */
export const romfs_dentry_size = (name_len: number): number => ROMFH_SIZE + ((name_len + 1 + ROMFH_PAD) & ROMFH_MASK);

/** Sum of big-endian 32-bit words of a 16-byte-aligned range (romfs_checksum). */
export function romfs_checksum(b: Uint8Array, off: number, len: number): number {
  const dv = new DataView(b.buffer, b.byteOffset);
  let sum = 0;
  for (let i = 0; i + 4 <= len; i += 4) sum = (sum + dv.getUint32(off + i, false)) >>> 0;
  return sum;
}
