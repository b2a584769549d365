// Models kmod's depmod: scans /lib/modules/RELEASE for .ko files and writes modules.dep and modules.alias from their .modinfo.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { O_WRONLY, O_CREAT, O_TRUNC } from '../../../include/uapi/stat.ts';
import { readModinfo, modinfoValue, type ModinfoField } from '../../../toolchain/modinfo.ts';
import { modules_dir, modname } from './common.ts';

function* walk(c: Libc, dir: string, rel: string, out: string[]): KGen<void> {
  const ents = yield* c.readdir(dir);
  if (typeof ents === 'number') return;
  for (const e of ents.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name === '.' || e.name === '..') continue;
    const p = `${dir}/${e.name}`, r = rel ? `${rel}/${e.name}` : e.name;
    if (e.type === 4) yield* walk(c, p, r, out);
    else if (e.name.endsWith('.ko')) out.push(r);
  }
}

function* write_file(c: Libc, path: string, text: string): KGen<number> {
  const fd = yield* c.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
  if (fd < 0) return fd;
  yield* c.write(fd, text);
  yield* c.syscall('close', fd);
  return 0;
}

/** modules.dep and modules.alias for the given .ko files (paths relative to the modules directory, in walk order). */
export function depmod_tables(kos: readonly { path: string; fields: ModinfoField[] }[]): { dep: string; alias: string } {
  const byName = new Map(kos.map((k) => [modname(k.path), k.path]));
  let dep = '', alias = '# Aliases extracted from modules themselves.\n';
  for (const { path, fields } of kos) {
    const deps = (modinfoValue(fields, 'depends') ?? '').split(',').filter(Boolean).map((d) => byName.get(d) ?? '').filter(Boolean);
    dep += `${path}:${deps.length ? ' ' + deps.join(' ') : ''}\n`;
    for (const f of fields) if (f.key === 'alias') alias += `alias ${f.value} ${modname(path)}\n`;
  }
  return { dep, alias };
}

export function* depmod_main(c: Libc): KGen<number> {
  const dir = yield* modules_dir(c);
  const paths: string[] = [];
  yield* walk(c, dir, '', paths);
  const kos: { path: string; fields: ModinfoField[] }[] = [];
  for (const path of paths) {
    const bytes = yield* c.read_file(`${dir}/${path}`);
    if (typeof bytes === 'number') continue;
    try { kos.push({ path, fields: readModinfo(bytes) }); } catch { continue; }
  }
  const { dep, alias } = depmod_tables(kos);
  const r1 = yield* write_file(c, `${dir}/modules.dep`, dep);
  const r2 = yield* write_file(c, `${dir}/modules.alias`, alias);
  if (r1 < 0 || r2 < 0) { yield* c.write(2, `depmod: ERROR: could not open ${dir}/modules.dep\n`); return 1; }
  return 0;
}
