// Models linux/scripts/Makefile.build's reading of an external module's Kbuild/Makefile: obj-m, <mod>-objs/-y, ccflags-y, CFLAGS_<obj>.o.
//
// Only the assignments kbuild reads for `make M=dir modules` are understood; recipes (tab lines), rules and other
// variables are make's business and are skipped, as kbuild's first pass (KERNELRELEASE set) never runs them.

export interface KbuildModule {
  /** KBUILD_MODNAME: the obj-m name without .o. */
  name: string;
  /** The C files of the module, relative to the Kbuild's folder, in link order (composite: <name>-objs or <name>-y). */
  sources: string[];
}

export interface KbuildFile {
  modules: KbuildModule[];
  /** -D and -I flags from ccflags-y / EXTRA_CFLAGS / subdir-ccflags-y, without the leading dash letter. */
  defines: string[];
  includeDirs: string[];
  /** CFLAGS_<obj>.o: -D and -I flags for one object only, by its C file (mei's CFLAGS_mei-trace.o = -I$(src)). */
  objectFlags: Record<string, ObjectFlags>;
  /** line:column problems, as make words them. */
  errors: string[];
}

export interface ObjectFlags { defines: string[]; includeDirs: string[] }

interface Assignment { name: string; op: string; value: string; line: number }

/** Joins `\` continuations and drops comments, recipes and conditionals, keeping each assignment's line number. */
function assignments(text: string): Assignment[] {
  const out: Assignment[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let l = lines[i]!;
    while (l.endsWith('\\') && i + 1 < lines.length) l = `${l.slice(0, -1)} ${lines[++i]!}`;
    if (l.startsWith('\t')) continue;
    l = l.replace(/(^|[^\\])#.*$/, '$1').trim();
    const m = /^([A-Za-z0-9_.$()-]+)\s*(\+=|:=|\?=|=)\s*(.*)$/.exec(l);
    if (m) out.push({ name: m[1]!, op: m[2]!, value: m[3]!.trim(), line: start + 1 });
  }
  return out;
}

/** The variables the assignments give, `+=` appending and the others replacing, as make does. */
function variables(list: Assignment[]): Map<string, string[]> {
  const vars = new Map<string, string[]>();
  for (const a of list) {
    const words = a.value.split(/\s+/).filter(Boolean);
    if (a.op === '+=') vars.set(a.name, [...(vars.get(a.name) ?? []), ...words]);
    else if (a.op === '?=') { if (!vars.has(a.name)) vars.set(a.name, words); }
    else vars.set(a.name, words);
  }
  return vars;
}

/** The -D and -I flags of a flags variable (others are gcc's business), without the dash letter; -I$(src) is '.'. */
function splitFlags(flags: string[]): ObjectFlags {
  return { defines: flags.filter((f) => f.startsWith('-D')).map((f) => f.slice(2)), includeDirs: flags.filter((f) => f.startsWith('-I')).map((f) => f.slice(2) || '.') };
}

/** Reads a Kbuild (or the kbuild half of a Makefile) the way `make -C $KDIR M=$PWD modules` would. */
export function parseKbuild(text: string): KbuildFile {
  const list = assignments(text);
  const vars = variables(list);
  const errors: string[] = [];
  const expand = (w: string): string => w.replace(/\$\((src|obj|M|PWD|CURDIR)\)\/?/g, '');
  const objs = (vars.get('obj-m') ?? []).map(expand);
  const modules: KbuildModule[] = [];
  for (const o of objs) {
    if (!o.endsWith('.o')) { errors.push(`obj-m: ${o}: not an object file (NAME.o)`); continue; }
    const name = o.slice(0, -2);
    const parts = [...(vars.get(`${name}-objs`) ?? []), ...(vars.get(`${name}-y`) ?? [])].map(expand);
    const objects = parts.length ? parts : [o];
    const bad = objects.find((p) => !p.endsWith('.o'));
    if (bad) { errors.push(`${name}-objs: ${bad}: not an object file (NAME.o)`); continue; }
    modules.push({ name: name.split('/').pop()!.replace(/-/g, '_'), sources: objects.map((p) => `${p.slice(0, -2)}.c`) });
  }
  if (objs.length === 0) errors.push('no obj-m line: nothing to build (write obj-m := NAME.o)');
  const { defines, includeDirs } = splitFlags(['ccflags-y', 'EXTRA_CFLAGS', 'subdir-ccflags-y'].flatMap((v) => vars.get(v) ?? []).map(expand));
  const objectFlags: Record<string, ObjectFlags> = {};
  for (const [v, words] of vars) {
    const o = /^CFLAGS_(.+)\.o$/.exec(v);
    if (o) objectFlags[`${expand(o[1]!)}.c`] = splitFlags(words.map(expand));
  }
  return { modules, defines, includeDirs, objectFlags, errors };
}
