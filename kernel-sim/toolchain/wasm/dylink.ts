// Parses a PIC module's dylink.0 section (tool-conventions/DynamicLinking.md): memory/table needs, needed libs, export/import flags.
import { WasmReader } from './reader.ts';

export interface DylinkInfo {
  memorySize: number;
  /** log2 of the required alignment, as encoded. */
  memoryAlignLog2: number;
  tableSize: number;
  tableAlignLog2: number;
  needed: string[];
  exportInfo: { name: string; flags: number }[];
  importInfo: { module: string; field: string; flags: number }[];
  runtimePaths: string[];
}

export const WASM_SYMBOL_BINDING_WEAK = 0x1;
export const WASM_SYMBOL_TLS = 0x100;

export function parseDylink(payload: Uint8Array): DylinkInfo {
  const r = new WasmReader(payload);
  const info: DylinkInfo = { memorySize: 0, memoryAlignLog2: 0, tableSize: 0, tableAlignLog2: 0, needed: [], exportInfo: [], importInfo: [], runtimePaths: [] };
  while (!r.done) {
    const type = r.u8();
    const len = r.u32();
    const end = r.pos + len;
    if (type === 1) {
      info.memorySize = r.u32();
      info.memoryAlignLog2 = r.u32();
      info.tableSize = r.u32();
      info.tableAlignLog2 = r.u32();
    } else if (type === 2) {
      const n = r.u32();
      for (let i = 0; i < n; i++) info.needed.push(r.name());
    } else if (type === 3) {
      const n = r.u32();
      for (let i = 0; i < n; i++) info.exportInfo.push({ name: r.name(), flags: r.u32() });
    } else if (type === 4) {
      const n = r.u32();
      for (let i = 0; i < n; i++) info.importInfo.push({ module: r.name(), field: r.name(), flags: r.u32() });
    } else if (type === 5) {
      const n = r.u32();
      for (let i = 0; i < n; i++) info.runtimePaths.push(r.name());
    }
    r.pos = end;
  }
  return info;
}
