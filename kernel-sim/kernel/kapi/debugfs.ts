// Models linux/fs/debugfs/file.c and inode.c for modules: debugfs_create_* over C values and file_operations, debugfs_remove.
//
// A C `struct dentry *` from these calls is a small handle the kernel maps to the debugfs node; value files read
// and write the module's variable through its address on every access, as DEFINE_DEBUGFS_ATTRIBUTE's get/set do.
import { ENOENT, EINVAL, EFAULT } from '../../include/uapi/asm-generic/errno.ts';
import { kread_cstr, kread_u8, kread_u16, kread_u32, kread_i32, kread_i64, kread_u64, kwrite_u8, kwrite_u16, kwrite_u32, kwrite_u64, kread_bytes } from '../../mm/kmem.ts';
import { kmalloc, kfree, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { defineState } from '../state.ts';
import { kernfs_path, type kernfs_node, type kernfs_ops } from '../../fs/sysfs/kernfs.ts';
import {
  debugfs_create_dir, debugfs_create_file, debugfs_create_file_fops, debugfs_create_symlink, debugfs_lookup, debugfs_remove, debugfs_initialized,
} from '../../fs/debugfs/inode.ts';
import { c_file_operations } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import { parse_integer } from './scanf.ts';
import { EXPORT_KAPI } from './registry.ts';
import { file_view } from '../../toolchain/layouts/views.generated.ts';
import { copy_to_user, copy_from_user } from '../../mm/uaccess.ts';

interface handles { by_addr: Map<number, kernfs_node>; by_node: Map<kernfs_node, number> }
const dfs = defineState<handles>('kapi-debugfs', () => ({ by_addr: new Map(), by_node: new Map() }));

const ERR_PTR = (e: number): number => e >>> 0;
const IS_ERR = (a: number): boolean => a >>> 0 >= 0xfffff001;

/** The C handle for a node (made once); an errno becomes ERR_PTR as Linux's debugfs returns. */
function handle(kn: kernfs_node | number): number {
  if (typeof kn === 'number') return ERR_PTR(kn);
  const st = dfs();
  let h = st.by_node.get(kn);
  if (h === undefined) {
    h = kmalloc(16, __GFP_ZERO);
    disown(h);
    st.by_node.set(kn, h);
    st.by_addr.set(h, kn);
    const mod = calling_module();
    if (mod) track_resource('debugfs entry', `/sys/kernel/debug${kernfs_path(kn)}`, () => { debugfs_remove(kn); }, mod);
  }
  return h;
}

/** The parent a C call names: NULL is debugfs's root; an ERR_PTR or unknown handle fails the call. */
function parent_of(p: number): kernfs_node | null | undefined {
  if (!p) return null;
  if (IS_ERR(p)) return undefined;
  return dfs().by_addr.get(p);
}

function remove(h: number): void {
  const st = dfs();
  const kn = st.by_addr.get(h);
  if (!kn) return;
  const path = `/sys/kernel/debug${kernfs_path(kn)}`;
  for (const [node, a] of [...st.by_node]) {
    const p = `/sys/kernel/debug${kernfs_path(node)}`;
    if (p === path || p.startsWith(`${path}/`)) { st.by_node.delete(node); st.by_addr.delete(a); kfree(a); }
  }
  const under = (r: { kind: string; name: string }): boolean => r.kind === 'debugfs entry' && (r.name === path || r.name.startsWith(`${path}/`));
  const mod = calling_module();
  while (mod?.resources.some(under)) untrack_resource(under, mod);
  debugfs_remove(kn);
}

/** A value file: get/set over the variable at `addr`, printed with Linux's format for its type (fs/debugfs/file.c). */
interface value_type { get(a: number): bigint; set(a: number, v: bigint): void; show(v: bigint): string; signed?: boolean }
const unsigned = (get: (a: number) => number | bigint, set: (a: number, v: bigint) => void, show: (v: bigint) => string): value_type =>
  ({ get: (a) => BigInt(get(a)), set, show });
const dec = (v: bigint): string => `${v}\n`;
const hex = (digits: number) => (v: bigint): string => `0x${v.toString(16).padStart(digits, '0')}\n`;
const w8 = (a: number, v: bigint): void => kwrite_u8(a, Number(BigInt.asUintN(8, v)));
const w16 = (a: number, v: bigint): void => kwrite_u16(a, Number(BigInt.asUintN(16, v)));
const w32 = (a: number, v: bigint): void => kwrite_u32(a, Number(BigInt.asUintN(32, v)));
const w64 = (a: number, v: bigint): void => kwrite_u64(a, v);

const VALUE_TYPES: Record<string, value_type> = {
  u8: unsigned(kread_u8, w8, dec), u16: unsigned(kread_u16, w16, dec), u32: unsigned(kread_u32, w32, dec), u64: unsigned(kread_u64, w64, dec),
  ulong: unsigned(kread_u32, w32, dec), size_t: unsigned(kread_u32, w32, dec),
  x8: unsigned(kread_u8, w8, hex(2)), x16: unsigned(kread_u16, w16, hex(4)), x32: unsigned(kread_u32, w32, hex(8)), x64: unsigned(kread_u64, w64, hex(16)),
  atomic_t: { get: (a) => BigInt(kread_i32(a)), set: w32, show: dec, signed: true },
};

/** simple_attr_write: one integer (base 0, a trailing newline allowed), stored whole. */
function value_ops(t: value_type, addr: number): kernfs_ops {
  return {
    show: () => t.show(t.get(addr)),
    store: (_kn, data) => {
      const text = new TextDecoder().decode(data).replace(/\n$/, '').trim();
      const r = parse_integer(text, 0);
      if (!r.used || r.used !== text.length || (!t.signed && text.startsWith('-'))) return -EINVAL;
      t.set(addr, r.value);
      return data.length;
    },
  };
}

/** A bool file's text, and a write to it (kstrtobool's words); the bytes taken or -EINVAL. */
const bool_show = (addr: number): string => (kread_u8(addr) ? 'Y\n' : 'N\n');
function bool_store(addr: number, data: Uint8Array): number {
  const c = String.fromCharCode(data[0] ?? 0);
  const t = new TextDecoder().decode(data.subarray(0, 3)).toLowerCase();
  const v = 'yY1'.includes(c) || t.startsWith('on') ? 1 : 'nN0'.includes(c) || t.startsWith('of') ? 0 : -1;
  if (v < 0 || !data.length) return -EINVAL;
  kwrite_u8(addr, v);
  return data.length;
}
const bool_ops = (addr: number): kernfs_ops => ({ show: () => bool_show(addr), store: (_kn, data) => bool_store(addr, data) });

/**
 * debugfs_read_file_bool / debugfs_write_file_bool: the bool file's read and write, for a module's own
 * file_operations over the bool at file->private_data (as debugfs_create_file passes its data).
 */
function debugfs_read_file_bool(file: number, ubuf: number, count: number, ppos: number): number {
  const text = new TextEncoder().encode(bool_show(file_view(file).private_data));
  const pos = Number(kread_i64(ppos));
  if (pos < 0) return -EINVAL;
  const n = Math.max(0, Math.min(count, text.length - pos));
  if (n && copy_to_user(ubuf, text.subarray(pos, pos + n))) return -EFAULT;
  kwrite_u64(ppos, BigInt(pos + n));
  return n;
}

function debugfs_write_file_bool(file: number, ubuf: number, count: number, _ppos: number): number {
  const data = copy_from_user(ubuf, Math.min(count, 31));
  if (!data) return -EFAULT;
  const r = bool_store(file_view(file).private_data, data);
  return r < 0 ? r : count;
}

/** debugfs_create_blob: the bytes blob->data..+size, read-only (the mode loses its write bits, as 6.1 does). */
const blob_ops = (blob: number): kernfs_ops => ({
  binary: true,
  get size() { return kread_u32(blob + 4); },
  read: (_kn, off, count) => {
    const size = kread_u32(blob + 4);
    if (off >= size) return new Uint8Array(0);
    return kread_bytes(kread_u32(blob) + off, Math.min(count, size - off));
  },
});

function create(name: number, mode: number, parent: number, ops: kernfs_ops): number {
  const p = parent_of(parent);
  if (p === undefined) return ERR_PTR(-ENOENT);
  return handle(debugfs_create_file(kread_cstr(name, 256), mode & 0o7777, p, ops));
}

function create_value(type: string) {
  return (name: number, mode: number, parent: number, value: number): void => { create(name, mode, parent, value_ops(VALUE_TYPES[type]!, value)); };
}

function create_fops(name: number, mode: number, parent: number, data: number, fops: number, size = 0): number {
  const p = parent_of(parent);
  if (p === undefined) return ERR_PTR(-ENOENT);
  if (!fops) return create(name, mode, parent, {});
  const fo = c_file_operations(fops, { owner: calling_module(), i_private: data });
  return handle(debugfs_create_file_fops(kread_cstr(name, 256), mode & 0o7777, p, fo, size));
}

export const ksymtab = EXPORT_KAPI({
  debugfs_create_dir: (name: number, parent: number) => {
    const p = parent_of(parent);
    return p === undefined ? ERR_PTR(-ENOENT) : handle(debugfs_create_dir(kread_cstr(name, 256), p));
  },
  debugfs_create_file: create_fops,
  debugfs_create_file_unsafe: create_fops,
  debugfs_create_file_size: (name: number, mode: number, parent: number, data: number, fops: number, size: bigint) => { create_fops(name, mode, parent, data, fops, Number(size)); },
  debugfs_create_symlink: (name: number, parent: number, dest: number) => {
    const p = parent_of(parent);
    if (p === undefined) return ERR_PTR(-ENOENT);
    const target = debugfs_lookup(kread_cstr(dest, 256), p);
    return target ? handle(debugfs_create_symlink(kread_cstr(name, 256), p, target)) : ERR_PTR(-ENOENT);
  },
  debugfs_lookup: (name: number, parent: number) => {
    const p = parent_of(parent);
    const kn = p === undefined ? null : debugfs_lookup(kread_cstr(name, 256), p);
    return kn ? handle(kn) : 0;
  },
  debugfs_remove: remove,
  debugfs_remove_recursive: remove,
  debugfs_lookup_and_remove: (name: number, parent: number) => {
    const p = parent_of(parent);
    const kn = p === undefined ? null : debugfs_lookup(kread_cstr(name, 256), p);
    if (kn) remove(handle(kn));
  },
  ...Object.fromEntries(Object.keys(VALUE_TYPES).map((t) => [`debugfs_create_${t}`, create_value(t)])),
  debugfs_create_bool: (name: number, mode: number, parent: number, value: number) => { create(name, mode, parent, bool_ops(value)); },
  debugfs_create_blob: (name: number, mode: number, parent: number, blob: number) => create(name, mode & 0o444, parent, blob_ops(blob)),
  debugfs_initialized: () => (debugfs_initialized() ? 1 : 0),
  debugfs_read_file_bool, debugfs_write_file_bool,
});
