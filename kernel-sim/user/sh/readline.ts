// The shell's interactive line editor, like GNU readline in emacs mode: the tty in non-canonical no-echo mode while a line is edited, ANSI redraw, history and TAB completion.
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from '../lib/libc.ts';
import { tcgetattr, tcsetattr, get_winsize, type termios } from '../lib/unistd.ts';
import { columns } from '../lib/columns.ts';
import { TCSETS, TCSETSW, ICANON, ECHO, ISIG, IEXTEN, IXON, VMIN, VTIME } from '../../drivers/tty/termios.ts';
import { EINTR } from '../../include/uapi/asm-generic/errno.ts';

/** What read_line returns for Ctrl-C. */
export const INTERRUPT = Symbol('interrupt');

/** A completion: the text to replace (from `start` to the cursor) and the candidates (directories end in '/'). */
export interface completion { start: number; candidates: string[]; /** what the listing shows for each candidate */ display?: string[] }
export type completer = (line: string, cursor: number) => KGen<completion>;

const CSI = '\x1b[';
/** Printing width of a prompt: ANSI sequences and \001..\002 markers take no columns. */
export function visible_length(s: string): number {
  return [...s.replace(/\x01[^\x02]*\x02/g, '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x1b\][^\x07]*\x07/g, '')].length;
}

export class line_editor {
  private line: string[] = [];
  private cursor = 0;
  /** Rows below the prompt's first row where the terminal cursor is now. */
  private row = 0;
  private prompt = '';
  private cols = 80;
  private hist_pos = 0;
  private saved_edit: string[] = [];
  private last_key = '';
  private pending = new Uint8Array(0);
  private readonly dec = new TextDecoder();

  constructor(private readonly c: Libc, private readonly history: string[], private readonly complete: completer) {}

  private *out(s: string): KGen<void> { if (s) yield* this.c.write(2, s); }

  /** Reads one edited line; null at end of input (Ctrl-D on an empty line), INTERRUPT for Ctrl-C. */
  *read_line(prompt: string): KGen<string | null | typeof INTERRUPT> {
    const saved = yield* tcgetattr(this.c, 0);
    if (typeof saved === 'number') return null;
    const raw: termios = { ...saved, c_cc: saved.c_cc.slice() };
    raw.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_iflag &= ~IXON;
    raw.c_cc[VMIN] = 1; raw.c_cc[VTIME] = 0;
    yield* tcsetattr(this.c, 0, TCSETS, raw);
    const ws = yield* get_winsize(this.c, 0);
    this.cols = ws && ws.cols > 0 ? ws.cols : 80;
    this.prompt = prompt;
    this.line = []; this.cursor = 0; this.row = 0;
    this.hist_pos = this.history.length; this.saved_edit = [];
    this.last_key = '';
    yield* this.out(prompt);
    try {
      for (;;) {
        const key = yield* this.next_key();
        if (key === null) {
          if (this.line.length) { yield* this.out('\n'); return this.line.join(''); }
          return null;
        }
        const r = yield* this.handle(key);
        this.last_key = key;
        if (r !== undefined) return r;
      }
    } finally {
      // Back to the terminal settings the commands expect, after pending output drains (TCSETSW).
      yield* tcsetattr(this.c, 0, TCSETSW, saved);
    }
  }

  /** The next key: one character, or a whole escape sequence; null at EOF. */
  private *next_key(): KGen<string | null> {
    for (;;) {
      const k = this.decode_key();
      if (k !== null) return k;
      const r = yield* this.c.read(0, 256);
      if (typeof r === 'number') { if (r === -EINTR) continue; return null; }
      if (r.length === 0) return null;
      const nb = new Uint8Array(this.pending.length + r.length);
      nb.set(this.pending); nb.set(r, this.pending.length);
      this.pending = nb;
    }
  }

  private decode_key(): string | null {
    const b = this.pending;
    if (!b.length) return null;
    let n = 1;
    if (b[0] === 0x1b) {
      if (b.length < 2) return null;
      if (b[1] === 0x5b) { // CSI: parameters then a final byte
        let j = 2;
        while (j < b.length && (b[j] < 0x40 || b[j] > 0x7e)) j++;
        if (j >= b.length) return null;
        n = j + 1;
      } else if (b[1] === 0x4f) { if (b.length < 3) return null; n = 3; }
      else n = 2;
    } else if (b[0] >= 0xc0) {
      n = b[0] >= 0xf0 ? 4 : b[0] >= 0xe0 ? 3 : 2;
      if (b.length < n) return null;
    }
    const key = this.dec.decode(b.subarray(0, n));
    this.pending = b.slice(n);
    return key;
  }

  private text(): string { return this.line.join(''); }

  /** Redraws prompt and line from the prompt's first row and puts the cursor back. */
  private *refresh(): KGen<void> {
    const plen = visible_length(this.prompt);
    let s = '';
    if (this.row > 0) s += `${CSI}${this.row}A`;
    s += '\r' + this.prompt + this.text() + `${CSI}J`;
    const end = plen + this.line.length;
    let end_row = Math.floor(end / this.cols);
    if (end > 0 && end % this.cols === 0) s += '\n'; // leave the pending-wrap column
    else end_row = Math.floor(end / this.cols);
    const pos = plen + this.cursor;
    const row = Math.floor(pos / this.cols), col = pos % this.cols;
    if (end_row > row) s += `${CSI}${end_row - row}A`;
    s += '\r' + (col ? `${CSI}${col}C` : '');
    this.row = row;
    yield* this.out(s);
  }

  /** Moves the terminal cursor to this.cursor (the line unchanged). */
  private *move_to(target: number): KGen<void> {
    const plen = visible_length(this.prompt);
    const from = plen + this.cursor, to = plen + target;
    this.cursor = target;
    const fr = Math.floor(from / this.cols), tr = Math.floor(to / this.cols);
    if (fr === tr) {
      if (to < from) yield* this.out(from - to === 1 ? '\b' : `${CSI}${from - to}D`);
      else if (to > from) yield* this.out(`${CSI}${to - from}C`);
      return;
    }
    yield* this.refresh();
  }

  private *insert(s: string): KGen<void> {
    const chars = [...s];
    const at_end = this.cursor === this.line.length;
    if (at_end) for (const ch of chars) this.line.push(ch);
    else this.line.splice(this.cursor, 0, ...chars);
    this.cursor += chars.length;
    if (at_end) {
      // Typed (or pasted) at the end: the terminal's autowrap carries the text onto the next rows, so only the new
      // characters are written — a redraw of the whole line at every wrap made a long paste quadratic. Text that ends
      // in the last column leaves the cursor in the pending-wrap state: a newline moves it to where the next one goes.
      const end = visible_length(this.prompt) + this.cursor;
      yield* this.out(end % this.cols === 0 ? s + '\n' : s);
      this.row = Math.floor(end / this.cols);
      return;
    }
    yield* this.refresh();
  }

  private *set_line(text: string): KGen<void> {
    this.line = [...text];
    this.cursor = this.line.length;
    yield* this.refresh();
  }

  private word_start(from: number): number {
    let i = from;
    while (i > 0 && !/[A-Za-z0-9_]/.test(this.line[i - 1])) i--;
    while (i > 0 && /[A-Za-z0-9_]/.test(this.line[i - 1])) i--;
    return i;
  }

  private word_end(from: number): number {
    let i = from;
    while (i < this.line.length && !/[A-Za-z0-9_]/.test(this.line[i])) i++;
    while (i < this.line.length && /[A-Za-z0-9_]/.test(this.line[i])) i++;
    return i;
  }

  private *handle(key: string): KGen<string | null | typeof INTERRUPT | undefined> {
    switch (key) {
      case '\r': case '\n': {
        yield* this.move_to(this.line.length);
        yield* this.out('\n');
        return this.text();
      }
      case '\x03': // Ctrl-C
        yield* this.move_to(this.line.length);
        yield* this.out('^C\n');
        return INTERRUPT;
      case '\x04': // Ctrl-D: EOF on an empty line, else delete under the cursor
        if (!this.line.length) return null;
        if (this.cursor < this.line.length) { this.line.splice(this.cursor, 1); yield* this.refresh(); }
        return undefined;
      case '\x7f': case '\b': // Backspace
        if (this.cursor === 0) return undefined;
        if (this.cursor === this.line.length && Math.floor((visible_length(this.prompt) + this.cursor - 1) / this.cols) === this.row && (visible_length(this.prompt) + this.cursor) % this.cols !== 0) {
          this.line.pop(); this.cursor--;
          yield* this.out(`\b${CSI}K`);
          return undefined;
        }
        this.line.splice(this.cursor - 1, 1); this.cursor--;
        yield* this.refresh();
        return undefined;
      case `${CSI}3~`: // Delete
        if (this.cursor < this.line.length) { this.line.splice(this.cursor, 1); yield* this.refresh(); }
        return undefined;
      case `${CSI}D`: case '\x02': case '\x1bOD': // Left, Ctrl-B
        if (this.cursor > 0) yield* this.move_to(this.cursor - 1);
        return undefined;
      case `${CSI}C`: case '\x06': case '\x1bOC': // Right, Ctrl-F
        if (this.cursor < this.line.length) yield* this.move_to(this.cursor + 1);
        return undefined;
      case `${CSI}H`: case '\x1bOH': case `${CSI}1~`: case `${CSI}7~`: case '\x01': // Home, Ctrl-A
        yield* this.move_to(0);
        return undefined;
      case `${CSI}F`: case '\x1bOF': case `${CSI}4~`: case `${CSI}8~`: case '\x05': // End, Ctrl-E
        yield* this.move_to(this.line.length);
        return undefined;
      case `${CSI}1;5D`: case '\x1bb': yield* this.move_to(this.word_start(this.cursor)); return undefined; // Ctrl-Left, Alt-B
      case `${CSI}1;5C`: case '\x1bf': yield* this.move_to(this.word_end(this.cursor)); return undefined; // Ctrl-Right, Alt-F
      case '\x15': // Ctrl-U: kill to the start of the line
        this.line.splice(0, this.cursor); this.cursor = 0;
        yield* this.refresh();
        return undefined;
      case '\x0b': // Ctrl-K: kill to the end
        this.line.splice(this.cursor);
        yield* this.out(`${CSI}J`);
        return undefined;
      case '\x17': { // Ctrl-W: kill the previous whitespace-delimited word
        let i = this.cursor;
        while (i > 0 && this.line[i - 1] === ' ') i--;
        while (i > 0 && this.line[i - 1] !== ' ') i--;
        this.line.splice(i, this.cursor - i); this.cursor = i;
        yield* this.refresh();
        return undefined;
      }
      case '\x1bd': { const e = this.word_end(this.cursor); this.line.splice(this.cursor, e - this.cursor); yield* this.refresh(); return undefined; }
      case '\x0c': // Ctrl-L: clear the screen, redraw
        yield* this.out(`${CSI}H${CSI}2J`);
        this.row = 0;
        yield* this.refresh();
        return undefined;
      case `${CSI}A`: case '\x10': case '\x1bOA': // Up, Ctrl-P
        if (this.hist_pos === 0) { yield* this.out('\x07'); return undefined; }
        if (this.hist_pos === this.history.length) this.saved_edit = this.line.slice();
        this.hist_pos--;
        yield* this.set_line(this.history[this.hist_pos]);
        return undefined;
      case `${CSI}B`: case '\x0e': case '\x1bOB': // Down, Ctrl-N
        if (this.hist_pos >= this.history.length) { yield* this.out('\x07'); return undefined; }
        this.hist_pos++;
        yield* this.set_line(this.hist_pos === this.history.length ? this.saved_edit.join('') : this.history[this.hist_pos]);
        return undefined;
      case '\t':
        yield* this.tab();
        return undefined;
    }
    if (key.length === 1 && (key.charCodeAt(0) < 32 || key === '\x7f')) { yield* this.out('\x07'); return undefined; }
    if (key.startsWith('\x1b')) return undefined; // other escape sequences are ignored
    yield* this.insert(key);
    return undefined;
  }

  private *tab(): KGen<void> {
    const text = this.text();
    const before = [...text].slice(0, this.cursor).join('');
    const comp = yield* this.complete(before, before.length);
    const word = before.slice(comp.start);
    const cands = comp.candidates;
    if (!cands.length) { yield* this.out('\x07'); return; }
    const escape = (s: string): string => s.replace(/([ \t\\'"$`&|;<>()*?[\]!#])/g, '\\$1');
    if (cands.length === 1) {
      const full = escape(cands[0]) + (cands[0].endsWith('/') ? '' : ' ');
      if (full.startsWith(word)) yield* this.insert(full.slice(word.length));
      else yield* this.replace_word(comp.start, full);
      return;
    }
    let common = cands[0];
    for (const x of cands) { let k = 0; while (k < common.length && k < x.length && common[k] === x[k]) k++; common = common.slice(0, k); }
    if (common.length > word.length && common.startsWith(word)) { yield* this.insert(escape(common).slice(escape(word).length)); return; }
    if (this.last_key !== '\t') { yield* this.out('\x07'); return; }
    // Second TAB: list the candidates under the line, then redraw the prompt and line.
    const shown = comp.display ?? cands;
    yield* this.move_to(this.line.length);
    yield* this.out('\n' + columns(shown, this.cols));
    this.row = 0;
    const cur = this.cursor;
    yield* this.out(this.prompt + this.text());
    const plen = visible_length(this.prompt);
    this.row = Math.floor((plen + this.line.length) / this.cols);
    this.cursor = this.line.length;
    if (cur !== this.line.length) yield* this.move_to(cur);
  }

  private *replace_word(start: number, text: string): KGen<void> {
    const chars = [...this.text().slice(0, start)];
    this.line.splice(chars.length, this.cursor - chars.length, ...text);
    this.cursor = chars.length + [...text].length;
    yield* this.refresh();
  }
}
