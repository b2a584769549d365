// Models blktrace 1.3.0's blkparse_fmt.c: the RWBS column from a record's categories and the default line of each action ("%3d,%-3d %2d %8d %5d.%09lu %5u %2s %3s " and the action's tail).
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

