// of_platform_populate at boot: platform devices for the default machine's compatible nodes, named as Linux names them, with their resources, of_node links and OF uevents; /sys/firmware/devicetree and /proc/device-tree.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';
import { platform_find_device_by_name } from '../../../kernel-sim/drivers/base/platform.ts';

const DTS = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');

/** The default machine with a simple-bus of its own: a translated child, one without reg, a disabled one. */
const SOC = `
	soc {
		compatible = "simple-bus";
		#address-cells = <1>;
		#size-cells = <1>;
		ranges = <0x0 0x0 0xfd000000 0x100000>;

		widget@1000 {
			compatible = "kwb,widget", "kwb,widget-v0";
			reg = <0x1000 0x100>, <0x2000 0x10>;
			reg-names = "regs", "fifo";
			interrupt-parent = <&ioapic>;
			interrupts = <5 3>, <7 1>;
		};

		nochip {
			compatible = "kwb,nochip";
		};

		widget@3000 {
			compatible = "kwb,widget";
			reg = <0x3000 0x100>;
			status = "disabled";
		};
	};
`;

function boot(dts: string): Machine {
  const m = new Machine({ dts, dtsName: 'default.dts' });
  m.boot();
  return m;
}
const sh = (m: Machine, c: string): string => m.runCommand(c).output;

describe('of_platform_populate on the default machine', () => {
  let m: Machine;
  beforeAll(() => { m = boot(DTS); });

  it('makes a platform device for each compatible node at the root, named "<address>.<name>" or by the node name', () => {
    const devs = sh(m, 'ls /sys/bus/platform/devices').split('\n');
    expect(devs).toEqual(expect.arrayContaining(['fed70000.gpio', 'leds', 'clock-25000000', 'fec00000.interrupt-controller', 'b0000000.pcie']));
    // No compatible (cpus, memory, chosen, aliases): no device; the PCI host's children belong to the PCI core.
    for (const absent of ['cpus', 'memory', 'chosen', 'aliases', '0.memory', 'serial', '3f8.serial', 'edu']) expect(devs).not.toContain(absent);
    expect(sh(m, 'ls /sys/devices/platform/fed70000.gpio/uevent /sys/devices/platform/leds/uevent')).toBe('/sys/devices/platform/fed70000.gpio/uevent\n/sys/devices/platform/leds/uevent\n');
  });

  it('gives the device its reg as IORESOURCE_MEM named after the node, and leaves the claim to the driver', () => {
    const r = m.inspect(() => {
      const p = platform_find_device_by_name('fed70000.gpio')!;
      return { name: p.name, id: p.id, res: p.resource.map((x) => ({ ...x })) };
    });
    expect(r).toEqual({ name: 'fed70000.gpio', id: -1, res: [{ start: 0xfed70000, end: 0xfed70fff, flags: 0x200, name: 'gpio@fed70000' }] });
    expect(sh(m, 'grep -c gpio /proc/iomem')).toBe('0\n');
  });

  it('links the device to its node and sends the OF uevent variables and the of: modalias', () => {
    expect(sh(m, 'readlink /sys/bus/platform/devices/fed70000.gpio/of_node /sys/devices/platform/leds/of_node')).toBe(
      '../../../firmware/devicetree/base/gpio@fed70000\n../../../firmware/devicetree/base/leds\n');
    expect(sh(m, 'cat /sys/bus/platform/devices/fed70000.gpio/uevent')).toBe(
      'OF_NAME=gpio\nOF_FULLNAME=/gpio@fed70000\nOF_COMPATIBLE_0=kwb,simple-gpio\nOF_COMPATIBLE_N=1\nMODALIAS=of:NgpioT(null)Ckwb,simple-gpio\n');
    expect(sh(m, 'cat /sys/bus/platform/devices/b0000000.pcie/modalias')).toBe('of:NpcieTpciCintel,q35-pcihostCpci-host-ecam-generic\n');
    expect(sh(m, 'grep OF_TYPE /sys/bus/platform/devices/b0000000.pcie/uevent')).toBe('OF_TYPE=pci\n');
    // Built-in platform devices without a node keep platform: aliases; PCI devices get no of_node.
    expect(sh(m, 'cat /sys/devices/platform/serial8250/modalias; ls /sys/bus/pci/devices/0000:00:02.0/of_node 2>&1 | head -c 3')).toBe('platform:serial8250\nls:');
  });

  it('shows the tree under /sys/firmware/devicetree/base, one file per property with the blob\'s bytes, and /proc/device-tree', () => {
    expect(sh(m, 'readlink /proc/device-tree')).toBe('/sys/firmware/devicetree/base\n');
    const root = sh(m, 'ls /proc/device-tree').split('\n');
    expect(root).toEqual(expect.arrayContaining(['#address-cells', '#size-cells', 'aliases', 'chosen', 'compatible', 'cpus', 'gpio@fed70000', 'leds', 'memory@0', 'model', 'name', 'pcie@b0000000']));
    // (dtc adds "phandle" when another node refers to this one.)
    expect(sh(m, 'ls /proc/device-tree/gpio@fed70000 | grep -v phandle')).toBe('#gpio-cells\nclocks\ncompatible\ngpio-controller\nname\nngpios\nreg\n');
    expect(sh(m, 'hexdump -C /proc/device-tree/clock-25000000/phandle')).toMatch(/^00000000  00 00 00 0[1-9] +\|\.\.\.\.\|\n00000004\n$/);
    expect(sh(m, 'hexdump -C /proc/device-tree/gpio@fed70000/reg')).toBe(
      '00000000  00 00 00 00 fe d7 00 00  00 00 00 00 00 00 10 00  |................|\n00000010\n');
    // Strings end in NUL, the name file is the node name without unit address, the root's is empty; an empty property is 0 bytes.
    expect(sh(m, 'cat /proc/device-tree/gpio@fed70000/compatible | od -c')).toBe('0000000   k   w   b   ,   s   i   m   p   l   e   -   g   p   i   o  \\0\n0000020\n');
    expect(sh(m, 'cat /proc/device-tree/gpio@fed70000/name; echo; stat -c %s /proc/device-tree/name /proc/device-tree/gpio@fed70000/gpio-controller')).toBe('gpio\0\n1\n0\n');
    expect(sh(m, 'stat -c "%A %s" /proc/device-tree/model /proc/device-tree/cpus/cpu@1/reg')).toBe('-r--r--r-- 50\n-r--r--r-- 4\n');
    expect(sh(m, 'cat /proc/device-tree/aliases/serial0')).toBe('/pcie@b0000000/isa@1f/serial@i3f8\0');
    expect(sh(m, 'cat /proc/device-tree/cpus/cpu@1/device_type')).toBe('cpu\0');
  });
});

