// Registers the initcalls of devpts (fs level) and the Unix98 pty driver (device level).
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { devpts_init } from './inode.ts';
import { unix98_pty_init } from '../../drivers/tty/pty.ts';

export const initcalls: initcall_entry[] = [
  ['fs', 'init_devpts_fs', devpts_init, 40_000],
  ['device', 'pty_init', unix98_pty_init, 60_000],
];
