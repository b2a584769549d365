// Models the execution of an awk program (POSIX awk's semantics): variables and arrays, the special variables, patterns and ranges, the main input loop over ARGV, getline, and the built-in functions.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import type { istream, ostream } from '../../lib/stdio.ts';
import type { expr, func_def, lvalue, program, stmt } from './ast.ts';
import { awk_io } from './io.ts';
import { record_reader, regex_cache, split_fields } from './record.ts';
import { AwkFatal, awk_sprintf, compare, num_to_str, strnum, to_bool, to_num, to_str, type cell } from './value.ts';
import { builtin_call } from './builtins.ts';
import { unescape_awk } from './lex.ts';
import { user_compute } from '../../../kernel/sched/cputime.ts';

export type awk_array = Map<string, cell>;
type slot = cell | awk_array;

class NextRecord { constructor(readonly file: boolean) {} }
class ExitProgram { constructor(readonly code: number) {} }
class BreakLoop {}
class ContinueLoop {}
class ReturnValue { constructor(readonly value: cell) {} }

/** How often the interpreter charges the statements it ran as user CPU time: where the tick can preempt a `while (1)` and a signal stop it. */
const YIELD_EVERY = 4096;
/** What busybox awk takes to run one statement (its share of virtual CPU time). */
const STATEMENT_NS = 50;
const MAX_CALL_DEPTH = 1000;

export class awk_interp {
  readonly globals = new Map<string, slot>();
  private readonly frames: Map<string, slot>[] = [];
  readonly io: awk_io;
  readonly res = new regex_cache();
  private record = '';
  private fields: string[] | null = [];
  /** FS as it was when the current record was read (a new FS applies from the next record). */
  private record_fs = ' ';
  private readonly range_active: boolean[];
  private ticks = 0;
  private exit_code = 0;
  private main_reader: record_reader | null = null;
  private argv_index = 1;
  private in_end = false;
  /** Whether any input file was opened (stdin is read only when ARGV names none). */
  private opened_input = false;
  /** One record reader per getline source, kept with its stream. */
  private readonly readers = new WeakMap<istream, record_reader>();
  rand_seed = 0;
  rand_state = 0;

  constructor(readonly c: Libc, readonly prog: program) {
    this.io = new awk_io(c);
    this.range_active = new Array<boolean>(prog.ranges).fill(false);
    const defaults: [string, cell][] = [
      ['FS', ' '], ['OFS', ' '], ['ORS', '\n'], ['RS', '\n'], ['NR', 0], ['FNR', 0], ['NF', 0], ['FILENAME', ''],
      ['SUBSEP', '\x1c'], ['RSTART', 0], ['RLENGTH', -1], ['CONVFMT', '%.6g'], ['OFMT', '%.6g'],
    ];
    for (const [k, v] of defaults) this.globals.set(k, v);
  }

  // ---- variables -------------------------------------------------------------------------------------------------

  private scope(name: string): Map<string, slot> {
    const f = this.frames.at(-1);
    return f && f.has(name) ? f : this.globals;
  }

