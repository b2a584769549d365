// cgroup2's rules as Linux applies them: subtree_control (order, no internal processes, ENOENT/EBUSY/EINVAL), migration and its permissions, hierarchy limits, threaded subtrees, /proc/PID/cgroup in a cgroup namespace.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot, run } from '../core/harness.ts';
import { EACCES, EBUSY, EINVAL, ENOENT, EOPNOTSUPP, ESRCH, EAGAIN } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { write_file } from './helpers.ts';

let m: Machine;
beforeAll(() => { m = boot(); });


/** Runs writes in order inside the guest; returns each write's result (0 or -errno). */
function writes(list: [string, string][]): number[] {
  const out: number[] = [];
  run(m, function* (c) {
    for (const [p, t] of list) out.push(yield* write_file(c, `/sys/fs/cgroup/${p}`, t));
    return 0;
  });
  return out;
}
const cat = (p: string): string => m.runCommand(`cat /sys/fs/cgroup/${p}`).output;

describe('cgroup.subtree_control', () => {
  it('enables only what cgroup.controllers offers, top down; disabling under an enabled child is EBUSY; unknown names EINVAL', () => {
    m.runCommand('mkdir -p /sys/fs/cgroup/a/b');
    expect(cat('a/cgroup.controllers')).toBe('\n');
    expect(writes([['a/cgroup.subtree_control', '+pids']])).toEqual([-ENOENT]);
    expect(writes([
      ['cgroup.subtree_control', '+pids +memory'], ['a/cgroup.subtree_control', '+pids'], ['a/cgroup.subtree_control', '+bogus'],
      ['a/cgroup.subtree_control', 'pids'], ['a/cgroup.subtree_control', '+cpuacct'], ['cgroup.subtree_control', '-pids'],
      ['a/cgroup.subtree_control', '+memory -memory'],
    ])).toEqual([0, 0, -EINVAL, -EINVAL, -EINVAL, -EBUSY, 0]);
    expect(cat('a/cgroup.controllers')).toBe('memory pids\n');
    expect(cat('a/cgroup.subtree_control')).toBe('pids\n');
    expect(m.runCommand('ls /sys/fs/cgroup/a/b | grep -c "^pids\\."').output).toBe('4\n');
    expect(m.runCommand('ls /sys/fs/cgroup/a/b | grep "^memory\\." | grep -vc pressure').output).toBe('0\n');
    expect(writes([['a/cgroup.subtree_control', '-pids']])).toEqual([0]);
    expect(m.runCommand('ls /sys/fs/cgroup/a/b | grep -c "^pids\\."').output).toBe('0\n');
  });

  it('no internal processes: a cgroup with tasks cannot enable domain controllers, and tasks cannot enter one that has', () => {
    m.runCommand('mkdir -p /sys/fs/cgroup/busy/kid');
    const r: number[] = [];
    run(m, function* (c) {
      r.push(yield* write_file(c, '/sys/fs/cgroup/busy/cgroup.procs', '0'));
      r.push(yield* write_file(c, '/sys/fs/cgroup/busy/cgroup.subtree_control', '+memory'));
      // Threaded controllers may still be enabled beside the tasks (the cgroup can be a thread root).
      r.push(yield* write_file(c, '/sys/fs/cgroup/busy/cgroup.subtree_control', '+pids'));
      r.push(yield* write_file(c, '/sys/fs/cgroup/cgroup.procs', '0'));
      r.push(yield* write_file(c, '/sys/fs/cgroup/busy/cgroup.subtree_control', '+memory'));
      r.push(yield* write_file(c, '/sys/fs/cgroup/busy/cgroup.procs', '0'));
      r.push(yield* write_file(c, '/sys/fs/cgroup/busy/kid/cgroup.procs', '0'));
      r.push(yield* write_file(c, '/sys/fs/cgroup/cgroup.procs', '0'));
      return 0;
    });
    expect(r).toEqual([0, -EBUSY, 0, 0, 0, -EBUSY, 0, 0]);
  });
});

