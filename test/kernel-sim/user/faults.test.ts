// A C program's faults (test/fixtures/user/faults.c) are user faults, not kernel oopses: a stack past RLIMIT_STACK
// and a wild write are SIGSEGV, division by zero SIGFPE, __builtin_trap SIGILL, each killing the program as
// force_sig_fault does (a core only with RLIMIT_CORE), with nothing in dmesg's oops format.
import { describe, it, expect, beforeAll } from 'vitest';
import { machine, program, sh } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  m = machine();
  m.putFile('/root/faults', await program('test/fixtures/user/faults.c'), 0o755);
}, 300_000);

describe('user faults', () => {
  it('RLIMIT_STACK bounds the stack: ulimit -s 16 stops a recursion the default stack holds, with SIGSEGV', () => {
    // 100 frames of ~272 bytes is ~27 KiB: within the default limit, past 16 KiB.
    expect(sh(m, '/root/faults stack 100; echo rc=$?')).toBe('stack\ndepth 100: 5050\nrc=0\n');
    expect(sh(m, 'sh -c "ulimit -s 16; /root/faults stack 100"; echo rc=$?')).toBe('stack\nSegmentation fault\nrc=139\n');
    expect(sh(m, 'sh -c "ulimit -s 16; /root/faults stack 40"; echo rc=$?')).toBe('stack\ndepth 40: 820\nrc=0\n');
  });

  it('a stack that outgrows what the program was linked with is SIGSEGV too, with a core only under RLIMIT_CORE', () => {
    expect(sh(m, '/root/faults stack 1000; echo rc=$?')).toBe('stack\nSegmentation fault\nrc=139\n');
    expect(sh(m, 'sh -c "ulimit -c unlimited; /root/faults stack 1000"; echo rc=$?')).toBe('stack\nSegmentation fault (core dumped)\nrc=139\n');
  });

  it('division by zero is SIGFPE, __builtin_trap SIGILL, a wild write SIGSEGV; no kernel oops', () => {
    expect(sh(m, '/root/faults div; echo rc=$?')).toBe('div\nFloating point exception\nrc=136\n');
    expect(sh(m, '/root/faults trap; echo rc=$?')).toBe('trap\nIllegal instruction\nrc=132\n');
    expect(sh(m, '/root/faults wild; echo rc=$?')).toBe('wild\nSegmentation fault\nrc=139\n');
    expect(sh(m, 'dmesg | grep -c -e "cut here" -e "invalid opcode"; cat /proc/sys/kernel/tainted')).toBe('0\n0\n');
  });
});
