// Models QEMU's hw/acpi/aml-build.c: the AML byte code of the objects the firmware's DSDT declares (Scope, Device, Name with integers, strings, EISA ids and resource-template buffers) and the small/large resource descriptors of _CRS.

/** AML opcodes used here (ACPI 6.4, 20.3). */
export const AML = {
  ZERO: 0x00, ONE: 0x01, NAME: 0x08, BYTE: 0x0a, WORD: 0x0b, DWORD: 0x0c, STRING: 0x0d, QWORD: 0x0e,
  SCOPE: 0x10, BUFFER: 0x11, EXT: 0x5b, DEVICE: 0x82, ROOT: 0x5c, DUAL: 0x2e, MULTI: 0x2f, NOOP: 0xa3,
} as const;

/** One value a Name() declares: an integer, a string or a buffer (a resource template). */
export type aml_value = number | string | Uint8Array;

/** A Scope or Device with its Name() objects and child devices, in declaration order. */
export interface aml_node {
  kind: 'scope' | 'device';
  /** A NameString: "\\_SB", "PCI0", "\\_SB.PCI0". */
  name: string;
  names: [string, aml_value][];
  children: aml_node[];
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0) & 0x7f);

/** A NameSeg is four characters, padded with '_' (aml_name). */
function name_seg(s: string): number[] { return ascii(s.padEnd(4, '_').slice(0, 4)); }

/** NameString: optional root prefix, then one, two (DualNamePrefix) or more (MultiNamePrefix) segments. */
export function aml_name_string(path: string): number[] {
  const root = path.startsWith('\\');
  const segs = (root ? path.slice(1) : path).split('.').filter(Boolean);
  const out: number[] = root ? [AML.ROOT] : [];
  if (segs.length === 0) out.push(AML.ZERO);
  else if (segs.length === 2) out.push(AML.DUAL);
  else if (segs.length > 2) out.push(AML.MULTI, segs.length);
  for (const s of segs) out.push(...name_seg(s));
  return out;
}

/** PkgLength (20.2.4): the length of itself plus `len` bytes, in 1 to 4 bytes. */
export function aml_pkg_length(len: number): number[] {
  if (len + 1 < 0x40) return [len + 1];
  for (let n = 1; n <= 3; n++) {
    const total = len + n + 1;
    if (total < 1 << (4 + 8 * n)) {
      const out = [(n << 6) | (total & 0xf)];
      for (let i = 0; i < n; i++) out.push((total >>> (4 + 8 * i)) & 0xff);
      return out;
    }
  }
  throw new RangeError(`AML package of ${len} bytes is too long`);
}

/** An integer with the smallest encoding (aml_int). */
export function aml_int(v: number): number[] {
  if (v === 0) return [AML.ZERO];
  if (v === 1) return [AML.ONE];
  const le = (n: number, bytes: number) => Array.from({ length: bytes }, (_, i) => Math.floor(n / 2 ** (8 * i)) & 0xff);
  if (v <= 0xff) return [AML.BYTE, v];
  if (v <= 0xffff) return [AML.WORD, ...le(v, 2)];
  if (v <= 0xffffffff) return [AML.DWORD, ...le(v, 4)];
  return [AML.QWORD, ...le(v, 8)];
}

/** EISAID("PNP0A08"): three 5-bit letters and four hex digits in a byte-swapped DWORD (aml_eisaid). */
export function aml_eisaid(id: string): number {
  const c = (i: number) => (id.charCodeAt(i) - 0x40) & 0x1f;
  const hex = parseInt(id.slice(3), 16);
  const b0 = (c(0) << 2) | (c(1) >> 3);
  const b1 = ((c(1) & 7) << 5) | c(2);
  return (b0 | (b1 << 8) | (((hex >> 8) & 0xff) << 16) | ((hex & 0xff) << 24)) >>> 0;
}

function aml_data(v: aml_value): number[] {
  if (typeof v === 'number') return aml_int(v);
  if (typeof v === 'string') return [AML.STRING, ...ascii(v), 0];
  const body = [...aml_int(v.length), ...v];
  return [AML.BUFFER, ...aml_pkg_length(body.length), ...body];
}

/** The AML of a node: ScopeOp or DeviceOp, PkgLength, NameString, then its names and children. */
export function aml_encode(node: aml_node): number[] {
  const body = aml_name_string(node.name);
  for (const [n, v] of node.names) body.push(AML.NAME, ...aml_name_string(n), ...aml_data(v));
  for (const c of node.children) body.push(...aml_encode(c));
  const op = node.kind === 'scope' ? [AML.SCOPE] : [AML.EXT, AML.DEVICE];
  return [...op, ...aml_pkg_length(body.length), ...body];
}

// ---- resource templates (ACPI 6.4, 6.4) ------------------------------------------------

const le16 = (v: number) => [v & 0xff, (v >> 8) & 0xff];
const le32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

/** IO(Decode16, min, max, align, len): the small I/O port descriptor (aml_io). */
export const aml_io = (base: number, len: number, align = 1): number[] => [0x47, 0x01, ...le16(base), ...le16(base), align, len];
/** IRQNoFlags(){irq} (aml_irq_no_flags). */
export const aml_irq_no_flags = (irq: number): number[] => [0x22, ...le16(1 << irq)];
/** Memory32Fixed(ReadWrite, base, len) (aml_memory32_fixed). */
export const aml_memory32_fixed = (base: number, len: number, rw = true): number[] => [0x86, 9, 0, rw ? 1 : 0, ...le32(base), ...le32(len)];
/** Interrupt(ResourceConsumer, Level, ActiveHigh, Shared){irq} (aml_interrupt): the link devices' _CRS. */
export const aml_interrupt = (irq: number): number[] => [0x89, 6, 0, 0x01 | 0x08, 1, ...le32(irq)];

/** ResourceTemplate(){...}: the descriptors and the end tag (aml_resource_template). */
export function aml_resource_template(...items: number[][]): Uint8Array {
  return Uint8Array.from([...items.flat(), 0x79, 0x00]);
}
