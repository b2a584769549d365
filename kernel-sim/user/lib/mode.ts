// Models gnulib's filemode.c (strmode: "drwxr-xr-x") and modechange.c (chmod's symbolic and octal modes).
import { S_IFMT, S_IFDIR, S_IFCHR, S_IFBLK, S_IFREG, S_IFLNK, S_IFIFO, S_IFSOCK, S_ISUID, S_ISGID, S_ISVTX } from '../../include/uapi/stat.ts';

const TYPE_CHAR: Record<number, string> = { [S_IFDIR]: 'd', [S_IFCHR]: 'c', [S_IFBLK]: 'b', [S_IFREG]: '-', [S_IFLNK]: 'l', [S_IFIFO]: 'p', [S_IFSOCK]: 's' };

/** The ten-character mode string ls -l prints. */
export function filemode(mode: number): string {
  const t = TYPE_CHAR[mode & S_IFMT] ?? '?';
  const bit = (m: number, ch: string): string => (mode & m ? ch : '-');
  const x = (m: number, special: number, on: string, off: string): string => (mode & special ? (mode & m ? on : off) : mode & m ? 'x' : '-');
  return t + bit(0o400, 'r') + bit(0o200, 'w') + x(0o100, S_ISUID, 's', 'S')
    + bit(0o40, 'r') + bit(0o20, 'w') + x(0o10, S_ISGID, 's', 'S')
    + bit(0o4, 'r') + bit(0o2, 'w') + x(0o1, S_ISVTX, 't', 'T');
}

/** The file type words stat(1) prints for %F. */
export function file_type_name(mode: number, size: number): string {
  switch (mode & S_IFMT) {
    case S_IFREG: return size === 0 ? 'regular empty file' : 'regular file';
    case S_IFDIR: return 'directory';
    case S_IFCHR: return 'character special file';
    case S_IFBLK: return 'block special file';
    case S_IFLNK: return 'symbolic link';
    case S_IFIFO: return 'fifo';
    case S_IFSOCK: return 'socket';
    default: return 'weird file';
  }
}

/**
 * Applies a chmod mode (octal, or symbolic like "u+x,go-w", "a=r", "+t") to
 * `old`; returns the new permission bits, or null when the mode is invalid.
 */
export function mode_change(spec: string, old: number, is_dir: boolean, umask = 0o022): number | null {
  if (/^[0-7]+$/.test(spec)) {
    if (spec.length > 4 && !/^0+[0-7]{1,4}$/.test(spec)) return null;
    const v = parseInt(spec, 8);
    if (v > 0o7777) return null;
    // Five or more digits, or a directory with fewer than 5: coreutils keeps set-id bits on directories unless given.
    if (is_dir && spec.length < 5) return (v & 0o7777) | (old & (S_ISUID | S_ISGID) & ~v & (spec.length <= 3 ? 0o7777 : 0));
    return v & 0o7777;
  }
  let mode = old & 0o7777;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!m) return null;
    let who = 0;
    for (const w of m[1]) who |= w === 'u' ? 0o4700 : w === 'g' ? 0o2070 : w === 'o' ? 0o1007 : 0o7777;
    const implicit = m[1] === '';
    const ops = m[2].match(/[-+=][rwxXstugo]*/g) ?? [];
    for (const op of ops) {
      const kind = op[0];
      const perms = op.slice(1);
      let bits = 0;
      if (/^[ugo]$/.test(perms)) {
        const src = perms === 'u' ? (mode >> 6) & 7 : perms === 'g' ? (mode >> 3) & 7 : mode & 7;
        bits = (src << 6) | (src << 3) | src;
      } else {
        for (const p of perms) {
          if (p === 'r') bits |= 0o444;
          else if (p === 'w') bits |= 0o222;
          else if (p === 'x') bits |= 0o111;
          else if (p === 'X') { if (is_dir || (old & 0o111)) bits |= 0o111; }
          else if (p === 's') bits |= S_ISUID | S_ISGID;
          else if (p === 't') bits |= S_ISVTX;
        }
      }
      const mask = implicit ? 0o7777 & ~(umask & 0o777) : who;
      const eff = bits & (implicit ? (mask | S_ISUID | S_ISGID | S_ISVTX) : who);
      if (kind === '+') mode |= eff;
      else if (kind === '-') mode &= ~eff;
      else {
        const clear = implicit ? 0o7777 : who;
        mode = (mode & ~(clear & ~(is_dir ? S_ISUID | S_ISGID : 0))) | eff;
      }
    }
  }
  return mode;
}
