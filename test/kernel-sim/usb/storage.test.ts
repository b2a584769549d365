// usb-storage, the SCSI mid layer and sd on the default machine: plugging the QEMU usb-storage stick gives Linux 6.1's dmesg sequence through " sda: sda1" and "Attached SCSI disk" (scsi_mod, usb_storage and sd_mod loaded by udev), the filesystem mounts and keeps what is written, and unplugging removes the disk, the LUN, the host and the USB devices with Linux's uevent order and no leaks.
import { describe, it, expect } from 'vitest';
import { bootDefault, dmesg, plug, unplug, sh } from './helpers.ts';

const STICK_LINES = [
  'usb 1-1: new high-speed USB device number 2 using xhci_hcd',
  'usb 1-1: New USB device found, idVendor=46f4, idProduct=0001, bcdDevice= 0.00',
  'usb 1-1: New USB device strings: Mfr=1, Product=2, SerialNumber=3',
  'usb 1-1: Product: QEMU USB HARDDRIVE',
  'usb 1-1: Manufacturer: QEMU',
  'usb 1-1: SerialNumber: 1-0000:00:04.0-1',
  'SCSI subsystem initialized',
  'usb-storage 1-1:1.0: USB Mass Storage device detected',
  'scsi host0: usb-storage 1-1:1.0',
  'usbcore: registered new interface driver usb-storage',
  'scsi 0:0:0:0: Direct-Access     QEMU     QEMU HARDDISK    2.5+ PQ: 0 ANSI: 5',
  'sd 0:0:0:0: Power-on or device reset occurred',
  'sd 0:0:0:0: [sda] 131072 512-byte logical blocks: (67.1 MB/64.0 MiB)',
  'sd 0:0:0:0: [sda] Write Protect is off',
  'sd 0:0:0:0: [sda] Mode Sense: 63 00 00 08',
  "sd 0:0:0:0: [sda] Write cache: enabled, read cache: enabled, doesn't support DPO or FUA",
  ' sda: sda1',
  'sd 0:0:0:0: [sda] Attached SCSI disk',
];

/** The log from the stick's enumeration on (dmesg's leading space of " sda: sda1" kept). */
function stick_log(m: ReturnType<typeof bootDefault>): string[] {
  const log = sh(m, 'dmesg').split('\n').map((l) => l.replace(/^\[[ \d.]+\] ?/, '')).filter(Boolean);
  return log.slice(log.indexOf(STICK_LINES[0]!));
}

