// The device-tree API for C modules (drivers/of/base.c, property.c, device.c; drivers/base/property.c): struct device_node and struct property handles over the live tree, property reads, node lookups, OF matching and device_property_* over a device's node.
//
// A node handed to C is a struct device_node (resources/include/linux/of.h) whose name, phandle, full_name and
// parent are filled; a property is a struct property whose value is a kernel copy of the bytes, so pointers into it
// (of_get_property, of_property_read_string) stay valid for the boot.
import type { device, device_node, of_device_id, property } from '../../drivers/base/base.ts';
import {
  __of_find_property, be32, of_alias_get_id, of_device_is_available, of_device_is_compatible, of_find_compatible_node, of_find_node_by_name,
  of_find_node_by_path, of_find_node_by_type, of_find_node_by_phandle, of_get_compatible_child, of_node_name_eq, of_get_child_by_name, of_get_next_available_child, of_get_next_child, of_get_parent, of_match_node, of_node_full_path,
  of_node_get, of_node_put,
} from '../../drivers/of/base.ts';
import { of_modalias } from '../../drivers/of/device.ts';
import { EILSEQ, EINVAL, ENODATA, ENODEV, EOVERFLOW } from '../../include/uapi/asm-generic/errno.ts';
import { kbytes, kread_cstr, kread_u32, kwrite_cstr, kwrite_u16, kwrite_u32, kwrite_u64, kwrite_u8 } from '../../mm/kmem.ts';
import { kmalloc, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { offsetOf, sizeOf } from '../../toolchain/layouts/access.ts';
import { pr_err } from '../printk/printk.ts';
import { defineState } from '../state.ts';
import { c_device } from './device.ts';
import { EXPORT_KAPI } from './registry.ts';

/** struct device_node and struct property as resources/include/linux/of.h lays them out (ILP32). */
const DN = { name: 0, phandle: 4, full_name: 8, parent: 24, size: 48 } as const;
const PROP = { name: 0, length: 4, value: 8, size: 16 } as const;

interface OfKapiState {
  nodes: Map<number, device_node>;
  node_handles: WeakMap<device_node, number>;
  props: WeakMap<property, number>;
  strings: Map<string, number>;
}
const st = defineState<OfKapiState>('kapi-of', () => ({ nodes: new Map(), node_handles: new WeakMap(), props: new WeakMap(), strings: new Map() }));

/** One kernel copy of a string (node names), shared by every node that has it. */
function kstring(s: string): number {
  const m = st().strings;
  let a = m.get(s);
  if (a === undefined) {
    a = kmalloc(new TextEncoder().encode(s).length + 1, 0);
    disown(a);
    kwrite_cstr(a, s);
    m.set(s, a);
  }
  return a;
}

/** The struct device_node * of a node (0 for none), made on first use. */
export function c_of_node(np: device_node | null): number {
  if (!np) return 0;
  const s = st();
  let a = s.node_handles.get(np);
  if (a !== undefined) return a;
  a = kmalloc(DN.size, __GFP_ZERO);
  disown(a);
  s.nodes.set(a, np);
  s.node_handles.set(np, a);
  kwrite_u32(a + DN.name, kstring(np.name));
  kwrite_u32(a + DN.phandle, np.phandle);
  kwrite_u32(a + DN.full_name, kstring(np.full_name));
  kwrite_u32(a + DN.parent, c_of_node(np.parent));
  return a;
}

/** The node behind a struct device_node * (null for 0 or a pointer that is no node). */
export function ts_of_node(a: number): device_node | null {
  return st().nodes.get(a) ?? null;
}

/** The struct property * of a property: its name and a kernel copy of its value. */
function c_property(pp: property): number {
  const s = st();
  let a = s.props.get(pp);
  if (a !== undefined) return a;
  a = kmalloc(PROP.size, __GFP_ZERO);
  disown(a);
  const v = kmalloc(Math.max(pp.length, 1), __GFP_ZERO);
  disown(v);
  kbytes().set(pp.value, v);
  kwrite_u32(a + PROP.name, kstring(pp.name));
  kwrite_u32(a + PROP.length, pp.length);
  kwrite_u32(a + PROP.value, v);
  s.props.set(pp, a);
  return a;
}

const prop_value_addr = (pp: property): number => kread_u32(c_property(pp) + PROP.value);
const find = (np: number, name: number): property | null => __of_find_property(ts_of_node(np), kread_cstr(name, 256));

/** of_find_property_value_of_size(): the property if its length is within [min, max] bytes (max 0: no upper bound). */
function value_of_size(pp: property | null, min: number, max: number): property | number {
  if (!pp) return -EINVAL;
  if (pp.length < min) return -EOVERFLOW;
  if (max && pp.length > max) return -EOVERFLOW;
  return pp;
}

/** of_property_read_variable_uN_array(): big-endian elements of `bytes` each into out; the count read, or 0 with no upper bound. */
function read_array(pp: property | null, bytes: 1 | 2 | 4 | 8, out: number, sz_min: number, sz_max: number): number {
  const v = value_of_size(pp, sz_min * bytes, sz_max * bytes);
  if (typeof v === 'number') return v;
  const n = sz_max ? Math.floor(v.length / bytes) : sz_min;
  for (let i = 0; i < n; i++) {
    let x = 0n;
    for (let b = 0; b < bytes; b++) x = (x << 8n) | BigInt(v.value[i * bytes + b]!);
    if (bytes === 1) kwrite_u8(out + i, Number(x));
    else if (bytes === 2) kwrite_u16(out + 2 * i, Number(x));
    else if (bytes === 4) kwrite_u32(out + 4 * i, Number(x));
    else kwrite_u64(out + 8 * i, x);
  }
  return sz_max ? n : 0;
}

/** The NUL-terminated strings of a value as byte offsets; -EILSEQ where the last one lacks its NUL. */
function string_offsets(pp: property): number[] | number {
  const out: number[] = [];
  for (let p = 0; p < pp.length;) {
    let l = 0;
    while (p + l < pp.length && pp.value[p + l] !== 0) l++;
    if (p + l >= pp.length) return -EILSEQ;
    out.push(p);
    p += l + 1;
  }
  return out;
}

const cstr_at = (pp: property, off: number): string => {
  let e = off;
  while (e < pp.length && pp.value[e] !== 0) e++;
  return new TextDecoder().decode(pp.value.subarray(off, e));
};

/** of_property_read_string_helper(): pointers to strings skip..skip+sz-1 into out_strs, or their count without out_strs. */
export function of_property_read_string_helper(pp: property | null, out_strs: number, sz: number, skip: number): number {
  if (!pp) return -EINVAL;
  const offs = string_offsets(pp);
  if (typeof offs === 'number') return offs;
  const limit = out_strs ? Math.min(offs.length, skip + sz) : offs.length;
  for (let i = skip; out_strs && i < limit; i++) kwrite_u32(out_strs + 4 * (i - skip), prop_value_addr(pp) + offs[i]!);
  const n = limit - skip;
  return n <= 0 ? -ENODATA : n;
}

export function of_property_match_string(pp: property | null, s: string): number {
  if (!pp) return -EINVAL;
  const offs = string_offsets(pp);
  if (typeof offs === 'number') return offs;
  const i = offs.findIndex((o) => cstr_at(pp, o) === s);
  return i < 0 ? -ENODATA : i;
}

/** An of_device_id table in C, with each entry's address. */
export function c_of_table(a: number): { id: of_device_id; addr: number }[] {
  const out: { id: of_device_id; addr: number }[] = [];
  for (let p = a; a && out.length < 256; p += sizeOf('of_device_id')) {
    const name = kread_cstr(p + offsetOf('of_device_id', 'name'), 32);
    const type = kread_cstr(p + offsetOf('of_device_id', 'type'), 32);
    const compatible = kread_cstr(p + offsetOf('of_device_id', 'compatible'), 128);
    if (!name && !type && !compatible) break;
    out.push({ id: { ...(name ? { name } : {}), ...(type ? { type } : {}), ...(compatible ? { compatible } : {}), data: kread_u32(p + offsetOf('of_device_id', 'data')) }, addr: p });
  }
  return out;
}

function c_match_node(matches: number, np: device_node | null): number {
  const table = c_of_table(matches);
  const best = of_match_node(table.map((t) => t.id), np);
  return table.find((t) => t.id === best)?.addr ?? 0;
}

/** The node of a struct device * (dev->of_node as the driver core sees it). */
const dev_node = (dev: number): device_node | null => (c_device(dev) as device | null)?.of_node ?? null;

/** of_device_get_match_data(): the .data of the bound driver's best entry, read from the driver's own C table. */
function match_data(dev: number): number {
  const d = c_device(dev) as device | null;
  if (!d?.driver || !d.of_node) return 0;
  const best = of_match_node(d.driver.of_match_table, d.of_node);
  return typeof best?.data === 'number' ? best.data : 0;
}

function count_elems(np: number, name: number, elem_size: number): number {
  const pp = find(np, name);
  if (!pp) return -EINVAL;
  if (elem_size <= 0 || pp.length % elem_size) {
    pr_err(`size of ${kread_cstr(name, 256)} in node ${of_node_full_path(ts_of_node(np)!)} is not a multiple of ${elem_size}`);
    return -EINVAL;
  }
  return pp.length / elem_size;
}

/** Node lookups hand C a counted reference, as Linux does; the handle is the same for every lookup of a node. */
const ret_node = (np: device_node | null): number => c_of_node(np);

export const ksymtab = EXPORT_KAPI({
  of_find_property: (np: number, name: number, lenp: number) => {
    const pp = find(np, name);
    if (lenp) kwrite_u32(lenp, pp ? pp.length : 0);
    return pp ? c_property(pp) : 0;
  },
  of_get_property: (np: number, name: number, lenp: number) => {
    const pp = find(np, name);
    if (pp && lenp) kwrite_u32(lenp, pp.length);
    return pp ? prop_value_addr(pp) : 0;
  },
  of_property_count_elems_of_size: count_elems,
  of_property_read_variable_u8_array: (np: number, name: number, out: number, min: number, max: number) => read_array(find(np, name), 1, out, min, max),
  of_property_read_variable_u16_array: (np: number, name: number, out: number, min: number, max: number) => read_array(find(np, name), 2, out, min, max),
  of_property_read_variable_u32_array: (np: number, name: number, out: number, min: number, max: number) => read_array(find(np, name), 4, out, min, max),
  of_property_read_variable_u64_array: (np: number, name: number, out: number, min: number, max: number) => read_array(find(np, name), 8, out, min, max),
  of_property_read_u64: (np: number, name: number, out: number) => read_array(find(np, name), 8, out, 1, 0),
  of_property_read_u32_index: (np: number, name: number, index: number, out: number) => {
    const v = value_of_size(find(np, name), (index + 1) * 4, 0);
    if (typeof v === 'number') return v;
    kwrite_u32(out, be32(v.value, index * 4));
    return 0;
  },
  of_property_read_u64_index: (np: number, name: number, index: number, out: number) => {
    const v = value_of_size(find(np, name), (index + 1) * 8, 0);
    if (typeof v === 'number') return v;
    kwrite_u64(out, (BigInt(be32(v.value, index * 8)) << 32n) | BigInt(be32(v.value, index * 8 + 4)));
    return 0;
  },
  of_property_read_string: (np: number, name: number, out: number) => {
    const pp = find(np, name);
    if (!pp) return -EINVAL;
    if (!pp.length) return -ENODATA;
    if (!pp.value.includes(0)) return -EILSEQ;
    kwrite_u32(out, prop_value_addr(pp));
    return 0;
  },
  of_property_match_string: (np: number, name: number, s: number) => of_property_match_string(find(np, name), kread_cstr(s, 256)),
  of_property_read_string_helper: (np: number, name: number, out: number, sz: number, skip: number) => of_property_read_string_helper(find(np, name), out, sz, skip),
  of_device_is_compatible: (np: number, compat: number) => of_device_is_compatible(ts_of_node(np), kread_cstr(compat, 128)),
  of_device_is_available: (np: number) => (of_device_is_available(ts_of_node(np)) ? 1 : 0),
  of_match_node: (matches: number, np: number) => c_match_node(matches, ts_of_node(np)),
  of_match_device: (matches: number, dev: number) => c_match_node(matches, dev_node(dev)),
  of_device_get_match_data: match_data,
  of_device_modalias: (dev: number, str: number, len: number) => {
    const np = dev_node(dev);
    if (!np) return -ENODEV;
    const s = `${of_modalias(np)}\n`;
    if (len > 0) kwrite_cstr(str, s.slice(0, len - 1));
    return s.length;
  },
  of_find_node_opts_by_path: (path: number, opts: number) => {
    const p = kread_cstr(path, 256);
    const colon = p.indexOf(':');
    if (opts) kwrite_u32(opts, colon < 0 ? 0 : path + new TextEncoder().encode(p.slice(0, colon + 1)).length);
    return ret_node(of_find_node_by_path(p));
  },
  of_find_node_by_type: (from: number, type: number) => ret_node(of_find_node_by_type(ts_of_node(from), kread_cstr(type, 64))),
  of_find_node_by_phandle: (ph: number) => ret_node(of_find_node_by_phandle(ph)),
  of_get_compatible_child: (np: number, compat: number) => ret_node(of_get_compatible_child(ts_of_node(np), kread_cstr(compat, 128))),
  of_node_name_eq: (np: number, name: number) => (of_node_name_eq(ts_of_node(np), kread_cstr(name, 256)) ? 1 : 0),
  of_find_node_by_name: (from: number, name: number) => ret_node(of_find_node_by_name(ts_of_node(from), kread_cstr(name, 256))),
  of_find_compatible_node: (from: number, type: number, compat: number) =>
    ret_node(of_find_compatible_node(ts_of_node(from), type ? kread_cstr(type, 64) : null, kread_cstr(compat, 128))),
  of_get_child_by_name: (np: number, name: number) => ret_node(of_get_child_by_name(ts_of_node(np), kread_cstr(name, 256))),
  of_get_next_child: (np: number, prev: number) => ret_node(of_get_next_child(ts_of_node(np), ts_of_node(prev))),
  of_get_next_available_child: (np: number, prev: number) => ret_node(of_get_next_available_child(ts_of_node(np), ts_of_node(prev))),
  of_get_parent: (np: number) => ret_node(of_get_parent(ts_of_node(np))),
  of_node_get: (np: number) => { of_node_get(ts_of_node(np)); return np; },
  of_node_put: (np: number) => { of_node_put(ts_of_node(np)); },
  of_alias_get_id: (np: number, stem: number) => of_alias_get_id(ts_of_node(np), kread_cstr(stem, 64)),
  // drivers/base/property.c over the device's node (the only firmware node kind here besides ACPI's).
  device_property_present: (dev: number, name: number) => (__of_find_property(dev_node(dev), kread_cstr(name, 256)) ? 1 : 0),
  device_property_read_u8_array: (dev: number, name: number, val: number, n: number) => dev_array(dev, name, 1, val, n),
  device_property_read_u16_array: (dev: number, name: number, val: number, n: number) => dev_array(dev, name, 2, val, n),
  device_property_read_u32_array: (dev: number, name: number, val: number, n: number) => dev_array(dev, name, 4, val, n),
  device_property_read_u64_array: (dev: number, name: number, val: number, n: number) => dev_array(dev, name, 8, val, n),
  device_property_read_string_array: (dev: number, name: number, val: number, n: number) => {
    const pp = __of_find_property(dev_node(dev), kread_cstr(name, 256));
    return of_property_read_string_helper(pp, val, n, 0);
  },
  device_property_read_string: (dev: number, name: number, val: number) => {
    const r = of_property_read_string_helper(__of_find_property(dev_node(dev), kread_cstr(name, 256)), val, 1, 0);
    return r < 0 ? r : 0;
  },
  device_property_match_string: (dev: number, name: number, s: number) => of_property_match_string(__of_find_property(dev_node(dev), kread_cstr(name, 256)), kread_cstr(s, 256)),
  device_get_match_data: match_data,
});

/**
 * of_fwnode_property_read_int_array(): with a buffer, exactly n elements (too few: -EOVERFLOW); without one,
 * the count. A device without a node has no properties (-EINVAL).
 */
function dev_array(dev: number, name: number, bytes: 1 | 2 | 4 | 8, val: number, n: number): number {
  const np = dev_node(dev);
  if (!np) return -EINVAL;
  const pp = __of_find_property(np, kread_cstr(name, 256));
  if (!val) {
    if (!pp) return -EINVAL;
    return pp.length % bytes ? -EINVAL : pp.length / bytes;
  }
  const r = read_array(pp, bytes, val, n, 0);
  return r < 0 ? r : 0;
}
