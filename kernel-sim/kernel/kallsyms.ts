// Models linux/kernel/kallsyms.c's /proc/kallsyms (s_show, kallsyms_show_value) over vmlinux's symbol table and module_get_kallsym's module symbols.
//
// vmlinux's symbols are what its __ksymtab links (the workbench's kernel functions are TypeScript: only what is
// exported has a C name), laid out in link order: functions in .text from _text, objects in .data where
// /proc/iomem's "Kernel data" begins, 16 and 8 bytes apart (no KASLR offset: the layout is the same every boot).
// A loaded module's functions (its wasm code, named by the name section) sit in its .text and its named globals
// in its .data, at the addresses /sys/module/NAME/sections shows; the ones it EXPORT_SYMBOLs are upper case.
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { seq_puts, type seq_file } from '../fs/seq_file.ts';
import { proc_create_single } from '../fs/proc/generic.ts';
import { exportedGlobalValue } from '../toolchain/wasm/module-info.ts';
import { kapi_names, kdata_names } from './kapi/registry.ts';
import { cap_capable } from './capability.ts';
import { init_user_ns } from './user_namespace.ts';
import { sysctl_kptr_restrict } from './sysctl.ts';
import { current } from './sched/core.ts';
import { module_list } from './module/list.ts';
import type { module } from './module/types.ts';

/** _text (startup_64) without KASLR, and _sdata: "Kernel data" is 0x1a00000 past "Kernel code" in /proc/iomem. */
const KERNEL_TEXT = 0xffffffff81000000n;
const KERNEL_DATA = KERNEL_TEXT + 0x1a00000n;
/** MODULES_VADDR: where /proc/modules and sections/ put a module's memory. */
const MODULES_VADDR = 0xffffffffc0000000n;
const CAP_SYSLOG = 34;

interface kallsym { value: bigint; type: string; name: string; module: string }

/** vmlinux's part: every exported function ('T'), then every exported object ('D'). */
function vmlinux_syms(): kallsym[] {
  return [
    ...kapi_names().map((name, i) => ({ value: KERNEL_TEXT + BigInt(i * 16), type: 'T', name, module: '' })),
    ...kdata_names().map((name, i) => ({ value: KERNEL_DATA + BigInt(i * 8), type: 'D', name, module: '' })),
  ];
}

/** module_get_kallsym() for one module: its named functions (t/T) in code order, then its named globals (d/D). */
function module_syms(m: module): kallsym[] {
  const info = m.ko.info;
  const exported = new Set(m.ko.ksymtab.map((k) => k.name));
  const base = MODULES_VADDR + BigInt(m.memory_base);
  const text = base + 0x1000n;
  const first = info.bodies[0]?.start ?? 0;
  const case_of = (t: string, name: string): string => (exported.has(name) ? t.toUpperCase() : t);
  const out: kallsym[] = [];
  for (const b of info.bodies) {
    const name = info.functionNames.get(b.index);
    if (name && !name.startsWith('__')) out.push({ value: text + BigInt(b.start - first), type: case_of('t', name), name, module: m.name });
  }
  // Its objects: the globals it exports and those the name section names (clang hides most: no wasm export), by offset.
  const objects = new Map<string, number>();
  for (const e of info.exports) {
    const off = e.kind === 'global' ? exportedGlobalValue(info, e.name) : undefined;
    if (off !== undefined) objects.set(e.name, off);
  }
  // What it EXPORT_SYMBOLs as data: __ksymtab_NAME's pointer (collect_exports), an address in its memory.
  for (const [name, sym] of m.syms) if (sym.kind === 'data' && !objects.has(name)) objects.set(name, Number(sym.value) - m.memory_base);
  for (const [i, name] of info.globalNames) {
    const off = info.globals.find((g) => g.index === i)?.init.i32;
    if (off !== undefined && !objects.has(name)) objects.set(name, off);
  }
  for (const [name, off] of [...objects].filter(([n]) => !n.startsWith('__')).sort((a, b) => a[1] - b[1])) {
    out.push({ value: base + BigInt(off), type: case_of('d', name), name, module: m.name });
  }
  return out;
}

/**
 * kallsyms_show_value(): kptr_restrict 0 or 1 shows the addresses to a reader with CAP_SYSLOG (0 would show them to
 * all only with perf_event_paranoid <= 1; Debian's is 3), 2 to nobody; others read zeros.
 */
function kallsyms_show_value(): boolean {
  const restrict = sysctl_kptr_restrict();
  return restrict <= 1 && cap_capable(current().cred, init_user_ns(), CAP_SYSLOG);
}

/** s_show() over vmlinux's symbols then each live module's (newest first, as the module list runs). */
function kallsyms_show(m: seq_file): number {
  const show = kallsyms_show_value();
  const syms = [...vmlinux_syms(), ...module_list().filter((x) => x.state !== 'UNFORMED').flatMap(module_syms)];
  let s = '';
  for (const k of syms) {
    const value = show ? k.value.toString(16).padStart(16, '0') : '0000000000000000';
    s += k.module ? `${value} ${k.type} ${k.name}\t[${k.module}]\n` : `${value} ${k.type} ${k.name}\n`;
  }
  seq_puts(m, s);
  return 0;
}

/** kallsyms_init() (device_initcall): /proc/kallsyms, 0444. */
function kallsyms_init(): number {
  proc_create_single('kallsyms', 0o444, null, kallsyms_show);
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'kallsyms_init', kallsyms_init, 2_000]];
