// Models linux/drivers/base/power/wakeup.c's debugfs half: /sys/kernel/debug/wakeup_sources (wakeup_sources_stats_seq_ops, wakeup_sources_debugfs_init).
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { debugfs_create_file } from '../../../fs/debugfs/inode.ts';
import { wakeupState, wakeup_source_stats, type wakeup_source } from './wakeup_source.ts';

const HEADER = 'name\t\tactive_count\tevent_count\twakeup_count\texpire_count\tactive_since\ttotal_time\tmax_time\tlast_change\tprevent_suspend_time\n';

/** print_wakeup_source_stats(): "%-12s" then the counts and times (ms), two tabs apart. */
function print_wakeup_source_stats(ws: wakeup_source): string {
  const t = wakeup_source_stats(ws);
  const cols = [ws.active_count, ws.event_count, ws.wakeup_count, ws.expire_count, t.active_time, t.total_time, t.max_time, t.last_change, t.prevent_suspend_time];
  return `${ws.name.padEnd(12)}\t${cols.join('\t\t')}\n`;
}

/**
 * The seq_file walk: the header, every source newest first (wakeup_source_add()
 * puts each at the head of the list), then deleted_ws once the list is done;
 * an empty list prints the header only, as seq_start finds nothing.
 */
export function wakeup_sources_stats_show(): string {
  const s = wakeupState();
  if (!s.sources.length) return HEADER;
  return HEADER + [...s.sources].reverse().map(print_wakeup_source_stats).join('') + print_wakeup_source_stats(s.deleted_ws);
}

function wakeup_sources_debugfs_init(): number {
  debugfs_create_file('wakeup_sources', 0o444, null, { show: wakeup_sources_stats_show });
  return 0;
}

export const initcalls: initcall_entry[] = [['postcore', 'wakeup_sources_debugfs_init', wakeup_sources_debugfs_init, 1_000]];
