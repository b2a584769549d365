// Models the wakeup-source half of linux/drivers/base/power/wakeup.c: wakeup_source_register, __pm_stay_awake/__pm_relax/pm_wakeup_ws_event, the combined event counter behind /sys/power/wakeup_count, pm_wakeup_pending, pm_system_wakeup and pm_wakeup_irq.
import { defineState } from '../../../kernel/state.ts';
import { KERN_DEBUG, printk } from '../../../kernel/printk/printk.ts';
import { hrtimer_cancel, hrtimer_create, hrtimer_start, ktime_get, NSEC_PER_MSEC, type hrtimer } from '../../../kernel/time/timekeeping.ts';
import { trace_event } from '../../../kernel/trace/trace.ts';
import { pmState } from '../../../kernel/power/power.ts';
import type { device } from '../base.ts';

/** struct wakeup_source. Times are virtual ns. */
export interface wakeup_source {
  name: string;
  id: number;
  /** The /sys/class/wakeup/wakeupN device once it is added. */
  dev: device | null;
  /** The device the source belongs to (device_wakeup_enable), null for a standalone source. */
  owner: device | null;
  timer: hrtimer | null;
  timer_expires: number;
  total_time: number;
  max_time: number;
  last_time: number;
  start_prevent_time: number;
  prevent_sleep_time: number;
  event_count: number;
  active_count: number;
  relax_count: number;
  expire_count: number;
  wakeup_count: number;
  active: boolean;
}

/** combined_event_count's halves: events registered so far and events in progress. */
export const wakeupState = defineState('wakeup_sources', () => ({
  sources: [] as wakeup_source[],
  next_id: 0,
  event_count: 0,
  in_progress: 0,
  saved_count: 0,
  events_check_enabled: false,
  /** pm_abort_suspend: pm_system_wakeup() called during a transition. */
  pm_abort_suspend: 0,
  wakeup_irq: [0, 0] as [number, number],
  /** How each wakeup source's class device is added (wakeup_stats.ts installs it; it may sleep). */
  sysfs_add: null as ((ws: wakeup_source) => void) | null,
  sysfs_remove: null as ((ws: wakeup_source) => void) | null,
  /** deleted_ws: what unregistered sources counted (wakeup_source_record), the last line of the debugfs table. */
  deleted_ws: new_wakeup_source(null, 'deleted', -1, 0),
}));

function new_wakeup_source(owner: device | null, name: string, id: number, now: number): wakeup_source {
  return {
    name, id, dev: null, owner, timer: null, timer_expires: 0, total_time: 0, max_time: 0, last_time: now,
    start_prevent_time: 0, prevent_sleep_time: 0, event_count: 0, active_count: 0, relax_count: 0, expire_count: 0, wakeup_count: 0, active: false,
  };
}

/** pm_pr_dbg(): "PM: ..." at KERN_DEBUG when /sys/power/pm_debug_messages is 1. */
export function pm_pr_dbg(msg: string): void {
  if (pmState().pm_debug_messages_on) printk(`${KERN_DEBUG}PM: ${msg}`);
}

const combined = (): number => wakeupState().event_count * 0x10000 + wakeupState().in_progress;

/** wakeup_source_create() + wakeup_source_add(): a source with a fresh id on the list. */
export function wakeup_source_register(owner: device | null, name: string): wakeup_source {
  const s = wakeupState();
  const ws = new_wakeup_source(owner, name, s.next_id++, ktime_get());
  s.sources.push(ws);
  s.sysfs_add?.(ws);
  return ws;
}

/** wakeup_source_unregister(): relaxed and off the list; its class device goes with it. */
export function wakeup_source_unregister(ws: wakeup_source): void {
  __pm_relax(ws);
  if (ws.timer) hrtimer_cancel(ws.timer);
  const s = wakeupState();
  s.sources = s.sources.filter((w) => w !== ws);
  s.sysfs_remove?.(ws);
  wakeup_source_record(ws);
}

