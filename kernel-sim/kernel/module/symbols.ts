// Models kallsyms for module data: the name of a module's global at an address (lockdep's lock names, %ps of data).
import { exportedGlobalValue } from '../../toolchain/wasm/module-info.ts';
import type { module } from './types.ts';

/** The exported data symbol of `m` that `addr` points at exactly, if any. */
export function symbol_at(m: module, addr: number): string | null {
  if (!m.memory_base || addr < m.memory_base || addr >= m.memory_base + m.ko.dylink.memorySize) return null;
  const off = addr - m.memory_base;
  for (const e of m.ko.info.exports) {
    if (e.kind !== 'global' || e.name.startsWith('__')) continue;
    if (exportedGlobalValue(m.ko.info, e.name) === off) return e.name;
  }
  for (const [i, n] of m.ko.info.globalNames) {
    const g = m.ko.info.globals.find((x) => x.index === i);
    if (g?.init.i32 === off && !n.startsWith('__')) return n;
  }
  return null;
}