describe('the usb-storage stick', () => {
  it('plugged into port 1: Linux 6.1\'s lines through " sda: sda1", modules loaded by udev, sda and sda1 with the SCSI sysfs', () => {
    const m = bootDefault();
    plug(m, 1, 'usb-storage');
    m.runCommand('sleep 1');
    expect(stick_log(m)).toEqual(STICK_LINES);
    // Holders newest first, as add_module_usage puts each user at the head of source_list (sd_mod is loaded after usb_storage).
    expect(sh(m, 'lsmod | grep -E "^(sd_mod|usb_storage|scsi_mod) " | sed "s/  */ /g; s/ $//"')).toBe('sd_mod 69632 0\nusb_storage 81920 0\nscsi_mod 270336 2 sd_mod,usb_storage\n');
    expect(sh(m, 'grep -E " sda1?$" /proc/partitions')).toBe('   8        0      65536 sda\n   8        1      64512 sda1\n');
    expect(sh(m, 'ls /sys/bus/scsi/devices; cd /sys/bus/scsi/devices/0:0:0:0; cat vendor model rev type scsi_level state; readlink driver'))
      .toBe('0:0:0:0\nhost0\ntarget0:0:0\nQEMU    \nQEMU HARDDISK   \n2.5+\n0\n6\nrunning\n../../../../../../../../../bus/scsi/drivers/sd\n');
    expect(sh(m, 'readlink /sys/block/sda; cat /sys/class/scsi_host/host0/proc_name /sys/class/scsi_host/host0/can_queue'))
      .toBe('../devices/pci0000:00/0000:00:04.0/usb1/1-1/1-1:1.0/host0/target0:0:0/0:0:0:0/block/sda\nusb-storage\n1\n');
    expect(sh(m, 'cat /sys/bus/scsi/devices/0:0:0:0/uevent')).toBe('DEVTYPE=scsi_device\nDRIVER=sd\nMODALIAS=scsi:t-0x00\n');
    expect(sh(m, 'lsusb -d 46f4:; lsusb -t | grep Mass')).toBe('Bus 001 Device 002: ID 46f4:0001 QEMU QEMU HARDDISK\n    |__ Port 1: Dev 2, If 0, Class=Mass Storage, Driver=usb-storage, 480M\n');
  });

  it('its ext2 partition mounts, reads the stick\'s file, and keeps what is written across a remount', () => {
    const m = bootDefault();
    plug(m, 1, 'usb-storage');
    m.runCommand('sleep 1');
    expect(sh(m, 'blkid /dev/sda1')).toMatch(/^\/dev\/sda1: LABEL="KWBSTICK" UUID="[0-9a-f-]+" BLOCK_SIZE="1024" TYPE="ext2"/);
    expect(sh(m, 'mkdir -p /mnt/stick; mount /dev/sda1 /mnt/stick && cat /mnt/stick/README.txt')).toBe('This is the Kernel Workbench USB stick.\nIt is an ext2 filesystem in the first partition of sda.\n');
    sh(m, 'echo "written on the stick" > /mnt/stick/note; umount /mnt/stick');
    expect(sh(m, 'grep -c sda /proc/mounts; mount /dev/sda1 /mnt/stick; cat /mnt/stick/note; umount /mnt/stick')).toBe('0\nwritten on the stick\n');
  });

  it('unplugged: the cache flush fails as the device is gone, and the uevents go as Linux orders them, with nothing leaked', () => {
    const m = bootDefault();
    plug(m, 1, 'usb-storage');
    m.runCommand('sleep 1');
    sh(m, 'udevadm monitor --kernel > /tmp/mon 2>&1 & sleep 0.1');
    const before = dmesg(m).length;
    unplug(m, 1);
    expect(dmesg(m).slice(before)).toEqual([
      'usb 1-1: USB disconnect, device number 2',
      'sd 0:0:0:0: [sda] Synchronizing SCSI cache',
      'sd 0:0:0:0: [sda] Synchronize Cache(10) failed: Result: hostbyte=DID_ERROR driverbyte=DRIVER_OK',
    ]);
    const heads = sh(m, 'cat /tmp/mon').split('\n').filter((l) => l.startsWith('KERNEL[')).map((l) => l.replace(/^KERNEL\[[\d.]+\] /, '').replace(/\s+/g, ' '));
    const u = '/devices/pci0000:00/0000:00:04.0/usb1/1-1', l = `${u}/1-1:1.0/host0/target0:0:0/0:0:0:0`;
    expect(heads).toEqual([
      `remove ${l}/scsi_device/0:0:0:0 (scsi_device)`, `remove ${l}/scsi_disk/0:0:0:0 (scsi_disk)`,
      `remove ${l}/block/sda/sda1 (block)`, `remove ${l}/block/sda (block)`, `unbind ${l} (scsi)`, `remove ${l} (scsi)`,
      `remove ${u}/1-1:1.0/host0/target0:0:0 (scsi)`, `remove ${u}/1-1:1.0/host0/scsi_host/host0 (scsi_host)`, `remove ${u}/1-1:1.0/host0 (scsi)`,
      `unbind ${u}/1-1:1.0 (usb)`, `remove ${u}/1-1:1.0 (usb)`, `unbind ${u} (usb)`, `remove ${u} (usb)`,
    ]);
    expect(sh(m, 'ls /sys/class/scsi_host /sys/class/scsi_disk /sys/bus/scsi/devices; ls /dev | grep -c "^sd"')).toBe('/sys/bus/scsi/devices:\n\n/sys/class/scsi_disk:\n\n/sys/class/scsi_host:\n0\n');
  });

  it('plugged again: host0 and sda come back (the numbers were freed), and the modules stay loaded', () => {
    const m = bootDefault();
    plug(m, 1, 'usb-storage');
    unplug(m, 1);
    const before = dmesg(m).length;
    plug(m, 2, 'usb-storage');
    m.runCommand('sleep 1');
    const log = dmesg(m).slice(before);
    expect(log).toContain('scsi host0: usb-storage 1-2:1.0');
    expect(log).toContain('sd 0:0:0:0: [sda] Attached SCSI disk');
    expect(log.filter((x) => x.startsWith('SCSI subsystem') || x.startsWith('usbcore: registered'))).toEqual([]);
    expect(sh(m, 'cat /sys/bus/usb/devices/1-2/serial')).toBe('1-0000:00:04.0-2\n');
  });
});
