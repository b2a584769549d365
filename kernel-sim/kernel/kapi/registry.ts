// The kernel API modules link against: every function a module imports from "env" and every object it imports through GOT.mem, by C name.
//
// Subsystems add their functions with EXPORT_KAPI (plain functions run at once; generator functions may sleep) and
// their objects with EXPORT_KDATA (the address, in the kernel memory, that C sees for `&name`).
import type { KGen } from '../../include/linux/sched.ts';

export type kapi_fn = (...args: never[]) => unknown;
export interface kapi_entry { name: string; fn: kapi_fn; sleeps: boolean; gpl: boolean }

const GeneratorFunction = Object.getPrototypeOf(function* () { /* marker */ }).constructor;
const functions = new Map<string, kapi_entry>();
const data = new Map<string, () => number>();

/** EXPORT_SYMBOL for kernel-sim functions. */
export function EXPORT_KAPI(defs: Record<string, kapi_fn | ((...a: never[]) => KGen<unknown>)>, gpl = false): void {
  for (const [name, fn] of Object.entries(defs)) functions.set(name, { name, fn: fn as kapi_fn, sleeps: fn instanceof GeneratorFunction, gpl });
}

/** A kernel object modules reference: `addr()` gives its address in the kernel memory (created on first use). */
export function EXPORT_KDATA(name: string, addr: () => number): void {
  data.set(name, addr);
}

export function kapi_lookup(name: string): kapi_entry | undefined { return functions.get(name); }
export function kdata_lookup(name: string): (() => number) | undefined { return data.get(name); }
export function kapi_names(): string[] { return [...functions.keys()]; }
