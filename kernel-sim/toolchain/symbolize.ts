// Symbolizes wasm code locations like Linux backtraces: "func+0xOFF/0xSIZE" plus the learner's file:line from DWARF.
import { readModuleInfo, customSection, type ModuleInfo, type CodeBody } from './wasm/module-info.ts';
import { parseDebugLine, lookupLine, type LineSequence } from './dwarf-line.ts';

export interface SymbolizedFrame {
  funcIndex: number;
  name: string;
  /** Offset from the start of the function body, and the body size. */
  offset: number;
  size: number;
  /** "hello_init+0x1c/0x80" */
  text: string;
  file?: string;
  line?: number;
  column?: number;
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

export class Symbolizer {
  readonly info: ModuleInfo;
  private readonly lines: LineSequence[];

  constructor(readonly wasm: Uint8Array) {
    this.info = readModuleInfo(wasm);
    const dl = customSection(wasm, this.info.sections, '.debug_line');
    const strs = {
      ...(customSection(wasm, this.info.sections, '.debug_str') ? { str: customSection(wasm, this.info.sections, '.debug_str')! } : {}),
      ...(customSection(wasm, this.info.sections, '.debug_line_str') ? { lineStr: customSection(wasm, this.info.sections, '.debug_line_str')! } : {}),
    };
    this.lines = dl ? parseDebugLine(dl, strs) : [];
  }

  functionName(funcIndex: number): string {
    const n = this.info.functionNames.get(funcIndex);
    if (n) return n;
    const imp = this.info.imports.filter((i) => i.kind === 'function')[funcIndex];
    return imp ? imp.name : `wasm-function[${funcIndex}]`;
  }

  body(funcIndex: number): CodeBody | undefined {
    return this.info.bodies.find((b) => b.index === funcIndex);
  }

  /** Index of the function whose body contains the module byte offset. */
  functionAt(moduleOffset: number): number | undefined {
    return this.info.bodies.find((b) => moduleOffset >= b.start && moduleOffset < b.end)?.index;
  }

  /** `offset` is from the start of the function body (what "func+0xOFF" shows). */
  symbolize(funcIndex: number, offset: number): SymbolizedFrame {
    const b = this.body(funcIndex);
    const name = this.functionName(funcIndex);
    const size = b ? b.end - b.start : 0;
    const frame: SymbolizedFrame = { funcIndex, name, offset, size, text: `${name}+${hex(offset)}/${hex(size)}` };
    if (b && this.info.codeSection) {
      const row = lookupLine(this.lines, b.start + offset - this.info.codeSection.start);
      if (row) { frame.file = row.file; frame.line = row.line; frame.column = row.column; }
    }
    return frame;
  }

  /** From a module byte offset, as V8 reports in "wasm-function[i]:0xOFFSET". */
  symbolizeModuleOffset(moduleOffset: number): SymbolizedFrame | undefined {
    const idx = this.functionAt(moduleOffset);
    if (idx === undefined) return undefined;
    return this.symbolize(idx, moduleOffset - this.body(idx)!.start);
  }

  /** Body offsets of the rows DWARF maps to `file` (suffix match) and `line`, per function: for tests and breakpoints. */
  addressesOfLine(file: string, line: number): { funcIndex: number; offset: number }[] {
    const out: { funcIndex: number; offset: number }[] = [];
    const base = this.info.codeSection?.start ?? 0;
    for (const s of this.lines) for (const r of s.rows) {
      if (r.endSequence || r.line !== line || !r.file.endsWith(file)) continue;
      const idx = this.functionAt(r.address + base);
      if (idx !== undefined) out.push({ funcIndex: idx, offset: r.address + base - this.body(idx)!.start });
    }
    return out;
  }
}
