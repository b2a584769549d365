// Models sed(1) as busybox and GNU share it for one-liners: -n, -e, -E/-r, -i; addresses (N, $, /re/, a range A,B, `!`); commands s///[gpN], p, d, q, =, and `;`/newline-separated lists.
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from '../lib/libc.ts';
import { getopt, has } from '../lib/getopt.ts';
import { ostream, istream, warn, open_input, usage_error } from '../lib/stdio.ts';
import { O_WRONLY, O_CREAT, O_TRUNC } from '../../include/uapi/stat.ts';
import { posix_to_js } from './grep/grep.ts';

type address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 're'; re: RegExp };
interface command {
  a1: address | null;
  a2: address | null;
  negate: boolean;
  /** For a range: whether it is open (matched its start, not yet its end). */
  active: boolean;
  op: 's' | 'p' | 'd' | 'q' | '=';
  re?: RegExp;
  replacement?: string;
  /** s flags: print after a substitution; which occurrence (0: all with g). */
  print?: boolean;
  nth?: number;
}

/** Reads a delimited field starting after s[i] (the delimiter); returns [text, index after the closing delimiter]. */
function field(s: string, i: number, delim: string): [string, number] | null {
  let out = '';
  for (let j = i; j < s.length; j++) {
    if (s[j] === '\\' && j + 1 < s.length) {
      // \<delim> is the delimiter itself; other escapes pass through to the regex or replacement.
      out += s[j + 1] === delim ? delim : s[j]! + s[j + 1]!;
      j++;
      continue;
    }
    if (s[j] === delim) return [out, j + 1];
    out += s[j];
  }
  return null;
}

function regex(src: string, extended: boolean, flags: string): RegExp | string {
  const js = posix_to_js(src, extended);
  if (typeof js !== 'string') return js.error;
  try { return new RegExp(js, flags); } catch { return 'invalid regular expression'; }
}

/** Parses one address at s[i]; returns [address, next index] or null when there is none. */
function parse_address(s: string, i: number, extended: boolean): [address, number] | string | null {
  if (s[i] === '$') return [{ kind: 'last' }, i + 1];
  const num = /^\d+/.exec(s.slice(i));
  if (num) return [{ kind: 'line', n: Number(num[0]) }, i + num[0].length];
  if (s[i] === '/' || s[i] === '\\') {
    const delim = s[i] === '\\' ? s[i + 1]! : '/';
    const f = field(s, i + (s[i] === '\\' ? 2 : 1), delim);
    if (!f) return 'unterminated address regex';
    const re = regex(f[0], extended, '');
    if (typeof re === 'string') return re;
    return [{ kind: 're', re }, f[1]];
  }
  return null;
}

/** Compiles a script into commands, or an error message as sed prints it. */
export function sed_compile(script: string, extended: boolean): command[] | string {
  const out: command[] = [];
  let i = 0;
  const skip = (): void => { while (i < script.length && /[ \t;\n]/.test(script[i]!)) i++; };
  for (skip(); i < script.length; skip()) {
    const cmd: command = { a1: null, a2: null, negate: false, active: false, op: 'p' };
    const a1 = parse_address(script, i, extended);
    if (typeof a1 === 'string') return a1;
    if (a1) {
      [cmd.a1, i] = a1;
      if (script[i] === ',') {
        const a2 = parse_address(script, i + 1, extended);
        if (typeof a2 === 'string') return a2;
        if (!a2) return 'unexpected `,\'';
        [cmd.a2, i] = a2;
      }
    }
    while (script[i] === ' ') i++;
    if (script[i] === '!') { cmd.negate = true; i++; while (script[i] === ' ') i++; }
    const op = script[i];
    if (op === undefined) return 'missing command';
    i++;
    if (op === 's') {
      const delim = script[i];
      if (delim === undefined || delim === '\n' || delim === '\\') return "unterminated `s' command";
      const pat = field(script, i + 1, delim);
      if (!pat) return "unterminated `s' command";
      const rep = field(script, pat[1], delim);
      if (!rep) return "unterminated `s' command";
      i = rep[1];
      let g = false, icase = false;
      cmd.nth = 1;
      for (; i < script.length && !/[;\n}]/.test(script[i]!); i++) {
        const f = script[i]!;
        if (f === 'g') g = true;
        else if (f === 'p') cmd.print = true;
        else if (f === 'i' || f === 'I') icase = true;
        else if (/\d/.test(f)) { const m = /^\d+/.exec(script.slice(i))!; cmd.nth = Number(m[0]); i += m[0].length - 1; }
        else if (f === ' ') continue;
        else return `unknown option to \`s'`;
      }
      if (g) cmd.nth = 0;
      const re = regex(pat[0], extended, `g${icase ? 'i' : ''}`);
      if (typeof re === 'string') return re;
      cmd.re = re;
      cmd.replacement = rep[0];
      cmd.op = 's';
    } else if (op === 'p' || op === 'd' || op === 'q' || op === '=') cmd.op = op;
    else return `unknown command: \`${op}'`;
    out.push(cmd);
  }
  return out;
}

