// Helpers of the network tests: a process enters a new network namespace the way unshare(CLONE_NEWNET) makes one.
import { current } from '../../../kernel-sim/kernel/sched/core.ts';
import { copy_net_ns, CLONE_NEWNET, type net } from '../../../kernel-sim/net/core/net_namespace.ts';
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';

/** What unshare(CLONE_NEWNET) does to the caller's nsproxy, done directly (the test's stand-in for unshare -n). */
export function enter_new_netns(): net {
  const t = current();
  const n = copy_net_ns(CLONE_NEWNET, null, t.nsproxy.net_ns as net) as net;
  t.nsproxy = { ...t.nsproxy, net_ns: n };
  return n;
}

/** Runs `cmd` through sh in a child that lives in a new network namespace; returns the child's status. */
export function* in_new_netns(c: Libc, cmd: string): KGen<number> {
  const pid = yield* c.fork(function* (cc) {
    enter_new_netns();
    return yield* cc.execve('/bin/sh', ['sh', '-c', cmd]);
  });
  const w = yield* c.waitpid(pid);
  return typeof w === 'number' ? w : w[1] >> 8;
}

