// lsblk(8) and df(1) in the guest: the default machine's disks as a tree with the root's mount point, filesystem and topology columns from the superblock and the queue, raw and list forms, df's table in 1K blocks, human sizes and inodes, and their errors.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');
let g: { sh(cmd: string): { output: string; status: number }; out(cmd: string): string };
beforeAll(() => {
  const m = new Machine({ dts, dtsName: 'default.dts' });
  m.boot();
  g = { sh: (cmd) => m.runCommand(cmd), out: (cmd) => m.runCommand(cmd).output };
});

describe('lsblk', () => {
  it('draws disks and partitions as a tree with MAJ:MIN aligned on the colon and the root mount point', () => {
    expect(g.out('lsblk')).toBe([
      'NAME   MAJ:MIN RM  SIZE RO TYPE MOUNTPOINTS',
      'vda    254:0    0    1G  0 disk ',
      '└─vda1 254:1    0 1023M  0 part /',
      'vdb    254:16   0  128M  0 disk ',
      '',
    ].join('\n'));
  });

  it('hides RAM disks and empty devices unless -a, and follows -b -d -l -n -p -o', () => {
    expect(g.out('lsblk -a -l -n -o NAME,TYPE')).toContain('ram0 disk\n');
    expect(g.out('lsblk -l -n -o NAME')).not.toContain('ram0');
    expect(g.out('lsblk -b -d -n -o NAME,SIZE')).toBe('vda 1073741824\nvdb  134217728\n');
    expect(g.out('lsblk -p -l -n -o NAME,PKNAME /dev/vda1')).toBe('/dev/vda1 vda\n');
    expect(g.out('lsblk -r -o NAME,MAJ:MIN /dev/vdb')).toBe('NAME MAJ:MIN\nvdb 254:16\n');
  });

  it('probes the ext2 root for -f and reads the queue for -t', () => {
    const uuid = g.out("dd if=/dev/vda1 bs=1 skip=1128 count=16 2>/dev/null | xxd -p").trim();
    const f = g.out('lsblk -f -l -n /dev/vda1');
    expect(f).toMatch(/^vda1 ext2 1\.0 rootfs ([0-9a-f-]{36}) +\d+(\.\d)?M +\d+% \/\n$/);
    expect(f.split(/\s+/)[4]!.replace(/-/g, '')).toBe(uuid);
    g.sh('echo mq-deadline > /sys/block/vdb/queue/scheduler');
    expect(g.out('lsblk -t -n -d /dev/vdb')).toMatch(/^vdb +0 +512 +0 +512 +512 +1 mq-deadline +\d+ +\d+ +0B\n$/);
  });

  it('says which name is not a block device, with exit status 32 when none is', () => {
    expect(g.sh('lsblk /dev/nope')).toEqual({ output: 'lsblk: /dev/nope: not a block device\n', status: 32 });
    expect(g.sh('lsblk -o NAME,BOGUS')).toEqual({ output: 'lsblk: unknown column: BOGUS\n', status: 1 });
  });
});

describe('df', () => {
  it('lists the filesystems with storage in 1K blocks with df minimum column widths', () => {
    const lines = g.out('df').split('\n');
    expect(lines[0]).toBe('Filesystem     1K-blocks  Used Available Use% Mounted on');
    expect(lines[1]).toMatch(/^\/dev\/vda1 +\d+ +\d+ +\d+ +\d+% \/$/);
    expect(g.out('df')).not.toMatch(/^(proc|sysfs) /m);
    expect(g.out('df -a')).toMatch(/^proc +0 +0 +0 +- \/proc$/m);
  });

  it('agrees with statfs arithmetic: used + available never exceeds the size, and Use% rounds up', () => {
    const [, size, used, avail, pct] = /^\/dev\/vda1 +(\d+) +(\d+) +(\d+) +(\d+)%/m.exec(g.out('df /'))!.map(Number);
    expect(used! + avail!).toBeLessThanOrEqual(size!);
    expect(pct).toBe(Math.ceil((used! * 100) / (used! + avail!)));
  });

  it('prints human sizes, types and inodes for an operand, and errors for a missing one', () => {
    expect(g.out('df -Th /')).toMatch(/^Filesystem     Type  Size  Used Avail Use% Mounted on\n\/dev\/vda1      ext2 +\d+M +\d+K +\d+M +\d+% \/\n$/);
    expect(g.out('df -i /')).toMatch(/^Filesystem     Inodes IUsed IFree IUse% Mounted on\n\/dev\/vda1 +65536 +\d+ +\d+ +\d+% \/\n$/);
    expect(g.sh('df /nope')).toEqual({ output: 'df: /nope: No such file or directory\n', status: 1 });
  });
});
