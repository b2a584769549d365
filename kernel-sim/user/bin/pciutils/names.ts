// Models pciutils lib/names.c + names-parse.c: vendor, device, subsystem and class names from pci.ids, with the numeric fallbacks lspci prints.
export interface pci_names {
  vendors: Map<number, { name: string; devices: Map<number, { name: string; subsys: Map<string, string> }> }>;
  classes: Map<number, { name: string; subclasses: Map<number, { name: string; progifs: Map<number, string> }> }>;
}

/** Parses pci.ids text (vendors with tab-indented devices and subsystems; "C" class sections). */
export function parse_pci_ids(text: string): pci_names {
  const n: pci_names = { vendors: new Map(), classes: new Map() };
  let vendor: ReturnType<pci_names['vendors']['get']> | undefined;
  let device: { name: string; subsys: Map<string, string> } | undefined;
  let cls: ReturnType<pci_names['classes']['get']> | undefined;
  let sub: { name: string; progifs: Map<number, string> } | undefined;
  let in_class = false;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    let m: RegExpExecArray | null;
    if ((m = /^C ([0-9a-f]{2})\s+(.*)$/.exec(line))) { in_class = true; cls = { name: m[2]!, subclasses: new Map() }; n.classes.set(parseInt(m[1]!, 16), cls); continue; }
    if ((m = /^([0-9a-f]{4})\s+(.*)$/.exec(line))) { in_class = false; vendor = { name: m[2]!, devices: new Map() }; n.vendors.set(parseInt(m[1]!, 16), vendor); continue; }
    if (in_class) {
      if ((m = /^\t\t([0-9a-f]{2})\s+(.*)$/.exec(line)) && sub) sub.progifs.set(parseInt(m[1]!, 16), m[2]!);
      else if ((m = /^\t([0-9a-f]{2})\s+(.*)$/.exec(line)) && cls) { sub = { name: m[2]!, progifs: new Map() }; cls.subclasses.set(parseInt(m[1]!, 16), sub); }
      continue;
    }
    if ((m = /^\t\t([0-9a-f]{4}) ([0-9a-f]{4})\s+(.*)$/.exec(line)) && device) device.subsys.set(`${m[1]}:${m[2]}`, m[3]!);
    else if ((m = /^\t([0-9a-f]{4})\s+(.*)$/.exec(line)) && vendor) { device = { name: m[2]!, subsys: new Map() }; vendor.devices.set(parseInt(m[1]!, 16), device); }
  }
  return n;
}

const h4 = (x: number) => x.toString(16).padStart(4, '0');
const h2 = (x: number) => x.toString(16).padStart(2, '0');

/** Name modes: 'names' (default), 'mixed' (-nn: names and [ids]), 'numeric' (-n). */
export type name_mode = 'names' | 'mixed' | 'numeric';

/** PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE. */
export function lookup_device(n: pci_names, mode: name_mode, v: number, d: number): string {
  if (mode === 'numeric') return `${h4(v)}:${h4(d)}`;
  const vn = n.vendors.get(v);
  const dn = vn?.devices.get(d);
  const ids = mode === 'mixed' ? ` [${h4(v)}:${h4(d)}]` : '';
  if (vn && dn) return `${vn.name} ${dn.name}${ids}`;
  if (vn) return mode === 'mixed' ? `${vn.name} Device${ids}` : `${vn.name} Device ${h4(d)}`;
  return mode === 'mixed' ? `Device${ids}` : `Device ${h4(v)}:${h4(d)}`;
}

/** PCI_LOOKUP_SUBSYSTEM: the subsystem's own name under the device, else the subsystem vendor with the numbers. */
export function lookup_subsystem(n: pci_names, mode: name_mode, v: number, d: number, sv: number, sd: number): string {
  if (mode === 'numeric') return `${h4(sv)}:${h4(sd)}`;
  const ids = mode === 'mixed' ? ` [${h4(sv)}:${h4(sd)}]` : '';
  const svn = n.vendors.get(sv);
  const sub = n.vendors.get(v)?.devices.get(d)?.subsys.get(`${h4(sv)}:${h4(sd)}`);
  if (svn && sub) return `${svn.name} ${sub}${ids}`;
  if (svn) return mode === 'mixed' ? `${svn.name} Device${ids}` : `${svn.name} Device ${h4(sd)}`;
  return mode === 'mixed' ? `Device${ids}` : `Device ${h4(sv)}:${h4(sd)}`;
}

/** PCI_LOOKUP_CLASS: subclass name, else the class name with the number, else "Class xxxx". */
export function lookup_class(n: pci_names, mode: name_mode, cls: number): string {
  if (mode === 'numeric') return h4(cls);
  const c = n.classes.get(cls >> 8);
  const s = c?.subclasses.get(cls & 0xff);
  if (s) return mode === 'mixed' ? `${s.name} [${h4(cls)}]` : s.name;
  if (c) return `${c.name} [${h4(cls)}]`;
  return mode === 'mixed' ? `Class [${h4(cls)}]` : `Class ${h4(cls)}`;
}

/** PCI_LOOKUP_PROGIF: the programming interface's name, if pci.ids has one. */
export function lookup_progif(n: pci_names, cls: number, progif: number): string | null {
  return n.classes.get(cls >> 8)?.subclasses.get(cls & 0xff)?.progifs.get(progif) ?? null;
}

export { h2, h4 };
