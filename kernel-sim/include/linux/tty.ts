// Models linux/include/linux/tty.h and termios: a terminal and its line-discipline settings.
import type { wait_queue_head } from '../../kernel/sched/wait.ts';
import type { KGen } from './sched.ts';

export interface ktermios {
  c_iflag: number;
  c_oflag: number;
  c_cflag: number;
  c_lflag: number;
  c_line: number;
  c_cc: number[];
}

export interface winsize { ws_row: number; ws_col: number; ws_xpixel: number; ws_ypixel: number }

export interface tty_operations {
  /** Sends output bytes to the device (UART, pty master). */
  write(tty: tty_struct, data: Uint8Array): number;
}

export interface tty_struct {
  name: string;
  index: number;
  driver_name: string;
  ops: tty_operations;
  termios: ktermios;
  winsize: winsize;
  /** Foreground process group and session, in pids. */
  pgrp: number;
  session: number;
  read_wait: wait_queue_head;
  write_wait: wait_queue_head;
  /** n_tty state */
  ldisc: n_tty_data;
  count: number;
  hangup: boolean;
}

export interface n_tty_data {
  /** Bytes ready for read() (complete lines in canonical mode). */
  read_buf: number[];
  /** The line being edited in canonical mode. */
  line: number[];
  /** Number of bytes in read_buf that form complete lines / EOF marks. */
  canon_ready: number;
  eof_pending: number;
  column: number;
}

export type TtyWriter = (tty: tty_struct, data: Uint8Array) => KGen<number>;
