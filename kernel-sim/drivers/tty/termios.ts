// Models linux/include/uapi/asm-generic/termbits.h and ioctls.h: termios flags, control characters and tty ioctls.
import type { ktermios } from '../../include/linux/tty.ts';

export const VINTR = 0, VQUIT = 1, VERASE = 2, VKILL = 3, VEOF = 4, VTIME = 5, VMIN = 6, VSWTC = 7, VSTART = 8;
export const VSTOP = 9, VSUSP = 10, VEOL = 11, VREPRINT = 12, VDISCARD = 13, VWERASE = 14, VLNEXT = 15, VEOL2 = 16;
export const NCCS = 19;

export const IGNBRK = 0o1, BRKINT = 0o2, IGNPAR = 0o4, ISTRIP = 0o40, INLCR = 0o100, IGNCR = 0o200, ICRNL = 0o400;
export const IXON = 0o2000, IXANY = 0o4000, IXOFF = 0o10000, IMAXBEL = 0o20000, IUTF8 = 0o40000;
export const OPOST = 0o1, ONLCR = 0o4, OCRNL = 0o10;
export const CS8 = 0o60, CREAD = 0o200, HUPCL = 0o2000, CLOCAL = 0o4000, B38400 = 0o17, B115200 = 0o10002;
export const ISIG = 0o1, ICANON = 0o2, ECHO = 0o10, ECHOE = 0o20, ECHOK = 0o40, ECHONL = 0o100, NOFLSH = 0o200;
export const TOSTOP = 0o400, ECHOCTL = 0o1000, ECHOPRT = 0o2000, ECHOKE = 0o4000, IEXTEN = 0o100000;

export const TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TCFLSH = 0x540b;
export const TIOCSCTTY = 0x540e, TIOCGPGRP = 0x540f, TIOCSPGRP = 0x5410, TIOCOUTQ = 0x5411, TIOCGWINSZ = 0x5413;
export const TIOCSWINSZ = 0x5414, FIONREAD = 0x541b, TIOCNOTTY = 0x5422, TIOCGSID = 0x5429, TIOCGPTN = 0x80045430;
export const TIOCSPTLCK = 0x40045431, FIONBIO = 0x5421;

/** tty_std_termios: what a freshly opened tty has (stty sane). */
export function tty_std_termios(): ktermios {
  const c_cc = new Array(NCCS).fill(0);
  c_cc[VINTR] = 3; c_cc[VQUIT] = 0x1c; c_cc[VERASE] = 0x7f; c_cc[VKILL] = 0x15; c_cc[VEOF] = 4;
  c_cc[VTIME] = 0; c_cc[VMIN] = 1; c_cc[VSTART] = 0x11; c_cc[VSTOP] = 0x13; c_cc[VSUSP] = 0x1a;
  c_cc[VREPRINT] = 0x12; c_cc[VDISCARD] = 0x0f; c_cc[VWERASE] = 0x17; c_cc[VLNEXT] = 0x16;
  return {
    c_iflag: ICRNL | IXON | IUTF8,
    c_oflag: OPOST | ONLCR,
    c_cflag: B38400 | CS8 | CREAD | HUPCL,
    c_lflag: ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
    c_line: 0,
    c_cc,
  };
}

/** struct termios as user space sees it (60 bytes: 4 flags, c_line, 19 cc, padding, speeds). */
export function encode_termios(t: ktermios): Uint8Array {
  const b = new Uint8Array(60);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, t.c_iflag, true); dv.setUint32(4, t.c_oflag, true); dv.setUint32(8, t.c_cflag, true); dv.setUint32(12, t.c_lflag, true);
  b[16] = t.c_line;
  t.c_cc.forEach((c, i) => { b[17 + i] = c; });
  dv.setUint32(52, 0o17, true); dv.setUint32(56, 0o17, true);
  return b;
}

export function decode_termios(b: Uint8Array): ktermios {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { c_iflag: dv.getUint32(0, true), c_oflag: dv.getUint32(4, true), c_cflag: dv.getUint32(8, true), c_lflag: dv.getUint32(12, true), c_line: b[16], c_cc: Array.from(b.subarray(17, 17 + NCCS)) };
}
