// Models the lexical conventions of awk (POSIX awk, as busybox and gawk read them): tokens, where `/` starts a regex, and which newlines end a statement.

export type tok_kind =
  | 'number' | 'string' | 'ere' | 'name' | 'funcname' | 'builtin' | 'keyword' | 'newline' | 'eof' | 'punct';

export interface token {
  kind: tok_kind;
  /** The token's text: the operator, the name, the keyword, or the decoded string / regex source. */
  text: string;
  num?: number;
  line: number;
  col: number;
}

export const KEYWORDS = new Set([
  'BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile',
  'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf',
]);

export const BUILTINS = new Set([
  'length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'sin', 'cos', 'atan2', 'exp', 'log', 'sqrt',
  'int', 'rand', 'srand', 'tolower', 'toupper', 'system', 'close', 'fflush',
]);

/** Operators, longest first so that `**=` is not read as `*` `*=`. */
const PUNCT = [
  '**=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '%=', '^=', '==', '<=', '>=', '!=', '!~', '>>', '**',
  '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '=',
];

/** After these a `/` divides; anywhere else it opens a regular expression. */
function ends_operand(t: token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'number' || t.kind === 'string' || t.kind === 'ere' || t.kind === 'name' || t.kind === 'builtin') return true;
  if (t.kind === 'keyword') return t.text === 'getline';
  return t.kind === 'punct' && (t.text === ')' || t.text === ']' || t.text === '$' || t.text === '++' || t.text === '--');
}

/** Newlines right after these tokens continue the statement (POSIX `newline_opt`). */
export function continues_line(t: token | undefined): boolean {
  if (!t) return true;
  if (t.kind === 'keyword') return t.text === 'do' || t.text === 'else';
  return t.kind === 'punct' && ['{', '&&', '||', ',', ';'].includes(t.text) || t.kind === 'newline';
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Decodes the escapes of a string literal ("\n", "\101", "\/"); unknown escapes keep the backslash, as busybox does. */
export function unescape_awk(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i + 1 >= s.length) { out += s[i]; continue; }
    const n = s[++i]!;
    if (n in ESCAPES) { out += ESCAPES[n]; continue; }
    if (/[0-7]/.test(n)) {
      let v = n;
      while (v.length < 3 && /[0-7]/.test(s[i + 1] ?? '')) v += s[++i];
      out += String.fromCharCode(parseInt(v, 8));
      continue;
    }
    out += '\\' + n;
  }
  return out;
}

export class LexError extends Error {
  constructor(readonly line: number, readonly col: number, msg: string) { super(msg); }
}

export function tokenize(src: string): token[] {
  const out: token[] = [];
  let i = 0, line = 1, lstart = 0;
  const at = (): { line: number; col: number } => ({ line, col: i - lstart + 1 });
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '\\' && src[i + 1] === '\n') { i += 2; line++; lstart = i; continue; }
    if (ch === ' ' || ch === '\t' || ch === '\r') { i++; continue; }
    if (ch === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const pos = at();
    if (ch === '\n') { out.push({ kind: 'newline', text: '\n', ...pos }); i++; line++; lstart = i; continue; }
    if (ch === '"') {
      let j = i + 1, raw = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\n') throw new LexError(pos.line, pos.col, 'unterminated string');
        if (src[j] === '\\' && j + 1 < src.length) { raw += src[j]! + src[j + 1]!; j += 2; continue; }
        raw += src[j++];
      }
      if (j >= src.length) throw new LexError(pos.line, pos.col, 'unterminated string');
      out.push({ kind: 'string', text: unescape_awk(raw), ...pos });
      i = j + 1;
      continue;
    }
    if (ch === '/' && !ends_operand(out.at(-1))) {
      let j = i + 1, raw = '', in_bracket = false;
      while (j < src.length && (src[j] !== '/' || in_bracket)) {
        if (src[j] === '\n') throw new LexError(pos.line, pos.col, 'unterminated regexp');
        if (src[j] === '\\' && j + 1 < src.length) { raw += src[j + 1] === '/' ? '/' : src[j]! + src[j + 1]!; j += 2; continue; }
        if (src[j] === '[' && !in_bracket) { in_bracket = true; raw += src[j++]; if (src[j] === '^') raw += src[j++]; if (src[j] === ']') raw += src[j++]; continue; }
        if (src[j] === ']') in_bracket = false;
        raw += src[j++];
      }
      if (j >= src.length) throw new LexError(pos.line, pos.col, 'unterminated regexp');
      out.push({ kind: 'ere', text: raw, ...pos });
      i = j + 1;
      continue;
    }
    const num = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(src.slice(i, i + 64));
    if (num) {
      out.push({ kind: 'number', text: num[0], num: Number(num[0]), ...pos });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 256));
    if (word) {
      const w = word[0];
      i += w.length;
      const kind: tok_kind = KEYWORDS.has(w) ? 'keyword' : BUILTINS.has(w) ? 'builtin' : src[i] === '(' ? 'funcname' : 'name';
      out.push({ kind, text: w === 'func' ? 'function' : w, ...pos });
      continue;
    }
    const p = PUNCT.find((op) => src.startsWith(op, i));
    if (!p) throw new LexError(pos.line, pos.col, `unexpected character '${ch}'`);
    out.push({ kind: 'punct', text: p === '**' ? '^' : p === '**=' ? '^=' : p, ...pos });
    i += p.length;
  }
  out.push({ kind: 'eof', text: '', ...at() });
  return out;
}
