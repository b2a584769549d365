// The reference's namespace inode numbers, exactly: on the reference machine a new namespace's inum comes after every
// proc inum Linux 6.1 takes at boot (issue 15), so ns_uts/ns_pid/ns_mnt/ns_net print the reference's numbers.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { q35, sh } from '../modules/helpers.ts';
import { reference } from '../../fixtures/reference.ts';

let m: Machine;
beforeAll(() => { m = q35({}); }, 120_000);

const ref_inum = (file: string, type: string): string => new RegExp(`inner: .*?(${type}:\\[\\d+\\])`).exec(reference(file))![1]!;

describe('inner namespace inums on the reference machine', () => {
  it('uts, pid, mnt and net each take the reference\'s number', () => {
    expect(sh(m, 'unshare -u readlink /proc/self/ns/uts')).toBe(`${ref_inum('ns-uts.txt', 'uts')}\n`);
    expect(sh(m, 'unshare -p -f readlink /proc/self/ns/pid')).toBe(`${ref_inum('ns-pid.txt', 'pid')}\n`);
    expect(sh(m, 'unshare -m readlink /proc/self/ns/mnt')).toBe(`${ref_inum('ns-mnt.txt', 'mnt')}\n`);
    expect(sh(m, 'unshare -n readlink /proc/self/ns/net')).toBe(`${ref_inum('ns-net.txt', 'net')}\n`);
  });

  it('user, right after the network namespace above died: its inum and 51 /proc/net entries wait for cleanup_net, as in ns_user', () => {
    expect(sh(m, 'unshare -U -r readlink /proc/self/ns/user')).toBe(`${ref_inum('ns-user.txt', 'user')}\n`);
  });
});
