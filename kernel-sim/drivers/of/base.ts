// Models linux/drivers/of/base.c: the live tree's root, aliases and chosen; finding nodes and properties, compatible scoring, of_node_get/put.
import { defineState } from '../../kernel/state.ts';
import { pr_err } from '../../kernel/printk/printk.ts';
import { kobject_alloc, kobject_init, kobject_get, kobject_put, type kobj_type, type kobject } from '../../lib/kobject.ts';
import type { device_node, of_device_id, property } from '../base/base.ts';

/** device_node._flags bits (include/linux/of.h). */
export const OF_DYNAMIC = 1, OF_DETACHED = 2, OF_POPULATED = 3, OF_POPULATED_BUS = 4, OF_OVERLAY = 5;

interface alias_prop { alias: string; stem: string; id: number; np: device_node }

interface OfState {
  of_root: device_node | null;
  of_chosen: device_node | null;
  of_aliases: device_node | null;
  aliases_lookup: alias_prop[];
}
export const ofState = defineState<OfState>('of', () => ({ of_root: null, of_chosen: null, of_aliases: null, aliases_lookup: [] }));

export function of_root(): device_node | null { return ofState().of_root; }
export function of_chosen(): device_node | null { return ofState().of_chosen; }

export const of_node_check_flag = (np: device_node, flag: number): boolean => (np._flags & (1 << flag)) !== 0;
export const of_node_set_flag = (np: device_node, flag: number): void => { np._flags |= 1 << flag; };
export const of_node_clear_flag = (np: device_node, flag: number): void => { np._flags &= ~(1 << flag); };
/** of_node_test_and_set_flag(): true when the flag was already set. */
export function of_node_test_and_set_flag(np: device_node, flag: number): boolean {
  const was = of_node_check_flag(np, flag);
  of_node_set_flag(np, flag);
  return was;
}

/** %pOF: the node's full path ("/gpio@fed70000"). */
export function of_node_full_path(np: device_node): string {
  if (!np.parent) return '/';
  const p = of_node_full_path(np.parent);
  return (p === '/' ? '' : p) + '/' + np.full_name;
}

/** %pOFn: the node name without unit address. */
export const of_node_name = (np: device_node): string => np.name;

/** of_node_release(): only nodes from an overlay or of_node_alloc may go; a static node's last put is a refcount bug. */
const of_node_ktype: kobj_type = {
  release: (kobj: kobject) => {
    const np = kobj.container as device_node;
    if (!of_node_check_flag(np, OF_DYNAMIC)) pr_err(`ERROR: Bad of_node_put() on ${of_node_full_path(np)}`);
  },
};

/** A node not yet in a tree: its "name" property is added as unflatten_dt_nodes does for FDT v16+ blobs. */
export function of_node_alloc(full_name: string, props: property[] = [], flags = 0): device_node {
  const at = full_name.indexOf('@');
  const name = full_name === '/' ? '' : at < 0 ? full_name : full_name.slice(0, at);
  const np = { name, full_name, compatible: [], properties: [...props], parent: null, child: [], phandle: 0, _flags: flags } as unknown as device_node;
  if (!props.some((p) => p.name === 'name')) np.properties.push(prop_from_string('name', name));
  np.kobj = kobject_alloc(np);
  kobject_init(np.kobj, of_node_ktype);
  of_node_refresh(np);
  return np;
}

/** Re-reads the cached fields (compatible, device_type, phandle) after the properties changed. */
export function of_node_refresh(np: device_node): void {
  np.compatible = of_prop_strings(__of_find_property(np, 'compatible'));
  const t = of_prop_strings(__of_find_property(np, 'device_type'))[0];
  if (t !== undefined) np.type = t; else delete np.type;
  const ph = __of_find_property(np, 'phandle') ?? __of_find_property(np, 'linux,phandle');
  np.phandle = ph && ph.length === 4 ? be32(ph.value, 0) : np.phandle;
}

/** Links a child under its parent (__of_attach_node's list part). */
export function of_node_add_child(parent: device_node, np: device_node): void {
  np.parent = parent;
  parent.child.push(np);
}

export function of_node_get(np: device_node | null): device_node | null {
  if (np) kobject_get(np.kobj);
  return np;
}

export function of_node_put(np: device_node | null): void {
  if (np) kobject_put(np.kobj);
}

// ---- properties ----------------------------------------------------------------

export const be32 = (b: Uint8Array, off: number): number => ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;

export function prop_from_string(name: string, ...strings: string[]): property {
  const bytes: number[] = [];
  for (const s of strings) { for (const c of new TextEncoder().encode(s)) bytes.push(c); bytes.push(0); }
  return { name, length: bytes.length, value: Uint8Array.from(bytes) };
}

