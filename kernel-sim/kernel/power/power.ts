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

/** REC_FAILED_NUM: suspend_stats remembers the last two failed devices, errnos and steps. */
export const REC_FAILED_NUM = 2;

/** struct suspend_stats: counts, and rings of the last failures whose last_failed_* are the next slots to write. */
export interface suspend_stats {
  success: number; fail: number;
  failed_freeze: number; failed_prepare: number; failed_suspend: number; failed_suspend_late: number; failed_suspend_noirq: number;
  failed_resume: number; failed_resume_early: number; failed_resume_noirq: number;
  failed_devs: string[]; errno: number[]; failed_steps: (suspend_stat_step | '')[];
  last_failed_dev: number; last_failed_errno: number; last_failed_step: number;
}

/** suspend_step_name(): no names for the late and early steps (an empty string, as in 6.1). */
const named_steps: readonly (suspend_stat_step | '')[] = ['freeze', 'prepare', 'suspend', 'suspend_noirq', 'resume_noirq', 'resume'];
export const suspend_step_name = (step: suspend_stat_step | ''): string => (named_steps.includes(step) ? step : '');

/** The failure `back` places before the newest in a ring whose next slot is `next` (0: the newest), as suspend_stats_show() indexes it. */
export function suspend_stats_recent<T>(ring: readonly T[], next: number, back = 0): T {
  return ring[(next + 2 * REC_FAILED_NUM - 1 - back) % REC_FAILED_NUM]!;
}

/** dpm_save_failed_dev(), dpm_save_failed_errno(), dpm_save_failed_step() (include/linux/suspend.h): write the slot, advance. */
export function dpm_save_failed_dev(name: string): void {
  const s = pmState().suspend_stats;
  s.failed_devs[s.last_failed_dev] = name;
  s.last_failed_dev = (s.last_failed_dev + 1) % REC_FAILED_NUM;
}
export function dpm_save_failed_errno(err: number): void {
  const s = pmState().suspend_stats;
  s.errno[s.last_failed_errno] = err;
  s.last_failed_errno = (s.last_failed_errno + 1) % REC_FAILED_NUM;
}
export function dpm_save_failed_step(step: suspend_stat_step): void {
  const s = pmState().suspend_stats;
  s.failed_steps[s.last_failed_step] = step;
  s.last_failed_step = (s.last_failed_step + 1) % REC_FAILED_NUM;
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
    failed_resume: 0, failed_resume_early: 0, failed_resume_noirq: 0,
    failed_devs: Array<string>(REC_FAILED_NUM).fill(''), errno: Array<number>(REC_FAILED_NUM).fill(0), failed_steps: Array<suspend_stat_step | ''>(REC_FAILED_NUM).fill(''),
    last_failed_dev: 0, last_failed_errno: 0, last_failed_step: 0,
  } as suspend_stats,
  // kernel/power/hibernate.c
  hibernation_mode: 'platform' as string,
  image_size: 0,
  reserved_size: 1024 * 1024,
  /** swsusp_resume_device: where the image is written and looked for (resume=, /sys/power/resume); 0 for none. */
  resume_dev: 0,
  /** resume_file: resume= from the command line, resolved by software_resume(). */
  resume_file: '',
  noresume: false,
  resume_offset: 0,
}));

/** is_hibernate_resume_dev(): the device hibernation writes its image to and resumes from (swsusp_resume_device). */
export const is_hibernate_resume_dev = (dev: number): boolean => dev !== 0 && pmState().resume_dev === dev;
