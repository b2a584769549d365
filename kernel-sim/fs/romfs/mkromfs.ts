// Models genromfs(8): writes a romfs image (Documentation/filesystems/romfs.rst) from a list of files, directories, symlinks and device nodes.
import type { initramfs_entry } from '../../init/initramfs.ts';
import { S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_IFBLK, S_IFCHR, S_IFSOCK, S_IFIFO } from '../../include/uapi/stat.ts';
import { MAJOR, MINOR } from '../../include/linux/fs_types.ts';
import {
  ROMBSIZE, ROMFH_SIZE, ROMFH_PAD, ROMFH_MASK, ROMFH_EXEC, ROMFH_HRD, ROMFH_DIR, ROMFH_REG, ROMFH_SYM, ROMFH_BLK, ROMFH_CHR, ROMFH_SCK, ROMFH_FIF,
  romfs_dentry_size, romfs_checksum,
} from './romfs_fs.ts';

interface node { name: string; type: number; exec: boolean; spec: number; data: Uint8Array; children: node[]; parent: node | null; off: number; list_off: number }

const TYPE_OF: Record<number, number> = { [S_IFDIR]: ROMFH_DIR, [S_IFREG]: ROMFH_REG, [S_IFLNK]: ROMFH_SYM, [S_IFBLK]: ROMFH_BLK, [S_IFCHR]: ROMFH_CHR, [S_IFSOCK]: ROMFH_SCK, [S_IFIFO]: ROMFH_FIF };
const enc = new TextEncoder();
const pad16 = (n: number): number => (n + ROMFH_PAD) & ROMFH_MASK;

function mknode(name: string, type: number, parent: node | null): node {
  return { name, type, exec: type === ROMFH_DIR, spec: 0, data: new Uint8Array(0), children: [], parent, off: 0, list_off: 0 };
}

/** Builds the tree; later entries for a path replace earlier ones, missing parents become directories. */
function build_tree(entries: readonly initramfs_entry[]): node {
  const root = mknode('', ROMFH_DIR, null);
  for (const e of entries) {
    const parts = e.path.split('/').filter(Boolean);
    if (!parts.length) continue;
    let dir = root;
    for (const p of parts.slice(0, -1)) {
      let c = dir.children.find((x) => x.name === p);
      if (!c) { c = mknode(p, ROMFH_DIR, dir); dir.children.push(c); }
      dir = c;
    }
    const name = parts[parts.length - 1];
    const type = TYPE_OF[e.mode & S_IFMT];
    if (type === undefined) continue;
    let n = dir.children.find((x) => x.name === name);
    if (!n) { n = mknode(name, type, dir); dir.children.push(n); }
    n.type = type;
    n.exec = type === ROMFH_DIR || (type === ROMFH_REG && (e.mode & 0o111) !== 0);
    if (type === ROMFH_REG) n.data = e.data ?? new Uint8Array(0);
    if (type === ROMFH_SYM) n.data = enc.encode(e.link ?? '');
    if (type === ROMFH_BLK || type === ROMFH_CHR) n.spec = ((MAJOR(e.rdev ?? 0) & 0xffff) << 16 | (MINOR(e.rdev ?? 0) & 0xffff)) >>> 0;
  }
  return root;
}

interface slot { name: string; node: node | null; hard_to: () => number; type: number; exec: boolean; spec: () => number; data: Uint8Array }

/** A directory's list: ".", "..", then its children (as genromfs writes them). */
function dir_slots(d: node): slot[] {
  const self: slot = d.parent
    ? { name: '.', node: null, hard_to: () => d.off, type: ROMFH_HRD, exec: false, spec: () => d.off, data: new Uint8Array(0) }
    : { name: '.', node: d, hard_to: () => 0, type: ROMFH_DIR, exec: true, spec: () => d.list_off, data: new Uint8Array(0) };
  const up = d.parent ?? d;
  const dotdot: slot = { name: '..', node: null, hard_to: () => 0, type: ROMFH_HRD, exec: false, spec: () => up.off, data: new Uint8Array(0) };
  const kids = d.children.map((c): slot => ({ name: c.name, node: c, hard_to: () => 0, type: c.type, exec: c.exec, spec: () => (c.type === ROMFH_DIR ? c.list_off : c.spec), data: c.data }));
  return [self, dotdot, ...kids];
}

/** mkromfs: the image bytes, padded to 1 KiB, with valid superblock and header checksums. */
export function mkromfs(entries: readonly initramfs_entry[], volume = 'rom 00000000'): Uint8Array {
  const root = build_tree(entries);
  const vname = enc.encode(volume);
  let pos = romfs_dentry_size(vname.length);
  // Pass 1: offsets. Each directory's list is contiguous; subdirectories' lists follow.
  const lists: [node, slot[], number[]][] = [];
  const layout = (d: node): void => {
    const slots = dir_slots(d);
    d.list_off = pos;
    const offs: number[] = [];
    for (const s of slots) {
      offs.push(pos);
      if (s.node) s.node.off = pos;
      pos += romfs_dentry_size(enc.encode(s.name).length) + pad16(s.data.length);
    }
    lists.push([d, slots, offs]);
    for (const c of d.children) if (c.type === ROMFH_DIR) layout(c);
  };
  layout(root);
  const size = Math.ceil(pos / ROMBSIZE) * ROMBSIZE;
  const img = new Uint8Array(size);
  const dv = new DataView(img.buffer);
  // Pass 2: headers, names, data.
  for (const [, slots, offs] of lists) {
    slots.forEach((s, i) => {
      const o = offs[i];
      const next = i + 1 < slots.length ? offs[i + 1] : 0;
      const name = enc.encode(s.name);
      dv.setUint32(o, (next | (s.exec ? ROMFH_EXEC : 0) | s.type) >>> 0, false);
      dv.setUint32(o + 4, s.spec() >>> 0, false);
      dv.setUint32(o + 8, s.type === ROMFH_REG || s.type === ROMFH_SYM ? s.data.length : 0, false);
      img.set(name, o + ROMFH_SIZE);
      const meta = romfs_dentry_size(name.length);
      dv.setUint32(o + 12, (-romfs_checksum(img, o, meta)) >>> 0, false);
      img.set(s.data, o + meta);
    });
  }
  img.set(enc.encode('-rom1fs-'), 0);
  dv.setUint32(8, size, false);
  img.set(vname, 16);
  dv.setUint32(12, (-romfs_checksum(img, 0, Math.min(512, size))) >>> 0, false);
  return img;
}
