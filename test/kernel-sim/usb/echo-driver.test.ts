// The C usb_driver for the echo device (test/fixtures/drivers/usb-echo, modeled on usb-skeleton.c; real kbuild builds it too):
// probe on plug, /dev/echo0, data echoed through bulk URBs, an unplug during a pending read, and the use-after-free of a
// driver that frees its state in disconnect without usb_kill_urb.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver } from '../modules/helpers.ts';
import { bootDefault, dmesg, plug, unplug, sh } from './helpers.ts';

let ko: Uint8Array;
let bad: Uint8Array;
beforeAll(async () => {
  ko = await driver('usb-echo');
  const { buildDriver } = await import('../toolchain/helpers.ts');
  const { toolchain } = await import('../modules/helpers.ts');
  const r = await buildDriver(toolchain(), 'usb-echo', ['ECHO_BUG_NO_KILL']);
  bad = r.wasm!;
}, 300_000);

function withDriver(bytes: Uint8Array) {
  const m = bootDefault();
  m.putFile('/root/usb_echo.ko', bytes);
  expect(sh(m, 'insmod /root/usb_echo.ko; echo rc=$?')).toBe('rc=0\n');
  return m;
}

describe('usb_echo.ko', () => {
  it('registers, probes the plugged device with its endpoints and makes /dev/echo0 (usb 180:192)', () => {
    const m = withDriver(ko);
    expect(dmesg(m)).toContain('usbcore: registered new interface driver usb_echo');
    plug(m, 1);
    expect(dmesg(m)).toContain('usb_echo 1-1:1.0: USB echo device now attached to echo0 (USB Echo Device, serial KWB-ECHO-0001)');
    expect(sh(m, 'ls -l /dev/echo0')).toMatch(/^crw------- +1 root +root +180, 192 /);
    expect(sh(m, 'readlink /sys/bus/usb/devices/1-1:1.0/driver; ls /sys/class/usbmisc')).toBe('../../../../../../bus/usb/drivers/usb_echo\necho0\n');
    // MODULE_DEVICE_TABLE(usb, ...) as file2alias writes it; the interface's modalias matches it.
    expect(sh(m, 'modinfo -F alias /root/usb_echo.ko')).toBe('usb:v1209p0001d*dc*dsc*dp*ic*isc*ip*in*\n');
  });

  it('echoes what is written through bulk OUT back on bulk IN', () => {
    const m = withDriver(ko);
    plug(m, 1);
    expect(sh(m, 'exec 3<>/dev/echo0; printf "hello usb" >&3; head -c 9 <&3; echo; exec 3>&-')).toBe('hello usb\n');
  });

  it('an unplug during a pending read ends the read with ENODEV and the driver disconnects cleanly', () => {
    const m = withDriver(ko);
    plug(m, 1);
    sh(m, '(cat /dev/echo0 > /tmp/out 2> /tmp/err; echo "rc=$?" >> /tmp/err) & sleep 0.1');
    unplug(m, 1);
    sh(m, 'sleep 0.2');
    expect(sh(m, 'cat /tmp/err')).toBe('cat: read error: No such device\nrc=1\n');
    const log = dmesg(m);
    expect(log).toContain('usb 1-1: USB disconnect, device number 2');
    expect(log).toContain('usb_echo 1-1:1.0: USB echo #0 now disconnected');
    expect(log.filter((l) => /BUG|KASAN|Oops/.test(l))).toEqual([]);
    expect(sh(m, 'ls /dev/echo0 2>&1')).toContain('No such file or directory');
    expect(sh(m, 'rmmod usb_echo; echo rc=$?')).toBe('rc=0\n');
  });

  it('forgetting usb_kill_urb in disconnect: the read URB completes into freed memory (KASAN use-after-free)', () => {
    const m = withDriver(bad);
    plug(m, 1);
    sh(m, '(cat /dev/echo0 > /dev/null 2>&1 &) ; sleep 0.1');
    // soft_unbind: unbinding with the device present leaves the read URB queued past disconnect, which frees the state ...
    sh(m, 'echo 1-1:1.0 > /sys/bus/usb/drivers/usb_echo/unbind');
    // ... and the unplug gives it back (-ESHUTDOWN): the completion handler touches the freed state.
    unplug(m, 1);
    const log = dmesg(m);
    expect(log.find((l) => l.startsWith('BUG: KASAN: use-after-free in echo_read_bulk_callback'))).toBeTruthy();
    expect(log.filter((l) => l.startsWith('BUG: KASAN')).length).toBeGreaterThan(0);
    expect(log).toContain('usb 1-1: USB disconnect, device number 2');
  });
});
