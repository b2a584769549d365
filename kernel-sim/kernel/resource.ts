// Models linux/kernel/resource.c: the I/O port and memory resource trees (request_resource, insert_resource, release_resource) and /proc/ioports, /proc/iomem.
import { EBUSY, EINVAL } from '../include/uapi/asm-generic/errno.ts';
import { current } from './sched/core.ts';
import { defineState } from './state.ts';
import { pr_info } from './printk/printk.ts';
import { seq_puts, type seq_file } from '../fs/seq_file.ts';
import { proc_create_seq_data } from '../fs/proc/generic.ts';

export const IORESOURCE_IO = 0x00000100;
export const IORESOURCE_MEM = 0x00000200;
export const IORESOURCE_PREFETCH = 0x00002000, IORESOURCE_READONLY = 0x00004000;
export const IORESOURCE_SYSRAM = 0x01000000;
export const IORESOURCE_SYSTEM_RAM = IORESOURCE_MEM | IORESOURCE_SYSRAM;
export const IORESOURCE_BUSY = 0x80000000;
export const IORES_DESC_NONE = 0;

/** A range of bus addresses and who owns it (struct resource); children nest inside their parent. */
export interface resource {
  start: number;
  end: number;
  name: string;
  flags: number;
  /** IORES_DESC_* (what kind of reserved range); 0 for most. */
  desc?: number;
  parent: resource | null;
  /** Children in address order (Linux keeps them as a sibling list). */
  child: resource[];
}

export function DEFINE_RES(start: number, size: number, name: string, flags: number): resource {
  return { start, end: start + size - 1, name, flags, desc: IORES_DESC_NONE, parent: null, child: [] };
}

const resState = defineState('resource', () => ({
  ioport_resource: { start: 0, end: 0xffff, name: 'PCI IO', flags: IORESOURCE_IO, parent: null, child: [] } as resource,
  // 46-bit physical addresses on this x86-64 guest (iomem_resource.end = (1 << boot_cpu_data.x86_phys_bits) - 1).
  iomem_resource: { start: 0, end: 2 ** 46 - 1, name: 'PCI mem', flags: IORESOURCE_MEM, parent: null, child: [] } as resource,
}));

export function ioport_resource(): resource { return resState().ioport_resource; }
export function iomem_resource(): resource { return resState().iomem_resource; }

/** Inserts `n` among root's children unless it overlaps one; returns the conflicting resource (__request_resource). */
function __request_resource(root: resource, n: resource): resource | null {
  if (n.end < n.start || n.start < root.start || n.end > root.end) return root;
  let i = 0;
  for (; i < root.child.length; i++) {
    const c = root.child[i];
    if (c.start > n.end) break;
    if (c.end >= n.start) return c;
  }
  root.child.splice(i, 0, n);
  n.parent = root;
  return null;
}

/** Claims a range directly under root; -EBUSY if it overlaps a sibling (request_resource). */
export function request_resource(root: resource, n: resource): number {
  return __request_resource(root, n) ? -EBUSY : 0;
}

export function request_resource_conflict(root: resource, n: resource): resource | null {
  return __request_resource(root, n);
}

/**
 * Inserts `n` at the deepest level that contains it, adopting the resources
 * that fall inside it as its children; returns the conflict or null (__insert_resource).
 */
function __insert_resource(parent: resource, n: resource): resource | null {
  let first: resource | null;
  for (;; parent = first) {
    first = __request_resource(parent, n);
    if (!first) return null;
    if (first === parent || first === n) return first;
    if (first.start > n.start || first.end < n.end) break;
    if (first.start === n.start && first.end === n.end) break;
  }
  const i = parent.child.indexOf(first);
  let j = i;
  for (;;) {
    const next = parent.child[j];
    if (next.start < n.start || next.end > n.end) return next; // partial overlap: unfixable
    if (j + 1 >= parent.child.length || parent.child[j + 1].start > n.end) break;
    j++;
  }
  const adopted = parent.child.splice(i, j - i + 1, n);
  n.parent = parent;
  n.child = adopted;
  for (const c of adopted) c.parent = n;
  return null;
}

