// Models linux/kernel/power/power.h and include/linux/suspend.h: the system sleep state every unit of kernel/power/ shares (per boot).
import { defineState } from '../state.ts';

/** enum suspend_state_t's labels (PM_SUSPEND_TO_IDLE, PM_SUSPEND_STANDBY, PM_SUSPEND_MEM). */
export type suspend_state_t = 'freeze' | 'standby' | 'mem';

/** mem_sleep's labels for the suspend states (mem_sleep_labels[] of suspend.c). */
export const mem_sleep_labels: Record<suspend_state_t, string> = { freeze: 's2idle', standby: 'shallow', mem: 'deep' };

/** The first line of a write, as the stores cut it with memchr(buf, '\n'). */
export const first_line = (buf: string): string => buf.split('\n')[0] ?? '';

/** The pm_test levels, TEST_NONE first (kernel/power/power.h's enum). */
export const pm_tests = ['none', 'core', 'processors', 'platform', 'devices', 'freezer'] as const;
export type pm_test_level = typeof pm_tests[number];

/** enum suspend_stat_step. */
export type suspend_stat_step = 'freeze' | 'prepare' | 'suspend' | 'suspend_late' | 'suspend_noirq' | 'resume_noirq' | 'resume_early' | 'resume';

export interface suspend_stats {
  success: number; fail: number;
  failed_freeze: number; failed_prepare: number; failed_suspend: number; failed_suspend_late: number; failed_suspend_noirq: number;
  failed_resume: number; failed_resume_early: number; failed_resume_noirq: number;
  last_failed_dev: string; last_failed_errno: number; last_failed_step: suspend_stat_step | '';
}

export const pmState = defineState('kernel_power', () => ({
  pm_async_enabled: true,
  /** mem_sleep_current: what "mem" means (mem_sleep_default is deep where the platform has S3). */
  mem_sleep_current: 'mem' as suspend_state_t,
  sync_on_suspend_enabled: true,
  pm_test_level: 'none' as pm_test_level,
  pm_print_times_enabled: false,
  pm_debug_messages_on: false,
  freeze_timeout_msecs: 20_000,
  suspend_stats: {
    success: 0, fail: 0, failed_freeze: 0, failed_prepare: 0, failed_suspend: 0, failed_suspend_late: 0, failed_suspend_noirq: 0,
    failed_resume: 0, failed_resume_early: 0, failed_resume_noirq: 0, last_failed_dev: '', last_failed_errno: 0, last_failed_step: '',
  } as suspend_stats,
  // kernel/power/hibernate.c
  hibernation_mode: 'platform' as string,
  image_size: 0,
  reserved_size: 1024 * 1024,
  resume_dev: { major: 0, minor: 0 },
  resume_offset: 0,
}));
