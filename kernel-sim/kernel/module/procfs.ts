// Models linux/kernel/module/procfs.c: /proc/modules ("name size refcnt holders, state address (taints)").
import { proc_add_source } from '../../fs/proc/placeholders.ts';
import { seq_puts } from '../../fs/seq_file.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { module_list } from './list.ts';
import type { module } from './types.ts';

const STATE: Record<module['state'], string> = { LIVE: 'Live', COMING: 'Loading', GOING: 'Unloading', UNFORMED: 'Loading' };

/** One line of /proc/modules (m_show with print_unload_info). */
export function module_line(m: module): string {
  let deps = '';
  // add_module_usage puts each new user at the head of source_list: the latest holder is listed first.
  for (const h of [...m.holders].reverse()) deps += `${h.name},`;
  if (m.ko.hasInit && !m.ko.hasExit) deps += '[permanent],';
  // The module's core: its data, or its struct module for a module that has no data (a TS module without parameters).
  const addr = (0xffffffffc0000000n + BigInt(m.memory_base || m.this_module)).toString(16);
  return `${m.name} ${m.core_size} ${m.refcnt} ${deps || '-'} ${STATE[m.state]} 0x${addr}${m.taints ? ` (${m.taints})` : ''}\n`;
}

/** /proc/modules itself is fs/proc's (placeholders.ts); the module loader is its source. */
export function proc_modules_init(): number {
  proc_add_source('modules', (s) => {
    for (const m of module_list()) if (m.state !== 'UNFORMED') seq_puts(s, module_line(m));
  });
  return 0;
}

export const initcalls: initcall_entry[] = [['fs', 'proc_modules_init', proc_modules_init, 2_000]];
