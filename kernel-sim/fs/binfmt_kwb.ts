// Models a binfmt handler (like linux/fs/binfmt_elf.c) for the workbench's built-in programs: files that begin "\x7fKWB\n<name>\n".
import type { UserEntry } from '../include/linux/sched.ts';
import { ENOEXEC } from '../include/uapi/asm-generic/errno.ts';
import { defineState } from '../kernel/state.ts';
import { register_binfmt, prepare_ts_image, type linux_binfmt } from './exec.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';

export const KWB_MAGIC = '\x7fKWB\n';

/** Turns a program name into its entry; provided by user space's program registry. */
export type kwb_loader = (name: string, argv: string[], envp: string[]) => UserEntry | null;

const kwbState = defineState('binfmt_kwb', () => ({ loader: null as kwb_loader | null }));

export function set_kwb_loader(loader: kwb_loader): void {
  kwbState().loader = loader;
}

/** The bytes of a built-in program's file in /bin. */
export function kwb_image(name: string): Uint8Array {
  return new TextEncoder().encode(`${KWB_MAGIC}${name}\n`);
}

const kwb_format: linux_binfmt = {
  name: 'kwb',
  load_binary: function* (bprm) {
    const b = bprm.buf;
    if (b.length < 6 || b[0] !== 0x7f || b[1] !== 0x4b || b[2] !== 0x57 || b[3] !== 0x42 || b[4] !== 0x0a) return -ENOEXEC;
    const end = b.indexOf(0x0a, 5);
    const name = new TextDecoder().decode(b.subarray(5, end < 0 ? b.length : end));
    const entry = kwbState().loader?.(name, bprm.argv, bprm.envp);
    if (!entry) return -ENOEXEC;
    const mm = prepare_ts_image(bprm.argv, bprm.envp);
    if (typeof mm === 'number') return mm;
    return { mm, entry };
  },
};

export function init_kwb_binfmt(): number {
  register_binfmt(kwb_format);
  return 0;
}

export const initcalls: initcall_entry[] = [['core', 'init_kwb_binfmt', init_kwb_binfmt, 4_000]];
