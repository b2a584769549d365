// virtio-blk on the reference q35 machine: the transport, virtqueues in guest memory and the device model completing requests by interrupt; vda as a device under its PCI function, its queue/ against Linux's, partitions from MBR and GPT, BLKRRPART and BLKGETSIZE64, an I/O error from the medium; rmmod virtio_blk removing vda.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';
import { dmesg, run } from '../core/harness.ts';
import { trace_events, trace_subsystem_enable } from '../../../kernel-sim/kernel/trace/trace.ts';
import { blkdev_get_by_dev } from '../../../kernel-sim/block/bdev.ts';
import { blk_lookup_devt } from '../../../kernel-sim/block/genhd.ts';
import { blkdev_rw_sectors } from '../../../kernel-sim/block/fops.ts';
import { efi_crc32 } from '../../../kernel-sim/block/partitions/efi.ts';
import { FMODE_READ, FMODE_WRITE } from '../../../kernel-sim/include/linux/fs_types.ts';
import type { VirtIOBlkPCI } from '../../../kernel-sim/hw/block/virtio-blk-pci.ts';
import { machine_hw } from '../../../kernel-sim/machine/hardware.ts';
import { BLKRRPART, BLKGETSIZE64 } from '../../../kernel-sim/block/fops.ts';

const ref = (f: string): string => readFileSync(new URL(`../../fixtures/reference/linux-6.1/${f}`, import.meta.url), 'utf8');
const dts = readFileSync(new URL('../../../resources/machines/qemu-q35-reference.dts', import.meta.url), 'utf8');

function q35(): Machine {
  const m = new Machine({ dts, dtsName: 'qemu-q35-reference.dts' });
  m.boot();
  // The reference machine's kernel has virtio as modules (its kernel config): capture.sh loads them first.
  m.runCommand('modprobe virtio_pci; modprobe virtio_blk');
  return m;
}

/** The virtio-blk function of the machine (its device model). */
function vblk(): VirtIOBlkPCI {
  return machine_hw()!.devices.find((d) => d.compatible === 'qemu,virtio-blk-pci')!.dev as VirtIOBlkPCI;
}

/** BLKRRPART on /dev/vda, then BLKGETSIZE64 of `dev`, as blockdev --rereadpt / --getsize64 do. */
function rereadpt_getsize(m: Machine, dev: string): string {
  // udev's blkid opens the partitions after each change; BLKRRPART is EBUSY while one is open, so wait as scripts do.
  m.runCommand('udevadm settle');
  const r = run(m, function* (c) {
    const fd = yield* c.open('/dev/vda');
    const [rr] = yield* c.ioctl(fd, BLKRRPART);
    yield* c.close(fd);
    const fd1 = yield* c.open(dev);
    const [r1, buf] = yield* c.ioctl(fd1, BLKGETSIZE64, new Uint8Array(8), 8);
    yield* c.close(fd1);
    return rr === 0 && r1 === 0 ? Number(new DataView(buf.buffer, buf.byteOffset).getBigUint64(0, true) / 512n) % 250 : 250;
  });
  return String(r.status);
}

/** Writes sectors of vda from inside the guest through the block layer. */
function write_sectors(m: Machine, sector: number, data: Uint8Array): void {
  const r = run(m, function* () {
    const b = yield* blkdev_get_by_dev(blk_lookup_devt('vda'), FMODE_READ | FMODE_WRITE);
    if (typeof b === 'number') return 1;
    return (yield* blkdev_rw_sectors(b, sector, data, true)) < 0 ? 2 : 0;
  });
  expect(r.status).toBe(0);
}

function mbr(parts: { type: number; start: number; size: number }[]): Uint8Array {
  const s = new Uint8Array(512);
  const dv = new DataView(s.buffer);
  parts.forEach((p, i) => { const o = 446 + 16 * i; s[o + 4] = p.type; dv.setUint32(o + 8, p.start, true); dv.setUint32(o + 12, p.size, true); });
  s[510] = 0x55; s[511] = 0xaa;
  return s;
}

