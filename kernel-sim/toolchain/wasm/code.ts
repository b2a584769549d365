// Decodes a wasm function body into instructions (offset + a key of opcode and immediates), to match code across rewrites.
import { WasmReader } from './reader.ts';

export interface Instr {
  /** Module byte offset of the opcode. */
  offset: number;
  /** Opcode and immediates, e.g. "call:kmalloc", "i32.load:2:16", "unreachable". Calls use the callee's name. */
  key: string;
}

function blockType(r: WasmReader): void {
  const b = r.bytes[r.pos]!;
  if (b === 0x40 || b === 0x7f || b === 0x7e || b === 0x7d || b === 0x7c || b === 0x7b || b === 0x70 || b === 0x6f) r.pos++;
  else r.s64();
}

function memarg(r: WasmReader): string {
  const align = r.u32();
  if (align & 0x40) r.u32();
  return `${align & 0x3f}:${r.u32()}`;
}

/** Decodes the body [start, end) (start = first byte after the body size). `fname` names function indices. */
export function decodeBody(bytes: Uint8Array, start: number, end: number, fname: (i: number) => string): Instr[] {
  const r = new WasmReader(bytes, start, end);
  const groups = r.u32();
  for (let i = 0; i < groups; i++) { r.u32(); r.u8(); }
  const out: Instr[] = [];
  while (r.pos < end) {
    const offset = r.pos;
    const op = r.u8();
    let key = op.toString(16);
    if (op === 0x02 || op === 0x03 || op === 0x04) blockType(r);
    else if (op === 0x0c || op === 0x0d) key += `:${r.u32()}`;
    else if (op === 0x0e) { const n = r.u32(); for (let i = 0; i <= n; i++) r.u32(); }
    else if (op === 0x10 || op === 0x12) key = `call:${fname(r.u32())}`;
    else if (op === 0x11 || op === 0x13) { key += `:${r.u32()}`; r.u32(); }
    else if (op === 0x1c) { const n = r.u32(); for (let i = 0; i < n; i++) r.u8(); }
    else if (op >= 0x20 && op <= 0x24) r.u32();
    else if (op === 0x25 || op === 0x26) r.u32();
    else if (op >= 0x28 && op <= 0x3e) key += `:${memarg(r)}`;
    else if (op === 0x3f || op === 0x40) r.u32();
    else if (op === 0x41) key += `:${r.s32()}`;
    else if (op === 0x42) key += `:${r.s64()}`;
    else if (op === 0x43) r.bytesN(4);
    else if (op === 0x44) r.bytesN(8);
    else if (op === 0xd0) r.u8();
    else if (op === 0xd2) r.u32();
    else if (op === 0xfc) {
      const sub = r.u32();
      key += `.${sub}`;
      if (sub === 8) { r.u32(); r.u32(); }
      else if (sub === 9 || sub === 13 || sub === 15 || sub === 16 || sub === 17) r.u32();
      else if (sub === 10 || sub === 12 || sub === 14) { r.u32(); r.u32(); }
      else if (sub === 11) r.u32();
    } else if (op === 0xfd || op === 0xfe) return out;
    out.push({ offset, key });
  }
  return out;
}
