// Guest memory accounting: tasks, kernel stacks, tmpfs and page cache come out of MemFree; a full machine gets ENOSPC
// from tmpfs and the OOM killer for anonymous memory; and a guest process costs the host only the pages it wrote.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot, run, dmesg } from './harness.ts';
import { SIGKILL } from '../../../kernel-sim/include/uapi/signal.ts';
import { ENOMEM, ENOSPC } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';

let m: Machine;
beforeAll(() => { m = boot(); });

/** /proc/meminfo as a map of kB values. */
function meminfo(): Map<string, number> { return parse_meminfo(m.runCommand('cat /proc/meminfo').output); }

function parse_meminfo(text: string): Map<string, number> {
  return new Map(text.trim().split('\n').map((l) => { const [k, v] = l.split(/:\s+/); return [k, parseInt(v, 10)]; }));
}

/** Forks `n` children that sleep; runs `during` while they live; then kills and reaps them. */
function* with_sleepers(c: Libc, n: number, during: (c: Libc) => KGen<void>): KGen<number> {
  const pids: number[] = [];
  let err = 0;
  for (let i = 0; i < n && !err; i++) {
    const pid = yield* c.fork(function* (cc) { yield* cc.nanosleep(3600e9); return 0; });
    if (pid < 0) err = pid;
    else pids.push(pid);
  }
  if (!err) yield* during(c);
  for (const pid of pids) yield* c.kill(pid, SIGKILL);
  for (const _ of pids) yield* c.waitpid(-1);
  return err;
}

const MMAP_RW = [3, 0x22, -1, 0] as const; // PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS

describe('guest memory accounting', () => {
  it('tasks take their address space, kernel stack and page tables out of MemFree, and give them back', () => {
    const before = meminfo();
    let during = new Map<string, number>();
    // The snapshot is taken from inside the test program (the meminfo read is the kernel's, not a shell's).
    expect(run(m, (c) => with_sleepers(c, 20, function* (cc) { during = parse_meminfo(String(yield* cc.read_text('/proc/meminfo'))); })).status).toBe(0);
    expect(during.get('KernelStack')! - before.get('KernelStack')!).toBeGreaterThanOrEqual(20 * 16);
    expect(during.get('AnonPages')! - before.get('AnonPages')!).toBeGreaterThanOrEqual(20 * 1024);
    expect(before.get('MemFree')! - during.get('MemFree')!).toBeGreaterThanOrEqual(20 * (1024 + 16));
    const after = meminfo();
    expect(Math.abs(after.get('MemFree')! - before.get('MemFree')!)).toBeLessThan(1024);
  });

  it('tmpfs pages are Shmem and come out of MemFree; removing the file gives them back', () => {
    const before = meminfo();
    expect(m.runCommand('dd if=/dev/zero of=/tmp/fill bs=1M count=16 2>&1 | head -2').output).toBe('16+0 records in\n16+0 records out\n');
    const full = meminfo();
    expect(full.get('Shmem')! - before.get('Shmem')!).toBe(16384);
    expect(before.get('MemFree')! - full.get('MemFree')!).toBeGreaterThanOrEqual(16384);
    m.runCommand('rm /tmp/fill');
    expect(meminfo().get('Shmem')).toBe(before.get('Shmem'));
  });

  it('with the memory taken by processes, tmpfs refuses a write with ENOSPC', () => {
    let out = '';
    run(m, function* (c) {
      // Children map 40 MiB each (an address space holds at most 64 MiB) until the machine has ~24 MiB left.
      const pids: number[] = [];
      for (let i = 0; i < 16; i++) {
        const free = parse_meminfo(String(yield* c.read_text('/proc/meminfo'))).get('MemFree')!;
        if (free < 64 * 1024) break;
        const mib = Math.min(40, Math.floor(free / 1024) - 24 - 2);
        pids.push(yield* c.fork(function* (cc) { yield* cc.syscall('mmap', 0, mib << 20, ...MMAP_RW); yield* cc.nanosleep(3600e9); return 0; }));
        yield* c.nanosleep(1_000_000);
      }
      const fd = yield* c.open('/tmp/fill', 0o1101, 0o644); // O_WRONLY|O_CREAT|O_TRUNC
      const chunk = new Uint8Array(1 << 20).fill(1);
      let r = 0;
      for (let i = 0; i < 64 && r >= 0; i++) r = yield* c.write(fd, chunk);
      out = `write: ${r}`;
      yield* c.close(fd);
      for (const pid of pids) yield* c.kill(pid, SIGKILL);
      for (const _ of pids) yield* c.waitpid(-1);
      return 0;
    });
    expect(out).toBe(`write: ${-ENOSPC}`);
    m.runCommand('rm /tmp/fill');
  });

  it('anonymous memory beyond the machine brings the OOM killer, which kills the biggest process; the machine goes on', () => {
    const results: number[] = [];
    run(m, function* (c) {
      // Children map 40 MiB each and sleep: the ninth or so finds the machine full.
      const pids: number[] = [];
      for (let i = 0; i < 16; i++) {
        pids.push(yield* c.fork(function* (cc) { results.push(yield* cc.syscall('mmap', 0, 40 << 20, ...MMAP_RW)); yield* cc.nanosleep(3600e9); return 0; }));
        yield* c.nanosleep(1_000_000);
      }
      for (const pid of pids) yield* c.kill(pid, SIGKILL);
      for (const _ of pids) yield* c.waitpid(-1);
      return 0;
    });
    const log = dmesg(m);
    expect(log.some((l) => /invoked oom-killer: gfp_mask=0x140cca\(GFP_HIGHUSER_MOVABLE\|__GFP_COMP\), order=0/.test(l))).toBe(true);
    expect(log.some((l) => l.startsWith('oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,'))).toBe(true);
    expect(log.some((l) => /^Out of memory: Killed process \d+ \(ktest_\d+\) total-vm:\d+kB, anon-rss:\d+kB/.test(l))).toBe(true);
    expect(results).toContain(-ENOMEM);
    expect(results.filter((r) => r >= 0).length).toBeGreaterThan(5);
    expect(m.runCommand('echo alive').output).toBe('alive\n');
    expect(meminfo().get('MemFree')!).toBeGreaterThan(300 * 1024);
  });

  it('a guest process costs the host the pages it wrote, not its whole address space (fork copies pages in use)', () => {
    const rss0 = process.memoryUsage().rss;
    let rss1 = 0;
    // 200 children: each 1 MiB address space counts against the guest's 512 MiB, as memory.current charges it.
    expect(run(m, (c) => with_sleepers(c, 200, function* () { rss1 = process.memoryUsage().rss; })).status).toBe(0);
    // Copying the address space whole cost the host ~1 MiB per process. Now it is the few pages the parent wrote
    // plus the task's bookkeeping (~15 KiB measured); 256 KiB each leaves room for noise.
    expect((rss1 - rss0) / 200).toBeLessThan(256 * 1024);
  });

  it('dd with a 1 MiB block reads through a buffer larger than the libc scratch area', () => {
    expect(m.runCommand('dd if=/dev/zero of=/dev/null bs=1M count=4 2>&1 | head -2').output).toBe('4+0 records in\n4+0 records out\n');
  });
});
