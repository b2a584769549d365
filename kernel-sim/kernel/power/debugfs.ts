// Models linux/kernel/power/main.c's debugfs half: /sys/kernel/debug/suspend_stats (suspend_stats_show, pm_debugfs_init).
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { debugfs_create_file } from '../../fs/debugfs/inode.ts';
import { pmState, REC_FAILED_NUM, suspend_stats_recent, suspend_step_name } from './power.ts';

/** The counts in suspend_stats_show()'s order. */
const counts = [
  'success', 'fail', 'failed_freeze', 'failed_prepare', 'failed_suspend', 'failed_suspend_late', 'failed_suspend_noirq',
  'failed_resume', 'failed_resume_early', 'failed_resume_noirq',
] as const;

/** One ring, newest first: the first under its label after a tab ("%-s" adds nothing), the older ones three tabs in. */
function ring_lines<T>(label: string, ring: readonly T[], next: number, fmt: (v: T) => string): string {
  let out = `  ${label}:\t${fmt(suspend_stats_recent(ring, next))}\n`;
  for (let i = 1; i < REC_FAILED_NUM; i++) out += `\t\t\t${fmt(suspend_stats_recent(ring, next, i))}\n`;
  return out;
}

/** suspend_stats_show(). */
export function suspend_stats_show(): string {
  const s = pmState().suspend_stats;
  return counts.map((k) => `${k}: ${s[k]}\n`).join('')
    + 'failures:\n'
    + ring_lines('last_failed_dev', s.failed_devs, s.last_failed_dev, String)
    + ring_lines('last_failed_errno', s.errno, s.last_failed_errno, String)
    + ring_lines('last_failed_step', s.failed_steps, s.last_failed_step, suspend_step_name);
}

/** pm_debugfs_init(): S_IFREG | S_IRUGO at the debugfs root. */
function pm_debugfs_init(): number {
  debugfs_create_file('suspend_stats', 0o444, null, { show: suspend_stats_show });
  return 0;
}

export const initcalls: initcall_entry[] = [['late', 'pm_debugfs_init', pm_debugfs_init, 1_000]];