function gpt(nr_sectors: number, parts: { start: number; end: number; name: string }[]): Uint8Array {
  const img = new Uint8Array(34 * 512);
  img.set(mbr([{ type: 0xee, start: 1, size: nr_sectors - 1 }]));
  const ents = img.subarray(1024, 1024 + 128 * 128);
  const ev = new DataView(ents.buffer, ents.byteOffset);
  parts.forEach((p, i) => {
    const o = i * 128;
    ents.fill(0x11, o, o + 16); ents.fill(0x22 + i, o + 16, o + 32);
    ev.setBigUint64(o + 32, BigInt(p.start), true); ev.setBigUint64(o + 40, BigInt(p.end), true);
    [...p.name].forEach((c, k) => ev.setUint16(o + 56 + 2 * k, c.charCodeAt(0), true));
  });
  const h = img.subarray(512, 512 + 92);
  const hv = new DataView(h.buffer, h.byteOffset);
  h.set(new TextEncoder().encode('EFI PART'));
  hv.setUint32(8, 0x10000, true); hv.setUint32(12, 92, true);
  hv.setBigUint64(24, 1n, true); hv.setBigUint64(32, BigInt(nr_sectors - 1), true);
  hv.setBigUint64(40, 34n, true); hv.setBigUint64(48, BigInt(nr_sectors - 34), true);
  hv.setBigUint64(72, 2n, true); hv.setUint32(80, 128, true); hv.setUint32(84, 128, true);
  hv.setUint32(88, efi_crc32(ents), true);
  hv.setUint32(16, efi_crc32(h), true);
  return img;
}

describe('virtio-blk: vda at boot', () => {
  const m = q35();

  it('probes with Linux\'s lines and sits under its virtio device, beside /proc/partitions and /proc/devices', () => {
    expect(dmesg(m)).toEqual(expect.arrayContaining([
      'virtio_blk virtio0: 2/0/0 default/read/poll queues',
      'virtio_blk virtio0: [vda] 131072 512-byte logical blocks (67.1 MB/64.0 MiB)',
    ]));
    const out = m.runCommand('ls -l /sys/block/; cat /proc/partitions; cat /proc/devices').output;
    expect(out).toMatch(/vda -> \.\.\/devices\/pci0000:00\/0000:00:03\.0\/virtio0\/block\/vda$/m);
    expect(out).toContain(' 254        0      65536 vda\n');
    expect(out).toMatch(/Block devices:\n(.*\n)*254 virtblk\n259 blkext\n/);
    // diskseq counts the disks allocated since boot: ram0 first where the kernel config builds the RAM disk in.
    const seq = m.runCommand('ls /sys/block').output.split('\n').includes('ram0') ? 2 : 1;
    expect(m.runCommand('cat /sys/class/block/vda/uevent; readlink /sys/dev/block/254:0').output)
      .toBe(`MAJOR=254\nMINOR=0\nDEVNAME=vda\nDEVTYPE=disk\nDISKSEQ=${seq}\n../../devices/pci0000:00/0000:00:03.0/virtio0/block/vda\n`);
  });

  it('queue/ matches block-vda-queue.txt line for line (the scheduler line lists only `none`)', () => {
    const want = ref('block-vda-queue.txt').split('\n').filter((l) => l && !l.startsWith('#'));
    const got = m.runCommand('cd /sys/block/vda/queue && grep . * 2>&1').output.split('\n').filter(Boolean);
    const strip = (ls: string[]): string[] => ls.filter((l) => !l.startsWith('scheduler:'));
    expect(strip(got)).toEqual(strip(want));
    expect(m.runCommand('cat /sys/block/vda/mq/0/nr_tags /sys/block/vda/mq/1/cpu_list').output).toBe('256\n1\n');
  });

  it('dd reads through the virtqueue: Q G D, the queue\'s MSI-X interrupt, C — later in virtual time', () => {
    const from = m.inspect(() => trace_events().length);
    const off = m.inspect(() => trace_subsystem_enable('block'));
    expect(m.runCommand('dd if=/dev/vda of=/dev/null bs=4096 count=4 2>&1').status).toBe(0);
    m.inspect(off);
    const ev = m.inspect(() => trace_events().slice(from).filter((e) => e.cat === 'block' || (e.cat === 'irq' && e.name === 'irq_handler_entry')));
    const names = ev.map((e) => e.name);
    const d = names.indexOf('block_rq_issue'), c = names.indexOf('block_rq_complete');
    expect(d).toBeGreaterThan(0);
    expect(names.slice(d, c + 1)).toContain('irq_handler_entry');
    expect(ev[c]!.ts).toBeGreaterThan(ev[d]!.ts);
    expect(m.inspect(() => vblk().served)).toBeGreaterThan(0);
  });

  it('what is written reads back (and stays on the device model\'s medium)', () => {
    write_sectors(m, 100, new Uint8Array(512).fill(0x41));
    expect(m.runCommand('dd if=/dev/vda bs=512 skip=100 count=1 2>/dev/null | head -c 8').output).toBe('AAAAAAAA');
  });

  it('BLKRRPART re-reads an MBR (vda1, vda2) and BLKGETSIZE64 reports sizes; partitions are devices with partition/start/size', () => {
    write_sectors(m, 0, mbr([{ type: 0x83, start: 2048, size: 4096 }, { type: 0x83, start: 8192, size: 8192 }]));
    // 4096 sectors of vda1, reported by BLKGETSIZE64 in bytes (the program's exit status carries sectors % 250).
    expect(rereadpt_getsize(m, '/dev/vda1')).toBe(String(4096 % 250));
    const out = m.runCommand('cat /proc/partitions; cat /sys/block/vda/vda2/partition /sys/block/vda/vda2/start /sys/block/vda/vda2/size; cat /sys/class/block/vda1/uevent').output;
    expect(out).toContain(' 254        1       2048 vda1\n 254        2       4096 vda2\n');
    expect(out).toContain('2\n8192\n8192\n');
    expect(out).toContain('DEVTYPE=partition\nPARTN=1');
    expect(dmesg(m)).toContain(' vda: vda1 vda2');
  });

  it('a GPT replaces it: partitions numbered from the table, named by PARTNAME', () => {
    write_sectors(m, 0, gpt(131072, [{ start: 2048, end: 6143, name: 'boot' }, { start: 6144, end: 131038, name: 'root' }]));
    expect(rereadpt_getsize(m, '/dev/vda2')).toBe(String((131038 - 6144 + 1) % 250));
    const out = m.runCommand('cat /proc/partitions; cat /sys/class/block/vda2/uevent').output;
    expect(out).toContain(' 254        1       2048 vda1\n 254        2      62447 vda2\n');
    expect(out).toContain('PARTNAME=root');
  });

  it('a bad sector on the medium: the kernel\'s I/O error line, and dd fails', () => {
    m.inspect(() => vblk().bad_sectors.add(5000));
    const r = m.runCommand('dd if=/dev/vda of=/dev/null bs=512 skip=5000 count=1');
    expect(r.status).not.toBe(0);
    expect(dmesg(m).some((l) => /^I\/O error, dev vda, sector 5000 op 0x0:\(READ\) flags 0x800 phys_seg 1 prio class 2$/.test(l))).toBe(true);
  });
});