describe('of_platform_populate under a simple-bus', () => {
  it('populates its children: addresses through ranges, IRQs through the IO-APIC, names prefixed by the bus, disabled nodes skipped', () => {
    const m = boot(DTS.replace(/\n\tpcie: pcie@b0000000 \{/, `${SOC}\n\tpcie: pcie@b0000000 {`));
    expect(sh(m, 'ls /sys/devices/platform/soc')).toMatch(/^driver_override\nfd001000\.widget\nmodalias\nof_node\npower\nsoc:nochip\nsubsystem\nuevent\n$/);
    expect(sh(m, 'ls /sys/bus/platform/devices | grep -c widget; readlink /sys/bus/platform/devices/soc:nochip')).toBe('1\n../../../devices/platform/soc/soc:nochip\n');
    const res = m.inspect(() => platform_find_device_by_name('fd001000.widget')!.resource.map((x) => ({ ...x })));
    // <5 3>: IO-APIC pin 5, type 3 = rising edge (IRQ_TYPE_EDGE_RISING); <7 1>: level high (IRQ_TYPE_LEVEL_HIGH).
    expect(res).toEqual([
      { start: 0xfd001000, end: 0xfd0010ff, flags: 0x200, name: 'regs' },
      { start: 0xfd002000, end: 0xfd00200f, flags: 0x200, name: 'fifo' },
      { start: 5, end: 5, flags: 0x401, name: 'widget@1000' },
      { start: 7, end: 7, flags: 0x404, name: 'widget@1000' },
    ]);
    expect(sh(m, 'cat /sys/devices/platform/soc/fd001000.widget/modalias; grep OF_FULLNAME /sys/devices/platform/soc/fd001000.widget/uevent'))
      .toBe('of:NwidgetT(null)Ckwb,widgetCkwb,widget-v0\nOF_FULLNAME=/soc/widget@1000\n');
  });
});
