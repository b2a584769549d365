// Turns MODULE_DEVICE_TABLE data into modalias strings, as Linux's scripts/mod/file2alias.c does (pci, of, platform, spi, acpi).
import { readObject, type ObjectInfo } from './wasm/object.ts';
import { LAYOUTS } from './layouts/offsets.generated.ts';

const PCI_ANY_ID = 0xffffffff;

function hex(v: number, digits: number): string {
  return v.toString(16).toUpperCase().padStart(digits, '0');
}

function add(str: string, sep: string, cond: boolean, v: number, digits: number): string {
  return str + sep + (cond ? hex(v, digits) : '*');
}

function u32(b: Uint8Array, o: number): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(o, true);
}

function cstr(b: Uint8Array, o: number, max: number): string {
  let e = o;
  while (e < o + max && b[e] !== 0) e++;
  return new TextDecoder().decode(b.subarray(o, e));
}

function field(struct: keyof typeof LAYOUTS, name: string): number {
  const f = (LAYOUTS[struct].fields as readonly { name: string; offset: number }[]).find((x) => x.name === name);
  if (!f) throw new Error(`${struct}.${name}`);
  return f.offset;
}

function entries(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let o = 0; o + size <= bytes.length; o += size) {
    const e = bytes.subarray(o, o + size);
    if (e.every((b) => b === 0)) break;
    out.push(e);
  }
  return out;
}

function pciAliases(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (const e of entries(bytes, LAYOUTS.pci_device_id.size)) {
    const vendor = u32(e, field('pci_device_id', 'vendor'));
    const device = u32(e, field('pci_device_id', 'device'));
    const subvendor = u32(e, field('pci_device_id', 'subvendor'));
    const subdevice = u32(e, field('pci_device_id', 'subdevice'));
    const cls = u32(e, field('pci_device_id', 'class'));
    const mask = u32(e, field('pci_device_id', 'class_mask'));
    const bcm = (mask >>> 16) & 0xff, scm = (mask >>> 8) & 0xff, im = mask & 0xff;
    if ((bcm !== 0 && bcm !== 0xff) || (scm !== 0 && scm !== 0xff) || (im !== 0 && im !== 0xff)) continue;
    let a = 'pci:';
    a = add(a, 'v', vendor !== PCI_ANY_ID, vendor, 8);
    a = add(a, 'd', device !== PCI_ANY_ID, device, 8);
    a = add(a, 'sv', subvendor !== PCI_ANY_ID, subvendor, 8);
    a = add(a, 'sd', subdevice !== PCI_ANY_ID, subdevice, 8);
    a = add(a, 'bc', bcm === 0xff, (cls >>> 16) & 0xff, 2);
    a = add(a, 'sc', scm === 0xff, (cls >>> 8) & 0xff, 2);
    a = add(a, 'i', im === 0xff, cls & 0xff, 2);
    out.push(a.endsWith('*') ? a : a + '*');
  }
  return out;
}

function ofAliases(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (const e of entries(bytes, LAYOUTS.of_device_id.size)) {
    const name = cstr(e, field('of_device_id', 'name'), 32);
    const type = cstr(e, field('of_device_id', 'type'), 32);
    const compat = cstr(e, field('of_device_id', 'compatible'), 128);
    let a = `of:N${name || '*'}T${type || '*'}`;
    if (compat) a += `${type ? '*' : ''}C${compat}`;
    a = a.replace(/\s/g, '_');
    out.push(a, a + 'C*');
  }
  return out;
}

function platformAliases(bytes: Uint8Array): string[] {
  return entries(bytes, LAYOUTS.platform_device_id.size).map((e) => `platform:${cstr(e, field('platform_device_id', 'name'), 20)}`);
}

/** do_spi_entry: "spi:<name>". */
function spiAliases(bytes: Uint8Array): string[] {
  return entries(bytes, LAYOUTS.spi_device_id.size).map((e) => `spi:${cstr(e, field('spi_device_id', 'name'), 32)}`);
}

/** do_i2c_entry: "i2c:<name>". */
function i2cAliases(bytes: Uint8Array): string[] {
  return entries(bytes, LAYOUTS.i2c_device_id.size).map((e) => `i2c:${cstr(e, field('i2c_device_id', 'name'), 20)}`);
}

/** do_acpi_entry(): "acpi*:QEMU0002:*" per id; struct acpi_device_id is id[16], driver_data, cls, cls_msk (28 bytes on wasm32). */
function acpiAliases(bytes: Uint8Array): string[] {
  return entries(bytes, 28).map((e) => cstr(e, 0, 16)).filter(Boolean).map((id) => `acpi*:${id}:*`);
}

/** do_usb_entry: "usb:v%04Xp%04Xd*dc%02X...in%02X" with "*" for what an entry does not match on (bcdDevice ranges are matched as "d*"); struct usb_device_id is 24 bytes on wasm32. */
function usbAliases(bytes: Uint8Array): string[] {
  return entries(bytes, 24).map((e) => {
    const flags = e[0]! | (e[1]! << 8), u16 = (o: number): number => e[o]! | (e[o + 1]! << 8);
    let a = 'usb:';
    a = add(a, 'v', (flags & 0x0001) !== 0, u16(2), 4);
    a = add(a, 'p', (flags & 0x0002) !== 0, u16(4), 4);
    a += 'd*';
    const bytes8: [string, number, number][] = [['dc', 0x0010, 10], ['dsc', 0x0020, 11], ['dp', 0x0040, 12], ['ic', 0x0080, 13], ['isc', 0x0100, 14], ['ip', 0x0200, 15], ['in', 0x0400, 16]];
    for (const [sep, bit, o] of bytes8) a = add(a, sep, (flags & bit) !== 0, e[o]!, 2);
    return a.endsWith('*') ? a : `${a}*`;
  });
}

const HANDLERS: Record<string, (b: Uint8Array) => string[]> = { pci: pciAliases, of: ofAliases, platform: platformAliases, spi: spiAliases, i2c: i2cAliases, acpi: acpiAliases, usb: usbAliases };

/** Aliases for every __mod_<type>__<name>_device_table in the objects, in order. */
export function deviceTableAliases(objects: Uint8Array[]): string[] {
  const out: string[] = [];
  for (const o of objects) out.push(...aliasesOf(readObject(o)));
  return out;
}

function aliasesOf(obj: ObjectInfo): string[] {
  const out: string[] = [];
  for (const s of obj.symbols) {
    const m = /^__mod_([a-z0-9]+)__(\w+)_device_table$/.exec(s.name);
    if (!m || s.kind !== 'data' || !s.defined || s.segment === undefined) continue;
    const handler = HANDLERS[m[1]!];
    const seg = obj.segments[s.segment];
    if (!handler || !seg) continue;
    out.push(...handler(seg.bytes.subarray(s.offset!, s.offset! + s.size!)));
  }
  return out;
}
