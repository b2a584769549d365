// Models linux/fs/drop_caches.c: /proc/sys/vm/drop_caches — 1 drops clean page cache pages, 2 reclaimable slab objects (here: clean block device buffers), 3 both; 4 silences the message.
import { current } from '../kernel/sched/core.ts';
import { pr_info } from '../kernel/printk/printk.ts';
import { defineState } from '../kernel/state.ts';
import { register_sysctl } from './proc/proc_sysctl.ts';
import { proc_dointvec } from '../kernel/sysctl.ts';
import { all_mappings } from '../include/linux/pagemap.ts';
import { invalidate_mapping_pages } from '../mm/filemap.ts';
import { all_buffer_bdevs, invalidate_bdev } from './buffer.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';

const dcState = defineState('drop_caches', () => ({ sysctl_drop_caches: 0, stfu: 0 }));

/** drop_caches_sysctl_handler's work once the value is parsed. */
export function drop_caches(v: number): void {
  const s = dcState();
  s.sysctl_drop_caches = v;
  if (v & 1) {
    for (const m of all_mappings()) invalidate_mapping_pages(m);
    for (const b of all_buffer_bdevs()) invalidate_bdev(b);
  }
  if (v & 2) for (const b of all_buffer_bdevs()) invalidate_bdev(b);
  if (!s.stfu) pr_info(`${current().comm} (${current().tgid}): drop_caches: ${v}`);
  s.stfu |= v & 4;
}

export function drop_caches_init(): number {
  return register_sysctl('vm', [{
    procname: 'drop_caches', mode: 0o200, proc_handler: proc_dointvec, extra1: 1, extra2: 4,
    data: { get: () => dcState().sysctl_drop_caches, set: (v) => drop_caches((v as number[])[0]) },
  }]);
}

export const initcalls: initcall_entry[] = [['fs', 'drop_caches_init', drop_caches_init, 2_000]];
