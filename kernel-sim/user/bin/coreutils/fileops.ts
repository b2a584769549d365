// Models GNU coreutils' file-changing tools: mkdir, rmdir, rm, mv, cp, ln, touch, chmod, as their error messages read.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc, kstat } from '../../lib/libc.ts';
import { getopt, has, optval } from '../../lib/getopt.ts';
import { usage_error, warn, quote, basename, dirname, join_path } from '../../lib/stdio.ts';
import { mode_change, filemode } from '../../lib/mode.ts';
import { utimensat_now } from '../../lib/unistd.ts';
import { S_ISDIR, S_ISLNK, S_ISCHR, S_ISBLK, S_ISFIFO, O_WRONLY, O_CREAT, O_TRUNC, O_RDONLY } from '../../../include/uapi/stat.ts';
import { EEXIST, ENOENT, ENOTDIR, EXDEV, ENOSYS, ENOTEMPTY } from '../../../include/uapi/asm-generic/errno.ts';

function* lstat(c: Libc, p: string): KGen<kstat | null> { const s = yield* c.stat(p, false); return typeof s === 'number' ? null : s; }
function* stat(c: Libc, p: string): KGen<kstat | null> { const s = yield* c.stat(p, true); return typeof s === 'number' ? null : s; }

export function* mkdir_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'pvm:', long: { parents: 'p', verbose: 'v', 'mode=': 'm' } });
  if (p.error) return yield* usage_error(c, 'mkdir', p.error);
  if (!p.args.length) return yield* usage_error(c, 'mkdir', 'missing operand');
  const parents = has(p, 'p'), verbose = has(p, 'v');
  const mstr = optval(p, 'm');
  let mode = 0o777;
  if (mstr !== undefined) { const m = mode_change(mstr, 0o777, true, 0); if (m === null) { yield* warn(c, 'mkdir', `invalid mode ${quote(mstr)}`); return 1; } mode = m; }
  let status = 0;
  for (const dir of p.args) {
    if (parents) {
      const parts = dir.split('/');
      let cur = dir.startsWith('/') ? '' : '.';
      let failed = false;
      for (let i = 0; i < parts.length; i++) {
        if (!parts[i]) continue;
        cur = cur === '.' && !dir.startsWith('.') ? parts[i] : `${cur}/${parts[i]}`;
        if (cur.startsWith('./') && !dir.startsWith('.')) cur = cur.slice(2);
        const last = parts.slice(i + 1).every((x) => !x);
        const r = yield* c.mkdir(cur, last ? mode : 0o777);
        if (r === -EEXIST) {
          const st = yield* stat(c, cur);
          if (st && S_ISDIR(st.mode)) continue;
          yield* warn(c, 'mkdir', `cannot create directory ${quote(dir)}`, r === -EEXIST ? -ENOTDIR : r); failed = true; break;
        }
        if (r < 0) { yield* warn(c, 'mkdir', `cannot create directory ${quote(cur)}`, r); failed = true; break; }
        if (verbose) yield* c.write(1, `mkdir: created directory ${quote(cur)}\n`);
      }
      if (failed) status = 1;
      continue;
    }
    const r = yield* c.mkdir(dir, mode);
    if (r < 0) { yield* warn(c, 'mkdir', `cannot create directory ${quote(dir)}`, r); status = 1; continue; }
    if (mstr !== undefined) yield* c.chmod(dir, mode);
    if (verbose) yield* c.write(1, `mkdir: created directory ${quote(dir)}\n`);
  }
  return status;
}

