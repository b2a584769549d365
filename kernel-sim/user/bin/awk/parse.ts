// Models the grammar of POSIX awk (the yacc grammar of the standard, as a recursive-descent parser): rules, statements, operator precedence, concatenation by juxtaposition, and print's `>` redirection.
import type { expr, lvalue, pattern, program, redirect, rule, stmt, func_def } from './ast.ts';
import { continues_line, tokenize, LexError, type token } from './lex.ts';

export class ParseError extends Error {
  constructor(readonly line: number, msg: string) { super(msg); }
}

/** Tokens that can begin an operand, so that `a b` is a concatenation. */
function starts_operand(t: token): boolean {
  if (t.kind === 'number' || t.kind === 'string' || t.kind === 'ere' || t.kind === 'name' || t.kind === 'funcname' || t.kind === 'builtin') return true;
  if (t.kind === 'punct') return ['$', '!', '(', '-', '+', '++', '--'].includes(t.text);
  return false;
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^=']);
const REL_OPS = new Set(['<', '<=', '!=', '==', '>', '>=']);

interface ctx { no_gt: boolean; no_in: boolean }
const TOP: ctx = { no_gt: false, no_in: false };

class Parser {
  private i = 0;
  private ranges = 0;
  private readonly funcs = new Map<string, func_def>();
  private readonly toks: token[];

  constructor(src: string) {
    // A newline after `{ && || , ; do else` (or another newline) continues the statement: drop it here once.
    const raw = tokenize(src);
    this.toks = raw.filter((t, k) => t.kind !== 'newline' || !continues_line(raw[k - 1]));
  }

  private get tok(): token { return this.toks[this.i]!; }
  private peek(n = 1): token { return this.toks[Math.min(this.i + n, this.toks.length - 1)]!; }
  private is(text: string, kind?: token['kind']): boolean { return this.tok.text === text && (kind ? this.tok.kind === kind : this.tok.kind === 'punct' || this.tok.kind === 'keyword'); }
  private next(): token { return this.toks[this.i++]!; }

  private fail(t: token = this.tok): never {
    const near = t.kind === 'eof' ? 'end of file' : t.kind === 'newline' ? 'end of line' : t.kind === 'string' ? `"${t.text}"` : t.text;
    throw new ParseError(t.line, `syntax error at or near ${near}`);
  }

  private expect(text: string): token {
    if (!this.is(text)) this.fail();
    return this.next();
  }

  private skip_newlines(): void { while (this.tok.kind === 'newline' || this.is(';')) this.next(); }
  private skip_nl_only(): void { while (this.tok.kind === 'newline') this.next(); }

  program(): program {
    const rules: rule[] = [];
    this.skip_newlines();
    while (this.tok.kind !== 'eof') {
      if (this.is('function', 'keyword')) this.function_def();
      else rules.push(this.rule());
      this.skip_newlines();
    }
    return { rules, funcs: this.funcs, ranges: this.ranges };
  }

  private function_def(): void {
    this.next();
    const name = this.next();
    if (name.kind !== 'name' && name.kind !== 'funcname') this.fail(name);
    if (this.funcs.has(name.text)) throw new ParseError(name.line, `function ${name.text} redefined`);
    this.expect('(');
    const params: string[] = [];
    while (!this.is(')')) {
      const p = this.next();
      if (p.kind !== 'name') this.fail(p);
      params.push(p.text);
      if (this.is(',')) { this.next(); this.skip_nl_only(); } else if (!this.is(')')) this.fail();
    }
    this.next();
    this.skip_nl_only();
    this.funcs.set(name.text, { name: name.text, params, body: this.block() });
  }

  private rule(): rule {
    let p: pattern;
    if (this.is('BEGIN', 'keyword') || this.is('END', 'keyword')) {
      p = { t: this.next().text === 'BEGIN' ? 'begin' : 'end' };
      this.skip_nl_only();
      if (!this.is('{')) throw new ParseError(this.tok.line, `${p.t === 'begin' ? 'BEGIN' : 'END'} blocks must have an action part`);
      return { pattern: p, action: this.block() };
    }
    if (this.is('{')) return { pattern: { t: 'all' }, action: this.block() };
    const from = this.expr(TOP);
    if (this.is(',')) {
      this.next();
      this.skip_nl_only();
      p = { t: 'range', from, to: this.expr(TOP), id: this.ranges++ };
    } else p = { t: 'expr', e: from };
    return { pattern: p, action: this.is('{') ? this.block() : null };
  }

  private block(): stmt[] {
    this.expect('{');
    const body: stmt[] = [];
    this.skip_newlines();
    while (!this.is('}')) {
      if (this.tok.kind === 'eof') this.fail();
      body.push(this.statement());
      this.skip_newlines();
    }
    this.next();
    return body;
  }

  /** A statement's end: `;`, a newline, or (without consuming) `}` or the end of the program. */
  private terminator(): void {
    if (this.is(';') || this.tok.kind === 'newline') { this.next(); return; }
    if (this.is('}') || this.tok.kind === 'eof') return;
    this.fail();
  }

  /** The body of if/while/for: a statement, possibly on the next line; a lone `;` is an empty statement. */
  private body(): stmt {
    this.skip_nl_only();
    if (this.is(';')) { this.next(); return { t: 'block', body: [] }; }
    return this.statement();
  }

  private statement(): stmt {
    const t = this.tok;
    if (this.is('{')) return { t: 'block', body: this.block() };
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'if': {
          this.next(); this.expect('(');
          const test = this.expr(TOP);
          this.expect(')');
          const then = this.body();
          // `if (c) s; else t` and `if (c) s <newline> else t` both attach the else.
          const save = this.i;
          this.skip_newlines();
          if (this.is('else', 'keyword')) { this.next(); return { t: 'if', test, then, else: this.body() }; }
          this.i = save;
          return { t: 'if', test, then, else: null };
        }
        case 'while': {
          this.next(); this.expect('(');
          const test = this.expr(TOP);
          this.expect(')');
          if (this.is(';')) { this.next(); return { t: 'while', test, body: { t: 'block', body: [] } }; }
          return { t: 'while', test, body: this.body() };
        }
        case 'do': {
          this.next();
          const body = this.body();
          this.skip_newlines();
          if (!this.is('while', 'keyword')) this.fail();
          this.next(); this.expect('(');
          const test = this.expr(TOP);
          this.expect(')');
          this.terminator();
          return { t: 'do', body, test };
        }
        case 'for': return this.for_statement();
        case 'next': case 'nextfile': case 'break': case 'continue': this.next(); this.terminator(); return { t: t.text };
        case 'exit': case 'return': {
          this.next();
          const v = this.is(';') || this.is('}') || this.tok.kind === 'newline' || this.tok.kind === 'eof' ? null : this.expr(TOP);
          this.terminator();
          return t.text === 'exit' ? { t: 'exit', code: v } : { t: 'return', value: v };
        }
        case 'delete': {
          this.next();
          const name = this.next();
          if (name.kind !== 'name') this.fail(name);
          let subs: expr[] | null = null;
          if (this.is('[')) { this.next(); subs = this.expr_list(']'); }
          this.terminator();
          return { t: 'delete', name: name.text, subs };
        }
        case 'print': case 'printf': {
          this.next();
          const s = this.print_statement(t.text);
          this.terminator();
          return s;
        }
      }
    }
    const s = this.simple_statement();
    this.terminator();
    return s;
  }

  private simple_statement(): stmt {
    if (this.is('print', 'keyword') || this.is('printf', 'keyword')) return this.print_statement(this.next().text as 'print' | 'printf');
    return { t: 'expr', e: this.expr(TOP) };
  }

  private for_statement(): stmt {
    this.next(); this.expect('(');
    // for (key in array)
    if ((this.tok.kind === 'name') && this.peek().text === 'in' && this.peek(2).kind === 'name' && this.peek(3).text === ')') {
      const key: lvalue = { t: 'var', name: this.next().text };
      this.next();
      const array = this.next().text;
      this.next();
      return { t: 'forin', key, array, body: this.body() };
    }
    const init = this.is(';') ? null : this.simple_statement();
    this.expect(';'); this.skip_nl_only();
    const test = this.is(';') ? null : this.expr(TOP);
    this.expect(';'); this.skip_nl_only();
    const step = this.is(')') ? null : this.simple_statement();
    this.expect(')');
    if (this.is(';')) { this.next(); return { t: 'for', init, test, step, body: { t: 'block', body: [] } }; }
    return { t: 'for', init, test, step, body: this.body() };
  }

  private print_statement(kind: string): stmt {
    let args: expr[] = [];
    const ends = (): boolean => this.is(';') || this.is('}') || this.is('>') || this.is('>>') || this.is('|') || this.tok.kind === 'newline' || this.tok.kind === 'eof';
    if (!ends()) {
      const first = this.expr({ no_gt: true, no_in: false }, true);
      // print (a, b) > "f": a parenthesised list is the argument list.
      args = first.t === 'list' ? first.items : [first];
      while (this.is(',')) { this.next(); this.skip_nl_only(); args.push(this.expr({ no_gt: true, no_in: false })); }
    }
    let out: redirect | null = null;
    if (this.is('>') || this.is('>>') || this.is('|')) {
      const op = this.next().text as redirect['op'];
      out = { op, dest: this.concat({ no_gt: true, no_in: false }) };
    }
    if (kind === 'printf' && !args.length) this.fail();
    return kind === 'print' ? { t: 'print', args, out } : { t: 'printf', args, out };
  }

  private expr_list(close: string): expr[] {
    const out: expr[] = [this.expr(TOP)];
    while (this.is(',')) { this.next(); this.skip_nl_only(); out.push(this.expr(TOP)); }
    this.expect(close);
    return out;
  }

  /** expr: assignment (right-associative) over the conditional. `allow_list` lets print take `(a, b)`. */
  expr(c: ctx, allow_list = false): expr {
    const lhs = this.ternary(c, allow_list);
    if (lhs.t === 'list') return lhs;
    if (this.tok.kind === 'punct' && ASSIGN_OPS.has(this.tok.text) && (lhs.t === 'var' || lhs.t === 'field' || lhs.t === 'elem')) {
      const op = this.next().text as Extract<expr, { t: 'assign' }>['op'];
      this.skip_nl_only();
      return { t: 'assign', op, target: lhs, value: this.expr(c) };
    }
    return lhs;
  }

  private ternary(c: ctx, allow_list: boolean): expr {
    const test = this.or(c, allow_list);
    if (!this.is('?')) return test;
    this.next(); this.skip_nl_only();
    const yes = this.expr(c);
    this.skip_nl_only();
    this.expect(':'); this.skip_nl_only();
    return { t: 'cond', test, yes, no: this.expr(c) };
  }

  private or(c: ctx, allow_list: boolean): expr {
    let a = this.and(c, allow_list);
    while (this.is('||')) { this.next(); a = { t: 'or', a, b: this.and(c, false) }; }
    return a;
  }

  private and(c: ctx, allow_list: boolean): expr {
    let a = this.in_(c, allow_list);
    while (this.is('&&')) { this.next(); a = { t: 'and', a, b: this.in_(c, false) }; }
    return a;
  }

  private in_(c: ctx, allow_list: boolean): expr {
    let a = this.match(c, allow_list);
    while (!c.no_in && this.is('in', 'keyword')) {
      this.next();
      const arr = this.next();
      if (arr.kind !== 'name') this.fail(arr);
      a = { t: 'in', subs: a.t === 'list' ? a.items : [a], array: arr.text };
    }
    return a;
  }

  private match(c: ctx, allow_list: boolean): expr {
    let a = this.comparison(c, allow_list);
    while (this.is('~') || this.is('!~')) {
      const negate = this.next().text === '!~';
      a = { t: 'match', negate, a, re: this.comparison(c, false) };
    }
    return a;
  }

  private comparison(c: ctx, allow_list: boolean): expr {
    let a = this.concat(c, allow_list);
    // cmd | getline [var]
    while (this.is('|') && this.peek().text === 'getline' && this.peek().kind === 'keyword') {
      this.next(); this.next();
      a = { t: 'getline', target: this.optional_lvalue(), from: { kind: 'cmd', src: a } };
    }
    if (this.tok.kind === 'punct' && REL_OPS.has(this.tok.text) && !(c.no_gt && this.tok.text === '>')) {
      const op = this.next().text as Extract<expr, { t: 'cmp' }>['op'];
      a = { t: 'cmp', op, a, b: this.concat(c, false) };
    }
    return a;
  }

  concat(c: ctx, allow_list = false): expr {
    let a = this.additive(c, allow_list);
    if (a.t === 'list') return a;
    while (starts_operand(this.tok) && !this.is('-') && !this.is('+') && !(this.tok.kind === 'keyword')) {
      a = { t: 'concat', a, b: this.additive(c, false) };
    }
    return a;
  }

  private additive(c: ctx, allow_list: boolean): expr {
    let a = this.multiplicative(c, allow_list);
    while (this.is('+') || this.is('-')) { const op = this.next().text as '+' | '-'; a = { t: 'arith', op, a, b: this.multiplicative(c, false) }; }
    return a;
  }

  private multiplicative(c: ctx, allow_list: boolean): expr {
    let a = this.unary(c, allow_list);
    while (this.is('*') || this.is('/') || this.is('%')) { const op = this.next().text as '*' | '/' | '%'; a = { t: 'arith', op, a, b: this.unary(c, false) }; }
    return a;
  }

  private unary(c: ctx, allow_list: boolean): expr {
    if (this.is('!') || this.is('-') || this.is('+')) {
      const op = this.next().text as '!' | '-' | '+';
      return { t: 'unary', op, a: this.unary(c, false) };
    }
    return this.power(c, allow_list);
  }

  private power(c: ctx, allow_list: boolean): expr {
    const a = this.postfix(c, allow_list);
    if (!this.is('^')) return a;
    this.next();
    // Right-associative, and the exponent may carry a sign: 2^-1, 2^3^2.
    const b = this.is('-') || this.is('+') || this.is('!') ? this.unary(c, false) : this.power(c, false);
    return { t: 'arith', op: '^', a, b };
  }

  private postfix(c: ctx, allow_list: boolean): expr {
    const a = this.primary(c, allow_list);
    if ((this.is('++') || this.is('--')) && (a.t === 'var' || a.t === 'field' || a.t === 'elem')) {
      return { t: 'incdec', op: this.next().text as '++' | '--', prefix: false, target: a };
    }
    return a;
  }

  private lvalue_or_fail(e: expr): lvalue {
    if (e.t === 'var' || e.t === 'field' || e.t === 'elem') return e;
    this.fail(this.toks[this.i - 1]);
  }

  /** getline's optional variable: a name, an element or a field. */
  private optional_lvalue(): lvalue | null {
    if (this.tok.kind === 'name' || this.is('$')) return this.lvalue_or_fail(this.primary(TOP, false));
    return null;
  }

  private primary(c: ctx, allow_list: boolean): expr {
    const t = this.next();
    switch (t.kind) {
      case 'number': return { t: 'num', v: t.num! };
      case 'string': return { t: 'str', v: t.text };
      case 'ere': return { t: 'regex', src: t.text };
      case 'name':
        if (this.is('[')) { this.next(); return { t: 'elem', name: t.text, subs: this.expr_list(']') }; }
        return { t: 'var', name: t.text };
      case 'funcname': {
        this.expect('(');
        const args = this.is(')') ? (this.next(), []) : this.expr_list(')');
        return { t: 'call', name: t.text, args };
      }
      case 'builtin': {
        if (!this.is('(')) {
          if (t.text === 'length') return { t: 'builtin', name: 'length', args: [] };
          this.fail();
        }
        this.next();
        const args = this.is(')') ? (this.next(), []) : this.expr_list(')');
        return { t: 'builtin', name: t.text, args };
      }
      case 'keyword':
        if (t.text === 'getline') {
          const target = this.optional_lvalue();
          if (this.is('<')) { this.next(); return { t: 'getline', target, from: { kind: 'file', src: this.postfix(TOP, false) } }; }
          return { t: 'getline', target, from: null };
        }
        break;
      case 'punct':
        if (t.text === '$') {
          if (this.is('++') || this.is('--')) {
            const op = this.next().text as '++' | '--';
            return { t: 'field', index: { t: 'incdec', op, prefix: true, target: this.lvalue_or_fail(this.primary(TOP, false)) } };
          }
          if (this.is('-')) { this.next(); return { t: 'field', index: { t: 'unary', op: '-', a: this.primary(TOP, false) } }; }
          return { t: 'field', index: this.primary(TOP, false) };
        }
        if (t.text === '++' || t.text === '--') {
          return { t: 'incdec', op: t.text, prefix: true, target: this.lvalue_or_fail(this.primary(TOP, false)) };
        }
        if (t.text === '(') {
          this.skip_nl_only();
          const first = this.expr(TOP);
          if (this.is(',')) {
            const items = [first];
            while (this.is(',')) { this.next(); this.skip_nl_only(); items.push(this.expr(TOP)); }
            this.expect(')');
            // (i, j) in arr, or print's (a, b) argument list.
            if (this.is('in', 'keyword') || allow_list) return { t: 'list', items };
            this.fail();
          }
          this.expect(')');
          return { t: 'group', a: first };
        }
        break;
    }
    void c;
    this.fail(t);
  }
}

export type parse_result = { ok: true; program: program } | { ok: false; line: number; message: string };

export function awk_parse(src: string): parse_result {
  try {
    return { ok: true, program: new Parser(src).program() };
  } catch (e) {
    if (e instanceof ParseError || e instanceof LexError) return { ok: false, line: e.line, message: e.message };
    throw e;
  }
}