export function insert_resource(parent: resource, n: resource): number {
  return __insert_resource(parent, n) ? -EBUSY : 0;
}

export function insert_resource_conflict(parent: resource, n: resource): resource | null {
  return __insert_resource(parent, n);
}

/** Inserts `n`, growing it over whatever it partly overlaps until it fits (insert_resource_expand_to_fit). */
export function insert_resource_expand_to_fit(root: resource, n: resource): void {
  if (n.parent) return;
  for (;;) {
    const conflict = __insert_resource(root, n);
    if (!conflict || conflict === root) break;
    if (conflict.start < n.start) n.start = conflict.start;
    if (conflict.end > n.end) n.end = conflict.end;
    pr_info(`Expanded resource ${n.name} due to conflict with ${conflict.name}`);
  }
}

/** Gives a range back; its children move up to its parent (release_resource keeps them only via remove_resource). */
export function release_resource(old: resource): number {
  const p = old.parent;
  if (!p) return -EINVAL;
  const i = p.child.indexOf(old);
  if (i < 0) return -EINVAL;
  p.child.splice(i, 1, ...old.child);
  for (const c of old.child) c.parent = p;
  old.child = [];
  old.parent = null;
  return 0;
}

/** request_region / request_mem_region: a busy resource named for its driver, or null. */
export function __request_region(parent: resource, start: number, n: number, name: string, flags = 0): resource | null {
  const res = DEFINE_RES(start, n, name, (parent.flags & (IORESOURCE_IO | IORESOURCE_MEM)) | IORESOURCE_BUSY | flags);
  // Descend into the non-busy resource that fully contains the range, as __request_region does.
  for (;;) {
    const c = parent.child.find((x) => x.start <= res.start && x.end >= res.end);
    if (!c || c.flags & IORESOURCE_BUSY) break;
    parent = c;
  }
  return request_resource(parent, res) ? null : res;
}

export const request_region = (start: number, n: number, name: string): resource | null => __request_region(ioport_resource(), start, n, name);
export const request_mem_region = (start: number, n: number, name: string): resource | null => __request_region(iomem_resource(), start, n, name);

export function __release_region(parent: resource, start: number, n: number): void {
  const end = start + n - 1;
  const walk = (r: resource): boolean => {
    for (const c of r.child) {
      if (c.start === start && c.end === end && c.flags & IORESOURCE_BUSY) { release_resource(c); return true; }
      if (c.start <= start && c.end >= end && walk(c)) return true;
    }
    return false;
  };
  walk(parent);
}

export const release_region = (start: number, n: number): void => __release_region(ioport_resource(), start, n);
export const release_mem_region = (start: number, n: number): void => __release_region(iomem_resource(), start, n);

const MAX_IORES_LEVEL = 5;

