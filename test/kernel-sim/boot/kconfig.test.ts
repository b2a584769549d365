// One kernel configuration per machine (init/kconfig.ts): the reference machine boots Debian's 6.1 build, where virtio and configfs are modules that modprobe loads with their dependencies, refcounts and sizes as Debian's lsmod shows them; the default machine keeps them built in.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';
import { MachineError } from '../../../kernel-sim/machine/types.ts';
import { reference } from '../../fixtures/reference.ts';

const machine = (name: string): string => readFileSync(new URL(`../../../resources/machines/${name}.dts`, import.meta.url), 'utf8');
const run = (m: Machine, cmd: string): string => m.runCommand(cmd).output;

describe('the reference machine: Debian\'s kernel config', () => {
  let m: Machine;
  beforeAll(() => {
    m = new Machine({ dts: machine('qemu-q35-reference'), dtsName: 'qemu-q35-reference.dts' });
    m.boot();
  });

  it('links no virtio and no configfs: nothing drives the virtio-blk function until modprobe', () => {
    expect(run(m, 'ls /sys/bus/pci/drivers/virtio-pci /sys/bus/virtio 2>&1; ls /sys/block; grep -c configfs /proc/filesystems; ls /sys/kernel | grep -c config')).toBe(
      'ls: /sys/bus/pci/drivers/virtio-pci: No such file or directory\nls: /sys/bus/virtio: No such file or directory\n0\n0\n',
    );
    expect(run(m, 'grep -E "virtio|configfs" /lib/modules/$(uname -r)/modules.dep')).toBe(
      'kernel/drivers/block/null_blk/null_blk.ko: kernel/fs/configfs/configfs.ko\n' +
      'kernel/drivers/block/virtio_blk.ko: kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko\n' +
      'kernel/drivers/net/virtio_net.ko: kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko\n' +
      'kernel/drivers/virtio/virtio.ko: kernel/drivers/virtio/virtio_ring.ko\n' +
      'kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko kernel/drivers/virtio/virtio_pci_legacy_dev.ko kernel/drivers/virtio/virtio_pci_modern_dev.ko\n' +
      'kernel/drivers/virtio/virtio_pci_legacy_dev.ko:\nkernel/drivers/virtio/virtio_pci_modern_dev.ko:\nkernel/drivers/virtio/virtio_ring.ko:\n' +
      'kernel/fs/configfs/configfs.ko:\n',
    );
  });

  it('modprobe loads them with their dependencies: lsmod as the reference shows it, sizes and holders included', () => {
    run(m, 'modprobe virtio_pci; modprobe virtio_blk; modprobe null_blk');
    // The reference's list below its header and the edu and hello modules capture.sh loads after these.
    const ref = reference('lsmod.txt').trim().split('\n').slice(4);
    expect(run(m, 'lsmod').trim().split('\n').slice(1)).toEqual(ref);
    expect(run(m, 'ls /sys/block; readlink /sys/bus/pci/devices/0000:00:03.0/driver; ls /sys/kernel/config 2>&1; mount -t configfs none /sys/kernel/config && ls /sys/kernel/config'))
      .toBe('nullb0\nvda\n../../../bus/pci/drivers/virtio-pci\nnullb\n');
  });

  it('rmmod refuses a module in use and unloads them in reverse; the pinned configfs mount goes with null_blk', () => {
    expect(run(m, 'umount /sys/kernel/config; rmmod virtio 2>&1; rmmod configfs 2>&1')).toBe(
      "rmmod: can't unload module 'virtio': Resource temporarily unavailable\nrmmod: can't unload module 'configfs': Resource temporarily unavailable\n",
    );
    run(m, 'rmmod null_blk');
    expect(run(m, 'grep configfs /proc/modules')).toMatch(/^configfs 57344 0 - Live /);
    run(m, 'rmmod configfs; rmmod virtio_blk; rmmod virtio_pci; rmmod virtio; rmmod virtio_ring virtio_pci_legacy_dev virtio_pci_modern_dev');
    expect(run(m, 'cat /proc/modules; grep -c configfs /proc/filesystems; ls /sys/bus/pci/drivers/virtio-pci /sys/kernel/config 2>&1 | wc -l')).toBe('0\n2\n');
  });

  it('leaves USB, HID, the RAM disk, romfs and ext2 out as Debian does: modules nothing loads, and no ext2 driver', () => {
    expect(run(m, 'ls /sys/bus | grep -cE "^(usb|hid)$"; ls /sys/block | grep -c ram; grep -cE "romfs|ext2" /proc/filesystems; grep -cE "usb|hidraw|ramdisk" /proc/devices'))
      .toBe('0\n0\n0\n0\n');
    expect(run(m, 'cd /lib/modules/$(uname -r); grep -E "^kernel/(drivers/(usb/core|hid|block/brd)|fs/(romfs|ext2))" modules.dep; ls kernel/fs/ext2 2>&1'))
      .toBe('kernel/drivers/block/brd.ko:\nkernel/drivers/hid/hid.ko:\nkernel/drivers/usb/core/usbcore.ko:\nkernel/fs/romfs/romfs.ko:\nls: kernel/fs/ext2: No such file or directory\n');
    // usb-storage now needs usbcore, which modprobe loads first (and, without a modelled usb_exit, is permanent).
    expect(run(m, 'modprobe usb_storage; modprobe hid; modprobe romfs; lsmod | grep -E "^(usbcore|hid|romfs|usb_storage) "; grep -E "^(usbcore|hid) " /proc/modules | cut -d" " -f1,3,4,5; grep -E "romfs$" /proc/filesystems; grep -E "usb|hidraw" /proc/devices'))
      .toMatch(/^romfs .*\nhid .*\nusb_storage .*\nusbcore .* 1 usb_storage,\[permanent\]\nhid 0 - Live\nusbcore 1 usb_storage,\[permanent\], Live\n\tromfs\n180 usb\n189 usb_device\n\d+ hidraw\n$/);
    run(m, 'rmmod romfs; rmmod hid; rmmod usb_storage; rmmod scsi_mod');
    expect(run(m, 'grep -cE "romfs" /proc/filesystems; grep -c hidraw /proc/devices; ls /sys/bus | grep -c hid; cut -d" " -f1 /proc/modules')).toBe('0\n0\n0\nusbcore\n');
  });
});

