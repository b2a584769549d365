// Models linux/fs/ext2/ext2.h and super.c's ext2_error/ext2_msg: the in-memory superblock and inode info of a mounted ext2, and how it reports corruption.
import type { inode, super_block } from '../../include/linux/fs_types.ts';
import type { block_device } from '../../include/linux/blk_types.ts';
import type { address_space } from '../../include/linux/pagemap.ts';
import type { buffer_head } from '../buffer.ts';
import { mark_buffer_dirty } from '../buffer.ts';
import { printk, KERN_ERR } from '../../kernel/printk/printk.ts';
import { ext2_super_block, encode, EXT2_ERROR_FS, type ext2_super_block as es_t, type ext2_geometry } from './ext2_fs.ts';

export interface ext2_sb_info {
  s_bdev: block_device;
  /** The device name in messages ("ram0", "vda1"): sb->s_id. */
  s_id: string;
  /** The superblock as read, kept in step with its buffer. */
  s_es: es_t;
  s_sbh: buffer_head;
  /** Byte offset of the superblock inside s_sbh. */
  s_es_off: number;
  s_group_desc: buffer_head[];
  geo: ext2_geometry;
  /** Inodes in memory by number (the inode hash). */
  icache: Map<number, inode>;
  s_mount_state: number;
  /** Gives an inode the operations of its type (ext2_set_inode_ops); set by fill_super, which knows every table. */
  s_set_ops: (ino: inode, rdev: number) => void;
}

export interface ext2_inode_info {
  i_data: number[];
  i_flags: number;
  i_dtime: number;
  i_block_group: number;
  i_mapping: address_space;
}

export const EXT2_SB = (sb: super_block): ext2_sb_info => sb.s_fs_info as ext2_sb_info;
export const EXT2_I = (ino: inode): ext2_inode_info => ino.i_private as ext2_inode_info;

/** ext2_msg: "EXT2-fs (ram0): <message>". */
export function ext2_msg(sb_id: string, msg: string, level = KERN_ERR): void {
  printk(`${level}EXT2-fs (${sb_id}): ${msg}`);
}

/** ext2_error: reports, and marks the filesystem as having errors (errors=continue); returns nothing, the caller picks the errno. */
export function ext2_error(sb: super_block, fn: string, msg: string): void {
  const sbi = EXT2_SB(sb);
  ext2_msg(sbi.s_id, `error: ${fn}: ${msg}`);
  if (!(sb.s_flags & 1)) {
    sbi.s_mount_state |= EXT2_ERROR_FS;
    sbi.s_es.s_state |= EXT2_ERROR_FS;
    ext2_sync_super_buffer(sbi);
  }
}

/** Writes the in-memory superblock fields into its buffer (ext2_sync_super without the IO). */
export function ext2_sync_super_buffer(sbi: ext2_sb_info): void {
  encode(ext2_super_block, sbi.s_sbh.b_data, sbi.s_es, sbi.s_es_off);
  mark_buffer_dirty(sbi.s_sbh);
}

/** Seconds on disk from the VFS's nanoseconds. */
export const to_disk_time = (ns: number): number => Math.floor(ns / 1e9) >>> 0;
