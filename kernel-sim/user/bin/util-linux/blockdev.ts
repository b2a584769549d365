// Models util-linux blockdev(8): the --getX queries (ioctls on the device), --setro/--setrw, --flushbufs, --rereadpt, and --report's table.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { major, minor } from '../../lib/unistd.ts';
import { O_RDONLY } from '../../../include/uapi/stat.ts';

/** include/uapi/linux/fs.h: the block device ioctls blockdev issues. */
const BLKROSET = 0x125d, BLKROGET = 0x125e, BLKRRPART = 0x125f, BLKGETSIZE = 0x1260, BLKFLSBUF = 0x1261, BLKSSZGET = 0x1268;
const BLKBSZGET = 0x80081270, BLKGETSIZE64 = 0x80081272, BLKPBSZGET = 0x127b, BLKIOMIN = 0x1278, BLKIOOPT = 0x1279;

/** One command of blockdev's table (bdcms in blockdev.c): its ioctl and how wide its answer is; `set` passes an int in. */
interface bdcmd { ioc: number; size: 4 | 8; set?: number; print: boolean }

const CMDS: Readonly<Record<string, bdcmd>> = {
  '--setro': { ioc: BLKROSET, size: 4, set: 1, print: false },
  '--setrw': { ioc: BLKROSET, size: 4, set: 0, print: false },
  '--getro': { ioc: BLKROGET, size: 4, print: true },
  '--getss': { ioc: BLKSSZGET, size: 4, print: true },
  '--getpbsz': { ioc: BLKPBSZGET, size: 4, print: true },
  '--getiomin': { ioc: BLKIOMIN, size: 4, print: true },
  '--getioopt': { ioc: BLKIOOPT, size: 4, print: true },
  '--getbsz': { ioc: BLKBSZGET, size: 4, print: true },
  '--getsize': { ioc: BLKGETSIZE, size: 8, print: true },
  '--getsize64': { ioc: BLKGETSIZE64, size: 8, print: true },
  '--flushbufs': { ioc: BLKFLSBUF, size: 4, print: false },
  '--rereadpt': { ioc: BLKRRPART, size: 4, print: false },
};

const num = (b: Uint8Array, size: number): number => {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return size === 8 ? Number(dv.getBigUint64(0, true)) : dv.getInt32(0, true);
};

/** One query: the ioctl's answer, or -errno. --getsz is BLKGETSIZE64 in 512-byte sectors. */
function* query(c: Libc, fd: number, name: string): KGen<number> {
  if (name === '--getsz') { const v = yield* query(c, fd, '--getsize64'); return v < 0 ? v : Math.floor(v / 512); }
  const cmd = CMDS[name]!;
  const arg = new Uint8Array(cmd.size);
  if (cmd.set !== undefined) new DataView(arg.buffer).setInt32(0, cmd.set, true);
  const [r, out] = yield* c.ioctl(fd, cmd.ioc, arg, cmd.size);
  return r < 0 ? r : cmd.print ? num(out, cmd.size) : 0;
}

/** A --report line: RO, read-ahead (sectors), sector and block size, start sector (from sysfs), size in bytes. */
function* report_line(c: Libc, fd: number, dev: string): KGen<string | number> {
  const st = yield* c.fstat(fd);
  if (typeof st === 'number') return st;
  const sys = `/sys/dev/block/${major(st.rdev)}:${minor(st.rdev)}`;
  const start = yield* c.read_text(`${sys}/start`);
  const ra_kb = (yield* c.read_text(`${sys}/queue/read_ahead_kb`)) as string | number;
  const ra = typeof ra_kb === 'string' ? ra_kb : yield* c.read_text(`${sys}/../queue/read_ahead_kb`);
  const v = [yield* query(c, fd, '--getro'), yield* query(c, fd, '--getss'), yield* query(c, fd, '--getbsz'), yield* query(c, fd, '--getsize64')];
  const bad = v.find((x) => x < 0);
  if (bad !== undefined) return bad;
  const [ro, ssz, bsz, bytes] = v;
  const ra_sectors = typeof ra === 'string' ? Number(ra.trim()) * 2 : 0;
  const start_sec = typeof start === 'string' ? Number(start.trim()) : 0;
  return `${ro ? 'ro' : 'rw'} ${String(ra_sectors).padStart(5)} ${String(ssz).padStart(5)} ${String(bsz).padStart(5)} ${String(start_sec).padStart(15)} ${String(bytes).padStart(15)}   ${dev}\n`;
}

const USAGE = 'Usage:\n blockdev [-v|-q] commands devices\n blockdev --report [devices]\n';

export function* blockdev_main(c: Libc, argv: string[]): KGen<number> {
  const args = argv.slice(1).filter((a) => a !== '-q' && a !== '-v');
  if (!args.length) { yield* c.write(2, USAGE); return 1; }
  if (args[0] === '--report') {
    let out = 'RO    RA   SSZ   BSZ        StartSec            Size   Device\n', status = 0;
    for (const dev of args.slice(1)) {
      const fd = yield* c.open(dev, O_RDONLY);
      if (fd < 0) { yield* c.write(2, `blockdev: cannot open ${dev}: ${strerror(-fd)}\n`); status = 1; continue; }
      const l = yield* report_line(c, fd, dev);
      yield* c.close(fd);
      if (typeof l === 'number') { yield* c.write(2, `blockdev: ${dev}: ${strerror(-l)}\n`); status = 1; } else out += l;
    }
    yield* c.write(1, out);
    return status;
  }
  const cmds = args.filter((a) => a.startsWith('--'));
  const devs = args.filter((a) => !a.startsWith('--'));
  const unknown = cmds.find((a) => a !== '--getsz' && !CMDS[a]);
  if (unknown) { yield* c.write(2, `blockdev: Unknown command: ${unknown}\n\n${USAGE}`); return 1; }
  if (!devs.length) { yield* c.write(2, `blockdev: no device specified\n\n${USAGE}`); return 1; }
  let status = 0;
  for (const dev of devs) {
    const fd = yield* c.open(dev, O_RDONLY);
    if (fd < 0) { yield* c.write(2, `blockdev: cannot open ${dev}: ${strerror(-fd)}\n`); status = 1; continue; }
    for (const cmd of cmds) {
      const v = yield* query(c, fd, cmd);
      if (v < 0) { yield* c.write(2, `blockdev: ioctl error on ${cmd.slice(2).toUpperCase()}: ${strerror(-v)}\n`); status = 1; break; }
      if (cmd === '--getsz' || CMDS[cmd]!.print) yield* c.write(1, `${v}\n`);
    }
    yield* c.close(fd);
  }
  return status;
}
