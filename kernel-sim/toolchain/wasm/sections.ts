// Splits a wasm binary into its sections (id, custom-section name, payload range).
import { WasmReader } from './reader.ts';

export interface Section {
  id: number;
  /** Custom sections only. */
  name?: string;
  /** Offset of the section id byte. */
  headerStart: number;
  /** Payload range (for custom sections, after the name). */
  start: number;
  end: number;
}

export const SECTION = {
  custom: 0, type: 1, import: 2, function: 3, table: 4, memory: 5, global: 6, export: 7,
  start: 8, element: 9, code: 10, data: 11, dataCount: 12, tag: 13,
} as const;

export function parseSections(bytes: Uint8Array): Section[] {
  const r = new WasmReader(bytes);
  const magic = r.u32le();
  const version = r.u32le();
  if (magic !== 0x6d736100 || version !== 1) throw new Error('not a wasm module');
  const out: Section[] = [];
  while (!r.done) {
    const headerStart = r.pos;
    const id = r.u8();
    const size = r.u32();
    const payload = r.pos;
    const end = payload + size;
    if (id === 0) {
      const nr = new WasmReader(bytes, payload, end);
      const name = nr.name();
      out.push({ id, name, headerStart, start: nr.pos, end });
    } else {
      out.push({ id, headerStart, start: payload, end });
    }
    r.pos = end;
  }
  return out;
}

export function customSection(bytes: Uint8Array, sections: Section[], name: string): Uint8Array | undefined {
  const s = sections.find((x) => x.id === 0 && x.name === name);
  return s ? bytes.subarray(s.start, s.end) : undefined;
}

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Returns `bytes` with a custom section appended (replacing any section of the same name). */
export function withCustomSection(bytes: Uint8Array, name: string, payload: Uint8Array): Uint8Array {
  const sections = parseSections(bytes);
  const keep: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const s of sections) if (!(s.id === 0 && s.name === name)) keep.push(bytes.subarray(s.headerStart, s.end));
  const nameBytes = new TextEncoder().encode(name);
  const body = [...leb(nameBytes.length), ...nameBytes];
  const size = body.length + payload.length;
  keep.push(Uint8Array.from([0, ...leb(size), ...body]), payload);
  const total = keep.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of keep) { out.set(p, o); o += p.length; }
  return out;
}

/** Returns `bytes` without the custom sections whose name `drop` accepts. */
export function withoutCustomSections(bytes: Uint8Array, drop: (name: string) => boolean): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const s of parseSections(bytes)) if (!(s.id === 0 && drop(s.name ?? ''))) parts.push(bytes.subarray(s.headerStart, s.end));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
