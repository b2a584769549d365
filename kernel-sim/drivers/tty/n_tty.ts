// Models linux/drivers/tty/n_tty.c: the default line discipline (canonical editing, echo, signals, output post-processing).
import type { tty_struct } from '../../include/linux/tty.ts';
import {
  ECHO, ECHOCTL, ECHOE, ECHOK, ICANON, ICRNL, IGNCR, INLCR, ISIG, NOFLSH, ONLCR, OPOST,
  VEOF, VERASE, VINTR, VKILL, VQUIT, VSUSP, VWERASE, VLNEXT,
} from './termios.ts';
import { kill_pgrp } from '../../kernel/signal.ts';
import { SIGINT, SIGQUIT, SIGTSTP } from '../../include/uapi/signal.ts';
import { wake_up_interruptible_all } from '../../kernel/sched/wait.ts';

const L = (tty: tty_struct, flag: number): boolean => (tty.termios.c_lflag & flag) !== 0;
const I = (tty: tty_struct, flag: number): boolean => (tty.termios.c_iflag & flag) !== 0;

/** Output post-processing (OPOST/ONLCR): "\n" becomes "\r\n" on the wire. */
export function n_tty_process_output(tty: tty_struct, data: Uint8Array): Uint8Array {
  if (!(tty.termios.c_oflag & OPOST) || !(tty.termios.c_oflag & ONLCR)) return data;
  let extra = 0;
  for (const b of data) if (b === 10) extra++;
  if (!extra) return data;
  const out = new Uint8Array(data.length + extra);
  let o = 0;
  for (const b of data) {
    if (b === 10) out[o++] = 13;
    out[o++] = b;
  }
  return out;
}

function echo(tty: tty_struct, bytes: number[]): void {
  if (!L(tty, ECHO) || bytes.length === 0) return;
  tty.ops.write(tty, n_tty_process_output(tty, Uint8Array.from(bytes)));
}

/** Echoes a control character as ^X (ECHOCTL), or as itself. */
function echo_char(tty: tty_struct, c: number): void {
  if (L(tty, ECHOCTL) && (c < 32 || c === 127) && c !== 10 && c !== 9) echo(tty, [94, c === 127 ? 63 : c + 64]);
  else echo(tty, [c]);
}

/** Width of a character as echoed, to erase it right. */
function echo_width(tty: tty_struct, c: number): number {
  if ((c < 32 || c === 127) && c !== 9) return L(tty, ECHOCTL) ? 2 : 0;
  // UTF-8 continuation bytes take no column.
  if ((c & 0xc0) === 0x80) return 0;
  return 1;
}

function erase_chars(tty: tty_struct, n: number): void {
  const ld = tty.ldisc;
  for (let i = 0; i < n && ld.line.length; i++) {
    // Pop a whole UTF-8 sequence.
    let c = ld.line.pop()!;
    let w = echo_width(tty, c);
    while ((c & 0xc0) === 0x80 && ld.line.length) { c = ld.line.pop()!; w = echo_width(tty, c) || w; }
    if (L(tty, ECHO) && L(tty, ECHOE)) for (let k = 0; k < w; k++) echo(tty, [8, 32, 8]);
  }
}

function isig(tty: tty_struct, sig: number, c: number): void {
  if (!L(tty, NOFLSH)) {
    tty.ldisc.line = [];
    tty.ldisc.read_buf = [];
    tty.ldisc.canon_ready = 0;
  }
  echo_char(tty, c);
  if (tty.pgrp > 0) kill_pgrp(sig, tty.pgrp);
}

/** Bytes from the device (keyboard, UART receive): n_tty_receive_buf. */
export function n_tty_receive_buf(tty: tty_struct, data: Uint8Array): void {
  const ld = tty.ldisc;
  const cc = tty.termios.c_cc;
  let lnext = false;
  for (let c of data) {
    if (lnext) {
      lnext = false;
      if (L(tty, ICANON)) { ld.line.push(c); echo_char(tty, c); } else ld.read_buf.push(c);
      continue;
    }
    if (c === 13) { if (I(tty, IGNCR)) continue; if (I(tty, ICRNL)) c = 10; }
    else if (c === 10 && I(tty, INLCR)) c = 13;
    if (L(tty, ISIG)) {
      if (c === cc[VINTR]) { isig(tty, SIGINT, c); echo(tty, [10]); continue; }
      if (c === cc[VQUIT]) { isig(tty, SIGQUIT, c); echo(tty, [10]); continue; }
      if (c === cc[VSUSP]) { isig(tty, SIGTSTP, c); echo(tty, [10]); continue; }
    }
    if (!L(tty, ICANON)) {
      ld.read_buf.push(c);
      echo_char(tty, c);
      continue;
    }
    if (c === cc[VLNEXT]) { lnext = true; continue; }
    if (c === cc[VERASE] || c === 8) { erase_chars(tty, 1); continue; }
    if (c === cc[VKILL]) {
      if (L(tty, ECHOK)) erase_chars(tty, ld.line.length); else ld.line = [];
      continue;
    }
    if (c === cc[VWERASE]) {
      while (ld.line.length && ld.line[ld.line.length - 1] === 32) erase_chars(tty, 1);
      while (ld.line.length && ld.line[ld.line.length - 1] !== 32) erase_chars(tty, 1);
      continue;
    }
    if (c === cc[VEOF]) {
      // EOF: the line so far becomes readable without a newline; alone it reads as 0 bytes.
      ld.read_buf.push(...ld.line);
      ld.line = [];
      ld.canon_ready = ld.read_buf.length;
      ld.eof_pending++;
      continue;
    }
    ld.line.push(c);
    echo_char(tty, c);
    if (c === 10) {
      ld.read_buf.push(...ld.line);
      ld.line = [];
      ld.canon_ready = ld.read_buf.length;
    }
  }
  if (n_tty_readable(tty)) wake_up_interruptible_all(tty.read_wait);
}

/** Whether a read() would return now (a complete line or EOF in canonical mode). */
export function n_tty_readable(tty: tty_struct): boolean {
  const ld = tty.ldisc;
  if (L(tty, ICANON)) return ld.canon_ready > 0 || ld.eof_pending > 0;
  return ld.read_buf.length > 0;
}

/** Takes up to `count` bytes for read(); canonical reads stop at the end of a line. */
export function n_tty_take(tty: tty_struct, count: number): number[] {
  const ld = tty.ldisc;
  if (!L(tty, ICANON)) return ld.read_buf.splice(0, count);
  if (ld.canon_ready === 0 && ld.eof_pending > 0) { ld.eof_pending--; return []; }
  let n = Math.min(count, ld.canon_ready);
  const nl = ld.read_buf.indexOf(10);
  if (nl >= 0 && nl < n) n = nl + 1;
  const out = ld.read_buf.splice(0, n);
  ld.canon_ready -= n;
  if (ld.canon_ready === 0 && ld.eof_pending > 0 && out[out.length - 1] !== 10) ld.eof_pending--;
  return out;
}

export function n_tty_chars_in_buffer(tty: tty_struct): number {
  return L(tty, ICANON) ? tty.ldisc.canon_ready : tty.ldisc.read_buf.length;
}
