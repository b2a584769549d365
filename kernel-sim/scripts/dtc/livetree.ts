// Models dtc's livetree.c and data.c: the parsed device tree (nodes, properties, labels, phandles) with source positions.

export interface SrcPos {
  file: string;
  line: number;
  column: number;
}

export interface Diagnostic {
  severity: 'error' | 'warning';
  pos: SrcPos;
  message: string;
}

/** `file:line:column: error: message`, as dtc and compilers print it. */
export function format_diagnostic(d: Diagnostic): string {
  return `${d.pos.file}:${d.pos.line}:${d.pos.column}: ${d.severity}: ${d.message}`;
}

export type CellValue = { value: bigint; pos: SrcPos } | { ref: string; pos: SrcPos; phandle?: number };

/** One comma-separated piece of a property value (dtc's struct data with markers). */
export type DataChunk =
  | { kind: 'string'; value: string; pos: SrcPos }
  | { kind: 'cells'; bits: 8 | 16 | 32 | 64; values: CellValue[]; pos: SrcPos }
  | { kind: 'bytes'; value: Uint8Array; pos: SrcPos }
  /** `&label` or `&{/path}` outside <>: the target's full path as a string. */
  | { kind: 'path'; ref: string; pos: SrcPos; path?: string };

export interface DTProperty {
  name: string;
  chunks: DataChunk[];
  labels: string[];
  pos: SrcPos;
}

/**
 * Name indexes of props/children arrays, so a lookup per node stays O(1) with 100k siblings. Keyed by the array
 * itself and checked against its length: the tree code replaces arrays or appends, never rewrites an element.
 */
const NAME_INDEX = new WeakMap<ReadonlyArray<{ name: string }>, { length: number; map: Map<string, number> }>();

function by_name<T extends { name: string }>(list: readonly T[], name: string): T | undefined {
  if (list.length < 16) return list.find((x) => x.name === name);
  let ix = NAME_INDEX.get(list);
  if (!ix || ix.length !== list.length) {
    const map = new Map<string, number>();
    for (let i = list.length - 1; i >= 0; i--) map.set(list[i]!.name, i); // the first of duplicates wins, as find() does
    ix = { length: list.length, map };
    NAME_INDEX.set(list, ix);
  }
  const i = ix.map.get(name);
  return i === undefined ? undefined : list[i];
}

export class DTNode {
  props: DTProperty[] = [];
  children: DTNode[] = [];
  labels: string[] = [];
  parent: DTNode | null = null;
  phandle = 0;
  constructor(
    /** Full name with unit address: "edu@2,0"; "" for the root. */
    public name: string,
    public pos: SrcPos,
  ) {}

  get basename(): string {
    const i = this.name.indexOf('@');
    return i < 0 ? this.name : this.name.slice(0, i);
  }

  get unit_address(): string | null {
    const i = this.name.indexOf('@');
    return i < 0 ? null : this.name.slice(i + 1);
  }

  /** "/pcie@b0000000/edu@2,0" */
  get full_path(): string {
    if (!this.parent) return '/';
    const p = this.parent.full_path;
    return (p === '/' ? '' : p) + '/' + this.name;
  }

  get_property(name: string): DTProperty | undefined {
    return by_name(this.props, name);
  }

  get_child(name: string): DTNode | undefined {
    return by_name(this.children, name);
  }

  /** of_device_is_compatible(). */
  is_compatible(compat: string): boolean {
    const p = this.get_property('compatible');
    return !!p && prop_strings(p).includes(compat);
  }

  /** of_device_is_available(): status absent, "okay" or "ok". */
  is_available(): boolean {
    const p = this.get_property('status');
    if (!p) return true;
    const s = prop_strings(p)[0];
    return s === 'okay' || s === 'ok';
  }
}

export interface DeviceTree {
  root: DTNode;
  /** label -> node */
  labels: Map<string, DTNode>;
  memreserves: Array<{ address: bigint; size: bigint }>;
  plugin: boolean;
  /** Overlay fragments: top-level `&label { ... }` of a /plugin/ whose label is not in this file. */
  fragments: Array<{ target: string; node: DTNode; pos: SrcPos }>;
}