export function* rmdir_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'pv', long: { parents: 'p', verbose: 'v', 'ignore-fail-on-non-empty': 'I' } });
  if (p.error) return yield* usage_error(c, 'rmdir', p.error);
  if (!p.args.length) return yield* usage_error(c, 'rmdir', 'missing operand');
  let status = 0;
  for (const dir of p.args) {
    let d = dir;
    for (;;) {
      const r = yield* c.rmdir(d);
      if (r < 0) {
        if (!(r === -ENOTEMPTY && has(p, 'I'))) { yield* warn(c, 'rmdir', `failed to remove ${quote(d)}`, r); status = 1; }
        break;
      }
      if (has(p, 'v')) yield* c.write(1, `rmdir: removing directory, ${quote(d)}\n`);
      if (!has(p, 'p')) break;
      const up = dirname(d);
      if (up === d || up === '.' || up === '/') break;
      d = up;
    }
  }
  return status;
}

function* remove(c: Libc, path: string, o: { recursive: boolean; force: boolean; verbose: boolean; dir: boolean }): KGen<number> {
  const st = yield* lstat(c, path);
  if (!st) {
    if (o.force) return 0;
    yield* warn(c, 'rm', `cannot remove ${quote(path)}`, -ENOENT);
    return 1;
  }
  if (S_ISDIR(st.mode)) {
    if (!o.recursive) {
      if (o.dir) {
        const r = yield* c.rmdir(path);
        if (r < 0) { yield* warn(c, 'rm', `cannot remove ${quote(path)}`, r); return 1; }
        if (o.verbose) yield* c.write(1, `removed directory ${quote(path)}\n`);
        return 0;
      }
      yield* warn(c, 'rm', `cannot remove ${quote(path)}: Is a directory`); return 1;
    }
    const ents = yield* c.readdir(path);
    if (typeof ents === 'number') { yield* warn(c, 'rm', `cannot remove ${quote(path)}`, ents); return 1; }
    let status = 0;
    for (const e of ents) {
      if (e.name === '.' || e.name === '..') continue;
      status |= yield* remove(c, join_path(path, e.name), o);
    }
    const r = yield* c.rmdir(path);
    if (r < 0) { yield* warn(c, 'rm', `cannot remove ${quote(path)}`, r); return 1; }
    if (o.verbose) yield* c.write(1, `removed directory ${quote(path)}\n`);
    return status;
  }
  const r = yield* c.unlink(path);
  if (r < 0) { yield* warn(c, 'rm', `cannot remove ${quote(path)}`, r); return 1; }
  if (o.verbose) yield* c.write(1, `removed ${quote(path)}\n`);
  return 0;
}

export function* rm_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'rRfvdi', long: { recursive: 'r', force: 'f', verbose: 'v', dir: 'd', 'no-preserve-root': 'N' } });
  if (p.error) return yield* usage_error(c, 'rm', p.error);
  const o = { recursive: has(p, 'r') || has(p, 'R'), force: false, verbose: has(p, 'v'), dir: has(p, 'd') };
  for (const [k] of p.opts) { if (k === 'f') o.force = true; if (k === 'i') o.force = false; }
  if (!p.args.length) { if (o.force) return 0; return yield* usage_error(c, 'rm', 'missing operand'); }
  let status = 0;
  for (const a of p.args) {
    const b = basename(a);
    if (b === '.' || b === '..') { yield* warn(c, 'rm', `refusing to remove '.' or '..' directory: skipping ${quote(a)}`); status = 1; continue; }
    if (o.recursive && a.replace(/\/+/g, '/') === '/' && !has(p, 'N')) {
      yield* c.write(2, `rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`);
      status = 1; continue;
    }
    status |= yield* remove(c, a, o);
  }
  return status;
}

/** Copies one regular file's bytes. Returns 0 or -errno (with the failing side). */
function* copy_file(c: Libc, src: string, dst: string, mode: number): KGen<[number, 'src' | 'dst']> {
  const i = yield* c.open(src, O_RDONLY);
  if (i < 0) return [i, 'src'];
  const o = yield* c.open(dst, O_WRONLY | O_CREAT | O_TRUNC, mode & 0o7777);
  if (o < 0) { yield* c.close(i); return [o, 'dst']; }
  let err = 0;
  let side: 'src' | 'dst' = 'src';
  for (;;) {
    const b = yield* c.read(i, 65536);
    if (typeof b === 'number') { err = b; break; }
    if (!b.length) break;
    const w = yield* c.write(o, b);
    if (w < 0) { err = w; side = 'dst'; break; }
  }
  yield* c.close(i); yield* c.close(o);
  return [err, side];
}

