// Models linux/drivers/acpi/acpica (nsload.c, psparse.c, nsaccess.c, utids.c, rsxface.c), the part a firmware's static DSDT needs: loading the AML's Scope, Device and Name objects into the namespace, evaluating _HID/_CID/_UID/_ADR/_STA, and decoding _CRS resource templates.
import { defineState } from '../../kernel/state.ts';

export type acpi_object = number | string | Uint8Array;

/** A namespace node (struct acpi_namespace_node): a 4-character name, its type, its Name() objects and child nodes in load order. */
export interface acpi_namespace_node {
  name: string;
  type: 'device' | 'scope';
  parent: acpi_namespace_node | null;
  children: acpi_namespace_node[];
  objects: Map<string, acpi_object>;
}

interface NsState { root: acpi_namespace_node | null; aml_tables: number }
const nsState = defineState<NsState>('acpica_ns', () => ({ root: null, aml_tables: 0 }));

function node(name: string, type: acpi_namespace_node['type'], parent: acpi_namespace_node | null): acpi_namespace_node {
  const n: acpi_namespace_node = { name, type, parent, children: [], objects: new Map() };
  parent?.children.push(n);
  return n;
}

/** acpi_ns_root_initialize(): \ and the predefined names; \_SB_ and \_TZ_ are devices (acpi_gbl_pre_defined_names). */
function ns_root(): acpi_namespace_node {
  const st = nsState();
  if (st.root) return st.root;
  const root = node('\\', 'scope', null);
  for (const [n, t] of [['_GPE', 'scope'], ['_PR_', 'scope'], ['_SB_', 'device'], ['_SI_', 'scope'], ['_TZ_', 'device']] as const) node(n, t, root);
  st.root = root;
  return root;
}

export function acpi_ns_root(): acpi_namespace_node { return ns_root(); }

/** A parse error: the AML opcode and its offset in the table (AE_AML_BAD_OPCODE). */
export class AmlError extends Error {}

class AmlParser {
  pos: number;
  constructor(readonly b: Uint8Array, start: number) { this.pos = start; }
  byte(): number {
    if (this.pos >= this.b.length) throw new AmlError(`AE_AML_NO_OPERAND: AML ends at offset 0x${this.pos.toString(16)}`);
    return this.b[this.pos++]!;
  }
  /** PkgLength: the end offset of the package that starts here. */
  pkg_end(): number {
    const start = this.pos;
    const lead = this.byte();
    const n = lead >> 6;
    let len = n ? lead & 0x0f : lead & 0x3f;
    for (let i = 0; i < n; i++) len |= this.byte() << (4 + 8 * i);
    return start + len;
  }
  seg(): string { return String.fromCharCode(this.byte(), this.byte(), this.byte(), this.byte()); }
  /** NameString: "\\_SB_.PCI0" style, segments joined by '.'. */
  name_string(): string {
    let prefix = '';
    while (this.b[this.pos] === 0x5c || this.b[this.pos] === 0x5e) prefix += String.fromCharCode(this.byte());
    const lead = this.byte();
    if (lead === 0x00) return prefix;
    let count = 1;
    if (lead === 0x2e) count = 2;
    else if (lead === 0x2f) count = this.byte();
    else this.pos--;
    const segs: string[] = [];
    for (let i = 0; i < count; i++) segs.push(this.seg());
    return prefix + segs.join('.');
  }
  le(bytes: number): number {
    let v = 0;
    for (let i = 0; i < bytes; i++) v += this.byte() * 2 ** (8 * i);
    return v;
  }
  data(): acpi_object {
    const at = this.pos;
    const op = this.byte();
    switch (op) {
      case 0x00: return 0;
      case 0x01: return 1;
      case 0xff: return 0xffffffff;
      case 0x0a: return this.le(1);
      case 0x0b: return this.le(2);
      case 0x0c: return this.le(4);
      case 0x0e: return this.le(8);
      case 0x0d: { let s = ''; for (let c = this.byte(); c !== 0; c = this.byte()) s += String.fromCharCode(c); return s; }
      case 0x11: {
        const end = this.pkg_end();
        const size = this.data();
        if (typeof size !== 'number') throw new AmlError(`AE_AML_OPERAND_TYPE: buffer size at offset 0x${at.toString(16)}`);
        const bytes = this.b.slice(this.pos, end);
        this.pos = end;
        return bytes.length >= size ? bytes.subarray(0, size) : Uint8Array.from([...bytes, ...new Array<number>(size - bytes.length).fill(0)]);
      }
      default: throw new AmlError(`AE_AML_BAD_OPCODE: data opcode 0x${op.toString(16)} at offset 0x${at.toString(16)}`);
    }
  }
}

