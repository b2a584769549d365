// Interactive line editing on the console tty, as xterm.js drives it: completion, history, cursor keys, Ctrl keys, and the termios switching around each line.
import { beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { console_tty } from '../../../kernel-sim/drivers/tty/tty_io.ts';
import { ICANON, ECHO } from '../../../kernel-sim/drivers/tty/termios.ts';
import { Console } from './harness.ts';

let m: Machine;
let con: Console;
const PROMPT = 'root@kwb:~# ';
beforeAll(() => {
  m = new Machine({});
  con = new Console(m);
  m.boot();
  con.take();
});

/** Types a line and returns the screen text it produced, with escape sequences dropped. */
function typed(...keys: string[]): string {
  for (const k of keys) con.type(k);
  return Console.plain(con.take());
}

describe('console line editing', () => {
  it('TAB completes a command name from PATH: ech<TAB> hi<Enter> runs echo', () => {
    const s = typed('ech', '\t', ' hi\r');
    expect(s).toContain('echo  hi\nhi\n' + PROMPT);
  });
  it('up-arrow recalls the last command; down returns to the empty line', () => {
    typed('echo first\r');
    const s = typed('\x1b[A', '\r');
    expect(s.endsWith('first\n' + PROMPT)).toBe(true);
    expect(s).toContain('echo first');
    const d = typed('\x1b[A', '\x1b[B', 'echo down\r');
    expect(d.endsWith('down\n' + PROMPT)).toBe(true);
  });
  it('the history builtin lists what was entered', () => {
    typed('echo h1\r', 'echo h2\r');
    const s = typed('history\r');
    expect(s).toMatch(/ +\d+  echo h1\n +\d+  echo h2\n +\d+  history\n/);
  });
  it('left arrow and Home/End move the cursor for insertion', () => {
    expect(typed('echo bc', '\x1b[D\x1b[D', 'a', '\r')).toContain('\nabc\n');
    expect(typed('cho X', '\x1b[H', 'e', '\x1b[F', 'Y\r')).toContain('\nXY\n');
    expect(typed('cho Z', '\x01', 'e', '\x05', '!\r')).toContain('\nZ!\n');
  });
  it('backspace, Ctrl-U, Ctrl-K and Ctrl-W edit the line', () => {
    expect(typed('echo abx', '\x7f', 'c\r')).toContain('\nabc\n');
    expect(typed('garbage', '\x15', 'echo clean\r')).toContain('\nclean\n');
    expect(typed('echo keep drop', '\x1b[D'.repeat(5), '\x0b', '\r')).toContain('\nkeep\n');
    expect(typed('echo one two', '\x17', 'three\r')).toContain('\none three\n');
  });
  it('TAB completes paths; a second TAB lists the candidates', () => {
    expect(typed('ls /e', '\t', '\r')).toContain('ls /etc/\ngroup');
    const s = typed('ls /', '\t', '\t');
    expect(s).toMatch(/bin\/ +/);
    expect(s).toMatch(/proc\//);
    expect(s.endsWith(PROMPT + 'ls /')).toBe(true);
    typed('\x15\r');
  });
  it('Ctrl-C at the prompt prints ^C and a fresh prompt; the line is dropped', () => {
    const s = typed('echo never', '\x03');
    expect(s.endsWith('echo never^C\n' + PROMPT)).toBe(true);
    expect(typed('echo $?\r')).toContain('\n130\n');
  });
  it('Ctrl-L clears the screen and redraws the line', () => {
    con.type('echo cl');
    con.take();
    con.type('\x0c');
    const raw = con.take();
    expect(raw).toContain('\x1b[H\x1b[2J');
    expect(Console.plain(raw)).toContain(PROMPT + 'echo cl');
    typed('\r');
  });
  it('the tty is non-canonical without echo while editing and canonical again while a command runs', () => {
    const lflag = (): number => m.inspect(() => console_tty()!.termios.c_lflag);
    expect(lflag() & (ICANON | ECHO)).toBe(0);
    con.type('cat\r');
    expect(lflag() & (ICANON | ECHO)).toBe(ICANON | ECHO);
    con.type('typed to cat\r');
    expect(Console.plain(con.take())).toContain('typed to cat\ntyped to cat\n');
    con.type('\x04');
    expect(lflag() & (ICANON | ECHO)).toBe(0);
    con.take();
  });
  it('Ctrl-C interrupts a foreground command and the prompt returns', () => {
    con.type('sleep 100\r');
    con.type('\x03');
    const s = Console.plain(con.take());
    expect(s.endsWith(PROMPT)).toBe(true);
    expect(typed('echo $?\r')).toContain('\n130\n');
  });
  it('a multi-line compound command continues with the PS2 prompt', () => {
    const s = typed('for i in 1 2; do\r', 'echo it$i\r', 'done\r');
    expect(s).toContain('> echo it$i\n> done\nit1\nit2\n');
  });
  it('Ctrl-D on an empty line exits the shell (init starts a new one)', () => {
    con.type('\x04');
    m.runFor(100e6);
    const s = Console.plain(con.take());
    expect(s).toBe('exit\n' + PROMPT);
    expect(typed('echo alive\r')).toContain('\nalive\n');
  });
});
