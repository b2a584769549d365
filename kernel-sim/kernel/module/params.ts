// Models linux/kernel/params.c: parse_args over a module's struct kernel_param array, the standard param_ops_*, and /sys/module/NAME/parameters.
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL, ENOSPC, ENOMEM, EPERM } from '../../include/uapi/asm-generic/errno.ts';
import { offsetOf, sizeOf } from '../../toolchain/layouts/access.ts';
import {
  ksymbol, kread_u32, kread_i32, kread_u16, kread_u8, kread_i64, kread_u64, kread_cstr, kwrite_u32, kwrite_u8, kwrite_u16,
  kwrite_u64, kwrite_cstr, kbytes, ksymbol_lookup,
} from '../../mm/kmem.ts';
import { kmalloc, kfree, disown } from '../../mm/slab.ts';
import { pr_warn, pr_err } from '../printk/printk.ts';
import { EXPORT_KAPI, EXPORT_KDATA, kapi_lookup, type kapi_fn } from '../kapi/registry.ts';
import { call_c, table_get, kfunc_of_slot } from './runtime.ts';
import type { module, module_param } from './types.ts';

/** A kernel-sim implementation of a kernel_param_ops. `set` gets the value text; `get` returns what sysfs shows (with "\n"). */
interface param_ops { set(val: string, arg: number, kp: number): number; get(arg: number, kp: number): string }

const int_ops = (bits: 8 | 16 | 32 | 64, signed: boolean, hex = false): param_ops => ({
  set(val, arg) {
    const s = val.trim();
    if (!/^[-+]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(s)) return -EINVAL;
    let v: bigint;
    try { v = BigInt(s.replace(/^\+/, '').replace(/^(-?)0([0-7]+)$/, '$10o$2')); } catch { return -EINVAL; }
    const min = signed ? -(1n << BigInt(bits - 1)) : (s.startsWith('-') ? -(1n << BigInt(bits)) : 0n);
    const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
    if (v < min || v > max) return -EINVAL;
    if (bits === 8) kwrite_u8(arg, Number(BigInt.asUintN(8, v)));
    else if (bits === 16) kwrite_u16(arg, Number(BigInt.asUintN(16, v)));
    else if (bits === 32) kwrite_u32(arg, Number(BigInt.asUintN(32, v)));
    else kwrite_u64(arg, v);
    return 0;
  },
  get(arg) {
    let v: bigint;
    if (bits === 8) v = BigInt(signed ? (kread_u8(arg) << 24) >> 24 : kread_u8(arg));
    else if (bits === 16) v = BigInt(signed ? (kread_u16(arg) << 16) >> 16 : kread_u16(arg));
    else if (bits === 32) v = BigInt(signed ? kread_i32(arg) : kread_u32(arg));
    else v = signed ? kread_i64(arg) : kread_u64(arg);
    return hex ? `0x${v.toString(16)}\n` : `${v}\n`;
  },
});

function parse_bool(val: string): boolean | null {
  const c = val.trim()[0];
  if (c === undefined) return true;
  if ('yY1'.includes(c)) return true;
  if ('nN0'.includes(c)) return false;
  const l = val.trim().toLowerCase();
  if (l === 'on') return true;
  if (l === 'off') return false;
  return null;
}

const bool_ops: param_ops = {
  set(val, arg) { const b = parse_bool(val); if (b === null) return -EINVAL; kwrite_u8(arg, b ? 1 : 0); return 0; },
  get(arg) { return kread_u8(arg) ? 'Y\n' : 'N\n'; },
};

const charp_ops: param_ops = {
  set(val, arg) {
    if (val.length > 1024) return -ENOSPC;
    const p = kmalloc(new TextEncoder().encode(val).length + 1, 0);
    if (!p) return -ENOMEM;
    disown(p);
    kwrite_cstr(p, val);
    kwrite_u32(arg, p);
    return 0;
  },
  get(arg) { return `${kread_cstr(kread_u32(arg))}\n`; },
};

const string_ops: param_ops = {
  set(val, _arg, kp) {
    const str = kread_u32(kp + offsetOf('kernel_param', 'arg'));
    const maxlen = kread_u32(str + offsetOf('kparam_string', 'maxlen'));
    if (new TextEncoder().encode(val).length + 1 > maxlen) {
      pr_err(`${kread_cstr(kread_u32(kp))}: string doesn't fit in ${maxlen - 1} chars.`);
      return -ENOSPC;
    }
    kwrite_cstr(kread_u32(str + offsetOf('kparam_string', 'string')), val);
    return 0;
  },
  get(_arg, kp) { const str = kread_u32(kp + offsetOf('kernel_param', 'arg')); return `${kread_cstr(kread_u32(str + offsetOf('kparam_string', 'string')))}\n`; },
};