/** acpi_ns_lookup() for a declaration: the scope a path names, creating nothing (a missing scope is AE_NOT_FOUND). */
function lookup(scope: acpi_namespace_node, path: string, create: acpi_namespace_node['type'] | null): acpi_namespace_node {
  let cur = scope;
  let p = path;
  if (p.startsWith('\\')) { cur = ns_root(); p = p.slice(1); }
  while (p.startsWith('^')) { cur = cur.parent ?? cur; p = p.slice(1); }
  const segs = p ? p.split('.') : [];
  segs.forEach((s, i) => {
    const last = i === segs.length - 1;
    const found = cur.children.find((c) => c.name === s);
    if (found) cur = found;
    else if (last && create) cur = node(s, create, cur);
    else throw new AmlError(`AE_NOT_FOUND: ${path} is not in the namespace`);
  });
  return cur;
}

function parse_term_list(p: AmlParser, end: number, scope: acpi_namespace_node): void {
  while (p.pos < end) {
    const at = p.pos;
    const op = p.byte();
    if (op === 0xa3) continue; // NoopOp
    if (op === 0x10 || (op === 0x5b && p.b[p.pos] === 0x82)) {
      if (op === 0x5b) p.pos++;
      const pkg_end = p.pkg_end();
      const name = p.name_string();
      const target = lookup(scope, name, op === 0x10 ? null : 'device');
      parse_term_list(p, pkg_end, target);
      p.pos = pkg_end;
      continue;
    }
    if (op === 0x08) {
      const name = p.name_string();
      scope.objects.set(name, p.data());
      continue;
    }
    throw new AmlError(`AE_AML_BAD_OPCODE: opcode 0x${op.toString(16)} at offset 0x${at.toString(16)}`);
  }
}

/** acpi_ns_load_table(): the definition block's AML (after its 36-byte header) into the namespace. */
export function acpi_ns_load_table(table: Uint8Array): void {
  const p = new AmlParser(table, 36);
  parse_term_list(p, table.length, ns_root());
  nsState().aml_tables++;
}

export function acpi_aml_tables_loaded(): number { return nsState().aml_tables; }

/** acpi_ex_eisa_id_to_string(): a compressed EISA id back to "PNP0A08". */
export function acpi_eisa_id_to_string(v: number): string {
  const sw = ((v & 0xff) << 24 | ((v >> 8) & 0xff) << 16 | ((v >> 16) & 0xff) << 8 | ((v >>> 24) & 0xff)) >>> 0;
  const ch = (shift: number) => String.fromCharCode(0x40 + ((sw >>> shift) & 0x1f));
  return ch(26) + ch(21) + ch(16) + (sw & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

/** An id object (_HID/_CID): a string as is, an integer as an EISA id (acpi_ut_execute_HID). */
export function acpi_id_string(o: acpi_object | undefined): string | null {
  if (o === undefined) return null;
  if (typeof o === 'string') return o;
  if (typeof o === 'number') return acpi_eisa_id_to_string(o);
  return null;
}

/** acpi_get_name(ACPI_FULL_PATHNAME): "\\_SB_.PCI0.S10_". */
export function acpi_full_pathname(n: acpi_namespace_node): string {
  const segs: string[] = [];
  for (let c: acpi_namespace_node | null = n; c && c.parent; c = c.parent) segs.unshift(c.name);
  return '\\' + segs.join('.');
}

/** One decoded _CRS descriptor (what acpi_dev_resource_* turn into struct resources). */
export type acpi_resource =
  | { type: 'io'; start: number; length: number }
  | { type: 'mem'; start: number; length: number; writable: boolean }
  | { type: 'irq'; irqs: number[]; extended: boolean; level: boolean; shared: boolean };

/** acpi_walk_resources(): the small and large descriptors of a resource template, up to the end tag. */
export function acpi_walk_resources(buf: Uint8Array): acpi_resource[] {
  const out: acpi_resource[] = [];
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i < buf.length;) {
    const tag = buf[i]!;
    if (tag & 0x80) {
      const len = dv.getUint16(i + 1, true);
      if (tag === 0x86) out.push({ type: 'mem', writable: !!(buf[i + 3]! & 1), start: dv.getUint32(i + 4, true), length: dv.getUint32(i + 8, true) });
      if (tag === 0x89) {
        const flags = buf[i + 3]!;
        const irqs = Array.from({ length: buf[i + 4]! }, (_, k) => dv.getUint32(i + 5 + 4 * k, true));
        out.push({ type: 'irq', irqs, extended: true, level: !(flags & 2), shared: !!(flags & 8) });
      }
      i += 3 + len;
      continue;
    }
    const name = (tag >> 3) & 0x0f, len = tag & 7;
    if (name === 0x0f) break; // end tag
    if (name === 0x08) out.push({ type: 'io', start: dv.getUint16(i + 2, true), length: buf[i + 7]! });
    if (name === 0x04) {
      const mask = dv.getUint16(i + 1, true);
      out.push({ type: 'irq', irqs: [...Array(16).keys()].filter((k) => mask & (1 << k)), extended: false, level: false, shared: false });
    }
    i += 1 + len;
  }
  return out;
}
