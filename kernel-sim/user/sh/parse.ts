// The shell's grammar (POSIX sh, 2.10): words with quoting, operators, here-documents, and the parse into lists of and-or pipelines of simple and compound commands.

/** A word keeps its quoting so expansion knows what may be split and globbed. */
export interface WordPart { text: string; quoted: 'none' | 'single' | 'double'; }
export type Word = WordPart[];

export interface HereDoc { body: string; quoted: boolean; strip_tabs: boolean }
export interface Redirect { fd: number; op: '>' | '>>' | '<' | '>&' | '<&' | '<>' | '>|' | '<<'; target: Word; heredoc?: HereDoc }
export interface SimpleCommand { kind: 'simple'; assigns: [string, Word][]; words: Word[]; redirects: Redirect[]; }
export interface Subshell { kind: 'subshell'; body: List; redirects: Redirect[]; }
export interface BraceGroup { kind: 'group'; body: List; redirects: Redirect[]; }
export interface IfCommand { kind: 'if'; clauses: [List, List][]; else_body: List | null; redirects: Redirect[]; }
export interface LoopCommand { kind: 'while' | 'until'; cond: List; body: List; redirects: Redirect[]; }
export interface ForCommand { kind: 'for'; name: string; words: Word[] | null; body: List; redirects: Redirect[]; }
export interface CaseItem { patterns: Word[]; body: List; }
export interface CaseCommand { kind: 'case'; word: Word; items: CaseItem[]; redirects: Redirect[]; }
export interface FunctionDef { kind: 'function'; name: string; body: Command; text: string; redirects: Redirect[]; }
export type Command = SimpleCommand | Subshell | BraceGroup | IfCommand | LoopCommand | ForCommand | CaseCommand | FunctionDef;
export interface Pipeline { negate: boolean; commands: Command[]; }
export interface AndOr { first: Pipeline; rest: ['&&' | '||', Pipeline][]; background: boolean; text: string; }
export type List = AndOr[];

type Token =
  | { t: 'word'; w: Word; raw: string; start: number; end: number }
  | { t: 'op'; op: string; start: number; end: number }
  | { t: 'io'; fd: number; op: string; start: number; end: number };

export class ParseError extends Error {
  /** True when more input could complete the text (an open quote, here-document or compound command). */
  constructor(message: string, readonly incomplete = false) { super(message); }
}

const OPS = ['<<-', '&&', '||', ';;', '<<', '>>', '>&', '<&', '<>', '>|', '&>', '|', '&', ';', '<', '>', '(', ')', '\n'];
const REDIR_OPS = ['>', '>>', '<', '>&', '<&', '<>', '>|', '&>', '<<', '<<-'];
const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', '{', '}', '!', 'function']);

/** Index of the parenthesis closing the one at `open` (quotes, nested $( and backquotes skipped). */
export function match_paren(src: string, open: number): number {
  let depth = 0;
  for (let j = open; j < src.length; j++) {
    const ch = src[j];
    if (ch === '\\') { j++; continue; }
    if (ch === '(') depth++;
    else if (ch === ')') { depth--; if (depth === 0) return j; }
    else if (ch === "'") { const e = src.indexOf("'", j + 1); if (e < 0) break; j = e; }
    else if (ch === '"') {
      let k = j + 1;
      while (k < src.length && src[k] !== '"') { if (src[k] === '\\') k++; else if (src[k] === '$' && src[k + 1] === '(') k = match_paren(src, k + 1); k++; }
      if (k >= src.length) break;
      j = k;
    }
  }
  throw new ParseError("unexpected EOF while looking for matching `)'", true);
}

