// Models kmod's modprobe: loads a module by name or alias with its dependencies (modules.dep, modules.alias), or removes it with -r.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror, EEXIST } from '../../../include/uapi/asm-generic/errno.ts';
import { modules_dir, parse_dep, parse_alias, modname, load_file, loaded_modules } from './common.ts';

export function* modprobe_main(c: Libc, argv: string[]): KGen<number> {
  let remove = false, quiet = false;
  const rest: string[] = [];
  for (const a of argv.slice(1)) {
    if (a === '-r' || a === '--remove') remove = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a.startsWith('-') && !rest.length) continue;
    else rest.push(a);
  }
  const target = rest[0];
  if (!target) { yield* c.write(2, 'modprobe: ERROR: missing parameters. See -h.\n'); return 1; }
  const dir = yield* modules_dir(c);
  const depText = yield* c.read_text(`${dir}/modules.dep`);
  const deps = parse_dep(typeof depText === 'number' ? '' : depText);
  const names: string[] = [];
  if (deps.has(modname(target))) names.push(modname(target));
  else {
    const aliasText = yield* c.read_text(`${dir}/modules.alias`);
    for (const [re, m] of parse_alias(typeof aliasText === 'number' ? '' : aliasText)) if (re.test(target) && !names.includes(m)) names.push(m);
  }
  if (!names.length) {
    if (!quiet) yield* c.write(2, `modprobe: FATAL: Module ${target} not found in directory ${dir}\n`);
    return 1;
  }
  if (remove) {
    for (const n of names) {
      const r = yield* c.scratch(function* () { return yield* c.syscall('delete_module', c.cstr(n), 0o4000); });
      if (r < 0 && !quiet) yield* c.write(2, `modprobe: FATAL: Module ${n} is in use.\n`);
      if (r < 0) return 1;
    }
    return 0;
  }
  const loaded = yield* loaded_modules(c);
  for (const n of names) {
    const e = deps.get(n)!;
    for (const d of [...e.deps].reverse().concat(e.path)) {
      const dn = modname(d);
      if (loaded.has(dn)) continue;
      const r = yield* load_file(c, `${dir}/${d}`, dn === n ? rest.slice(1).join(' ') : '');
      if (r < 0 && r !== -EEXIST) {
        if (!quiet) yield* c.write(2, `modprobe: ERROR: could not insert '${dn}': ${strerror(-r)}\n`);
        return 1;
      }
      loaded.add(dn);
    }
  }
  return 0;
}