describe('migration', () => {
  it('cgroup.procs moves the whole process; /proc/PID/cgroup follows; no such pid is ESRCH; kernel threads EINVAL', () => {
    m.runCommand('mkdir /sys/fs/cgroup/mv');
    const r = m.runCommand('sleep 100 & p=$!; echo $p > /sys/fs/cgroup/mv/cgroup.procs; cat /proc/$p/cgroup; grep -c $p /sys/fs/cgroup/mv/cgroup.procs; cat /sys/fs/cgroup/mv/cgroup.events; kill $p; wait');
    expect(r.output).toBe('0::/mv\n1\npopulated 1\nfrozen 0\n');
    expect(writes([['mv/cgroup.procs', '99999'], ['mv/cgroup.procs', '2'], ['mv/cgroup.procs', 'x']])).toEqual([-ESRCH, -EINVAL, -EINVAL]);
  });

  it('an unprivileged writer needs write access to cgroup.procs of the common ancestor (delegation by chown)', () => {
    m.runCommand('mkdir -p /sys/fs/cgroup/deleg/x /sys/fs/cgroup/deleg/y');
    const r: number[] = [];
    const attempt = (): void => {
      run(m, function* (c) {
        yield* write_file(c, '/sys/fs/cgroup/deleg/x/cgroup.procs', '0');
        const pid = yield* c.fork(function* (cc) {
          yield* cc.syscall('setgid', 1000);
          yield* cc.syscall('setuid', 1000);
          return -(yield* write_file(cc, '/sys/fs/cgroup/deleg/y/cgroup.procs', '0'));
        });
        const w = yield* c.waitpid(pid);
        r.push(typeof w === 'number' ? w : -(w[1] >> 8));
        yield* write_file(c, '/sys/fs/cgroup/cgroup.procs', '0');
        return 0;
      });
    };
    attempt();
    // Delegation: the subtree's cgroup.procs files (and the destination's) handed to the user, as `chown` would.
    run(m, function* (c) {
      for (const p of ['deleg/cgroup.procs', 'deleg/y/cgroup.procs', 'deleg/x/cgroup.procs']) yield* c.syscall('chown', c.cstr(`/sys/fs/cgroup/${p}`), 1000, 1000);
      return 0;
    });
    attempt();
    expect(r.map((x) => x + 0)).toEqual([-EACCES, 0]);
  });
});

describe('hierarchy limits and types', () => {
  it('cgroup.max.depth and cgroup.max.descendants make mkdir fail with EAGAIN; cgroup.stat counts descendants', () => {
    const r = m.runCommand([
      'cd /sys/fs/cgroup; mkdir lim; echo 1 > lim/cgroup.max.depth; echo 2 > lim/cgroup.max.descendants',
      'mkdir lim/c1 && echo c1; mkdir lim/c1/deep 2>/dev/null || echo deep refused; mkdir lim/c2 && echo c2; mkdir lim/c3 2>/dev/null || echo c3 refused',
      'cat lim/cgroup.stat lim/cgroup.max.depth; echo max > lim/cgroup.max.depth; cat lim/cgroup.max.depth; cd /',
    ].join('\n'));
    expect(r.output).toBe('c1\ndeep refused\nc2\nc3 refused\nnr_descendants 2\nnr_dying_descendants 0\n1\nmax\n');
    expect(EAGAIN).toBe(11);
    expect(m.runCommand('rmdir /sys/fs/cgroup/lim 2>&1; echo $?').output).toMatch(/Device or resource busy\n1\n$/);
  });

  it('cgroup.type: a child turns threaded, its parent becomes "domain threaded"; domain controllers are refused there', () => {
    m.runCommand('mkdir -p /sys/fs/cgroup/tr/t1; echo "+memory +pids" > /sys/fs/cgroup/cgroup.subtree_control');
    expect(cat('tr/t1/cgroup.type')).toBe('domain\n');
    expect(writes([
      ['tr/cgroup.subtree_control', '+pids'], ['tr/t1/cgroup.type', 'domain'], ['tr/t1/cgroup.type', 'threaded'],
      ['tr/cgroup.subtree_control', '+memory'], ['tr/t1/cgroup.subtree_control', '+pids'],
    ])).toEqual([0, -EINVAL, 0, -EOPNOTSUPP, 0]);
    expect(cat('tr/t1/cgroup.type') + cat('tr/cgroup.type')).toBe('threaded\ndomain threaded\n');
  });
});

describe('cgroup namespace', () => {
  it('/proc/self/cgroup is seen from the namespace root; cgroups outside show as ../', () => {
    m.runCommand('mkdir -p /sys/fs/cgroup/ctr/inner /sys/fs/cgroup/other');
    const r = m.runCommand([
      'echo $$ > /sys/fs/cgroup/ctr/cgroup.procs',
      'sleep 100 & o=$!; echo $o > /sys/fs/cgroup/other/cgroup.procs',
      'unshare -C sh -c "cat /proc/self/cgroup; cat /proc/$o/cgroup; echo \\$\\$ > /sys/fs/cgroup/ctr/inner/cgroup.procs; cat /proc/self/cgroup"',
      'kill $o; wait; echo $$ > /sys/fs/cgroup/cgroup.procs',
    ].join('\n'));
    expect(r.output).toBe('0::/\n0::/../other\n0::/inner\n');
  });
});

describe('systemd-cgls', () => {
  it('prints the tree with each cgroup\'s processes (kernel threads with -k only)', () => {
    m.runCommand('mkdir -p /sys/fs/cgroup/cgls/sub');
    const r = m.runCommand('sleep 300 & p=$!; echo $p > /sys/fs/cgroup/cgls/sub/cgroup.procs; systemd-cgls /cgls; systemd-cgls | grep -c "\\[kthreadd\\]"; systemd-cgls -k | grep -c "\\[kthreadd\\]"; kill $p; wait');
    expect(r.output).toMatch(/^Control group \/cgls:\n└─sub\n  └─\d+ sleep 300\n0\n1\n$/);
  });
});