  get_var(name: string): cell {
    if (name === 'NF') this.split_record();
    const v = this.scope(name).get(name);
    if (v instanceof Map) throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`);
    return v;
  }

  set_var(name: string, v: cell): void {
    const s = this.scope(name);
    if (s.get(name) instanceof Map) throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`);
    s.set(name, v);
    if (name === 'NF' && s === this.globals) this.set_nf(Math.trunc(to_num(v)));
  }

  get_array(name: string): awk_array {
    const s = this.scope(name);
    const v = s.get(name);
    if (v instanceof Map) return v;
    if (v !== undefined) throw new AwkFatal(`attempt to use scalar \`${name}' as an array`);
    const a: awk_array = new Map();
    s.set(name, a);
    return a;
  }

  str(v: cell): string { return to_str(v, this.convfmt()); }

  private *subscript(subs: expr[]): KGen<string> {
    if (subs.length === 1) return this.str(yield* this.eval(subs[0]!));
    const parts: string[] = [];
    for (const e of subs) parts.push(this.str(yield* this.eval(e)));
    return parts.join(this.str(this.get_var('SUBSEP')));
  }

  // ---- records and fields ------------------------------------------------------------------------------------------

  set_record(s: string): void {
    this.record = s;
    this.fields = null;
    this.record_fs = this.str(this.get_var('FS'));
  }

  private split_record(): void {
    if (this.fields) return;
    this.fields = split_fields(this.record, this.record_fs, this.res, this.str(this.globals.get('RS') as cell) === '');
    this.globals.set('NF', this.fields.length);
  }

  private rebuild_record(): void {
    this.record = this.fields!.join(this.str(this.get_var('OFS')));
    this.globals.set('NF', this.fields!.length);
  }

  private set_nf(n: number): void {
    if (n < 0) throw new AwkFatal('NF set to negative value');
    this.split_record();
    const f = this.fields!;
    while (f.length < n) f.push('');
    f.length = n;
    this.rebuild_record();
  }

  get_field(i: number): cell {
    if (i < 0) throw new AwkFatal(`trying to access out of range field ${i}`);
    if (i === 0) return new strnum(this.record);
    this.split_record();
    return i <= this.fields!.length ? new strnum(this.fields![i - 1]!) : undefined;
  }

  set_field(i: number, v: cell): void {
    if (i < 0) throw new AwkFatal(`trying to access out of range field ${i}`);
    if (i === 0) { this.set_record(this.str(v)); return; }
    this.split_record();
    const f = this.fields!;
    while (f.length < i) f.push('');
    f[i - 1] = this.str(v);
    this.rebuild_record();
  }

  // ---- lvalues ---------------------------------------------------------------------------------------------------

  private *read_lvalue(lv: lvalue): KGen<cell> {
    if (lv.t === 'var') return this.get_var(lv.name);
    if (lv.t === 'field') return this.get_field(Math.trunc(to_num(yield* this.eval(lv.index))));
    const a = this.get_array(lv.name);
    const k = yield* this.subscript(lv.subs);
    if (!a.has(k)) a.set(k, undefined);
    return a.get(k);
  }

  /** Assigns through an lvalue; a field's or element's place is computed once (`$i++` evaluates i once). */
  private *place(lv: lvalue): KGen<{ get: () => cell; set: (v: cell) => void }> {
    if (lv.t === 'var') return { get: () => this.get_var(lv.name), set: (v) => this.set_var(lv.name, v) };
    if (lv.t === 'field') {
      const i = Math.trunc(to_num(yield* this.eval(lv.index)));
      return { get: () => this.get_field(i), set: (v) => this.set_field(i, v) };
    }
    const a = this.get_array(lv.name);
    const k = yield* this.subscript(lv.subs);
    return { get: () => a.get(k), set: (v) => { a.set(k, v); } };
  }

  *assign(lv: lvalue, v: cell): KGen<void> { (yield* this.place(lv)).set(v); }

  // ---- expressions -----------------------------------------------------------------------------------------------

  /** A regex operand: a /literal/ as written, anything else as a dynamic regex string. */
  *regex_of(e: expr, flags = ''): KGen<RegExp> {
    const src = e.t === 'regex' ? e.src : this.str(yield* this.eval(e));
    const re = this.res.get(src, flags);
    if (typeof re === 'string') throw new AwkFatal(re);
    return re;
  }

  *eval(e: expr): KGen<cell> {
    switch (e.t) {
      case 'num': return e.v;
      case 'str': return e.v;
      case 'group': return yield* this.eval(e.a);
      case 'regex': return (yield* this.regex_of(e)).test(this.record) ? 1 : 0;
      case 'var': case 'field': case 'elem': return yield* this.read_lvalue(e);
      case 'assign': {
        const p = yield* this.place(e.target);
        const rhs = yield* this.eval(e.value);
        const v = e.op === '=' ? rhs : arith(e.op.slice(0, 1) as arith_op, to_num(p.get()), to_num(rhs));
        p.set(v);
        return v;
      }
      case 'cond': return to_bool(yield* this.eval(e.test)) ? yield* this.eval(e.yes) : yield* this.eval(e.no);
      case 'and': return to_bool(yield* this.eval(e.a)) && to_bool(yield* this.eval(e.b)) ? 1 : 0;
      case 'or': return to_bool(yield* this.eval(e.a)) || to_bool(yield* this.eval(e.b)) ? 1 : 0;
      case 'in': return this.get_array(e.array).has(yield* this.subscript(e.subs)) ? 1 : 0;
      case 'match': {
        const s = this.str(yield* this.eval(e.a));
        return (yield* this.regex_of(e.re)).test(s) !== e.negate ? 1 : 0;
      }
      case 'cmp': {
        const r = compare(yield* this.eval(e.a), yield* this.eval(e.b), this.convfmt());
        return CMP[e.op](r) ? 1 : 0;
      }
      case 'concat': return this.str(yield* this.eval(e.a)) + this.str(yield* this.eval(e.b));
      case 'arith': return arith(e.op, to_num(yield* this.eval(e.a)), to_num(yield* this.eval(e.b)));
      case 'unary': {
        const v = yield* this.eval(e.a);
        return e.op === '!' ? (to_bool(v) ? 0 : 1) : e.op === '-' ? -to_num(v) : to_num(v);
      }
      case 'incdec': {
        const p = yield* this.place(e.target);
        const old = to_num(p.get());
        const v = e.op === '++' ? old + 1 : old - 1;
        p.set(v);
        return e.prefix ? v : old;
      }
      case 'call': return yield* this.call(e.name, e.args);
      case 'builtin': return yield* builtin_call(this, e.name, e.args);
      case 'getline': return yield* this.getline(e);
      case 'list': throw new AwkFatal('a parenthesised list is only allowed before `in`');
    }
  }

  private convfmt(): string { return to_str(this.globals.get('CONVFMT') as cell, '%.6g'); }

  // ---- getline ---------------------------------------------------------------------------------------------------

  private *getline(e: Extract<expr, { t: 'getline' }>): KGen<cell> {
    let rec: string | null;
    if (!e.from) {
      rec = yield* this.next_main_record();
      if (rec === null) return 0;
      this.bump('NR'); this.bump('FNR');
    } else {
      const name = this.str(yield* this.eval(e.from.src));
      const s = yield* this.io.input(e.from.kind, name);
      if (!s) return -1;
      rec = yield* this.reader_for(s).next(this.str(this.get_var('RS')), this.res);
      if (rec === null) return 0;
      if (e.from.kind === 'cmd') this.bump('NR');
    }
    if (e.target) yield* this.assign(e.target, new strnum(rec));
    else this.set_record(rec);
    return 1;
  }

  private bump(name: 'NR' | 'FNR'): void { this.globals.set(name, to_num(this.globals.get(name) as cell) + 1); }

  /** The next record of the main input: the files named in ARGV (var=value operands assigned on the way), or stdin. */
  private *next_main_record(): KGen<string | null> {
    for (;;) {
      if (!this.main_reader) {
        const opened = yield* this.open_next_input();
        if (!opened) return null;
      }
      const r = yield* this.main_reader!.next(this.str(this.get_var('RS')), this.res);
      if (r !== null) return r;
      this.main_reader = null;
    }
  }


  private *open_next_input(): KGen<boolean> {
    const argv = this.get_array('ARGV');
    const argc = Math.trunc(to_num(this.get_var('ARGC')));
    for (; this.argv_index < argc; this.argv_index++) {
      const arg = this.str(argv.get(String(this.argv_index)));
      if (arg === '') continue;
      const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg);
      if (assign) { this.set_var(assign[1]!, new strnum(unescape_awk(assign[2]!))); continue; }
      this.argv_index++;
      const s = yield* this.io.input('file', arg);
      if (!s) {
        yield* this.io.flush_all();
        throw new AwkFatal(`cannot open ${arg} (No such file or directory)`);
      }
      this.opened_input = true;
      return this.start_file(arg, s);
    }
    if (this.opened_input) return false;
    this.opened_input = true;
    const s = yield* this.io.input('file', '-');
    return s ? this.start_file('', s) : false;
  }

  private reader_for(s: istream): record_reader {
    let r = this.readers.get(s);
    if (!r) { r = new record_reader(s); this.readers.set(s, r); }
    return r;
  }

  private start_file(name: string, s: istream): boolean {
    this.main_reader = new record_reader(s);
    this.globals.set('FILENAME', name);
    this.globals.set('FNR', 0);
    return true;
  }

  // ---- statements ------------------------------------------------------------------------------------------------

  private *tick(): KGen<void> {
    if (++this.ticks % YIELD_EVERY === 0) yield* user_compute(YIELD_EVERY * STATEMENT_NS);
  }

  *exec_block(body: stmt[]): KGen<void> {
    for (const s of body) yield* this.exec(s);
  }

  private *exec(s: stmt): KGen<void> {
    switch (s.t) {
      case 'expr': yield* this.eval(s.e); return;
      case 'print': case 'printf': yield* this.print(s); return;
      case 'block': yield* this.exec_block(s.body); return;
      case 'if':
        if (to_bool(yield* this.eval(s.test))) yield* this.exec(s.then);
        else if (s.else) yield* this.exec(s.else);
        return;
      case 'while':
        while (to_bool(yield* this.eval(s.test))) { yield* this.tick(); if (yield* this.loop_body(s.body)) break; }
        return;
      case 'do':
        do { yield* this.tick(); if (yield* this.loop_body(s.body)) break; } while (to_bool(yield* this.eval(s.test)));
        return;
      case 'for':
        if (s.init) yield* this.exec(s.init);
        while (!s.test || to_bool(yield* this.eval(s.test))) {
          yield* this.tick();
          if (yield* this.loop_body(s.body)) break;
          if (s.step) yield* this.exec(s.step);
        }
        return;
      case 'forin': {
        const a = this.get_array(s.array);
        for (const k of [...a.keys()]) {
          if (!a.has(k)) continue;
          yield* this.tick();
          yield* this.assign(s.key, new strnum(k));
          if (yield* this.loop_body(s.body)) break;
        }
        return;
      }
      case 'next': case 'nextfile':
        if (this.in_end) throw new AwkFatal(`\`${s.t}' used in END action`);
        throw new NextRecord(s.t === 'nextfile');
      case 'break': throw new BreakLoop();
      case 'continue': throw new ContinueLoop();
      case 'exit': throw new ExitProgram(s.code ? Math.trunc(to_num(yield* this.eval(s.code))) : this.exit_code);
      case 'return': throw new ReturnValue(s.value ? yield* this.eval(s.value) : undefined);
      case 'delete': {
        const a = this.get_array(s.name);
        if (s.subs) a.delete(yield* this.subscript(s.subs)); else a.clear();
        return;
      }
    }
  }

  /** Runs a loop body; true when it broke out of the loop. */
  private *loop_body(body: stmt): KGen<boolean> {
    try { yield* this.exec(body); } catch (x) {
      if (x instanceof BreakLoop) return true;
      if (x instanceof ContinueLoop) return false;
      throw x;
    }
    return false;
  }

  private output_str(v: cell): string {
    return typeof v === 'number' ? num_to_str(v, to_str(this.globals.get('OFMT') as cell, '%.6g')) : this.str(v);
  }

  private *print(s: Extract<stmt, { t: 'print' | 'printf' }>): KGen<void> {
    let text: string;
    if (s.t === 'print') {
      const parts: string[] = [];
      if (!s.args.length) parts.push(this.record);
      for (const a of s.args) parts.push(this.output_str(yield* this.eval(a)));
      text = parts.join(this.str(this.get_var('OFS'))) + this.str(this.get_var('ORS'));
    } else {
      const vals: cell[] = [];
      for (const a of s.args) vals.push(yield* this.eval(a));
      text = awk_sprintf(this.str(vals[0]), vals.slice(1), this.convfmt());
    }
    let out: ostream = this.io.stdout;
    if (s.out) {
      const o = yield* this.io.output(s.out.op, this.str(yield* this.eval(s.out.dest)));
      if (typeof o === 'string') throw new AwkFatal(o);
      out = o;
    }
    yield* out.write(text);
    // A terminal or a pipe reader sees each line as awk prints it only if we flush; stdout is line buffered on a tty.
    if (out === this.io.stdout && this.interactive) yield* out.flush();
  }

  interactive = false;

  // ---- functions -------------------------------------------------------------------------------------------------

  private *call(name: string, args: expr[]): KGen<cell> {
    const f = this.prog.funcs.get(name);
    if (!f) throw new AwkFatal(`function \`${name}' not defined`);
    if (args.length > f.params.length) throw new AwkFatal(`function \`${name}' called with more arguments than declared`);
    if (this.frames.length >= MAX_CALL_DEPTH) throw new AwkFatal(`function call nesting too deep in \`${name}'`);
    const frame = new Map<string, slot>();
    for (let i = 0; i < f.params.length; i++) {
      const p = f.params[i]!;
      const a = args[i];
      if (!a) { frame.set(p, undefined); continue; }
      // Arrays pass by reference: a bare name that is an array, or an unset name the function uses as one.
      if (a.t === 'var') {
        const cur = this.scope(a.name).get(a.name);
        if (cur instanceof Map || (cur === undefined && uses_as_array(f, p))) { frame.set(p, this.get_array(a.name)); continue; }
      }
      frame.set(p, yield* this.eval(a));
    }
    this.frames.push(frame);
    try {
      yield* this.exec_block(f.body);
      return undefined;
    } catch (x) {
      if (x instanceof ReturnValue) return x.value;
      throw x;
    } finally {
      this.frames.pop();
    }
  }

  // ---- the program -------------------------------------------------------------------------------------------------

  /** Runs BEGIN, the main loop and END; returns the exit status. */
  *run(): KGen<number> {
    const rules = this.prog.rules;
    const main = rules.filter((r) => r.pattern.t !== 'begin' && r.pattern.t !== 'end');
    const ends = rules.filter((r) => r.pattern.t === 'end');
    try {
      for (const r of rules) if (r.pattern.t === 'begin') yield* this.exec_block(r.action!);
      if (main.length || ends.length) yield* this.main_loop(main);
    } catch (x) {
      if (!(x instanceof ExitProgram)) throw x;
      this.exit_code = x.code;
    }
    this.in_end = true;
    try {
      for (const r of ends) yield* this.exec_block(r.action!);
    } catch (x) {
      if (!(x instanceof ExitProgram)) throw x;
      this.exit_code = x.code;
    }
    yield* this.io.close_all();
    return this.exit_code;
  }

  private *main_loop(main: program['rules']): KGen<void> {
    for (;;) {
      const rec = yield* this.next_main_record();
      if (rec === null) return;
      this.set_record(rec);
      this.bump('NR'); this.bump('FNR');
      yield* this.tick();
      try {
        for (const r of main) {
          if (!(yield* this.matches(r.pattern))) continue;
          if (r.action) yield* this.exec_block(r.action);
          else yield* this.io.stdout.write(this.record + this.str(this.get_var('ORS')));
        }
      } catch (x) {
        if (!(x instanceof NextRecord)) throw x;
        if (x.file) this.main_reader = null;
      }
    }
  }

  private *matches(p: program['rules'][number]['pattern']): KGen<boolean> {
    switch (p.t) {
      case 'all': return true;
      case 'expr': return to_bool(yield* this.eval(p.e));
      case 'range':
        if (!this.range_active[p.id]) {
          if (!to_bool(yield* this.eval(p.from))) return false;
          this.range_active[p.id] = !to_bool(yield* this.eval(p.to));
          return true;
        }
        if (to_bool(yield* this.eval(p.to))) this.range_active[p.id] = false;
        return true;
      default: return false;
    }
  }

}