/** The lines of /proc/ioports or /proc/iomem: "%*s%0*llx-%0*llx : %s", nested two spaces per level (r_show). */
export function resource_tree_text(root: resource): string {
  const width = root.end < 0x10000 ? 4 : 8;
  const hide = current().cred.euid !== 0; // addresses read as zero without CAP_SYS_ADMIN
  let out = '';
  const walk = (r: resource, depth: number): void => {
    for (const c of r.child) {
      const s = hide ? 0 : c.start, e = hide ? 0 : c.end;
      out += `${'  '.repeat(depth)}${s.toString(16).padStart(width, '0')}-${e.toString(16).padStart(width, '0')} : ${c.name || '<BAD>'}\n`;
      if (depth + 1 < MAX_IORES_LEVEL) walk(c, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

function r_seq(root: () => resource) {
  return {
    start: (_m: seq_file, pos: { pos: number }) => (pos.pos === 0 ? root() : null),
    next: (_m: seq_file, _v: unknown, pos: { pos: number }) => { pos.pos++; return null; },
    show: (m: seq_file, v: unknown) => { seq_puts(m, resource_tree_text(v as resource)); return 0; },
  };
}

/** ioresources_init: /proc/ioports and /proc/iomem. */
export function ioresources_init(): number {
  proc_create_seq_data('ioports', 0, null, r_seq(ioport_resource), null);
  proc_create_seq_data('iomem', 0, null, r_seq(iomem_resource), null);
  return 0;
}

// ---- Flags, helpers and printers the PCI core and drivers use (include/linux/ioport.h, lib/vsprintf.c's %pR). ----

export const IORESOURCE_BITS = 0x000000ff;
export const IORESOURCE_TYPE_BITS = 0x00001f00;
export const IORESOURCE_REG = 0x00000300;
export const IORESOURCE_IRQ = 0x00000400;
export const IORESOURCE_DMA = 0x00000800;
export const IORESOURCE_BUS = 0x00001000;
export const IORESOURCE_CACHEABLE = 0x00008000;
export const IORESOURCE_RANGELENGTH = 0x00010000;
export const IORESOURCE_SHADOWABLE = 0x00020000;
export const IORESOURCE_SIZEALIGN = 0x00040000;
export const IORESOURCE_STARTALIGN = 0x00080000;
export const IORESOURCE_MEM_64 = 0x00100000;
export const IORESOURCE_WINDOW = 0x00200000;
export const IORESOURCE_MUXED = 0x00400000;
export const IORESOURCE_EXCLUSIVE = 0x08000000;
export const IORESOURCE_DISABLED = 0x10000000;
export const IORESOURCE_UNSET = 0x20000000;
export const IORESOURCE_AUTO = 0x40000000;
/** PCI ROM control bits (IORESOURCE_BITS). */
export const IORESOURCE_ROM_ENABLE = 1 << 0;
export const IORESOURCE_ROM_SHADOW = 1 << 1;
/** PCI control bits: the resource is fixed (cannot be moved). */
export const IORESOURCE_PCI_FIXED = 1 << 4;

export function resource_size(r: resource): number { return r.end - r.start + 1; }
export function resource_type(r: resource): number { return r.flags & IORESOURCE_TYPE_BITS; }

/** resource_contains(): r1 covers all of r2 and both are the same type. */
export function resource_contains(r1: resource, r2: resource): boolean {
  if (resource_type(r1) !== resource_type(r2)) return false;
  if (r1.flags & IORESOURCE_UNSET || r2.flags & IORESOURCE_UNSET) return false;
  return r1.start <= r2.start && r1.end >= r2.end;
}

/** remove_resource(): unlinks `old`; its children move up to its parent (undoes insert_resource). */
export function remove_resource(old: resource): number {
  return release_resource(old);
}

export function request_mem_region_exclusive(start: number, n: number, name: string): resource | null {
  return __request_region(iomem_resource(), start, n, name, IORESOURCE_EXCLUSIVE);
}

/** Every resource below root, depth first (the order /proc/iomem prints), with its depth. */
export function* resource_walk(root: resource, depth = 0): Generator<[resource, number]> {
  for (const c of root.child) {
    yield [c, depth];
    yield* resource_walk(c, depth + 1);
  }
}

/** %pR: how the kernel prints a resource in messages ("[mem 0xfe000000-0xfe003fff 64bit pref]"). */
export function format_resource(r: resource): string {
  const hex = (n: number, w: number) => '0x' + n.toString(16).padStart(w, '0');
  const t = resource_type(r);
  if (t === IORESOURCE_BUS) {
    const h2 = (n: number) => n.toString(16).padStart(2, '0');
    return r.start === r.end ? `[bus ${h2(r.start)}]` : `[bus ${h2(r.start)}-${h2(r.end)}]`;
  }
  const kind = t === IORESOURCE_IO ? 'io ' : t === IORESOURCE_MEM ? 'mem' : t === IORESOURCE_IRQ ? 'irq' : '???';
  const w = t === IORESOURCE_IO ? 4 : 8;
  let s = `[${kind} `;
  if (r.flags & IORESOURCE_UNSET) s += `size ${hex(resource_size(r), 0)}`;
  else s += `${hex(r.start, w)}-${hex(r.end, w)}`;
  if (r.flags & IORESOURCE_MEM_64) s += ' 64bit';
  if (r.flags & IORESOURCE_PREFETCH) s += ' pref';
  if (r.flags & IORESOURCE_WINDOW) s += ' window';
  if (r.flags & IORESOURCE_DISABLED) s += ' disabled';
  return s + ']';
}
