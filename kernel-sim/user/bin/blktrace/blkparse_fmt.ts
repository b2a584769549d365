// Models blktrace 1.3.0's blkparse_fmt.c: the RWBS column from a record's categories, the default line of each action ("%3d,%-3d %2d %8d %5d.%09lu %5u %2s %3s " and the action's tail), and the user's formats (-f, -F: process_fmt's %-fields and escapes).
import {
  BLK_TC_ACT, BLK_TC_AHEAD, BLK_TC_DISCARD, BLK_TC_FLUSH, BLK_TC_FUA, BLK_TC_META, BLK_TC_PC, BLK_TC_SYNC, BLK_TC_WRITE,
  type blk_io_trace,
} from '../../../include/uapi/linux/blktrace_api.ts';

const has = (t: blk_io_trace, tc: number): boolean => (t.action & BLK_TC_ACT(tc)) !== 0;

/** fill_rwbs: F (flush), then D / W / R / N (no data), then F (FUA), A (read-ahead), S (sync), M (meta). */
export function fill_rwbs(t: blk_io_trace): string {
  let s = has(t, BLK_TC_FLUSH) ? 'F' : '';
  s += has(t, BLK_TC_DISCARD) ? 'D' : has(t, BLK_TC_WRITE) ? 'W' : t.bytes ? 'R' : 'N';
  if (has(t, BLK_TC_FUA)) s += 'F';
  if (has(t, BLK_TC_AHEAD)) s += 'A';
  if (has(t, BLK_TC_SYNC)) s += 'S';
  if (has(t, BLK_TC_META)) s += 'M';
  return s;
}

export const MAJOR = (dev: number): number => dev >>> 20;
export const MINOR = (dev: number): number => dev & 0xfffff;
export const t_sec = (t: blk_io_trace): number => t.bytes >>> 9;

/** printf's %'Nu in the en_US locale blkparse sets: thousands grouped with commas, right-aligned. */
export function grouped(n: number, width = 0): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',').padStart(width);
}

/** dump_pdu: the payload bytes in hex, stopping with " .." where only zeroes remain. */
function dump_pdu(pdu: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < pdu.length; i++) {
    out.push(pdu[i]!.toString(16).padStart(2, '0'));
    if (!pdu[i] && pdu.subarray(i).every((b) => b === 0)) return `${out.join(' ')} ..`;
  }
  return out.join(' ');
}

const pdu_u64 = (pdu: Uint8Array): number => Number(new DataView(pdu.buffer, pdu.byteOffset, 8).getBigUint64(0) & 0xffffffffn);

/** The header every default line starts with: device, CPU, sequence, time since the first record, pid, action, RWBS. */
export function header(t: blk_io_trace, cpu: number, act: string, seq: string): string {
  const sec = Math.floor(t.time / 1e9), ns = t.time % 1e9;
  return `${String(MAJOR(t.device)).padStart(3)},${String(MINOR(t.device)).padEnd(3)} ${String(cpu).padStart(2)} ${seq.padStart(8)} ${String(sec).padStart(5)}.${String(ns).padStart(9, '0')} ${String(t.pid).padStart(5)} ${act.padStart(2)} ${fill_rwbs(t).padStart(3)} `;
}

/**
 * process_default: the default line of one action. `elapsed` is the -t tracking time in ns (-1 without it), `name`
 * the process name from the notes (glibc prints a missing one as "(null)").
 */
export function process_default(act: string, cpu: number, t: blk_io_trace, elapsed: number, pdu: Uint8Array, name: string | null): string {
  let dev = t.device, remap = { device: 0, sector: 0 };
  if (act[0] === 'A' && pdu.length >= 16) {
    const dv = new DataView(pdu.buffer, pdu.byteOffset, 16);
    dev = dv.getUint32(0);
    remap = { device: dv.getUint32(0), sector: Number(dv.getBigUint64(8)) };
  }
  const head = header({ ...t, device: dev }, cpu, act, String(t.sequence));
  const nm = name ?? '(null)';
  const pc = (t.action & BLK_TC_ACT(BLK_TC_PC)) !== 0;
  const el = elapsed !== -1 ? ` (${String(elapsed).padStart(8)})` : '';
  const sect = `${t.sector} + ${t_sec(t)}`;
  switch (act[0]) {
    case 'R': case 'C':
      if (pc) return `${head}${pdu.length ? `(${dump_pdu(pdu)}) ` : ''}[${t.error}]\n`;
      return `${head}${t_sec(t) ? sect : t.sector}${el} [${t.error}]\n`;
    case 'D': case 'I': case 'Q': case 'B':
      if (pc) return `${head}${t.bytes} ${pdu.length ? `(${dump_pdu(pdu)}) ` : ''}[${nm}]\n`;
      return `${head}${t_sec(t) ? `${sect}${el} ` : el ? `${el.slice(1)} ` : ''}[${nm}]\n`;
    case 'M': case 'F': case 'G': case 'S':
      return `${head}${t_sec(t) ? `${sect} ` : ''}[${nm}]\n`;
    case 'P':
      return `${head}[${nm}]\n`;
    case 'U':
      return `${head}[${nm}] ${pdu.length >= 8 ? pdu_u64(pdu) : 0}\n`;
    case 'A':
      return `${head}${sect} <- (${MAJOR(remap.device)},${MINOR(remap.device)}) ${remap.sector}\n`;
    case 'X':
      return `${head}${t.sector} / ${pdu.length >= 8 ? pdu_u64(pdu) : 0} [${nm}]\n`;
    default:
      return '';
  }
}

