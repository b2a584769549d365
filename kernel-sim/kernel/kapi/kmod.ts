// Models linux/kernel/module/kmod.c for modules: __request_module runs /sbin/modprobe -q -- NAME as a usermode helper (and waits for it).
import type { KGen } from '../../include/linux/sched.ts';
import { TASK_UNINTERRUPTIBLE, EXIT_ZOMBIE, EXIT_DEAD } from '../../include/linux/sched.ts';
import { kread_cstr } from '../../mm/kmem.ts';
import { vsprintf, va_list } from '../../lib/vsprintf.ts';
import { call_usermodehelper, capture_file } from '../umh.ts';
import { schedule_timeout, set_current_state } from '../sched/core.ts';
import { EXPORT_KAPI } from './registry.ts';

/** modprobe_path (/proc/sys/kernel/modprobe). */
export const MODPROBE_PATH = '/sbin/modprobe';

function* request_module(wait: number, fmt: number, va: number): KGen<number> {
  return yield* __request_module(wait !== 0, vsprintf(kread_cstr(fmt, 128), new va_list(va)));
}

/** __request_module for kernel-sim's own callers (elevator_find_get's "%s-iosched"): the modprobe exit status when waiting. */
export function* __request_module(wait: boolean, name: string): KGen<number> {
  const t = call_usermodehelper(MODPROBE_PATH, ['modprobe', '-q', '--', name], ['HOME=/', 'TERM=linux', 'PATH=/sbin:/usr/sbin:/bin:/usr/bin'], capture_file(() => { /* quiet */ }));
  if (typeof t === 'number') return t;
  if (!wait) return 0;
  while (!(t.exit_state & (EXIT_ZOMBIE | EXIT_DEAD))) {
    set_current_state(TASK_UNINTERRUPTIBLE);
    yield* schedule_timeout(1_000_000);
  }
  return (t.exit_code >> 8) & 0xff;
}

export const ksymtab = EXPORT_KAPI({ __request_module: request_module });
