// Models GNU findutils find(1): -name -iname -path -type -maxdepth -mindepth -size -empty -newer -perm, ! -a -o ( ), -print -print0 -exec -delete -prune.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc, kstat } from '../../lib/libc.ts';
import { ostream, warn, join_path, basename } from '../../lib/stdio.ts';
import { spawn_wait } from '../../lib/spawn.ts';
import { S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK, S_ISDIR } from '../../../include/uapi/stat.ts';

type node =
  | { t: 'and' | 'or'; a: node; b: node }
  | { t: 'not'; a: node }
  | { t: 'test'; fn: (e: ent) => KGen<boolean> }
  | { t: 'true' };
interface ent { path: string; st: kstat; depth: number; prune: boolean }

class find_error { constructor(readonly msg: string) {} }

/** fnmatch(3) for -name and -path patterns. */
export function fnmatch(pat: string, s: string, icase = false): boolean {
  let re = '^';
  for (let i = 0; i < pat.length; i++) {
    const ch = pat[i];
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else if (ch === '[') {
      const e = pat.indexOf(']', i + 2);
      if (e < 0) { re += '\\['; continue; }
      let cls = pat.slice(i + 1, e);
      if (cls[0] === '!') cls = '^' + cls.slice(1);
      re += `[${cls.replace(/\\/g, '\\\\')}]`; i = e;
    } else if (ch === '\\' && i + 1 < pat.length) { re += pat[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'); }
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(re + '$', icase ? 'si' : 's').test(s);
}

const TYPES: Record<string, number> = { f: S_IFREG, d: S_IFDIR, l: S_IFLNK, c: S_IFCHR, b: S_IFBLK, p: S_IFIFO, s: S_IFSOCK };

export function* find_main(c: Libc, argv: string[]): KGen<number> {
  const out = new ostream(c);
  let i = 1;
  const roots: string[] = [];
  const follow = { L: false };
  while (i < argv.length && (argv[i] === '-L' || argv[i] === '-P' || argv[i] === '-H')) { if (argv[i] === '-L') follow.L = true; i++; }
  while (i < argv.length && !(argv[i].startsWith('-') && argv[i].length > 1) && argv[i] !== '(' && argv[i] !== '!') roots.push(argv[i++]);
  if (!roots.length) roots.push('.');
  let maxdepth = Infinity, mindepth = 0, depth_first = false;
  let has_action = false;
  let status = 0;
  const toks = argv.slice(i);
  let k = 0;
  const need = (opt: string): string => { if (k >= toks.length) throw new find_error(`missing argument to \`${opt}'`); return toks[k++]; };
  function primary(): node {
    const tok = toks[k++];
    switch (tok) {
      case '(': { const n = or(); if (toks[k] !== ')') throw new find_error("invalid expression; I was expecting to find a ')' somewhere but did not see one."); k++; return n; }
      case '!': case '-not': return { t: 'not', a: primary() };
      case '-name': case '-iname': { const pat = need(tok); return { t: 'test', fn: function* (e) { return fnmatch(pat, basename(e.path) || e.path, tok === '-iname'); } }; }
      case '-path': case '-wholename': case '-ipath': { const pat = need(tok); return { t: 'test', fn: function* (e) { return fnmatch(pat, e.path, tok === '-ipath'); } }; }
      case '-type': {
        const v = need(tok);
        const set = v.split(',').map((x) => TYPES[x]);
        if (set.some((x) => x === undefined)) throw new find_error(`Unknown argument to -type: ${v}`);
        return { t: 'test', fn: function* (e) { return set.includes(e.st.mode & S_IFMT); } };
      }
      case '-maxdepth': { const v = need(tok); if (!/^\d+$/.test(v)) throw new find_error(`Expected a positive decimal integer argument to -maxdepth, but got '${v}'`); maxdepth = Number(v); return { t: 'true' }; }
      case '-mindepth': { const v = need(tok); if (!/^\d+$/.test(v)) throw new find_error(`Expected a positive decimal integer argument to -mindepth, but got '${v}'`); mindepth = Number(v); return { t: 'true' }; }
      case '-depth': depth_first = true; return { t: 'true' };
      case '-empty': return { t: 'test', fn: function* (e) {
        if (S_ISDIR(e.st.mode)) { const d = yield* c.readdir(e.path); return typeof d !== 'number' && d.filter((x) => x.name !== '.' && x.name !== '..').length === 0; }
        return (e.st.mode & S_IFMT) === S_IFREG && e.st.size === 0;
      } };
      case '-size': {
        const v = need(tok);
        const m = /^([-+]?)(\d+)([bcwkMG]?)$/.exec(v);
        if (!m) throw new find_error(`invalid argument \`${v}' to \`-size'`);
        const unit = ({ '': 512, b: 512, c: 1, w: 2, k: 1024, M: 1 << 20, G: 1 << 30 } as Record<string, number>)[m[3]];
        const n = Number(m[2]);
        return { t: 'test', fn: function* (e) { const sz = Math.ceil(e.st.size / unit); return m[1] === '+' ? sz > n : m[1] === '-' ? sz < n : sz === n; } };
      }
      case '-perm': {
        const v = need(tok);
        const m = /^([-/]?)([0-7]+)$/.exec(v);
        if (!m) throw new find_error(`invalid mode \`${v}'`);
        const want = parseInt(m[2], 8);
        return { t: 'test', fn: function* (e) { const mode = e.st.mode & 0o7777; return m[1] === '-' ? (mode & want) === want : m[1] === '/' ? want === 0 || (mode & want) !== 0 : mode === want; } };
      }
      case '-newer': {
        const ref = need(tok);
        let t = -1;
        return { t: 'test', fn: function* (e) { if (t < 0) { const s = yield* c.stat(ref); t = typeof s === 'number' ? Infinity : s.mtime_ns; } return e.st.mtime_ns > t; } };
      }
      case '-user': case '-uid': { const v = need(tok); return { t: 'test', fn: function* (e) { return String(e.st.uid) === v || (v === 'root' && e.st.uid === 0); } }; }
      case '-links': { const v = Number(need(tok)); return { t: 'test', fn: function* (e) { return e.st.nlink === v; } }; }
      case '-inum': { const v = Number(need(tok)); return { t: 'test', fn: function* (e) { return e.st.ino === v; } }; }
      case '-true': return { t: 'true' };
      case '-false': return { t: 'not', a: { t: 'true' } };
      case '-prune': return { t: 'test', fn: function* (e) { e.prune = true; return true; } };
      case '-print': has_action = true; return { t: 'test', fn: function* (e) { yield* out.write(e.path + '\n'); return true; } };
      case '-print0': has_action = true; return { t: 'test', fn: function* (e) { yield* out.write(e.path + '\0'); return true; } };
      case '-ls': has_action = true; return { t: 'test', fn: function* (e) { yield* out.write(`${String(e.st.ino).padStart(9)} ${String(Math.ceil(e.st.blocks / 2)).padStart(6)} ${e.path}\n`); return true; } };
      case '-delete': has_action = true; depth_first = true; return { t: 'test', fn: function* (e) {
        const r = S_ISDIR(e.st.mode) ? yield* c.rmdir(e.path) : yield* c.unlink(e.path);
        if (r < 0) { yield* out.flush(); yield* warn(c, 'find', `cannot delete '${e.path}'`, r); status = 1; return false; }
        return true;
      } };
      case '-exec': case '-ok': {
        has_action = true;
        const cmd: string[] = [];
        while (k < toks.length && toks[k] !== ';' && toks[k] !== '+') cmd.push(toks[k++]);
        if (k >= toks.length || !cmd.length) throw new find_error(`missing argument to \`${tok}'`);
        const plus = toks[k++] === '+';
        if (plus) {
          const batch: string[] = [];
          pending.push(function* () { if (batch.length) { const r = yield* spawn_wait(c, cmd.flatMap((a) => (a === '{}' ? batch : [a])), 'find'); if (r) status = 1; } });
          return { t: 'test', fn: function* (e) { batch.push(e.path); return true; } };
        }
        return { t: 'test', fn: function* (e) {
          yield* out.flush();
          const r = yield* spawn_wait(c, cmd.map((a) => a.replace(/\{\}/g, e.path)), 'find');
          return r === 0;
        } };
      }
      default:
        if (tok === undefined) throw new find_error('expected an expression');
        if (tok.startsWith('-')) throw new find_error(`unknown predicate \`${tok}'`);
        throw new find_error(`paths must precede expression: \`${tok}'`);
    }
  }
  function and(): node {
    let n = primary();
    while (k < toks.length && toks[k] !== '-o' && toks[k] !== '-or' && toks[k] !== ')' && toks[k] !== ',') {
      if (toks[k] === '-a' || toks[k] === '-and') k++;
      n = { t: 'and', a: n, b: primary() };
    }
    return n;
  }
  function or(): node {
    let n = and();
    while (k < toks.length && (toks[k] === '-o' || toks[k] === '-or')) { k++; n = { t: 'or', a: n, b: and() }; }
    return n;
  }
  const pending: (() => KGen<void>)[] = [];
  let expr: node = { t: 'true' };
  try {
    if (toks.length) expr = or();
    if (k < toks.length) throw new find_error(toks[k] === ')' ? "invalid expression; you have too many ')'" : `unexpected extra predicate '${toks[k]}'`);
  } catch (e) {
    if (e instanceof find_error) { yield* c.write(2, `find: ${e.msg}\n`); return 1; }
    throw e;
  }
  function* evaluate(n: node, e: ent): KGen<boolean> {
    switch (n.t) {
      case 'true': return true;
      case 'not': return !(yield* evaluate(n.a, e));
      case 'and': return (yield* evaluate(n.a, e)) && (yield* evaluate(n.b, e));
      case 'or': return (yield* evaluate(n.a, e)) || (yield* evaluate(n.b, e));
      case 'test': return yield* n.fn(e);
    }
  }
  function* visit(path: string, depth: number): KGen<void> {
    const st = yield* c.stat(path, follow.L);
    if (typeof st === 'number') { yield* out.flush(); yield* warn(c, 'find', `'${path}'`, st); status = 1; return; }
    const e: ent = { path, st, depth, prune: false };
    const act = function* (): KGen<void> {
      if (depth < mindepth) return;
      const r = yield* evaluate(expr, e);
      if (r && !has_action) yield* out.write(path + '\n');
    };
    if (!depth_first) yield* act();
    if (S_ISDIR(st.mode) && depth < maxdepth && !e.prune) {
      const ents = yield* c.readdir(path);
      if (typeof ents === 'number') { yield* out.flush(); yield* warn(c, 'find', `'${path}'`, ents); status = 1; }
      else for (const d of ents) {
        if (d.name === '.' || d.name === '..') continue;
        yield* visit(join_path(path, d.name), depth + 1);
      }
    }
    if (depth_first) yield* act();
  }
  for (const r of roots) yield* visit(r, 0);
  for (const f of pending) yield* f();
  yield* out.flush();
  return status;
}