function* copy_tree(c: Libc, src: string, dst: string, o: { recursive: boolean; verbose: boolean; deref: boolean; prog: string }): KGen<number> {
  const st = o.deref ? yield* stat(c, src) : yield* lstat(c, src);
  if (!st) { yield* warn(c, o.prog, `cannot stat ${quote(src)}`, -ENOENT); return 1; }
  if (o.verbose) yield* c.write(1, `${quote(src)} -> ${quote(dst)}\n`);
  if (S_ISDIR(st.mode)) {
    if (!o.recursive) { yield* warn(c, o.prog, `-r not specified; omitting directory ${quote(src)}`); return 1; }
    const r = yield* c.mkdir(dst, st.mode & 0o7777);
    if (r < 0 && r !== -EEXIST) { yield* warn(c, o.prog, `cannot create directory ${quote(dst)}`, r); return 1; }
    const ents = yield* c.readdir(src);
    if (typeof ents === 'number') { yield* warn(c, o.prog, `cannot access ${quote(src)}`, ents); return 1; }
    let status = 0;
    for (const e of ents) {
      if (e.name === '.' || e.name === '..') continue;
      status |= yield* copy_tree(c, join_path(src, e.name), join_path(dst, e.name), { ...o, deref: false });
    }
    return status;
  }
  if (S_ISLNK(st.mode)) {
    const t = yield* c.readlink(src);
    if (typeof t === 'number') { yield* warn(c, o.prog, `cannot read symbolic link ${quote(src)}`, t); return 1; }
    const r = yield* c.symlink(t, dst);
    if (r < 0) { yield* warn(c, o.prog, `cannot create symbolic link ${quote(dst)}`, r); return 1; }
    return 0;
  }
  if (S_ISCHR(st.mode) || S_ISBLK(st.mode) || S_ISFIFO(st.mode)) {
    if (o.recursive) {
      const r = yield* c.mknod(dst, st.mode, st.rdev);
      if (r < 0) { yield* warn(c, o.prog, `cannot create special file ${quote(dst)}`, r); return 1; }
      return 0;
    }
  }
  const [e, side] = yield* copy_file(c, src, dst, st.mode);
  if (e < 0) {
    yield* warn(c, o.prog, side === 'src' ? `cannot open ${quote(src)} for reading` : `cannot create regular file ${quote(dst)}`, e);
    return 1;
  }
  return 0;
}

export function* cp_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'rRavfipPdLT', long: { recursive: 'r', archive: 'a', verbose: 'v', force: 'f', 'no-target-directory': 'T', dereference: 'L' } });
  if (p.error) return yield* usage_error(c, 'cp', p.error);
  const recursive = has(p, 'r') || has(p, 'R') || has(p, 'a');
  const o = { recursive, verbose: has(p, 'v'), deref: !(has(p, 'a') || has(p, 'P') || has(p, 'd')) && (!recursive || has(p, 'L')), prog: 'cp' };
  return yield* two_operand_tool(c, 'cp', p.args, has(p, 'T'), function* (src, dst) {
    const sst = yield* stat(c, src);
    const dst_st = yield* stat(c, dst);
    if (sst && dst_st && sst.ino === dst_st.ino && sst.dev === dst_st.dev) { yield* warn(c, 'cp', `${quote(src)} and ${quote(dst)} are the same file`); return 1; }
    if (sst && S_ISDIR(sst.mode) && dst_st && !S_ISDIR(dst_st.mode)) { yield* warn(c, 'cp', `cannot overwrite non-directory ${quote(dst)} with directory ${quote(src)}`); return 1; }
    return yield* copy_tree(c, src, dst, o);
  });
}

