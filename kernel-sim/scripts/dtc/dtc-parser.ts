// Models dtc's dtc-lexer.l and dtc-parser.y: DTS source to a live tree, collecting errors with file:line:column.
import { type CellValue, type DataChunk, type Diagnostic, DTNode, type DTProperty, type DeviceTree, type SrcPos, walk_nodes } from './livetree.ts';

/** Resolves `/include/ "name"` (and `#include "name"`) to source text, or null when not found. */
export type IncludeResolver = (name: string, from: string) => string | null;

export interface ParseResult {
  tree: DeviceTree;
  diagnostics: Diagnostic[];
}

const PROPNODE_CHAR = /[a-zA-Z0-9,._+*#?@-]/;
const LABEL_START = /[a-zA-Z_]/;
const LABEL_CHAR = /[a-zA-Z0-9_]/;

/**
 * Node nesting limit: drivers/of/fdt.c's FDT_MAX_DEPTH. unflatten_dt_nodes() refuses a deeper blob, so a deeper
 * source could never boot; stopping here also bounds every walk of the tree that follows.
 */
export const FDT_MAX_DEPTH = 64;
/** Expression nesting limit (dtc's bison parser gives up at YYMAXDEPTH with "memory exhausted"). */
export const MAX_EXPR_DEPTH = 256;
/** After this many errors the parser stops, as compilers do (-fmax-errors): later errors are mostly echoes. */
export const MAX_ERRORS = 50;
const U64_MAX = (1n << 64n) - 1n;

class ParseAbort extends Error {}

/** A character as an error message shows it: printable ASCII as is, anything else by code point. */
export function describe_char(c: string): string {
  if (c === '') return 'end of file';
  const cp = c.codePointAt(0)!;
  if (cp >= 0x20 && cp < 0x7f) return `'${c}'`;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return cp < 0x80 ? `control byte 0x${hex.slice(2)}` : `non-ASCII character U+${hex} (names and labels are ASCII)`;
}

interface Source {
  text: string;
  file: string;
  i: number;
  line: number;
  col: number;
}

/** Merge-time operations recorded in order (top level of the file). */
type TopItem =
  | { kind: 'root'; node: DTNode; new_labels: boolean }
  | { kind: 'ref'; target: string; node: DTNode; pos: SrcPos; new_labels: boolean }
  | { kind: 'delete'; target: string; pos: SrcPos };

/** Body items; deletions are applied in order when merging. */
interface PendingBody {
  deletes: Array<{ kind: 'node' | 'prop'; name: string; pos: SrcPos; order: number }>;
}

const BODY = new WeakMap<DTNode, PendingBody>();
const ORDER = new WeakMap<object, number>();

export class DtsParser {
  private src: Source;
  private readonly stack: Source[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private order = 0;
  private plugin = false;
  /** Nodes currently open (node_body nesting). */
  private depth = 0;
  /** Expressions currently open (parentheses, ternaries, unary operators). */
  private expr_depth = 0;
  /** Labels attached so far: a top-level item that adds none leaves the label table as it was. */
  private label_count = 0;
  /** False once parsing is over: build() reports but never aborts. */
  private parsing = true;
  private readonly memreserves: Array<{ address: bigint; size: bigint }> = [];

  constructor(
    text: string,
    file: string,
    private readonly include?: IncludeResolver,
  ) {
    this.src = { text, file, i: 0, line: 1, col: 1 };
  }

  // ---- character level ----
  /** The current character ('' at the end); a method so TypeScript does not narrow it across adv(). */
  private c(): string {
    return this.src.text[this.src.i] ?? '';
  }
  private peek(n = 1): string {
    return this.src.text[this.src.i + n] ?? '';
  }
  private pos(): SrcPos {
    return { file: this.src.file, line: this.src.line, column: this.src.col };
  }
  private adv(): string {
    const c = this.src.text[this.src.i++] ?? '';
    if (c === '\n') {
      this.src.line++;
      this.src.col = 1;
    } else this.src.col++;
    return c;
  }
  private eof(): boolean {
    return this.src.i >= this.src.text.length;
  }
  private starts(s: string): boolean {
    return this.src.text.startsWith(s, this.src.i);
  }

  private errors = 0;

  error(pos: SrcPos, message: string): void {
    this.diagnostics.push({ severity: 'error', pos, message });
    if (++this.errors >= MAX_ERRORS && this.parsing) {
      this.diagnostics.push({ severity: 'error', pos, message: `too many errors (${MAX_ERRORS}); stopping here` });
      throw new ParseAbort();
    }
  }
  warning(pos: SrcPos, message: string): void {
    this.diagnostics.push({ severity: 'warning', pos, message });
  }

  /** Skips blanks and comments; pops finished include files. */
  private ws(): void {
    for (;;) {
      while (!this.eof()) {
        const c = this.c();
        if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.adv();
        else if (c === '/' && this.peek() === '/') {
          while (!this.eof() && this.c() !== '\n') this.adv();
        } else if (c === '/' && this.peek() === '*') {
          const p = this.pos();
          this.adv();
          this.adv();
          while (!this.eof() && !(this.c() === '*' && this.peek() === '/')) this.adv();
          if (this.eof()) {
            this.error(p, 'unterminated comment: "/*" has no matching "*/"');
            return;
          }
          this.adv();
          this.adv();
        } else if (c === '#' && this.src.col === 1 && /^#\s*(include|define|ifdef|ifndef|endif|if|else|undef)\b/.test(this.src.text.slice(this.src.i, this.src.i + 12))) {
          this.directive();
        } else break;
      }
      if (this.eof() && this.stack.length) {
        this.src = this.stack.pop()!;
        continue;
      }
      return;
    }
  }

  private directive(): void {
    const p = this.pos();
    const line = this.take_while((c) => c !== '\n');
    const m = /^#\s*include\s+(["<])([^">]*)[">]/.exec(line);
    if (m) {
      this.do_include(m[2]!, p);
      return;
    }
    this.error(p, `"${line.trim().split(/\s+/)[0]}" is a C preprocessor directive; this parser does not run cpp (use /include/ "file" and plain numbers)`);
  }

  private do_include(name: string, p: SrcPos): void {
    const text = this.include?.(name, this.src.file) ?? null;
    if (text === null) {
      if (name.startsWith('dt-bindings/')) this.error(p, `cannot include "${name}": the workbench does not run the C preprocessor, so dt-bindings headers are not available; write the numbers directly (e.g. GPIO_ACTIVE_HIGH is 0, IRQ_TYPE_LEVEL_HIGH is 4)`);
      else this.error(p, `cannot include "${name}": file not found`);
      return;
    }
    if (this.stack.length > 16) {
      this.error(p, `include nesting too deep at "${name}" (does it include itself?)`);
      return;
    }
    this.stack.push(this.src);
    this.src = { text, file: name, i: 0, line: 1, col: 1 };
  }

  private expect_char(c: string, what: string): boolean {
    this.ws();
    if (this.c() === c) {
      this.adv();
      return true;
    }
    this.error(this.pos(), `expected '${c}' ${what}${this.eof() ? ', found end of file' : `, found '${this.c()}'`}`);
    return false;
  }

  /** Consumes characters while `ok` holds and returns them as one slice (no per-character concatenation). */
  private take_while(ok: (c: string) => boolean): string {
    const start = this.src.i;
    while (!this.eof() && ok(this.c())) this.adv();
    return this.src.text.slice(start, this.src.i);
  }

  private read_propnodename(): string {
    return this.take_while((c) => PROPNODE_CHAR.test(c));
  }

  private label_ahead(): boolean {
    if (!LABEL_START.test(this.c())) return false;
    let j = this.src.i;
    while (j < this.src.text.length && LABEL_CHAR.test(this.src.text[j]!)) j++;
    return this.src.text[j] === ':';
  }

  private read_label(): { name: string; pos: SrcPos } {
    const pos = this.pos();
    const s = this.take_while((c) => LABEL_CHAR.test(c));
    this.adv(); // ':'
    return { name: s, pos };
  }

  private read_keyword(): string {
    // Called at '/': reads "/name/".
    const start = this.src.i;
    this.adv();
    this.take_while((c) => /[a-z0-9-]/.test(c));
    if (this.c() === '/') this.adv();
    return this.src.text.slice(start, this.src.i);
  }

  /** `&label`, `&{/path}`: returns the reference text (label or /path). */
  private read_ref(): { ref: string; pos: SrcPos } {
    const pos = this.pos();
    this.adv(); // &
    if (this.c() === '{') {
      this.adv();
      const s = this.take_while((c) => c !== '}' && c !== '\n');
      if (this.c() !== '}') {
        this.error(pos, `unterminated path reference "&{${s}": missing '}'`);
        return { ref: s, pos };
      }
      this.adv();
      return { ref: s, pos };
    }
    const s = this.take_while((c) => LABEL_CHAR.test(c));
    if (!s) this.error(pos, "'&' must be followed by a label name or {/path}");
    return { ref: s, pos };
  }

  // ---- file level ----
  parse(): ParseResult {
    const items: TopItem[] = [];
    try {
      this.ws();
      if (!this.starts('/dts-v1/')) {
        this.error(this.pos(), 'missing "/dts-v1/;" at the start of the file (every DTS file begins with it)');
      } else {
        this.read_keyword();
        this.semicolon_after('"/dts-v1/"', this.pos());
      }
      for (;;) {
        this.ws();
        if (this.eof()) break;
        const p = this.pos();
        if (this.starts('/dts-v1/')) {
          this.read_keyword();
          this.semicolon_after('"/dts-v1/"', p);
        } else if (this.starts('/plugin/')) {
          this.read_keyword();
          this.plugin = true;
          this.semicolon_after('"/plugin/"', p);
        } else if (this.starts('/include/')) {
          this.read_keyword();
          this.ws();
          const s = this.read_string();
          if (s !== null) this.do_include(s, p);
        } else if (this.starts('/memreserve/')) {
          this.read_keyword();
          const a = this.read_integer_prim();
          const sz = this.read_integer_prim();
          this.memreserves.push({ address: a ?? 0n, size: sz ?? 0n });
          this.semicolon_after('"/memreserve/"', p);
        } else if (this.starts('/delete-node/')) {
          this.read_keyword();
          this.ws();
          if (this.c() !== '&') {
            this.error(this.pos(), 'at the top level, /delete-node/ takes a reference: /delete-node/ &label;');
            this.recover_top();
            continue;
          }
          const r = this.read_ref();
          items.push({ kind: 'delete', target: r.ref, pos: r.pos });
          this.semicolon_after('"/delete-node/"', r.pos);
        } else if (this.c() === '/' && !this.starts('//')) {
          this.adv();
          const node = new DTNode('', p);
          const labels_before = this.label_count;
          this.node_body(node);
          items.push({ kind: 'root', node, new_labels: this.label_count > labels_before });
        } else if (this.c() === '&') {
          const r = this.read_ref();
          const node = new DTNode('', r.pos);
          const labels_before = this.label_count;
          this.node_body(node);
          items.push({ kind: 'ref', target: r.ref, node, pos: r.pos, new_labels: this.label_count > labels_before });
        } else if (this.label_ahead()) {
          // label: &ref { } or label: / { } : labels at the top level apply to the target node.
          const l = this.read_label();
          this.ws();
          if (this.c() === '&') {
            const r = this.read_ref();
            const node = new DTNode('', r.pos);
            node.labels.push(l.name);
            this.node_body(node);
            items.push({ kind: 'ref', target: r.ref, node, pos: r.pos, new_labels: true });
          } else {
            this.error(l.pos, `label "${l.name}:" at the top level must be followed by &reference { ... }`);
            this.recover_top();
          }
        } else {
          this.error(p, `unexpected ${describe_char(this.c())} at the top level: expected "/ {", "&label {" or a /directive/`);
          this.recover_top();
        }
      }
    } catch (e) {
      if (!(e instanceof ParseAbort)) throw e;
    }
    this.parsing = false;
    const tree = this.build(items);
    return { tree, diagnostics: this.diagnostics };
  }

  private recover_top(): void {
    // Skip to the next top-level ';' after balancing braces.
    let depth = 0;
    while (!this.eof()) {
      const c = this.adv();
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === ';' && depth <= 0) return;
    }
  }

  private semicolon_after(what: string, _p: SrcPos, end?: SrcPos): void {
    const before = end ?? this.pos();
    this.ws();
    if (this.c() === ';') {
      this.adv();
      return;
    }
    this.error(before, `missing ';' after ${what}`);
  }

  /** '{' props and subnodes '}' ';' */
  private node_body(node: DTNode): void {
    const body: PendingBody = { deletes: [] };
    BODY.set(node, body);
    if (!this.expect_char('{', `to open node "${node.name || '/'}"`)) {
      this.recover_top();
      return;
    }
    const seen_nodes = new Map<string, SrcPos>();
    const seen_props = new Map<string, SrcPos>();
    this.depth++;
    try {
      for (;;) {
        this.ws();
        if (this.eof()) {
          this.error(node.pos, `node "${node.name || '/'}" opened here is missing its closing '}' (reached the end of the file)`);
          throw new ParseAbort();
        }
        if (this.c() === '}') {
          this.adv();
          const end = this.pos();
          this.semicolon_after(`'}' closing node "${node.name || '/'}"`, end, end);
          return;
        }
        this.body_item(node, body, seen_nodes, seen_props);
      }
    } finally {
      this.depth--;
    }
  }

  private body_item(node: DTNode, body: PendingBody, seen_nodes: Map<string, SrcPos>, seen_props: Map<string, SrcPos>): void {
    // Labels first (a loop, not recursion: any number of them may stand in a row).
    const labels: Array<{ name: string; pos: SrcPos }> = [];
    while (this.label_ahead()) {
      labels.push(this.read_label());
      this.label_count++;
      this.ws();
    }
    const p = this.pos();
    if (labels.length && (this.starts('/delete-property/') || this.starts('/delete-node/'))) {
      this.error(p, 'a label cannot stand before /delete-property/ or /delete-node/');
    }
    if (this.starts('/delete-property/') || this.starts('/delete-node/')) {
      const kw = this.read_keyword();
      this.ws();
      const np = this.pos();
      const name = this.read_propnodename();
      if (!name) this.error(np, `${kw} needs a ${kw === '/delete-node/' ? 'node' : 'property'} name`);
      else body.deletes.push({ kind: kw === '/delete-node/' ? 'node' : 'prop', name, pos: np, order: this.order++ });
      this.semicolon_after(`"${kw} ${name}"`, p);
      if (kw === '/delete-node/') seen_nodes.delete(name);
      else seen_props.delete(name);
      return;
    }
    if (this.c() === '"') {
      this.error(p, 'a property or node name cannot be a string; did you forget the name before "="?');
      this.skip_statement();
      return;
    }
    const name = this.read_propnodename();
    if (!name) {
      if (this.c() === '{') this.error(p, `a child node needs a name before '{' (in node "${node.name || '/'}")`);
      else this.error(p, `unexpected ${describe_char(this.c())} in node "${node.name || '/'}": expected a property, a child node or '}'`);
      this.skip_statement();
      return;
    }
    const name_end = this.pos();
    this.ws();
    if (this.c() === '{') {
      if (this.depth >= FDT_MAX_DEPTH - 1) {
        this.error(p, `node "${name}" is nested ${this.depth} levels deep: the kernel's unflatten_dt_nodes() stops at FDT_MAX_DEPTH (${FDT_MAX_DEPTH})`);
        this.skip_statement();
        return;
      }
      const child = new DTNode(name, p);
      child.labels.push(...labels.map((l) => l.name));
      ORDER.set(child, this.order++);
      const first = seen_nodes.get(name);
      if (first) this.error(p, `duplicate node "${name}" in "${node.name || '/'}" (first defined at ${first.line}:${first.column})`);
      seen_nodes.set(name, p);
      if (name.includes('@') && name.endsWith('@')) this.error(p, `node name "${name}" has an empty unit address after '@'`);
      this.node_body(child);
      child.parent = node;
      node.children.push(child);
      return;
    }
    const prop: DTProperty = { name, chunks: [], labels: labels.map((l) => l.name), pos: p };
    ORDER.set(prop, this.order++);
    if (name.includes('@')) this.error(p, `property name "${name}" cannot contain '@' (is it a node missing '{'?)`);
    const first = seen_props.get(name);
    if (first) this.error(p, `duplicate property "${name}" in node "${node.name || '/'}" (first defined at ${first.line}:${first.column})`);
    seen_props.set(name, p);
    if (this.c() === ';') {
      this.adv();
      node.props.push(prop);
      return;
    }
    if (this.c() !== '=') {
      if (PROPNODE_CHAR.test(this.c()) || this.c() === '}' || this.eof()) {
        this.error(name_end, `missing ';' after property "${name}"`);
        node.props.push(prop);
        return;
      }
      this.error(this.pos(), `expected '=', ';' or '{' after "${name}", found ${describe_char(this.c())}`);
      this.skip_statement();
      return;
    }
    this.adv();
    const end = this.prop_value(prop);
    node.props.push(prop);
    if (end === null) {
      this.skip_statement();
      return;
    }
    this.ws();
    if (this.c() === ';') {
      this.adv();
      return;
    }
    this.error(end, `missing ';' after property "${name}"`);
  }

  /**
   * Skips to after the next ';' on error, or over a whole `{ ... };` block; stops before a '}' (it closes the
   * enclosing node). Every call either consumes input or stands at '}' or the end, so the body loop always advances.
   */
  private skip_statement(): void {
    if (this.resync_line) {
      this.resync_line = false;
      this.take_while((c) => c !== '\n');
      return;
    }
    while (!this.eof()) {
      const c = this.c();
      if (c === ';') {
        this.adv();
        return;
      }
      if (c === '}') return;
      if (c === '{') {
        this.skip_block();
        this.ws();
        if (this.c() === ';') this.adv();
        return;
      }
      if (c === '"') this.skip_string();
      else this.adv();
    }
  }

  /** Skips a balanced `{ ... }` (iteratively: a counter, not recursion), strings included. */
  private skip_block(): void {
    let depth = 0;
    while (!this.eof()) {
      const c = this.c();
      if (c === '"') {
        this.skip_string();
        continue;
      }
      this.adv();
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return;
    }
  }

  /** Skips a string literal without decoding or reporting it (error recovery). */
  private skip_string(): void {
    this.adv();
    while (!this.eof() && this.c() !== '"' && this.c() !== '\n') {
      if (this.c() === '\\') this.adv();
      this.adv();
    }
    if (this.c() === '"') this.adv();
  }

  /** propdata: pieces separated by ','. Returns the position after the value, or null after an error. */
  private prop_value(prop: DTProperty): SrcPos | null {
    for (;;) {
      this.ws();
      while (this.label_ahead()) {
        this.read_label();
        this.ws();
      }
      const p = this.pos();
      let chunk: DataChunk | null = null;
      if (this.c() === '"') {
        const s = this.read_string();
        if (s === null) return null;
        chunk = { kind: 'string', value: s, pos: p };
      } else if (this.c() === '<' || this.starts('/bits/')) {
        chunk = this.read_cells();
      } else if (this.c() === '[') {
        chunk = this.read_bytes();
      } else if (this.c() === '&') {
        const r = this.read_ref();
        chunk = { kind: 'path', ref: r.ref, pos: r.pos };
      } else if (this.c() === ';' || this.c() === ',') {
        this.error(p, `property "${prop.name}" has "=" but no value (write "${prop.name};" for an empty property)`);
        return null;
      } else {
        this.error(p, `unexpected '${this.c() || 'end of file'}' in the value of "${prop.name}": expected "string", <cells>, [bytes] or &reference`);
        return null;
      }
      if (!chunk) return null;
      prop.chunks.push(chunk);
      const end = this.pos();
      this.ws();
      if (this.c() === ',') {
        this.adv();
        continue;
      }
      return end;
    }
  }

  /** Set after an unterminated string: recovery resumes at the next line. */
  private resync_line = false;

  private read_string(): string | null {
    const p = this.pos();
    if (this.c() !== '"') {
      this.error(p, 'expected a "string"');
      return null;
    }
    this.adv();
    let s = '';
    for (;;) {
      if (this.eof() || this.c() === '\n') {
        this.error(p, 'unterminated string: missing closing \'"\' before the end of the line');
        this.resync_line = true;
        return null;
      }
      const c = this.adv();
      if (c === '"') return s;
      if (c === '\\') {
        const e = this.adv();
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };
        if (e === 'x') {
          let h = '';
          while (h.length < 2 && /[0-9a-fA-F]/.test(this.c())) h += this.adv();
          s += String.fromCharCode(parseInt(h || '0', 16));
        } else if (/[0-7]/.test(e)) {
          let o = e;
          while (o.length < 3 && /[0-7]/.test(this.c())) o += this.adv();
          s += String.fromCharCode(parseInt(o, 8));
        } else s += simple[e] ?? e;
      } else s += c;
    }
  }

  private read_cells(): DataChunk | null {
    const p = this.pos();
    let bits: 8 | 16 | 32 | 64 = 32;
    if (this.starts('/bits/')) {
      this.read_keyword();
      this.ws();
      const bp = this.pos();
      const b = this.read_integer_prim();
      if (b === null) return null;
      if (b !== 8n && b !== 16n && b !== 32n && b !== 64n) {
        this.error(bp, `/bits/ must be 8, 16, 32 or 64, not ${b}`);
        return null;
      }
      bits = Number(b) as 8 | 16 | 32 | 64;
      this.ws();
      if (this.c() !== '<') {
        this.error(this.pos(), "expected '<' after /bits/ n");
        return null;
      }
    }
    this.adv(); // <
    const values: CellValue[] = [];
    for (;;) {
      this.ws();
      if (this.c() === '>') {
        this.adv();
        return { kind: 'cells', bits, values, pos: p };
      }
      if (this.eof() || this.c() === ';' || this.c() === '}') {
        this.error(p, "unterminated cell list: '<' has no matching '>'");
        return null;
      }
      if (this.label_ahead()) {
        this.read_label();
        continue;
      }
      const vp = this.pos();
      if (this.c() === '&') {
        const r = this.read_ref();
        if (bits !== 32) this.error(r.pos, 'a &reference (phandle) can only be used in 32-bit cells');
        values.push({ ref: r.ref, pos: r.pos });
        continue;
      }
      const v = this.read_integer_prim();
      if (v === null) {
        // Skip to '>' to keep going.
        while (!this.eof() && this.c() !== '>' && this.c() !== ';' && this.c() !== '\n') this.adv();
        if (this.c() === '>') this.adv();
        return null;
      }
      // dtc: bits above the cell must be all zero, or all one (a negative number sign-extended).
      const max = (1n << BigInt(bits)) - 1n;
      if (v > max && (v | max) !== U64_MAX) this.warning(vp, `value 0x${v.toString(16)} does not fit in ${bits} bits (truncated to 0x${(v & max).toString(16)})`);
      values.push({ value: v, pos: vp });
    }
  }

  private read_bytes(): DataChunk | null {
    const p = this.pos();
    this.adv(); // [
    const out: number[] = [];
    for (;;) {
      this.ws();
      if (this.c() === ']') {
        this.adv();
        return { kind: 'bytes', value: Uint8Array.from(out), pos: p };
      }
      const bp = this.pos();
      if (/[0-9a-fA-F]/.test(this.c()) && /[0-9a-fA-F]/.test(this.peek())) {
        out.push(parseInt(this.adv() + this.adv(), 16));
        continue;
      }
      if (this.eof() || this.c() === ';') {
        this.error(p, "unterminated byte string: '[' has no matching ']'");
        return null;
      }
      this.error(bp, `bad byte in [ ]: bytes are pairs of hex digits like [00 1f ab]${/[0-9a-fA-F]/.test(this.c()) ? ' (odd number of digits)' : ''}`);
      while (!this.eof() && this.c() !== ']' && this.c() !== ';') this.adv();
      if (this.c() === ']') this.adv();
      return null;
    }
  }

  // ---- integer expressions (dtc-parser.y integer_expr: uint64_t arithmetic, wrapping as C does) ----
  private read_integer_prim(): bigint | null {
    this.ws();
    const p = this.pos();
    if (this.c() === '(') {
      this.adv();
      const v = this.expr();
      if (v === null) return null;
      this.ws();
      if (this.c() !== ')') {
        this.error(this.pos(), `expected ')' to close the expression opened at ${p.line}:${p.column}`);
        return null;
      }
      this.adv();
      return v;
    }
    if (this.c() === "'") {
      this.adv();
      let c = this.adv();
      if (c === '\\') {
        const e = this.adv();
        c = ({ n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'" } as Record<string, string>)[e] ?? e;
      }
      if (c === '' || this.c() !== "'") {
        this.error(p, "unterminated character literal: missing closing \"'\"");
        return null;
      }
      this.adv();
      return BigInt(c.codePointAt(0)!);
    }
    if (/[0-9]/.test(this.c())) {
      const s = this.take_while((c) => /[0-9a-zA-Z_]/.test(c));
      const shown = s.length > 24 ? `${s.slice(0, 20)}...` : s;
      const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)(U|L|UL|LL|ULL)?$/i.exec(s);
      if (!m) {
        this.error(p, `"${shown}" is not a number (use decimal, 0x hex or 0 octal)`);
        return null;
      }
      const d = m[1]!;
      // Checked on the digits first, so a literal of a million digits costs no bignum conversion.
      const v = d.replace(/^0[xX]0*|^0+(?=.)/, '').length > 22 ? null : /^0[0-7]+$/.test(d) ? BigInt('0o' + d.slice(1)) : BigInt(d);
      if (v === null || v > U64_MAX) {
        this.error(p, `integer literal "${shown}" is out of range (more than 64 bits)`);
        return null;
      }
      return v;
    }
    if (this.c() === '-' || this.c() === '~' || this.c() === '!') {
      // dtc allows unary operators only inside an expression in parentheses.
      this.error(p, `'${this.c()}' here needs parentheses: write (${this.c()}1) inside < >`);
      return null;
    }
    this.error(p, `expected a number, found ${describe_char(this.c())}`);
    return null;
  }

  /** Enters one level of expression nesting; false (with an error) past MAX_EXPR_DEPTH. */
  private nest_expr(): boolean {
    if (this.expr_depth < MAX_EXPR_DEPTH) {
      this.expr_depth++;
      return true;
    }
    this.error(this.pos(), `expression nested more than ${MAX_EXPR_DEPTH} levels deep`);
    return false;
  }

  private expr(): bigint | null {
    if (!this.nest_expr()) return null;
    try {
      return this.ternary();
    } finally {
      this.expr_depth--;
    }
  }

  private ternary(): bigint | null {
    const c = this.binary(0);
    if (c === null) return null;
    this.ws();
    if (this.c() !== '?') return c;
    this.adv();
    const a = this.expr();
    if (a === null) return null;
    if (!this.expect_char(':', 'in "a ? b : c"')) return null;
    const b = this.expr();
    if (b === null) return null;
    return c !== 0n ? a : b;
  }

  private static readonly LEVELS: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<=', '>=', '<', '>'], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

  private binary(level: number): bigint | null {
    if (level >= DtsParser.LEVELS.length) return this.unary();
    let l = this.binary(level + 1);
    if (l === null) return null;
    for (;;) {
      this.ws();
      const op = DtsParser.LEVELS[level]!.find((o) => this.starts(o) && !(o === '|' && this.starts('||')) && !(o === '&' && this.starts('&&')) && !(o.length === 1 && '<>'.includes(o) && (this.starts('<<') || this.starts('>>'))));
      if (!op) return l;
      if (op === '>' && /^>\s*[;,\n]/.test(this.src.text.slice(this.src.i, this.src.i + 8))) return l; // the '>' closing the cells, not greater-than
      const p = this.pos();
      for (let i = 0; i < op.length; i++) this.adv();
      const r = this.binary(level + 1);
      if (r === null) return null;
      const v = binop(op, l, r);
      if (v === null) {
        this.error(p, `division by zero in expression`);
        return null;
      }
      l = v;
    }
  }

  private unary(): bigint | null {
    this.ws();
    const op = this.c();
    if (op !== '-' && op !== '~' && op !== '!') return this.read_integer_prim();
    if (!this.nest_expr()) return null;
    try {
      this.adv();
      const v = this.unary();
      if (v === null) return null;
      return op === '-' ? BigInt.asUintN(64, -v) : op === '~' ? BigInt.asUintN(64, ~v) : v === 0n ? 1n : 0n;
    } finally {
      this.expr_depth--;
    }
  }

  // ---- building the live tree (merge, delete, labels, references) ----
  private build(items: TopItem[]): DeviceTree {
    const root = new DTNode('', { file: this.src.file, line: 1, column: 1 });
    const tree: DeviceTree = { root, labels: new Map(), memreserves: this.memreserves, plugin: this.plugin, fragments: [] };
    let have_root = false;
    // The label table is rebuilt only after an item that can change it (new labels, a deletion): with thousands of
    // `&label { }` overlays a rebuild per item would be quadratic.
    let labels_stale = true;
    for (const it of items) {
      if (it.kind === 'root') {
        have_root = true;
        root.pos = it.node.pos;
        merge_nodes(root, it.node);
        labels_stale ||= it.new_labels;
      } else {
        if (labels_stale && !it.target.startsWith('/')) {
          this.collect_labels(tree, true);
          labels_stale = false;
        }
        const target = it.target.startsWith('/') ? path_lookup(tree.root, it.target) : tree.labels.get(it.target);
        if (it.kind === 'delete') {
          if (!target) this.error(it.pos, `/delete-node/ of unknown ${it.target.startsWith('/') ? `path "&{${it.target}}"` : `label "&${it.target}"`}`);
          else if (!target.parent) this.error(it.pos, 'cannot delete the root node');
          else {
            target.parent.children = target.parent.children.filter((c) => c !== target);
            labels_stale = true;
          }
          continue;
        }
        labels_stale ||= it.new_labels;
        if (!target) {
          if (this.plugin) tree.fragments.push({ target: it.target, node: it.node, pos: it.pos });
          else this.error(it.pos, `reference to unknown ${it.target.startsWith('/') ? `path "&{${it.target}}"` : `label "&${it.target}" (no node has the label "${it.target}:")`}`);
          continue;
        }
        merge_nodes(target, it.node);
      }
    }
    if (!have_root && !this.plugin && !this.diagnostics.some((d) => d.severity === 'error')) this.error(root.pos, 'no root node: a DTS file needs "/ { ... };"');
    this.collect_labels(tree);
    resolve_references(tree, this.diagnostics, this.plugin);
    return tree;
  }

  private collect_labels(tree: DeviceTree, quiet = false): void {
    tree.labels.clear();
    for (const n of walk_nodes(tree.root)) {
      for (const l of n.labels) {
        const prev = tree.labels.get(l);
        if (prev && prev !== n) {
          if (!quiet) this.error(n.pos, `duplicate label "${l}": already on ${prev.full_path} (defined at ${prev.pos.line}:${prev.pos.column})`);
        } else tree.labels.set(l, n);
      }
    }
  }
}

/** One binary operator on uint64_t as dtc computes it; null for a division by zero. */
function binop(op: string, l: bigint, r: bigint): bigint | null {
  const b = (x: boolean) => (x ? 1n : 0n);
  switch (op) {
    case '||': return b(l !== 0n || r !== 0n);
    case '&&': return b(l !== 0n && r !== 0n);
    case '|': return l | r;
    case '^': return l ^ r;
    case '&': return l & r;
    case '==': return b(l === r);
    case '!=': return b(l !== r);
    case '<=': return b(l <= r);
    case '>=': return b(l >= r);
    case '<': return b(l < r);
    case '>': return b(l > r);
    // A shift by 64 or more is undefined in C; x86 masks the count, and a bignum shift by 2^63 would never end.
    case '<<': return BigInt.asUintN(64, l << (r & 63n));
    case '>>': return l >> (r & 63n);
    case '+': return BigInt.asUintN(64, l + r);
    case '-': return BigInt.asUintN(64, l - r);
    case '*': return BigInt.asUintN(64, l * r);
    default: return r === 0n ? null : op === '/' ? l / r : l % r;
  }
}

function path_lookup(root: DTNode, path: string): DTNode | undefined {
  let cur: DTNode | undefined = root;
  for (const part of path.split('/').filter(Boolean)) {
    if (!cur) return undefined;
    cur = cur.get_child(part) ?? cur.children.find((c) => c.basename === part);
  }
  return cur;
}

/**
 * Merges `src` (a parsed body) into `dst`: properties override, children merge by name, deletions apply in order.
 * Names are looked up in Maps (insertion-ordered, so a property keeps its place when overridden and goes last when
 * deleted and added again), which keeps a merge linear in the number of properties and children.
 */
export function merge_nodes(dst: DTNode, src: DTNode): void {
  // An explicit stack instead of recursion; the parser bounds the depth (FDT_MAX_DEPTH), this bounds nothing else.
  const work: Array<[DTNode, DTNode]> = [[dst, src]];
  for (let job = work.pop(); job; job = work.pop()) merge_one(job[0], job[1], work);
}

function merge_one(dst: DTNode, src: DTNode, work: Array<[DTNode, DTNode]>): void {
  if (src.labels.length) dst.labels = [...new Set([...dst.labels, ...src.labels])];
  const props = new Map(dst.props.map((p) => [p.name, p]));
  const children = new Map(dst.children.map((c) => [c.name, c]));
  type Op = { order: number; run: () => void };
  const ops: Op[] = [];
  for (const p of src.props) {
    ops.push({
      order: ORDER.get(p) ?? 0,
      run: () => {
        const old = props.get(p.name);
        if (old) p.labels = [...new Set([...old.labels, ...p.labels])];
        props.set(p.name, p);
      },
    });
  }
  for (const c of src.children) {
    ops.push({
      order: ORDER.get(c) ?? 0,
      run: () => {
        let existing = children.get(c.name);
        if (!existing) {
          existing = new DTNode(c.name, c.pos);
          existing.parent = dst;
          children.set(c.name, existing);
        }
        work.push([existing, c]);
      },
    });
  }
  for (const d of BODY.get(src)?.deletes ?? []) {
    ops.push({ order: d.order, run: () => void (d.kind === 'prop' ? props : children).delete(d.name) });
  }
  ops.sort((a, b) => a.order - b.order);
  for (const o of ops) o.run();
  dst.props = [...props.values()];
  dst.children = [...children.values()];
}

/** fixup_phandle_references()/fixup_path_references(): assigns phandles to referenced nodes, in tree order. */
export function resolve_references(tree: DeviceTree, diags: Diagnostic[], allow_unresolved = false): void {
  let next = 1;
  const taken = new Set<number>();
  for (const n of walk_nodes(tree.root)) {
    const p = n.get_property('phandle') ?? n.get_property('linux,phandle');
    const c = p?.chunks[0];
    if (c && c.kind === 'cells' && c.values[0] && 'value' in c.values[0]) {
      n.phandle = Number(c.values[0].value);
      taken.add(n.phandle);
    }
  }
  const lookup = (ref: string) => (ref.startsWith('/') ? path_lookup(tree.root, ref) : tree.labels.get(ref));
  const describe = (ref: string) => (ref.startsWith('/') ? `path "&{${ref}}"` : `label "&${ref}" (no node has the label "${ref}:")`);
  for (const n of walk_nodes(tree.root)) {
    for (const p of n.props) {
      for (const c of p.chunks) {
        if (c.kind === 'path') {
          const t = lookup(c.ref);
          if (!t) {
            if (!allow_unresolved) diags.push({ severity: 'error', pos: c.pos, message: `reference to unknown ${describe(c.ref)}` });
          } else c.path = t.full_path;
        } else if (c.kind === 'cells') {
          for (const v of c.values) {
            if (!('ref' in v)) continue;
            const t = lookup(v.ref);
            if (!t) {
              if (!allow_unresolved) diags.push({ severity: 'error', pos: v.pos, message: `reference to unknown ${describe(v.ref)}` });
              continue;
            }
            if (v.phandle && v.phandle === t.phandle) continue;
            if (!t.phandle) {
              while (taken.has(next)) next++;
              t.phandle = next;
              taken.add(next);
              t.props.push({ name: 'phandle', chunks: [{ kind: 'cells', bits: 32, values: [{ value: BigInt(next), pos: t.pos }], pos: t.pos }], labels: [], pos: t.pos });
            }
            v.phandle = t.phandle;
          }
        }
      }
    }
  }
}


/** Parses DTS source text. Never throws on bad input: problems come back as diagnostics. */
export function dtc_parse(text: string, file = 'machine.dts', include?: IncludeResolver): ParseResult {
  return new DtsParser(text, file, include).parse();
}

/** Rebuilds the label table of a tree (after merging an overlay). */
export function collect_tree_labels(tree: DeviceTree): void {
  tree.labels.clear();
  for (const n of walk_nodes(tree.root)) for (const l of n.labels) if (!tree.labels.has(l)) tree.labels.set(l, n);
}

/**
 * Applies a /plugin/ overlay to a base tree (as dtoverlay / fdtoverlay do):
 * each `&label { ... }` fragment merges into the base node with that label,
 * then references inside the overlay resolve against the merged tree.
 */
export function dtc_apply_overlay(base: DeviceTree, overlay: DeviceTree): Diagnostic[] {
  const diags: Diagnostic[] = [];
  collect_tree_labels(base);
  const fragments = [...overlay.fragments];
  // Fragments targeting labels the overlay itself defines were merged already; "/ { }" merges into root.
  if (overlay.root.children.length || overlay.root.props.length) merge_nodes(base.root, overlay.root);
  for (const f of fragments) {
    const target = f.target.startsWith('/') ? path_lookup(base.root, f.target) : base.labels.get(f.target);
    if (!target) {
      diags.push({ severity: 'error', pos: f.pos, message: `overlay target ${f.target.startsWith('/') ? `"&{${f.target}}"` : `"&${f.target}"`} is not in the base tree` });
      continue;
    }
    merge_nodes(target, f.node);
  }
  collect_tree_labels(base);
  resolve_references(base, diags);
  return diags;
}
