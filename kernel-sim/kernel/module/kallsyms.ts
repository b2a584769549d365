// Models linux/kernel/module/kallsyms.c for %pS/%ps: a module function pointer (its table slot) as "name+0x0/0xsize [module]".
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { set_vsprintf_symbolizer } from '../../lib/vsprintf.ts';
import { runtimeState } from './runtime.ts';
import { symbolizer } from './faults.ts';

/** The function at a table slot a module filled; wasm names an exported function object by its function index. */
export function module_address_lookup(slot: number): string | null {
  const rt = runtimeState();
  const owner = rt.slot_owner.get(slot >>> 0);
  if (!owner) return null;
  const fn = rt.table.get(slot >>> 0) as { name?: string } | null;
  const idx = Number(fn?.name);
  if (!fn || !Number.isInteger(idx)) return null;
  const s = symbolizer(owner[0]);
  const name = s.functionName(idx);
  const b = s.body(idx);
  if (!name || !b) return null;
  return `${name}+0x0/0x${(b.end - b.start).toString(16)} [${owner[0].name}]`;
}

function module_kallsyms_init(): number {
  set_vsprintf_symbolizer(module_address_lookup);
  return 0;
}

export const initcalls: initcall_entry[] = [['core', 'module_kallsyms_init', module_kallsyms_init, 1_000]];
