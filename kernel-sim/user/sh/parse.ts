// The shell's grammar: words with quoting, operators, and the parse into lists of and-or pipelines (POSIX sh, 2.10).

/** A word keeps its quoting so expansion knows what may be split and globbed. */
export interface WordPart { text: string; quoted: 'none' | 'single' | 'double'; }
export type Word = WordPart[];

export interface Redirect { fd: number; op: '>' | '>>' | '<' | '>&' | '<&' | '<>'; target: Word; }
export interface SimpleCommand { kind: 'simple'; assigns: [string, Word][]; words: Word[]; redirects: Redirect[]; }
export interface Subshell { kind: 'subshell'; body: List; redirects: Redirect[]; }
export type Command = SimpleCommand | Subshell;
export interface Pipeline { negate: boolean; commands: Command[]; }
export interface AndOr { first: Pipeline; rest: ['&&' | '||', Pipeline][]; background: boolean; text: string; }
export type List = AndOr[];

type Token = { t: 'word'; w: Word; raw: string } | { t: 'op'; op: string } | { t: 'io'; fd: number; op: string };

export class ParseError extends Error {}

const OPS = ['&&', '||', '>>', '>&', '<&', '<>', '&>', ';;', '|', '&', ';', '<', '>', '(', ')', '\n'];