/** wakeup_source_record(): a source that saw events adds its counts and times to deleted_ws. */
function wakeup_source_record(ws: wakeup_source): void {
  if (!ws.event_count) return;
  const d = wakeupState().deleted_ws;
  d.total_time += ws.total_time;
  d.prevent_sleep_time += ws.prevent_sleep_time;
  d.max_time = Math.max(d.max_time, ws.max_time);
  d.event_count += ws.event_count;
  d.active_count += ws.active_count;
  d.relax_count += ws.relax_count;
  d.expire_count += ws.expire_count;
  d.wakeup_count += ws.wakeup_count;
}

/** wakeup_source_activate(): one more event in progress. */
function wakeup_source_activate(ws: wakeup_source): void {
  ws.active = true;
  ws.active_count++;
  ws.last_time = ktime_get();
  wakeupState().in_progress++;
  trace_event('power', 'wakeup_source_activate', { name: ws.name, state: combined() });
}

/** wakeup_source_report_event(): counted, activated, and with `hard` the suspend in progress aborted. */
function wakeup_source_report_event(ws: wakeup_source, hard: boolean): void {
  ws.event_count++;
  if (wakeupState().events_check_enabled) ws.wakeup_count++;
  if (!ws.active) wakeup_source_activate(ws);
  if (hard) pm_system_wakeup();
}

export function __pm_stay_awake(ws: wakeup_source | null): void {
  if (!ws) return;
  wakeup_source_report_event(ws, false);
  if (ws.timer) hrtimer_cancel(ws.timer);
  ws.timer_expires = 0;
}

/** wakeup_source_deactivate(): the event is registered and no longer in progress. */
function wakeup_source_deactivate(ws: wakeup_source): void {
  ws.relax_count++;
  if (ws.relax_count !== ws.active_count) {
    ws.relax_count--;
    return;
  }
  ws.active = false;
  const now = ktime_get();
  const duration = now - ws.last_time;
  ws.total_time += duration;
  ws.max_time = Math.max(ws.max_time, duration);
  ws.last_time = now;
  if (ws.timer) hrtimer_cancel(ws.timer);
  ws.timer_expires = 0;
  const s = wakeupState();
  s.in_progress--;
  s.event_count++;
  trace_event('power', 'wakeup_source_deactivate', { name: ws.name, state: combined() });
}

export function __pm_relax(ws: wakeup_source | null): void {
  if (ws?.active) wakeup_source_deactivate(ws);
}

/** pm_wakeup_ws_event(): an event that keeps the system awake for `msec` (0: registered at once). */
export function pm_wakeup_ws_event(ws: wakeup_source | null, msec: number, hard: boolean): void {
  if (!ws) return;
  wakeup_source_report_event(ws, hard);
  if (!msec) {
    wakeup_source_deactivate(ws);
    return;
  }
  const expires = ktime_get() + msec * NSEC_PER_MSEC;
  if (!ws.timer_expires || expires > ws.timer_expires) {
    ws.timer ??= hrtimer_create(`wakeup:${ws.name}`, () => {
      // pm_wakeup_timer_fn()
      if (ws.active && ws.timer_expires && ktime_get() >= ws.timer_expires) {
        wakeup_source_deactivate(ws);
        ws.expire_count++;
      }
    });
    hrtimer_start(ws.timer, expires);
    ws.timer_expires = expires;
  }
}
export const __pm_wakeup_event = (ws: wakeup_source | null, msec: number): void => pm_wakeup_ws_event(ws, msec, false);

/** pm_system_wakeup(): abort a suspend in progress, or wake the system from s2idle. */
export function pm_system_wakeup(): void {
  wakeupState().pm_abort_suspend++;
}

