// The chardev fixture (kwbchar) as a loaded module: /dev node, read/write/ioctl/poll through its file_operations, readers asleep in the driver, rmmod refused while open.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, program, machine, sh, dmesg } from './helpers.ts';

let ko: Uint8Array;
let test: Uint8Array;
beforeAll(async () => {
  ko = await driver('chardev');
  test = await program('test/fixtures/user/kwbchar_test.c', ['test/fixtures/drivers/chardev/kwbchar.h']);
}, 180_000);

describe('kwbchar.ko', () => {
  it('registers a dynamic major, a class device and /dev/kwbchar0; rmmod removes them', () => {
    const m = machine({ '/root/kwbchar.ko': ko });
    expect(sh(m, 'insmod /root/kwbchar.ko; echo rc=$?')).toBe('rc=0\n');
    // A dynamic major: the highest free one below 255 (gpiochip has 254, as on Linux), the same everywhere it shows.
    const line = dmesg(m).find((l) => l.includes('kwbchar: registered /dev/kwbchar0'));
    const major = Number(/\((\d+):0\)/.exec(line ?? '')?.[1]);
    expect(major).toBeGreaterThanOrEqual(234);
    expect(major).toBeLessThan(254);
    expect(sh(m, 'grep kwbchar /proc/devices; ls -l /dev/kwbchar0 | cut -c1-10; cat /sys/class/kwbchar/kwbchar0/dev')).toBe(`${major} kwbchar\ncrw-------\n${major}:0\n`);
    expect(sh(m, 'rmmod kwbchar; echo rc=$?; grep -c kwbchar /proc/devices; ls /dev/kwbchar0 2>&1 | head -c 3')).toBe('rc=0\n0\nls:');
    expect(dmesg(m)).toContain('kwbchar: unregistered');
  });

  it('write then read through the FIFO from the shell', () => {
    const m = machine({ '/root/kwbchar.ko': ko });
    expect(sh(m, 'insmod /root/kwbchar.ko; echo hello > /dev/kwbchar0; dd if=/dev/kwbchar0 bs=64 count=1 2>/dev/null')).toBe('hello\n');
  });

  it('a C test program: ioctl, poll, non-blocking read, unknown ioctl', () => {
    const m = machine({ '/root/kwbchar.ko': ko, '/root/kwbchar_test': test });
    expect(sh(m, 'chmod 755 /root/kwbchar_test; insmod /root/kwbchar.ko; /root/kwbchar_test; echo rc=$?')).toBe(
      'len=3 cap=1024\npoll=1 revents=0x5\nread=3\nnonblock read=-1 errno=Resource temporarily unavailable\nbad ioctl=-1 errno=Inappropriate ioctl for device\nrc=0\n');
  });

  it('a C program blocks in read() inside the driver until another process writes', () => {
    const m = machine({ '/root/kwbchar.ko': ko, '/root/kwbchar_test': test });
    const out = sh(m, 'chmod 755 /root/kwbchar_test; insmod /root/kwbchar.ko; /root/kwbchar_test block & sleep 2; echo writer; echo wake-up > /dev/kwbchar0; wait $!; echo rc=$?');
    expect(out).toBe('reader: waiting\nwriter\nreader: got 8 bytes: wake-up\nrc=0\n');
  });

  it('two readers asleep on one wait queue wake in order, one per write', () => {
    const m = machine({ '/root/kwbchar.ko': ko });
    const out = sh(m, 'insmod /root/kwbchar.ko; (dd if=/dev/kwbchar0 bs=100 count=1 2>/dev/null; echo r1) & sleep 1; (dd if=/dev/kwbchar0 bs=100 count=1 2>/dev/null; echo r2) & sleep 1; echo one > /dev/kwbchar0; sleep 1; echo two > /dev/kwbchar0; wait');
    expect(out).toBe('one\nr1\ntwo\nr2\n');
  });

  it('rmmod is refused while the device is open, and works once it is closed', () => {
    const m = machine({ '/root/kwbchar.ko': ko });
    sh(m, 'insmod /root/kwbchar.ko');
    expect(sh(m, 'exec 3</dev/kwbchar0; cat /sys/module/kwbchar/refcnt; rmmod kwbchar; echo rc=$?; exec 3<&-; rmmod kwbchar; echo rc=$?')).toBe(
      "1\nrmmod: can't unload module 'kwbchar': Resource temporarily unavailable\nrc=1\nrc=0\n");
  });
});
