// Models linux/include/linux/pm.h: struct dev_pm_ops, struct dev_pm_info and the runtime PM status and request enums.
import type { device, probe_ret } from '../base.ts';
import type { hrtimer } from '../../../kernel/time/timekeeping.ts';
import type { work_struct } from '../../../kernel/workqueue.ts';
import type { wait_queue_head } from '../../../kernel/sched/wait.ts';
import type { wakeup_source } from './wakeup_source.ts';

type pm_callback = (dev: device) => probe_ret;

/** The callbacks of a bus, type, class or driver for system sleep and runtime PM (struct dev_pm_ops). */
export interface dev_pm_ops {
  prepare?: pm_callback;
  complete?: (dev: device) => void;
  suspend?: pm_callback;
  resume?: pm_callback;
  freeze?: pm_callback;
  thaw?: pm_callback;
  poweroff?: pm_callback;
  restore?: pm_callback;
  suspend_late?: pm_callback;
  resume_early?: pm_callback;
  freeze_late?: pm_callback;
  thaw_early?: pm_callback;
  poweroff_late?: pm_callback;
  restore_early?: pm_callback;
  suspend_noirq?: pm_callback;
  resume_noirq?: pm_callback;
  freeze_noirq?: pm_callback;
  thaw_noirq?: pm_callback;
  poweroff_noirq?: pm_callback;
  restore_noirq?: pm_callback;
  runtime_suspend?: pm_callback;
  runtime_resume?: pm_callback;
  runtime_idle?: pm_callback;
}

/** The PM_EVENT_* values of a pm_message_t (what a system sleep transition is doing to the devices). */
export const PM_EVENT_ON = 0x0000;
export const PM_EVENT_FREEZE = 0x0001;
export const PM_EVENT_SUSPEND = 0x0002;
export const PM_EVENT_HIBERNATE = 0x0004;
export const PM_EVENT_QUIESCE = 0x0008;
export const PM_EVENT_RESUME = 0x0010;
export const PM_EVENT_THAW = 0x0020;
export const PM_EVENT_RESTORE = 0x0040;
export const PM_EVENT_RECOVER = 0x0080;

/** pm_message_t: the event a dpm phase runs for (PMSG_SUSPEND, PMSG_FREEZE, PMSG_THAW ...). */
export interface pm_message_t { readonly event: number }
export const PMSG_FREEZE: pm_message_t = { event: PM_EVENT_FREEZE };
export const PMSG_QUIESCE: pm_message_t = { event: PM_EVENT_QUIESCE };
export const PMSG_SUSPEND: pm_message_t = { event: PM_EVENT_SUSPEND };
export const PMSG_HIBERNATE: pm_message_t = { event: PM_EVENT_HIBERNATE };
export const PMSG_RESUME: pm_message_t = { event: PM_EVENT_RESUME };
export const PMSG_THAW: pm_message_t = { event: PM_EVENT_THAW };
export const PMSG_RESTORE: pm_message_t = { event: PM_EVENT_RESTORE };
export const PMSG_RECOVER: pm_message_t = { event: PM_EVENT_RECOVER };

/** enum rpm_status; RPM_INVALID (-1) is last_status while runtime PM is enabled. */
export type rpm_status = 'RPM_INVALID' | 'RPM_ACTIVE' | 'RPM_RESUMING' | 'RPM_SUSPENDED' | 'RPM_SUSPENDING';

/** enum rpm_request, ordered as Linux orders them (rpm_idle compares `request > RPM_REQ_IDLE`). */
export const RPM_REQ_NONE = 0;
export const RPM_REQ_IDLE = 1;
export const RPM_REQ_SUSPEND = 2;
export const RPM_REQ_AUTOSUSPEND = 3;
export const RPM_REQ_RESUME = 4;
export type rpm_request = 0 | 1 | 2 | 3 | 4;

/** The runtime PM flags of include/linux/pm_runtime.h. */
export const RPM_ASYNC = 0x01;
export const RPM_NOWAIT = 0x02;
export const RPM_GET_PUT = 0x04;
export const RPM_AUTO = 0x08;

/** struct dev_pm_info: the PM core's part of every device (runtime PM and system sleep bookkeeping). */
export interface dev_pm_info {
  can_wakeup: boolean;
  should_wakeup: boolean;
  /** The device's wakeup source while wakeup is enabled (struct wakeup_source *wakeup). */
  wakeup: wakeup_source | null;
  async_suspend: boolean;
  in_dpm_list: boolean;
  is_prepared: boolean;
  is_suspended: boolean;
  is_late_suspended: boolean;
  is_noirq_suspended: boolean;
  /** The last system sleep callback's error, for the abort path. */
  suspend_error: number;
  // runtime PM (CONFIG_PM)
  timer: hrtimer | null;
  /** Absolute virtual ns when the suspend timer fires, 0 when not armed. */
  timer_expires: number;
  work: work_struct | null;
  wait_queue: wait_queue_head | null;
  usage_count: number;
  child_count: number;
  disable_depth: number;
  idle_notification: boolean;
  request_pending: boolean;
  deferred_resume: boolean;
  /** false after pm_runtime_forbid ("control" is "on"). */
  runtime_auto: boolean;
  ignore_children: boolean;
  no_callbacks: boolean;
  irq_safe: boolean;
  use_autosuspend: boolean;
  timer_autosuspends: boolean;
  request: rpm_request;
  runtime_status: rpm_status;
  last_status: rpm_status;
  runtime_error: number;
  /** milliseconds; negative forbids autosuspend. */
  autosuspend_delay: number;
  /** Virtual ns of the last pm_runtime_mark_last_busy. */
  last_busy: number;
  active_time: number;
  suspended_time: number;
  accounting_timestamp: number;
  /** pm_runtime_force_suspend() suspended it; force_resume must resume it. */
  needs_force_resume: boolean;
}
