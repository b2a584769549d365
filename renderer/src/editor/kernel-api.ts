// An index of the kernel API in resources/include: functions, macros, structs and types with their signatures, doc comments and header positions, for completion, hover, signature help and go-to-definition.
/// <reference types="vite/client" />

export interface ApiSymbol {
  name: string;
  kind: 'function' | 'macro' | 'struct' | 'typedef' | 'enum';
  /** The declaration as written (one line, whitespace collapsed). */
  signature: string;
  /** Parameter list for functions and function-like macros. */
  params: string[];
  /** The comment right above the declaration, without comment markers. */
  doc: string;
  /** Header path as C includes it, e.g. linux/pci.h */
  header: string;
  line: number;
  column: number;
}

/** A function declaration or inline definition: 'TYPE NAME(PARAMS)' ending in ';' or '{' (linear-time scan, no backtracking regex). */
function parseFunction(decl: string): { name: string; params: string } | null {
  if (!/[;{]\s*$|\)\s*$/.test(decl) || /^(return|if|while|for|switch|else|do|case|goto|typedef)\b/.test(decl)) return null;
  const cleaned = decl.replace(/__(?:printf|attribute__|aligned|section|malloc|alloc_size|cold|noreturn)\s*\(\([^)]*\)\)|__(?:printf|aligned|section|alloc_size)\s*\([^)]*\)/g, (m) => ' '.repeat(m.length));
  const open = cleaned.indexOf('(');
  if (open < 0) return null;
  const head = cleaned.slice(0, open);
  const m = /([A-Za-z_]\w*)\s*$/.exec(head);
  if (!m) return null;
  const before = head.slice(0, m.index);
  if (!/^[\w\s*]+$/.test(before) || !/\w/.test(before)) return null;
  let depth = 0, close = -1;
  for (let i = open; i < cleaned.length; i++) {
    if (cleaned[i] === '(') depth++;
    else if (cleaned[i] === ')' && --depth === 0) { close = i; break; }
  }
  if (close < 0) return null;
  return { name: m[1]!, params: decl.slice(open + 1, close) };
}
const MACRO_RE = /^#\s*define\s+([A-Za-z_]\w*)(\(([^)]*)\))?\s*(.*)$/;
const STRUCT_RE = /^struct\s+([A-Za-z_]\w*)\s*\{/;
const TYPEDEF_RE = /^typedef\s+.*?\b([A-Za-z_]\w*)\s*;\s*$/;

function splitParams(p: string): string[] {
  const out: string[] = [];
  let depth = 0, cur = '';
  for (const ch of p) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += ch;
  }
  if (cur.trim() && cur.trim() !== 'void') out.push(cur.trim());
  return out;
}

/** Indexes one header's text. */
export function indexHeader(header: string, text: string): ApiSymbol[] {
  const lines = text.split('\n');
  const out: ApiSymbol[] = [];
  let doc: string[] = [];
  let inComment = false;
  let comment: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    if (inComment) {
      const end = line.indexOf('*/');
      comment.push(line.slice(0, end < 0 ? undefined : end).replace(/^\*\s?/, ''));
      if (end >= 0) { inComment = false; doc = comment.filter(Boolean); }
      continue;
    }
    if (line.startsWith('/*')) {
      const body = line.replace(/^\/\*+\s?/, '');
      const end = body.indexOf('*/');
      if (end >= 0) { doc = [body.slice(0, end).trim()].filter(Boolean); continue; }
      inComment = true;
      comment = [body];
      continue;
    }
    if (line.startsWith('//')) { doc = [...doc, line.replace(/^\/\/\s?/, '')]; continue; }
    if (!line) { doc = []; continue; }
    const col = raw.length - raw.trimStart().length + 1;
    let decl = line;
    // Join continuation lines of a declaration (an open parenthesis or a trailing backslash).
    let j = i;
    while ((decl.split('(').length > decl.split(')').length || decl.endsWith('\\')) && j + 1 < lines.length && j - i < 8) {
      decl = decl.replace(/\\$/, '') + ' ' + lines[++j]!.trim();
    }
    const docText = doc.join('\n').replace(/^Models include\/.*$/m, '').replace(/^<kwb-layout[^\n]*/m, '').trim();
    const m = MACRO_RE.exec(decl);
    if (m) {
      if (!/^_*[A-Z0-9_]*_H$/.test(m[1]!) || m[2]) {
        out.push({ name: m[1]!, kind: 'macro', signature: `#define ${m[1]}${m[2] ?? ''} ${m[4]!.length > 80 ? m[4]!.slice(0, 77) + '...' : m[4]}`.trim(), params: m[3] !== undefined ? splitParams(m[3]) : [], doc: docText, header, line: i + 1, column: col });
      }
      doc = [];
      continue;
    }
    const s = STRUCT_RE.exec(decl);
    if (s) { out.push({ name: s[1]!, kind: 'struct', signature: `struct ${s[1]}`, params: [], doc: docText, header, line: i + 1, column: col }); doc = []; continue; }
    const t = TYPEDEF_RE.exec(decl);
    if (t && !decl.includes('(')) { out.push({ name: t[1]!, kind: 'typedef', signature: decl.replace(/\s+/g, ' '), params: [], doc: docText, header, line: i + 1, column: col }); doc = []; continue; }
    const f = raw.startsWith(' ') || raw.startsWith('\t') ? null : parseFunction(decl);
    if (f) {
      const sig = decl.replace(/\s*\{.*$/, '').replace(/;\s*$/, '').replace(/\s+/g, ' ').replace(/^static inline /, '').replace(/^extern /, '');
      out.push({ name: f.name, kind: 'function', signature: sig, params: splitParams(f.params), doc: docText, header, line: i + 1, column: col });
      i = j;
    }
    doc = [];
  }
  return out;
}

export class KernelApi {
  readonly byName = new Map<string, ApiSymbol>();
  readonly headers = new Map<string, string>();

  add(header: string, text: string): void {
    this.headers.set(header, text);
    for (const s of indexHeader(header, text)) {
      const old = this.byName.get(s.name);
      // A declaration with a doc comment or a function beats a bare forward declaration.
      if (!old || (!old.doc && s.doc) || (old.kind === 'typedef' && s.kind === 'function')) this.byName.set(s.name, s);
    }
  }

  complete(prefix: string, limit = 200): ApiSymbol[] {
    const out: ApiSymbol[] = [];
    for (const s of this.byName.values()) {
      if (s.name.startsWith(prefix) && !s.name.startsWith('__')) out.push(s);
      if (out.length >= limit) break;
    }
    return out.sort((a, b) => a.name.length - b.name.length || a.name.localeCompare(b.name));
  }

  get(name: string): ApiSymbol | undefined { return this.byName.get(name); }
}

/** Builds the index from the headers bundled with the renderer (resources/include/linux and asm). */
export function loadKernelApi(): KernelApi {
  const modules = import.meta.glob<string>(['../../../resources/include/linux/**/*.h', '../../../resources/include/asm/*.h', '../../../resources/include/uapi/**/*.h'], { query: '?raw', import: 'default', eager: true });
  const api = new KernelApi();
  const entries = Object.entries(modules).map(([path, text]) => [path.replace(/^.*resources\/include\//, ''), text] as const);
  for (const [header, text] of entries.sort((a, b) => a[0].localeCompare(b[0]))) api.add(header, text);
  return api;
}
