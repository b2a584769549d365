// Models linux/scripts/mod/modpost.c's Module.symvers (write_dump/read_dump): vmlinux's exports as a text table, so a module build checks its symbols without the kernel.
//
// Linux's line is `0xCRC<TAB>symbol<TAB>module<TAB>EXPORT_SYMBOL[_GPL]<TAB>namespace`. The workbench has no symbol
// versions (CRC 0) and no namespaces, and adds one column Linux's table has no need of: whether the symbol is a
// function, a function that may sleep (a generator kapi entry: the loader asyncifies its callers), or data.

/** What a module build needs to know of the kernel's exports: the shape of ksymtab_t's lookups, so the live table fits too. */
export interface symvers_t {
  func(name: string): { readonly gpl: boolean; readonly sleeps: boolean } | undefined;
  data(name: string): unknown;
}

/** The exports a table is written from: vmlinux's linked ksymtab. */
export interface symvers_source extends symvers_t {
  names(): string[];
  data_names(): string[];
}

const KINDS = ['func', 'func,sleeps', 'data'] as const;
type kind = typeof KINDS[number];

/** write_dump: one line per export, functions then data, each in the table's order. */
export function write_dump(t: symvers_source): string {
  const line = (name: string, gpl: boolean, k: kind): string => `0x00000000\t${name}\tvmlinux\tEXPORT_SYMBOL${gpl ? '_GPL' : ''}\t\t${k}\n`;
  return t.names().map((n) => { const f = t.func(n)!; return line(n, f.gpl, f.sleeps ? 'func,sleeps' : 'func'); }).join('')
    + t.data_names().map((n) => line(n, false, 'data')).join('');
}

/** read_dump: the table back as lookups; a malformed line is an Error naming `file:line:column`. */
export function read_dump(text: string, file = 'Module.symvers'): symvers_t {
  const funcs = new Map<string, { gpl: boolean; sleeps: boolean }>();
  const data = new Set<string>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((l, i) => {
    const f = l.split('\t');
    const fail = (field: number, why: string): never => {
      const col = f.slice(0, field).reduce((c, s) => c + s.length + 1, 1);
      throw new Error(`${file}:${i + 1}:${col}: ${why}`);
    };
    if (f.length !== 6) {
      // Too few: where the next field should begin (the line's end); too many: at the first extra one.
      if (f.length < 6) throw new Error(`${file}:${i + 1}:${l.length + 1}: expected 6 tab-separated fields, found ${f.length}`);
      fail(6, `expected 6 tab-separated fields, found ${f.length}`);
    }
    const [crc, name, mod, exp, , k] = f as [string, string, string, string, string, string];
    if (!/^0x[0-9a-f]{8}$/.test(crc)) fail(0, `bad CRC '${crc}'`);
    if (!name) fail(1, 'empty symbol name');
    if (!mod) fail(2, 'empty module name');
    if (exp !== 'EXPORT_SYMBOL' && exp !== 'EXPORT_SYMBOL_GPL') fail(3, `unknown license ${exp}`);
    if (!(KINDS as readonly string[]).includes(k)) fail(5, `unknown kind '${k}'`);
    if (k === 'data') data.add(name);
    else funcs.set(name, { gpl: exp === 'EXPORT_SYMBOL_GPL', sleeps: k === 'func,sleeps' });
  });
  return { func: (n) => funcs.get(n), data: (n) => (data.has(n) ? true : undefined) };
}
