// Models linux/fs/select.c: poll(2)/ppoll(2), sleeping on every polled file's wait queues until one is ready or time runs out.
import type { KGen } from '../include/linux/sched.ts';
import type { file } from '../include/linux/fs_types.ts';
import { EFAULT, EINVAL, ERESTARTNOHAND } from '../include/uapi/asm-generic/errno.ts';
import { TASK_INTERRUPTIBLE } from '../include/linux/sched.ts';
import { copy_from_user, copy_to_user } from '../mm/uaccess.ts';
import { current, schedule, schedule_hrtimeout, set_current_state } from '../kernel/sched/core.ts';
import { add_wait_queue, init_wait, remove_wait_queue, type wait_queue_head, type wait_queue_entry } from '../kernel/sched/wait.ts';
import { signal_pending } from '../kernel/signal_pending.ts';
import { fget } from './file.ts';
import { RLIMIT_NOFILE } from '../include/uapi/resource.ts';

const POLLNVAL = 0x20;
const DEFAULT_POLLMASK = 0x1 | 0x4 | 0x40 | 0x100;

export function* do_sys_poll(ufds: number, nfds: number, timeout_ns: number): KGen<number> {
  if (nfds < 0 || nfds > current().signal.rlim[RLIMIT_NOFILE].rlim_cur) return -EINVAL;
  const raw = copy_from_user(ufds, nfds * 8);
  if (!raw) return -EFAULT;
  const dv = new DataView(raw.buffer);
  const t = current();
  const entries: [wait_queue_head, wait_queue_entry][] = [];
  let first = true;
  try {
    for (;;) {
      let ready = 0;
      for (let i = 0; i < nfds; i++) {
        const fd = dv.getInt32(i * 8, true);
        const events = dv.getInt16(i * 8 + 4, true);
        let rev = 0;
        if (fd >= 0) {
          const f: file | null = fget(fd);
          if (!f) rev = POLLNVAL;
          else {
            const m = f.f_op.poll
              ? yield* f.f_op.poll(f, { qproc: first ? (_f, wq) => { const w = init_wait(t); add_wait_queue(wq, w); entries.push([wq, w]); } : null })
              : DEFAULT_POLLMASK;
            rev = m & (events | 0x8 | 0x10 | POLLNVAL);
          }
        }
        dv.setInt16(i * 8 + 6, rev, true);
        if (rev) ready++;
      }
      first = false;
      if (ready || timeout_ns === 0) {
        if (copy_to_user(ufds, raw)) return -EFAULT;
        return ready;
      }
      if (signal_pending(t)) return -ERESTARTNOHAND;
      set_current_state(TASK_INTERRUPTIBLE);
      t.wchan = 'do_sys_poll';
      if (timeout_ns > 0) {
        timeout_ns = yield* schedule_hrtimeout(timeout_ns);
        if (timeout_ns <= 0) timeout_ns = 0;
      } else yield* schedule();
      set_current_state(0);
    }
  } finally {
    for (const [wq, w] of entries) remove_wait_queue(wq, w);
  }
}
