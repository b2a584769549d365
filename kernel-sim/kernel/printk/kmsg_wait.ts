// Models log_wait of linux/kernel/printk/printk.c: readers of /dev/kmsg and syslog sleep here until a record arrives.
import { defineState } from '../state.ts';
import { wait_queue_head, wake_up_interruptible_all } from '../sched/wait.ts';
import { printkState } from './printk.ts';

const st = defineState('log_wait', () => {
  const wq = new wait_queue_head('log_wait');
  printkState().waiters.add(() => { if (wq.head.length) wake_up_interruptible_all(wq); });
  return wq;
});

export function kmsg_wait(): wait_queue_head {
  return st();
}
