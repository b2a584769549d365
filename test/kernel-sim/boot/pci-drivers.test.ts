// The built-in PCI drivers a Debian 6.1 kernel registers on every machine (pcieport, shpchp, serial, 8250_mid, 8250_pericom, iosf_mbi_pci, xen-platform-pci, agpgart-*), and pcieport binding the PCI Express root port where a machine has one.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';
import { reference } from '../../fixtures/reference.ts';
import { dmesg } from '../core/harness.ts';

const machine = (name: string): Machine => {
  const m = new Machine({ dts: readFileSync(new URL(`../../../resources/machines/${name}.dts`, import.meta.url), 'utf8'), dtsName: `${name}.dts` });
  m.boot();
  return m;
};

describe('built-in PCI drivers', () => {
  it('the reference machine lists the reference\'s drivers (after modprobe virtio_pci and insmod edu, as captured) and logs shpchp where 6.1 does', () => {
    const m = machine('qemu-q35-reference');
    const ref = reference('sysfs-pci-drivers.txt').split('\n').slice(1).join(' ').split(/\s+/).filter(Boolean).sort();
    const ours = m.runCommand('modprobe virtio_pci; ls -1 /sys/bus/pci/drivers').output.split('\n').filter(Boolean);
    expect([...ours, 'edu'].sort()).toEqual(ref);
    const log = dmesg(m);
    const at = log.indexOf('shpchp: Standard Hot Plug PCI Controller Driver version: 0.4');
    expect(log[at - 1]).toBe('io scheduler mq-deadline registered');
    expect(log[at + 1]).toBe('Serial: 8250/16550 driver, 4 ports, IRQ sharing enabled');
  });

  it('pcieport binds the default machine\'s root port (enabled, bus master); the PCI-to-PCI bridges behind it stay unbound', () => {
    const m = machine('default');
    const d = '/sys/bus/pci/devices';
    expect(m.runCommand(`readlink ${d}/0000:00:1c.0/driver; cat ${d}/0000:00:1c.0/enable; cat ${d}/0000:01:00.0/class; ls ${d}/0000:01:00.0/driver 2>&1`).output)
      .toBe('../../../bus/pci/drivers/pcieport\n1\n0x060400\nls: /sys/bus/pci/devices/0000:01:00.0/driver: No such file or directory\n');
    expect(m.runCommand('lspci -k -s 00:1c.0').output).toMatch(/\tKernel driver in use: pcieport\n/);
  });
});
