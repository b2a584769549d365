// Models linux/mm/page_alloc.c's report_meminit: how stack and heap memory is auto-initialised, from the build's hardening options (CONFIG_INIT_STACK_ALL_ZERO, CONFIG_INIT_ON_ALLOC_DEFAULT_ON, CONFIG_INIT_ON_FREE_DEFAULT_ON) and init_on_alloc=/init_on_free=.
import { pr_info } from '../kernel/printk/printk.ts';

/** Debian's 6.1 build, which the workbench's build follows: zeroed stacks, zeroed allocations, no clearing on free. */
const INIT_STACK = 'all(zero)', INIT_ON_ALLOC_DEFAULT_ON = true, INIT_ON_FREE_DEFAULT_ON = false;

/** A boolean boot parameter (kstrtobool: 1/y/on or 0/n/off), or the default when absent or unparsable. */
function bool_param(cmdline: string, name: string, dflt: boolean): boolean {
  const m = new RegExp(`(?:^|\\s)${name}=(\\S*)`).exec(cmdline);
  if (!m) return dflt;
  const v = m[1]!.toLowerCase();
  if (['1', 'y', 'yes', 'on', 't', 'true'].includes(v)) return true;
  if (['0', 'n', 'no', 'off', 'f', 'false'].includes(v)) return false;
  return dflt;
}

export function report_meminit(cmdline: string): void {
  const on_alloc = bool_param(cmdline, 'init_on_alloc', INIT_ON_ALLOC_DEFAULT_ON);
  const on_free = bool_param(cmdline, 'init_on_free', INIT_ON_FREE_DEFAULT_ON);
  pr_info(`mem auto-init: stack:${INIT_STACK}, heap alloc:${on_alloc ? 'on' : 'off'}, heap free:${on_free ? 'on' : 'off'}`);
  if (on_free) pr_info('mem auto-init: clearing system memory may take some time...');
}
