// Shared helpers of the module tools (kmod/busybox modutils): the modules directory, modules.dep and modules.alias parsing, loading by path.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { O_RDONLY } from '../../../include/uapi/stat.ts';

export function* modules_dir(c: Libc): KGen<string> {
  const u = yield* c.uname();
  return `/lib/modules/${typeof u === 'number' ? '6.1.0-kwb' : u.release}`;
}

/** The module name a path or name stands for ("/x/hello-world.ko" -> "hello_world"). */
export function modname(p: string): string {
  return (p.split('/').pop() ?? p).replace(/\.ko$/, '').replace(/-/g, '_');
}

/** modules.dep: "extra/a.ko: kernel/b.ko kernel/c.ko" -> name -> [path, deps]. */
export function parse_dep(text: string): Map<string, { path: string; deps: string[] }> {
  const out = new Map<string, { path: string; deps: string[] }>();
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i < 0) continue;
    const path = line.slice(0, i).trim();
    out.set(modname(path), { path, deps: line.slice(i + 1).trim().split(/\s+/).filter(Boolean) });
  }
  return out;
}

/** modules.alias: "alias PATTERN module" lines (fnmatch patterns). */
export function parse_alias(text: string): [RegExp, string][] {
  const out: [RegExp, string][] = [];
  for (const line of text.split('\n')) {
    const m = /^alias\s+(\S+)\s+(\S+)/.exec(line);
    if (!m) continue;
    const re = new RegExp('^' + m[1]!.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.').replace(/\[!/g, '[^') + '$');
    out.push([re, m[2]!]);
  }
  return out;
}

/** finit_module on a file: 0 or -errno. */
export function* load_file(c: Libc, path: string, params: string): KGen<number> {
  const fd = yield* c.open(path, O_RDONLY);
  if (fd < 0) return fd;
  const r = yield* c.scratch(function* () { return yield* c.syscall('finit_module', fd, c.cstr(params), 0); });
  yield* c.syscall('close', fd);
  return r;
}

/** Names of loaded modules, from /proc/modules. */
export function* loaded_modules(c: Libc): KGen<Set<string>> {
  const t = yield* c.read_text('/proc/modules');
  return new Set(typeof t === 'number' ? [] : t.split('\n').filter(Boolean).map((l) => l.split(' ')[0]!));
}
