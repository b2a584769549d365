// One copy of each kernel object: the onecopy fixture writes file->private_data, file->f_pos, inode->i_private and the PCI device's drvdata itself, and the kernel reads those very fields next (no sync step).
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, program, sh, dmesg, q35 } from './helpers.ts';
import { Machine } from '../../../kernel-sim/machine.ts';
import { pci_walk_bus } from '../../../kernel-sim/drivers/pci/probe.ts';
import { pciState } from '../../../kernel-sim/drivers/pci/pci-state.ts';
import type { pci_dev } from '../../../kernel-sim/include/linux/pci.ts';
import { dev_get_drvdata } from '../../../kernel-sim/drivers/base/core.ts';
import { c_device_addr } from '../../../kernel-sim/kernel/kapi/device.ts';
import { device_view } from '../../../kernel-sim/toolchain/layouts/views.generated.ts';

let ko: Uint8Array;
let test: Uint8Array;
beforeAll(async () => {
  ko = await driver('onecopy');
  test = await program('test/fixtures/user/onecopy_test.c', ['test/fixtures/drivers/onecopy/onecopy.h']);
}, 180_000);

const machine = (): Machine => q35({ '/root/onecopy.ko': ko }, { '/root/onecopy_test': test });

function edu(m: Machine): pci_dev {
  return m.inspect(() => {
    for (const b of pciState().root_buses) for (const d of pci_walk_bus(b)) if (d.vendor === 0x1234 && d.device === 0x11e8) return d;
    throw new Error('no edu device');
  });
}

describe('onecopy.ko: fields a driver writes are the kernel\'s', () => {
  it('f_pos moved by read (*ppos), llseek and an ioctl, private_data and i_private set in open: the kernel goes on from each', () => {
    const m = machine();
    expect(sh(m, 'insmod /root/onecopy.ko; echo rc=$?')).toBe('rc=0\n');
    expect(sh(m, '/root/onecopy_test; echo rc=$?')).toBe([
      'read: 0123',
      'driver f_pos: 4',
      'lseek set 10: 10',
      'read: abc',
      'lseek end -2: 60',
      'read: YZ',
      'rewind: 0',
      'read: 01',
      'lseek cur 0: 2',
      'pread 20: klm, driver f_pos: 2',
      'flags: 0x0 mode: 0x1',
      'flags after O_NONBLOCK: 0x800',
      'serial: 1 i_private sets: 1 drvdata: 1',
      'second open: serial 2 i_private sets: 1 mode: 0x3',
      'second read: 0123',
      'first f_pos: 2',
      'reopen: serial 3 i_private sets: 1',
      'rc=0', ''].join('\n'));
  });

  it('the drvdata probe() set is what the TS device holds; unbind clears it in the one place C reads, and remove() saw it', () => {
    const m = machine();
    sh(m, 'insmod /root/onecopy.ko');
    const probe = dmesg(m).find((l) => l.startsWith('onecopy 0000:00:02.0: probe:'));
    expect(probe).toMatch(/vendor=1234 device=11e8 drvdata=[0-9a-f]+$/);
    const drvdata = parseInt(/drvdata=([0-9a-f]+)/.exec(probe!)![1]!, 16);
    const p = edu(m);
    m.inspect(() => {
      expect(dev_get_drvdata(p.dev)).toBe(drvdata);
      expect(device_view(c_device_addr(p.dev)!).driver_data).toBe(drvdata);
      // A TS write is the C field too.
      p.dev.driver_data = drvdata;
    });
    expect(sh(m, 'echo 0000:00:02.0 > /sys/bus/pci/drivers/onecopy/unbind; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m)).toContain('onecopy 0000:00:02.0: remove: drvdata ok');
    m.inspect(() => {
      expect(dev_get_drvdata(p.dev)).toBe(null);
      expect(device_view(c_device_addr(p.dev)!).driver_data).toBe(0);
    });
  });

  it('a TS object stored as drvdata (a TS driver) never lands in the C field', () => {
    const m = machine();
    sh(m, 'insmod /root/onecopy.ko; echo 0000:00:02.0 > /sys/bus/pci/drivers/onecopy/unbind');
    const p = edu(m);
    m.inspect(() => {
      const obj = { ts: true };
      p.dev.driver_data = obj;
      expect(p.dev.driver_data).toBe(obj);
      expect(device_view(c_device_addr(p.dev)!).driver_data).toBe(0);
      p.dev.driver_data = 0x1234;
      expect(p.dev.driver_data).toBe(0x1234);
      expect(device_view(c_device_addr(p.dev)!).driver_data).toBe(0x1234);
    });
  });
});
