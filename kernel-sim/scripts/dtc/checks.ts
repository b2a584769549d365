// Models dtc's checks.c plus dt-schema validation: structural checks and per-`compatible` bindings, with line:column.
import { BINDINGS_BY_COMPATIBLE, type BindingSchema, type PropSchema, STANDARD_PROPERTIES } from './bindings.ts';
import { type Diagnostic, type DTNode, type DTProperty, type DeviceTree, prop_cells, prop_strings, prop_u32, walk_nodes } from './livetree.ts';

function err(diags: Diagnostic[], p: { pos: Diagnostic['pos'] }, message: string): void {
  diags.push({ severity: 'error', pos: p.pos, message });
}
function warn(diags: Diagnostic[], p: { pos: Diagnostic['pos'] }, message: string): void {
  diags.push({ severity: 'warning', pos: p.pos, message });
}

function type_name(t: PropSchema['type']): string {
  return {
    empty: 'an empty (boolean) property: `name;`',
    u32: 'one 32-bit cell: <n>',
    u64: 'a 64-bit value: /bits/ 64 <n> or <hi lo>',
    cells: 'cells: <...>',
    string: 'one string: "..."',
    'string-list': 'strings: "a", "b"',
    'phandle-array': 'phandles with arguments: <&label ...>',
    bytes: 'bytes: [..]',
  }[t];
}

/** Checks a property value against its schema; returns an error message or null. */
export function check_prop_type(p: DTProperty, s: PropSchema): string | null {
  const ch = p.chunks;
  const only32cells = ch.length > 0 && ch.every((c) => c.kind === 'cells' && c.bits === 32);
  let ok: boolean;
  switch (s.type) {
    case 'empty':
      ok = ch.length === 0;
      break;
    case 'u32':
      ok = only32cells && ch.length === 1 && ch[0]!.kind === 'cells' && ch[0]!.values.length === 1;
      break;
    case 'u64':
      ok = ch.length === 1 && ch[0]!.kind === 'cells' && ((ch[0]!.bits === 64 && ch[0]!.values.length === 1) || (ch[0]!.bits === 32 && ch[0]!.values.length === 2));
      break;
    case 'cells':
    case 'phandle-array':
      ok = only32cells && (s.cells === undefined || prop_cells(p).length === s.cells);
      break;
    case 'string':
      ok = ch.length === 1 && ch[0]!.kind === 'string';
      break;
    case 'string-list':
      ok = ch.length > 0 && ch.every((c) => c.kind === 'string');
      break;
    case 'bytes':
      ok = ch.every((c) => c.kind === 'bytes');
      break;
  }
  if (!ok) return `property "${p.name}" must be ${type_name(s.type)}${s.cells !== undefined ? ` with exactly ${s.cells} cells` : ''} (${s.desc})`;
  if (s.enum) {
    const v = s.type === 'u32' ? Number(prop_cells(p)[0]) : prop_strings(p)[0];
    if (v !== undefined && !s.enum.includes(v)) return `property "${p.name}" is ${typeof v === 'string' ? `"${v}"` : v}, but must be one of: ${s.enum.map((e) => (typeof e === 'string' ? `"${e}"` : String(e))).join(', ')}`;
  }
  if (s.type === 'u32' && (s.min !== undefined || s.max !== undefined)) {
    const v = Number(prop_cells(p)[0]);
    if ((s.min !== undefined && v < s.min) || (s.max !== undefined && v > s.max)) return `property "${p.name}" is ${v}, outside ${s.min ?? 0}..${s.max ?? 0xffffffff}`;
  }
  return null;
}

function parent_kind(n: DTNode): 'pci' | 'isa' | 'mmio' {
  const p = n.parent;
  if (!p) return 'mmio';
  if (p.get_property('device_type') && prop_strings(p.get_property('device_type')!)[0] === 'pci') return 'pci';
  if (p.is_compatible('intel,ich9-lpc') || p.is_compatible('isa')) return 'isa';
  return 'mmio';
}

