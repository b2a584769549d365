// A struct class and struct devices a module embeds (drivers/base/core.c and class.c for C), proved by the fixture
// device-core (builds with kbuild): class_register with dev_groups and dev_release, dev_set_name before
// device_register, -EINVAL for a device without a name (its release still runs at put_device), class devices under a
// glue directory of their parent, get/put_device, sysfs links, the releases Linux picks on device_unregister, and
// class attributes (class_groups, CLASS_ATTR_STRING by class_create_file, -EINVAL without a class).
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, machine, sh, dmesg } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
const said = (): string[] => dmesg(m).filter((l) => l.startsWith('devcore_demo: ') && !l.includes('taint'));
beforeAll(async () => {
  m = machine({ '/root/devcore_demo.ko': await driver('device-core') });
  expect(sh(m, 'insmod /root/devcore_demo.ko; echo rc=$?')).toBe('rc=0\n');
}, 300_000);

describe('struct device and struct class from C', () => {
  it('registers as core.c does: names, -EINVAL without one, releases, references', () => {
    expect(said()).toEqual([
      'devcore_demo: class file 0, without a class -22',
      'devcore_demo: root registered 0',
      'devcore_demo: nameless register -22',
      'devcore_demo: nameless device released',
      'devcore_demo: get_device same 1, leaf parent hub0',
      'devcore_demo: link 0',
    ]);
  });

  it('puts the devices in sysfs with the class attributes and the link', () => {
    expect(sh(m, 'ls /sys/class/demo')).toBe('hub0\nleaf\nlimit\nversion\n');
    expect(sh(m, 'cat /sys/class/demo/hub0/value /sys/class/demo/leaf/value')).toBe('7\n42\n');
    expect(sh(m, 'ls -d /sys/devices/demo-root/demo/hub0/leaf')).toBe('/sys/devices/demo-root/demo/hub0/leaf\n');
    expect(sh(m, 'readlink -f /sys/class/demo/leaf/root')).toBe('/sys/devices/demo-root\n');
  });

  it('shows and stores class attributes in the module', () => {
    expect(sh(m, 'cat /sys/class/demo/version /sys/class/demo/limit')).toBe('demo 1.0\n3\n');
    expect(sh(m, 'echo 5 > /sys/class/demo/limit; cat /sys/class/demo/limit')).toBe('5\n');
    expect(sh(m, 'echo five 2>/dev/null > /sys/class/demo/limit; echo rc=$?; cat /sys/class/demo/limit')).toBe('rc=1\n5\n');
  });

  it('unregisters: each release runs once, the class goes', () => {
    expect(sh(m, 'rmmod devcore_demo; echo rc=$?')).toBe('rc=0\n');
    expect(said().slice(6)).toEqual(['devcore_demo: released leaf (value 42)', 'devcore_demo: released hub0 (value 7)', 'devcore_demo: root released']);
    expect(sh(m, 'ls /sys/class/demo /sys/devices/demo-root 2>&1 | wc -l')).toBe('2\n');
  });
});
