// usb.tree: the kernel's USB device tree as the USB view reads it — the two root hubs of the xHCI, a plugged stick under bus 1 port 1 with usb-storage on its interface and sda/sda1 below it, an echo device with no interface driver; the result validates against the schema.
import { describe, it, expect } from 'vitest';
import { bootDefault, plug } from './helpers.ts';
import type { MethodContext } from '../../../kernel-sim/host/methods/define.ts';
import { usbMethods } from '../../../kernel-sim/host/methods/usb.ts';
import { usbApi } from '../../../kernel-sim/api/methods/usb.ts';

describe('usb.tree', () => {
  it('shows root hubs, the stick with usb-storage and its disks, and the echo device', async () => {
    const m = bootDefault();
    const ctx = { machine: () => m } as unknown as MethodContext;
    plug(m, 1, 'usb-storage');
    plug(m, 3, 'usb-echo');
    m.runCommand('sleep 1');
    const { buses } = usbApi['usb.tree'].result.parse(await usbMethods['usb.tree'].handler({}, ctx));
    expect(buses.map((b) => `${b.busnum} ${b.controller} ${b.root.name} ${b.root.speed} ${b.root.maxchild} ${b.root.interfaces[0]!.driver}`))
      .toEqual(['1 0000:00:04.0 usb1 480 4 hub', '2 0000:00:04.0 usb2 5000 4 hub']);
    const [stick, echo] = buses[0]!.root.children;
    expect(stick).toMatchObject({ name: '1-1', port: 1, devnum: 2, speed: '480', idVendor: 0x46f4, idProduct: 1, product: 'QEMU USB HARDDRIVE', driver: 'usb' });
    expect(stick!.interfaces).toEqual([{ name: '1-1:1.0', ifnum: 0, cls: 8, driver: 'usb-storage', blocks: ['sda', 'sda1'] }]);
    expect(echo).toMatchObject({ name: '1-3', port: 3, product: 'USB Echo Device', interfaces: [{ name: '1-3:1.0', cls: 0xff, driver: null, blocks: [] }] });
    expect(buses[1]!.root.children).toEqual([]);
  });
});
