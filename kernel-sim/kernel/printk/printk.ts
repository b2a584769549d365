// Models linux/kernel/printk/printk.c: the kernel log ring buffer, log levels, consoles and console_loglevel.
import { defineState } from '../state.ts';
import { format_printk_time } from '../time/timekeeping.ts';
import { local_clock } from '../time/sched_clock.ts';
import { trace_event } from '../trace/trace.ts';

export const LOGLEVEL_EMERG = 0;
export const LOGLEVEL_ALERT = 1;
export const LOGLEVEL_CRIT = 2;
export const LOGLEVEL_ERR = 3;
export const LOGLEVEL_WARNING = 4;
export const LOGLEVEL_NOTICE = 5;
export const LOGLEVEL_INFO = 6;
export const LOGLEVEL_DEBUG = 7;
/** KERN_* prefixes as in include/linux/kern_levels.h: SOH followed by the level digit. */
export const KERN_SOH = '\x01';
export const KERN_EMERG = '\x010', KERN_ALERT = '\x011', KERN_CRIT = '\x012', KERN_ERR = '\x013';
export const KERN_WARNING = '\x014', KERN_NOTICE = '\x015', KERN_INFO = '\x016', KERN_DEBUG = '\x017';
export const KERN_CONT = '\x01c';

export const LOG_KERN = 0;
export const LOG_USER = 1;

export interface printk_record {
  seq: number;
  ts_nsec: number;
  level: number;
  facility: number;
  text: string;
  /** Continuation of the previous record (KERN_CONT) is merged into it. */
}

export interface console {
  name: string;
  write(text: string): void;
}

interface PrintkState {
  records: printk_record[];
  first_seq: number;
  next_seq: number;
  /** Sequence number `dmesg -c` / SYSLOG_ACTION_CLEAR cleared up to. */
  clear_seq: number;
  console_loglevel: number;
  default_message_loglevel: number;
  minimum_console_loglevel: number;
  default_console_loglevel: number;
  consoles: console[];
  /** Host-side listeners (the workbench's dmesg view). */
  listeners: Set<(r: printk_record) => void>;
  /** Records buffered before any console registered, replayed to the first (as the boot console does). */
  waiters: Set<() => void>;
  /** dyndbg: pr_debug()/dev_dbg() call sites enabled (off by default, as in Linux). */
  dynamic_debug: boolean;
}

/** CONFIG_LOG_BUF_SHIFT=17 in Debian's config: a 128 KiB ring. We bound it by records instead. */
const LOG_BUF_RECORDS = 8192;

export const printkState = defineState<PrintkState>('printk', () => ({
  records: [],
  first_seq: 0,
  next_seq: 0,
  clear_seq: 0,
  console_loglevel: 7,
  default_message_loglevel: LOGLEVEL_WARNING,
  minimum_console_loglevel: 1,
  default_console_loglevel: 7,
  consoles: [],
  listeners: new Set(),
  waiters: new Set(),
  dynamic_debug: false,
}));

/** Splits a KERN_* prefix off a message; returns [level | -1, cont, text]. */
function parse_level(msg: string): [number, boolean, string] {
  let level = -1;
  let cont = false;
  while (msg.charCodeAt(0) === 1 && msg.length >= 2) {
    const c = msg[1];
    if (c >= '0' && c <= '7') level = c.charCodeAt(0) - 48;
    else if (c === 'c') cont = true;
    msg = msg.slice(2);
  }
  return [level, cont, msg];
}

/** printk(): logs a message; a KERN_* prefix sets its level. Returns the number of characters logged. */
export function printk(msg: string, facility = LOG_KERN): number {
  const s = printkState();
  const parsed = parse_level(msg);
  let [level, , text] = parsed;
  const cont = parsed[1];
  if (level < 0) level = s.default_message_loglevel;
  if (text.endsWith('\n')) text = text.slice(0, -1);
  const last = s.records[s.records.length - 1];
  if (cont && last) {
    last.text += text;
    emit_console(text, level, true);
    return text.length;
  }
  for (const line of text.split('\n')) {
    const rec: printk_record = { seq: s.next_seq++, ts_nsec: local_clock(), level, facility, text: line };
    s.records.push(rec);
    if (s.records.length > LOG_BUF_RECORDS) {
      s.records.shift();
      s.first_seq = s.records[0].seq;
    }
    emit_console(`[${format_printk_time(rec.ts_nsec)}] ${line}`, level, false);
    for (const l of s.listeners) l(rec);
    trace_event('printk', 'console', { level, msg: line });
  }
  for (const w of s.waiters) w();
  return text.length;
}

function emit_console(line: string, level: number, cont: boolean): void {
  const s = printkState();
  if (level >= s.console_loglevel) return;
  const out = cont ? line : `${line}\n`;
  for (const c of s.consoles) c.write(out);
}

export function register_console(c: console): void {
  printkState().consoles.push(c);
}

export function unregister_console(c: console): void {
  const s = printkState();
  s.consoles = s.consoles.filter((x) => x !== c);
}

export const pr_emerg = (m: string): number => printk(KERN_EMERG + m);
export const pr_alert = (m: string): number => printk(KERN_ALERT + m);
export const pr_crit = (m: string): number => printk(KERN_CRIT + m);
export const pr_err = (m: string): number => printk(KERN_ERR + m);
export const pr_warn = (m: string): number => printk(KERN_WARNING + m);
export const pr_notice = (m: string): number => printk(KERN_NOTICE + m);
export const pr_info = (m: string): number => printk(KERN_INFO + m);
/**
 * pr_debug() is compiled out unless DEBUG is defined, and with CONFIG_DYNAMIC_DEBUG its call
 * sites start disabled: nothing reaches the log until `dyndbg` turns them on.
 */
export const pr_debug = (m: string): number => (printkState().dynamic_debug ? printk(KERN_DEBUG + m) : 0);
export const pr_cont = (m: string): number => printk(KERN_CONT + m);
