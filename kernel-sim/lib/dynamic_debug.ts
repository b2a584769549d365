// Models linux/lib/dynamic_debug.c: the built-in pr_debug() call sites (the __dyndbg section of struct _ddebug), /proc/dynamic_debug/control listing them and taking queries ("file swap.c +p", "func F -p", "module M =pmflt"), and the print a site makes once enabled.
//
// A call site is declared where its pr_debug() is, with the place it has in Linux 6.1's source (DEFINE_DYNAMIC_DEBUG_
// METADATA: KBUILD_MODNAME, function, file, line, the format before pr_fmt). Its flags are per boot. Loaded C modules'
// call sites are not listed: the toolchain emits no __dyndbg records for them.
import { defineState } from '../kernel/state.ts';
import { printk, printkState, KERN_DEBUG } from '../kernel/printk/printk.ts';
import { current } from '../kernel/sched/core.ts';
import { proc_create, proc_mkdir } from '../fs/proc/generic.ts';
import { seq_lseek, seq_open, seq_puts, seq_read, seq_release } from '../fs/seq_file.ts';
import { copy_from_user } from '../mm/uaccess.ts';
import { EFAULT, EINVAL } from '../include/uapi/asm-generic/errno.ts';

export interface _ddebug { readonly modname: string; readonly function: string; readonly filename: string; readonly format: string; readonly lineno: number }

/** The __dyndbg section: every built-in call site, in link order. */
// kernel-static: the call sites are the image's, the same for every boot; their flags are per boot (ddebugState).
const __dyndbg: _ddebug[] = [];

/** DEFINE_DYNAMIC_DEBUG_METADATA: a call site's descriptor, placed in the __dyndbg section. */
export function DEFINE_DYNAMIC_DEBUG_METADATA(modname: string, fn: string, filename: string, lineno: number, format: string): _ddebug {
  const d: _ddebug = { modname, function: fn, filename, format, lineno };
  __dyndbg.push(d);
  return d;
}

export const _DPRINTK_FLAGS_PRINT = 1 << 0, _DPRINTK_FLAGS_INCL_MODNAME = 1 << 1, _DPRINTK_FLAGS_INCL_FUNCNAME = 1 << 2;
export const _DPRINTK_FLAGS_INCL_LINENO = 1 << 3, _DPRINTK_FLAGS_INCL_TID = 1 << 4;
/** opt_array: the flag letters in the order ddebug_describe_flags prints them. */
const opt_array: [number, string][] = [
  [_DPRINTK_FLAGS_PRINT, 'p'], [_DPRINTK_FLAGS_INCL_MODNAME, 'm'], [_DPRINTK_FLAGS_INCL_FUNCNAME, 'f'],
  [_DPRINTK_FLAGS_INCL_LINENO, 'l'], [_DPRINTK_FLAGS_INCL_TID, 't'],
];

const ddebugState = defineState('dynamic_debug', () => ({ flags: new Map<_ddebug, number>() }));
const flags_of = (d: _ddebug): number => ddebugState().flags.get(d) ?? 0;

function ddebug_describe_flags(f: number): string {
  return opt_array.filter(([b]) => f & b).map(([, c]) => c).join('') || '_';
}

/** dynamic_emit_prefix: "[tid] module:function:line: " for the flags set. */
function dynamic_emit_prefix(d: _ddebug, f: number): string {
  let s = '';
  if (f & _DPRINTK_FLAGS_INCL_TID) s += `[${current().pid}] `;
  if (f & _DPRINTK_FLAGS_INCL_MODNAME) s += `${d.modname}:`;
  if (f & _DPRINTK_FLAGS_INCL_FUNCNAME) s += `${d.function}:`;
  if (f & _DPRINTK_FLAGS_INCL_LINENO) s += `${d.lineno}:`;
  return s ? `${s} ` : '';
}