describe('the default machine: the workbench\'s own build', () => {
  it('links virtio and configfs in: no .ko for them, configfs registered at core_initcall, null_blk needs nothing', () => {
    const m = new Machine();
    m.boot();
    expect(run(m, 'ls /sys/bus/pci/drivers | grep virtio; grep configfs /proc/filesystems; ls /lib/modules/$(uname -r)/kernel/drivers/virtio 2>&1'))
      .toMatch(/^virtio-pci\nnodev\tconfigfs\nls: .*No such file or directory\n$/);
    expect(run(m, 'modprobe null_blk && lsmod | grep -E "^(null_blk|configfs)"')).toMatch(/^null_blk +110592 +0 *\n$/);
  });
});

describe('a machine names its kernel config', () => {
  it('an unknown name is an error at its line and column', () => {
    const dts = machine('qemu-q35-reference').replace('"debian-6.1-amd64"', '"nope"');
    const line = dts.split('\n').findIndex((l) => l.includes('kwb,kernel-config')) + 1;
    expect(() => new Machine({ dts, dtsName: 'bad.dts' })).toThrow(MachineError);
    expect(() => new Machine({ dts, dtsName: 'bad.dts' })).toThrow(new RegExp(`^bad\\.dts:${line}:\\d+: error: unknown kernel config "nope" \\(known: kwb, debian-6.1-amd64\\)`));
  });
});
