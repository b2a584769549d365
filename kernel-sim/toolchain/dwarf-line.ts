// Parses DWARF .debug_line (versions 2-5) into address -> file:line:column rows; wasm addresses are code-section offsets.
import { WasmReader } from './wasm/reader.ts';

export interface LineRow { address: number; file: string; line: number; column: number; endSequence: boolean }
/** One contiguous run of rows (a DWARF sequence), sorted by address. */
export interface LineSequence { start: number; end: number; rows: LineRow[] }

const DW_FORM_string = 0x08, DW_FORM_strp = 0x0e, DW_FORM_udata = 0x0f, DW_FORM_line_strp = 0x1f;
const DW_FORM_data1 = 0x0b, DW_FORM_data2 = 0x05, DW_FORM_data4 = 0x06, DW_FORM_data8 = 0x07, DW_FORM_data16 = 0x1e, DW_FORM_block = 0x09;
const DW_LNCT_path = 1, DW_LNCT_directory_index = 2;

function cstring(bytes: Uint8Array | undefined, off: number): string {
  if (!bytes) return '';
  let e = off;
  while (e < bytes.length && bytes[e] !== 0) e++;
  return new TextDecoder().decode(bytes.subarray(off, e));
}

function readCString(r: WasmReader): string {
  const start = r.pos;
  while (r.u8() !== 0) { /* scan */ }
  return new TextDecoder().decode(r.bytes.subarray(start, r.pos - 1));
}

function u16(r: WasmReader): number { return r.u8() | (r.u8() << 8); }

function readForm(r: WasmReader, form: number, strs: { str?: Uint8Array; lineStr?: Uint8Array }): string | number {
  switch (form) {
    case DW_FORM_string: return readCString(r);
    case DW_FORM_line_strp: return cstring(strs.lineStr, r.u32le());
    case DW_FORM_strp: return cstring(strs.str, r.u32le());
    case DW_FORM_udata: return r.u32();
    case DW_FORM_data1: return r.u8();
    case DW_FORM_data2: return u16(r);
    case DW_FORM_data4: return r.u32le();
    case DW_FORM_data8: r.bytesN(8); return 0;
    case DW_FORM_data16: r.bytesN(16); return 0;
    case DW_FORM_block: r.bytesN(r.u32()); return 0;
    default: throw new Error(`debug_line: unsupported form 0x${form.toString(16)}`);
  }
}

function join(dir: string, name: string): string {
  if (name.startsWith('/') || dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

export function parseDebugLine(data: Uint8Array, strs: { str?: Uint8Array; lineStr?: Uint8Array } = {}): LineSequence[] {
  const seqs: LineSequence[] = [];
  const r = new WasmReader(data);
  while (!r.done) {
    const unitLength = r.u32le();
    if (unitLength === 0xffffffff) throw new Error('debug_line: 64-bit DWARF is not supported');
    const unitEnd = r.pos + unitLength;
    const version = u16(r);
    if (version >= 5) { r.u8(); r.u8(); }
    const headerLength = r.u32le();
    const programStart = r.pos + headerLength;
    const minInst = r.u8();
    if (version >= 4) r.u8();
    const defaultIsStmt = r.u8();
    void defaultIsStmt;
    const lineBase = (r.u8() << 24) >> 24;
    const lineRange = r.u8();
    const opcodeBase = r.u8();
    const stdLengths: number[] = [];
    for (let i = 1; i < opcodeBase; i++) stdLengths.push(r.u8());
    const files: string[] = [];
    if (version >= 5) {
      const readEntries = (): { path: string; dir: number }[] => {
        const nf = r.u8();
        const formats: [number, number][] = [];
        for (let i = 0; i < nf; i++) formats.push([r.u32(), r.u32()]);
        const n = r.u32();
        const out: { path: string; dir: number }[] = [];
        for (let i = 0; i < n; i++) {
          const e = { path: '', dir: 0 };
          for (const [ct, form] of formats) {
            const v = readForm(r, form, strs);
            if (ct === DW_LNCT_path) e.path = String(v);
            else if (ct === DW_LNCT_directory_index) e.dir = Number(v);
          }
          out.push(e);
        }
        return out;
      };
      const dirs = readEntries().map((d) => d.path);
      for (const f of readEntries()) files.push(f.dir === 0 ? f.path : join(dirs[f.dir] ?? '', f.path));
    } else {
      const dirs: string[] = [''];
      for (let d = readCString(r); d !== ''; d = readCString(r)) dirs.push(d);
      files.push('');
      for (let name = readCString(r); name !== ''; name = readCString(r)) {
        const dir = r.u32(); r.u32(); r.u32();
        files.push(join(dirs[dir] ?? '', name));
      }
    }
    r.pos = programStart;
    let address = 0, file = 1, line = 1, column = 0;
    let rows: LineRow[] = [];
    const emit = (end: boolean): void => { rows.push({ address, file: files[file] ?? `file${file}`, line, column, endSequence: end }); };
    while (r.pos < unitEnd) {
      const op = r.u8();
      if (op >= opcodeBase) {
        const adj = op - opcodeBase;
        address += Math.floor(adj / lineRange) * minInst;
        line += lineBase + (adj % lineRange);
        emit(false);
      } else if (op === 0) {
        const len = r.u32();
        const end = r.pos + len;
        const sub = r.u8();
        if (sub === 1) {
          emit(true);
          if (rows.length && rows[0]!.address < 0xfffffff0) seqs.push({ start: rows[0]!.address, end: address, rows });
          rows = [];
          address = 0; file = 1; line = 1; column = 0;
        } else if (sub === 2) {
          address = len - 1 === 8 ? Number(new DataView(r.bytes.buffer, r.bytes.byteOffset + r.pos).getBigUint64(0, true) & 0xffffffffn) : r.u32le();
        }
        r.pos = end;
      } else if (op === 1) emit(false);
      else if (op === 2) address += r.u32() * minInst;
      else if (op === 3) line += Number(r.s64());
      else if (op === 4) file = r.u32();
      else if (op === 5) column = r.u32();
      else if (op === 8) address += Math.floor((255 - opcodeBase) / lineRange) * minInst;
      else if (op === 9) address += u16(r);
      else if (op === 12) r.u32();
      else if (op === 6 || op === 7 || op === 10 || op === 11) { /* flags we do not need */ }
      else for (let i = 0; i < (stdLengths[op - 1] ?? 0); i++) r.u32();
    }
    r.pos = unitEnd;
  }
  return seqs.sort((a, b) => a.start - b.start);
}

/** The row covering `address` (the last row at or before it within its sequence). */
export function lookupLine(seqs: LineSequence[], address: number): LineRow | undefined {
  for (const s of seqs) {
    if (address < s.start || address >= s.end) continue;
    let best: LineRow | undefined;
    for (const row of s.rows) {
      if (row.endSequence) break;
      if (row.address <= address && (!best || row.address >= best.address)) best = row;
    }
    if (best) return best;
  }
  return undefined;
}
