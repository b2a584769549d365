// fdisk -l and sfdisk (util-linux 2.38) on the default machine: vda's DOS label listed and dumped as Linux prints them, a script writing a DOS label (bootable, swap) and then a GPT label on vdb that the kernel re-reads through BLKRRPART (/proc/partitions, blkid's PARTUUID), the dump read back as the script's input, logical partitions inside an extended one (and libfdisk's refusals), and a re-read refused while a partition is mounted.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');

describe('fdisk and sfdisk', () => {
  const m = new Machine({ dts, dtsName: 'default.dts' });
  m.boot();
  const sh = (cmd: string): string => m.runCommand(cmd).output;

  it('fdisk -l /dev/vda: geometry, the DOS label and its table in libsmartcols columns', () => {
    expect(sh('fdisk -l /dev/vda')).toMatch(new RegExp(`^${[
      'Disk /dev/vda: 1 GiB, 1073741824 bytes, 2097152 sectors', 'Units: sectors of 1 \\* 512 = 512 bytes',
      'Sector size \\(logical/physical\\): 512 bytes / 512 bytes', 'I/O size \\(minimum/optimal\\): 512 bytes / 512 bytes',
      'Disklabel type: dos', 'Disk identifier: 0x[0-9a-f]{8}', '', 'Device     Boot Start     End Sectors  Size Id Type',
      '/dev/vda1        2048 2097151 2095104 1023M 83 Linux', '',
    ].join('\n')}$`));
  });

  it('fdisk -l lists every whole disk, two blank lines apart; sfdisk -d dumps vda as a script', () => {
    expect(sh('fdisk -l | grep ^Disk')).toMatch(/^Disk \/dev\/ram0: 4 MiB, .*\nDisk \/dev\/vda: 1 GiB, .*\nDisklabel type: dos\nDisk identifier: .*\nDisk \/dev\/vdb: 128 MiB, 134217728 bytes, 262144 sectors\n$/);
    expect(sh('fdisk -l')).toContain('83 Linux\n\n\nDisk /dev/vdb');
    expect(sh('sfdisk -d /dev/vda')).toMatch(/^label: dos\nlabel-id: 0x[0-9a-f]{8}\ndevice: \/dev\/vda\nunit: sectors\nsector-size: 512\n\n\/dev\/vda1 : start= {8}2048, size= {5}2095104, type=83\n$/);
  });

  it('a script writes a DOS label on vdb (aligned starts, a bootable Linux and a swap filling the rest) and the kernel re-reads it', () => {
    const out = sh('printf "label: dos\\n,100M,L,*\\n,,S\\n" | sfdisk /dev/vdb');
    expect(out).toMatch(/^Checking that no-one is using this disk right now \.\.\. OK\n\nDisk \/dev\/vdb: 128 MiB, 134217728 bytes, 262144 sectors\n(.*\n){3}\n>>> Script header accepted\.\n>>> Created a new DOS disklabel with disk identifier 0x[0-9a-f]{8}\.\n/);
    expect(out).toContain("/dev/vdb1: Created a new partition 1 of type 'Linux' and of size 100 MiB.\n/dev/vdb2: Created a new partition 2 of type 'Linux swap / Solaris' and of size 27 MiB.\n/dev/vdb3: Done.\n\nNew situation:\nDisklabel type: dos\n");
    expect(out).toContain('Device     Boot  Start    End Sectors  Size Id Type\n/dev/vdb1  *      2048 206847  204800  100M 83 Linux\n/dev/vdb2       206848 262143   55296   27M 82 Linux swap / Solaris\n\nThe partition table has been altered.\nCalling ioctl() to re-read partition table.\nSyncing disks.\n');
    expect(sh('grep vdb /proc/partitions')).toBe(' 254       16     131072 vdb\n 254       17     102400 vdb1\n 254       18      27648 vdb2\n');
    // The dump is a script sfdisk takes back: writing it again gives the same table.
    const dump = sh('sfdisk -d /dev/vdb');
    expect(dump).toContain('/dev/vdb1 : start=        2048, size=      204800, type=83, bootable\n/dev/vdb2 : start=      206848, size=       55296, type=82\n');
    expect(sh('sfdisk -d /dev/vdb > /tmp/t; sfdisk /dev/vdb < /tmp/t > /dev/null; sfdisk -d /dev/vdb')).toBe(dump);
  });

  it('a GPT label: protective MBR, headers and entries the kernel\'s efi parser accepts; the partition UUIDs are what blkid reports', () => {
    const out = sh('printf "label: gpt\\n,64M,L\\n,,V\\n" | sfdisk /dev/vdb');
    expect(out).toMatch(/>>> Created a new GPT disklabel with disk identifier [0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\.\n/);
    expect(out).toContain('Device      Start    End Sectors  Size Type\n/dev/vdb1    2048 133119  131072   64M Linux filesystem\n/dev/vdb2  133120 262110  128991   63M Linux LVM\n');
    expect(sh('grep vdb /proc/partitions')).toBe(' 254       16     131072 vdb\n 254       17      65536 vdb1\n 254       18      64495 vdb2\n');
    const dump = sh('sfdisk -d /dev/vdb');
    expect(dump).toMatch(/^label: gpt\nlabel-id: \S+\ndevice: \/dev\/vdb\nunit: sectors\nfirst-lba: 2048\nlast-lba: 262110\nsector-size: 512\n\n/);
    const uuid = /\/dev\/vdb1 : .*type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=(\S+)\n/.exec(dump)![1]!;
    expect(sh('blkid -s PARTUUID -o value /dev/vdb1').trim()).toBe(uuid.toLowerCase());
  });

  it('while a partition is mounted the table is written but the kernel keeps the old one (BLKRRPART: EBUSY)', () => {
    const out = sh('printf ",,L\\n" | sfdisk /dev/vdb >/dev/null; mkfs.ext2 -q /dev/vdb1; mount /dev/vdb1 /mnt; printf ",32M,L\\n,,L\\n" | sfdisk /dev/vdb; echo rc=$?; grep -c vdb /proc/partitions; umount /mnt');
    expect(out).toContain('Calling ioctl() to re-read partition table.\nRe-reading the partition table failed.: Device or resource busy\nThe kernel still uses the old table. The new table will be used at the next reboot or after you run partprobe(8) or partx(8).\nSyncing disks.\nrc=1\n2\n');
  });

  it('logical partitions: after the extended one fills the disk, lines become vdb5, vdb6 (EBR one grain before each), which the kernel, mkfs and the dump see', () => {
    const out = sh("printf 'label: dos\\n,50M\\n,,E\\n,20M\\n,20M\\n' | sfdisk /dev/vdb");
    expect(out).toContain("/dev/vdb2: Created a new partition 2 of type 'Extended' and of size 77 MiB.\n/dev/vdb5: Created a new partition 5 of type 'Linux' and of size 20 MiB.\n/dev/vdb6: Created a new partition 6 of type 'Linux' and of size 20 MiB.\n/dev/vdb7: Done.\n");
    expect(out).toContain('/dev/vdb2       104448 262143  157696   77M  5 Extended\n/dev/vdb5       106496 147455   40960   20M 83 Linux\n/dev/vdb6       149504 190463   40960   20M 83 Linux\n');
    // The extended partition shows as a 1 KiB device, the logical ones numbered from 5 (block/partitions/msdos.c).
    expect(sh('grep vdb /proc/partitions')).toBe(' 254       16     131072 vdb\n 254       17      51200 vdb1\n 254       18          1 vdb2\n 254       21      20480 vdb5\n 254       22      20480 vdb6\n');
    expect(sh('mkfs.ext2 -q /dev/vdb6 && mount /dev/vdb6 /mnt && echo kept > /mnt/f && umount /mnt && mount /dev/vdb6 /mnt && cat /mnt/f; umount /mnt')).toBe('kept\n');
    // The dump's explicit starts inside the extended partition come back as the same logical partitions.
    const dump = sh('sfdisk -d /dev/vdb');
    expect(dump).toContain('/dev/vdb5 : start=      106496, size=       40960, type=83\n/dev/vdb6 : start=      149504, size=       40960, type=83\n');
    expect(sh('sfdisk -d /dev/vdb > /tmp/t; sfdisk /dev/vdb < /tmp/t > /dev/null; sfdisk -d /dev/vdb')).toBe(dump);
  });

  it('refuses a fifth primary partition and a second extended one, as libfdisk does', () => {
    expect(sh("printf ',10M\\n,10M\\n,10M\\n,10M\\n,10M\\n' | sfdisk /dev/vdb; echo rc=$?")).toBe('Impossible to create another primary partition. If you want to create more partitions, you must replace a primary partition with an extended partition first.\nsfdisk: failed to add #5 partition: Invalid argument\nrc=1\n');
    expect(sh("printf ',10M,E\\n,10M,E\\n' | sfdisk /dev/vdb; echo rc=$?")).toBe('Extended partition already exists.\nsfdisk: failed to add #2 partition: Invalid argument\nrc=1\n');
  });
});
