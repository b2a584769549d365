// Device types as data (QEMU's TypeInfo): one table per bus, filled from hw/Kbuild.ts, looked up by compatible.
import { describe, expect, it } from 'vitest';
import { hw_types, hw_objs } from '../../../kernel-sim/hw/Kbuild.ts';
import { type_register } from '../../../kernel-sim/hw/core/qom.ts';
import { boot } from './machine-harness.ts';

describe('device type registry', () => {
  it('registers every model on its bus by compatible', () => {
    expect([...hw_types.pci.keys()].sort()).toEqual([
      'intel,ich9-ahci', 'intel,ich9-lpc', 'intel,ich9-smbus', 'intel,q35-mch', 'qemu,edu', 'qemu,pci-bridge',
      'qemu,pcie-pci-bridge', 'qemu,pcie-root-port', 'qemu,qemu-xhci', 'qemu,std-vga', 'qemu,virtio-blk-pci', 'qemu,virtio-net-pci',
    ]);
    expect([...hw_types.isa.keys()]).toEqual(['ns16550a', 'intel,8042']);
    expect([...hw_types.i2c.keys()]).toEqual(['national,lm75', 'atmel,24c01', 'atmel,24c02']);
    expect([...hw_types.sysbus.keys()]).toEqual(['kwb,simple-gpio', 'kwb,gpio-bank', 'snps,dw-apb-ssi']);
    expect([...hw_types.ssi.keys()]).toEqual(['jedec,spi-nor', 'lineartechnology,ltc2488']);
  });

  it('refuses a compatible registered twice on one bus', () => {
    expect(() => type_register([...hw_objs, hw_objs[0]!])).toThrow(/registered twice on the pci bus/);
  });

  it('each built device records the bus its type plugs into, and its type name starts its instance name', () => {
    const { m } = boot('default.dts');
    for (const d of m.devices) {
      if (d.compatible === 'intel,ce4100-ioapic') continue;
      const t = hw_types[d.bus].get(d.compatible)!;
      expect(t).toBeDefined();
      expect(d.dev.id.startsWith(t.name) || d.bus !== 'pci').toBe(true);
    }
    expect(m.devices.filter((d) => d.bus === 'isa').map((d) => d.dev)).toEqual(expect.arrayContaining(m.serials));
    expect([...m.gpio_controllers.keys()].length).toBeGreaterThan(0);
  });
});