const KOPS: Record<string, param_ops> = {
  param_ops_byte: int_ops(8, false), param_ops_short: int_ops(16, true), param_ops_ushort: int_ops(16, false),
  param_ops_int: int_ops(32, true), param_ops_uint: int_ops(32, false), param_ops_long: int_ops(32, true),
  param_ops_ulong: int_ops(32, false), param_ops_ullong: int_ops(64, false), param_ops_hexint: int_ops(32, false, true),
  param_ops_bool: bool_ops, param_ops_bint: { set: (v, a) => { const b = parse_bool(v); if (b === null) return -EINVAL; kwrite_u32(a, b ? 1 : 0); return 0; }, get: (a) => `${kread_i32(a)}\n` },
  param_ops_invbool: { set: (v, a) => { const b = parse_bool(v); if (b === null) return -EINVAL; kwrite_u8(a, b ? 0 : 1); return 0; }, get: (a) => (kread_u8(a) ? 'N\n' : 'Y\n') },
  param_ops_bool_enable_only: bool_ops, param_ops_charp: charp_ops, param_ops_string: string_ops,
};

/** param_set_<type>/param_get_<type>: the ops' halves as functions, for modules' own kernel_param_ops (module_param_cb). */
function param_functions(): Record<string, kapi_fn> {
  const fns: Record<string, kapi_fn> = {};
  for (const [name, ops] of Object.entries(KOPS)) {
    const type = name === 'param_ops_string' ? 'string' : name.slice('param_ops_'.length);
    const set = (val: number, kp: number): number => ops.set(kread_cstr(val), kread_u32(kp + offsetOf('kernel_param', 'arg')), kp);
    const get = (buf: number, kp: number): number => {
      const text = ops.get(kread_u32(kp + offsetOf('kernel_param', 'arg')), kp).slice(0, 4095);
      return kwrite_cstr(buf, text);
    };
    fns[type === 'string' ? 'param_set_copystring' : `param_set_${type}`] = set as kapi_fn;
    fns[`param_get_${type}`] = get as kapi_fn;
  }
  fns.param_free_charp = ((arg: number) => { const p = kread_u32(arg); if (p) kfree(p); kwrite_u32(arg, 0); }) as kapi_fn;
  return fns;
}

export const ksymtab = [
  ...[...Object.keys(KOPS), 'param_array_ops'].map((name) => EXPORT_KDATA(name, () => ksymbol(name, sizeOf('kernel_param_ops')))),
  ...EXPORT_KAPI(param_functions()),
];

/** A kernel_param_ops callback: the module's function, or a kernel one it named (`.get = param_get_int`). */
function ops_fn(slot: number): ((...a: unknown[]) => unknown) | null {
  const name = kfunc_of_slot(slot);
  const k = name === undefined ? undefined : kapi_lookup(name);
  return k && !k.sleeps ? (k.fn as (...a: unknown[]) => unknown) : table_get(slot);
}

function kernel_ops_name(ops: number): string | undefined {
  for (const n of [...Object.keys(KOPS), 'param_array_ops']) if (ksymbol_lookup(n) === ops) return n;
  return undefined;
}

/** The per-element kernel_param an array parameter hands its element ops (a scratch one in the kernel memory). */
function array_kp(kp: number): number {
  const scratch = ksymbol('__param_array_scratch', sizeOf('kernel_param'));
  kbytes().copyWithin(scratch, kp, kp + sizeOf('kernel_param'));
  return scratch;
}

/** ops->set for a parameter: kernel-sim's param_ops_*, an array, or the module's own callback (module_param_cb). */
export function* param_set(m: module, kp: number, val: string): KGen<number> {
  const ops = kread_u32(kp + offsetOf('kernel_param', 'ops'));
  const arg = kread_u32(kp + offsetOf('kernel_param', 'arg'));
  const kname = kernel_ops_name(ops);
  if (kname === 'param_array_ops') {
    const max = kread_u32(arg + offsetOf('kparam_array', 'max'));
    const elemsize = kread_u32(arg + offsetOf('kparam_array', 'elemsize'));
    const nump = kread_u32(arg + offsetOf('kparam_array', 'num'));
    const eops = kread_u32(arg + offsetOf('kparam_array', 'ops'));
    const elem = kread_u32(arg + offsetOf('kparam_array', 'elem'));
    const parts = val.split(',');
    if (parts.length > max) { pr_err(`${param_name(kp)}: can only take ${max} arguments`); return -EINVAL; }
    const scratch = array_kp(kp);
    kwrite_u32(scratch + offsetOf('kernel_param', 'ops'), eops);
    for (const [i, p] of parts.entries()) {
      kwrite_u32(scratch + offsetOf('kernel_param', 'arg'), elem + i * elemsize);
      const r = yield* param_set(m, scratch, p);
      if (r) return r;
    }
    if (nump) kwrite_u32(nump, parts.length);
    return 0;
  }
  if (kname) return KOPS[kname]!.set(val, arg, kp);
  const set = ops_fn(kread_u32(ops + offsetOf('kernel_param_ops', 'set')));
  if (!set) return -EPERM;
  const tmp = kmalloc(new TextEncoder().encode(val).length + 1, 0);
  kwrite_cstr(tmp, val);
  try { return (yield* call_c(m, set, [tmp, kp], 'param set')) as number; } finally { kfree(tmp); }
}

