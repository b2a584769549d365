// A cursor over wasm binary bytes: LEB128 integers, names, byte vectors, constant expressions.

export class WasmReader {
  pos: number;
  constructor(readonly bytes: Uint8Array, start = 0, readonly end = bytes.length) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) throw new RangeError('wasm: unexpected end of data');
    return this.bytes[this.pos++]!;
  }

  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.u8();
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      shift += 7;
      if (shift > 35) throw new RangeError('wasm: LEB128 too long');
    }
  }

  s64(): bigint {
    let result = 0n;
    let shift = 0n;
    let b: number;
    do {
      b = this.u8();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    if (b & 0x40) result -= 1n << shift;
    return result;
  }

  s32(): number {
    return Number(BigInt.asIntN(32, this.s64()));
  }

  u32le(): number {
    const v = (this.u8() | (this.u8() << 8) | (this.u8() << 16) | (this.u8() << 24)) >>> 0;
    return v;
  }

  bytesN(n: number): Uint8Array {
    if (this.pos + n > this.end) throw new RangeError('wasm: vector past end');
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  name(): string {
    return new TextDecoder().decode(this.bytesN(this.u32()));
  }

  /** Reads a constant expression up to its `end`; returns the i32.const value when it is one (else undefined). */
  constExpr(): { i32?: number; globalGet?: number } {
    const out: { i32?: number; globalGet?: number } = {};
    for (;;) {
      const op = this.u8();
      if (op === 0x0b) return out;
      if (op === 0x41) out.i32 = this.s32();
      else if (op === 0x42) this.s64();
      else if (op === 0x23) out.globalGet = this.u32();
      else if (op === 0x43) this.bytesN(4);
      else if (op === 0x44) this.bytesN(8);
      else if (op === 0xd2) this.u32();
      else if (op === 0xd0) this.u8();
      else if (op === 0x6a || op === 0x6b || op === 0x6c || op === 0x7c || op === 0x7d || op === 0x7e) { /* extended-const arithmetic */ }
      else throw new RangeError(`wasm: unsupported opcode 0x${op.toString(16)} in constant expression`);
    }
  }
}
