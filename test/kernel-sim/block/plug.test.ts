// The kernel plugs its own IO paths as 6.1 does, seen through blktrace on an ext2 on vdb: writeback (mpage_writepages) sends a file's pages as bios of adjacent blocks between P and U, the metadata buffers of fsync merge in sync_blockdev's plug, readahead reads a window as REQ_RAHEAD bios under read_pages' plug, ext2's O_DIRECT (do_blockdev_direct_IO) plugs its bios, and the block device's O_DIRECT is one unplugged bio up to BIO_MAX_VECS pages (__blkdev_direct_IO_simple) and plugged bios beyond.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');

/** A blkparse default-format line: device, cpu, seq, time, pid, action, rwbs, then sector + count [comm] (or [comm] depth). */
const LINE = /^254,16 +\d+ +\d+ +[\d.]+ +\d+ +([A-Z]{1,2}) +([A-Z]+) (.*)$/;
interface ev { act: string; rwbs: string; sector: number; nr: number; comm: string }

function events(out: string): ev[] {
  const r: ev[] = [];
  for (const l of out.split('\n')) {
    const m = LINE.exec(l);
    if (!m) continue;
    // sector + count [comm]; a split's sector / new_sector [comm] (nr 0); P and U's [comm].
    const io = /^(\d+) \+ (\d+) \[(.*)\]$/.exec(m[3]!), x = /^(\d+) \/ \d+ \[(.*)\]$/.exec(m[3]!), pu = /^\[(.*)\]/.exec(m[3]!);
    r.push({ act: m[1]!, rwbs: m[2]!, sector: io ? Number(io[1]) : x ? Number(x[1]) : -1, nr: io ? Number(io[2]) : 0, comm: io ? io[3]! : x ? x[2]! : pu?.[1] ?? '' });
  }
  return r;
}

const acts = (e: ev[]): string => e.map((x) => x.act).join(' ');
const sectors = (e: ev[], act: string): number => e.filter((x) => x.act === act).reduce((s, x) => s + x.nr, 0);

