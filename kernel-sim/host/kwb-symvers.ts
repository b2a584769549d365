// Entry scripts/build.js bundles and runs once per build: vmlinux's exports as Module.symvers text, written beside the bundle so module builds never link the kernel.
import { vmlinux } from '../Kbuild.ts';
import { write_dump } from '../kernel/module/symvers.ts';

/** The bundled kernel's Module.symvers. */
export function module_symvers(): string {
  return write_dump(vmlinux.ksymtab);
}
