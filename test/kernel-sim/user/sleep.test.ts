// Sleeping from a C program (test/fixtures/user/sleepc.c): the user libc's struct timespec has the kernel's layout
// (x86-64's __kernel_timespec, two 64-bit fields, as x32 has it), so nanosleep(), usleep() and sleep() ask for what
// the program asked and virtual time moves by it. With a 32-bit time_t and tv_nsec the kernel read tv_nsec into
// tv_sec's upper half: a 20 ms sleep asked for 2.7 billion years (or EINVAL, by what followed on the stack).
import { describe, it, expect, beforeAll } from 'vitest';
import { machine, program, sh } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  m = machine();
  m.putFile('/root/sleepc', await program('test/fixtures/user/sleepc.c'), 0o755);
}, 300_000);

describe('sleeping from C', () => {
  it('passes each request to nanosleep(2) as written', () => {
    const out = sh(m, 'strace /root/sleepc 2>&1');
    expect(out).toContain('nanosleep({tv_sec=0, tv_nsec=20000000}, NULL) = 0');
    expect(out).toContain('nanosleep({tv_sec=0, tv_nsec=30000000}, NULL) = 0');
    expect(out).toMatch(/nanosleep\(\{tv_sec=1, tv_nsec=0\}, \S+\) = 0/);
    expect(out).toContain('nanosleep=0 usleep=0 sleep=0');
  });

  it('sleeps for the time asked, in virtual time', () => {
    const uptime = (): number => Number(sh(m, 'cat /proc/uptime').split(' ')[0]);
    const before = uptime();
    expect(sh(m, '/root/sleepc')).toBe('nanosleep=0 usleep=0 sleep=0\n');
    const slept = uptime() - before;
    expect(slept).toBeGreaterThan(1.04); // 1.05 s asked; /proc/uptime counts in hundredths
    expect(slept).toBeLessThan(2);
  });
});
