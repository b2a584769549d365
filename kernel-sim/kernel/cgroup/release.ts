// Models css_killed_work_fn/css_release_work_fn of linux/kernel/cgroup/cgroup.c: a removed cgroup stays "dying" (cgroup.stat, /proc/cgroups) until grace periods pass and nothing charged pins it.
import { defineState } from '../state.ts';
import { SYSCALL_WORK_CGROUP, set_syscall_work } from '../entry/syscall_work.ts';
import { ktime_get } from '../time/timekeeping.ts';
import type { cgroup } from './cgroup-defs.ts';
import { cgroupState } from './cgroup.ts';
import { memcg_usage } from './memcg.ts';

/** css killing and release each wait for an RCU grace period and a workqueue pass. */
const CSS_RELEASE_NS = 50_000_000;

const releaseState = defineState('cgroup_release', () => ({ killed_at: new Map<cgroup, number>() }));

/** rmdir took the cgroup offline: it is counted as dying from now on. */
export function cgroup_kill(cg: cgroup): void {
  const p = cg.parent!;
  cg.dying = true;
  p.children.delete(cg.name);
  p.dying_children.push(cg);
  for (let c: cgroup | null = p; c; c = c.parent) { c.nr_descendants--; c.nr_dying_descendants++; }
  // A dying cgroup holds no task: system calls have cgroup work while a live one below the root exists.
  set_syscall_work(SYSCALL_WORK_CGROUP, cgroupState().root!.nr_descendants > 0);
  releaseState().killed_at.set(cg, ktime_get());
}

/** Frees, lazily, the dying cgroups whose time has come and that no page cache pins (a dying memcg). */
export function cgroup_release_dying(): void {
  const st = releaseState();
  const now = ktime_get();
  for (const [cg, at] of [...st.killed_at]) {
    if (now - at < CSS_RELEASE_NS || memcg_usage(cg) > 0) continue;
    st.killed_at.delete(cg);
    const p = cg.parent!;
    p.dying_children = p.dying_children.filter((x) => x !== cg);
    p.cpu_usage_dead.system += cg.cpu_usage_dead.system + cg.cpu_usage_dead.user;
    for (let c: cgroup | null = p; c; c = c.parent) c.nr_dying_descendants--;
    cgroupState().nr_cgrps--;
  }
}
