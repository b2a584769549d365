// What a module loader needs from a built .ko: dylink needs, imports by kind, init/exit, parameters, exported symbols, modinfo.
import { readModuleInfo, exportedGlobalValue, customSection, type ModuleInfo } from './wasm/module-info.ts';
import { parseDylink, type DylinkInfo } from './wasm/dylink.ts';
import { readModinfo, type ModinfoField } from './modinfo.ts';

export interface KoInfo {
  dylink: DylinkInfo;
  /** Kernel functions the module calls (imports from "env" of kind function). */
  functions: string[];
  /** Kernel data whose address the module needs (GOT.mem imports: jiffies, __this_module, param_ops_int, ...). */
  dataSymbols: string[];
  /** Functions whose table index the module needs (GOT.func: function pointers to kernel functions or its own). */
  functionPointers: string[];
  /** Other env imports: memory, __indirect_function_table, __stack_pointer, __memory_base, __table_base. */
  runtime: string[];
  hasInit: boolean;
  hasExit: boolean;
  /** module_param names, with the offset (from __memory_base) of their struct kernel_param. */
  params: { name: string; offset: number }[];
  /** EXPORT_SYMBOL(_GPL) names with the offset of the __ksymtab_ pointer. */
  ksymtab: { name: string; gpl: boolean; offset: number }[];
  modinfo: ModinfoField[];
  info: ModuleInfo;
}

export const RUNTIME_IMPORTS = ['memory', '__indirect_function_table', '__stack_pointer', '__memory_base', '__table_base'];

export function inspectKo(wasm: Uint8Array): KoInfo {
  const info = readModuleInfo(wasm);
  const dl = customSection(wasm, info.sections, 'dylink.0');
  if (!dl) throw new Error('not a kernel module: no dylink.0 section (build with kwb build, not --user)');
  const out: KoInfo = {
    dylink: parseDylink(dl), functions: [], dataSymbols: [], functionPointers: [], runtime: [], hasInit: false, hasExit: false,
    params: [], ksymtab: [], modinfo: readModinfo(wasm), info,
  };
  for (const i of info.imports) {
    if (i.module === 'GOT.mem') out.dataSymbols.push(i.name);
    else if (i.module === 'GOT.func') out.functionPointers.push(i.name);
    else if (i.module === 'env' && RUNTIME_IMPORTS.includes(i.name)) out.runtime.push(i.name);
    else if (i.module === 'env' && i.kind === 'function') out.functions.push(i.name);
    else if (i.module === 'env') out.dataSymbols.push(i.name);
  }
  for (const e of info.exports) {
    if (e.kind === 'function' && e.name === 'init_module') out.hasInit = true;
    if (e.kind === 'function' && e.name === 'cleanup_module') out.hasExit = true;
    if (e.kind !== 'global') continue;
    const off = exportedGlobalValue(info, e.name);
    if (off === undefined) continue;
    if (e.name.startsWith('__param_')) out.params.push({ name: e.name.slice('__param_'.length), offset: off });
    else if (e.name.startsWith('__ksymtab_gpl_')) out.ksymtab.push({ name: e.name.slice('__ksymtab_gpl_'.length), gpl: true, offset: off });
    else if (e.name.startsWith('__ksymtab_')) out.ksymtab.push({ name: e.name.slice('__ksymtab_'.length), gpl: false, offset: off });
  }
  return out;
}
