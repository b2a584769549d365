// Mount ids and anonymous device numbers as Linux 6.1 hands them out (issue 15, ns_mnt's mountinfo line): ida_alloc
// from 0, so the kernel's internal mounts (shm_mnt, nsfs, sockfs, pipefs ...) take ids before rootfs's namespace is
// populated, and a dead superblock's anonymous minor and its mounts' ids go back for the next ones.
// Both come from lib/idr.ts's IDA (mnt_id_ida, unnamed_dev_ida).
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { q35, sh } from '../modules/helpers.ts';

let m: Machine;
beforeAll(() => { m = q35({}); }, 120_000);

const NS_MNT = `unshare -m sh -c 'mount -t tmpfs inner /mnt; grep " /mnt " /proc/self/mountinfo'`;
const ids = (mountinfo: string): number[] => mountinfo.trim().split('\n').map((l) => Number(l.split(' ')[0]));

describe('mount ids', () => {
  it('rootfs is mount 1 (shm_mnt took 0); a pipe lives on pipe_mnt, an internal mount of no namespace, made before /init mounted anything', () => {
    const info = sh(m, 'cat /proc/self/mountinfo');
    expect(info).toMatch(/^1 1 0:2 \/ \/ rw - rootfs rootfs /);
    const pipe_id = Number(/mnt_id:\t(\d+)/.exec(sh(m, 'sleep 0 | cat /proc/self/fdinfo/0'))![1]);
    expect(pipe_id).toBeGreaterThan(1);
    expect(ids(info)).not.toContain(pipe_id);
    for (const id of ids(info).slice(1)) expect(id).toBeGreaterThan(pipe_id);
  });

  it('securityfs, hugetlbfs, mqueue and debugfs were mounted internally at boot: a later mount shows the superblock made before /proc\'s', () => {
    const minor = (l: string): number => Number(l.split(' ')[2]!.split(':')[1]);
    const out = sh(m, `unshare -m sh -c 'for t in securityfs hugetlbfs mqueue debugfs; do mkdir -p /tmp/k$t; mount -t $t none /tmp/k$t; done; cat /proc/self/mountinfo'`);
    const lines = out.trim().split('\n');
    const proc = minor(lines.find((l) => l.includes(' /proc '))!);
    for (const t of ['securityfs', 'hugetlbfs', 'mqueue', 'debugfs']) expect(minor(lines.find((l) => l.includes(` /tmp/k${t} `))!)).toBeLessThan(proc);
  });

  it('bdev, dax, dmabuf, iomem, tracefs, anon_inodefs and apparmorfs (with aa_null\'s securityfs pin) are mounted internally at boot, never registered, and /init mounts no devpts: ns_mnt\'s ids and minor count them', () => {
    // Linux 6.1 on this machine: ids 0..19 internal (shm, rootfs 1, bdev, nsfs, devtmpfs, securityfs, sockfs, debugfs,
    // dax, dmabuf, iomem, tracefs, pipefs, anon_inodefs, hugetlbfs, aio, apparmorfs, securityfs again, mqueue), /init's
    // five mounts, the namespace copy of those six from 24, the tmpfs at 30 with the 23rd anonymous minor.
    expect(sh(m, NS_MNT)).toBe('30 24 0:23 / /mnt rw,relatime - tmpfs inner rw,inode64\n');
    const fs = sh(m, 'cat /proc/filesystems');
    for (const t of ['bdev', 'dax', 'dmabuf', 'iomem', 'anon_inodefs', 'apparmorfs']) expect(fs).not.toContain(`\t${t}\n`);
    expect(sh(m, 'grep -c devpts /proc/mounts')).toBe('0\n');
    expect(sh(m, `unshare -m sh -c 'mount -t securityfs none /mnt; ls /mnt'`)).toBe('apparmor\n');
  });

  it('a namespace gone (unshare --mount-proc) gives its ids and its proc superblock\'s anonymous minor back: ns_mnt reads the same line', () => {
    const before = sh(m, NS_MNT);
    expect(before).toMatch(/^\d+ \d+ 0:\d+ \/ \/mnt rw,relatime - tmpfs inner rw,inode64\n$/);
    sh(m, 'unshare -p -f --mount-proc true');
    expect(sh(m, NS_MNT)).toBe(before);
  });
});