export function prop_from_u32(name: string, ...cells: number[]): property {
  const v = new Uint8Array(cells.length * 4);
  cells.forEach((c, i) => { v[4 * i] = c >>> 24; v[4 * i + 1] = (c >>> 16) & 0xff; v[4 * i + 2] = (c >>> 8) & 0xff; v[4 * i + 3] = c & 0xff; });
  return { name, length: v.length, value: v };
}

/** The NUL-separated strings of a property (of_prop_next_string); a missing terminator ends the list. */
export function of_prop_strings(pp: property | null | undefined): string[] {
  if (!pp) return [];
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < pp.length; i++) {
    if (pp.value[i] !== 0) continue;
    out.push(new TextDecoder().decode(pp.value.subarray(start, i)));
    start = i + 1;
  }
  return out;
}

export function __of_find_property(np: device_node | null, name: string): property | null {
  return np?.properties.find((p) => p.name === name) ?? null;
}

export function of_find_property(np: device_node | null, name: string): property | null {
  return __of_find_property(np, name);
}

/** of_get_property(): the value, or null. */
export function of_get_property(np: device_node | null, name: string): Uint8Array | null {
  return __of_find_property(np, name)?.value ?? null;
}

export function of_property_read_bool(np: device_node | null, name: string): boolean {
  return __of_find_property(np, name) !== null;
}

// ---- compatible ------------------------------------------------------------------

/** of_node_name_eq(): the node name up to '@' equals `name`. */
export function of_node_name_eq(np: device_node | null, name: string): boolean {
  return !!np && np.name === name;
}

const strcaseeq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** __of_device_is_compatible(): 0 for no match, higher for a better one (earlier compatible string, then type, then name). */
export function __of_device_is_compatible(np: device_node, compat?: string | null, type?: string | null, name?: string | null): number {
  let score = 0;
  if (compat) {
    const i = np.compatible.findIndex((c) => strcaseeq(c, compat));
    if (i < 0) return 0;
    score = Math.floor(0x7fffffff / 2) - (i << 2);
  }
  if (type) {
    if (np.type !== type) return 0;
    score += 2;
  }
  if (name) {
    if (!of_node_name_eq(np, name)) return 0;
    score++;
  }
  return score;
}

export function of_device_is_compatible(np: device_node | null, compat: string): number {
  return np ? __of_device_is_compatible(np, compat) : 0;
}

/** of_device_is_available(): no status, or "okay"/"ok". */
export function of_device_is_available(np: device_node | null): boolean {
  if (!np) return false;
  const st = __of_find_property(np, 'status');
  if (!st) return true;
  const s = of_prop_strings(st)[0];
  return s === 'okay' || s === 'ok';
}

/** of_match_node(): the best-scoring entry of a table. */
export function of_match_node(matches: of_device_id[] | undefined | null, np: device_node | null): of_device_id | null {
  if (!matches || !np) return null;
  let best: of_device_id | null = null, best_score = 0;
  for (const m of matches) {
    if (!m.name && !m.type && !m.compatible) break;
    const score = __of_device_is_compatible(np, m.compatible, m.type, m.name);
    if (score > best_score) { best = m; best_score = score; }
  }
  return best;
}

// ---- walking -------------------------------------------------------------------

/** for_each_of_allnodes(): pre-order from the root. */
export function* of_allnodes(from: device_node | null = of_root()): Generator<device_node> {
  if (!from) return;
  const stack = [from];
  for (let x = stack.pop(); x; x = stack.pop()) {
    yield x;
    for (let i = x.child.length - 1; i >= 0; i--) stack.push(x.child[i]!);
  }
}

/** The nodes after `from` in allnodes order (of_find_node_by_* start after `from`, or at the root). */
function* after(from: device_node | null): Generator<device_node> {
  let started = !from;
  for (const np of of_allnodes()) {
    if (started) yield np;
    else if (np === from) started = true;
  }
}

/** of_find_node_by_name(): drops the reference on `from`, returns the next match with a reference. */
export function of_find_node_by_name(from: device_node | null, name: string): device_node | null {
  let found: device_node | null = null;
  for (const np of after(from)) if (np.name === name) { found = np; break; }
  of_node_put(from);
  return of_node_get(found);
}

export function of_find_node_by_type(from: device_node | null, type: string): device_node | null {
  let found: device_node | null = null;
  for (const np of after(from)) if (np.type === type) { found = np; break; }
  of_node_put(from);
  return of_node_get(found);
}

export function of_find_compatible_node(from: device_node | null, type: string | null, compat: string): device_node | null {
  let found: device_node | null = null;
  for (const np of after(from)) if (__of_device_is_compatible(np, compat, type)) { found = np; break; }
  of_node_put(from);
  return of_node_get(found);
}

