// The shell's arithmetic expansion $((...)) (POSIX sh 2.6.4): C integer expressions over shell variables, with assignment operators.

export class ArithError extends Error {}

interface vars { get(name: string): string | undefined; set(name: string, value: string): void }

type tok = { k: 'num'; v: bigint } | { k: 'name'; v: string } | { k: 'op'; v: string };

const OPS = ['<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '++', '--',
  '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '!', '~', '?', ':', '=', '(', ')', ','];

function lex(s: string): tok[] {
  const out: tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    const num = /^(0[xX][0-9a-fA-F]+|\d+#[0-9a-zA-Z@_]+|\d+)/.exec(s.slice(i));
    if (num) {
      const t = num[1];
      let v: bigint;
      if (/^0[xX]/.test(t)) v = BigInt(t);
      else if (t.includes('#')) {
        const [b, digits] = t.split('#');
        const base = Number(b);
        if (base < 2 || base > 64) throw new ArithError(`invalid arithmetic base (error token is "${t}")`);
        v = 0n;
        for (const d of digits) {
          const dv = /[0-9]/.test(d) ? d.charCodeAt(0) - 48 : /[a-z]/.test(d) ? d.charCodeAt(0) - 87 : /[A-Z]/.test(d) ? (base <= 36 ? d.charCodeAt(0) - 55 : d.charCodeAt(0) - 29) : d === '@' ? 62 : 63;
          if (dv >= base) throw new ArithError(`value too great for base (error token is "${t}")`);
          v = v * BigInt(base) + BigInt(dv);
        }
      } else if (t.length > 1 && t[0] === '0') {
        if (!/^[0-7]+$/.test(t)) throw new ArithError(`value too great for base (error token is "${t}")`);
        v = BigInt('0o' + t.slice(1));
      } else v = BigInt(t);
      out.push({ k: 'num', v });
      i += t.length;
      if (/[A-Za-z_]/.test(s[i] ?? '')) throw new ArithError(`value too great for base (error token is "${s.slice(i - t.length)}")`);
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (name) { out.push({ k: 'name', v: name[0] }); i += name[0].length; continue; }
    const op = OPS.find((o) => s.startsWith(o, i));
    if (!op) throw new ArithError(`syntax error: invalid arithmetic operator (error token is "${s.slice(i)}")`);
    out.push({ k: 'op', v: op });
    i += op.length;
  }
  return out;
}

/** Wraps to a signed 64-bit integer, as the shell's intmax_t arithmetic does. */
const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

const BINARY: [string[], (a: bigint, b: bigint) => bigint][] = [
  [['||'], (a, b) => (a || b ? 1n : 0n)],
  [['&&'], (a, b) => (a && b ? 1n : 0n)],
  [['|'], (a, b) => a | b],
  [['^'], (a, b) => a ^ b],
  [['&'], (a, b) => a & b],
  [['==', '!='], () => 0n],
  [['<', '<=', '>', '>='], () => 0n],
  [['<<', '>>'], () => 0n],
  [['+', '-'], () => 0n],
  [['*', '/', '%'], () => 0n],
];

function apply(op: string, a: bigint, b: bigint, _expr: string): bigint {
  switch (op) {
    case '||': return a || b ? 1n : 0n;
    case '&&': return a && b ? 1n : 0n;
    case '|': return a | b;
    case '^': return a ^ b;
    case '&': return a & b;
    case '==': return a === b ? 1n : 0n;
    case '!=': return a !== b ? 1n : 0n;
    case '<': return a < b ? 1n : 0n;
    case '<=': return a <= b ? 1n : 0n;
    case '>': return a > b ? 1n : 0n;
    case '>=': return a >= b ? 1n : 0n;
    case '<<': return wrap(a << (b & 63n));
    case '>>': return a >> (b & 63n);
    case '+': return wrap(a + b);
    case '-': return wrap(a - b);
    case '*': return wrap(a * b);
    case '/': if (b === 0n) throw new ArithError("division by zero"); return wrap(a / b);
    case '%': if (b === 0n) throw new ArithError("division by zero"); return a % b;
    case '**': if (b < 0n) throw new ArithError('exponent less than 0'); return wrap(a ** b);
  }
  throw new ArithError(`syntax error in expression`);
}

/** Evaluates an arithmetic expression (already parameter-expanded); throws ArithError. */
export function arith_eval(expr: string, env: vars): bigint {
  const toks = lex(expr);
  let p = 0;
  const peek = (): tok | undefined => toks[p];
  const isop = (v: string): boolean => { const t = toks[p]; return !!t && t.k === 'op' && t.v === v; };
  const value_of = (name: string, depth = 0): bigint => {
    const s = (env.get(name) ?? '').trim();
    if (s === '') return 0n;
    if (depth > 10) throw new ArithError('expression recursion level exceeded');
    try { return arith_eval(s, env); } catch (e) { if (e instanceof ArithError) throw new ArithError(`${e.message}`); throw e; }
  };
  // skip: evaluate without side effects (for short-circuit and ?:)
  let skip = 0;
  const assign = (name: string, v: bigint): bigint => { if (!skip) env.set(name, String(v)); return v; };

  function primary(): bigint {
    const t = peek();
    if (!t) throw new ArithError(`syntax error: operand expected (error token is "${expr}")`);
    if (t.k === 'num') { p++; return t.v; }
    if (t.k === 'name') {
      p++;
      if (isop('++') || isop('--')) { const op = (toks[p++] as { v: string }).v; const v = skip ? 0n : value_of(t.v); assign(t.v, op === '++' ? v + 1n : v - 1n); return v; }
      return skip ? 0n : value_of(t.v);
    }
    if (t.v === '(') { p++; const v = comma(); if (!isop(')')) throw new ArithError(`syntax error: missing ')'`); p++; return v; }
    throw new ArithError(`syntax error: operand expected (error token is "${toks.slice(p).map((x) => String(x.v)).join(' ')}")`);
  }
  function unary(): bigint {
    const t = peek();
    if (t && t.k === 'op') {
      if (t.v === '++' || t.v === '--') {
        p++;
        const n = peek();
        if (!n || n.k !== 'name') throw new ArithError('syntax error: operand expected');
        p++;
        const v = (skip ? 0n : value_of(n.v)) + (t.v === '++' ? 1n : -1n);
        return assign(n.v, v);
      }
      if (t.v === '-') { p++; return wrap(-unary()); }
      if (t.v === '+') { p++; return unary(); }
      if (t.v === '!') { p++; return unary() ? 0n : 1n; }
      if (t.v === '~') { p++; return ~unary(); }
    }
    return power();
  }
  function power(): bigint {
    const base = primary();
    if (isop('**')) { p++; const e = unary(); return apply('**', base, e, expr); }
    return base;
  }
  function binary(level: number): bigint {
    if (level >= BINARY.length) return unary();
    const ops = BINARY[level][0];
    let a = binary(level + 1);
    for (;;) {
      const t = peek();
      if (!t || t.k !== 'op' || !ops.includes(t.v)) return a;
      p++;
      if (t.v === '&&' || t.v === '||') {
        const short = t.v === '&&' ? !a : !!a;
        if (short) skip++;
        const b = binary(level + 1);
        if (short) skip--;
        a = short ? (t.v === '&&' ? 0n : 1n) : (b ? 1n : 0n);
        continue;
      }
      const b = binary(level + 1);
      a = skip ? 0n : apply(t.v, a, b, expr);
    }
  }
  function ternary(): bigint {
    const c = binary(0);
    if (!isop('?')) return c;
    p++;
    if (!c) skip++;
    const a = assignment();
    if (!c) skip--;
    if (!isop(':')) throw new ArithError(`syntax error: \`:' expected for conditional expression`);
    p++;
    if (c) skip++;
    const b = assignment();
    if (c) skip--;
    return c ? a : b;
  }
  function assignment(): bigint {
    const t = peek(), n = toks[p + 1];
    if (t && t.k === 'name' && n && n.k === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|='].includes(n.v)) {
      p += 2;
      const rhs = assignment();
      const v = n.v === '=' ? rhs : apply(n.v.slice(0, -1), skip ? 0n : value_of(t.v), rhs, expr);
      return assign(t.v, v);
    }
    return ternary();
  }
  function comma(): bigint {
    let v = assignment();
    while (isop(',')) { p++; v = assignment(); }
    return v;
  }
  if (!toks.length) return 0n;
  const v = comma();
  if (p < toks.length) throw new ArithError(`syntax error in expression (error token is "${toks.slice(p).map((x) => String(x.v)).join(' ')}")`);
  return v;
}
