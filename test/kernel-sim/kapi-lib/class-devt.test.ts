// What mei's main.c does with its class devices, proved by the fixture class-devt (builds with kbuild):
// device_create_with_groups gives each device its attribute group, and class_find_device_by_devt finds a device
// by dev_t (none for a dev_t the class does not have) through the kernel's device_match_devt.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, machine, sh, dmesg } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  m = machine({ '/root/kwb_classdevt.ko': await driver('class-devt') });
  expect(sh(m, 'insmod /root/kwb_classdevt.ko; echo rc=$?')).toBe('rc=0\n');
}, 300_000);

const lines = (): string[] => dmesg(m).filter((l) => l.startsWith('kwb_classdevt: ') && !l.includes('taint'));

describe('class devices by dev_t', () => {
  it('creates devices with their groups and finds them by dev_t', () => {
    expect(lines()).toEqual(['kwb_classdevt: devt minor 0: kwbcd0', 'kwb_classdevt: devt minor 1: kwbcd1', 'kwb_classdevt: devt minor 2: none']);
    expect(sh(m, 'cat /sys/class/kwb_classdevt/kwbcd0/kind /sys/class/kwb_classdevt/kwbcd1/kind; cat /sys/class/kwb_classdevt/kwbcd1/dev')).toBe('kind-0\nkind-1\n240:1\n');
  });

  it('unloads, taking its devices and class away', () => {
    expect(sh(m, 'rmmod kwb_classdevt; echo rc=$?; ls /sys/class/kwb_classdevt 2>&1 | head -1')).toMatch(/^rc=0\n.*No such file/s);
  });
});
