// Models Kbuild's obj-y link order and scripts/link-vmlinux.sh: every unit's initcalls, syscalls and exported symbols, gathered in link order into one image (and the obj-m modules built beside it).
//
// Linux registers nothing at run time to find its subsystems: each object file
// puts its initcalls (.initcall*.init), its symbols (__ksymtab) and, through
// SYSCALL_DEFINE and the syscall table, its system calls into sections, and the
// linker concatenates them in the order the Makefiles list the objects. Here a
// unit (one .ts file) exports the same things as data under fixed names, each
// folder's Kbuild.ts lists its units and sub-folders in link order, and
// link_vmlinux() walks that tree once. No unit registers itself by being imported.
import type { syscall_def } from '../include/linux/syscalls.ts';
import type { initcall_level } from './initcalls.ts';
import { ksymtab_build, type ksym, type ksymtab_t } from '../kernel/kapi/registry.ts';
import type { ts_module_def } from '../kernel/module/obj_m.ts';

/** One initcall as a unit declares it: [level, function name, fn, virtual CPU time in ns]. */
export type initcall_entry = readonly [initcall_level, string, () => number, number];

/** What a unit may export for the link (the names are fixed, as section names are). */
export interface kbuild_unit {
  readonly initcalls?: readonly initcall_entry[];
  readonly syscalls?: readonly syscall_def[];
  readonly ksymtab?: readonly ksym[];
  /** obj-m: modules this unit builds as loadable .ko files (installed under /lib/modules, not linked in). */
  readonly obj_m?: readonly ts_module_def[];
}

/** A folder's obj-y: its units and sub-folders, in link order. */
export type kbuild_obj = kbuild_unit | readonly kbuild_obj[];

/** The linked kernel: the sections every boot reads. Immutable and shared by every machine. */
export interface vmlinux_image {
  readonly initcalls: readonly initcall_entry[];
  readonly syscalls: readonly syscall_def[];
  readonly ksymtab: ksymtab_t;
  /** `make modules`: what `modules_install` puts under /lib/modules/RELEASE. */
  readonly modules: readonly ts_module_def[];
}

function* units(obj: kbuild_obj): Generator<kbuild_unit> {
  if (Array.isArray(obj)) for (const o of obj as readonly kbuild_obj[]) yield* units(o);
  else yield obj as kbuild_unit;
}

/** link_vmlinux: concatenates each section in link order; a symbol or syscall defined twice is a link error. */
export function link_vmlinux(obj: readonly kbuild_obj[]): vmlinux_image {
  const initcalls: initcall_entry[] = [];
  const syscalls: syscall_def[] = [];
  const syms: ksym[] = [];
  const sysnames = new Set<string>();
  const modules: ts_module_def[] = [];
  for (const u of units(obj)) {
    for (const m of u.obj_m ?? []) {
      if (modules.some((x) => x.name === m.name)) throw new Error(`modpost: module ${m.name} built twice`);
      modules.push(m);
    }
    if (u.initcalls) initcalls.push(...u.initcalls);
    for (const s of u.syscalls ?? []) {
      if (sysnames.has(s.name)) throw new Error(`link_vmlinux: multiple definition of sys_${s.name}`);
      sysnames.add(s.name);
      syscalls.push(s);
    }
    if (u.ksymtab) syms.push(...u.ksymtab);
  }
  return Object.freeze({ initcalls: Object.freeze(initcalls), syscalls: Object.freeze(syscalls), ksymtab: ksymtab_build(syms), modules: Object.freeze(modules) });
}
