// Helpers of the network tests: a process enters a new network namespace with unshare(CLONE_NEWNET); the default machine with its NIC.
import { CLONE_NEWNET } from '../../../kernel-sim/net/core/net_namespace.ts';
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';

const default_dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');

/** The default machine booted: its virtio-net NIC at 00:06.0 with the user-mode network behind it. */
export function boot_default(): Machine {
  const m = new Machine({ dts: default_dts, dtsName: 'default.dts' });
  m.boot();
  return m;
}

/** unshare(CLONE_NEWNET): the caller gets a new network namespace; throws if the kernel refuses. */
export function* enter_new_netns(c: Libc): KGen<void> {
  const r = yield* c.syscall('unshare', CLONE_NEWNET);
  if (r < 0) throw new Error(`unshare(CLONE_NEWNET) = ${r}`);
}

/** Runs `cmd` through sh in a child that lives in a new network namespace; returns the child's status. */
export function* in_new_netns(c: Libc, cmd: string): KGen<number> {
  const pid = yield* c.fork(function* (cc) {
    yield* enter_new_netns(cc);
    return yield* cc.execve('/bin/sh', ['sh', '-c', cmd]);
  });
  const w = yield* c.waitpid(pid);
  return typeof w === 'number' ? w : w[1] >> 8;
}