/** Splits source into tokens, keeping quote structure and reading here-document bodies after their line. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const pending_heredocs: { redirect_tok: number; delim: Word; strip: boolean; doc: HereDoc }[] = [];
  const heredoc_of = new Map<number, HereDoc>();
  let i = 0;
  const read_heredocs = (): void => {
    for (const h of pending_heredocs.splice(0)) {
      const delim = h.delim.map((p) => p.text).join('');
      let body = '';
      for (;;) {
        if (i >= src.length) throw new ParseError(`here-document delimited by end-of-file (wanted \`${delim}')`, true);
        const nl = src.indexOf('\n', i);
        const line = src.slice(i, nl < 0 ? src.length : nl);
        i = nl < 0 ? src.length : nl + 1;
        const cmp = h.strip ? line.replace(/^\t+/, '') : line;
        if (cmp === delim) break;
        if (nl < 0) throw new ParseError(`here-document delimited by end-of-file (wanted \`${delim}')`, true);
        body += cmp + '\n';
      }
      h.doc.body = body;
    }
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const io = /^(\d+)(<<-|<<|>>|>&|<&|<>|>\||>|<)/.exec(src.slice(i, i + 12));
    if (io) { out.push({ t: 'io', fd: Number(io[1]), op: io[2], start: i, end: i + io[0].length }); i += io[0].length; continue; }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ t: 'op', op, start: i, end: i + op.length });
      i += op.length;
      if (op === '\n' && pending_heredocs.length) read_heredocs();
      continue;
    }
    const start = i;
    const parts: WordPart[] = [];
    let cur = '';
    const flush = (): void => { if (cur) { parts.push({ text: cur, quoted: 'none' }); cur = ''; } };
    while (i < src.length) {
      const ch = src[i];
      if (ch === ' ' || ch === '\t' || ch === '\n' || OPS.some((o) => o !== '\n' && src.startsWith(o, i))) break;
      if (ch === '\\') {
        if (i + 1 < src.length) {
          if (src[i + 1] === '\n') { i += 2; continue; }
          flush(); parts.push({ text: src[i + 1], quoted: 'single' }); i += 2; continue;
        }
        i++; continue;
      }
      if (ch === "'") {
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new ParseError('unterminated quoted string', true);
        flush(); parts.push({ text: src.slice(i + 1, end), quoted: 'single' }); i = end + 1; continue;
      }
      if (ch === '"') {
        let j = i + 1, s = '';
        while (j < src.length && src[j] !== '"') {
          if (src[j] === '\\' && j + 1 < src.length && '$`"\\\n'.includes(src[j + 1])) { s += src[j + 1] === '\n' ? '' : (src[j + 1] === '$' || src[j + 1] === '`' ? '\\' + src[j + 1] : src[j + 1] === '\\' ? '\\\\' : src[j + 1]); j += 2; continue; }
          if (src[j] === '\\') { s += '\\\\'; j++; continue; }
          if (src[j] === '$' && src[j + 1] === '(') { const e = match_paren(src, j + 1); s += src.slice(j, e + 1); j = e + 1; continue; }
          if (src[j] === '`') { const e = src.indexOf('`', j + 1); if (e < 0) throw new ParseError('unterminated `', true); s += '$(' + src.slice(j + 1, e) + ')'; j = e + 1; continue; }
          s += src[j]; j++;
        }
        if (j >= src.length) throw new ParseError('unterminated quoted string', true);
        flush(); parts.push({ text: s, quoted: 'double' }); i = j + 1; continue;
      }
      if (ch === '$' && src[i + 1] === '(') { const e = match_paren(src, i + 1); cur += src.slice(i, e + 1); i = e + 1; continue; }
      if (ch === '$' && src[i + 1] === '{') {
        const e = src.indexOf('}', i + 2);
        if (e < 0) throw new ParseError('bad substitution', true);
        cur += src.slice(i, e + 1); i = e + 1; continue;
      }
      if (ch === '`') { const e = src.indexOf('`', i + 1); if (e < 0) throw new ParseError('unterminated `', true); cur += '$(' + src.slice(i + 1, e) + ')'; i = e + 1; continue; }
      cur += ch; i++;
    }
    flush();
    out.push({ t: 'word', w: parts, raw: src.slice(start, i), start, end: i });
    // A word right after << is a here-document delimiter: its body follows the next newline.
    const prev = out[out.length - 2];
    if (prev && (prev.t === 'op' || prev.t === 'io') && (prev.op === '<<' || prev.op === '<<-')) {
      const doc: HereDoc = { body: '', quoted: parts.some((p) => p.quoted !== 'none'), strip_tabs: prev.op === '<<-' };
      heredoc_of.set(out.length - 1, doc);
      pending_heredocs.push({ redirect_tok: out.length - 1, delim: parts, strip: prev.op === '<<-', doc });
    }
  }
  if (pending_heredocs.length) throw new ParseError(`here-document delimited by end-of-file (wanted \`${pending_heredocs[0].delim.map((p) => p.text).join('')}')`, true);
  for (const [k, doc] of heredoc_of) (out[k] as Token & { doc?: HereDoc }).doc = doc;
  return out;
}

const tok_text = (t: Token | undefined): string => (!t ? 'newline' : t.t === 'op' ? (t.op === '\n' ? 'newline' : t.op) : t.t === 'word' ? t.raw : `${t.fd}${t.op}`);

/** Parses a whole input into an and-or list; `src` is kept to show job text. */
export function parse(src: string): List {
  const toks = tokenize(src);
  let p = 0;
  const peek = (k = 0): Token | undefined => toks[p + k];
  const isop = (op: string, k = 0): boolean => { const t = peek(k); return !!t && t.t === 'op' && t.op === op; };
  /** A reserved word: an unquoted word token with that exact text. */
  const isword = (w: string, k = 0): boolean => { const t = peek(k); return !!t && t.t === 'word' && t.raw === w && t.w.length === 1 && t.w[0].quoted === 'none'; };
  const skip_newlines = (): void => { while (isop('\n')) p++; };
  const unexpected = (): ParseError => new ParseError(`syntax error near unexpected token \`${tok_text(peek())}'`, !peek());
  const expect_word = (w: string): void => {
    if (!isword(w)) {
      if (!peek()) throw new ParseError(`syntax error: unexpected end of file (expecting "${w}")`, true);
      throw unexpected();
    }
    p++;
  };

  function parse_redirect(into: Redirect[]): boolean {
    const t = peek();
    if (!t) return false;
    let fd: number, op: string;
    if (t.t === 'io') { fd = t.fd; op = t.op; }
    else if (t.t === 'op' && REDIR_OPS.includes(t.op)) { op = t.op; fd = op.startsWith('<') ? 0 : 1; }
    else return false;
    p++;
    const target = peek();
    if (!target || target.t !== 'word') throw new ParseError(`syntax error near unexpected token \`${tok_text(target)}'`, !target);
    p++;
    if (op === '&>') { into.push({ fd: 1, op: '>', target: target.w }); into.push({ fd: 2, op: '>&', target: [{ text: '1', quoted: 'none' }] }); }
    else if (op === '<<' || op === '<<-') into.push({ fd, op: '<<', target: target.w, heredoc: (target as Token & { doc?: HereDoc }).doc });
    else into.push({ fd, op: (op === '>|' ? '>' : op) as Redirect['op'], target: target.w });
    return true;
  }

  function parse_redirects(): Redirect[] {
    const r: Redirect[] = [];
    while (parse_redirect(r)) { /* more */ }
    return r;
  }

  function parse_compound_list(terms: string[]): List {
    const list = parse_list(terms);
    return list;
  }

  function parse_command(): Command {
    const t = peek();
    if (isop('(')) {
      p++;
      const body = parse_compound_list([')']);
      if (!isop(')')) { if (!peek()) throw new ParseError('syntax error: unexpected end of file (expecting ")")', true); throw unexpected(); }
      p++;
      return { kind: 'subshell', body, redirects: parse_redirects() };
    }
    if (isword('{')) {
      p++;
      const body = parse_compound_list(['}']);
      expect_word('}');
      return { kind: 'group', body, redirects: parse_redirects() };
    }
    if (isword('if')) {
      p++;
      const clauses: [List, List][] = [];
      let else_body: List | null = null;
      const cond = parse_compound_list(['then']);
      expect_word('then');
      clauses.push([cond, parse_compound_list(['elif', 'else', 'fi'])]);
      for (;;) {
        if (isword('elif')) { p++; const c2 = parse_compound_list(['then']); expect_word('then'); clauses.push([c2, parse_compound_list(['elif', 'else', 'fi'])]); continue; }
        if (isword('else')) { p++; else_body = parse_compound_list(['fi']); }
        break;
      }
      expect_word('fi');
      return { kind: 'if', clauses, else_body, redirects: parse_redirects() };
    }
    if (isword('while') || isword('until')) {
      const kind = (peek() as { raw: string }).raw as 'while' | 'until';
      p++;
      const cond = parse_compound_list(['do']);
      expect_word('do');
      const body = parse_compound_list(['done']);
      expect_word('done');
      return { kind, cond, body, redirects: parse_redirects() };
    }
    if (isword('for')) {
      p++;
      const nt = peek();
      if (!nt || nt.t !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(nt.raw)) { if (!nt) throw new ParseError('syntax error: unexpected end of file', true); throw new ParseError(`syntax error: bad for loop variable`); }
      p++;
      let words: Word[] | null = null;
      skip_newlines();
      if (isword('in')) {
        p++;
        words = [];
        while (peek() && peek()!.t === 'word') { words.push((peek() as { w: Word }).w); p++; }
        if (isop(';') || isop('\n')) p++;
        else if (!peek()) throw new ParseError('syntax error: unexpected end of file', true);
        else throw unexpected();
      } else if (isop(';')) p++;
      skip_newlines();
      expect_word('do');
      const body = parse_compound_list(['done']);
      expect_word('done');
      return { kind: 'for', name: nt.raw, words, body, redirects: parse_redirects() };
    }
    if (isword('case')) {
      p++;
      const wt = peek();
      if (!wt || wt.t !== 'word') { if (!wt) throw new ParseError('syntax error: unexpected end of file', true); throw unexpected(); }
      p++;
      skip_newlines();
      expect_word('in');
      skip_newlines();
      const items: CaseItem[] = [];
      while (!isword('esac')) {
        if (!peek()) throw new ParseError('syntax error: unexpected end of file (expecting "esac")', true);
        if (isop('(')) p++;
        const patterns: Word[] = [];
        for (;;) {
          const pt = peek();
          if (!pt || pt.t !== 'word') { if (!pt) throw new ParseError('syntax error: unexpected end of file', true); throw unexpected(); }
          patterns.push(pt.w); p++;
          if (isop('|')) { p++; continue; }
          break;
        }
        if (!isop(')')) { if (!peek()) throw new ParseError('syntax error: unexpected end of file', true); throw unexpected(); }
        p++;
        const body = parse_compound_list([';;', 'esac']);
        items.push({ patterns, body });
        if (isop(';;')) { p++; skip_newlines(); continue; }
        if (!isword('esac')) { if (!peek()) throw new ParseError('syntax error: unexpected end of file (expecting "esac")', true); throw unexpected(); }
      }
      p++;
      return { kind: 'case', word: wt.w, items, redirects: parse_redirects() };
    }
    // Function definitions: name() compound, or function name [()] compound.
    const fstart = t?.start ?? 0;
    if (isword('function') && peek(1)?.t === 'word') {
      p++;
      const name = (peek() as { raw: string }).raw;
      p++;
      if (isop('(') && isop(')', 1)) p += 2;
      skip_newlines();
      const body = parse_command();
      return { kind: 'function', name, body, text: src.slice(fstart, toks[p - 1]?.end ?? src.length), redirects: [] };
    }
    if (t && t.t === 'word' && isop('(', 1) && isop(')', 2) && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(t.raw) && !RESERVED.has(t.raw)) {
      p += 3;
      skip_newlines();
      if (!peek()) throw new ParseError('syntax error: unexpected end of file', true);
      const body = parse_command();
      if (body.kind === 'simple') throw new ParseError(`syntax error near unexpected token \`${tok_text(toks[p - 1])}'`);
      return { kind: 'function', name: t.raw, body, text: src.slice(fstart, toks[p - 1]?.end ?? src.length), redirects: [] };
    }
    if (t && t.t === 'word' && RESERVED.has(t.raw) && t.w.length === 1 && t.w[0].quoted === 'none' && !['{', '!', 'function', 'in'].includes(t.raw)) throw unexpected();
    const cmd: SimpleCommand = { kind: 'simple', assigns: [], words: [], redirects: [] };
    for (;;) {
      const tk = peek();
      if (!tk) break;
      if (parse_redirect(cmd.redirects)) continue;
      if (tk.t !== 'word') break;
      p++;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(tk.w[0]?.quoted === 'none' ? tk.w[0].text : '');
      if (m && cmd.words.length === 0) {
        const rest: Word = [{ ...tk.w[0], text: tk.w[0].text.slice(m[0].length) }, ...tk.w.slice(1)];
        cmd.assigns.push([m[1], rest]);
      } else cmd.words.push(tk.w);
    }
    if (!cmd.words.length && !cmd.assigns.length && !cmd.redirects.length) throw unexpected();
    return cmd;
  }

  function parse_pipeline(): Pipeline {
    let negate = false;
    if (isword('!')) { negate = true; p++; }
    const commands = [parse_command()];
    while (isop('|')) { p++; skip_newlines(); commands.push(parse_command()); }
    return { negate, commands };
  }

  /** A list ends at EOF or at one of `terms` (reserved words in command position, or operators). */
  function at_term(terms: string[]): boolean {
    return terms.some((w) => (w === ')' || w === ';;' ? isop(w) : isword(w)));
  }

  function parse_list(terms: string[] = []): List {
    const list: List = [];
    skip_newlines();
    while (peek() && !at_term(terms)) {
      const startTok = p;
      const first = parse_pipeline();
      const rest: ['&&' | '||', Pipeline][] = [];
      while (isop('&&') || isop('||')) {
        const op = (peek() as { op: '&&' | '||' }).op;
        p++;
        skip_newlines();
        if (!peek()) throw new ParseError('syntax error: unexpected end of file', true);
        rest.push([op, parse_pipeline()]);
      }
      let background = false;
      const endTok = p;
      if (isop('&')) { background = true; p++; }
      else if (isop(';')) p++;
      else if (isop('\n')) p++;
      else if (peek() && !at_term(terms)) throw unexpected();
      const text = src.slice(toks[startTok].start, toks[endTok - 1].end).replace(/\s+$/, '');
      list.push({ first, rest, background, text });
      skip_newlines();
    }
    if (terms.length && !peek()) throw new ParseError(`syntax error: unexpected end of file (expecting "${terms[0] === ';;' ? 'esac' : terms[terms.length - 1]}")`, true);
    return list;
  }

  const list = parse_list();
  if (p < toks.length) throw unexpected();
  return list;
}
