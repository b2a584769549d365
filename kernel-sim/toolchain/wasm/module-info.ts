// Reads what the loader and symbolizer need from a linked wasm module: imports, exports, global inits, code bodies, data segments, names.
import { WasmReader } from './reader.ts';
import { SECTION, customSection, parseSections, type Section } from './sections.ts';

export type ExternalKind = 'function' | 'table' | 'memory' | 'global' | 'tag';
const KINDS: ExternalKind[] = ['function', 'table', 'memory', 'global', 'tag'];

export interface WasmImport { module: string; name: string; kind: ExternalKind }
export interface WasmExport { name: string; kind: ExternalKind; index: number }
export interface CodeBody {
  /** Global function index (imports first). */
  index: number;
  /** Offset in the module of the body's first byte (its locals), after the size. */
  start: number;
  /** Offset just past the body. */
  end: number;
}
export interface DataSegment {
  /** 'active' segments carry an offset: an i32 constant and/or a global.get (e.g. __memory_base). */
  mode: 'active' | 'passive';
  offset?: number;
  offsetGlobal?: number;
  /** Offset of the segment's bytes in the module. */
  start: number;
  bytes: Uint8Array;
}
export interface GlobalInfo { index: number; init: { i32?: number; globalGet?: number }; mutable: boolean }

export interface ModuleInfo {
  sections: Section[];
  imports: WasmImport[];
  exports: WasmExport[];
  importedFunctionCount: number;
  importedGlobalCount: number;
  globals: GlobalInfo[];
  codeSection?: Section;
  bodies: CodeBody[];
  data: DataSegment[];
  functionNames: Map<number, string>;
  globalNames: Map<number, string>;
  dataSegmentNames: Map<number, string>;
}

function skipLimits(r: WasmReader): void {
  const flags = r.u8();
  r.u32();
  if (flags & 1) r.u32();
}

function readImports(r: WasmReader, info: ModuleInfo): void {
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    const module = r.name();
    const name = r.name();
    const k = r.u8();
    const kind = KINDS[k];
    if (!kind) throw new Error(`wasm: import kind ${k}`);
    if (kind === 'function') { r.u32(); info.importedFunctionCount++; }
    else if (kind === 'table') { r.u8(); skipLimits(r); }
    else if (kind === 'memory') skipLimits(r);
    else if (kind === 'global') { r.u8(); r.u8(); info.importedGlobalCount++; }
    else { r.u8(); r.u32(); }
    info.imports.push({ module, name, kind });
  }
}

function readNames(r: WasmReader, info: ModuleInfo): void {
  while (!r.done) {
    const id = r.u8();
    const size = r.u32();
    const end = r.pos + size;
    const target = id === 1 ? info.functionNames : id === 7 ? info.globalNames : id === 9 ? info.dataSegmentNames : undefined;
    if (target) {
      const n = r.u32();
      for (let i = 0; i < n; i++) { const idx = r.u32(); target.set(idx, r.name()); }
    }
    r.pos = end;
  }
}

export function readModuleInfo(bytes: Uint8Array): ModuleInfo {
  const sections = parseSections(bytes);
  const info: ModuleInfo = {
    sections, imports: [], exports: [], importedFunctionCount: 0, importedGlobalCount: 0, globals: [], bodies: [], data: [],
    functionNames: new Map(), globalNames: new Map(), dataSegmentNames: new Map(),
  };
  for (const s of sections) {
    const r = new WasmReader(bytes, s.start, s.end);
    if (s.id === SECTION.import) readImports(r, info);
    else if (s.id === SECTION.global) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        r.u8();
        const mutable = r.u8() === 1;
        info.globals.push({ index: info.importedGlobalCount + i, mutable, init: r.constExpr() });
      }
    } else if (s.id === SECTION.export) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const name = r.name();
        const kind = KINDS[r.u8()] ?? 'function';
        info.exports.push({ name, kind, index: r.u32() });
      }
    } else if (s.id === SECTION.code) {
      info.codeSection = s;
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const size = r.u32();
        info.bodies.push({ index: info.importedFunctionCount + i, start: r.pos, end: r.pos + size });
        r.pos += size;
      }
    } else if (s.id === SECTION.data) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const flags = r.u32();
        let seg: Omit<DataSegment, 'start' | 'bytes'> = { mode: 'passive' };
        if (flags === 0 || flags === 2) {
          if (flags === 2) r.u32();
          const e = r.constExpr();
          seg = { mode: 'active', ...(e.i32 !== undefined ? { offset: e.i32 } : {}), ...(e.globalGet !== undefined ? { offsetGlobal: e.globalGet } : {}) };
        }
        const len = r.u32();
        const start = r.pos;
        info.data.push({ ...seg, start, bytes: r.bytesN(len) });
      }
    } else if (s.id === 0 && s.name === 'name') readNames(r, info);
  }
  return info;
}

/** The value of an exported immutable i32 global (for data symbols in PIC modules: an offset from __memory_base). */
export function exportedGlobalValue(info: ModuleInfo, name: string): number | undefined {
  const e = info.exports.find((x) => x.name === name && x.kind === 'global');
  if (!e) return undefined;
  return info.globals.find((g) => g.index === e.index)?.init.i32;
}

export { customSection };