/** handle_notify's message line (action m, sequence "0", pid 0). */
export function message_line(t: blk_io_trace, pdu: Uint8Array): string {
  const text = new TextDecoder().decode(pdu.subarray(0, pdu.indexOf(0) < 0 ? pdu.length : pdu.indexOf(0)));
  return `${header({ ...t, pid: 0, bytes: 0, action: 0 }, t.cpu, 'm', '0')}${text}\n`;
}


/** VALID_SPECS: the actions a format can be given for (-F spec,fmt). */
export const VALID_SPECS = 'ABCDFGIMPQRSTUWX';

/** print_field: one %[-][width]field, printf-style; an unknown field letter prints itself. */
function print_field(field: string, minus: boolean, width: number | null, act: string, cpu: number, t: blk_io_trace, elapsed: number, pdu: Uint8Array, name: string | null): string | { error: string } {
  const pad = (v: string | number): string => (width === null ? String(v) : minus ? String(v).padEnd(width) : String(v).padStart(width));
  switch (field) {
    case 'a': return pad(act);
    case 'c': return pad(cpu);
    case 'C': return pad(name ?? '(null)');
    case 'd': return pad(fill_rwbs(t));
    // Width ignored.
    case 'D': return `${String(MAJOR(t.device)).padStart(3)},${String(MINOR(t.device)).padEnd(3)}`;
    case 'e': return pad(t.error);
    case 'M': return pad(MAJOR(t.device));
    case 'm': return pad(MINOR(t.device));
    case 'n': return pad(t_sec(t));
    case 'N': return pad(t.bytes);
    case 'p': return pad(t.pid);
    case 'P': return pdu.length ? dump_pdu(pdu) : '';
    case 's': return pad(t.sequence);
    case 'S': return pad(t.sector);
    // Nanoseconds zero-padded to the width (9 without one).
    case 't': return String(t.time % 1e9).padStart(width ?? 9, '0');
    case 'T': return pad(Math.floor(t.time / 1e9));
    case 'u': return elapsed === -1 ? { error: 'Expecting elapsed value\n' } : pad(Math.floor(elapsed / 1000));
    case 'U': return pad(pdu.length >= 8 ? pdu_u64(pdu) : 0);
    default: return pad(field);
  }
}

const ESCAPES: Readonly<Record<string, string>> = { b: '\b', n: '\n', r: '\r', t: '\t' };

/** process_fmt: the user's format for this action, field by field; blkparse exits on a bad escape or a missing elapsed time. */
export function process_fmt(fmt: string, act: string, cpu: number, t: blk_io_trace, elapsed: number, pdu: Uint8Array, name: string | null): string | { error: string } {
  let out = '';
  for (let i = 0; i < fmt.length;) {
    const ch = fmt[i]!;
    if (ch === '%') {
      i++;
      if (fmt[i] === '%') { out += '%'; i++; continue; }
      if (i >= fmt.length) { out += '%'; continue; }
      const m = /^(-?)(\d*)/.exec(fmt.slice(i))!;
      i += m[0].length;
      if (i >= fmt.length) continue;
      const f = print_field(fmt[i++]!, m[1] === '-', m[2] ? Number(m[2]) : null, act, cpu, t, elapsed, pdu, name);
      if (typeof f !== 'string') return f;
      out += f;
    } else if (ch === '\\') {
      const e = ESCAPES[fmt[i + 1] ?? ''];
      if (e === undefined) return { error: `Invalid escape char in format ${fmt[i + 1] ?? ''}\n` };
      out += e;
      i += 2;
    } else { out += ch; i++; }
  }
  return out;
}
