// Helpers drivers lean on, proved by the fixture api-chains (builds with kbuild): notifier chains in Linux's order
// with NOTIFY_STOP, errno encoding and the robust call's rollback; do_div and the math64 helpers; a binary sysfs
// attribute read and written at offsets; and devm_add_action's action run when the driver unbinds.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, machine, sh, dmesg } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  m = machine({ '/root/kwb_chains.ko': await driver('api-chains') });
  expect(sh(m, 'insmod /root/kwb_chains.ko; echo rc=$?')).toBe('rc=0\n');
}, 300_000);

const lines = (): string[] => dmesg(m).filter((l) => l.startsWith('kwb_chains: ') && !l.includes('taint'));

describe('kernel helpers for modules', () => {
  it('notifier chains call by descending priority, stop at NOTIFY_STOP, refuse a block twice and roll a veto back', () => {
    expect(lines().slice(0, 4)).toEqual([
      'kwb_chains: all jfb ret 1',
      'kwb_chains: stopped jf ret 0x8001',
      'kwb_chains: again -17, after unregister fb',
      'kwb_chains: robust hbh errno -16',
    ]);
  });

  it('do_div divides in place and yields the remainder; div_u64_rem, div_s64 and mul_u64_u32_shr keep 64 bits', () => {
    expect(lines()).toContain('kwb_chains: do_div 10000000 rem 7, div_u64_rem 123456789 rem 12345, div_s64 -1000000000, shr 6442450944');
  });

  it('a binary attribute has its size, reads at an offset and takes writes at an offset', () => {
    expect(sh(m, 'stat -c %s /sys/kernel/kwb_chains/blob; dd if=/sys/kernel/kwb_chains/blob bs=4 skip=2 count=1 2>/dev/null; echo'))
      .toBe('16\n89ab\n');
    sh(m, 'printf XY | dd of=/sys/kernel/kwb_chains/blob bs=1 seek=3 conv=notrunc 2>/dev/null');
    expect(sh(m, 'cat /sys/kernel/kwb_chains/blob; echo')).toBe('012XY56789abcdef\n');
  });

  it('devm_add_action runs its action when the driver unbinds, and rmmod leaves nothing behind', () => {
    expect(sh(m, 'rmmod kwb_chains; echo rc=$?; ls /sys/kernel/kwb_chains 2>&1 | head -1')).toMatch(/^rc=0\nls: .*No such file or directory\n$/);
    expect(lines()).toContain('kwb_chains: devm action released on unbind');
    expect(dmesg(m).filter((l) => /leak|BUG|WARNING/i.test(l))).toEqual([]);
  });
});