/** ops->get: the text sysfs shows. */
export function* param_get(m: module, kp: number): KGen<string | number> {
  const ops = kread_u32(kp + offsetOf('kernel_param', 'ops'));
  const arg = kread_u32(kp + offsetOf('kernel_param', 'arg'));
  const kname = kernel_ops_name(ops);
  if (kname === 'param_array_ops') {
    const elemsize = kread_u32(arg + offsetOf('kparam_array', 'elemsize'));
    const nump = kread_u32(arg + offsetOf('kparam_array', 'num'));
    const n = nump ? kread_u32(nump) : kread_u32(arg + offsetOf('kparam_array', 'max'));
    const eops = kread_u32(arg + offsetOf('kparam_array', 'ops'));
    const elem = kread_u32(arg + offsetOf('kparam_array', 'elem'));
    const scratch = array_kp(kp);
    kwrite_u32(scratch + offsetOf('kernel_param', 'ops'), eops);
    const vals: string[] = [];
    for (let i = 0; i < n; i++) {
      kwrite_u32(scratch + offsetOf('kernel_param', 'arg'), elem + i * elemsize);
      const v = yield* param_get(m, scratch);
      if (typeof v === 'number') return v;
      vals.push(v.replace(/\n$/, ''));
    }
    return `${vals.join(',')}\n`;
  }
  if (kname) return KOPS[kname]!.get(arg, kp);
  const get = ops_fn(kread_u32(ops + offsetOf('kernel_param_ops', 'get')));
  if (!get) return -EPERM;
  const buf = kmalloc(4096, 0x100);
  try {
    const n = (yield* call_c(m, get, [buf, kp], 'param get')) as number;
    if (n < 0) return n;
    return new TextDecoder().decode(kbytes().slice(buf, buf + Math.min(n, 4096)));
  } finally { kfree(buf); }
}

function param_name(kp: number): string { return kread_cstr(kread_u32(kp + offsetOf('kernel_param', 'name'))); }

/** The module's parameters from its exported __param_NAME symbols. */
export function module_params(m: module): module_param[] {
  return m.ko.params.map((p) => {
    const kp = m.memory_base + p.offset;
    return {
      name: param_name(kp), kp, perm: kread_u16(kp + offsetOf('kernel_param', 'perm')),
      ops: kread_u32(kp + offsetOf('kernel_param', 'ops')), arg: kread_u32(kp + offsetOf('kernel_param', 'arg')),
    };
  });
}

/** Splits "a=1 b="x y" c" as next_arg() does. */
export function split_args(args: string): [string, string | null][] {
  const out: [string, string | null][] = [];
  const re = /\s*((?:"[^"]*"|[^\s"=])+)(?:=((?:"[^"]*"|\S)*))?/g;
  let mm: RegExpExecArray | null;
  while ((mm = re.exec(args)) !== null) {
    if (!mm[1]) break;
    const unq = (s: string): string => s.replace(/"/g, '');
    out.push([unq(mm[1]), mm[2] === undefined ? null : unq(mm[2])]);
  }
  return out;
}

/** parse_args(): applies insmod's "name=value" arguments; unknown ones are ignored with a warning, as for modules. */
export function* parse_args(m: module, args: string): KGen<number> {
  m.params = module_params(m);
  for (const [rawName, val] of split_args(args)) {
    const name = rawName.replace(/-/g, '_');
    const p = m.params.find((x) => x.name === name);
    if (!p) { pr_warn(`${m.name}: unknown parameter '${rawName}' ignored`); continue; }
    const ops = kernel_ops_name(p.ops);
    const v = val ?? (ops === 'param_ops_bool' || ops === 'param_ops_invbool' || ops === 'param_ops_bint' ? '' : null);
    if (v === null) { pr_err(`${m.name}: \`${rawName}' invalid for parameter \`${rawName}'`); return -EINVAL; }
    const r = yield* param_set(m, p.kp, v);
    if (r) {
      if (r === -EINVAL) pr_err(`${m.name}: \`${v}' invalid for parameter \`${rawName}'`);
      return r;
    }
  }
  return 0;
}
