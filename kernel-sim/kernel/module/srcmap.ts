// Maps code offsets of an instrumented module back to its original code, so backtraces keep the learner's file:line (what scripts/decode_stacktrace.sh adds).
//
// Instrumentation re-encodes every function, so the DWARF line table only fits the original module (custom section
// "kwb.orig"). A frame's instruction is matched to the original by what it is: the K-th call to the same function,
// the K-th memory access (a call to a SAFE_HEAP_* helper), the K-th watchdog tick (function entry or loop head), or
// the K-th instruction with the same opcode (a trapping division).
import { Symbolizer } from '../../toolchain/symbolize.ts';
import { customSection } from '../../toolchain/wasm/module-info.ts';
import type { module } from './types.ts';

const ORIG_SECTION = 'kwb.orig';

interface insn { off: number; key: string }

/** Decodes a function body (from its locals) into instruction offsets and match keys. */
function decode(bytes: Uint8Array, start: number, end: number, callee: (i: number) => string, instrumented: boolean): insn[] {
  let p = start;
  const u = (): number => { let r = 0, sh = 0, b: number; do { b = bytes[p++]!; r += (b & 0x7f) * 2 ** sh; sh += 7; } while (b & 0x80); return r; };
  const skipLeb = (): void => { while (bytes[p++]! & 0x80); };
  const nLocals = u();
  for (let i = 0; i < nLocals; i++) { u(); p++; }
  const out: insn[] = [];
  while (p < end) {
    const off = p - start;
    const op = bytes[p++]!;
    let key = `op:${op}`;
    switch (op) {
      case 0x02: case 0x03: case 0x04: {
        const t = bytes[p]!;
        if (t === 0x40 || t >= 0x6f) p++; else skipLeb();
        break;
      }
      case 0x0c: case 0x0d: skipLeb(); break;
      case 0x0e: { const n = u(); for (let i = 0; i <= n; i++) skipLeb(); break; }
      case 0x10: case 0x12: { const f = u(); const name = callee(f); key = name.startsWith('SAFE_HEAP_') || name.startsWith('wasm-function[') ? 'mem' : name === 'log_execution' ? 'tick' : `call:${name}`; break; }
      case 0x11: case 0x13: skipLeb(); skipLeb(); key = 'call_indirect'; break;
      case 0x1c: { const n = u(); p += n; break; }
      case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: case 0x25: case 0x26: skipLeb(); break;
      case 0x3f: case 0x40: skipLeb(); break;
      case 0x41: case 0x42: skipLeb(); break;
      case 0x43: p += 4; break;
      case 0x44: p += 8; break;
      case 0xd0: p++; break;
      case 0xd2: skipLeb(); break;
      case 0xfc: {
        const sub = u();
        key = `fc:${sub}`;
        if (sub === 8) { skipLeb(); p++; } else if (sub === 9 || sub === 13 || sub >= 15) skipLeb();
        else if (sub === 10) p += 2; else if (sub === 11) p++; else if (sub === 12 || sub === 14) { skipLeb(); skipLeb(); }
        break;
      }
      default:
        if (op >= 0x28 && op <= 0x3e) { const a = u(); if (a & 0x40) skipLeb(); skipLeb(); key = instrumented ? 'rawmem' : 'mem'; }
    }
    out.push({ off, key });
  }
  return out;
}

function insns(s: Symbolizer, idx: number, instrumented: boolean): insn[] | null {
  const b = s.body(idx);
  if (!b) return null;
  return decode(s.wasm, b.start, b.end, (f) => s.functionName(f), instrumented);
}

// kernel-static: a cache of pure results per loaded module object; two machines never share a module object
const origCache = new WeakMap<module, Symbolizer | null>();

function original(m: module): Symbolizer | null {
  if (origCache.has(m)) return origCache.get(m)!;
  const s0 = new Symbolizer(m.wasm);
  const orig = customSection(m.wasm, s0.info.sections, ORIG_SECTION);
  const s = orig ? new Symbolizer(orig.slice()) : null;
  origCache.set(m, s);
  return s;
}

/** file:line in the original source for offset `off` of function `idx` of the instrumented module. */
export function original_line(m: module, s: Symbolizer, idx: number, off: number): { file: string; line: number } | null {
  const o = original(m);
  if (!o) return null;
  const name = s.functionName(idx);
  let oidx = -1;
  for (const [i, n] of o.info.functionNames) if (n === name) { oidx = i; break; }
  if (oidx < 0) return null;
  const a = insns(s, idx, true), b = insns(o, oidx, false);
  if (!a || !b) return null;
  let at = -1;
  for (let i = 0; i < a.length && a[i]!.off <= off; i++) at = i;
  if (at < 0) return null;
  const key = a[at]!.key;
  let k = 0;
  for (let i = 0; i < at; i++) if (a[i]!.key === key) k++;
  let target: insn | undefined;
  if (key === 'tick') target = k === 0 ? b[0] : b.filter((x) => x.key === 'op:3')[k - 1];
  else target = b.filter((x) => x.key === key)[k];
  if (!target) return null;
  const f = o.symbolize(oidx, target.off);
  return f.file && f.line ? { file: f.file, line: f.line } : null;
}
