// Models linux/kernel/module/main.c: load_module (layout, symbol resolution, relocation, parameters, init) and delete_module's free path.
//
// A .ko is a position-independent wasm module. It is instantiated against the kernel memory and the shared function
// table at its own __memory_base/__table_base; env imports resolve to the kernel API (kernel/kapi) or to symbols other
// modules EXPORT_SYMBOL; GOT.mem/GOT.func imports get addresses and table slots.
import type { KGen } from '../../include/linux/sched.ts';
import { EEXIST, ENOENT, ENOEXEC, ENOMEM, EBUSY, EWOULDBLOCK, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { inspectKo, type KoInfo } from '../../toolchain/ko.ts';
import { readModuleInfo, customSection } from '../../toolchain/wasm/module-info.ts';
import { ORIG_SECTION } from './instrument.ts';
import { GPL_COMPAT } from './license.ts';
import { modinfoValue, VERMAGIC } from '../../toolchain/modinfo.ts';
import { offsetOf, sizeOf } from '../../toolchain/layouts/access.ts';
import { pr_warn, pr_notice, pr_err, printk, KERN_WARNING } from '../printk/printk.ts';
import { add_taint, test_taint, TAINT_OOT_MODULE, TAINT_UNSIGNED_MODULE, TAINT_PROPRIETARY_MODULE } from '../panic.ts';
import { alloc_pages_exact, free_pages_exact, kmem, kwrite_u32, kwrite_i32, kwrite_cstr, KMEM_PAGE } from '../../mm/kmem.ts';
import { kapi_lookup, kdata_lookup } from '../kapi/registry.ts';
import { runtimeState, table_reserve, kfunc_slot, call_c, sleeping_import } from './runtime.ts';
import { moduleState, find_module, module_list } from './list.ts';
import { parse_args } from './params.ts';
import { mod_sysfs_setup, mod_sysfs_teardown, module_param_sysfs_setup } from './sysfs.ts';
import { report_leaks } from './leaks.ts';
import type { module } from './types.ts';
import { trace_event } from '../trace/trace.ts';
import { obj_m_lookup, obj_m_layout, obj_m_values, type ts_module_def } from './obj_m.ts';

export { find_module, module_list };

const MODULE_STATE_LIVE = 0, MODULE_STATE_COMING = 1, MODULE_STATE_GOING = 2;
const STATE_NUM = { LIVE: MODULE_STATE_LIVE, COMING: MODULE_STATE_COMING, GOING: MODULE_STATE_GOING, UNFORMED: 3 } as const;

/** GPL-compatible licenses (include/linux/license.h). */
export { GPL_COMPAT };

export function set_module_state(m: module, s: module['state']): void {
  m.state = s;
  if (m.this_module) kwrite_i32(m.this_module + offsetOf('module', 'state'), STATE_NUM[s]);
}

/** Symbols other modules export: name -> owner. */
function find_symbol(name: string): [module, { kind: 'function' | 'data'; value: unknown; gpl: boolean }] | undefined {
  for (const m of module_list()) {
    const s = m.syms.get(name);
    if (s && m.state !== 'UNFORMED') return [m, s];
  }
  return undefined;
}

function use_module(a: module, b: module): void {
  if (a === b || a.uses.has(b)) return;
  a.uses.add(b);
  b.holders.add(a);
  b.refcnt++;
}

/** Core size as /proc/modules shows it: the module's text, data and struct module, in pages. */
function core_size(ko: KoInfo, wasm: Uint8Array): number {
  // An instrumented module counts as the code it was built from (what the same source makes on Linux).
  const orig = customSection(wasm, ko.info.sections, ORIG_SECTION);
  const info = orig ? readModuleInfo(orig) : ko.info;
  const code = info.codeSection ? info.codeSection.end - info.codeSection.start : 0;
  return Math.ceil((code + ko.dylink.memorySize) / KMEM_PAGE) * KMEM_PAGE + 3 * KMEM_PAGE;
}

function check_modinfo(m: module): number {
  const magic = modinfoValue(m.ko.modinfo, 'vermagic');
  if (magic !== undefined && magic !== VERMAGIC) {
    pr_err(`${m.name}: version magic '${magic}' should be '${VERMAGIC}'`);
    return -ENOEXEC;
  }
  const intree = modinfoValue(m.ko.modinfo, 'intree') !== undefined;
  if (!intree) {
    if (!test_taint(TAINT_OOT_MODULE)) pr_warn(`${m.name}: loading out-of-tree module taints kernel.`);
    add_taint(TAINT_OOT_MODULE);
    m.taints += 'O';
  }
  m.license = modinfoValue(m.ko.modinfo, 'license') ?? '';
  if (!GPL_COMPAT.includes(m.license)) {
    if (!test_taint(TAINT_PROPRIETARY_MODULE)) {
      pr_warn(`${m.name}: module license '${m.license || 'unspecified'}' taints kernel.`);
      pr_warn('Disabling lock debugging due to kernel taint');
    }
    add_taint(TAINT_PROPRIETARY_MODULE);
    m.taints = 'P' + m.taints;
  }
  // In-tree modules come signed with the kernel's build key. Nothing else is signed: module_sig_check fails
  // softly, as with CONFIG_MODULE_SIG_FORCE off.
  if (intree) return 0;
  if (!test_taint(TAINT_UNSIGNED_MODULE)) pr_notice(`${m.name}: module verification failed: signature and/or required key missing - tainting kernel`);
  add_taint(TAINT_UNSIGNED_MODULE);
  m.taints += 'E';
  return 0;
}

type Imports = Record<string, Record<string, unknown>>;

/** Resolves every import; returns the import object or, as simplify_symbols goes on past the first, every unknown symbol. */
function resolve_imports(m: module, deferred: (() => void)[]): Imports | string[] {
  const missing: string[] = [];
  const rt = runtimeState();
  const i32 = (v: number): WebAssembly.Global => new WebAssembly.Global({ value: 'i32', mutable: true }, v);
  const env: Record<string, unknown> = {
    memory: kmem(), __indirect_function_table: rt.table, __stack_pointer: rt.sp,
    __memory_base: new WebAssembly.Global({ value: 'i32', mutable: false }, m.memory_base),
    __table_base: new WebAssembly.Global({ value: 'i32', mutable: false }, m.table_base),
  };
  const gotMem: Record<string, WebAssembly.Global> = {};
  const gotFunc: Record<string, WebAssembly.Global> = {};
  const ownExport = (name: string, kind: string): boolean => m.ko.info.exports.some((e) => e.name === name && e.kind === kind);
  for (const name of m.ko.functions) {
    const k = kapi_lookup(name);
    if (k) {
      if (k.gpl && !GPL_COMPAT.includes(m.license)) { missing.push(name); continue; }
      env[name] = k.sleeps ? sleeping_import(name, k.fn as never) : k.fn;
      continue;
    }
    const s = find_symbol(name);
    if (s && s[1].kind === 'function') {
      if (s[1].gpl && !GPL_COMPAT.includes(m.license)) { missing.push(name); continue; }
      env[name] = s[1].value;
      use_module(m, s[0]);
      continue;
    }
    missing.push(name);
  }
  for (const name of m.ko.dataSymbols) {
    if (name === '__this_module') { gotMem[name] = i32(m.this_module); continue; }
    const d = kdata_lookup(name);
    if (d) { gotMem[name] = i32(d()); continue; }
    const s = find_symbol(name);
    if (s && s[1].kind === 'data') { gotMem[name] = i32(s[1].value as number); use_module(m, s[0]); continue; }
    if (ownExport(name, 'global')) {
      const g = i32(0);
      gotMem[name] = g;
      deferred.push(() => { g.value = m.memory_base + ((m.instance!.exports[name] as WebAssembly.Global).value as number); });
      continue;
    }
    missing.push(name);
  }
  for (const name of m.ko.functionPointers) {
    if (ownExport(name, 'function')) {
      const slot = table_reserve(1);
      gotFunc[name] = i32(slot);
      deferred.push(() => { rt.table.set(slot, m.instance!.exports[name] as () => void); rt.slot_owner.set(slot, [m, -1]); });
      continue;
    }
    const s = find_symbol(name);
    if (s && s[1].kind === 'function') {
      const slot = table_reserve(1);
      rt.table.set(slot, s[1].value as () => void);
      gotFunc[name] = i32(slot);
      use_module(m, s[0]);
      continue;
    }
    if (kapi_lookup(name)) { gotFunc[name] = i32(kfunc_slot(name)); continue; }
    missing.push(name);
  }
  if (missing.length) return missing;
  return { env, 'GOT.mem': gotMem, 'GOT.func': gotFunc };
}

/** EXPORT_SYMBOL(_GPL) of the module: __ksymtab_NAME holds &NAME. */
function collect_exports(m: module): void {
  const ex = m.instance!.exports;
  for (const k of m.ko.ksymtab) {
    const f = ex[k.name];
    if (typeof f === 'function') { m.syms.set(k.name, { kind: 'function', value: f, gpl: k.gpl }); continue; }
    const addr = new DataView(kmem().buffer).getUint32(m.memory_base + k.offset, true);
    // clang gives wasm symbols hidden visibility: an exported function that is no wasm export is still reached
    // through __ksymtab_NAME, which holds its slot in the module's part of the function table.
    const fn = addr >= m.table_base && addr < m.table_base + m.ko.dylink.tableSize ? runtimeState().table.get(addr) : null;
    if (typeof fn === 'function') m.syms.set(k.name, { kind: 'function', value: fn, gpl: k.gpl });
    else m.syms.set(k.name, { kind: 'data', value: addr, gpl: k.gpl });
  }
}

function free_module(m: module): void {
  const st = moduleState();
  st.modules = st.modules.filter((x) => x !== m);
  for (const u of m.uses) { u.holders.delete(m); u.refcnt--; }
  mod_sysfs_teardown(m);
  if (m.memory_base) free_pages_exact(m.memory_base);
  if (m.this_module) free_pages_exact(m.this_module);
  m.instance = null;
}

/** load_module(): everything up to and including the module's init. Returns 0 or -errno. */
export function* load_module(image: Uint8Array, args: string): KGen<number> {
  let ko: KoInfo;
  try { ko = inspectKo(image); } catch { return -ENOEXEC; }
  const name = modinfoValue(ko.modinfo, 'name') ?? 'unknown';
  const existing = find_module(name);
  if (existing) return existing.state === 'LIVE' ? -EEXIST : -EBUSY;
  const m: module = {
    name, state: 'UNFORMED', ko, wasm: image, instance: null, memory_base: 0, table_base: 0, core_size: core_size(ko, image),
    this_module: 0, refcnt: 0, holders: new Set(), uses: new Set(), taints: '', params: [], args, syms: new Map(),
    resources: [], license: '', symbolizer: null, sysfs: null, init_done: false,
  };
  const err = check_modinfo(m);
  if (err) return err;
  const def = obj_m_lookup(ko, image);
  if (def) return yield* load_obj_m(m, def);
  const align = 2 ** ko.dylink.memoryAlignLog2;
  m.this_module = alloc_pages_exact(sizeOf('module'), 6);
  m.memory_base = ko.dylink.memorySize ? alloc_pages_exact(Math.max(ko.dylink.memorySize, align), 6) : 0;
  if (!m.this_module || (ko.dylink.memorySize && !m.memory_base)) { free_module(m); return -ENOMEM; }
  kwrite_cstr(m.this_module + offsetOf('module', 'name'), name.slice(0, 55));
  m.table_base = table_reserve(ko.dylink.tableSize);
  moduleState().modules.unshift(m);
  const deferred: (() => void)[] = [];
  const imports = resolve_imports(m, deferred);
  if (Array.isArray(imports)) {
    for (const sym of imports) printk(`${KERN_WARNING}${name}: Unknown symbol ${sym} (err -2)`);
    free_module(m);
    return -ENOENT;
  }
  try {
    m.instance = new WebAssembly.Instance(new WebAssembly.Module(image as unknown as ArrayBuffer), imports as WebAssembly.Imports);
  } catch (e) {
    pr_err(`${name}: cannot instantiate: ${e instanceof Error ? e.message : String(e)}`);
    free_module(m);
    return -ENOEXEC;
  }
  for (const d of deferred) d();
  const ex = m.instance.exports as Record<string, unknown>;
  for (let i = 0; i < ko.dylink.tableSize; i++) runtimeState().slot_owner.set(m.table_base + i, [m, -1]);
  set_module_state(m, 'COMING');
  (ex.__wasm_apply_data_relocs as (() => void) | undefined)?.();
  (ex.__wasm_call_ctors as (() => void) | undefined)?.();
  collect_exports(m);
  const init = ex.init_module as ((...a: unknown[]) => unknown) | undefined;
  return yield* do_init_module(m, function* () { return init && m.ko.hasInit ? (yield* call_c(m, init, [], 'init')) as number : 0; });
}

/** A module implemented in kernel-sim (obj_m.ts): its data laid out, its dependencies held, then the same init path. */
function* load_obj_m(m: module, def: ts_module_def): KGen<number> {
  m.this_module = alloc_pages_exact(sizeOf('module'), 6);
  if (!m.this_module || obj_m_layout(m, def)) { free_module(m); return -ENOMEM; }
  m.core_size = def.size ?? 16384;
  kwrite_cstr(m.this_module + offsetOf('module', 'name'), m.name.slice(0, 55));
  const deps: module[] = [];
  for (const d of def.depends ?? []) {
    const dep = find_module(d);
    // A TS module imports no symbols by name; the module it needs stands in for them in the kernel's message.
    if (!dep || dep.state !== 'LIVE') { printk(`${KERN_WARNING}${m.name}: Unknown symbol ${d} (err -2)`); free_module(m); return -ENOENT; }
    deps.push(dep);
  }
  moduleState().modules.unshift(m);
  for (const d of deps) use_module(m, d);
  set_module_state(m, 'COMING');
  const values = obj_m_values(m, def);
  return yield* do_init_module(m, () => as_gen(def.init ? def.init(values) : 0));
}

/** A hook that may sleep or may return at once. */
function* as_gen<T>(r: KGen<T> | T): KGen<T> {
  if (r !== null && typeof r === 'object' && typeof (r as { next?: unknown }).next === 'function') return yield* (r as KGen<T>);
  return r as T;
}

/** Parameters, /sys/module, then do_init_module(): a failing init unwinds the module. */
function* do_init_module(m: module, init: () => KGen<number>): KGen<number> {
  const name = m.name;
  const pr = yield* parse_args(m, m.args);
  if (pr) { free_module(m); return pr; }
  mod_sysfs_setup(m);
  module_param_sysfs_setup(m);
  trace_event('module', 'module_load', { name, taints: m.taints });
  const ret = yield* init();
  if (ret < 0) {
    set_module_state(m, 'GOING');
    report_leaks(m, 'init');
    free_module(m);
    return ret;
  }
  if (ret > 0) {
    pr_warn(`do_init_module: '${name}'->init suspiciously returned ${ret}, it should follow 0/-E convention`);
    pr_warn(`do_init_module: loading module anyway...`);
  }
  m.init_done = true;
  set_module_state(m, 'LIVE');
  return 0;
}

export const O_NONBLOCK = 0o4000, O_TRUNC = 0o1000;

/** delete_module(): refuses while used; runs exit, reports what the module still holds, frees it. */
export function* delete_module(name: string, flags: number): KGen<number> {
  const m = find_module(name);
  if (!m) return -ENOENT;
  if (m.holders.size > 0) return -EWOULDBLOCK;
  if (m.state !== 'LIVE') return -EBUSY;
  if (m.ko.hasInit && !m.ko.hasExit && !(flags & O_TRUNC)) return -EBUSY;
  if (m.refcnt - m.holders.size > 0 && !(flags & O_TRUNC)) return -EWOULDBLOCK;
  set_module_state(m, 'GOING');
  const def = obj_m_lookup(m.ko, m.wasm);
  if (def?.exit) yield* as_gen(def.exit());
  const exit = def ? undefined : (m.instance!.exports as Record<string, unknown>).cleanup_module as ((...a: unknown[]) => unknown) | undefined;
  if (exit && m.ko.hasExit) yield* call_c(m, exit, [], 'exit');
  report_leaks(m, 'rmmod');
  trace_event('module', 'module_free', { name });
  free_module(m);
  return 0;
}

export function module_refcount(m: module): number { return m.refcnt; }

export function try_module_get(m: module | null): boolean {
  if (!m) return true;
  if (m.state === 'GOING' || m.state === 'UNFORMED') return false;
  m.refcnt++;
  if (m.this_module) kwrite_u32(m.this_module + offsetOf('module', 'refcnt'), m.refcnt);
  return true;
}

export function module_put(m: module | null): void {
  if (!m) return;
  m.refcnt--;
  if (m.this_module) kwrite_u32(m.this_module + offsetOf('module', 'refcnt'), m.refcnt);
}

/** The module whose struct module is at `addr` (THIS_MODULE in file_operations.owner). */
export function module_by_struct(addr: number): module | null {
  if (!addr) return null;
  return module_list().find((m) => m.this_module === addr) ?? null;
}

export { EINVAL };