export function* mv_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'fivnT', long: { force: 'f', verbose: 'v', 'no-clobber': 'n', 'no-target-directory': 'T' } });
  if (p.error) return yield* usage_error(c, 'mv', p.error);
  return yield* two_operand_tool(c, 'mv', p.args, has(p, 'T'), function* (src, dst) {
    if (has(p, 'n') && (yield* lstat(c, dst))) return 0;
    const r = yield* c.rename(src, dst);
    if (r === -EXDEV) {
      const s = yield* copy_tree(c, src, dst, { recursive: true, verbose: false, deref: false, prog: 'mv' });
      if (s) return s;
      const st = yield* lstat(c, src);
      return st && S_ISDIR(st.mode) ? yield* remove(c, src, { recursive: true, force: true, verbose: false, dir: true }) : (yield* c.unlink(src)) < 0 ? 1 : 0;
    }
    if (r < 0) {
      const sst = yield* lstat(c, src);
      if (!sst) yield* warn(c, 'mv', `cannot stat ${quote(src)}`, r);
      else yield* warn(c, 'mv', `cannot move ${quote(src)} to ${quote(dst)}`, r);
      return 1;
    }
    if (has(p, 'v')) yield* c.write(1, `renamed ${quote(src)} -> ${quote(dst)}\n`);
    return 0;
  });
}

/** The SOURCE... DEST / SOURCE... DIRECTORY convention cp, mv and ln share. */
function* two_operand_tool(c: Libc, prog: string, args: string[], no_target_dir: boolean, op: (src: string, dst: string) => KGen<number>): KGen<number> {
  if (!args.length) return yield* usage_error(c, prog, 'missing file operand');
  if (args.length === 1) return yield* usage_error(c, prog, `missing destination file operand after ${quote(args[0])}`);
  const dest = args[args.length - 1];
  const srcs = args.slice(0, -1);
  const dst = yield* stat(c, dest);
  const into_dir = !no_target_dir && !!dst && S_ISDIR(dst.mode);
  if (srcs.length > 1 && !into_dir) {
    yield* warn(c, prog, `target ${quote(dest)} is not a directory`);
    return 1;
  }
  let status = 0;
  for (const s of srcs) status |= yield* op(s, into_dir ? join_path(dest, basename(s)) : dest);
  return status;
}

export function* ln_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'sfvnT', long: { symbolic: 's', force: 'f', verbose: 'v', 'no-dereference': 'n' } });
  if (p.error) return yield* usage_error(c, 'ln', p.error);
  const args = p.args.length === 1 ? [p.args[0], '.'] : p.args;
  if (!p.args.length) return yield* usage_error(c, 'ln', 'missing file operand');
  return yield* two_operand_tool(c, 'ln', args, has(p, 'T'), function* (src, dst) {
    if (has(p, 'f')) { const st = yield* lstat(c, dst); if (st && !S_ISDIR(st.mode)) yield* c.unlink(dst); }
    const r = has(p, 's') ? yield* c.symlink(src, dst) : yield* c.link(src, dst);
    if (r < 0) {
      if (r === -EEXIST) yield* warn(c, 'ln', `failed to create ${has(p, 's') ? 'symbolic' : 'hard'} link ${quote(dst)}: File exists`);
      else if (!has(p, 's') && r === -ENOENT) yield* warn(c, 'ln', `failed to access ${quote(src)}`, r);
      else yield* warn(c, 'ln', `failed to create ${has(p, 's') ? 'symbolic' : 'hard'} link ${quote(dst)}${has(p, 's') ? '' : ` => ${quote(src)}`}`, r);
      return 1;
    }
    if (has(p, 'v')) yield* c.write(1, `${quote(dst)} -> ${quote(src)}\n`);
    return 0;
  });
}