/** pm_system_irq_wakeup(): an armed wake IRQ fired while suspended; the first becomes /sys/power/pm_wakeup_irq. */
export function pm_system_irq_wakeup(irq: number): void {
  const w = wakeupState().wakeup_irq;
  if (w[0] === 0) w[0] = irq; else if (w[1] === 0) w[1] = irq; else irq = 0;
  pm_pr_dbg(`Triggering wakeup from IRQ ${irq}`);
  pm_system_wakeup();
}

export const pm_wakeup_irq = (): number => wakeupState().wakeup_irq[0];

/** pm_wakeup_clear(): freeze_processes() starts a transition with no wake IRQ and no abort (irq_number 0). */
export function pm_wakeup_clear(irq_number: number): void {
  const s = wakeupState();
  const w = s.wakeup_irq;
  s.wakeup_irq = [irq_number && w[0] === irq_number ? w[1] : 0, 0];
  if (!irq_number) s.pm_abort_suspend = 0;
}

/** pm_print_active_wakeup_sources(): which source holds the system awake (pm_debug_messages). */
function pm_print_active_wakeup_sources(): void {
  for (const ws of wakeupState().sources) if (ws.active) pm_pr_dbg(`active wakeup source: ${ws.name}`);
}

/** pm_wakeup_pending(): true when events arrived since wakeup_count was saved, one is in progress, or a wakeup aborted the transition. */
export function pm_wakeup_pending(): boolean {
  const s = wakeupState();
  let ret = false;
  if (s.events_check_enabled) {
    ret = s.event_count !== s.saved_count || s.in_progress > 0;
    s.events_check_enabled = !ret;
  }
  if (ret) {
    pm_pr_dbg('Wakeup pending, aborting suspend');
    pm_print_active_wakeup_sources();
  }
  return ret || s.pm_abort_suspend > 0;
}

/** pm_get_wakeup_count() without blocking: the count, and whether no event is in progress. */
export function pm_get_wakeup_count(): { count: number; idle: boolean } {
  const s = wakeupState();
  return { count: s.event_count, idle: s.in_progress === 0 };
}

/** pm_save_wakeup_count(): arms the check only if nothing happened since `count` was read. */
export function pm_save_wakeup_count(count: number): boolean {
  const s = wakeupState();
  s.events_check_enabled = false;
  if (s.event_count === count && s.in_progress === 0) {
    s.saved_count = count;
    s.events_check_enabled = true;
  }
  return s.events_check_enabled;
}

/** The stats a wakeup source shows at `now` (print_wakeup_source_stats and the wakeup class attributes), in ms. */
export function wakeup_source_stats(ws: wakeup_source, now = ktime_get()): { active_time: number; total_time: number; max_time: number; last_change: number; prevent_suspend_time: number } {
  const active = ws.active ? now - ws.last_time : 0;
  const ms = (ns: number): number => Math.floor(ns / NSEC_PER_MSEC);
  return {
    active_time: ms(active), total_time: ms(ws.total_time + active), max_time: ms(Math.max(ws.max_time, active)),
    last_change: ms(ws.last_time), prevent_suspend_time: ms(ws.prevent_sleep_time),
  };
}

/** device_wakeup_enable/disable()'s wakeup source: named after the device, registered while wakeup is enabled. */
export function device_wakeup_set_source(dev: device, enable: boolean): void {
  dev.power.should_wakeup = enable;
  if (enable && !dev.power.wakeup) dev.power.wakeup = wakeup_source_register(dev, dev.kobj.name || dev.init_name || '');
  if (!enable && dev.power.wakeup) {
    wakeup_source_unregister(dev.power.wakeup);
    dev.power.wakeup = null;
  }
}

/** pm_stay_awake/pm_relax/pm_wakeup_dev_event(): the device's source, when wakeup is enabled. */
export const pm_stay_awake = (dev: device): void => __pm_stay_awake(dev.power.wakeup);
export const pm_relax = (dev: device): void => __pm_relax(dev.power.wakeup);
export const pm_wakeup_dev_event = (dev: device, msec: number, hard: boolean): void => pm_wakeup_ws_event(dev.power.wakeup, msec, hard);
