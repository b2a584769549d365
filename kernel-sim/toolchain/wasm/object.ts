// Reads a relocatable wasm object (clang -c): data segment names and the symbol table from its "linking" section.
import { WasmReader } from './reader.ts';
import { readModuleInfo, customSection, type DataSegment } from './module-info.ts';

export interface ObjSymbol {
  kind: 'function' | 'data' | 'global' | 'section' | 'tag' | 'table';
  name: string;
  flags: number;
  defined: boolean;
  /** Data symbols that are defined. */
  segment?: number;
  offset?: number;
  size?: number;
}

export interface ObjectInfo {
  segments: (DataSegment & { name: string })[];
  symbols: ObjSymbol[];
}

const SYM_KINDS = ['function', 'data', 'global', 'section', 'tag', 'table'] as const;
export const WASM_SYM_UNDEFINED = 0x10;
export const WASM_SYM_EXPLICIT_NAME = 0x40;

export function readObject(bytes: Uint8Array): ObjectInfo {
  const info = readModuleInfo(bytes);
  const linking = customSection(bytes, info.sections, 'linking');
  const segNames: string[] = [];
  const symbols: ObjSymbol[] = [];
  if (linking) {
    const r = new WasmReader(linking);
    r.u32();
    while (!r.done) {
      const type = r.u8();
      const len = r.u32();
      const end = r.pos + len;
      if (type === 5) {
        const n = r.u32();
        for (let i = 0; i < n; i++) { segNames.push(r.name()); r.u32(); r.u32(); }
      } else if (type === 8) {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const kind = SYM_KINDS[r.u8()] ?? 'function';
          const flags = r.u32();
          const defined = !(flags & WASM_SYM_UNDEFINED);
          if (kind === 'data') {
            const name = r.name();
            if (defined) symbols.push({ kind, name, flags, defined, segment: r.u32(), offset: r.u32(), size: r.u32() });
            else symbols.push({ kind, name, flags, defined });
          } else if (kind === 'section') {
            r.u32();
            symbols.push({ kind, name: '', flags, defined });
          } else {
            r.u32();
            const name = defined || flags & WASM_SYM_EXPLICIT_NAME ? r.name() : '';
            symbols.push({ kind, name, flags, defined });
          }
        }
      }
      r.pos = end;
    }
  }
  return { segments: info.data.map((d, i) => ({ ...d, name: segNames[i] ?? '' })), symbols };
}

/** The initialized bytes of a defined data symbol (undefined for .bss or unknown symbols). */
export function symbolBytes(obj: ObjectInfo, name: string): Uint8Array | undefined {
  const s = obj.symbols.find((x) => x.kind === 'data' && x.defined && x.name === name);
  if (!s || s.segment === undefined) return undefined;
  const seg = obj.segments[s.segment];
  if (!seg) return undefined;
  return seg.bytes.subarray(s.offset!, s.offset! + s.size!);
}