/** __dynamic_pr_debug: prints the (already formatted, pr_fmt applied) message if the site is enabled, or all are (dyndbg). */
export function __dynamic_pr_debug(d: _ddebug, msg: string): number {
  const f = flags_of(d);
  if (!(f & _DPRINTK_FLAGS_PRINT) && !printkState().dynamic_debug) return 0;
  return printk(KERN_DEBUG + dynamic_emit_prefix(d, f) + msg);
}

/** seq_escape_str(ESCAPE_SPACE, "\t\r\n\""): the format as the control file shows it. */
function escape(s: string): string {
  return s.replace(/[\t\r\n"\v\f]/g, (c) => ({ '\t': '\\t', '\r': '\\r', '\n': '\\n', '"': '\\"', '\v': '\\v', '\f': '\\f' })[c]!);
}

/** ddebug_proc_show: a header, then "file:line [module]function =flags \"format\"" per site. */
function control_text(): string {
  let s = '# filename:lineno [module]function flags format\n';
  for (const d of __dyndbg) s += `${d.filename}:${d.lineno} [${d.modname}]${d.function} =${ddebug_describe_flags(flags_of(d))} "${escape(d.format)}"\n`;
  return s;
}

const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** ddebug_exec_query: keyword/value pairs (func, file, module, format, line) then a flags spec; the number of sites changed, or -EINVAL. */
export function ddebug_exec_query(query: string): number {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length % 2 === 0) return -EINVAL;
  const spec = /^([+\-=])([pmflt_]*)$/.exec(words[words.length - 1]!);
  if (!spec) return -EINVAL;
  const match: ((d: _ddebug) => boolean)[] = [];
  for (let i = 0; i + 1 < words.length; i += 2) {
    const [k, v] = [words[i]!, words[i + 1]!];
    if (k === 'func') match.push((d) => d.function === v);
    else if (k === 'file') match.push((d) => d.filename === v || basename(d.filename) === v);
    else if (k === 'module') match.push((d) => d.modname === v);
    else if (k === 'format') match.push((d) => d.format.includes(v));
    else if (k === 'line') {
      const r = /^(\d*)(?:-(\d*))?$/.exec(v);
      if (!r) return -EINVAL;
      const lo = Number(r[1] || 0), hi = r[2] === undefined ? lo : Number(r[2] || Number.MAX_SAFE_INTEGER);
      match.push((d) => d.lineno >= lo && d.lineno <= hi);
    } else return -EINVAL;
  }
  let bits = 0;
  for (const c of spec[2]!) bits |= opt_array.find(([, l]) => l === c)?.[0] ?? 0;
  const st = ddebugState();
  let n = 0;
  for (const d of __dyndbg) {
    if (!match.every((m) => m(d))) continue;
    const old = flags_of(d);
    st.flags.set(d, spec[1] === '+' ? old | bits : spec[1] === '-' ? old & ~bits : bits);
    n++;
  }
  return n;
}

/** dynamic_debug_init_control (fs_initcall): /proc/dynamic_debug/control, 0644. */
export function dynamic_debug_init_control(): number {
  const dir = proc_mkdir('dynamic_debug', null);
  if (!dir) return 0;
  proc_create('control', 0o644, dir, {
    proc_open: function* (_inode, file) {
      const r = seq_open(file, { start: (_m, pos) => (pos.pos === 0 ? true : null), next: (_m, _v, pos) => { pos.pos++; return null; }, show: (m) => { seq_puts(m, control_text()); } });
      return r;
    },
    proc_read: seq_read,
    proc_lseek: seq_lseek,
    // ddebug_exec_queries: one query per line or ';'; the write fails if none matched a valid query.
    proc_write: function* (_file, buf, count) {
      const b = copy_from_user(buf, Math.min(count, 1024));
      if (!b) return -EFAULT;
      let err = 0, ok = 0;
      for (const q of new TextDecoder().decode(b).split(/[;\n]/).map((s) => s.replace(/#.*$/, '').trim()).filter(Boolean)) {
        const r = ddebug_exec_query(q);
        if (r < 0) err = r; else ok++;
      }
      return ok || !err ? count : err;
    },
    proc_release: seq_release,
  });
  return 0;
}
