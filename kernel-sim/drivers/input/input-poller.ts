// Models linux/drivers/input/input-poller.c: polled input devices — the driver's poll() every poll_interval ms from a delayed work on system_freezable_wq while the device is open, and the poll/max/min attributes.
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { hrtimer_cancel, hrtimer_create, hrtimer_start, jiffies, ktime_get, msecs_to_jiffies, HZ, TICK_NSEC, type hrtimer } from '../../kernel/time/timekeeping.ts';
import { alloc_workqueue, flush_work, INIT_WORK, queue_work, type work_struct } from '../../kernel/workqueue.ts';
import { kstrto } from '../../kernel/kapi/printk.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import type { device, device_attribute } from '../base/base.ts';
import { dev_err } from '../base/core.ts';
import type { input_dev } from './input.ts';

/** struct input_dev_poller; `timer` is the delayed work's, `seq` counts stops and `armed` is the seq a run was queued in: a run queued before a stop does nothing. */
export interface input_dev_poller {
  poll: (dev: input_dev) => void | KGen<void>;
  /** msec */
  poll_interval: number;
  poll_interval_max: number;
  poll_interval_min: number;
  input: input_dev;
  work: work_struct;
  timer: hrtimer;
  seq: number;
  armed: number;
}

/** system_freezable_wq, where polling runs (frozen with user space across suspend). */
const system_freezable_wq = () => alloc_workqueue('events_freezable');

/** round_jiffies_relative() on CPU 0: a delay of a second or more ends on a whole second (rounded down within its first quarter). */
function round_jiffies_relative(j: number): number {
  const now = jiffies();
  const abs = now + j;
  const rem = abs % HZ;
  const r = rem < HZ / 4 ? abs - rem : abs - rem + HZ;
  return r > now ? r - now : j;
}

function input_dev_poller_queue_work(poller: input_dev_poller): void {
  let delay = msecs_to_jiffies(poller.poll_interval);
  if (delay >= HZ) delay = round_jiffies_relative(delay);
  hrtimer_cancel(poller.timer);
  poller.armed = poller.seq;
  if (!delay) { queue_work(system_freezable_wq(), poller.work); return; }
  hrtimer_start(poller.timer, ktime_get() + delay * TICK_NSEC);
}

function* run_poll(poller: input_dev_poller): KGen<void> {
  const r = poller.poll(poller.input);
  if (r) yield* r;
}

/** input_setup_polling(): the poller the core starts on open and stops on close. */
export function input_setup_polling(dev: input_dev, poll_fn: input_dev_poller['poll']): number {
  const poller: input_dev_poller = {
    poll: poll_fn, poll_interval: 0, poll_interval_max: 0, poll_interval_min: 0, input: dev, seq: 0, armed: 0,
    // input_dev_poller_work(): poll, then queue the next run, unless stopped meanwhile.
    work: INIT_WORK(function* () {
      const seq = poller.seq;
      if (poller.armed !== seq) return;
      yield* run_poll(poller);
      if (seq === poller.seq) input_dev_poller_queue_work(poller);
    }),
    timer: hrtimer_create('input_dev_poller', () => { queue_work(system_freezable_wq(), poller.work); }),
  };
  dev.poller = poller;
  return 0;
}

function input_dev_ensure_poller(dev: input_dev): input_dev_poller | null {
  if (!dev.poller) dev_err(dev.dev.parent ?? dev.dev, 'poller structure has not been set up');
  return dev.poller ?? null;
}

export function input_set_poll_interval(dev: input_dev, interval: number): void {
  const p = input_dev_ensure_poller(dev);
  if (p) p.poll_interval = interval;
}
export function input_set_min_poll_interval(dev: input_dev, interval: number): void {
  const p = input_dev_ensure_poller(dev);
  if (p) p.poll_interval_min = interval;
}
export function input_set_max_poll_interval(dev: input_dev, interval: number): void {
  const p = input_dev_ensure_poller(dev);
  if (p) p.poll_interval_max = interval;
}
export function input_get_poll_interval(dev: input_dev): number {
  return dev.poller ? dev.poller.poll_interval : -EINVAL;
}

/** input_dev_poller_finalize(): at registration, 500 ms when the driver set no interval, and max at least the interval. */
export function input_dev_poller_finalize(poller: input_dev_poller): void {
  if (!poller.poll_interval) poller.poll_interval = 500;
  if (!poller.poll_interval_max) poller.poll_interval_max = poller.poll_interval;
}

/** input_dev_poller_start(): on the first open, one poll at once and the rest every interval (0: polling off). */
export function* input_dev_poller_start(poller: input_dev_poller): KGen<void> {
  if (poller.poll_interval > 0) {
    yield* run_poll(poller);
    input_dev_poller_queue_work(poller);
  }
}

/**
 * input_dev_poller_stop(): no run is left queued, and a run under way queues no next one. Linux's
 * cancel_delayed_work_sync also waits for that run; input_close_device() here cannot sleep, so the wait is
 * input_dev_poller_sync()'s, before the device goes (input_unregister_device).
 */
export function input_dev_poller_stop(poller: input_dev_poller): void {
  poller.seq++;
  hrtimer_cancel(poller.timer);
}

/** Waits for a poll under way to finish. */
export function* input_dev_poller_sync(poller: input_dev_poller): KGen<void> {
  yield* flush_work(poller.work);
}

const poller_of = (dev: device): input_dev_poller => (dev.container as input_dev).poller!;

/** DEVICE_ATTR(poll, 0644): a new interval within [min, max]; an open device is re-armed with it. */
function input_dev_set_poll_interval(dev: device, _attr: device_attribute, buf: string): number {
  const poller = poller_of(dev);
  const v = kstrto(buf, 0, false, 32);
  if (typeof v === 'number') return v;
  const interval = Number(v);
  if (interval < poller.poll_interval_min || interval > poller.poll_interval_max) return -EINVAL;
  poller.poll_interval = interval;
  if (!poller.input.users) return buf.length;
  input_dev_poller_stop(poller);
  if (poller.poll_interval > 0) input_dev_poller_queue_work(poller);
  return buf.length;
}

/** input_poller_attribute_group: poll, max and min, visible on polled devices only. */
export const input_poller_attribute_group: attribute_group = {
  attrs: [
    { name: 'poll', mode: 0o644, show: (dev: device) => `${poller_of(dev).poll_interval}\n`, store: input_dev_set_poll_interval } as device_attribute,
    { name: 'max', mode: 0o444, show: (dev: device) => `${poller_of(dev).poll_interval_max}\n` } as device_attribute,
    { name: 'min', mode: 0o444, show: (dev: device) => `${poller_of(dev).poll_interval_min}\n` } as device_attribute,
  ],
  is_visible: (kobj, attr) => (((kobj.container as device).container as input_dev).poller ? attr.mode : 0),
};
