// The usb-storage device model (QEMU's dev-storage.c) and its scsi-hd LUN (scsi-disk.c), driven directly: the unit attention after reset, INQUIRY, READ CAPACITY, MODE SENSE's header and caching page, reads and writes of the image, and the Bulk-Only CBW/data/CSW phases with Get Max LUN.
import { describe, it, expect } from 'vitest';
import { SCSIDiskState, CHECK_CONDITION, GOOD } from '../../../kernel-sim/hw/scsi/scsi-disk.ts';
import { MSDState, stick_image, STICK_BYTES } from '../../../kernel-sim/hw/usb/dev-storage.ts';
import type { HwContext } from '../../../kernel-sim/hw/core/qdev.ts';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

describe('scsi-hd', () => {
  it('answers the first command after reset with UNIT ATTENTION 29/00 (INQUIRY exempt), then reads its sense once', () => {
    const d = new SCSIDiskState(new Map(), 2048);
    expect(d.command(new Uint8Array([0x12, 0, 0, 0, 36, 0])).status).toBe(GOOD);
    expect(d.command(new Uint8Array(6)).status).toBe(CHECK_CONDITION);
    expect(hex(d.command(new Uint8Array([0x03, 0, 0, 0, 18, 0])).data)).toBe('70 00 06 00 00 00 00 0a 00 00 00 00 29 00 00 00 00 00');
    expect(d.command(new Uint8Array(6)).status).toBe(GOOD);
    expect(d.command(new Uint8Array([0x03, 0, 0, 0, 18, 0])).data[2]).toBe(0);
  });

  it('INQUIRY, READ CAPACITY(10) and MODE SENSE(6) of all pages are QEMU\'s', () => {
    const d = new SCSIDiskState(new Map(), 131072);
    d.reset();
    d.unit_attention = null;
    const inq = d.command(new Uint8Array([0x12, 0, 0, 0, 36, 0])).data;
    expect(String.fromCharCode(...inq.subarray(8, 36))).toBe('QEMU    QEMU HARDDISK   2.5+');
    expect(hex(inq.subarray(0, 8))).toBe('00 00 05 12 1f 00 00 02');
    expect(hex(d.command(new Uint8Array([0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0])).data)).toBe('00 01 ff ff 00 00 02 00');
    const ms = d.command(new Uint8Array([0x1a, 0, 0x3f, 0, 192, 0])).data;
    expect(ms.length).toBe(100);
    expect(hex(ms.subarray(0, 4))).toBe('63 00 00 08');
    // The caching page comes last, with WCE set.
    expect(hex(ms.subarray(80, 83))).toBe('08 12 04');
    expect(d.command(new Uint8Array([0xff, 0, 0, 0, 0, 0])).status).toBe(CHECK_CONDITION);
    expect(hex(d.command(new Uint8Array([0x03, 0, 0, 0, 18, 0])).data.subarray(12, 14))).toBe('20 00');
  });

  it('writes land in the pages and read back; a block past the end is refused with LBA OUT OF RANGE', () => {
    const pages = new Map<number, Uint8Array>();
    const d = new SCSIDiskState(pages, 64);
    d.unit_attention = null;
    const data = new Uint8Array(1024).map((_, i) => i & 0xff);
    expect(d.command(new Uint8Array([0x2a, 0, 0, 0, 0, 7, 0, 0, 2, 0]), data).status).toBe(GOOD);
    expect(d.command(new Uint8Array([0x28, 0, 0, 0, 0, 7, 0, 0, 2, 0])).data).toEqual(data);
    expect([...pages.keys()]).toEqual([0, 1]);
    expect(d.command(new Uint8Array([0x28, 0, 0, 0, 0, 63, 0, 0, 2, 0])).status).toBe(CHECK_CONDITION);
    expect(hex(d.command(new Uint8Array([0x03, 0, 0, 0, 18, 0])).data.subarray(12, 14))).toBe('21 00');
  });
});

describe('usb-storage (Bulk-Only)', () => {
  const ctx = { log: { log: () => {} }, clock: { now_ns: () => 0 } } as unknown as HwContext;
  const cbw = (tag: number, len: number, dir_in: boolean, cdb: number[]): Uint8Array => {
    const b = new Uint8Array(31), v = new DataView(b.buffer);
    v.setUint32(0, 0x43425355, true); v.setUint32(4, tag, true); v.setUint32(8, len, true);
    b[12] = dir_in ? 0x80 : 0; b[14] = cdb.length; b.set(cdb, 15);
    return b;
  };
  const data = (r: ReturnType<MSDState['handle_data']>): Uint8Array => (r.status === 'ok' ? r.data : new Uint8Array([0xee]));

  it('runs a command through CBW, data-in and CSW, reports a failure in the CSW, and answers Get Max LUN with 0', () => {
    const msd = new MSDState(ctx, 'stick', '1-0000:00:04.0-1');
    msd.handle_control({ bmRequestType: 0, bRequest: 9, wValue: 1, wIndex: 0, wLength: 0 }, new Uint8Array(0));
    expect(data(msd.handle_control({ bmRequestType: 0xa1, bRequest: 0xfe, wValue: 0, wIndex: 0, wLength: 1 }, new Uint8Array(0)))).toEqual(new Uint8Array([0]));
    expect(msd.handle_data(0x02, cbw(7, 0, false, [0, 0, 0, 0, 0, 0]), 31).status).toBe('ok');
    expect(hex(data(msd.handle_data(0x81, new Uint8Array(0), 13)))).toBe('55 53 42 53 07 00 00 00 00 00 00 00 01');
    msd.handle_data(0x02, cbw(8, 512, true, [0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0]), 31);
    const mbr = data(msd.handle_data(0x81, new Uint8Array(0), 512));
    expect(hex(mbr.subarray(510, 512))).toBe('55 aa');
    expect(mbr[446 + 4]).toBe(0x83);
    expect(hex(data(msd.handle_data(0x81, new Uint8Array(0), 13)))).toBe('55 53 42 53 08 00 00 00 00 00 00 00 00');
  });

  it('reports a short data-in in the CSW residue, and stalls a CBW with a bad signature', () => {
    const msd = new MSDState(ctx, 'stick', '1');
    msd.handle_control({ bmRequestType: 0, bRequest: 9, wValue: 1, wIndex: 0, wLength: 0 }, new Uint8Array(0));
    msd.handle_data(0x02, cbw(1, 96, true, [0x12, 0, 0, 0, 96, 0]), 31);
    expect(data(msd.handle_data(0x81, new Uint8Array(0), 96)).length).toBe(36);
    expect(hex(data(msd.handle_data(0x81, new Uint8Array(0), 13)).subarray(8))).toBe('3c 00 00 00 00');
    expect(msd.handle_data(0x02, new Uint8Array(31), 31).status).toBe('stall');
  });

  it('carries an ext2 filesystem in its first partition', () => {
    const pages = stick_image();
    const sb = pages.get(Math.floor((2048 * 512 + 1024) / 4096))!;
    const off = (2048 * 512 + 1024) % 4096;
    expect(sb[off + 56] | (sb[off + 57]! << 8)).toBe(0xef53);
    expect(STICK_BYTES).toBe(64 << 20);
  });
});
