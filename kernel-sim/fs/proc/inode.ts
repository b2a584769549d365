// Models linux/fs/proc/inode.c: proc inodes for proc_dir_entries, and the file operations that forward to proc_ops (proc_reg_*).
import type { file, file_operations, inode, super_block } from '../../include/linux/fs_types.ts';
import { EIO, ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { S_IFMT, S_IFDIR, S_IFLNK } from '../../include/uapi/stat.ts';
import { new_inode } from '../inode.ts';
import { seq_open, seq_read, seq_lseek, seq_release, single_open, type seq_file } from '../seq_file.ts';
import { noop_llseek } from '../libfs.ts';
import { procState, PDE, type proc_dir_entry, type proc_inode_info } from './internal.ts';

/** Runs a proc_ops call unless the entry was removed meanwhile (use_pde / unuse_pde). */
function guard(de: proc_dir_entry): boolean { return !de.removed; }

/** Builds the file_operations an opened /proc file uses, from its entry's proc_ops or seq ops. */
function proc_reg_fops(de: proc_dir_entry): file_operations {
  const ops = de.proc_ops;
  if (de.single_show || de.seq_ops || (ops && !ops.proc_read && !ops.proc_write)) {
    return {
      read: function* (f, b, c, p) { return guard(de) ? yield* (ops?.proc_read ?? seq_read)(f, b, c, p) : -EIO; },
      ...(ops?.proc_write ? { write: function* (f: file, b: number, c: number, p: { pos: number }) { return guard(de) ? yield* ops.proc_write!(f, b, c, p) : -EIO; } } : {}),
      llseek: ops?.proc_lseek ?? seq_lseek,
      release: ops?.proc_release ?? seq_release,
      ...(ops?.proc_poll ? { poll: ops.proc_poll } : {}),
    };
  }
  const fops: file_operations = { llseek: ops?.proc_lseek ?? noop_llseek };
  if (ops?.proc_read) fops.read = function* (f, b, c, p) { return guard(de) ? yield* ops.proc_read!(f, b, c, p) : -EIO; };
  if (ops?.proc_write) fops.write = function* (f, b, c, p) { return guard(de) ? yield* ops.proc_write!(f, b, c, p) : -EIO; };
  if (ops?.proc_release) fops.release = ops.proc_release;
  if (ops?.proc_poll) fops.poll = ops.proc_poll;
  if (ops?.proc_ioctl) fops.unlocked_ioctl = ops.proc_ioctl;
  return fops;
}

/** Opening a regular /proc file (proc_reg_open): single/seq files get their seq_file here. */
export const proc_reg_file_ops: file_operations = {
  open: function* (inode, file) {
    const de = PDE(inode)!;
    if (de.removed) return -ENOENT;
    file.f_op = proc_reg_fops(de);
    if (de.single_show) return single_open(file, de.single_show, de.data);
    if (de.seq_ops) {
      const r = seq_open(file, de.seq_ops);
      if (r === 0) (file.private_data as seq_file).private = de.data;
      return r;
    }
    if (de.proc_ops?.proc_open) return yield* de.proc_ops.proc_open(inode, file);
    return 0;
  },
};

/** The inode of a proc_dir_entry in a proc superblock, made once and reused (proc_get_inode). */
export function proc_get_inode(sb: super_block, de: proc_dir_entry): inode {
  const s = procState();
  const cached = s.pde_inodes.get(de);
  if (cached && cached.i_sb === sb) { cached.i_nlink = de.nlink; return cached; }
  const ino = new_inode(sb, de.mode, de.low_ino);
  ino.i_uid = de.uid;
  ino.i_gid = de.gid;
  ino.i_nlink = de.nlink;
  ino.i_size = de.size;
  const info: proc_inode_info = { pde: de, task: null, entry: null, fd: -1 };
  ino.i_private = info;
  switch (de.mode & S_IFMT) {
    case S_IFDIR:
      // proc_mkdir gave the entry proc_dir_inode_operations / proc_dir_operations unless it brought its own.
      ino.i_op = de.proc_iops ?? {};
      ino.i_fop = de.proc_dir_ops ?? {};
      break;
    case S_IFLNK:
      ino.i_op = {};
      ino.i_link = de.link;
      break;
    default:
      ino.i_op = de.proc_iops ?? {};
      ino.i_fop = proc_reg_file_ops;
  }
  s.pde_inodes.set(de, ino);
  return ino;
}
