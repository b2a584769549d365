// usbcore and xhci_hcd on the default machine: the controller's boot lines, root hubs, enumeration of a plugged device with Linux's dmesg lines, sysfs names and attributes, /dev/bus/usb nodes, uevents in Linux's order, and disconnect.
import { describe, it, expect } from 'vitest';
import { bootDefault, dmesg, plug, unplug, sh } from './helpers.ts';
import { machine_hw } from '../../../kernel-sim/machine/hardware.ts';
import { usb_plug } from '../../../kernel-sim/hw/usb/bus.ts';
import type { MethodContext } from '../../../kernel-sim/host/methods/define.ts';

describe('xhci_hcd and the root hubs', () => {
  it('probes 00:04.0 with Linux 6.1\'s lines: two buses, two root hubs, 4 ports each', () => {
    const m = bootDefault();
    const log = dmesg(m).filter((l) => /^(usb|hub|xhci_hcd) /.test(l));
    const from = log.indexOf('xhci_hcd 0000:00:04.0: xHCI Host Controller');
    expect(from).toBe(0);
    expect(log.slice(from)).toEqual([
      'xhci_hcd 0000:00:04.0: xHCI Host Controller',
      'xhci_hcd 0000:00:04.0: new USB bus registered, assigned bus number 1',
      'xhci_hcd 0000:00:04.0: hcc params 0x00087001 hci version 0x100 quirks 0x0000000000000010',
      'xhci_hcd 0000:00:04.0: xHCI Host Controller',
      'xhci_hcd 0000:00:04.0: new USB bus registered, assigned bus number 2',
      'xhci_hcd 0000:00:04.0: Host supports USB 3.0 SuperSpeed',
      'usb usb1: New USB device found, idVendor=1d6b, idProduct=0002, bcdDevice= 6.01',
      'usb usb1: New USB device strings: Mfr=3, Product=2, SerialNumber=1',
      'usb usb1: Product: xHCI Host Controller',
      'usb usb1: Manufacturer: Linux 6.1.0-kwb xhci-hcd',
      'usb usb1: SerialNumber: 0000:00:04.0',
      'hub 1-0:1.0: USB hub found',
      'hub 1-0:1.0: 4 ports detected',
      "usb usb2: We don't know the algorithms for LPM for this host, disabling LPM.",
      'usb usb2: New USB device found, idVendor=1d6b, idProduct=0003, bcdDevice= 6.01',
      'usb usb2: New USB device strings: Mfr=3, Product=2, SerialNumber=1',
      'usb usb2: Product: xHCI Host Controller',
      'usb usb2: Manufacturer: Linux 6.1.0-kwb xhci-hcd',
      'usb usb2: SerialNumber: 0000:00:04.0',
      'hub 2-0:1.0: USB hub found',
      'hub 2-0:1.0: 4 ports detected',
    ]);
    expect(dmesg(m).filter((l) => l.startsWith('usbcore:'))).toEqual([
      'usbcore: registered new interface driver usbfs', 'usbcore: registered new interface driver hub', 'usbcore: registered new device driver usb',
    ]);
    expect(sh(m, 'grep -c xhci_hcd /proc/interrupts; grep -E "^(180|189) " /proc/devices')).toBe('3\n180 usb\n189 usb_device\n');
    expect(sh(m, 'ls /sys/bus/usb/devices; ls /dev/bus/usb/001 /dev/bus/usb/002')).toBe('1-0:1.0\n2-0:1.0\nusb1\nusb2\n/dev/bus/usb/001:\n001\n\n/dev/bus/usb/002:\n001\n');
    expect(sh(m, 'cd /sys/bus/usb/devices/usb2; cat idVendor idProduct speed version maxchild bDeviceClass; readlink driver')).toBe('1d6b\n0003\n5000\n 3.00\n4\n09\n../../../../bus/usb/drivers/usb\n');
  });
});

