// cgroup2 controllers enforcing in the simulation: pids.max stops a fork bomb, memory.max OOM-kills a hog with Linux's report, cpu.max throttles in virtual time; freeze and kill.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot, run, dmesg } from '../core/harness.ts';
import { EAGAIN } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { SIGKILL } from '../../../kernel-sim/include/uapi/signal.ts';
import { write_file } from './helpers.ts';

let m: Machine;
beforeAll(() => {
  m = boot();
  m.runCommand('echo "+cpu +memory +pids +io" > /sys/fs/cgroup/cgroup.subtree_control');
});


const cat = (p: string): string => m.runCommand(`cat ${p}`).output;

describe('pids', () => {
  it('a fork bomb inside pids.max 10 gets EAGAIN; pids.events counts it and dmesg says where', () => {
    m.runCommand('mkdir /sys/fs/cgroup/bomb; echo 10 > /sys/fs/cgroup/bomb/pids.max');
    const out = { made: 0, err: 0, current: '' };
    run(m, function* (c) {
      yield* write_file(c, '/sys/fs/cgroup/bomb/cgroup.procs', '0');
      const pids: number[] = [];
      for (let i = 0; i < 1000; i++) {
        const pid = yield* c.fork(function* (cc) { yield* cc.nanosleep(3600e9); return 0; });
        if (pid < 0) { out.err = pid; break; }
        pids.push(pid);
      }
      out.made = pids.length;
      const cur = yield* c.read_text('/sys/fs/cgroup/bomb/pids.current');
      out.current = typeof cur === 'string' ? cur : String(cur);
      for (const pid of pids) yield* c.kill(pid, SIGKILL);
      for (const _ of pids) yield* c.waitpid(-1);
      return 0;
    });
    expect(out.err).toBe(-EAGAIN);
    expect(out.made).toBe(9); // the bomb itself is the tenth
    expect(out.current).toBe('10\n');
    expect(cat('/sys/fs/cgroup/bomb/pids.events')).toBe('max 1\n');
    expect(cat('/sys/fs/cgroup/bomb/pids.peak')).toBe('10\n');
    expect(dmesg(m)).toContain('cgroup: fork rejected by pids controller in /bomb');
    expect(cat('/sys/fs/cgroup/bomb/pids.current')).toBe('0\n');
    expect(m.runCommand('rmdir /sys/fs/cgroup/bomb && echo ok').output).toBe('ok\n');
  });
});

describe('memory', () => {
  it('a hog over memory.max is OOM-killed with the memcg report; memory.events counts oom and oom_kill', () => {
    m.runCommand('mkdir /sys/fs/cgroup/hog; echo 4M > /sys/fs/cgroup/hog/memory.max');
    expect(cat('/sys/fs/cgroup/hog/memory.max')).toBe('4194304\n');
    let status = -1;
    let mapped = 0;
    run(m, function* (c) {
      const pid = yield* c.fork(function* (cc) {
        yield* write_file(cc, '/sys/fs/cgroup/hog/cgroup.procs', '0');
        for (let i = 0; i < 64; i++) {
          const a = yield* cc.syscall('mmap', 0, 256 << 10, 3, 0x22, -1, 0);
          if (a < 0) return 99;
          mapped++;
        }
        return 0;
      });
      const w = yield* c.waitpid(pid);
      if (typeof w !== 'number') status = w[1];
      return 0;
    });
    expect(status & 0x7f).toBe(SIGKILL);
    expect(mapped).toBeGreaterThan(5);
    // The first mappings fit below the stack; then each grows the address space by 256 KiB until 4 MiB are charged.
    expect(mapped).toBeLessThan(24);
    const log = dmesg(m);
    const i = log.findIndex((l) => / invoked oom-killer: gfp_mask=0xcc0\(GFP_KERNEL\), order=0, oom_score_adj=0$/.test(l));
    expect(i).toBeGreaterThanOrEqual(0);
    const report = log.slice(i);
    expect(report).toContain('Memory cgroup stats for /hog:');
    expect(report.some((l) => /^memory: usage \d+kB, limit 4096kB, failcnt \d+$/.test(l))).toBe(true);
    expect(report).toContain('swap: usage 0kB, limit 9007199254740988kB, failcnt 0');
    expect(report).toContain('[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name');
    expect(report.some((l) => /^oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=\(null\),cpuset=\/,mems_allowed=0,oom_memcg=\/hog,task_memcg=\/hog,task=ktest_\d+,pid=\d+,uid=0$/.test(l))).toBe(true);
    expect(report.some((l) => /^Memory cgroup out of memory: Killed process \d+ \(ktest_\d+\) total-vm:\d+kB, anon-rss:\d+kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:\d+kB oom_score_adj:0$/.test(l))).toBe(true);
    const ev = cat('/sys/fs/cgroup/hog/memory.events');
    expect(ev).toMatch(/^low 0\nhigh 0\nmax [1-9]\d*\noom 1\noom_kill 1\noom_group_kill 0\n$/);
    expect(cat('/sys/fs/cgroup/memory.stat')).toMatch(/^anon \d+\nfile \d+\nkernel \d+\nkernel_stack \d+\n/);
    expect(cat('/sys/fs/cgroup/hog/memory.current')).toBe('0\n');
  });

  it('page cache is reclaimed before anything is killed', () => {
    const r = m.runCommand([
      'mkfs.ext2 -q /dev/ram0 && mount -t ext2 /dev/ram0 /mnt',
      'mkdir /sys/fs/cgroup/cache; echo 5M > /sys/fs/cgroup/cache/memory.max; echo $$ > /sys/fs/cgroup/cache/cgroup.procs',
      'dd if=/dev/zero of=/mnt/f bs=64k count=48 2>/dev/null; sync; cat /mnt/f > /dev/null',
      'grep "^file " /sys/fs/cgroup/cache/memory.stat',
    ].join('\n'));
    const file_before = Number(/^file (\d+)$/m.exec(r.output)![1]);
    expect(file_before).toBeGreaterThan(2 << 20);
    let status = -1;
    run(m, function* (c) {
      yield* write_file(c, '/sys/fs/cgroup/cache/cgroup.procs', '0');
      // The first three fit below the stack; eleven more grow it by 2.75 MiB: only reclaim of the file makes room.
      for (let i = 0; i < 14; i++) if ((yield* c.syscall('mmap', 0, 256 << 10, 3, 0x22, -1, 0)) < 0) return 1;
      status = 0;
      return 0;
    });
    expect(status).toBe(0);
    const stat = cat('/sys/fs/cgroup/cache/memory.stat');
    expect(Number(/^file (\d+)$/m.exec(stat)![1])).toBeLessThan(file_before);
    expect(Number(/^pgsteal (\d+)$/m.exec(stat)![1])).toBeGreaterThan(0);
    expect(cat('/sys/fs/cgroup/cache/memory.events')).toMatch(/^low 0\nhigh 0\nmax [1-9]\d*\noom 0\noom_kill 0\n/);
    m.runCommand('echo $$ > /sys/fs/cgroup/cgroup.procs; rm /mnt/f; umount /mnt');
  });
});

