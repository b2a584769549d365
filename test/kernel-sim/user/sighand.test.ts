// C signal handlers in user programs (test/fixtures/user/sighand.c): a handler installed with signal() or sigaction()
// runs on the program's stack when the kernel delivers the signal on the way back from a system call, may make system
// calls itself, and returns into the interrupted code (rt_sigreturn's part: the blocked mask restored); SA_RESTART
// decides whether a read() the signal interrupted goes on or fails with EINTR.
import { describe, it, expect, beforeAll } from 'vitest';
import { machine, program, sh } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  m = machine();
  m.putFile('/root/sighand', await program('test/fixtures/user/sighand.c'), 0o755);
}, 300_000);

describe('C signal handlers', () => {
  it('a signal() handler runs when the signal arrives, writes from inside, and stays installed and unblocked after it returns', () => {
    expect(sh(m, '/root/sighand raise; echo rc=$?')).toBe('handler: signal 10\nafter raise: got 10\nhandler: signal 10\nagain: got 10\nrc=0\n');
  });

  it('SA_RESTART: a read() the handled signal interrupted goes on and returns the byte written later', () => {
    expect(sh(m, '/root/sighand restart; echo rc=$?')).toBe("read: 1 'x', handler saw 12\nrc=0\n");
  });

  it('without SA_RESTART the read() fails with EINTR once the handler has run', () => {
    expect(sh(m, '/root/sighand intr; echo rc=$?')).toBe('read: -1 Interrupted system call, handler saw 12\nrc=0\n');
  });

  it('a handler for SIGSEGV runs for a raised SIGSEGV and may end the program itself', () => {
    expect(sh(m, '/root/sighand segv; echo rc=$?')).toBe('caught SIGSEGV (11)\nrc=42\n');
  });
});
