// Models modpost's view of the headers: which functions and objects a module may call because a header declares them.
//
// Reads clang's `-Xclang -ast-dump` text for a translation unit that includes the shipped headers and lists the
// top-level declarations that are neither static nor inline: each becomes an undefined symbol in a module that
// uses it, so the kernel must export it (the test that links them is test/kernel-sim/toolchain/exports.test.ts).

export interface HeaderDecl {
  kind: 'function' | 'object';
  name: string;
  /** The header that declares it, relative to the include root, and its line. */
  file: string;
  line: number;
}

/** `|-FunctionDecl 0x.. <loc, loc> loc [used] [referenced] name 'type' [extern] [static] [inline]` at the top level. */
const DECL = /^[|`]-(FunctionDecl|VarDecl) 0x[0-9a-f]+ (?:parent 0x[0-9a-f]+ )?(?:prev 0x[0-9a-f]+ )?<([^>]*)> (?:<scratch space>:\d+:\d+|\S+)(?: (?:used|referenced|implicit|invalid))* ([A-Za-z_]\w*) '[^']*'(?::'[^']*')?(.*)$/;

/** The file and line a location starts with, carrying the last file forward as clang's dump does. */
function locate(range: string, last: { file: string; line: number }): void {
  const loc = range.split(', ')[0]!;
  const f = /^(.+?):(\d+):\d+$/.exec(loc);
  if (f && f[1] !== 'line' && f[1] !== 'col') { last.file = f[1]!; last.line = Number(f[2]); return; }
  const l = /^line:(\d+):\d+$/.exec(loc);
  if (l) last.line = Number(l[1]);
}

/** The non-static, non-inline top-level declarations in an AST dump, first declaration of each name, under `root`. */
export function externalDeclarations(ast: string, root: string): HeaderDecl[] {
  const seen = new Map<string, HeaderDecl>();
  const inline = new Set<string>();
  const last = { file: '', line: 0 };
  for (const raw of ast.split('\n')) {
    // Any node moves the current location: nested ones too, so later top-level ranges that say only line: resolve.
    const r = /<((?:[^<>]|<[^<>]*>)*)>/.exec(raw);
    if (r && !raw.startsWith('TranslationUnitDecl')) locate(r[1]!, last);
    const m = DECL.exec(raw);
    if (!m) continue;
    const [, kind, , name, rest] = m;
    const storage = rest!.split(/\s+/);
    if (raw.includes(' implicit ')) continue;
    if (storage.includes('static') || storage.includes('inline')) { inline.add(name!); continue; }
    if (kind === 'VarDecl' && !storage.includes('extern')) continue;
    if (!last.file.startsWith(`${root}/`) || seen.has(name!)) continue;
    seen.set(name!, { kind: kind === 'FunctionDecl' ? 'function' : 'object', name: name!, file: last.file.slice(root.length + 1), line: last.line });
  }
  return [...seen.values()].filter((d) => !inline.has(d.name));
}
