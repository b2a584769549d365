// chroot, rlimits and time namespaces: the ulimit builtin, prlimit, RLIMIT_FSIZE's SIGXFSZ, RLIMIT_NOFILE, RLIMIT_AS, RLIMIT_NPROC, chroot(8), and monotonic offsets.
import { describe, it, expect, beforeAll } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { run } from '../core/harness.ts';
import { RLIMIT_AS, RLIMIT_NPROC } from '../../../kernel-sim/include/uapi/resource.ts';
import { EAGAIN, ENOMEM } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';

let m: Machine;
beforeAll(() => { m = new Machine(); m.boot(); });
const sh = (cmd: string): string => m.runCommand(cmd).output;

describe('rlimits', () => {
  it('ulimit shows and sets limits in dash units; a soft limit cannot pass the hard one', () => {
    const out = sh(`ulimit -a | head -4; ulimit -n; ulimit -Hn; sh -c 'ulimit -n 20; ulimit -n; ulimit -Hn 30; ulimit -Hn; ulimit -Sn 40; echo rc=$?'`);
    expect(out).toContain('time(seconds)        unlimited\nfile(blocks)         unlimited\ndata(kbytes)         unlimited\nstack(kbytes)        8192\n');
    expect(out).toContain('1024\n4096\n20\n30\n');
    expect(out).toMatch(/rc=[1-9]/);
  });

  it('prlimit prints the table and runs a command with a limit', () => {
    const out = sh(`prlimit --nofile --nproc; prlimit --nofile=5:50 sh -c 'ulimit -n; ulimit -Hn'`);
    expect(out).toMatch(/^RESOURCE DESCRIPTION +SOFT +HARD UNITS\nNOFILE +max number of open files +1024 +4096 files\nNPROC +max number of processes +\d+ +\d+ processes\n5\n50\n$/);
  });

  it('RLIMIT_FSIZE: a write past it gets SIGXFSZ (no core with RLIMIT_CORE 0)', () => {
    const out = sh(`sh -c 'ulimit -f 1; dd if=/dev/zero of=/tmp/big bs=1k count=4 2>/dev/null'; echo rc=$?; ls -l /tmp/big | tr -s " " | cut -d" " -f5`);
    expect(out).toContain('File size limit exceeded\n');
    expect(out).not.toContain('core dumped');
    expect(out).toContain('rc=153');
    expect(out).toContain('\n512\n');
  });

  it('RLIMIT_NOFILE caps descriptors (EMFILE); RLIMIT_AS refuses growing the address space', () => {
    const out = sh(`sh -c 'ulimit -n 4; cat /proc/self/limits | grep "open files"'`);
    expect(out).toContain('Too many open files');
    const seen: number[] = [];
    run(m, function* (c) {
      const len = 4 << 20;
      seen.push(yield* c.syscall('mmap', 0, len, 3, 0x22, -1, 0));
      yield* c.setrlimit(RLIMIT_AS, 1 << 20, 1 << 20);
      seen.push(yield* c.syscall('mmap', 0, len, 3, 0x22, -1, 0));
      return 0;
    });
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[1]).toBe(-ENOMEM);
  });

  it('RLIMIT_NPROC: a user at its process count gets EAGAIN from fork; root is not held to it', () => {
    const seen: number[] = [];
    run(m, function* (c) {
      const kid = yield* c.fork(function* (cc) {
        yield* cc.setrlimit(RLIMIT_NPROC, 3, 3);
        yield* cc.syscall('setuid', 1000);
        // This process is the user's first; two more fit, the third does not.
        const pids: number[] = [];
        for (let i = 0; i < 3; i++) pids.push(yield* cc.fork(function* (g) { yield* g.syscall('pause'); return 0; }));
        seen.push(...pids.map((p) => (p > 0 ? 1 : p)));
        for (const p of pids) if (p > 0) { yield* cc.syscall('kill', p, 9); yield* cc.waitpid(p); }
        return 0;
      });
      yield* c.waitpid(kid);
      const root = yield* c.fork(function* (cc) {
        yield* cc.setrlimit(RLIMIT_NPROC, 1, 1);
        const p = yield* cc.fork(function* () { return 0; });
        seen.push(p > 0 ? 1 : p);
        if (p > 0) yield* cc.waitpid(p);
        return 0;
      });
      yield* c.waitpid(root);
      return 0;
    });
    expect(seen).toEqual([1, 1, -EAGAIN, 1]);
  });
});

describe('chroot and time namespaces', () => {
  it('chroot runs a command with another root; the path outside it is gone', () => {
    const out = sh(`mkdir -p /tmp/jail; mount --bind /bin /tmp/jail 2>/dev/null || true; mkdir -p /tmp/cr/bin /tmp/cr/etc; mount --bind /bin /tmp/cr/bin; echo inside > /tmp/cr/etc/marker
chroot /tmp/cr /bin/sh -c 'cat /etc/marker; ls /tmp 2>&1 | head -1'; chroot /nonexistent /bin/true; echo rc=$?`);
    expect(out).toContain('inside\n');
    expect(out).toMatch(/No such file or directory/);
    expect(out).toMatch(/chroot: cannot change root directory to '\/nonexistent': No such file or directory\nrc=125/);
  });

  it('a time namespace shifts CLOCK_MONOTONIC by its offset; offsets are fixed once a task is inside', () => {
    const out = sh(`unshare -T --monotonic 86400 --fork sh -c 'cat /proc/self/timens_offsets; echo "monotonic 5 0" > /proc/self/timens_offsets; echo rc=$?'`);
    expect(out).toContain('monotonic 86400 0\nboottime 0 0\n');
    expect(out).toMatch(/rc=[1-9]/);
  });
});
