// Symbolizes wasm code locations like Linux backtraces: "func+0xOFF/0xSIZE" plus the learner's file:line from DWARF.
import { readModuleInfo, customSection, type ModuleInfo, type CodeBody } from './wasm/module-info.ts';
import { parseDebugLine, lookupLine, type LineSequence } from './dwarf-line.ts';
import { decodeBody, type Instr } from './wasm/code.ts';

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
  private readonly original: Symbolizer | undefined;
  private readonly decoded = new Map<number, Instr[]>();

  /**
   * `linesFrom`: the module before a rewrite that dropped line info (binaryen asyncify). Lines are then found by matching
   * the instruction at the location (opcode, immediates, callee name, and its ordinal in the function) in the original.
   */
  constructor(readonly wasm: Uint8Array, opts: { linesFrom?: Uint8Array } = {}) {
    this.info = readModuleInfo(wasm);
    this.original = opts.linesFrom ? new Symbolizer(opts.linesFrom) : undefined;
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
    const row = this.original ? this.lineViaOriginal(funcIndex, offset) : b && this.info.codeSection
      ? lookupLine(this.lines, b.start + offset - this.info.codeSection.start) : undefined;
    if (row) { frame.file = row.file; frame.line = row.line; frame.column = row.column; }
    return frame;
  }

  instructions(funcIndex: number): Instr[] {
    let d = this.decoded.get(funcIndex);
    if (!d) {
      const b = this.body(funcIndex);
      d = b ? decodeBody(this.wasm, b.start, b.end, (i) => this.functionName(i)) : [];
      this.decoded.set(funcIndex, d);
    }
    return d;
  }

  private lineViaOriginal(funcIndex: number, offset: number): { file: string; line: number; column: number } | undefined {
    const o = this.original!;
    const b = this.body(funcIndex);
    if (!b) return undefined;
    const name = this.functionName(funcIndex);
    const oIndex = [...o.info.functionNames].find(([, n]) => n === name)?.[0];
    if (oIndex === undefined) return undefined;
    const ins = this.instructions(funcIndex);
    let at = -1;
    for (let i = 0; i < ins.length && ins[i]!.offset <= b.start + offset; i++) at = i;
    if (at < 0) return undefined;
    const key = ins[at]!.key;
    const ordinal = ins.slice(0, at).filter((x) => x.key === key).length;
    const match = o.instructions(oIndex).filter((x) => x.key === key)[ordinal];
    if (!match) return undefined;
    const f = o.symbolize(oIndex, match.offset - o.body(oIndex)!.start);
    return f.line === undefined ? undefined : { file: f.file!, line: f.line, column: f.column ?? 0 };
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