describe('cpu', () => {
  it('cpu.max 10% throttles a CPU hog in virtual time; cpu.stat shows the periods and the throttled time', () => {
    m.runCommand('mkdir /sys/fs/cgroup/spin; echo "10000 100000" > /sys/fs/cgroup/spin/cpu.max');
    expect(cat('/sys/fs/cgroup/spin/cpu.max')).toBe('10000 100000\n');
    let wall = 0;
    run(m, function* (c) {
      yield* write_file(c, '/sys/fs/cgroup/spin/cgroup.procs', '0');
      const t0 = yield* c.clock_gettime(1);
      // About 50 ms of CPU work in system calls.
      for (let i = 0; i < 400_000; i++) yield* c.getpid();
      wall = (yield* c.clock_gettime(1)) - t0;
      yield* write_file(c, '/sys/fs/cgroup/cgroup.procs', '0');
      return 0;
    });
    const stat = Object.fromEntries(cat('/sys/fs/cgroup/spin/cpu.stat').trim().split('\n').map((l) => l.split(' ')).map(([k, v]) => [k, Number(v)]));
    expect(stat.nr_throttled).toBeGreaterThan(1);
    expect(stat.throttled_usec).toBeGreaterThan(100_000);
    expect(stat.nr_periods).toBeGreaterThanOrEqual(stat.nr_throttled);
    // 10% of a CPU: the run took about ten times its CPU time.
    expect(wall / 1000).toBeGreaterThan(stat.usage_usec * 5);
    expect(cat('/sys/fs/cgroup/spin/cpu.pressure')).toMatch(/^some avg10=\d+\.\d\d avg60=\d+\.\d\d avg300=\d+\.\d\d total=[1-9]\d*\nfull avg10=0\.00 avg60=0\.00 avg300=0\.00 total=0\n$/);
  });

  it('cpu.max and cpu.weight refuse bad values as Linux does', () => {
    const r = m.runCommand('cd /sys/fs/cgroup/spin; for v in "10" "1000 999" "max 2000000"; do echo "$v" > cpu.max 2>/dev/null || echo "cpu.max $v refused"; done; for v in 0 10001; do echo $v > cpu.weight 2>/dev/null || echo "weight $v refused"; done; echo 250 > cpu.weight; cat cpu.weight; echo 19 > cpu.weight.nice; cat cpu.weight.nice cpu.weight; echo max > cpu.max; cat cpu.max; cd /');
    expect(r.output).toBe('cpu.max 10 refused\ncpu.max 1000 999 refused\ncpu.max max 2000000 refused\nweight 0 refused\nweight 10001 refused\n250\n19\n1\nmax 100000\n');
  });
});

describe('freeze and kill', () => {
  it('cgroup.freeze parks the tasks (cgroup.events frozen 1); cgroup.kill ends them all', () => {
    m.runCommand('mkdir /sys/fs/cgroup/ice');
    const r = m.runCommand([
      'sleep 1000 & echo $! > /sys/fs/cgroup/ice/cgroup.procs',
      'sleep 1000 & echo $! > /sys/fs/cgroup/ice/cgroup.procs',
      'echo 1 > /sys/fs/cgroup/ice/cgroup.freeze; cat /sys/fs/cgroup/ice/cgroup.events',
      'wc -l < /sys/fs/cgroup/ice/cgroup.procs',
      'echo 1 > /sys/fs/cgroup/ice/cgroup.kill; wait; cat /sys/fs/cgroup/ice/cgroup.events; cat /sys/fs/cgroup/ice/cgroup.procs',
      'rmdir /sys/fs/cgroup/ice && echo removed',
    ].join('\n'));
    expect(r.output).toBe('populated 1\nfrozen 1\n2\npopulated 0\nfrozen 1\nremoved\n');
  });
});
