// Models kmod's modinfo: the .modinfo fields of a .ko by path, or of a module found through modules.dep.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { readModinfo, formatModinfo, type ModinfoField } from '../../../toolchain/modinfo.ts';
import { modules_dir, parse_dep, modname } from './common.ts';

export function* modinfo_main(c: Libc, argv: string[]): KGen<number> {
  let field: string | null = null;
  const args: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-F' || a === '--field') field = argv[++i] ?? null;
    else if (a.startsWith('-F')) field = a.slice(2);
    else args.push(a);
  }
  if (!args.length) { yield* c.write(2, 'modinfo: ERROR: missing module or filename.\n'); return 1; }
  let status = 0;
  const dir = yield* modules_dir(c);
  for (const a of args) {
    let path = a;
    if (!a.includes('/') && !a.endsWith('.ko')) {
      const dep = yield* c.read_text(`${dir}/modules.dep`);
      const e = typeof dep === 'number' ? undefined : parse_dep(dep).get(modname(a));
      if (!e) { yield* c.write(2, `modinfo: ERROR: Module ${a} not found.\n`); status = 1; continue; }
      path = `${dir}/${e.path}`;
    }
    const bytes = yield* c.read_file(path);
    if (typeof bytes === 'number') { yield* c.write(2, `modinfo: ERROR: Module ${a} not found.\n`); status = 1; continue; }
    let fields: ModinfoField[];
    try { fields = readModinfo(bytes); } catch { fields = []; }
    if (field !== null) {
      const f = field;
      const vals = f === 'filename' ? [path] : fields.filter((x) => x.key === f).map((x) => x.value);
      yield* c.write(1, vals.map((v) => `${v}\n`).join(''));
    } else yield* c.write(1, formatModinfo(fields, path));
  }
  return status;
}
