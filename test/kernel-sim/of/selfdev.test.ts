// The platform device API from C: kwb_selfdev.ko registers its own device (named MEM and IRQ resources) and a driver that binds by name.
import { describe, it, expect } from 'vitest';
import { driver, machine, sh, dmesg } from '../modules/helpers.ts';

describe('kwb_selfdev.ko', () => {
  it('registers a device with resources and a driver; the probe finds them by index and by name; rmmod removes both', async () => {
    const ko = await driver('platform-selfdev');
    const m = machine({ '/root/kwb_selfdev.ko': ko });
    expect(sh(m, 'insmod /root/kwb_selfdev.ko; echo rc=$?; readlink /sys/devices/platform/kwb-selfdev/driver; cat /sys/devices/platform/kwb-selfdev/modalias'))
      .toBe('rc=0\n../../../bus/platform/drivers/kwb-selfdev\nplatform:kwb-selfdev\n');
    const log = dmesg(m);
    // platform_get_irq(pdev, 1) reports the missing index, as Linux's dev_err_probe does; the _optional form is quiet.
    expect(log.filter((l) => l.startsWith('kwb-selfdev kwb-selfdev: ') && l.endsWith('IRQ index 1 not found'))).toHaveLength(1);
    expect(log).toContain('kwb-selfdev kwb-selfdev: probe: [mem 0xfd000000-0xfd0000ff], irq 9, event irq 9, 1 irqs, missing -6, optional -6');
    expect(sh(m, 'rmmod kwb_selfdev; echo rc=$?; ls /sys/devices/platform/kwb-selfdev 2>&1 | head -c 3')).toBe('rc=0\nls:');
    expect(dmesg(m)).toContain('kwb-selfdev kwb-selfdev: remove');
    expect(dmesg(m).some((l) => l.includes('still held') || l.includes('kmemleak'))).toBe(false);
  }, 240_000);
});