/** Splits a line into tokens, keeping quote structure; throws ParseError on unterminated quotes. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    // IO number: digits directly followed by < or >
    const io = /^(\d+)(>>|>&|<&|<>|>|<)/.exec(src.slice(i));
    if (io) { out.push({ t: 'io', fd: Number(io[1]), op: io[2] }); i += io[0].length; continue; }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) { out.push({ t: 'op', op }); i += op.length; continue; }
    const parts: WordPart[] = [];
    const start = i;
    let cur = '';
    const flush = (): void => { if (cur) { parts.push({ text: cur, quoted: 'none' }); cur = ''; } };
    while (i < src.length) {
      const ch = src[i];
      if (ch === ' ' || ch === '\t' || ch === '\n' || OPS.some((o) => o !== '\n' && src.startsWith(o, i) && !'#'.includes(o))) break;
      if (ch === '\\') {
        if (i + 1 < src.length) {
          if (src[i + 1] === '\n') { i += 2; continue; }
          flush(); parts.push({ text: src[i + 1], quoted: 'single' }); i += 2; continue;
        }
        i++; continue;
      }
      if (ch === "'") {
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new ParseError("unterminated quoted string");
        flush(); parts.push({ text: src.slice(i + 1, end), quoted: 'single' }); i = end + 1; continue;
      }
      if (ch === '"') {
        let j = i + 1, s = '';
        while (j < src.length && src[j] !== '"') {
          if (src[j] === '\\' && j + 1 < src.length && '$`"\\\n'.includes(src[j + 1])) { s += src[j + 1] === '\n' ? '' : (src[j + 1] === '$' ? '\\$' : src[j + 1]); j += 2; continue; }
          if (src[j] === '$' && src[j + 1] === '(') { const e = match_paren(src, j + 1); s += src.slice(j, e + 1); j = e + 1; continue; }
          s += src[j]; j++;
        }
        if (j >= src.length) throw new ParseError('unterminated quoted string');
        flush(); parts.push({ text: s, quoted: 'double' }); i = j + 1; continue;
      }
      if (ch === '$' && src[i + 1] === '(') { const e = match_paren(src, i + 1); cur += src.slice(i, e + 1); i = e + 1; continue; }
      if (ch === '`') { const e = src.indexOf('`', i + 1); if (e < 0) throw new ParseError('unterminated `'); cur += '$(' + src.slice(i + 1, e) + ')'; i = e + 1; continue; }
      cur += ch; i++;
    }
    flush();
    out.push({ t: 'word', w: parts, raw: src.slice(start, i) });
  }
  return out;
}

function match_paren(src: string, open: number): number {
  let depth = 0;
  for (let j = open; j < src.length; j++) {
    if (src[j] === '(') depth++;
    else if (src[j] === ')') { depth--; if (depth === 0) return j; }
    else if (src[j] === "'") { const e = src.indexOf("'", j + 1); if (e < 0) break; j = e; }
  }
  throw new ParseError("unexpected EOF while looking for matching `)'");
}

/** Parses a whole input into an and-or list; `src` is kept to show job text. */
export function parse(src: string): List {
  const toks = tokenize(src);
  let p = 0;
  const peek = (): Token | undefined => toks[p];
  const isop = (op: string): boolean => { const t = peek(); return !!t && t.t === 'op' && t.op === op; };
  const skip_newlines = (): void => { while (isop('\n')) p++; };

  function parse_command(): Command {
    if (isop('(')) {
      p++;
      const body = parse_list(')');
      if (!isop(')')) throw new ParseError("syntax error: unexpected end of file (expecting \")\")");
      p++;
      return { kind: 'subshell', body, redirects: parse_redirects([]) };
    }
    const cmd: SimpleCommand = { kind: 'simple', assigns: [], words: [], redirects: [] };
    for (;;) {
      const t = peek();
      if (!t) break;
      if (t.t === 'io' || (t.t === 'op' && ['>', '>>', '<', '>&', '<&', '<>', '&>'].includes(t.op))) { parse_redirects(cmd.redirects, true); continue; }
      if (t.t !== 'word') break;
      p++;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.w[0]?.quoted === 'none' ? t.w[0].text : '');
      if (m && cmd.words.length === 0) {
        const rest: Word = [{ ...t.w[0], text: t.w[0].text.slice(m[0].length) }, ...t.w.slice(1)];
        cmd.assigns.push([m[1], rest]);
      } else cmd.words.push(t.w);
    }
    if (!cmd.words.length && !cmd.assigns.length && !cmd.redirects.length) {
      const t = peek();
      throw new ParseError(`syntax error near unexpected token \`${t ? (t.t === 'op' ? (t.op === '\n' ? 'newline' : t.op) : t.t === 'word' ? t.raw : t.op) : 'newline'}'`);
    }
    return cmd;
  }

  function parse_redirects(into: Redirect[], once = false): Redirect[] {
    for (;;) {
      const t = peek();
      if (!t) return into;
      let fd: number, op: string;
      if (t.t === 'io') { fd = t.fd; op = t.op; }
      else if (t.t === 'op' && ['>', '>>', '<', '>&', '<&', '<>', '&>'].includes(t.op)) { op = t.op; fd = op.startsWith('<') ? 0 : 1; }
      else return into;
      p++;
      const target = peek();
      if (!target || target.t !== 'word') throw new ParseError(`syntax error near unexpected token \`${target && target.t === 'op' ? (target.op === '\n' ? 'newline' : target.op) : 'newline'}'`);
      p++;
      if (op === '&>') { into.push({ fd: 1, op: '>', target: target.w }); into.push({ fd: 2, op: '>&', target: [{ text: '1', quoted: 'none' }] }); }
      else into.push({ fd, op: op as Redirect['op'], target: target.w });
      if (once) return into;
    }
  }

  function parse_pipeline(): Pipeline {
    let negate = false;
    const t = peek();
    if (t && t.t === 'word' && t.raw === '!') { negate = true; p++; }
    const commands = [parse_command()];
    while (isop('|')) { p++; skip_newlines(); commands.push(parse_command()); }
    return { negate, commands };
  }

  function parse_list(until?: string): List {
    const list: List = [];
    skip_newlines();
    while (peek() && !(until && isop(until))) {
      const startTok = p;
      const first = parse_pipeline();
      const rest: ['&&' | '||', Pipeline][] = [];
      while (isop('&&') || isop('||')) {
        const op = (peek() as { op: '&&' | '||' }).op;
        p++;
        skip_newlines();
        rest.push([op, parse_pipeline()]);
      }
      let background = false;
      if (isop('&')) { background = true; p++; }
      else if (isop(';')) p++;
      else if (isop('\n')) p++;
      else if (peek() && !(until && isop(until))) {
        const t = peek()!;
        throw new ParseError(`syntax error near unexpected token \`${t.t === 'op' ? t.op : t.t === 'word' ? t.raw : t.op}'`);
      }
      const text = toks.slice(startTok, p).filter((x) => !(x.t === 'op' && (x.op === ';' || x.op === '\n' || x.op === '&'))).map((x) => (x.t === 'word' ? x.raw : x.t === 'op' ? x.op : `${x.fd}${x.op}`)).join(' ');
      list.push({ first, rest, background, text });
      skip_newlines();
    }
    return list;
  }

  const list = parse_list();
  if (p < toks.length) {
    const t = toks[p];
    throw new ParseError(`syntax error near unexpected token \`${t.t === 'op' ? t.op : t.t === 'word' ? t.raw : t.op}'`);
  }
  return list;
}
