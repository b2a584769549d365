// lsusb (usbutils 014) in the guest: the plain listing with usb.ids names, -s and -d filters, and -t's tree of ports, interfaces and drivers.
import { describe, it, expect } from 'vitest';
import { bootDefault, plug, sh } from './helpers.ts';

describe('lsusb', () => {
  it('lists the root hubs and a plugged device, filters by -s and -d, and draws the tree with -t', () => {
    const m = bootDefault();
    plug(m, 2);
    expect(sh(m, 'lsusb')).toBe(
      'Bus 002 Device 001: ID 1d6b:0003 Linux Foundation 3.0 root hub\n'
      + 'Bus 001 Device 002: ID 1209:0001 Generic pid.codes Test PID\n'
      + 'Bus 001 Device 001: ID 1d6b:0002 Linux Foundation 2.0 root hub\n');
    expect(sh(m, 'lsusb -s 1:2; lsusb -d 1d6b:; lsusb -d 1234:5678; echo rc=$?')).toBe(
      'Bus 001 Device 002: ID 1209:0001 Generic pid.codes Test PID\n'
      + 'Bus 002 Device 001: ID 1d6b:0003 Linux Foundation 3.0 root hub\nBus 001 Device 001: ID 1d6b:0002 Linux Foundation 2.0 root hub\nrc=1\n');
    expect(sh(m, 'lsusb -t')).toBe(
      '/:  Bus 02.Port 1: Dev 1, Class=root_hub, Driver=xhci_hcd/4p, 5000M\n'
      + '/:  Bus 01.Port 1: Dev 1, Class=root_hub, Driver=xhci_hcd/4p, 480M\n'
      + '    |__ Port 2: Dev 2, If 0, Class=Vendor Specific Class, Driver=[none], 480M\n');
  });
});
