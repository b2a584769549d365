// Computes wasm32 offsets, sizes and alignments of the layout specs (the C rules clang applies for --target=wasm32).
import { type FieldSpec, type StructSpec, isUnion, layoutKey } from './spec.ts';
import { LAYOUT_CONSTANTS, SCALARS, SCALAR_SIZE, type ScalarKind } from './index.ts';

export interface FieldLayout {
  name: string;
  offset: number;
  /** Size of the whole member (all elements for arrays). */
  size: number;
  /** Scalar kind of one element, or the struct key for an embedded struct. */
  kind: ScalarKind | `struct:${string}`;
  count?: number;
  /** A bitfield: its first bit within the storage unit at `offset` (of `size` bytes), and its width. */
  bit?: number;
  bits?: number;
}

export interface StructLayout {
  key: string;
  size: number;
  align: number;
  fields: readonly FieldLayout[];
}

interface TypeInfo { size: number; align: number; kind: FieldLayout['kind'] }

function stripQualifiers(t: string): string {
  return t.replace(/\b(const|volatile|__user|__iomem|__rcu|__percpu)\b/g, ' ').replace(/\s+/g, ' ').trim();
}

function align(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

export function computeLayouts(specs: StructSpec[]): Map<string, StructLayout> {
  const byKey = new Map<string, StructSpec>();
  const typedefs = new Map<string, string>();
  for (const s of specs) {
    byKey.set(layoutKey(s), s);
    if (s.typedef) typedefs.set(s.typedef, layoutKey(s));
  }
  const done = new Map<string, StructLayout>();

  function typeInfo(type: string, owner: string): TypeInfo {
    if (type.includes('%s') || type.includes('*')) return { size: 4, align: 4, kind: 'ptr' };
    const t = stripQualifiers(type);
    const scalar = SCALARS[t];
    if (scalar) { const sz = SCALAR_SIZE[scalar]; return { size: sz, align: sz, kind: scalar }; }
    const key = t.startsWith('struct ') ? t.slice(7) : typedefs.get(t);
    if (key === undefined || !byKey.has(key)) throw new Error(`layout ${owner}: unknown type '${type}'`);
    const l = layoutOf(key);
    return { size: l.size, align: l.align, kind: `struct:${key}` };
  }

  function countOf(f: FieldSpec, owner: string): number | undefined {
    if (f.count === undefined) return undefined;
    if (typeof f.count === 'number') return f.count;
    const v = LAYOUT_CONSTANTS[f.count];
    if (v === undefined) throw new Error(`layout ${owner}: unknown constant ${f.count}`);
    return v;
  }

  function layoutOf(key: string): StructLayout {
    const have = done.get(key);
    if (have) return have;
    const spec = byKey.get(key);
    if (!spec) throw new Error(`no layout for ${key}`);
    const fields: FieldLayout[] = [];
    let off = 0;
    /** The bit after the last bitfield placed (0 when the member before was not a bitfield). */
    let bitEnd = 0;
    let maxAlign = 1;
    /**
     * A bitfield goes at the next free bit unless it would cross a storage unit of its type, then at the next unit
     * (the SysV rule clang applies for wasm32); its type's alignment counts for the struct's.
     */
    const placeBits = (f: FieldSpec, width: number): void => {
      const ti = typeInfo(f.type, key);
      const unit = ti.size * 8;
      let b = bitEnd > 0 ? bitEnd : off * 8;
      if (Math.floor(b / unit) !== Math.floor((b + width - 1) / unit)) b = align(b, unit);
      fields.push({ name: f.name, offset: Math.floor(b / unit) * ti.size, size: ti.size, kind: ti.kind, bit: b % unit, bits: width });
      bitEnd = b + width;
      off = Math.ceil(bitEnd / 8);
      maxAlign = Math.max(maxAlign, ti.align);
    };
    const place = (f: FieldSpec, at: number): { size: number; align: number } => {
      const ti = typeInfo(f.type, key);
      const n = countOf(f, key);
      const size = ti.size * (n ?? 1);
      const o = align(at, ti.align);
      fields.push({ name: f.name, offset: o, size, kind: ti.kind, ...(n !== undefined ? { count: n } : {}) });
      return { size: o - at + size, align: ti.align };
    };
    for (const m of spec.members) {
      if (!isUnion(m) && m.bits !== undefined) { placeBits(m, m.bits); continue; }
      bitEnd = 0;
      if (isUnion(m)) {
        let uAlign = 1;
        for (const f of m.union) uAlign = Math.max(uAlign, typeInfo(f.type, key).align);
        const start = align(off, uAlign);
        let uSize = 0;
        for (const f of m.union) uSize = Math.max(uSize, place(f, start).size);
        off = start + align(uSize, uAlign);
        maxAlign = Math.max(maxAlign, uAlign);
      } else {
        const r = place(m, off);
        off += r.size;
        maxAlign = Math.max(maxAlign, r.align);
      }
    }
    const result: StructLayout = { key, size: align(off, maxAlign), align: maxAlign, fields };
    done.set(key, result);
    return result;
  }

  for (const s of specs) layoutOf(layoutKey(s));
  return done;
}
