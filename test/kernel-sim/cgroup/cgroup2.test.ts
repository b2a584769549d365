// cgroup2 as the reference shows it: cg_demo's root and child file sets, subtree_control, /proc/self/cgroup, pids, rmdir; /proc/cgroups.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot } from '../core/harness.ts';
import { reference } from '../../fixtures/reference.ts';

let m: Machine;
beforeAll(() => { m = boot(); });

/** The reference's capture function, command for command (capture.sh cg_demo; ls -C: the capture's ls wrote to a terminal). */
const CG_DEMO = [
  'cd /sys/fs/cgroup',
  'echo "cgroup.controllers: $(cat cgroup.controllers)"',
  'echo "cgroup.subtree_control: $(cat cgroup.subtree_control)"',
  'ls -C',
  'echo "+cpu +memory +pids +io" > cgroup.subtree_control',
  'echo "cgroup.subtree_control after enabling: $(cat cgroup.subtree_control)"',
  'mkdir demo',
  'ls -C demo',
  'echo 20 > demo/pids.max',
  `sh -c 'echo $$ > /sys/fs/cgroup/demo/cgroup.procs; echo "child /proc/self/cgroup: $(cat /proc/self/cgroup)"
       echo "demo pids.current=$(cat /sys/fs/cgroup/demo/pids.current) pids.max=$(cat /sys/fs/cgroup/demo/pids.max)"'`,
  'echo "pid 1 /proc/1/cgroup: $(cat /proc/1/cgroup)"',
  'rmdir demo && echo "rmdir demo ok"',
  'cd /',
].join('\n');

const body = (name: string): string[] => reference(name).split('\n').filter((l) => !l.startsWith('# $')).filter(Boolean);
/** The reference's ls is busybox's (every column as wide as the longest name), the workbench's coreutils' (each column its own width): same names, same rows. */
const squeeze = (lines: string[]): string[] => lines.map((l) => l.replace(/ {2,}/g, '  '));

describe('cgroup2 (cg_demo)', () => {
  it('gives the reference output line for line', () => {
    const r = m.runCommand(CG_DEMO);
    expect(squeeze(r.output.split('\n').filter(Boolean))).toEqual(squeeze(body('cgroup2.txt')));
  });

  it('/proc/cgroups right after matches the reference (the removed cgroup is still dying)', () => {
    expect(m.runCommand('cat /proc/cgroups').output.split('\n').filter(Boolean)).toEqual(body('proc-cgroups.txt'));
  });

  it('mounted at /sys/fs/cgroup as cgroup2 at boot, listed in /proc/filesystems', () => {
    expect(m.runCommand('grep cgroup /proc/mounts').output).toBe('cgroup2 /sys/fs/cgroup cgroup2 rw,relatime 0 0\n');
    expect(m.runCommand('grep cgroup /proc/filesystems').output).toBe('nodev\tcgroup\nnodev\tcgroup2\n');
  });
});