const BUS_WORDS = { pci: 'a PCI bus node (device_type = "pci")', isa: 'the ISA bridge (intel,ich9-lpc)', mmio: 'the root or a simple-bus' };

function check_binding(n: DTNode, b: BindingSchema, diags: Diagnostic[]): void {
  const compat = n.get_property('compatible')!;
  if (b.bus && parent_kind(n) !== b.bus) err(diags, compat, `"${b.compatible}" (${b.desc}) must be a child of ${BUS_WORDS[b.bus]}, but ${n.full_path} is under ${n.parent?.full_path ?? 'nothing'}`);
  for (const r of b.required) if (!n.get_property(r)) err(diags, n, `node ${n.full_path} ("${b.compatible}") is missing the required property "${r}"${b.properties[r] ? ` (${b.properties[r]!.desc})` : ''}`);
  for (const p of n.props) {
    const s = b.properties[p.name] ?? STANDARD_PROPERTIES[p.name];
    if (s) {
      const m = check_prop_type(p, s);
      if (m) err(diags, p, m);
    } else if (p.name.startsWith('kwb,')) {
      const known = Object.keys(b.properties).filter((k) => k.startsWith('kwb,'));
      err(diags, p, `unknown simulation property "${p.name}" for "${b.compatible}"${known.length ? ` (known: ${known.join(', ')})` : ' (it has none)'}`);
    }
  }
  if (b.children) {
    for (const c of n.children) {
      for (const r of b.children.required) if (!c.get_property(r)) err(diags, c, `node ${c.full_path} (${b.children.desc} of "${b.compatible}") is missing the required property "${r}"`);
      for (const p of c.props) {
        const s = b.children.properties[p.name];
        if (!s) continue;
        const m = check_prop_type(p, s);
        if (m) err(diags, p, m);
      }
    }
  }
}

/** PCI child: reg phys.hi = bus << 16 | device << 11 | function << 8 (register 0 for the config-space entry). */
export function pci_reg_devfn(n: DTNode): { bus: number; dev: number; fn: number } | null {
  const reg = n.get_property('reg');
  if (!reg) return null;
  const c = prop_cells(reg);
  if (!c.length) return null;
  const hi = Number(c[0]!);
  return { bus: (hi >> 16) & 0xff, dev: (hi >> 11) & 0x1f, fn: (hi >> 8) & 7 };
}

function check_reg(n: DTNode, diags: Diagnostic[]): void {
  const reg = n.get_property('reg');
  if (!reg || !n.parent) return;
  if (!reg.chunks.every((c) => c.kind === 'cells' && c.bits === 32)) {
    err(diags, reg, `"reg" must be 32-bit cells <...>`);
    return;
  }
  const ac = prop_u32(n.parent, '#address-cells') ?? 2;
  const sc = prop_u32(n.parent, '#size-cells') ?? 1;
  const cells = prop_cells(reg);
  const entry = ac + sc;
  if (entry === 0 || cells.length === 0 || cells.length % entry !== 0) {
    err(diags, reg, `"reg" of ${n.full_path} has ${cells.length} cell${cells.length === 1 ? '' : 's'}, but each entry needs ${entry} (#address-cells = ${ac} + #size-cells = ${sc} of ${n.parent.full_path})`);
    return;
  }
  const unit = n.unit_address;
  if (parent_kind(n) === 'pci') {
    const hi = Number(cells[0]!);
    if (hi & 0xff) err(diags, reg, `the first "reg" entry of a PCI function must describe config space (register 0), but phys.hi is 0x${hi.toString(16)}`);
    const d = pci_reg_devfn(n)!;
    const want = d.fn ? `${d.dev.toString(16)},${d.fn.toString(16)}` : d.dev.toString(16);
    if (unit === null) warn(diags, n, `PCI node ${n.full_path} has no unit address; write ${n.basename}@${want}`);
    else {
      const [ud, uf] = unit.split(',');
      if (parseInt(ud!, 16) !== d.dev || parseInt(uf ?? '0', 16) !== d.fn) warn(diags, n, `unit address "@${unit}" does not match "reg" (device ${d.dev.toString(16)}, function ${d.fn}); write ${n.basename}@${want}`);
    }
    return;
  }
  if (unit !== null && parent_kind(n) === 'mmio') {
    let addr = 0n;
    for (let i = 0; i < ac; i++) addr = (addr << 32n) | cells[i]!;
    if (unit.replace(/^0+(?=.)/, '').toLowerCase() !== addr.toString(16)) warn(diags, n, `unit address "@${unit}" does not match the first "reg" address 0x${addr.toString(16)}; write ${n.basename}@${addr.toString(16)}`);
  }
}

