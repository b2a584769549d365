// Models linux/fs/tracefs/inode.c: tracefs, the tracing filesystem (mounted at /sys/kernel/tracing), registered at core_initcall after debugfs.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { register_filesystem, simple_fs_type } from '../simple_fs.ts';

export const TRACEFS_MAGIC = 0x74726163;
/** TRACEFS_DEFAULT_MODE: the root is root's alone unless mounted with mode=. */
export const trace_fs_type = simple_fs_type('tracefs', TRACEFS_MAGIC, 0o700);

/** tracefs_init: /sys/kernel/tracing is made with the other /sys/kernel mount points (drivers/base/init.ts). */
function tracefs_init(): number { return register_filesystem(trace_fs_type); }

export const initcalls: initcall_entry[] = [['core', 'tracefs_init', tracefs_init, 10_000]];
