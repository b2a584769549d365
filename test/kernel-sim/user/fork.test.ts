// fork() and clone() in a C program (test/fixtures/user/forkc.c): the running WebAssembly program is copied — its
// stack unwound into its memory, the memory duplicated into a new instance, both rewound into the call — so the
// child returns 0 and the parent the child's pid, memory is separate, exit codes and signals reach waitpid, a fork
// deep in a call chain returns through it in both, and clone(CLONE_NEWPID) runs its function as pid 1.
import { describe, it, expect, beforeAll } from 'vitest';
import { machine, program, sh } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  m = machine();
  m.putFile('/root/forkc', await program('test/fixtures/user/forkc.c'), 0o755);
}, 300_000);

describe('fork() and clone() from C', () => {
  it('copies the program: two returns, separate memory, exit codes, signals, deep frames, a new pid namespace', () => {
    const out = sh(m, '/root/forkc; echo status=$?');
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^parent: pid=\d+$/);
    expect(lines.slice(1)).toEqual([
      'child: fork returned 0, new pid=1, parent\'s child=1, counter=15 note=child',
      'parent: waitpid=child exited=1 code=42 counter=10 note=parent',
      'killed: signaled=1 sig=9',
      // deep(3, 1): local = 3*1+3 = 6, then 3*6+2 = 20, 3*20+1 = 61, 3*61+0 = 183; the parent returns 183 + 3 frames.
      'deep: parent got 186, child exited 55',
      'clone child: pid=1 ppid=0 arg=hello',
      'clone: parent sees pid>1=1, child exited 7',
      'clone(CLONE_VM): -1 errno 38',
      'status=0', '',
    ]);
  });
});