export function of_find_node_by_phandle(handle: number): device_node | null {
  if (!handle) return null;
  for (const np of of_allnodes()) if (np.phandle === handle) return of_node_get(np);
  return null;
}

/** __of_find_node_by_path(): one component, matched against kbasename(full_name) exactly. */
function child_by_path(parent: device_node, comp: string): device_node | null {
  return parent.child.find((c) => c.full_name === comp) ?? null;
}

/** __of_find_node_by_full_path() from the root, without a reference. */
function resolve_full_path(path: string): device_node | null {
  let np = ofState().of_root;
  for (const comp of path.slice(1).split('/').filter(Boolean)) np = np ? child_by_path(np, comp) : null;
  return np;
}

/**
 * of_find_node_opts_by_path(): "/a/b", or "alias/rest"; anything after ':' is options.
 */
export function of_find_node_by_path(path: string): device_node | null {
  const st = ofState();
  const colon = path.indexOf(':');
  const p = colon < 0 ? path : path.slice(0, colon);
  let np: device_node | null;
  let rest: string;
  if (p.startsWith('/')) {
    np = st.of_root;
    rest = p.slice(1);
  } else {
    const slash = p.indexOf('/');
    const alias = slash < 0 ? p : p.slice(0, slash);
    const target = of_prop_strings(__of_find_property(st.of_aliases, alias))[0];
    np = target?.startsWith('/') ? resolve_full_path(target) : null;
    rest = slash < 0 ? '' : p.slice(slash + 1);
  }
  for (const comp of rest.split('/').filter(Boolean)) {
    if (!np) break;
    np = child_by_path(np, comp);
  }
  return of_node_get(np);
}

export function of_get_parent(np: device_node | null): device_node | null {
  return np ? of_node_get(np.parent) : null;
}

/** of_get_next_child(): drops the reference on `prev`, returns the next child with a reference. */
export function of_get_next_child(np: device_node | null, prev: device_node | null): device_node | null {
  if (!np) return null;
  const i = prev ? np.child.indexOf(prev) + 1 : 0;
  const next = i > 0 || !prev ? np.child[i] ?? null : null;
  of_node_put(prev);
  return of_node_get(next);
}

export function of_get_next_available_child(np: device_node | null, prev: device_node | null): device_node | null {
  if (!np) return null;
  let i = prev ? np.child.indexOf(prev) + 1 : 0;
  if (prev && i === 0) i = np.child.length;
  while (i < np.child.length && !of_device_is_available(np.child[i]!)) i++;
  of_node_put(prev);
  return of_node_get(np.child[i] ?? null);
}

export function of_get_child_by_name(np: device_node | null, name: string): device_node | null {
  return of_node_get(np?.child.find((c) => of_node_name_eq(c, name)) ?? null);
}

export function of_get_compatible_child(np: device_node | null, compat: string): device_node | null {
  return of_node_get(np?.child.find((c) => of_device_is_compatible(c, compat)) ?? null);
}

export function of_get_child_count(np: device_node | null): number {
  return np?.child.length ?? 0;
}

// ---- aliases -------------------------------------------------------------------

/**
 * of_alias_scan(): of_chosen, of_aliases and the alias table; "serial0" splits into stem "serial" and id 0.
 */
export function of_alias_scan(): void {
  const st = ofState();
  const root = st.of_root;
  st.of_aliases = root ? root.child.find((c) => c.full_name === 'aliases') ?? null : null;
  st.of_chosen = root ? root.child.find((c) => c.full_name === 'chosen') ?? root.child.find((c) => c.full_name === 'chosen@0') ?? null : null;
  st.aliases_lookup = [];
  if (!st.of_aliases) return;
  for (const pp of st.of_aliases.properties) {
    if (pp.name === 'name' || pp.name === 'phandle' || pp.name === 'linux,phandle') continue;
    const target = of_prop_strings(pp)[0];
    if (!target?.startsWith('/')) continue;
    const np = resolve_full_path(target);
    if (!np) continue;
    const m = /^(.*?)(\d*)$/.exec(pp.name)!;
    if (!m[2]) continue; // an alias without an id (of_alias_add needs one)
    st.aliases_lookup.push({ alias: pp.name, stem: m[1]!, id: Number(m[2]), np });
  }
}

/** of_alias_get_id(): the id of the alias whose stem matches and that points at np, or -ENODEV. */
export function of_alias_get_id(np: device_node | null, stem: string): number {
  const a = ofState().aliases_lookup.find((x) => x.stem === stem && x.np === np);
  return a ? a.id : -19;
}