type arith_op = '+' | '-' | '*' | '/' | '%' | '^';

function arith(op: arith_op, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': if (b === 0) throw new AwkFatal('division by zero'); return a / b;
    case '%': if (b === 0) throw new AwkFatal('division by zero in %'); return a % b;
    case '^': return a ** b;
  }
}

const CMP: Record<Extract<expr, { t: 'cmp' }>['op'], (r: number) => boolean> = {
  '<': (r) => r < 0, '<=': (r) => r <= 0, '!=': (r) => r !== 0, '==': (r) => r === 0, '>': (r) => r > 0, '>=': (r) => r >= 0,
};

/** Every node of a syntax tree, depth first. */
function* nodes(n: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(n)) { for (const x of n) yield* nodes(x); return; }
  if (!n || typeof n !== 'object') return;
  yield n as Record<string, unknown>;
  for (const v of Object.values(n)) yield* nodes(v);
}

/** Whether a function uses one of its parameters as an array (so an unset argument is passed as a new array). */
function uses_as_array(f: func_def, param: string): boolean {
  for (const n of nodes(f.body)) {
    if ((n.t === 'elem' || n.t === 'delete') && n.name === param) return true;
    if ((n.t === 'in' || n.t === 'forin') && n.array === param) return true;
    if (n.t === 'builtin' && n.name === 'split') {
      const target = (n.args as expr[])[1];
      if (target?.t === 'var' && target.name === param) return true;
    }
  }
  return false;
}
