// Models linux/fs/libfs.c: helpers filesystems share (dcache_readdir, simple_read_from_buffer, generic llseek, simple directories).
import type { dir_context, file, file_operations, inode, inode_operations, loff_t, dentry } from '../include/linux/fs_types.ts';
import type { KGen } from '../include/linux/sched.ts';
import { EFAULT, EINVAL, ENOENT } from '../include/uapi/asm-generic/errno.ts';
import { DT_DIR, SEEK_CUR, SEEK_END, SEEK_SET, dt_type } from '../include/uapi/stat.ts';
import { copy_to_user } from '../mm/uaccess.ts';

/** Reads from a kernel buffer at *ppos into user memory (simple_read_from_buffer). */
export function simple_read_from_buffer(to: number, count: number, ppos: loff_t, from: Uint8Array): number {
  const pos = ppos.pos;
  if (pos < 0) return -EINVAL;
  if (pos >= from.length || count === 0) return 0;
  const n = Math.min(count, from.length - pos);
  if (copy_to_user(to, from.subarray(pos, pos + n))) return -EFAULT;
  ppos.pos = pos + n;
  return n;
}

/** Seek within a file of known size (generic_file_llseek / fixed_size_llseek). */
export function generic_file_llseek_size(file: file, offset: number, whence: number, size: number): number {
  let pos: number;
  switch (whence) {
    case SEEK_SET: pos = offset; break;
    case SEEK_CUR: pos = file.f_pos + offset; break;
    case SEEK_END: pos = size + offset; break;
    case 3: if (offset >= size) return -6; pos = offset; break; // SEEK_DATA, -ENXIO past the end
    case 4: if (offset >= size) return -6; pos = size; break; // SEEK_HOLE
    default: return -EINVAL;
  }
  if (pos < 0 || !Number.isSafeInteger(pos)) return -EINVAL;
  file.f_pos = pos;
  return pos;
}

export function* generic_file_llseek(file: file, offset: number, whence: number): KGen<number> {
  return generic_file_llseek_size(file, offset, whence, file.f_inode.i_size);
}

export function* noop_llseek(file: file): KGen<number> { return file.f_pos; }

/** "." and ".." then the cached children, in creation order (dcache_readdir). */
export function* dcache_readdir(file: file, ctx: dir_context): KGen<number> {
  const d = file.f_path.dentry;
  const entries: [string, number, number][] = [
    ['.', d.d_inode!.i_ino, DT_DIR],
    ['..', d.d_parent.d_inode!.i_ino, DT_DIR],
  ];
  for (const c of d.d_subdirs.values()) if (c.d_inode && !c.d_unhashed) entries.push([c.d_name, c.d_inode.i_ino, dt_type(c.d_inode.i_mode)]);
  emit_dir_entries(ctx, entries);
  return 0;
}

/** Feeds entries from ctx.pos on; ctx.pos advances past each one the actor accepts. */
export function emit_dir_entries(ctx: dir_context, entries: [string, number, number][]): void {
  while (ctx.pos < entries.length) {
    const [name, ino, type] = entries[ctx.pos];
    if (!ctx.actor(name, ino, type)) return;
    ctx.pos++;
  }
}

export const simple_dir_operations: file_operations = {
  llseek: function* (file, offset, whence) { return generic_file_llseek_size(file, offset, whence, Number.MAX_SAFE_INTEGER); },
  iterate_shared: dcache_readdir,
};

/** Directories whose entries live only in the dcache: a miss is a miss (simple_lookup). */
export const simple_dir_inode_operations: inode_operations = {
  lookup: () => null,
};

export function simple_positive(d: dentry): boolean {
  return d.d_inode !== null && !d.d_unhashed;
}

/** A read-only file whose contents come from a function each time it is opened. */
export function simple_show_fops(show: (inode: inode, file: file) => string | Uint8Array): file_operations {
  const enc = new TextEncoder();
  return {
    open: function* (inode, file) {
      const v = show(inode, file);
      file.private_data = typeof v === 'string' ? enc.encode(v) : v;
      return 0;
    },
    read: function* (file, buf, count, ppos) {
      return simple_read_from_buffer(buf, count, ppos, file.private_data as Uint8Array);
    },
    llseek: function* (file, offset, whence) {
      return generic_file_llseek_size(file, offset, whence, (file.private_data as Uint8Array).length);
    },
  };
}

export { ENOENT };
