// Models linux/fs/tracefs/inode.c: tracefs, the tracing filesystem (mounted at /sys/kernel/tracing), registered at core_initcall after debugfs.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { register_filesystem, simple_fs_type } from '../simple_fs.ts';
import { kern_mount } from '../mount.ts';
import { defineState } from '../../kernel/state.ts';

export const TRACEFS_MAGIC = 0x74726163;
/** TRACEFS_DEFAULT_MODE: the root is root's alone unless mounted with mode=. */
export const trace_fs_type = simple_fs_type('tracefs', TRACEFS_MAGIC, 0o700);

/** tracefs_init: /sys/kernel/tracing is made with the other /sys/kernel mount points (drivers/base/init.ts). */
function tracefs_init(): number {
  const r = register_filesystem(trace_fs_type);
  if (!r) tracefsState().registered = true;
  return r;
}

const tracefsState = defineState('tracefs', () => ({ registered: false, pinned: false }));

/**
 * start_creating's simple_pin_fs: the first file made in tracefs (at fs_initcall, tracer_init_tracefs) mounts it
 * internally. Boot's files never go, so the first pin holds the mount (a mount id, the superblock's minor) for good.
 */
export function tracefs_pin(): void {
  const st = tracefsState();
  if (st.pinned || !st.registered) return;
  st.pinned = true;
  kern_mount(trace_fs_type);
}

export const initcalls: initcall_entry[] = [['core', 'tracefs_init', tracefs_init, 10_000]];