/** Machine-level rules: memory, CPUs, chosen. */
function check_machine(tree: DeviceTree, diags: Diagnostic[]): void {
  const root = tree.root;
  const mem = root.children.filter((c) => c.get_property('device_type') && prop_strings(c.get_property('device_type')!)[0] === 'memory');
  if (!mem.length) err(diags, root, 'the machine has no memory: add a node like memory@0 { device_type = "memory"; reg = <0x0 0x0 0x0 0x20000000>; };');
  for (const m of mem) if (!m.get_property('reg')) err(diags, m, `memory node ${m.full_path} needs "reg" (base and size)`);
  const cpus = root.get_child('cpus');
  if (!cpus || !cpus.children.some((c) => c.basename === 'cpu')) err(diags, cpus ?? root, 'the machine has no CPU: add cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { device_type = "cpu"; reg = <0>; }; };');
  const chosen = root.get_child('chosen');
  const ba = chosen?.get_property('bootargs');
  if (ba) {
    const ty = check_prop_type(ba, { type: 'string', desc: 'the kernel command line' });
    if (ty) err(diags, ba, ty);
  }
}

/** Runs every check; returns diagnostics (errors block the boot, warnings do not). */
export function dtc_check(tree: DeviceTree): Diagnostic[] {
  const diags: Diagnostic[] = [];
  if (!tree.plugin) check_machine(tree, diags);
  for (const n of walk_nodes(tree.root)) {
    // Unit address must be present iff reg is (dtc: unit_address_vs_reg).
    if (n.parent && n.get_property('reg') && n.unit_address === null && parent_kind(n) !== 'pci') warn(diags, n, `node ${n.full_path} has "reg" but no unit address (name it ${n.name}@<address>)`);
    if (n.parent && !n.get_property('reg') && n.unit_address !== null && !n.get_property('ranges')) warn(diags, n, `node ${n.full_path} has a unit address but no "reg"`);
    for (const p of n.props) {
      const s = STANDARD_PROPERTIES[p.name];
      if (s && !n.get_property('compatible')) {
        const m = check_prop_type(p, s);
        if (m) err(diags, p, m);
      }
    }
    check_reg(n, diags);
    const compat = n.get_property('compatible');
    if (!compat) continue;
    const list = prop_strings(compat);
    if (!list.length) {
      err(diags, compat, '"compatible" must be one or more strings');
      continue;
    }
    const b = list.map((c) => BINDINGS_BY_COMPATIBLE.get(c)).find((x) => x !== undefined);
    if (b) check_binding(n, b, diags);
    else if (parent_kind(n) === 'pci') {
      const known = [...BINDINGS_BY_COMPATIBLE.values()].filter((x) => x.bus === 'pci').map((x) => `"${x.compatible}"`);
      err(diags, compat, `no PCI device model for compatible ${list.map((c) => `"${c}"`).join(', ')}; known: ${known.join(', ')}`);
    } else if (n.parent) warn(diags, compat, `no model for compatible ${list.map((c) => `"${c}"`).join(', ')}: the kernel sees the node, but no hardware is built for it`);
  }
  return diags;
}