describe('virtio-blk: rmmod virtio_blk', () => {
  it('removes vda as virtblk_remove does (del_gendisk, the tag set, the device reset, its queues\' interrupts freed); modprobe brings vda back under the same name, reading', () => {
    const m = q35();
    m.runCommand('dd if=/dev/vda of=/dev/null bs=4k count=4 iflag=direct');
    const r = m.runCommand('rmmod virtio_blk; echo rc=$?; ls /sys/block; cat /proc/partitions; grep -c virtio0-req /proc/interrupts; test -e /dev/vda || echo no /dev/vda');
    expect(r.output).toBe('rc=0\nmajor minor  #blocks  name\n\n0\nno /dev/vda\n');
    // The device is reset: no queue left enabled, the status back to ACKNOWLEDGE.
    expect(m.inspect(() => [vblk().status, vblk().vqs.some((q) => q.enable)])).toEqual([1, false]);
    const again = m.runCommand('modprobe virtio_blk; ls /sys/block; dd if=/dev/vda of=/dev/null bs=4k count=4 iflag=direct 2>&1 | head -1');
    expect(again.output).toBe('vda\n4+0 records in\n');
  });
});

describe('virtio-pci: the transport\'s regions', () => {
  it('requests the capabilities\' BAR as "virtio-pci-modern" (/proc/iomem as the reference but edu\'s line), and gives it back and virtio0\'s name on unbind', () => {
    const m = q35();
    const want = ref('proc-iomem.txt').split('\n').filter((l) => l && !l.startsWith('#') && !/ : edu$/.test(l));
    expect(m.runCommand('cat /proc/iomem').output).toBe(want.join('\n') + '\n');
    const r = m.runCommand('echo 0000:00:03.0 > /sys/bus/pci/drivers/virtio-pci/unbind; grep -c virtio-pci-modern /proc/iomem; ls /sys/bus/virtio/devices /sys/block; echo 0000:00:03.0 > /sys/bus/pci/drivers/virtio-pci/bind; grep virtio-pci-modern /proc/iomem; ls /sys/bus/virtio/devices /sys/block');
    expect(r.output).toBe('0\n/sys/block:\n\n/sys/bus/virtio/devices:\n    fe000000-fe003fff : virtio-pci-modern\n/sys/block:\nvda\n\n/sys/bus/virtio/devices:\nvirtio0\n');
  });
});

describe('virtio-blk: partitions at boot', () => {
  it('add_disk scans vda1 inside virtio_blk\'s initcall, as 6.1 does: before later initcalls and long before /init runs', () => {
    const m = new Machine({ dts: readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8'), dtsName: 'default.dts' });
    m.boot();
    const log = dmesg(m);
    const part = log.indexOf(' vda: vda1');
    expect(part).toBeGreaterThan(log.findIndex((l) => l.startsWith('virtio_blk virtio0: [vda]')));
    expect(part).toBeLessThan(log.findIndex((l) => l.startsWith('Freeing unused kernel image')));
    expect(part).toBeLessThan(log.findIndex((l) => l.startsWith('Run /init')));
  });
});
