// Each class of driver bug gives the report Linux prints (symbolized to function+offset [module] and the learner's file:line), and the machine goes on.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { source, machine, sh, dmesg } from './helpers.ts';
import { ROOT } from '../toolchain/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

const SRC = 'test/fixtures/faults/faults.c';
let ko: Uint8Array;
beforeAll(async () => { ko = await source(SRC, readFileSync(join(ROOT, SRC))); }, 180_000);

/** The source line of the first statement containing `text` (1-based). */
function lineOf(text: string): number {
  return readFileSync(join(ROOT, SRC), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
}

/** insmod's pid and CPU, as the report's own 'CPU: N PID: P Comm: insmod' line gives them (they move with the boot). */
let PID = 0, CPU = 0;

function run(mode: number): { m: Machine; out: string; log: string[] } {
  const m = machine({ '/root/faults.ko': ko });
  const out = sh(m, `insmod /root/faults.ko mode=${mode}; echo rc=$?`);
  const log = dmesg(m);
  const who = log.map((l) => /^CPU: (\d+) PID: (\d+) Comm: insmod /.exec(l)).find(Boolean);
  // A report without that line (lockdep's) still names the task as insmod/PID.
  PID = Number(who?.[2] ?? log.map((l) => /\binsmod\/(\d+)\b/.exec(l)?.[1]).find(Boolean) ?? -1);
  CPU = Number(who?.[1] ?? -1);
  return { m, out, log };
}

/** The machine still runs commands and reports its taint. */
function alive(m: Machine): number {
  expect(sh(m, 'echo alive')).toBe('alive\n');
  return Number(sh(m, 'cat /proc/sys/kernel/tainted'));
}
const TAINT = { B: 1 << 5, D: 1 << 7, W: 1 << 9, O: 1 << 12, E: 1 << 13, L: 1 << 14 };

describe('fault reports from module code', () => {
  it('NULL pointer dereference: Oops with RIP in the faulting function and the caller line; insmod is killed', () => {
    const { m, out, log } = run(1);
    expect(out).toBe('Segmentation fault\nrc=139\n');
    expect(log).toContain('BUG: kernel NULL pointer dereference, address: 0000000000000004');
    expect(log).toContain('#PF: supervisor read access in kernel mode');
    expect(log).toContain('Oops: 0000 [#1] PREEMPT SMP NOPTI');
    expect(log.find((l) => l.startsWith('RIP: 0010:'))).toMatch(new RegExp(`^RIP: 0010:read_b\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[faults\\] ${SRC}:${lineOf('return t->b;')}$`));
    expect(log.some((l) => /^ faults_init\+0x[0-9a-f]+\/0x[0-9a-f]+ \[faults\] /.test(l) && l.endsWith(`${SRC}:${lineOf("read_b(NULL)")}`))).toBe(true);
    expect(log.slice(log.indexOf('Call Trace:'))).toEqual(expect.arrayContaining([' do_init_module+0x4a/0x1e0', ' entry_SYSCALL_64_after_hwframe+0x63/0xcd', 'Modules linked in: faults(OE)', 'CR2: 0000000000000004']));
    expect(alive(m) & TAINT.D).toBeTruthy();
    expect(sh(m, 'cat /proc/modules')).toMatch(/^faults \d+ 0 - Loading 0x[0-9a-f]+ \(OE\)\n$/);
  });

  it('out-of-bounds write on a kmalloc object: KASAN slab-out-of-bounds with the allocation site; the load goes on', () => {
    const { m, out, log } = run(2);
    expect(out).toBe('rc=0\n');
    const i = log.findIndex((l) => l.startsWith('BUG: KASAN: slab-out-of-bounds in faults_init+'));
    expect(log[i]).toMatch(new RegExp(`\\[faults\\] ${SRC}:${lineOf("p[10] = 'x'")}$`));
    expect(log[i + 1]).toMatch(/^Write of size 1 at addr ffff888[0-9a-f]+ by task insmod\/\d+$/);
    expect(log).toContain('Allocated by task ' + /insmod\/(\d+)/.exec(log[i + 1]!)![1] + ':');
    expect(log).toEqual(expect.arrayContaining([' which belongs to the cache kmalloc-16 of size 16', 'The buggy address is located 0 bytes to the right of']));
    expect(log.some((l) => /^ 10-byte region \[ffff888[0-9a-f]+, ffff888[0-9a-f]+\)$/.test(l))).toBe(true);
    expect(alive(m) & TAINT.B).toBeTruthy();
  });

  it('use-after-free read: KASAN report with the allocation and free stacks', () => {
    const { m, log } = run(3);
    expect(log.find((l) => l.startsWith('BUG: KASAN: use-after-free in faults_init+'))).toMatch(new RegExp(`${SRC}:${lineOf('after free')}$`));
    expect(log.some((l) => /^Read of size 4 at addr/.test(l))).toBe(true);
    const freed = log.indexOf(`Freed by task ${PID}:`);
    expect(freed).toBeGreaterThan(0);
    expect(log[freed + 1]).toMatch(new RegExp(`${SRC}:${lineOf('kfree(q);')}$`));
    expect(log).toContain('The buggy address is located 4 bytes inside of');
    expect(alive(m) & TAINT.B).toBeTruthy();
  });

  it('double free: KASAN double-free at the second kfree, which is skipped', () => {
    const { m, out, log } = run(4);
    expect(out).toBe('rc=0\n');
    expect(log.find((l) => l.startsWith('BUG: KASAN: double-free in faults_init+'))).toBeTruthy();
    expect(log.some((l) => /^Free of addr ffff888[0-9a-f]+ by task insmod\/\d+$/.test(l))).toBe(true);
    expect(alive(m) & TAINT.B).toBeTruthy();
  });

  it('unbounded recursion: kernel stack overflow', () => {
    const { m, out, log } = run(5);
    expect(out).toBe('Segmentation fault\nrc=139\n');
    expect(log.some((l) => l.startsWith('BUG: TASK stack guard page was hit at'))).toBe(true);
    expect(log).toContain('kernel stack overflow (double-fault): 0000 [#1] PREEMPT SMP NOPTI');
    expect(log.filter((l) => l.startsWith(' recurse+')).length).toBeGreaterThan(3);
    expect(alive(m) & TAINT.D).toBeTruthy();
  });

  it('an endless loop: the watchdog reports a soft lockup at the loop, taint L', () => {
    const { m, out, log } = run(6);
    expect(out).toBe('Segmentation fault\nrc=139\n');
    expect(log).toContain(`watchdog: BUG: soft lockup - CPU#${CPU} stuck for 22s! [insmod:${PID}]`);
    expect(log.find((l) => l.startsWith('RIP: 0010:'))).toMatch(new RegExp(`^RIP: 0010:faults_init\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[faults\\] ${SRC}:${lineOf('while (READ_ONCE(mode))')}$`));
    const t = alive(m);
    expect(t & TAINT.L).toBeTruthy();
    expect(t & TAINT.D).toBeFalsy();
  });

  it('sleeping with a spinlock held: scheduling while atomic; the preemption count is restored', () => {
    const { m, log } = run(7);
    expect(log).toContain(`BUG: scheduling while atomic: insmod/${PID}/0x00000002`);
    expect(log.some((l) => l.includes(`${SRC}:${lineOf('msleep(10);')}`))).toBe(true);
    expect(log).toContain(`note: insmod[${PID}] exited with preempt_count 1`);
    expect(sh(m, 'sleep 1; echo slept')).toBe('slept\n');
    alive(m);
  });

  it('a spinlock taken twice: spinlock recursion', () => {
    const { m, log } = run(8);
    expect(log).toContain(`BUG: spinlock recursion on CPU#${CPU}, insmod/${PID}`);
    expect(log.some((l) => new RegExp(`^ lock: 0x[0-9a-f]+, \\.magic: dead4ead, \\.owner: insmod/${PID}, \\.owner_cpu: ${CPU}$`).test(l))).toBe(true);
    expect(sh(m, 'sleep 1; echo slept')).toBe('slept\n');
  });

  it('unlocking a mutex that is not held: lockdep bad unlock balance', () => {
    const { m, out, log } = run(9);
    expect(out).toBe('rc=0\n');
    const i = log.indexOf('WARNING: bad unlock balance detected!');
    expect(i).toBeGreaterThan(0);
    expect(log[i + 3]).toBe(`insmod/${PID} is trying to release lock (lock) at:`);
    expect(log[i + 4]).toMatch(new RegExp(`faults_init\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[faults\\] ${SRC}:${lineOf('mutex_unlock(&mtx);\n\t\tbreak;') || lineOf('mutex_unlock(&mtx);')}$`));
    expect(log[i + 5]).toBe('but there are no more locks to release!');
    expect(alive(m) & TAINT.W).toBeTruthy();
  });

  it('BUG_ON: kernel BUG at file:line, invalid opcode, taint D', () => {
    const { m, out, log } = run(10);
    expect(out).toBe('Segmentation fault\nrc=139\n');
    const l = lineOf('BUG_ON(mode == 10)');
    expect(log).toEqual(expect.arrayContaining(['------------[ cut here ]------------', `kernel BUG at ${SRC}:${l}!`, 'invalid opcode: 0000 [#1] PREEMPT SMP NOPTI']));
    expect(alive(m) & TAINT.D).toBeTruthy();
  });

  it('WARN_ON: a warning with the location, taint W, and init succeeds', () => {
    const { m, out, log } = run(11);
    expect(out).toBe('rc=0\n');
    expect(log.find((l) => l.startsWith(`WARNING: CPU: ${CPU} PID: ${PID} at `))).toMatch(new RegExp(`at ${SRC}:${lineOf('WARN_ON(mode == 11)')} faults_init\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[faults\\]$`));
    expect(log).toContain('---[ end trace 0000000000000000 ]---');
    const t = alive(m);
    expect(t & TAINT.W).toBeTruthy();
    expect(t & TAINT.D).toBeFalsy();
    expect(sh(m, 'cat /proc/modules')).toMatch(/^faults \d+ 0 - Live /);
  });

  it('division by zero: divide error with RIP at the division', () => {
    const { m, out, log } = run(12);
    expect(out).toBe('Segmentation fault\nrc=139\n');
    expect(log).toContain('divide error: 0000 [#1] PREEMPT SMP NOPTI');
    expect(log.find((l) => l.startsWith('RIP: 0010:'))).toMatch(new RegExp(`^RIP: 0010:divide\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[faults\\] ${SRC}:${lineOf('return a / b;')}$`));
    expect(alive(m) & TAINT.D).toBeTruthy();
  });

  it('memory still allocated at rmmod is reported like kmemleak, with the allocating line', () => {
    const { m } = run(13);
    expect(sh(m, 'rmmod faults; echo rc=$?')).toBe('rc=0\n');
    const log = dmesg(m);
    expect(log).toContain('kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)');
    expect(log.some((l) => /^unreferenced object 0xffff888[0-9a-f]+ \(size 64\):$/.test(l))).toBe(true);
    expect(log.some((l) => l.includes('leaked by faults'))).toBe(true);
    expect(log.some((l) => /^ {4}\[<[0-9a-f]+>\] faults_init\+0x[0-9a-f]+\/0x[0-9a-f]+ \[faults\] /.test(l) && l.endsWith(`${SRC}:${lineOf('kept = kmalloc(64')}`))).toBe(true);
  });

  it('init failing with resources still held: each is named and released', () => {
    const { m, out, log } = run(14);
    expect(out).toBe("insmod: can't insert '/root/faults.ko': No such device\nrc=1\n");
    // Its major is dynamic (the highest free one: gpiochip holds 254).
    expect(log.some((l) => /^faults: chrdev region 'faults \(\d{3}:0\+1\)' still held after init failed; released$/.test(l))).toBe(true);
    expect(log.some((l) => /^unreferenced object 0xffff888[0-9a-f]+ \(size 32\):$/.test(l))).toBe(true);
    expect(sh(m, 'grep -c faults /proc/devices')).toBe('0\n');
  });

  it('might_sleep in atomic context (mutex_lock under a spinlock): the warning, then the load goes on', () => {
    const { m, out, log } = run(15);
    expect(out).toBe('rc=0\n');
    expect(log).toEqual(expect.arrayContaining(['BUG: sleeping function called from invalid context at kernel/locking/mutex.c:580',
      `in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: ${PID}, name: insmod`, 'preempt_count: 1, expected: 0']));
    expect(alive(m) & TAINT.W).toBeTruthy();
  });
});
