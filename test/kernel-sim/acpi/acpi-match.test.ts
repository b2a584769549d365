// Platform drivers matched by ACPI id: the C fixture fwcfg_acpi (test/fixtures/drivers/acpi-fwcfg, real-kbuild buildable) binds QEMU's fw_cfg node, QEMU0002:00; ACPI ids come before OF, the id table and the name; the acpi* aliases modpost writes.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, q35, sh, dmesg } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import { kernel_thread } from '../../../kernel-sim/kernel/fork.ts';
import { __platform_driver_register, platform_find_device_by_name, type platform_driver, type platform_device } from '../../../kernel-sim/drivers/base/platform.ts';
import { acpi_device_get_match_data, acpi_match_device } from '../../../kernel-sim/drivers/acpi/bus.ts';
import { ACPI_COMPANION, acpi_dev_name, has_acpi_companion } from '../../../kernel-sim/drivers/acpi/scan.ts';

let ko: Uint8Array;
beforeAll(async () => { ko = await driver('acpi-fwcfg'); }, 180_000);

/** Registers a TS platform driver from a kernel thread and runs the machine until it returned. */
function register(m: Machine, drv: platform_driver): number {
  const ret = { r: null as number | null };
  m.inspect(() => kernel_thread(function* (): KGen<number> { ret.r = yield* __platform_driver_register(drv, null); return 0; }, 'reg'));
  for (let i = 0; i < 20 && ret.r === null; i++) m.runFor(10_000_000);
  return ret.r!;
}

describe('ACPI matching for platform drivers', () => {
  it('the C fixture binds QEMU0002:00 by its acpi_match_table and sees its companion, _HID, driver_data and ports', () => {
    const m = q35({ '/root/fwcfg_acpi.ko': ko });
    expect(sh(m, 'modinfo -F alias /root/fwcfg_acpi.ko')).toBe('acpi*:QEMU0002:*\n');
    expect(sh(m, 'insmod /root/fwcfg_acpi.ko; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m)).toContain('fwcfg_acpi QEMU0002:00: qemu fw_cfg: ACPI node QEMU0002:00 (_HID QEMU0002), ports [io  0x0510-0x051b]');
    expect(sh(m, 'readlink /sys/bus/platform/devices/QEMU0002:00/driver')).toBe('../../../bus/platform/drivers/fwcfg_acpi\n');
    expect(sh(m, 'rmmod fwcfg_acpi; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m)).toContain('fwcfg_acpi QEMU0002:00: unbound');
  });

  it('the device\'s MODALIAS is its ACPI one, so modprobe finds the module by the acpi* alias depmod wrote', () => {
    const m = q35({});
    expect(sh(m, 'cat /sys/bus/platform/devices/QEMU0002:00/modalias /sys/bus/platform/devices/QEMU0002:00/uevent')).toBe('acpi:QEMU0002:\nMODALIAS=acpi:QEMU0002:\n');
    m.putFile('/lib/modules/6.1.0-kwb/extra/fwcfg_acpi.ko', ko);
    expect(sh(m, 'depmod; grep fwcfg /lib/modules/6.1.0-kwb/modules.alias')).toBe('alias acpi*:QEMU0002:* fwcfg_acpi\n');
    expect(sh(m, 'modprobe -q $(cat /sys/bus/platform/devices/QEMU0002:00/modalias); echo rc=$?; readlink /sys/bus/platform/devices/QEMU0002:00/driver'))
      .toBe('rc=0\n../../../bus/platform/drivers/fwcfg_acpi\n');
  });

  it('a driver binds every device whose companion has one of its ids, and none with an id no node has', () => {
    const m = q35({});
    const probed: string[] = [];
    const probe = (tag: string) => (p: platform_device) => { probed.push(`${tag} ${p.dev.kobj.name}`); return 0; };
    expect(register(m, { driver: { name: 'not-fwcfg', acpi_match_table: [{ id: 'QEMU0003' }] }, probe: probe('wrong') })).toBe(0);
    expect(register(m, { driver: { name: 'by-acpi', acpi_match_table: [{ id: 'PNP0103' }, { id: 'QEMU0002', driver_data: 'fw' }] }, probe: probe('right') })).toBe(0);
    // Bus order: fw_cfg (inside \_SB.PCI0) was created before the HPET.
    expect(probed).toEqual(['right QEMU0002:00', 'right PNP0103:00']);
    const fw = m.inspect(() => platform_find_device_by_name('QEMU0002:00'))!;
    expect(m.inspect(() => has_acpi_companion(fw.dev) && acpi_dev_name(ACPI_COMPANION(fw.dev)!))).toBe('QEMU0002:00');
    expect(m.inspect(() => acpi_device_get_match_data(fw.dev))).toBe('fw');
    expect(m.inspect(() => acpi_match_device([{ id: 'PNP0A08' }], fw.dev))).toBeNull();
  });
});
