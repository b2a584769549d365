// Filesystem types registered at boot as Linux 6.1 registers them: /proc/filesystems in the reference's order, and the pseudo filesystems (tracefs, securityfs, bpf, hugetlbfs, pstore) mount with their roots' modes.
import { beforeAll, describe, expect, it } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { reference } from '../../fixtures/reference.ts';

let m: Machine;
beforeAll(() => { m = new Machine({}); m.boot(); });

describe('filesystem types', () => {
  it('/proc/filesystems lists the reference\'s types in its order (but the configfs module, not here yet)', () => {
    const ref = reference('proc-filesystems.txt').trim().split('\n').slice(1).filter((l) => !/\tconfigfs$/.test(l));
    const ours = m.runCommand('cat /proc/filesystems').output.trim().split('\n');
    expect(ours.filter((l) => ref.includes(l))).toEqual(ref);
  });
  it('the pseudo filesystems mount, each root with the mode its fill_super gives', () => {
    const r = m.runCommand('for t in tracefs securityfs bpf hugetlbfs pstore; do mkdir -p /mnt/$t && mount -t $t none /mnt/$t && echo "$t $(stat -c %A /mnt/$t)"; done');
    expect(r.output).toBe('tracefs drwx------\nsecurityfs drwxr-xr-x\nbpf drwxrwxrwt\nhugetlbfs drwxr-xr-x\npstore drwxr-x---\n');
    expect(m.runCommand('grep -c " /mnt/" /proc/mounts').output).toBe('5\n');
  });
  it('bpf and pstore make their mount points under /sys/fs', () => {
    expect(m.runCommand('ls -d /sys/fs/bpf /sys/fs/pstore').output).toBe('/sys/fs/bpf\n/sys/fs/pstore\n');
  });
});