export function get_node_by_path(tree: DeviceTree, path: string): DTNode | undefined {
  if (!path.startsWith('/')) {
    // An alias or label at the start.
    const slash = path.indexOf('/');
    const head = slash < 0 ? path : path.slice(0, slash);
    const n = tree.labels.get(head);
    if (!n) return undefined;
    return slash < 0 ? n : get_subnode(n, path.slice(slash + 1));
  }
  return get_subnode(tree.root, path.slice(1));
}

function get_subnode(n: DTNode, rest: string): DTNode | undefined {
  let cur: DTNode | undefined = n;
  for (const part of rest.split('/').filter(Boolean)) {
    if (!cur) return undefined;
    cur = cur.children.find((c) => c.name === part) ?? cur.children.find((c) => c.basename === part && !part.includes('@'));
  }
  return cur;
}

/** Pre-order walk with an explicit stack (a recursive generator would cost its depth at every step). */
export function* walk_nodes(n: DTNode): Generator<DTNode> {
  const stack = [n];
  for (let x = stack.pop(); x; x = stack.pop()) {
    yield x;
    for (let i = x.children.length - 1; i >= 0; i--) stack.push(x.children[i]!);
  }
}

/** Property value as the DTB would hold it (big-endian cells, NUL-terminated strings). */
export function prop_bytes(p: DTProperty): Uint8Array {
  const out: number[] = [];
  for (const c of p.chunks) {
    if (c.kind === 'string') {
      for (const b of utf8(c.value)) out.push(b);
      out.push(0);
    } else if (c.kind === 'path') {
      for (const b of utf8(c.path ?? '')) out.push(b);
      out.push(0);
    } else if (c.kind === 'bytes') {
      out.push(...c.value);
    } else {
      const nbytes = c.bits / 8;
      for (const v of c.values) {
        const x = 'value' in v ? BigInt.asUintN(c.bits, v.value) : BigInt(v.phandle ?? 0xffffffff);
        for (let i = nbytes - 1; i >= 0; i--) out.push(Number((x >> BigInt(8 * i)) & 0xffn));
      }
    }
  }
  return Uint8Array.from(out);
}

/** The property as 32-bit cells (for <...> values). */
export function prop_cells(p: DTProperty): bigint[] {
  const out: bigint[] = [];
  for (const c of p.chunks) {
    if (c.kind !== 'cells') continue;
    for (const v of c.values) {
      const x = 'value' in v ? BigInt.asUintN(c.bits, v.value) : BigInt(v.phandle ?? 0);
      if (c.bits === 64) out.push(x >> 32n, x & 0xffffffffn);
      else out.push(x);
    }
  }
  return out;
}

export function prop_strings(p: DTProperty): string[] {
  return p.chunks.filter((c) => c.kind === 'string').map((c) => (c as { value: string }).value);
}

export function prop_u32(n: DTNode, name: string, dflt?: number): number | undefined {
  const p = n.get_property(name);
  if (!p) return dflt;
  const c = prop_cells(p);
  return c.length ? Number(c[0]!) : dflt;
}

/** A value spread over `count` cells (e.g. a 64-bit address in two cells). */
export function cells_to_number(cells: bigint[], start: number, count: number): number {
  let v = 0n;
  for (let i = 0; i < count; i++) v = (v << 32n) | (cells[start + i] ?? 0n);
  return Number(v);
}

export function prop_string(n: DTNode, name: string): string | undefined {
  const p = n.get_property(name);
  return p ? prop_strings(p)[0] : undefined;
}

export function prop_bool(n: DTNode, name: string): boolean {
  return n.get_property(name) !== undefined;
}

/** #address-cells / #size-cells that apply to `n`'s reg (its parent's, defaults 2 and 1). */
export function addr_size_cells(n: DTNode): { ac: number; sc: number } {
  const parent = n.parent;
  return { ac: parent ? (prop_u32(parent, '#address-cells') ?? 2) : 2, sc: parent ? (prop_u32(parent, '#size-cells') ?? 1) : 1 };
}

/** of_find_node_by_phandle(). */
export function find_by_phandle(tree: DeviceTree, ph: number): DTNode | undefined {
  for (const n of walk_nodes(tree.root)) if (n.phandle === ph) return n;
  return undefined;
}

/** UTF-8 bytes of a string (kernel-sim has no TextEncoder in its lib). */
export function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}
