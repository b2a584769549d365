// Models linux/include/linux/export.h and kernel/module/main.c's find_symbol: the __ksymtab modules link against, by C name.
//
// A unit exports its table as data (`export const ksymtab = [...EXPORT_KAPI({...})]`):
// EXPORT_KAPI gives functions (plain ones run at once; generator functions may
// sleep), EXPORT_KDATA objects (the address, in the kernel memory, that C sees
// for `&name`). link_vmlinux (init/link_vmlinux.ts) gathers every unit's table in
// link order; start_kernel installs the linked table in the booting machine.
import type { KGen } from '../../include/linux/sched.ts';
import { defineState } from '../state.ts';

export type kapi_fn = (...args: never[]) => unknown;
export interface kapi_entry { name: string; fn: kapi_fn; sleeps: boolean; gpl: boolean }
/** One __ksymtab entry: a function or an object. */
export type ksym = { kind: 'func'; entry: kapi_entry } | { kind: 'data'; name: string; addr: () => number };

/** The linked symbol table: read-only after link_vmlinux. */
export interface ksymtab_t {
  func(name: string): kapi_entry | undefined;
  data(name: string): (() => number) | undefined;
  names(): string[];
  /** The data symbols' names (modpost's Module.symvers lists them too). */
  data_names(): string[];
}

const GeneratorFunction = Object.getPrototypeOf(function* () { /* marker */ }).constructor;

/** EXPORT_SYMBOL (EXPORT_SYMBOL_GPL with gpl) for kernel-sim functions. */
export function EXPORT_KAPI(defs: Record<string, kapi_fn | ((...a: never[]) => KGen<unknown>)>, gpl = false): ksym[] {
  return Object.entries(defs).map(([name, fn]) => ({ kind: 'func', entry: { name, fn: fn as kapi_fn, sleeps: fn instanceof GeneratorFunction, gpl } }));
}

/** A kernel object modules reference: `addr()` gives its address in the kernel memory (created on first use). */
export function EXPORT_KDATA(name: string, addr: () => number): ksym {
  return { kind: 'data', name, addr };
}

/** Builds the lookup tables; a later definition of a name replaces an earlier one, as in link order. */
export function ksymtab_build(syms: readonly ksym[]): ksymtab_t {
  const functions = new Map<string, kapi_entry>();
  const data = new Map<string, () => number>();
  for (const s of syms) {
    if (s.kind === 'func') functions.set(s.entry.name, s.entry);
    else data.set(s.name, s.addr);
  }
  return { func: (n) => functions.get(n), data: (n) => data.get(n), names: () => [...functions.keys()], data_names: () => [...data.keys()] };
}

const ksymtabState = defineState('ksymtab', () => ({ table: null as ksymtab_t | null }));

/** Installs the linked table in the running kernel (start_kernel). */
export function ksymtab_install(t: ksymtab_t): void { ksymtabState().table = t; }

function table(): ksymtab_t {
  const t = ksymtabState().table;
  if (!t) throw new Error('ksymtab: the kernel was started without a linked symbol table');
  return t;
}

export function kapi_lookup(name: string): kapi_entry | undefined { return table().func(name); }
export function kdata_lookup(name: string): (() => number) | undefined { return table().data(name); }
export function kapi_names(): string[] { return table().names(); }
export function kdata_names(): string[] { return table().data_names(); }
