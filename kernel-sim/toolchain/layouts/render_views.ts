// Renders the computed layouts as typed accessor classes over the kernel memory (views.generated.ts): one class per struct, offsets as constants.
import type { FieldLayout, StructLayout } from './compute.ts';
import type { ScalarKind } from './index.ts';

/** The kmem.ts reader and writer for each scalar kind, and the TypeScript type a field of that kind has. */
const ACCESS: Record<ScalarKind, { read: string; write: string; ts: string }> = {
  i8: { read: 'kread_i8', write: 'kwrite_u8', ts: 'number' },
  u8: { read: 'kread_u8', write: 'kwrite_u8', ts: 'number' },
  bool: { read: 'kread_bool', write: 'kwrite_bool', ts: 'boolean' },
  i16: { read: 'kread_i16', write: 'kwrite_u16', ts: 'number' },
  u16: { read: 'kread_u16', write: 'kwrite_u16', ts: 'number' },
  i32: { read: 'kread_i32', write: 'kwrite_i32', ts: 'number' },
  u32: { read: 'kread_u32', write: 'kwrite_u32', ts: 'number' },
  ptr: { read: 'kread_u32', write: 'kwrite_u32', ts: 'number' },
  i64: { read: 'kread_i64_num', write: 'kwrite_i64_num', ts: 'number' },
  u64: { read: 'kread_u64_num', write: 'kwrite_i64_num', ts: 'number' },
};

/** The class name of a layout key: `struct_file`, `struct_kuid_t`. */
export function viewClass(key: string): string {
  return `struct_${key}`;
}

function elemSize(f: FieldLayout): number {
  return f.count ? f.size / f.count : f.size;
}

function renderField(f: FieldLayout): string[] {
  const at = f.offset ? ` + ${f.offset}` : '';
  // The view's own address is `addr`: a C field of that name (i2c_client.addr, i2c_msg.addr) is reached as `addr_`.
  const name = f.name === 'addr' ? 'addr_' : f.name;
  if (f.kind.startsWith('struct:')) {
    const cls = viewClass(f.kind.slice(7));
    if (f.count) return [`  ${name}_at(i: number): ${cls} { return new ${cls}(this.addr${at} + i * ${elemSize(f)}); }`];
    return [`  get ${name}(): ${cls} { return new ${cls}(this.addr${at}); }`];
  }
  const a = ACCESS[f.kind as ScalarKind];
  if (f.bits !== undefined) {
    // A bitfield: its bits of the storage unit, written back without touching the bitfields beside it.
    const mask = 2 ** f.bits - 1, shifted = (mask * 2 ** f.bit!) >>> 0;
    return [
      `  get ${name}(): number { return Math.floor(${a.read}(this.addr${at}) / ${2 ** f.bit!}) & ${mask}; }`,
      `  set ${name}(v: number) { const o = ${a.read}(this.addr${at}); ${a.write}(this.addr${at}, ((o & ~${shifted}) | ((v & ${mask}) * ${2 ** f.bit!})) >>> 0); }`,
    ];
  }
  if (f.count) {
    return [
      `  ${name}_at(i: number): ${a.ts} { return ${a.read}(this.addr${at} + i * ${elemSize(f)}); }`,
      `  set_${name}_at(i: number, v: ${a.ts}): void { ${a.write}(this.addr${at} + i * ${elemSize(f)}, v); }`,
    ];
  }
  return [
    `  get ${name}(): ${a.ts} { return ${a.read}(this.addr${at}); }`,
    `  set ${name}(v: ${a.ts}) { ${a.write}(this.addr${at}, v); }`,
  ];
}

export function renderViewsModule(layouts: Map<string, StructLayout>): string {
  const used = new Set<string>();
  for (const l of layouts.values()) {
    for (const f of l.fields) if (!f.kind.startsWith('struct:')) { used.add(ACCESS[f.kind as ScalarKind].read); used.add(ACCESS[f.kind as ScalarKind].write); }
  }
  const readers = [...used].sort();
  const lines = [
    '// Generated typed views of kernel structs in the kernel memory, from kernel-sim/toolchain/layouts; run scripts/gen-headers.ts, do not edit.',
    '//',
    '// `file_view(addr).f_pos` reads the loff_t at addr + its offset; 64-bit fields are numbers (exact below 2^53),',
    '// embedded structs are views, arrays are `name_at(i)`. Offsets are constants in each class (OFF) and in the code.',
    `import { ${readers.join(', ')} } from '../../mm/kmem.ts';`,
    '',
  ];
  for (const [key, l] of [...layouts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const cls = viewClass(key);
    const off = l.fields.map((f) => `${f.name}: ${f.offset}`).join(', ');
    lines.push(`export class ${cls} {`);
    lines.push(`  static readonly SIZE = ${l.size};`);
    lines.push(`  static readonly OFF = { ${off} } as const;`);
    lines.push('  constructor(readonly addr: number) {}');
    for (const f of l.fields) lines.push(...renderField(f));
    lines.push('}');
    lines.push(`export const ${key}_view = (addr: number): ${cls} => new ${cls}(addr);`);
    lines.push('');
  }
  return lines.join('\n');
}
