// Models linux/fs/proc/loadavg.c: /proc/loadavg, "avg1 avg5 avg15 running/threads last_pid".
import { runqueue } from '../../kernel/sched/core.ts';
import { init_nsproxy } from '../../kernel/nsproxy.ts';
import { seq_puts, type seq_file } from '../seq_file.ts';
import { proc_create_single } from './generic.ts';

/** Load averages; the scheduler does not keep avenrun yet, so they read 0.00. */
function loadavg_proc_show(m: seq_file): number {
  const rq = runqueue();
  const running = rq.queue.length + (rq.curr ? 1 : 0);
  const threads = [...rq.tasks.values()].filter((t) => !t.exit_state).length;
  const last = init_nsproxy()?.pid_ns_for_children.last_pid ?? 0;
  seq_puts(m, `0.00 0.00 0.00 ${running}/${threads} ${last}\n`);
  return 0;
}

export function proc_loadavg_init(): number {
  proc_create_single('loadavg', 0, null, loadavg_proc_show);
  return 0;
}
