// Models linux/scripts/mod/modpost.c's check of a module's undefined symbols against vmlinux's exports (Module.symvers).
import { inspectKo } from '../../toolchain/ko.ts';
import { GPL_COMPAT } from './license.ts';
import type { symvers_t } from './symvers.ts';

export interface modpost_report {
  /** Symbols neither the kernel nor the extra symbols export: `"sym" [drv.ko] undefined!`. */
  undefined: string[];
  /** GPL-only kernel symbols a GPL-incompatible module uses (always an error, as in 6.1). */
  gpl_only: string[];
}

/**
 * What modpost finds in a linked module (license: its MODULE_LICENSE): the symbols it needs that neither the kernel
 * (`kernel`: vmlinux's Module.symvers, or its live ksymtab) nor `extra` (KBUILD_EXTRA_SYMBOLS: other modules'
 * exports) provides, in import order. What the module defines and exports itself is no import, and __this_module is
 * the module's own, placed by the loader (modpost's .gnu.linkonce.this_module).
 */
export function modpost_check(wasm: Uint8Array, license: string, kernel: symvers_t, extra: readonly string[] = []): modpost_report {
  const ko = inspectKo(wasm);
  const own = new Set(ko.info.exports.map((e) => e.name));
  const known = (n: string): boolean => own.has(n) || extra.includes(n) || n === '__this_module';
  const out = new Set<string>(), gpl = new Set<string>();
  const gplOk = GPL_COMPAT.includes(license);
  for (const n of [...ko.functions, ...ko.functionPointers]) {
    if (known(n)) continue;
    const k = kernel.func(n);
    if (!k) out.add(n);
    else if (k.gpl && !gplOk) gpl.add(n);
  }
  for (const n of ko.dataSymbols) if (!known(n) && kernel.data(n) === undefined) out.add(n);
  return { undefined: [...out], gpl_only: [...gpl] };
}