/** The replacement text for one match: & is the match, \1..\9 its groups, \n a newline. */
function expand(rep: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const ch = rep[i]!;
    if (ch === '&') { out += m[0]; continue; }
    if (ch === '\\' && i + 1 < rep.length) {
      const n = rep[++i]!;
      if (/[0-9]/.test(n)) out += m[Number(n)] ?? '';
      else if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else out += n;
      continue;
    }
    out += ch;
  }
  return out;
}

function substitute(line: string, cmd: command): string | null {
  const re = cmd.re!;
  re.lastIndex = 0;
  let out = '', last = 0, count = 0, done = false;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    count++;
    if (cmd.nth === 0 || count === cmd.nth) {
      out += line.slice(last, m.index) + expand(cmd.replacement!, m);
      last = m.index + m[0].length;
      done = true;
      if (cmd.nth !== 0) break;
    }
    if (m[0].length === 0) re.lastIndex++;
  }
  return done ? out + line.slice(last) : null;
}

function matches(a: address, line: string, n: number, last: boolean): boolean {
  if (a.kind === 'line') return n === a.n;
  if (a.kind === 'last') return last;
  a.re.lastIndex = 0;
  return a.re.test(line);
}

function selected(cmd: command, line: string, n: number, last: boolean): boolean {
  let hit: boolean;
  if (!cmd.a1) hit = true;
  else if (!cmd.a2) hit = matches(cmd.a1, line, n, last);
  else if (cmd.active) {
    hit = true;
    if (cmd.a2.kind === 'line' ? n >= cmd.a2.n : matches(cmd.a2, line, n, last)) cmd.active = false;
  } else {
    hit = matches(cmd.a1, line, n, last);
    // A range whose end is a line number already passed covers only its first line.
    if (hit) cmd.active = !(cmd.a2.kind === 'line' ? n >= cmd.a2.n : cmd.a2.kind === 'last' && last);
  }
  return hit !== cmd.negate;
}

/** Runs the commands over the lines (`q` ends the run after printing its line); returns the output text. */
export function sed_run(cmds: command[], lines: string[], quiet: boolean): string {
  let out = '';
  for (let n = 1; n <= lines.length; n++) {
    let line = lines[n - 1]!;
    const last = n === lines.length;
    let deleted = false, quit = false;
    for (const cmd of cmds) {
      if (!selected(cmd, line, n, last)) continue;
      if (cmd.op === 's') { const r = substitute(line, cmd); if (r !== null) { line = r; if (cmd.print) out += line + '\n'; } }
      else if (cmd.op === 'p') out += line + '\n';
      else if (cmd.op === '=') out += `${n}\n`;
      else if (cmd.op === 'd') { deleted = true; break; }
      else if (cmd.op === 'q') { quit = true; break; }
    }
    if (!deleted && !quiet) out += line + '\n';
    if (quit) break;
  }
  return out;
}

export function* sed_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'ne:Eri', long: { quiet: 'n', silent: 'n', expression: 'e=', 'regexp-extended': 'E', 'in-place': 'i' } });
  if (p.error) return yield* usage_error(c, 'sed', p.error);
  const scripts = p.opts.filter(([k]) => k === 'e').map(([, v]) => v);
  const args = [...p.args];
  if (!scripts.length) {
    const s = args.shift();
    if (s === undefined) return yield* usage_error(c, 'sed', 'no script specified');
    scripts.push(s);
  }
  const cmds = sed_compile(scripts.join('\n'), has(p, 'E') || has(p, 'r'));
  if (typeof cmds === 'string') { yield* c.write(2, `sed: -e expression #1: ${cmds}\n`); return 1; }
  const inplace = has(p, 'i');
  if (inplace && !args.length) { yield* c.write(2, 'sed: no input files\n'); return 1; }
  let status = 0;
  const read_lines = function* (name: string): KGen<string[] | null> {
    const fd = yield* open_input(c, name);
    if (fd < 0) { yield* warn(c, 'sed', `can't read ${name}`, fd); return null; }
    const text = new TextDecoder().decode(yield* new istream(c, fd).all());
    if (fd !== 0) yield* c.syscall('close', fd);
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines;
  };
  if (inplace) {
    // -i: each file on its own, its lines numbered from 1, the output written back.
    for (const name of args) {
      const lines = yield* read_lines(name);
      if (!lines) { status = 2; continue; }
      const text = sed_run(cmds.map((x) => ({ ...x, active: false })), lines, has(p, 'n'));
      const fd = yield* c.open(name, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
      if (fd < 0) { yield* warn(c, 'sed', `couldn't open ${name}`, fd); status = 4; continue; }
      yield* c.write(fd, text);
      yield* c.syscall('close', fd);
    }
    return status;
  }
  // Without -i the files are one stream: line numbers run on and `$` is the last line of the last file.
  const lines: string[] = [];
  for (const name of args.length ? args : ['-']) {
    const l = yield* read_lines(name);
    if (l) lines.push(...l); else status = 2;
  }
  const out = new ostream(c, 1, 65536);
  yield* out.write(new TextEncoder().encode(sed_run(cmds, lines, has(p, 'n'))));
  yield* out.flush();
  return out.err ? 4 : status;
}
