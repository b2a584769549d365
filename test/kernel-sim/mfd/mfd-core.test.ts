// The MFD core for C drivers (drivers/mfd/mfd-core.ts): devm_mfd_add_devices() in a core driver's probe makes a platform
// device of each struct mfd_cell, its child driver finds the cell with mfd_get_cell(), and unbinding the core takes them
// away, last first. Proved by the fixture mfd-demo (builds with kbuild).
import { describe, it, expect } from 'vitest';
import { driver, machine, sh, dmesg } from '../modules/helpers.ts';

describe('mfd_add_devices from C', () => {
  it('makes a platform device per cell, numbered id + cell id, with the cell, platform data and offset resources; removes them with the parent', async () => {
    const m = machine({ '/root/kwb_mfd.ko': await driver('mfd-demo') });
    expect(sh(m, 'insmod /root/kwb_mfd.ko; echo rc=$?')).toBe('rc=0\n');
    expect(sh(m, 'ls /sys/bus/platform/devices | grep kwb-mfd')).toBe('kwb-mfd-core\nkwb-mfd-led.2\nkwb-mfd-slot.1\n');
    expect(sh(m, 'basename $(readlink /sys/bus/platform/devices/kwb-mfd-slot.1/driver); ls /sys/devices/platform/kwb-mfd-core | grep kwb-mfd'))
      .toBe('kwb-mfd-child\nkwb-mfd-led.2\nkwb-mfd-slot.1\n');
    const log = dmesg(m);
    expect(log).toContain('kwb-mfd-child kwb-mfd-slot.1: cell kwb-mfd-slot id 1, pdata slot 3 sd, parent kwb-mfd-core');
    // dev_info names the bound driver (dev_driver_string). DEFINE_RES_MEM(0x100, 0x40) inside the core's window at 0xfeb00000; IRQ 2 after irq_base 16.
    expect(log).toContain('kwb-mfd-child kwb-mfd-slot.1: mem [mem 0xfeb00100-0xfeb0013f], irq 18');
    expect(log).toContain('kwb-mfd-child kwb-mfd-led.2: cell kwb-mfd-led id 2, pdata slot 0 activity, parent kwb-mfd-core');
    expect(log).toContain('kwb-mfd-core kwb-mfd-core: added 2 cells: 0');
    expect(sh(m, 'cat /sys/bus/platform/devices/kwb-mfd-led.2/modalias')).toBe('platform:kwb-mfd-led\n');
    expect(sh(m, 'rmmod kwb_mfd; echo rc=$?; ls /sys/bus/platform/devices | grep -c kwb-mfd')).toBe('rc=0\n0\n');
    const after = dmesg(m);
    // devm release on the core's unbind: the newest cell first.
    expect(after.indexOf('kwb-mfd-child kwb-mfd-led.2: remove')).toBeGreaterThan(-1);
    expect(after.indexOf('kwb-mfd-child kwb-mfd-led.2: remove')).toBeLessThan(after.indexOf('kwb-mfd-child kwb-mfd-slot.1: remove'));
    expect(after.join('\n')).not.toMatch(/leak|BUG|WARNING/);
  }, 300_000);
});