describe('plugging on the kernel\'s own paths', () => {
  const m = new Machine({ dts, dtsName: 'default.dts' });
  m.boot();
  const sh = (cmd: string): string => m.runCommand(cmd).output;
  const trace = (cmd: string): ev[] => events(sh(`blktrace -d /dev/vdb -w 2 -o - | blkparse -i - > /tmp/p & sleep 1; ${cmd}; wait; cat /tmp/p`));
  sh('mount -t debugfs debugfs /sys/kernel/debug; mkfs.ext2 -q /dev/vdb && mount -t ext2 /dev/vdb /mnt');

  it('fsync after a buffered write: the file\'s 16 pages go as a few multi-page WS bios under one plug (P, U with their number, then D), and the metadata buffers merge in the plug (M)', () => {
    const e = trace('dd if=/dev/zero of=/mnt/f bs=4k count=16 conv=fsync 2>/dev/null');
    // The file's data: dd's bios larger than one 1 KiB metadata block, with the plug's P and U.
    const data = e.filter((x) => x.comm === 'dd' && (x.act === 'P' || x.act === 'U' || (x.rwbs === 'WS' && x.nr > 2)));
    const q = data.filter((x) => x.act === 'Q');
    expect(sectors(data, 'Q')).toBe(128); // 64 KiB of file data
    expect(q.length).toBeGreaterThan(0);
    expect(q.length).toBeLessThan(4); // runs of adjacent blocks, not a bio per page (16)
    expect(acts(data)).toMatch(/^Q G P (Q G )*U /);
    const u = e.find((x) => x.act === 'U')!;
    expect(u.comm).toBe('dd');
    expect(acts(data).indexOf('D')).toBeGreaterThan(acts(data).indexOf('U'));
    // The inode, bitmaps and group descriptors: sync_blockdev submits them together, adjacent ones merge.
    expect(e.some((x) => x.act === 'M' && x.rwbs === 'WS')).toBe(true);
  });

  it('readahead: a cold read of the file is REQ_RAHEAD bios (RA) gathered under one plug and issued at U, no bio per page', () => {
    sh('echo 3 > /proc/sys/vm/drop_caches');
    const e = trace('cat /mnt/f > /dev/null');
    const ra = e.filter((x) => x.rwbs === 'RA');
    expect(sectors(ra, 'Q')).toBe(128);
    expect(ra.filter((x) => x.act === 'Q').length).toBeLessThan(4);
    const seq = e.filter((x) => x.rwbs === 'RA' || x.act === 'P' || x.act === 'U').map((x) => x.act).join(' ');
    expect(seq).toMatch(/P (Q G )*U (D )+/);
    const unplug = e.filter((x) => x.act === 'U').at(-1)!;
    expect(unplug.comm).toBe('cat');
    expect(sh('od -An -tx1 /mnt/f')).toBe(` ${'00 '.repeat(15)}00\n*\n`); // the data read back is the file's
  });

  it('ext2 O_DIRECT: do_blockdev_direct_IO plugs its bios (R, not RA, P and U) and reads what was written', () => {
    sh('dd if=/dev/urandom of=/mnt/g bs=4k count=16 conv=fsync 2>/dev/null');
    const e = trace('dd if=/mnt/g of=/tmp/g1 bs=64k count=1 iflag=direct 2>/dev/null');
    const r = e.filter((x) => x.rwbs === 'R' && x.comm === 'dd');
    expect(sectors(r, 'Q')).toBe(128);
    expect(acts(e.filter((x) => x.comm === 'dd'))).toMatch(/^Q G P (Q G )*U /);
    const od = (f: string): string => sh(`od -An -tx1 ${f}`);
    expect(od('/tmp/g1')).toBe(od('/mnt/g'));
    // A direct write through the same path: WS bios, and a buffered read sees the new bytes.
    sh('dd if=/dev/urandom of=/tmp/h bs=64k count=1 2>/dev/null');
    const w = trace('dd if=/tmp/h of=/mnt/g bs=64k count=1 oflag=direct conv=notrunc 2>/dev/null');
    expect(sectors(w.filter((x) => x.rwbs === 'WS' && x.comm === 'dd'), 'Q')).toBeGreaterThanOrEqual(128);
    sh('echo 3 > /proc/sys/vm/drop_caches');
    expect(od('/mnt/g')).toBe(od('/tmp/h'));
    expect(sh('dd if=/mnt/g of=/dev/null bs=100 count=1 iflag=direct 2>&1 | head -1')).toMatch(/Invalid argument/);
  });

  it('the block device\'s O_DIRECT: up to 256 pages one bio and no plug; 2 MiB is two 1 MiB bios under a plug, each split at virtio-blk\'s 254 segments (X)', () => {
    const mine = (e: ev[]): ev[] => e.filter((x) => x.sector >= 16384 && x.sector < 16384 + 4096 || (x.act === 'P' || x.act === 'U') && x.comm === 'dd');
    const small = mine(trace('dd if=/dev/vdb of=/dev/null bs=512k count=1 skip=16 iflag=direct 2>/dev/null'));
    expect(acts(small)).toBe('Q G D C');
    expect(small[0]!.nr).toBe(1024);
    const big = mine(trace('dd if=/dev/vdb of=/dev/null bs=2M count=1 skip=4 iflag=direct 2>/dev/null'));
    expect(big.filter((x) => x.act === 'Q').map((x) => `${x.sector}+${x.nr}`)).toEqual(['16384+2048', '18432+2048']);
    // The split's first part plugs (P); the 1 MiB bio's second request finds a request of >= 128 KiB in the plug, which goes out first.
    expect(acts(big)).toMatch(/^Q X G P G U D P Q X G G /);
    expect(big.filter((x) => x.act === 'X').map((x) => x.sector)).toEqual([16384, 18432]);
    expect(big.filter((x) => x.act === 'D').map((x) => x.nr)).toEqual([2032, 16, 2032, 16]);
    expect(sh('dd if=/dev/vdb of=/dev/null bs=1000 count=1 iflag=direct 2>&1 | head -1')).toMatch(/Invalid argument/);
  });
});