describe('a device plugged into root port 1', () => {
  it('enumerates with Linux\'s lines, gets 1-1 and 1-1:1.0 with their attributes and /dev/bus/usb/001/002', () => {
    const m = bootDefault();
    plug(m, 1);
    const log = dmesg(m).filter((l) => l.startsWith('usb '));
    const i = log.indexOf('usb 1-1: new high-speed USB device number 2 using xhci_hcd');
    expect(i).toBeGreaterThan(0);
    expect(log.slice(i + 1, i + 6)).toEqual([
      'usb 1-1: New USB device found, idVendor=1209, idProduct=0001, bcdDevice= 1.00',
      'usb 1-1: New USB device strings: Mfr=1, Product=2, SerialNumber=3',
      'usb 1-1: Product: USB Echo Device',
      'usb 1-1: Manufacturer: Kernel Workbench',
      'usb 1-1: SerialNumber: KWB-ECHO-0001',
    ]);
    const attrs = 'idVendor idProduct bcdDevice manufacturer product serial speed devnum busnum devpath bConfigurationValue bNumInterfaces version bMaxPower bMaxPacketSize0';
    expect(sh(m, `cd /sys/bus/usb/devices/1-1; for f in ${attrs}; do echo "$f=$(cat $f)"; done`)).toBe(
      'idVendor=1209\nidProduct=0001\nbcdDevice=0100\nmanufacturer=Kernel Workbench\nproduct=USB Echo Device\nserial=KWB-ECHO-0001\nspeed=480\ndevnum=2\nbusnum=1\n'
      + 'devpath=1\nbConfigurationValue=1\nbNumInterfaces= 1\nversion= 2.00\nbMaxPower=100mA\nbMaxPacketSize0=64\n');
    expect(sh(m, 'cd /sys/bus/usb/devices/1-1:1.0; cat bInterfaceClass bNumEndpoints modalias')).toBe('ff\n02\nusb:v1209p0001d0100dc00dsc00dp00icFFisc00ip00in00\n');
    expect(sh(m, 'ls -l /dev/bus/usb/001/002')).toMatch(/^crw-[-r]{2}[-w]?[-r]{2}[-w-]? +1 root +root +189, +1 /);
    expect(sh(m, 'cat /sys/bus/usb/devices/1-1/uevent')).toBe('MAJOR=189\nMINOR=1\nDEVNAME=bus/usb/001/002\nDEVTYPE=usb_device\nDRIVER=usb\nPRODUCT=1209/1/100\nTYPE=0/0/0\nBUSNUM=001\nDEVNUM=002\n');
    expect(sh(m, 'od -A n -t x1 -N 18 /sys/bus/usb/devices/1-1/descriptors').replace(/\s+/g, ' ').trim()).toBe('12 01 00 02 00 00 00 40 09 12 01 00 00 01 01 02 03 01');
  });

  it('udevadm monitor sees add 1-1, add 1-1:1.0, bind 1-1, and on unplug unbind and remove, as Linux orders them', () => {
    const m = bootDefault();
    sh(m, 'udevadm monitor --kernel > /tmp/mon 2>&1 & sleep 0.1');
    plug(m, 1);
    unplug(m, 1);
    const heads = sh(m, 'cat /tmp/mon').split('\n').filter((l) => l.startsWith('KERNEL[') && l.endsWith('(usb)')).map((l) => l.replace(/^KERNEL\[[\d.]+\] /, '').replace(/\s+/g, ' '));
    const dev = '/devices/pci0000:00/0000:00:04.0/usb1/1-1';
    expect(heads).toEqual([
      `add ${dev} (usb)`, `add ${dev}/1-1:1.0 (usb)`, `bind ${dev} (usb)`,
      `remove ${dev}/1-1:1.0 (usb)`, `unbind ${dev} (usb)`, `remove ${dev} (usb)`,
    ]);
    expect(dmesg(m)).toContain('usb 1-1: USB disconnect, device number 2');
    expect(sh(m, 'ls /sys/bus/usb/devices; ls /dev/bus/usb/001')).toBe('1-0:1.0\n2-0:1.0\nusb1\nusb2\n001\n');
  });

  it('a second device gets the next number; a high-speed device does not fit a USB 3.0 port', () => {
    const m = bootDefault();
    plug(m, 1);
    plug(m, 2);
    expect(dmesg(m)).toContain('usb 1-2: new high-speed USB device number 3 using xhci_hcd');
    expect(m.inspect(() => usb_plug(machine_hw()!, 5, 'usb-echo'))).toMatch(/high-speed device does not fit USB 3.0 port 5/);
    expect(m.inspect(() => usb_plug(machine_hw()!, 1, 'usb-echo'))).toMatch(/port 1 already has usb-echo/);
    expect(m.inspect(() => usb_plug(machine_hw()!, 2, 'no-such'))).toMatch(/unknown USB device model "no-such"/);
  });
});

describe('the usb methods', () => {
  it('usb.ports lists the root ports and models; usb.plug/usb.unplug drive hotplug and refuse bad requests with the reason', async () => {
    const { usbMethods } = await import('../../../kernel-sim/host/methods/usb.ts');
    const { usbApi } = await import('../../../kernel-sim/api/methods/usb.ts');
    const m = bootDefault();
    const ctx = { machine: () => m } as unknown as MethodContext;
    const ports = usbApi['usb.ports'].result.parse(await usbMethods['usb.ports'].handler({}, ctx));
    expect(ports.ports.map((p) => `${p.port}${p.usb3 ? 's' : ''}:${p.device ?? '-'}`)).toEqual(['1:-', '2:-', '3:-', '4:-', '5s:-', '6s:-', '7s:-', '8s:-']);
    expect(ports.models.map((x) => x.name)).toEqual(['usb-echo', 'usb-storage']);
    expect(await usbMethods['usb.plug'].handler({ port: 3, model: 'usb-echo' }, ctx)).toEqual({ ok: true });
    expect(sh(m, 'cat /sys/bus/usb/devices/1-3/product')).toBe('USB Echo Device\n');
    expect(() => usbMethods['usb.plug'].handler({ port: 3, model: 'usb-echo' }, ctx)).toThrow(/port 3 already has usb-echo/);
    expect(() => usbMethods['usb.plug'].handler({ port: 9, model: 'usb-echo' }, ctx)).toThrow(/no port 9 \(ports 1-8\)/);
    expect(usbApi['usb.plug'].params.safeParse({ port: 0, model: 'usb-echo' }).success).toBe(false);
    expect(await usbMethods['usb.unplug'].handler({ port: 3 }, ctx)).toEqual({ ok: true });
    expect(dmesg(m)).toContain('usb 1-3: USB disconnect, device number 2');
    expect(() => usbMethods['usb.unplug'].handler({ port: 3 }, ctx)).toThrow(/port 3 is empty/);
  });
});
