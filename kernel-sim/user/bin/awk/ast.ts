// Models the syntax tree of an awk program (POSIX awk's grammar): patterns and actions, statements and expressions.

export type expr =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'regex'; src: string }
  | { t: 'var'; name: string }
  | { t: 'field'; index: expr }
  | { t: 'elem'; name: string; subs: expr[] }
  | { t: 'assign'; op: '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '^='; target: lvalue; value: expr }
  | { t: 'cond'; test: expr; yes: expr; no: expr }
  | { t: 'and' | 'or'; a: expr; b: expr }
  | { t: 'in'; subs: expr[]; array: string }
  | { t: 'match'; negate: boolean; a: expr; re: expr }
  | { t: 'cmp'; op: '<' | '<=' | '!=' | '==' | '>' | '>='; a: expr; b: expr }
  | { t: 'concat'; a: expr; b: expr }
  | { t: 'arith'; op: '+' | '-' | '*' | '/' | '%' | '^'; a: expr; b: expr }
  | { t: 'unary'; op: '-' | '+' | '!'; a: expr }
  | { t: 'incdec'; op: '++' | '--'; prefix: boolean; target: lvalue }
  | { t: 'call'; name: string; args: expr[] }
  | { t: 'builtin'; name: string; args: expr[] }
  | { t: 'getline'; target: lvalue | null; from: { kind: 'file' | 'cmd'; src: expr } | null }
  | { t: 'group'; a: expr }
  /** `(a, b)`: only the subscript list of `in` and print's argument list. */
  | { t: 'list'; items: expr[] };

export type lvalue = Extract<expr, { t: 'var' } | { t: 'field' } | { t: 'elem' }>;

export interface redirect { op: '>' | '>>' | '|'; dest: expr }

export type stmt =
  | { t: 'expr'; e: expr }
  | { t: 'print'; args: expr[]; out: redirect | null }
  | { t: 'printf'; args: expr[]; out: redirect | null }
  | { t: 'if'; test: expr; then: stmt; else: stmt | null }
  | { t: 'while'; test: expr; body: stmt }
  | { t: 'do'; body: stmt; test: expr }
  | { t: 'for'; init: stmt | null; test: expr | null; step: stmt | null; body: stmt }
  | { t: 'forin'; key: lvalue; array: string; body: stmt }
  | { t: 'block'; body: stmt[] }
  | { t: 'next' } | { t: 'nextfile' } | { t: 'break' } | { t: 'continue' }
  | { t: 'exit'; code: expr | null }
  | { t: 'return'; value: expr | null }
  | { t: 'delete'; name: string; subs: expr[] | null };

export type pattern =
  | { t: 'begin' } | { t: 'end' } | { t: 'all' }
  | { t: 'expr'; e: expr }
  | { t: 'range'; from: expr; to: expr; id: number };

export interface rule { pattern: pattern; action: stmt[] | null }

export interface func_def { name: string; params: string[]; body: stmt[] }

export interface program { rules: rule[]; funcs: Map<string, func_def>; ranges: number }
