// blkid(8) and udev's persistent storage names on the default machine: the root's LABEL/UUID/TYPE/PARTUUID from its superblock and MBR, -s/-o/-L/-U, and /dev/disk/by-{uuid,label,path,partuuid} made by udev's blkid and path_id builtins.
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

/** The ext2 UUID and the MBR disk signature, read raw from the disk. */
function raw_ids(): { uuid: string; ptuuid: string } {
  const uuid = g.out('dd if=/dev/vda1 bs=1 skip=1128 count=16 2>/dev/null | xxd -p').trim();
  const sig = g.out('dd if=/dev/vda bs=1 skip=440 count=4 2>/dev/null | xxd -p').trim();
  return {
    uuid: `${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20)}`,
    ptuuid: sig.match(/../g)!.reverse().join(''),
  };
}

describe('blkid', () => {
  it('lists the disk table and the ext2 root with the tags in blkid order', () => {
    const { uuid, ptuuid } = raw_ids();
    const out = g.out('blkid');
    expect(out).toContain(`/dev/vda: PTUUID="${ptuuid}" PTTYPE="dos"\n`);
    expect(out).toContain(`/dev/vda1: LABEL="rootfs" UUID="${uuid}" BLOCK_SIZE="4096" TYPE="ext2" PARTUUID="${ptuuid}-01"\n`);
  });

  it('selects tags with -s, prints values or export form, finds devices by label and UUID', () => {
    const { uuid } = raw_ids();
    expect(g.out('blkid -s TYPE -o value /dev/vda1')).toBe('ext2\n');
    expect(g.out('blkid -o export -s LABEL /dev/vda1')).toBe('DEVNAME=/dev/vda1\nLABEL=rootfs\n');
    expect(g.out('blkid -L rootfs')).toBe('/dev/vda1\n');
    expect(g.out(`blkid -U ${uuid}`)).toBe('/dev/vda1\n');
    expect(g.sh('blkid /dev/vdb').status).toBe(2);
  });
});

describe('udev persistent storage links', () => {
  it('makes /dev/disk/by-* for the disks once their events are processed', () => {
    const { uuid, ptuuid } = raw_ids();
    g.sh('udevadm trigger --subsystem-match=block --action=add; udevadm settle');
    // Waiting on the name itself, as a boot script would (virtual time: deterministic).
    g.sh(`n=0; while [ ! -e /dev/disk/by-uuid/${uuid} ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n+1)); done`);
    expect(g.out(`readlink /dev/disk/by-uuid/${uuid} /dev/disk/by-label/rootfs /dev/disk/by-partuuid/${ptuuid}-01`))
      .toBe('../../vda1\n../../vda1\n../../vda1\n');
    const path = g.out('ls /dev/disk/by-path');
    expect(path).toContain('pci-0000:00:03.0\npci-0000:00:03.0-part1\n');
    expect(path).toContain('virtio-pci-0000:00:03.0\n');
    // vdb sits behind the root port and the PCI bridge: path_id names it by its own function only.
    expect(path).toMatch(/^pci-0000:02:01\.0$/m);
    expect(g.out('udevadm info -q property /dev/vda1')).toContain('ID_FS_TYPE=ext2\n');
  });
});
