// The user libc's sched.h (unshare, setns) and hostname calls in a C program (test/fixtures/user/nsuts.c): a UTS
// namespace of its own with its own hostname, back to the machine's through a kept /proc/self/ns/uts descriptor, in
// again with nstype 0, and setns refusing a descriptor of another namespace type; the machine's hostname unchanged.
import { describe, it, expect, beforeAll } from 'vitest';
import { machine, program, sh } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  m = machine();
  m.putFile('/root/nsuts', await program('test/fixtures/user/nsuts.c'), 0o755);
}, 300_000);

describe('unshare() and setns() from C', () => {
  it('changes the hostname only inside its own UTS namespace and moves between the two by descriptor', () => {
    expect(sh(m, '/root/nsuts; echo status=$?; hostname')).toBe([
      'before: kwb', 'after unshare: inner', 'setns(uts fd, CLONE_NEWPID): -1 errno 22', 'back: kwb', 'in again: inner',
      'status=0', 'kwb', '',
    ].join('\n'));
  });
});