export function* touch_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'acmd:t:r:', long: { 'no-create': 'c', 'date=': 'd', 'reference=': 'r' } });
  if (p.error) return yield* usage_error(c, 'touch', p.error);
  if (!p.args.length) return yield* usage_error(c, 'touch', 'missing file operand');
  let status = 0;
  for (const f of p.args) {
    const st = yield* stat(c, f);
    if (!st) {
      if (has(p, 'c')) continue;
      const fd = yield* c.open(f, O_WRONLY | O_CREAT, 0o666);
      if (fd < 0) { yield* warn(c, 'touch', `cannot touch ${quote(f)}`, fd); status = 1; continue; }
      yield* c.close(fd);
      continue;
    }
    const r = yield* utimensat_now(c, f);
    if (r < 0 && r !== -ENOSYS) { yield* warn(c, 'touch', `setting times of ${quote(f)}`, r); status = 1; }
  }
  return status;
}

export function* chmod_main(c: Libc, argv: string[]): KGen<number> {
  // Modes like -w or -x look like options: take the first non-option-looking argument as the mode (as chmod does).
  const flags: string[] = [];
  const rest: string[] = [];
  let mode: string | undefined;
  for (const a of argv.slice(1)) {
    if (mode === undefined && /^-[rwxXst]+$/.test(a)) { mode = a; continue; }
    if (a.startsWith('-') && a !== '-' && mode === undefined && !/^-[rwxXstugoa]/.test(a)) { flags.push(a); continue; }
    if (a.startsWith('-') && a.length > 1 && /^-[Rvcf]+$|^--/.test(a)) { flags.push(a); continue; }
    if (mode === undefined) mode = a; else rest.push(a);
  }
  const p = getopt(['chmod', ...flags], { short: 'Rvcf', long: { recursive: 'R', verbose: 'v', changes: 'c', silent: 'f', quiet: 'f' } });
  if (p.error) return yield* usage_error(c, 'chmod', p.error);
  if (mode === undefined) return yield* usage_error(c, 'chmod', 'missing operand');
  if (!rest.length) return yield* usage_error(c, 'chmod', `missing operand after ${quote(mode)}`);
  const umask = yield* c.syscall('umask', 0o022);
  yield* c.syscall('umask', umask);
  let status = 0;
  const apply = function* (f: string, top: boolean): KGen<void> {
    const st = yield* (top ? stat(c, f) : lstat(c, f));
    if (!st) { if (!has(p, 'f')) yield* warn(c, 'chmod', `cannot access ${quote(f)}`, -ENOENT); status = 1; return; }
    if (S_ISLNK(st.mode)) return;
    const m = mode_change(mode!, st.mode, S_ISDIR(st.mode), umask);
    if (m === null) { yield* warn(c, 'chmod', `invalid mode: ${quote(mode!)}`); status = 1; return; }
    const r = yield* c.chmod(f, m);
    if (r < 0) { if (!has(p, 'f')) yield* warn(c, 'chmod', `changing permissions of ${quote(f)}`, r); status = 1; return; }
    if (has(p, 'v') || (has(p, 'c') && m !== (st.mode & 0o7777))) {
      const o = (st.mode & 0o7777).toString(8).padStart(4, '0'), n = m.toString(8).padStart(4, '0');
      const so = filemode((st.mode & ~0o7777) | (st.mode & 0o7777)).slice(1), sn = filemode((st.mode & ~0o7777) | m).slice(1);
      yield* c.write(1, m === (st.mode & 0o7777) ? `mode of ${quote(f)} retained as ${o} (${so})\n` : `mode of ${quote(f)} changed from ${o} (${so}) to ${n} (${sn})\n`);
    }
    if (has(p, 'R') && S_ISDIR(st.mode)) {
      const ents = yield* c.readdir(f);
      if (typeof ents !== 'number') for (const e of ents) if (e.name !== '.' && e.name !== '..') yield* apply(join_path(f, e.name), false);
    }
  };
  if (mode_change(mode, 0o644, false) === null) return yield* usage_error(c, 'chmod', `invalid mode: ${quote(mode)}`);
  for (const f of rest) yield* apply(f, true);
  return status;
}

