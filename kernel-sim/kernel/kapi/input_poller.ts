// Polled input devices for C drivers (drivers/input/input-poller.c's exports): the driver's poll_fn called with its struct input_dev from the poller's work.
import type { KGen } from '../../include/linux/sched.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { input_get_poll_interval, input_set_max_poll_interval, input_set_min_poll_interval, input_set_poll_interval, input_setup_polling } from '../../drivers/input/input-poller.ts';
import { call_slot } from '../module/fops.ts';
import { calling_module } from '../module/runtime.ts';
import { c_dev } from './input.ts';
import { EXPORT_KAPI } from './registry.ts';

/** input_setup_polling(dev, poll_fn): poll_fn runs in the worker's process context, so it may take a mutex and sleep. */
function c_input_setup_polling(addr: number, poll_fn: number): number {
  const d = c_dev(addr);
  if (!d || !poll_fn) return -EINVAL;
  const mod = calling_module();
  return input_setup_polling(d, function* (): KGen<void> { yield* call_slot(poll_fn, [addr], 'input poll', mod); });
}

/** The setters of an interval in ms (unsigned int). */
const setter = (fn: typeof input_set_poll_interval) => (addr: number, interval: number): void => { const d = c_dev(addr); if (d) fn(d, interval >>> 0); };

export const ksymtab = EXPORT_KAPI({
  input_setup_polling: c_input_setup_polling,
  input_set_poll_interval: setter(input_set_poll_interval),
  input_set_min_poll_interval: setter(input_set_min_poll_interval),
  input_set_max_poll_interval: setter(input_set_max_poll_interval),
  input_get_poll_interval: (addr: number) => { const d = c_dev(addr); return d ? input_get_poll_interval(d) : -EINVAL; },
});
