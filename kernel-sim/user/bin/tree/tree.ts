// Models tree(1) 2.x: the indented listing with box-drawing branches and the "N directories, M files" report; -a -d -L -f --noreport.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { ostream, join_path } from '../../lib/stdio.ts';
import { S_ISDIR, S_ISLNK } from '../../../include/uapi/stat.ts';

export function* tree_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'adfL:il', long: { noreport: 'N', 'dirsfirst': 'D' } });
  if (p.error) { yield* c.write(2, `tree: Invalid argument -\`${p.error.replace(/.*'(.)'.*/, '$1')}'.\nusage: tree [-acdfghilnpqrstuvxACDFJQNSUX] [-L level [-R]] [-H  baseHREF]\n`); return 1; }
  const all = has(p, 'a'), dirs_only = has(p, 'd'), full = has(p, 'f'), noindent = has(p, 'i');
  const level = optval(p, 'L') !== undefined ? Number(optval(p, 'L')) : Infinity;
  if (!(level > 0)) { yield* c.write(2, 'tree: Invalid level, must be greater than 0.\n'); return 1; }
  const out = new ostream(c);
  let ndirs = 0, nfiles = 0;
  const walk = function* (dir: string, prefix: string, depth: number): KGen<void> {
    const ents = yield* c.readdir(dir);
    if (typeof ents === 'number') return;
    let names = ents.map((e) => e.name).filter((n) => n !== '.' && n !== '..' && (all || !n.startsWith('.'))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const info: { name: string; dir: boolean; link?: string }[] = [];
    for (const n of names) {
      const path = join_path(dir, n);
      const l = yield* c.stat(path, false);
      if (typeof l === 'number') continue;
      let is_dir = S_ISDIR(l.mode);
      let link: string | undefined;
      if (S_ISLNK(l.mode)) {
        const t = yield* c.readlink(path); link = typeof t === 'string' ? t : '';
        const f = yield* c.stat(path, true);
        is_dir = typeof f !== 'number' && S_ISDIR(f.mode);
      }
      if (dirs_only && !is_dir) continue;
      info.push({ name: n, dir: is_dir, link });
    }
    if (has(p, 'D')) info.sort((a, b) => Number(b.dir) - Number(a.dir));
    names = info.map((x) => x.name);
    for (let i = 0; i < info.length; i++) {
      const e = info[i];
      const last = i === info.length - 1;
      const shown = full ? join_path(dir, e.name) : e.name;
      yield* out.write(`${noindent ? '' : prefix + (last ? '└── ' : '├── ')}${shown}${e.link !== undefined ? ` -> ${e.link}` : ''}\n`);
      if (e.dir) {
        ndirs++;
        if (e.link === undefined && depth + 1 < level) yield* walk(join_path(dir, e.name), prefix + (last ? '    ' : '│   '), depth + 1);
      } else nfiles++;
    }
  };
  for (const root of p.args.length ? p.args : ['.']) {
    const st = yield* c.stat(root, true);
    if (typeof st === 'number' || !S_ISDIR(st.mode)) {
      yield* out.write(`${root}  [error opening dir]\n`);
      continue;
    }
    yield* out.write(root + '\n');
    yield* walk(root, '', 0);
  }
  if (!has(p, 'N')) {
    const d = `${ndirs} director${ndirs === 1 ? 'y' : 'ies'}`;
    yield* out.write(dirs_only ? `\n${d}\n` : `\n${d}, ${nfiles} file${nfiles === 1 ? '' : 's'}\n`);
  }
  yield* out.flush();
  return 0;
}
